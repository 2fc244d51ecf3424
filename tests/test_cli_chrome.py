"""`corpus-clean chrome` end to end: rule listing, user rule files, bad input, --learn."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from corpus_clean.cli import cli

BODY = "今年以来，全市上下认真贯彻落实各项决策部署，经济运行总体平稳、稳中有进，各项事业取得新的进展。"
USER_RULES = "# my site's furniture\n[site-name where=edge max=20]\n^我的小站$\n\n[advert]\n^扫码领取优惠券$\n"


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """The installed CLI in a child process, to see its exit code and stderr as a user does."""
    return subprocess.run([sys.executable, "-m", "corpus_clean", *args], input=stdin.encode(),
                          capture_output=True, check=False)


@pytest.fixture
def user_rules(tmp_path):
    path = tmp_path / "my.rules"
    path.write_text(USER_RULES, encoding="utf-8")
    return path


def test_list_rules_shows_the_users_file_first_then_every_builtin_reason(runner, user_rules):
    result = runner.invoke(cli, ["chrome", "--list-rules", "--rules", str(user_rules)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[:2] == [["my.rules", "site-name max=20 where=edge", "^我的小站$"],
                        ["my.rules", "advert max=60", "^扫码领取优惠券$"]]
    builtin = {row[1].split()[0] for row in rows[2:]}
    assert {row[0] for row in rows[2:]} == {"chrome.txt"}
    assert builtin >= {"site-name", "breadcrumb", "navigation", "meta", "byline", "share-widget", "comment-box",
                       "pagination", "related-links", "advert", "copyright", "about-site", "source-url",
                       "contact-email", "photo-caption", "html-residue"}
    # the options of a section are shown on each of its rules
    assert ["chrome.txt", "source-url max=120 part"] == rows[[r[2] for r in rows].index(
        r"^(本文地址|本文链接|本文鏈接|原文地址|原文链接|原文鏈接|文章地址|文章链接|永久链接|永久鏈接)\s*[:：]")][:2]


def test_list_rules_without_user_files_lists_only_the_builtin_file(runner):
    result = runner.invoke(cli, ["chrome", "--list-rules"])
    assert result.exit_code == 0
    assert {line.split("\t")[0] for line in result.output.splitlines()} == {"chrome.txt"}


@pytest.mark.slow
def test_user_rules_apply_in_chrome_and_strip_explains_them(runner, user_rules):
    page = f"标题\n{BODY}\n扫码领取优惠券\n我的小站" + "\n"
    result = runner.invoke(cli, ["chrome", "-q", "--rules", str(user_rules)], input=page)
    assert (result.exit_code, result.output) == (0, "标题\n" + BODY + "\n")
    # without the user's file both lines are text the built-in rules do not know
    assert runner.invoke(cli, ["chrome", "-q"], input=page).output == page
    proc = _run("strip", "--explain", "--rules", str(user_rules), stdin=page)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "标题\n" + BODY + "\n"
    assert proc.stderr.decode().splitlines()[1:] == [
        '  3:1\tchrome\tchrome:advert\t"扫码领取优惠券\\n"', '  4:1\tchrome\tchrome:site-name\t"我的小站\\n"',
        '  2:48\tlayout\tblank\t"\\n"']  # the final line break, once chrome took the lines after it


@pytest.mark.slow
@pytest.mark.parametrize("text,message", [
    ("[advert]\n(unclosed\n", "{path}:2: bad pattern (missing ) at position 9)"),
    ("# comment\n^abc$\n", "{path}:2: a rule before any [reason] section"),
    ("[advert max=abc]\n^abc$\n", "{path}:1: max must be a number"),
    ("\n[advert colour=red]\n^abc$\n", "{path}:2: unknown option 'colour'"),
])
def test_a_bad_rule_file_is_one_line_naming_file_and_line_with_exit_2(tmp_path, text, message):
    path = tmp_path / "bad.rules"
    path.write_text(text, encoding="utf-8")
    for args in (["chrome", "--rules", str(path)], ["chrome", "--list-rules", "--rules", str(path)],
                 ["strip", "--rules", str(path)]):
        proc = _run(*args, stdin="正文\n")
        assert (proc.returncode, proc.stdout, proc.stderr.decode()) == (
            2, b"", "corpus-clean: " + message.format(path=path) + "\n"), args


@pytest.mark.slow
def test_a_missing_rule_file_is_exit_2(tmp_path):
    path = tmp_path / "nowhere.rules"
    proc = _run("chrome", "--rules", str(path), stdin="正文\n")
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {path}: cannot read rule file (No such file or directory)\n")


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_learn_without_an_output_file_is_a_usage_error(runner, tmp_path, output):
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    result = runner.invoke(cli, ["chrome", "--learn", str(src), *output])
    assert result.exit_code == 2
    assert "Usage: " in result.output and " chrome [OPTIONS] [INPUTS]..." in result.output
    assert "Error: --learn writes a table: name it with -o FILE" in result.output


def test_learn_reads_text_and_jsonl_inputs_and_boilerplate_drops_lines_seen_often(runner, tmp_path):
    footer = "本站是某某市最大的综合信息门户，欢迎广大网友投稿。"
    titles = ["春季运动会隆重开幕", "全市安全生产会议召开", "我市启动春运工作", "乡村振兴的三个关键词", "另一篇文章"]
    pages = []
    for i in range(4):
        page = tmp_path / f"p{i}.txt"
        page.write_text(f"{titles[i]}\n{BODY[i:]}\n{footer}\n", encoding="utf-8")
        pages.append(str(page))
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(json.dumps({"content": f"{titles[4]}\n{BODY[4:]}\n{footer}"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    table = tmp_path / "site.lines"
    result = runner.invoke(cli, ["chrome", "--learn", *pages, str(jsonl), "--field", "content", "-o", str(table)])
    assert result.exit_code == 0, result.output
    assert "corpus-clean: 5 documents, 1 repeated lines -> " in result.output
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# corpus-clean boilerplate table: 5 documents")
    assert len(lines) == 2 and lines[1].endswith("\t5")  # titles and BODY[i:] differ; the footer does not
    out = runner.invoke(cli, ["chrome", "-q", "--boilerplate", str(table), "--min-docs", "5", pages[0]])
    assert out.output == f"{titles[0]}\n{BODY}\n"
    # a threshold above the footer's count keeps it
    out = runner.invoke(cli, ["chrome", "-q", "--boilerplate", str(table), "--min-docs", "6", pages[0]])
    assert footer in out.output


def test_min_docs_below_two_is_rejected(runner, tmp_path):
    result = runner.invoke(cli, ["chrome", "--min-docs", "1"], input="正文")
    assert result.exit_code == 2 and "--min-docs" in result.output


def test_chrome_leaves_reading_annotations_to_strip(runner):
    page = "首页 > 新闻 > 正文\n新(xīn)時代的標題\n" + BODY + "\n"
    assert runner.invoke(cli, ["chrome", "-q"], input=page).output == "新(xīn)時代的標題\n" + BODY + "\n"


def test_chrome_keeps_jsonl_records_and_other_fields(runner):
    record = {"id": 7, "url": "http://example.com/a", "text": "首页 > 新闻 > 正文\n标题\n" + BODY + "\n版权所有 © 2023 某某网"}
    result = runner.invoke(cli, ["chrome", "-q", "--input-format", "jsonl"],
                           input=json.dumps(record, ensure_ascii=False) + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"id": 7, "url": "http://example.com/a", "text": "标题\n" + BODY}
