"""How rule patterns are compiled and prefiltered: the same matches as a plain ``regex``
search, found cheaper (``corpus_clean/patterns.py``)."""
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.chrome_rules import load_rules
from corpus_clean.patterns import (
    HAN_SCRIPT_RANGES,
    compile_pattern,
    is_anchored,
    may_match,
    needle_finder,
    needles,
    union_needles,
)

CASES = pathlib.Path(__file__).parent / "cases"


@pytest.mark.parametrize("pattern, expected", [
    ("copyright", ("copyright",)),
    # the most selective required part: the longer literal run, or the first of equals
    (r"(^|\s)关于\s*我们", ("关于",)),
    (r"(^|\s)关于\s*我们的", ("我们的",)),
    (r"(版权认证|原创认证).{0,80}(授权|授權)", tuple(sorted(("版权认证", "原创认证")))),
    # one branch of a required group has no literal, so its sibling run carries the needle
    (r"(\d{4}|版权)所有", ("所有",)),
    # a small class of literals
    (r"^\s*[:：]$", (":", "：")),
    # an optional part is not required
    (r"(来源)?https?://", ("http",)),
    # casefolded: the search ignores case
    (r"All Rights Reserved", ("all rights reserved",)),
    # ``regex`` syntax: a property class gives no needle, the literal after it does
    (r"\p{Han}{2,4}\s+摄$", ("摄",)),
])
def test_needles_of_a_pattern(pattern, expected):
    assert needles([pattern]) == expected


@pytest.mark.parametrize("pattern", [
    r"^\d{1,3}$",            # no literal at all
    r"(a|\d)",               # one branch without a literal
    r"[\u4e00-\u9fff]{4,}",  # a range, not literals
    r"x?y*",                 # nothing required
])
def test_patterns_without_needles_are_always_searched(pattern):
    assert needles([pattern]) is None
    assert needle_finder(None) is None and may_match(None, "anything")


def test_a_finder_finds_any_needle_and_nothing_else():
    finder = needle_finder(("版权", "copyright", "a.b"))
    assert may_match(finder, "© 2024 copyright") and may_match(finder, "本站版权所有")
    assert not may_match(finder, "axb 版 权") and not may_match(needle_finder(()), "anything")


def test_a_needle_inside_another_is_enough():
    assert needles(["本文档", "本文"]) == ("本文",)


def _case_lines() -> list[str]:
    lines = []
    for row in (CASES / "chrome.tsv").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            lines.append(row.split("\t")[-1].strip())
    return lines


def _check(line: str) -> None:
    folded = line.casefold()
    for rule in load_rules().rules:
        if rule.floating is not None and rule.floating.search(line) is not None:
            assert may_match(rule.floating_finder, folded), (rule.reason, line)


def test_every_labelled_line_that_a_rule_matches_holds_a_needle():
    lines = _case_lines()
    assert len(lines) > 500
    for line in lines:
        _check(line)


# Text built from the rules' own words, cased and spaced at random.
_WORDS = ["版权所有", "Copyright", "©", "ALL RIGHTS RESERVED", "转载请注明", "来源：", "http://a.cn",
          "记者 王明 摄", "上一篇", "下一页", "原创认证", "授权", "责任编辑", "分享到", "ICP备12345号"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(min_size=0, max_size=8)), max_size=6),
       st.booleans())
def test_no_match_is_hidden_by_the_prefilter(parts, upper):
    line = " ".join(parts)
    _check(line.upper() if upper else line)


def test_the_built_in_rules_are_nearly_all_prefiltered():
    rules = load_rules().rules
    groups = [(r.floating, r.floating_needles) for r in rules if r.floating is not None]
    assert sum(n is not None for _, n in groups) >= 0.9 * len(groups)


def test_han_script_ranges_are_regex_s_han():
    """Every range is Han to the installed ``regex``, and the BMP's Han characters are all in
    them (a later Unicode may add ideographs beyond the BMP: those stay matched by ``regex``
    in a user's ``\\P{...}`` patterns, and by these ranges once they are updated)."""
    import regex

    han = regex.compile(r"\p{Han}")
    ours = re.compile(f"[{HAN_SCRIPT_RANGES}]")
    for char in map(chr, range(0x2E80, 0x10000)):
        if 0xD800 <= ord(char) <= 0xDFFF:
            continue
        assert (han.match(char) is None) == (ours.match(char) is None), hex(ord(char))
    for first, last in re.findall(r"(.)-(.)", HAN_SCRIPT_RANGES):
        assert han.match(first) and han.match(last)


@pytest.mark.parametrize("pattern, matches, misses", [
    (r"^\p{Han}{2,4}$", ["中文", "漢字測試", "〇〇"], ["中", "中文字測試", "ab"]),
    (r"记者\s*[\p{Han}·]{2,4}\s*摄", ["记者 王小·明 摄"], ["记者 ab 摄"]),
    (r"[\p{Han}A-Z]{3}$", ["中ab", "ABC"], ["12中"]),
    (r"\P{Han}{3}", ["a1b"], ["中文字"]),
    (r"COPYRIGHT\s*\p{Han}", ["copyright 中"], ["copyright x"]),
])
def test_han_patterns_compile_for_re_and_match_as_regex_does(pattern, matches, misses):
    import regex

    compiled = compile_pattern(pattern)
    assert isinstance(compiled, re.Pattern)
    reference = regex.compile(pattern, regex.IGNORECASE | regex.V0)
    for line in matches + misses:
        assert (compiled.search(line) is None) == (reference.search(line) is None), line
        assert (compiled.search(line) is not None) == (line in matches), line


@pytest.mark.parametrize("pattern", [r"[^\p{Han}]x", r"\p{Latin}+", r"(?<=a|bc)d"])
def test_what_re_cannot_do_goes_to_regex(pattern):
    import regex

    compiled = compile_pattern(pattern)
    assert not isinstance(compiled, re.Pattern)
    assert compiled.pattern == pattern
    assert isinstance(compiled, type(regex.compile("")))


@pytest.mark.parametrize("pattern, anchored", [
    ("^本文", True), ("^a|b", False), ("^(a|b)c", True), ("^[|]x", True), ("x^", False), ("^[]|]a", True),
    # an escaped bar or bracket is a literal; a class with an escaped "]" ends at the real one
    (r"^a\|b", True), (r"^\(a|b", False), (r"^(\)|a)b", True), (r"^[\]|]a", True), (r"^[^]|]x|y", False),
    (r"^(?:a(b|c)|d)e", True), (r"^(a)|(b)", False),
])
def test_anchored_patterns(pattern, anchored):
    assert is_anchored(pattern) is anchored


@pytest.mark.parametrize("each, expected", [
    ([("版权所有", "版权"), ("copyright",)], ("copyright", "版权")),
    # a needle inside a longer one is kept, the longer one dropped, through a chain too
    ([("abcd", "bc"), ("xbcx", "c")], ("c",)),
    ([("分享到",), ("分享",), ("转发",)], ("分享", "转发")),
    ([("a",), None], None),
    ([], ()),
])
def test_union_needles_keeps_the_needles_no_other_contains(each, expected):
    assert union_needles(each) == expected
