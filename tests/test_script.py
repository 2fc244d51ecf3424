"""Script detection from script-specific characters (derived from OpenCC's own tables)."""
from __future__ import annotations

import pytest
from conftest import SEEDS

from corpus_clean.script import MIXED_SHARE, detect_script

CASES = [
    ("我们的政府工作报告", "simplified"),
    ("我們的政府工作報告", "traditional"),
    ("中文", "none"),  # characters common to both scripts
    ("Hello, world 2024", "none"),
    ("", "none"),
    ("这是简体。這是繁體。這些國家發展經濟", "mixed"),
    ("這是繁體中文的文章，包括很多個漢字，只有一个是錯的", "traditional"),  # one stray character
]


@pytest.mark.parametrize("text,script", CASES)
def test_verdicts(text, script):
    assert detect_script(text).script == script


@pytest.mark.parametrize("name,script", [("000", "simplified"), ("001", "simplified"), ("002", "traditional"),
                                         ("003", "simplified"), ("004", "traditional")])
def test_seeds(name, script):
    text = next((SEEDS / "expected").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    verdict = detect_script(text)
    assert verdict.script == script
    minority = min(verdict.simplified, verdict.traditional)
    assert minority / (verdict.simplified + verdict.traditional) < MIXED_SHARE


def test_counts_are_exposed():
    v = detect_script("们們们們")
    assert (v.simplified, v.traditional, str(v)) == (2, 2, "mixed")
    one_stray = detect_script("们們们")  # a single minority character is not a mix
    assert (one_stray.simplified, one_stray.traditional, str(one_stray)) == (2, 1, "simplified")
