"""The annotations step: verified readings, the layer-or-notes decision, removals, speed.

Most behaviour is pinned by data: ``tests/cases/annotations.jsonl`` holds one document a
line (input, expected output, mode, and why), written from the forms real pages show.
A case without ``expected`` must come out unchanged.
"""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import CleanConfig, build_pipeline, clean
from corpus_clean.annotations import REASON, STEP, detect, remove_annotations
from corpus_clean.han import is_common
from corpus_clean.readings import forms, match_chars
from corpus_clean.report import apply_removals

CASES_FILE = pathlib.Path(__file__).parent / "cases" / "annotations.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
SEED_002 = "002_9bef78e789c8ae17.txt"
SEED_004 = "004_a45f798d94b9b2fe.txt"


def _expected(case: dict) -> str:
    return case.get("expected", case["input"])


def test_case_file_is_large_and_balanced():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASES) >= 150
    must_keep = [c for c in CASES if _expected(c) == c["input"]]
    assert len(must_keep) >= 50
    assert all(c.get("note") for c in CASES), "every case says what real form it stands for"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    out = remove_annotations(case["input"], case.get("mode", "auto"))
    assert out.text == _expected(case)
    # The removals explain the difference exactly (what `check` reports is what `strip` deletes).
    assert apply_removals(case["input"], out.removals) == out.text
    for r in out.removals:
        assert (r.step, r.reason) == (STEP, REASON)
        assert case["input"][r.start:r.end] == r.text


# --- seeds ---------------------------------------------------------------------------------

def _seed(name: str, folder: str = "raw") -> str:
    return (SEEDS / folder / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name, removed, kept", [
    (SEED_002, 71, ["(記者 桑莉媛)", "(創建國家級創新型城市、申報國家級高新區)", "(北京)"]),
    (SEED_004, 352, ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(一)", "(二)", "站(所)",
                     "博物館(園)"]),
])
def test_seed_layer_removed_exactly(name, removed, kept):
    out = remove_annotations(_seed(name))
    assert out.text == _seed(name, "annotations-expected")
    assert len(out.removals) == removed
    assert out.info["verdict"] == "layer"
    for paren in set(kept):
        assert out.text.count(paren) == kept.count(paren), paren
    assert out.text.count("(") == len(kept)


def test_seed_002_converter_spaces_go_with_the_annotations():
    out = remove_annotations(_seed(SEED_002))
    assert out.info["spaces_removed"] == 71
    assert all(r.text.endswith(") ") for r in out.removals)
    first = out.removals[0]
    assert (first.text, _seed(SEED_002)[first.start - 1]) == ("(chuan) ", "傳")


def test_seed_004_nested_annotation_keeps_the_outer_parenthesis():
    raw = _seed(SEED_004)
    out = remove_annotations(raw)
    nested = [r for r in out.removals if raw[r.start - 2:r.start] == "(二"]
    assert [r.text for r in nested] == ["(èr)"]
    assert "(二)聚焦鄉村振興" in out.text


# --- removal records and figures ---------------------------------------------------------

def test_removal_span_includes_the_converter_space_before_cjk_punctuation():
    text = "新型半導體(ti) 、新型綠色建材五個(ge) 方向，推動新材料產(chan) 業(ye) 延鏈強鏈。"
    found = detect(text)
    assert [(r.text, r.start) for r in found.removals] == [
        ("(ti) ", 5), ("(ge) ", 19), ("(chan) ", 33), ("(ye) ", 41)]
    assert found.text == "新型半導體、新型綠色建材五個方向，推動新材料產業延鏈強鏈。"


def test_author_space_stays_when_few_annotations_have_one():
    text = "本屆大會由市教育局主(zhǔ)辦，各校師(shī)生代表參加了開(kāi)幕式，名單如下：張(zhāng) 偉、王(wáng)芳。"
    found = detect(text)
    assert found.info["verdict"] == "layer"
    assert found.info["spaces_removed"] == 0
    assert "張 偉" in found.text


def test_info_has_the_figures_and_the_verdict():
    info = remove_annotations(_seed(SEED_004)).info
    assert info["verdict"] == "layer" and info["mode"] == "auto"
    assert info["verified"] == info["removed"] == 352
    for key in ("per_100", "single", "common", "running", "isolated", "conflict", "default",
                "coverage", "spaced", "cjk_chars"):
        assert key in info
    assert info["single"] == 1.0 and info["common"] >= 0.9 and info["per_100"] > 5
    assert "352 readings" in info["why"]


def test_notes_verdict_says_why():
    info = remove_annotations("五行是指金(jīn)、木(mù)、水(shuǐ)、火(huǒ)、土(tǔ)五种物质。").info
    assert info["verdict"] == "notes" and info["removed"] == 0
    assert "list items" in info["why"]
    info = remove_annotations("多音字“行”：银行(háng)、行(xíng)走、行(háng)业、行(xíng)为。").info
    assert "different readings" in info["why"] or "pronunciation" in info["why"]


def test_text_about_pronunciation_keeps_a_dense_layer_shape():
    text = "拼音练习：爸(bà)爸 妈(mā)妈 哥(gē)哥 弟(dì)弟"
    assert remove_annotations(text).text == text
    assert "pronunciation" in remove_annotations(text).info["why"]
    assert remove_annotations(text, "all").text == "拼音练习：爸爸 妈妈 哥哥 弟弟"


def test_text_about_readings_decides_reading_by_reading():
    # A lesson on tones (topic words) whose running text carries a converter's layer, and
    # whose quoted examples are the author's: the layer goes, the examples stay.
    text = ("聲調練習：「媽(mā)」是第一聲，「麻(má)」是第二聲。學(xué)生們每天都要大聲朗讀，"
            "堅持一個(gè)學(xué)期，說(shuō)話(huà)時(shí)的發音就會準確很多，老師們也會給(gěi)予鼓勵。")
    out = remove_annotations(text)
    assert out.text == ("聲調練習：「媽(mā)」是第一聲，「麻(má)」是第二聲。學生們每天都要大聲朗讀，"
                        "堅持一個學期，說話時的發音就會準確很多，老師們也會給予鼓勵。")
    info = out.info
    assert info["verdict"] == "layer" and (info["removed"], info["kept"], info["verified"]) == (7, 2, 9)
    assert info["why"].startswith("7 of 9 readings are a layer")
    assert "kept as the author's: 2 characters the text talks about" in info["why"]


def test_a_few_layer_shaped_readings_in_a_text_about_readings_stay():
    # Fewer than TOPIC_MIN_LAYER readings of the layer's shape in a text about readings:
    # when unsure, keep.
    text = "這個字的讀音要注意：他說(shuō)話(huà)很快，大家常常聽錯(cuò)。"
    out = remove_annotations(text)
    assert out.text == text and out.info["verdict"] == "notes"


def test_stray_readings_are_counted_in_the_figures():
    text = "球(qiú)隊在第(dì)三節(jié)連續突破，在籃下強X(gōng)得手，拼(pīn)盡全力，最後(hòu)取勝，加快建(jiàn"
    out = remove_annotations(text)
    assert out.text == "球隊在第三節連續突破，在籃下強X得手，拼盡全力，最後取勝，加快建"
    assert out.info["strays"] == 2 and out.info["kept"] == 0
    assert out.info["removed"] == out.info["verified"] + 2
    assert "after a garbled character, cut off by the end or printed twice" in out.info["why"]


def test_a_reading_printed_twice_counts_as_a_stray():
    text = "這(zhe)次(ci)會(hui)議(yi)提(ti)出(chu)了(le)新(xin)的(de)奮(fen)(fen)鬥(dou)目(mu)標(biao)。"
    out = remove_annotations(text)
    assert out.text == "這次會議提出了新的奮鬥目標。"
    assert out.info["strays"] == 1
    assert remove_annotations(out.text).text == out.text


def test_no_brackets_returns_at_once():
    out = remove_annotations("没有任何括号的一段文字。")
    assert out.text == "没有任何括号的一段文字。" and out.removals == []
    assert out.info["verdict"] == "none"


def test_unknown_mode_is_an_error():
    with pytest.raises(ValueError, match="auto, all, none"):
        remove_annotations("新(xīn)", "some")


# --- the reading dictionary ---------------------------------------------------------------

def test_forms_of_a_character_in_every_style():
    f = forms("們")
    assert "men" in f.toned and "men" in f.toneless and "men5" in f.number
    assert forms("國").zhuyin == frozenset({"ㄍㄨㄛ"})
    assert "zho" in forms("趙").damaged and "zh?o" in forms("趙").damaged
    assert "lv4" in forms("率").number and "lu" in forms("率").toneless
    assert forms("a").toned == frozenset()


def test_word_readings_split_at_the_right_syllables():
    assert match_chars("丽水", "líshuǐ", "toned")
    assert match_chars("西安", "xian", "toneless")
    assert not match_chars("丽水", "lí", "toned")


def test_common_characters_follow_the_standards_frequency_tiers():
    assert is_common("的") and is_common("們") and is_common("国")
    assert not is_common("犇") and not is_common("淼")


# --- pipeline -----------------------------------------------------------------------------

def test_pipeline_runs_annotations_right_after_control_and_line_ends():
    names = build_pipeline(CleanConfig()).names
    assert names[:3] == ["control", "line-ends", "annotations"]
    assert "annotations" not in build_pipeline(CleanConfig(annotations="none")).names


def test_clean_library_options():
    text = "他的名字裡有個犇(bēn)字，很多人不認識。"
    assert clean(text) == text
    assert clean(text, annotations="all") == "他的名字裡有個犇字，很多人不認識。"
    layer = "煤電等傳(chuan) 統產(chan) 業(ye) 占比高。"
    assert clean(layer) == "煤電等傳統產業占比高。"
    assert clean(layer, annotations="none") == layer


def test_pypinyin_is_not_loaded_at_import():
    code = ("import sys, corpus_clean, corpus_clean.cli, corpus_clean.pipeline; "
            "print(any(m.startswith('pypinyin') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    assert out.stdout.strip() == "False"


# Linear time on adversarial input: tests/test_worst_case.py (units in cases/worst_case.json).


# --- properties on arbitrary text -----------------------------------------------------------

_PIECES = st.sampled_from(["新", "時", "代", "的", "們", "(", ")", "（", "）", "[", "]", "xīn", "shí",
                           "men", "de", "a", "CEO", "2022", " ", "、", "\n", "ㄒㄧㄣ", "ⅰ", "?"])


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join), st.sampled_from(["auto", "all"]))
def test_removals_only_delete_bracketed_readings(text, mode):
    out = remove_annotations(text, mode)
    assert apply_removals(text, out.removals) == out.text
    for r in out.removals:
        body = r.text.rstrip(" ")
        assert body[0] in "(（[［" and body[-1] in ")）]］"
        assert len(r.text) - len(body) <= 1
        assert not any("\u4e00" <= c <= "\u9fff" for c in body)
