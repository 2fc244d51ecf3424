"""Repair of a naive Simplified->Traditional conversion: exactly the wrong characters."""
from __future__ import annotations

import pytest
from conftest import SEEDS

from corpus_clean import clean
from corpus_clean.repair import repair_conversion


def _seed(name: str) -> str:
    return next((SEEDS / "expected").glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("wrong,right", [
    ("方麵", "方面"), ("局麵", "局面"), ("同誌", "同志"), ("機製", "機制"), ("體係", "體系"), ("曆次", "歷次"),
])
def test_the_seed_errors_are_fixed(wrong, right):
    assert repair_conversion(f"我們在這{wrong}上做了很多工作。")[0] == f"我們在這{right}上做了很多工作。"


@pytest.mark.parametrize("text", [
    "為人民服務",  # 為/爲: variants, a round trip would write 爲
    "人群聚集",  # 群/羣
    "平台建設",  # 台 is its own traditional form; a round trip writes 臺
    "他表示同意",  # a round trip writes 錶示 (a dictionary error)
    "製造業",  # 製 is right here
    "關係密切",  # 係 is right here
    "日曆",  # 曆 is right here
    "English only",
])
def test_right_characters_are_left_alone(text):
    assert repair_conversion(text) == (text, [])


@pytest.mark.parametrize("name,fixed", [
    ("002", {"方麵": "方面", "承諾製": "承諾制"}),
    ("004", {"同誌": "同志", "麵臨": "面臨", "全麵": "全面", "係列": "系列", "曆次": "歷次", "體係": "體系",
             "機製": "機制", "局麵": "局面"}),
])
def test_seeds_fixed_and_nothing_else_changed(name, fixed):
    text = _seed(name)
    out, fixes = repair_conversion(text)
    assert len(out) == len(text)
    for wrong, right in fixed.items():
        assert wrong in text and wrong not in out and right in out
    changed = {i for i, (a, b) in enumerate(zip(text, out)) if a != b}
    assert changed == {f.offset for f in fixes}
    # Only characters of the naive converter's one-to-many choices are ever touched.
    assert {f.before for f in fixes} <= set("麵誌製係曆複閑遊幹")
    assert all(ch not in "為群台表" for ch in (text[i] for i in changed))


def test_strip_repair_runs_after_cleaning():
    raw = (SEEDS / "raw" / "002_9bef78e789c8ae17.txt").read_text(encoding="utf-8")
    out = clean(raw, repair=True)
    assert "方面" in out and "方麵" not in out and "(chuan)" not in out
    assert out == repair_conversion(clean(raw))[0]
