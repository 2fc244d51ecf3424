"""Properties of the whole pipeline over generated text with injected dirt (hypothesis).

A fixed seed (``derandomize``) and a bounded example count keep the run reproducible and
short in CI.
"""
from __future__ import annotations

import functools
import json
import pathlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import clean
from corpus_clean.cli import cli

SETTINGS = settings(max_examples=150, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
WS = re.compile(r"\s+")

_WORDS = ["我们", "的", "政府", "工作報告", "發展", "經濟", "社會", "新時代", "China", "AI", "2024年",
          "，", "。", "、", "“", "”", "(一)", "站(所)", "（記者 張三）", "CEO", "……", "——"]
_DIRT = ["傳(chuan) ", "新(xīn)", "們(men)", "中(ㄓㄨㄥ)", "[xíng]", "（shí）", "zhong1", "\x07", "\x00",
         "分享到：微博 微信", "上一頁 [1] [2] 下一頁", "版权所有 © 2024 某某网", "责任编辑：李四", "0",
         "记者 王五", "http://example.com/a.html", "\u00a0", "\u3000", "((((", "a(b(c(", "（(（", "\r"]


def _sentence():
    return st.lists(st.sampled_from(_WORDS + _DIRT), min_size=0, max_size=30).map("".join)


TEXTS = st.lists(_sentence(), min_size=0, max_size=12).map("\n".join)
ANY_TEXT = st.one_of(TEXTS, st.text(max_size=300))


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@pytest.mark.slow
@SETTINGS
@given(ANY_TEXT)
def test_strip_only_deletes(text):
    out = clean(text)
    assert _is_subsequence(WS.sub("", out), WS.sub("", text))


@pytest.mark.slow
@SETTINGS
@given(ANY_TEXT)
def test_strip_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@pytest.mark.slow
@SETTINGS
@given(ANY_TEXT)
def test_strip_with_every_annotation_layer_only_deletes_and_is_idempotent(text):
    out = clean(text, annotations="all")
    assert _is_subsequence(WS.sub("", out), WS.sub("", text))
    assert clean(out, annotations="all") == out


@pytest.mark.slow
@SETTINGS
@given(ANY_TEXT)
def test_annotations_all_and_to_never_raise(text):
    clean(text, annotations="all")
    clean(text, to="simplified", repair=True)


@pytest.mark.slow
@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "text": TEXTS,
    "n": st.integers(),
    "f": st.floats(allow_nan=False, allow_infinity=False),
    "meta": st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.booleans(), st.text(max_size=10))),
}), max_size=8))
def test_jsonl_documents_and_other_fields_round_trip(records):
    from click.testing import CliRunner

    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    result = CliRunner().invoke(cli, ["strip", "--input-format", "jsonl"], input=data)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.split("\n")[:-1]]  # \x85 in a field is not a break
    assert len(out) == len(records)  # empty results are kept as empty documents
    for before, after in zip(records, out):
        assert list(after) == list(before)
        assert {k: v for k, v in after.items() if k != "text"} == {k: v for k, v in before.items() if k != "text"}
        assert after["text"] == clean(before["text"])


def _run_counted(tmp_path, data: str, *flags: str):
    """Run the run layer on ``data`` (one file); return the output lines and the summary."""
    from corpus_clean.cli.strip import clean_text
    from corpus_clean.io import ReadOptions
    from corpus_clean.pipeline import CleanConfig
    from corpus_clean.run import RunOptions, process

    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(data, encoding="utf-8")
    opts = RunOptions((str(src),), str(dst), False, ReadOptions(), None, 1, True, False, None,
                      "--drop-empty" in flags)
    summary = process(opts, functools.partial(clean_text, CleanConfig()))
    return dst.read_text(encoding="utf-8").splitlines(), summary


@pytest.mark.slow
@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, max_size=10))
def test_document_count_in_equals_count_out(tmp_path, texts):
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    kept, summary = _run_counted(tmp_path, data)
    assert len(kept) == summary.written == summary.documents == len(texts)  # empty ones kept
    dropped, summary = _run_counted(tmp_path, data, "--drop-empty")
    empty = sum(1 for t in texts if not clean(t).strip())
    assert (summary.documents, summary.written, summary.dropped_empty) == (len(texts), len(texts) - empty, empty)
    assert len(dropped) == len(texts) - empty


@pytest.mark.slow
@SETTINGS
@given(st.lists(_sentence(), max_size=15))
def test_line_docs_keep_one_line_per_input_line(lines):
    from click.testing import CliRunner

    lines = [line.replace("\x00", "") for line in lines]  # a NUL makes it a binary file (test_bad_input)
    data = "".join(line + "\n" for line in lines)
    result = CliRunner().invoke(cli, ["strip", "--line-docs"], input=data)
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == len(lines)


def _regressions() -> list[dict]:
    path = pathlib.Path(__file__).parent / "regressions" / "clean.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _regressions(), ids=[f"line{i}" for i in range(1, len(_regressions()) + 1)])
def test_regressions(case):
    """Inputs the fuzzer or these properties once broke (tests/regressions/clean.jsonl)."""
    text = case["text"]
    for options in ({}, {"annotations": "all"}):
        out = clean(text, **options)
        assert clean(out, **options) == out
        assert _is_subsequence(WS.sub("", out), WS.sub("", text))
