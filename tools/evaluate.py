"""Score ``strip`` (and ``annotations``) on a folder of labelled real pages (``make eval``).

    python tools/evaluate.py [FOLDER] [--pages] [--only REGEX] [--lopo]

FOLDER holds ``raw/``, ``expected/`` and optionally ``annotations-expected/`` (``../shared/dev``
by default).  The measures are the shared scorer's: texts compared after folding whitespace,
precision = matched / output characters (dirt left in), recall = matched / expected characters
(the author's text lost), dirt removed = the share of the raw text's unmatched characters that
the output no longer has.  Rows per kind of page (the file name's first letter), then micro
figures.  ``--lopo`` also scores ``strip`` with the chrome weights refitted without each page
(leave-one-page-out: each page is another site, so this is the figure to expect on unseen sites).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(__file__))

from devset import DEFAULT_DIR, fold, load_pages, matched

from corpus_clean.annotations import remove_annotations
from corpus_clean.pipeline import CleanConfig, build_pipeline

KINDS = {
    "A": "news and government portals",
    "B": "forums, blogs, Q&A, libraries, novels, TW/HK/Macau sites",
    "C": "Markdown crawls, mirrors, reading layers",
    "D": "whole documents: exports, threads, comments, feeds",
    "E": "local portals and pages about readings",
}


class Tally:
    def __init__(self) -> None:
        self.m = self.o = self.e = self.dirt_raw = self.dirt_out = 0
        self.pages = self.exact = 0
        self.worst = (2.0, "")

    def add(self, name: str, raw: str, out: str, exp: str) -> tuple[float, float, float, bool]:
        raw, out, exp = fold(raw), fold(out), fold(exp)
        m = matched(out, exp)
        dirt_raw = len(raw) - matched(raw, exp)
        self.m, self.o, self.e = self.m + m, self.o + len(out), self.e + len(exp)
        self.dirt_raw, self.dirt_out = self.dirt_raw + dirt_raw, self.dirt_out + len(out) - m
        self.pages += 1
        self.exact += out == exp
        r = m / len(exp) if exp else 1.0
        self.worst = min(self.worst, (r, name))
        return (m / len(out) if out else 0.0, r,
                1 - (len(out) - m) / dirt_raw if dirt_raw else 1.0, out == exp)

    def row(self) -> str:
        p = self.m / self.o if self.o else 0.0
        r = self.m / self.e if self.e else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        d = 1 - self.dirt_out / self.dirt_raw if self.dirt_raw else 1.0
        return (f"{self.pages:>5} | {p:.3f} | {r:.3f} | {f:.3f} | {d:.3f} | {self.exact:>5} | "
                f"{self.worst[0]:.3f} ({self.worst[1][:3]})")


HEAD = "| kind | pages | P | R | F1 | dirt removed | exact | lowest page R |\n|---|---:|---:|---:|---:|---:|---:|---|"


def score_strip(pages, clean, show_pages: bool, label: str) -> None:
    kinds: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for page in pages:
        out = clean(page)
        figures = total.add(page.name, page.raw, out, page.expected)
        kinds[page.name[0]].add(page.name, page.raw, out, page.expected)
        if show_pages:
            p, r, d, exact = figures
            print(f"{page.name}: P={p:.4f} R={r:.4f} dirt_removed={d:.4f}{' exact' if exact else ''}")
    print(f"\n{label}\n\n{HEAD}")
    for kind in sorted(kinds):
        print(f"| {kind}: {KINDS.get(kind, '')} | {kinds[kind].row()} |")
    print(f"| all (micro) | {total.row()} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=DEFAULT_DIR)
    ap.add_argument("--pages", action="store_true", help="a line per page too")
    ap.add_argument("--only", default="", help="regex: only the pages whose names match")
    ap.add_argument("--lopo", action="store_true", help="also leave-one-page-out chrome weights")
    args = ap.parse_args()
    pages = load_pages(args.folder, only=args.only)
    strip = build_pipeline(CleanConfig())
    score_strip(pages, lambda p: strip.run(p.raw).text, args.pages,
                "`strip` (shipped weights: in-sample for pages they were fitted on)")
    if args.lopo:
        from lopo import held_out_cleaner

        score_strip(pages, held_out_cleaner(args.folder), args.pages,
                    "`strip`, chrome weights fitted without the page (leave-one-page-out)")
    ann = load_pages(args.folder, expected="annotations-expected", only=args.only) \
        if os.path.isdir(os.path.join(args.folder, "annotations-expected")) else []
    if ann:
        tally = Tally()
        for page in ann:
            out = remove_annotations(page.raw, "auto").text
            p, r, d, exact = tally.add(page.name, page.raw, out, page.expected)
            if args.pages:
                print(f"{page.name}: P={p:.4f} R={r:.4f} dirt_removed={d:.4f}{' exact' if exact else ''}")
        print(f"\n`annotations` on the pages with readings\n\n{HEAD}\n| readings | {tally.row()} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
