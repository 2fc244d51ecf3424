"""No quadratic behaviour on adversarial input, measured so that a busy machine cannot fail it.

Each unit of ``cases/worst_case.json`` is repeated into a small input and one 100 times larger;
the larger may cost at most 1,000 times the smaller: linear work gives about 100x, quadratic
work 10,000x, so the verdict has a factor of ten to spare either way.  The cost is the CPU time
of this process (``time.process_time``), not the wall clock: time spent waiting for a core that
another process holds is not counted, so a loaded machine changes neither side of the ratio by
more than cache effects.  The collector is paused while measuring (its pauses grow with live
objects, not with the work).  The 10x wall-clock ratios of old are in ``make bench``.
"""
from __future__ import annotations

import gc
import json
import time

import pytest
from conftest import ROOT

from corpus_clean import clean
from corpus_clean.annotations import remove_annotations

CASES = json.loads((ROOT / "tests" / "cases" / "worst_case.json").read_text(encoding="utf-8"))
FACTOR, BOUND = 100, 1000


def cpu_cost(fn, text: str, runs: int) -> float:
    """The least CPU time of ``runs`` calls of ``fn(text)``."""
    costs = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            fn(text)
            costs.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(costs)


def growth(fn, unit: str, small_chars: int) -> float:
    """How many times the cost of ``fn`` on ``unit`` repeated into ``small_chars`` grows when
    the input is ``FACTOR`` times longer."""
    small = unit * max(1, small_chars // len(unit))
    cpu_cost(fn, small, 1)  # warm the lazy dictionaries and rules
    return cpu_cost(fn, small * FACTOR, 2) / max(cpu_cost(fn, small, 5), 1e-5)


@pytest.mark.slow
@pytest.mark.parametrize("unit", CASES["pipeline"].values(), ids=CASES["pipeline"].keys())
def test_the_pipeline_is_not_quadratic(unit):
    ratio = growth(clean, unit, 5_000)
    assert ratio < BOUND, f"{FACTOR}x input cost {ratio:.0f}x the CPU time"


@pytest.mark.slow
@pytest.mark.parametrize("unit", CASES["annotations"].values(), ids=CASES["annotations"].keys())
def test_the_annotation_step_is_not_quadratic(unit):
    ratio = growth(lambda text: remove_annotations(text, "all"), unit, 5_000)
    assert ratio < BOUND, f"{FACTOR}x input cost {ratio:.0f}x the CPU time"


@pytest.mark.slow
@pytest.mark.parametrize("unit", CASES["one-line"].values(), ids=CASES["one-line"].keys())
def test_ten_megabytes_without_a_newline(unit):
    """100 KB and 10 MB (UTF-8) on one line: no line structure for a step to lean on."""
    chars = (100_000 // len(unit.encode("utf-8"))) * len(unit)
    ratio = growth(clean, unit, chars)
    assert ratio < BOUND, f"10 MB cost {ratio:.0f}x the CPU time of 100 KB"
