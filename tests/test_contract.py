"""The removal contract, replayed: every step deletes exactly what it reports, the pipeline's
removals (in raw offsets) delete the raw text down to its output, and a second run of the
pipeline removes nothing.

``strip --explain``, ``check`` and the HTML report all read the one run ``strip`` makes, so
a deletion a step does not report, or an offset mapped wrong, would show here.
"""
from __future__ import annotations

import json

import pytest
from conftest import ROOT, SEEDS, seed_names

from corpus_clean.html_report import delete_spans
from corpus_clean.pipeline import CleanConfig, build_pipeline
from corpus_clean.report import apply_removals

HAND_WRITTEN = {
    "crlf-and-trailing-spaces": "標題  \r\n\r\n\r\n正文第一段，記者 張三 報道。  \r\n   \r\n\u3000\r\n第二段。\t \r\n\r\n",
    "crlf-around-furniture": ("首页 > 新闻中心\r\n\r\n市委书记表示，政府工作报告站位高远，通篇贯穿新发展理念，是打好“五张牌”的精\r\n\r\n"
                              "分享到：微博 微信\r\n\r\n准落实。报告中的工作与发展息息相关。 \r\n责任编辑：李四\r\n"),
    "control-chars-inside-crlf": "傳(chuan) 統產(chan) 業(ye)\r\x07\n占比高，\x00為(wei) 陽泉。\r\n\r\n\x01\r\n",
    "only-blank": " \r\n\u3000\n\n\t\r\n",
    "leading-blank-lines": "\n\n  \n正文。\n\n\n\n第二段。\n  ",
}


def _cases() -> dict[str, str]:
    """Every input text: seed pages, the cases files' inputs, the hand-written pages."""
    texts = {f"seed:{name}": (SEEDS / "raw" / name).read_text(encoding="utf-8") for name in seed_names()}
    for path in sorted((ROOT / "tests" / "cases").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                if isinstance(record.get("input"), str):
                    texts[f"{path.stem}:{record.get('id') or record.get('name') or number}"] = record["input"]
    texts.update(HAND_WRITTEN)
    return texts


CASES = _cases()
PIPELINE = build_pipeline(CleanConfig())


def test_the_cases_cover_every_source():
    kinds = {name.split(":")[0] for name in CASES}
    assert {"seed", "annotations", "chrome_snippets", "markup"} <= kinds
    assert len(CASES) > 300


@pytest.mark.parametrize("name", sorted(CASES))
def test_removals_replay(name):
    raw = CASES[name]
    text = raw
    for (step_name, step), row in zip(PIPELINE.steps, PIPELINE.rows):
        out = step(text)
        if row.replaces:
            assert not out.removals and len(out.text) == len(text), step_name
        else:
            assert apply_removals(text, out.removals) == out.text, step_name
        text = out.text
    result = PIPELINE.run(raw)
    if "\r" not in raw.replace("\r\n", ""):  # no lone CR: no step replaced anything
        assert delete_spans(raw, ((r.start, r.end) for r in result.removals)) == result.text
    for r in result.removals:  # each raw span holds what its step deleted, in order
        located = iter(raw[r.start:r.end])
        assert all(ch in located for ch in r.text), r
    assert not PIPELINE.run(result.text).removals


def test_a_lone_cr_is_the_one_replacement_and_offsets_still_hold():
    raw = "標題\r傳(chuan) 統產(chan) 業(ye)占比高。 \r\n"
    result = PIPELINE.run(raw)
    assert result.text == "標題\n傳 統產 業占比高。"
    assert [(raw[r.start:r.end], r.reason) for r in result.removals] == [
        ("\r", "blank"), ("(chuan)", "annotation-layer"), ("(chan)", "annotation-layer"),
        ("(ye)", "annotation-layer"), (" ", "blank"), ("\n", "blank")]
    assert [row.name for row in PIPELINE.rows if row.replaces] == ["line-ends"]
