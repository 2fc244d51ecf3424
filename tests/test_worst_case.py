"""Worst-case time of the whole pipeline: 10x the input must cost under 20x the time.

Ratios, not absolute times, so the test holds on slow and loaded machines; the collector is
paused while timing, since its pauses grow with live objects rather than with the work.
"""
from __future__ import annotations

import gc
import time

import pytest

from corpus_clean import clean

UNITS = {
    "open-parens": "(",
    "nested-a": "((((a",
    "a(b(c(": "a(b(c(",
    "mixed-brackets": "（(［[【",
    "no-newlines": "新(xīn)時代的發展，",
    "short-lines": "分享到\n",
    "footer-lines": "版权所有 © 某某网\n",
    "long-han-line": "漢" * 997 + "\n",
    "digits-and-colons": "2023-01-01 12:00:",
    "spaces": " \u3000\u00a0",
    # Openings that never close: a scan from each one must not run to the end of the text.
    "unclosed-pinyin": "(chuan ",
    "unclosed-full-width": "（xīn ",
    "unclosed-square": "[xíng ",
    "unclosed-after-han": "傳(chuan",
    "unclosed-zhuyin": "中(ㄓㄨㄥ ",
    "closing-run": ")",
    "dense-layer": "傳(chuan)統(tong)",
    "urls": "http://a.b/",
    "colons": "：",
}


def _best(text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            clean(text)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_ten_times_the_input_costs_under_twenty_times_the_time(unit):
    small = unit * (50_000 // len(unit))
    _best(small)  # warm the lazy dictionaries and rules
    ratio = _best(small * 10) / max(_best(small), 1e-4)
    assert ratio < 20, f"10x input took {ratio:.1f}x the time"


@pytest.mark.parametrize("unit", ["新(xīn)時代的發展，", "漢", "a(b(c(（(［[【"], ids=["annotated", "han", "brackets"])
def test_a_megabyte_without_newlines_then_ten(unit):
    """1 MB and 10 MB (UTF-8) on one line: no line structure for a step to lean on."""
    small = unit * ((1 << 20) // len(unit.encode("utf-8")))
    _best(small[:10_000], 1)
    ratio = _best(small * 10, 2) / max(_best(small, 2), 1e-4)
    assert ratio < 20, f"10 MB took {ratio:.1f}x the time of 1 MB"
