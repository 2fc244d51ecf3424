"""Properties of the whole pipeline over generated text with injected dirt (hypothesis).

A fixed seed (``derandomize``) and a bounded example count keep the run reproducible and
short in CI.
"""
from __future__ import annotations

import json
import re

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


@SETTINGS
@given(ANY_TEXT)
def test_strip_only_deletes(text):
    out = clean(text)
    assert _is_subsequence(WS.sub("", out), WS.sub("", text))


@SETTINGS
@given(ANY_TEXT)
def test_strip_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@SETTINGS
@given(ANY_TEXT)
def test_annotations_all_and_to_never_raise(text):
    clean(text, annotations="all")
    clean(text, to="simplified", repair=True)


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
    result = CliRunner().invoke(cli, ["strip", "--format", "jsonl"], input=data)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(records)  # empty results are kept as empty documents
    for before, after in zip(records, out):
        assert list(after) == list(before)
        assert {k: v for k, v in after.items() if k != "text"} == {k: v for k, v in before.items() if k != "text"}
        assert after["text"] == clean(before["text"])


# Inputs the fuzzer (fuzz/fuzz_clean.py) found, kept as regression cases.
REGRESSIONS = [
    ("---\n\n\x02\n^---\n\n\x02\n^o\x17\x12\nO\n2\n^\nM\x01\x00\x00\x7f\x001\r-qq;\nM\n\n-^\n!\n"
    "\x00!---\n\n\x02\n^---\n\n\x02\n^o\nO\n2\n^\nM\x01\x001\r-qq;\nM\n\n-^\n!\n\x00!\rM\n)\r---\rM\n)\r---"),
    "---\na\n---\n---\nb\n---\nc",
    ("qqqqqqqqqqqq]q5qqqq\n\n\nkkkkkkkkkkkkkkkkkkkkkkkk\n\n\n\nkkkk\nkkkkk]\n}\n-aut!!!!!!kkkkkkkkkkk\x7f?\x7f]\n}\n"
    "-aut!!!!!!\x7f!!\x7fqqqzqq..........}\x7f!!\x7fqqqzqq..........}\n[e]#-]\x1b-e1--^\x7f\n\n\nkkkkkkkk]\n"
    "kkkkkkkkkkkkkkkkkkkkkkkkk"),
]


def test_fuzzer_regressions():
    for text in REGRESSIONS:
        out = clean(text)
        assert clean(out) == out
        assert _is_subsequence(WS.sub("", out), WS.sub("", text))
