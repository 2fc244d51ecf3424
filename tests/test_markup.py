"""The markup step (Markdown and HTML residue, CLEANING.md section 4): data cases in
tests/cases/markup.jsonl, properties over generated Markdown, its place in the pipeline,
and check reporting exactly what strip removes."""
from __future__ import annotations

import json
import pathlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import clean, markup
from corpus_clean.check import ScanConfig, scan_text
from corpus_clean.cli import cli
from corpus_clean.markup import may_hold_markup, remove_markup
from corpus_clean.pipeline import CleanConfig, build_pipeline
from corpus_clean.report import apply_removals

CASES = pathlib.Path(__file__).parent / "cases" / "markup.jsonl"
WS = re.compile(r"\s+")
BODY = "今年以来，全市上下认真贯彻落实各项决策部署，经济运行总体平稳、稳中有进，各项事业取得新的进展。"


def _cases() -> list:
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [pytest.param(row, id=row["name"]) for row in rows]


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _assert_sound(text: str) -> str:
    """The step's output: its removals are spans of ``text``, sorted, apart, and replay
    exactly to the output; a second run removes nothing."""
    out = remove_markup(text)
    ends = [0]
    for r in out.removals:
        assert r.step == "markup" and r.reason.startswith("markup:")
        assert text[r.start:r.end] == r.text and r.start >= ends[-1] and r.end > r.start
        ends.append(r.end)
    assert apply_removals(text, out.removals) == out.text
    again = remove_markup(out.text)
    assert again.removals == [], f"a second run removes {[(r.reason, r.text) for r in again.removals]}"
    return out.text


@pytest.mark.parametrize("case", _cases())
def test_case(case):
    out = remove_markup(case["input"])
    assert out.text == case["output"]
    if "reasons" in case:
        assert [r.reason for r in out.removals] == [f"markup:{r}" for r in case["reasons"]]
    _assert_sound(case["input"])


def test_enough_cases_and_every_reason_covered():
    rows = [p.values[0] for p in _cases()]
    assert len(rows) >= 60
    reasons = {r for row in rows for r in row.get("reasons", [])}
    assert reasons >= {"link-syntax", "image", "nav-links", "html-tag", "entity", "url-only", "front-matter",
                       "reader-envelope", "rule", "empty-heading", "code-fence", "empty-quote",
                       "link-definition", "escape", "strikethrough", "empty-item"}
    assert sum(1 for row in rows if row["input"] == row["output"]) >= 10  # must-keep shapes


def test_text_without_markup_skips_the_scan(monkeypatch):
    """One regex search decides; the line scanner never runs on plain text."""
    def fail(text):
        raise AssertionError("the scanner ran on plain text")

    monkeypatch.setattr(markup, "detect_markup", fail)
    plain = (BODY + "\n（记者 张三）下一步，我们将继续坚持稳中求进。\n") * 200
    assert not may_hold_markup(plain)
    assert remove_markup(plain).text == plain
    assert may_hold_markup("正文[链接](https://a.example.com/)。")


# --- properties over generated Markdown ----------------------------------------------------

_PIECES = ["今年", "经济", "發展", "，", "。", "China", "AI", " ", "**", "*", "_", "`", "~~", "#", "> ", "- ",
           "* ", "1. ", "|", "[", "]", "(", ")", "](", "![", "<", ">", "/", "&", ";", "\\", ":", "---", "```",
           "[首页](https://a.example.com/)", "![图](https://img.example.com/a.jpg)", "![]()", "<p>", "</p>",
           "<strong>", "&nbsp;", "&amp;", "&lt;", "https://example.com/a.html", "<https://e.example/x>",
           "[1]: http://e.example/1", "Title: ", "URL Source: ", "Markdown Content:", "title: x", "* * *",
           "###", "<!-- more -->", "`<div>`", "List<String>", "[[笑]]", "(media/[笑].png)", "\\-", "\\\\"]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
MARKDOWN = st.lists(_LINE, max_size=14).map("\n".join)
SETTINGS = settings(max_examples=300, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@SETTINGS
@given(st.one_of(MARKDOWN, st.text(max_size=200)))
def test_removals_replay_only_delete_and_a_second_run_removes_nothing(text):
    out = _assert_sound(text)
    assert _is_subsequence(out, text)


@pytest.mark.slow
@settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_strip_stays_idempotent_and_deletion_only_on_markdown(text):
    once = clean(text)
    assert clean(once) == once
    assert _is_subsequence(WS.sub("", once), WS.sub("", text))


# --- in the pipeline -----------------------------------------------------------------------

PAGE = ("---\ntitle: 全市经济运行情况通报\ndate: 2024-05-01\n---\n\n"
        "- [首页](https://www.example.cn/) | - [新闻](https://www.example.cn/news/)\n\n"
        "# 全市经济运行情况通报\n\n![现场.jpg](https://img.example.cn/a.jpg)\n\n"
        f"<p><strong>本报讯</strong>{BODY}详见[统计公报](https://www.example.cn/gb.html)。&nbsp;</p>\n\n"
        "---\n\nhttps://www.example.cn/p/123.html\n")
PAGE_CLEAN = f"# 全市经济运行情况通报\n\n本报讯{BODY}详见统计公报。"


def test_the_step_runs_before_chrome_and_can_be_switched_off():
    assert build_pipeline(CleanConfig()).names[:5] == ["control", "line-ends", "annotations", "markup", "chrome"]
    assert "markup" not in build_pipeline(CleanConfig(markup=False)).names
    assert clean(PAGE, markup=False) != PAGE_CLEAN


def test_strip_and_chrome_subcommands_remove_markup(runner):
    for command in (["strip"], ["chrome"]):
        result = runner.invoke(cli, [*command, "-q"], input=PAGE)
        assert (result.exit_code, result.output) == (0, PAGE_CLEAN + "\n"), command


def test_strip_explains_markup_removals(runner):
    result = runner.invoke(cli, ["strip", "--explain", "-q"], input=PAGE)
    assert result.exit_code == 0
    assert "markup\tmarkup:front-matter\t\"---\\n\"" in result.stderr
    assert "markup\tmarkup:nav-links" in result.stderr


def test_check_reports_exactly_what_strip_removes():
    removals = build_pipeline(CleanConfig()).run(PAGE).removals
    hits = [h for h in scan_text(ScanConfig(script=False), PAGE) if h.step is not None]
    assert sorted((h.rule, h.text) for h in hits) == sorted((r.reason, r.text) for r in removals)
    located = {(h.rule, h.line, h.column) for h in hits if h.step == "markup"}
    assert ("markup:front-matter", 1, 1) in located
    assert ("markup:image", 10, 1) in located
    assert ("markup:html-tag", 12, 1) in located  # the <p><strong> at the start of line 12
    assert ("markup:url-only", 16, 1) in located


def test_check_fails_on_markup_residue(runner):
    result = runner.invoke(cli, ["check", "--output-format", "text", "-"], input=PAGE)
    assert result.exit_code == 1
    assert "markup:link-syntax [error] markup step removes" in result.stdout


def test_code_lines_that_look_like_html_survive_strip():
    code = '<content url="file://$MODULE_DIR$">\n  <excludeFolder url="file://$MODULE_DIR$/build" />\n</content>'
    page = f"在配置文件里把构建目录排除：{BODY}\n\n```xml\n{code}\n```\n\n{BODY}\n"
    assert code in clean(page)
