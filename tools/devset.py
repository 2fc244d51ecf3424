"""Pages of a labelled folder (``raw/`` + ``expected/``) and the line labels they imply.

Evaluation (``make eval``) and fitting (``make train``) read real pages from a folder given on
the command line (``../shared/dev`` by default); the pages are third-party text and never
enter the repository.  A line's label comes from aligning the text the chrome step receives
with what ``strip`` must print: a line whose characters mostly survive is the author's.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

WS = re.compile(r"\s+")
DEFAULT_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "dev")


def fold(text: str) -> str:
    """Whitespace runs folded into one space, as the shared scorer compares texts."""
    return WS.sub(" ", text).strip()


@dataclass
class Page:
    name: str
    raw: str
    expected: str


def load_pages(folder: str, expected: str = "expected", only: str = "") -> list[Page]:
    """Every page of ``folder/expected`` that has a raw text, in name order."""
    pages = []
    exp_dir = os.path.join(folder, expected)
    for name in sorted(os.listdir(exp_dir)):
        raw_path = os.path.join(folder, "raw", name)
        if not os.path.isfile(raw_path) or (only and not re.search(only, name)):
            continue
        with open(raw_path, encoding="utf-8") as fh:
            raw = fh.read()
        with open(os.path.join(exp_dir, name), encoding="utf-8") as fh:
            pages.append(Page(name, raw, fh.read()))
    return pages


def matched(a: str, b: str) -> int:
    """Characters of ``a`` and ``b`` that one alignment matches (the scorer's measure)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def line_labels(text: str, expected: str) -> list[float | None]:
    """For each line of ``text``, the share of its characters found in ``expected`` in order
    (None for a blank line).  1.0 is kept, 0.0 removed, in between a line cut in part."""
    lines = text.split("\n")
    folded = [fold(line) for line in lines]
    joined, owner = [], []
    for i, f in enumerate(folded):
        if f:
            joined.append(f + " ")
            owner.extend([i] * (len(f) + 1))
    a = "".join(joined)
    b = fold(expected) + " "
    hits = [0] * len(lines)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for block in sm.get_matching_blocks():
        for k in range(block.a, block.a + block.size):
            if a[k] != " ":
                hits[owner[k]] += 1
    out: list[float | None] = []
    for i, f in enumerate(folded):
        n = len(f.replace(" ", ""))
        out.append(hits[i] / n if n else None)
    return out
