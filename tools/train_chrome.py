"""Refit the chrome step's weights (``corpus_clean/rules/chrome-weights.txt``) from labelled pages.

    python tools/train_chrome.py [FOLDER] [--write | --output FILE]        (``make train``)

FOLDER holds ``raw/`` and ``expected/`` pages (``../shared/dev`` by default).  Each non-blank
line of the text the chrome step receives is labelled by aligning it with the expected output
(``devset.line_labels``) and described by ``line_evidence.page_evidence``; a logistic regression
(scikit-learn, needed only here: ``pip install -e '.[train]'``) weighs the evidence, each line
counted by its length, as the scorer counts characters.  Every page is from a different site,
so leaving one page out is leaving its site out: the threshold is chosen on those
leave-one-page-out predictions (the highest share of furniture removed while recall stays at
the target), and the figures printed are the ones to expect on sites nobody has seen.
"""
from __future__ import annotations

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from devset import DEFAULT_DIR, line_labels, load_pages

from corpus_clean.chrome import page_rows
from corpus_clean.line_evidence import FEATURES
from corpus_clean.pipeline import CleanConfig, build_pipeline

WEIGHTS = os.path.join(os.path.dirname(__file__), "..", "corpus_clean", "rules", "chrome-weights.txt")
# Lines weigh by their length, capped: one long paragraph must not outweigh a page of menus.
MAX_WEIGHT = 1000
C = 0.05  # inverse regularisation strength of the logistic regression (strong: few pages)


def page_data(folder: str):
    """Per page: (name, rows, furniture labels, chars, kept share) of its non-blank lines."""
    before_chrome = build_pipeline(CleanConfig(chrome=False, layout=False))
    data = []
    for page in load_pages(folder):
        text = before_chrome.run(page.raw).text
        found, index, rows, open_ = page_rows(text)
        shares = line_labels(text, page.expected)
        # the weights decide the lines that no rule removed whole and no guard protects
        index, rows = [index[k] for k in open_], [rows[k] for k in open_]
        kept = [shares[i] for i in index]
        chars = [len(found.stripped[i]) for i in index]
        data.append((page.name, rows, [int(k < 0.5) for k in kept], chars, kept))
    return data


def fit(data):
    from sklearn.linear_model import LogisticRegression

    X = [r for _, rows, _, _, _ in data for r in rows]
    y = [v for _, _, labels, _, _ in data for v in labels]
    w = [min(c, MAX_WEIGHT) for _, _, _, chars, _ in data for c in chars]
    if len(set(y)) < 2:  # nothing to weigh against: no evidence either way (p = 0.5, kept)
        return [0.0] * len(FEATURES)
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000)
    model.fit(X, y, sample_weight=w)
    return list(model.coef_[0])


def probabilities(coef, rows):
    out = []
    for row in rows:
        z = sum(a * b for a, b in zip(coef, row))
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def figures(pages, threshold):
    """Micro precision, recall and dirt removed (by characters) when lines with a furniture
    probability at or above ``threshold`` go: the scorer's measures, line by line."""
    out = matched = expected = dirt = dirt_left = 0.0
    worst = (1.0, "")
    for name, probs, chars, kept in pages:
        p_exp = p_match = 0.0
        for p, c, k in zip(probs, chars, kept):
            expected += c * k
            p_exp += c * k
            dirt += c * (1 - k)
            if p < threshold:
                out += c
                matched += c * k
                p_match += c * k
                dirt_left += c * (1 - k)
        if p_exp and p_match / p_exp < worst[0]:
            worst = (p_match / p_exp, name)
    return (matched / out if out else 0.0, matched / expected if expected else 1.0,
            1 - dirt_left / dirt if dirt else 1.0, worst)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=DEFAULT_DIR)
    ap.add_argument("--write", action="store_true", help="write the shipped weights file")
    ap.add_argument("--output", help="write the weights to this file instead (for --weights)")
    ap.add_argument("--recall", type=float, default=0.997, help="recall the threshold must keep on held-out pages")
    args = ap.parse_args()
    data = page_data(args.folder)
    print(f"{len(data)} pages, {sum(len(d[1]) for d in data)} lines", file=sys.stderr)
    held_out = []
    for k, (name, rows, _, chars, kept) in enumerate(data):
        coef = fit(data[:k] + data[k + 1:])
        held_out.append((name, probabilities(coef, rows), chars, kept))
    print("threshold  P      R      dirt   worst page recall (leave-one-page-out)")
    best = None
    for t in [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99]:
        p, r, d, worst = figures(held_out, t)
        print(f"{t:<9}  {p:.3f}  {r:.3f}  {d:.3f}  {worst[0]:.3f} {worst[1]}")
        if r >= args.recall and (best is None or d > best[1]):
            best = (t, d)
    threshold = best[0] if best else 0.99
    coef = fit(data)
    p, r, d, worst = figures([(n, probabilities(coef, rows), c, k) for n, rows, _, c, k in data], threshold)
    print(f"chosen threshold {threshold}; in-sample P={p:.3f} R={r:.3f} dirt={d:.3f}")
    target = args.output or (WEIGHTS if args.write else None)
    if target:
        write_weights(target, coef, threshold, len(data), sum(len(x[1]) for x in data))
        print(f"wrote {os.path.normpath(target)}", file=sys.stderr)
    return 0


def write_weights(path: str, coef, threshold: float, pages: int, lines: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(pages=pages, lines=lines))
        fh.write(f"threshold {threshold}\n\n")
        fh.writelines(f"{name:<16} {value:+.4f}\n" for name, value in sorted(zip(FEATURES, coef), key=lambda x: -abs(x[1])))


HEADER = """\
# Weights of the chrome step's line decision (corpus_clean.chrome._decide).
#
# Each line of a page is described by the evidence of corpus_clean/line_evidence.py (its
# shape, its place relative to the article body, its neighbours, repetition and the rule
# files' verdicts), every feature a number in [0, 1].  The weighted sum gives the probability
# that the line is page furniture; a whole line goes at or above `threshold`, which was
# chosen on leave-one-page-out predictions to keep the author's text (recall) first.
# A positive weight is evidence of furniture, a negative one of the author's text.
#
# Fitted by tools/train_chrome.py (`make train`) on {pages} labelled pages ({lines} lines), a
# logistic regression with each line weighted by its length.  Refit after changing the
# features or the rules; edit by hand only to experiment.

"""

if __name__ == "__main__":
    sys.exit(main())
