"""`check` takes strip's cleaning options, so it gates what a custom `strip` run removes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sample_pages import BODY, LAYER, PAGE, RULES

from corpus_clean.cli import cli, main

FURNITURE = f"首页 > 新闻 > 正文\n{BODY}\n版权所有 2023 某某网\n"


@pytest.fixture
def runner():
    return CliRunner()


def _findings(runner, *args: str) -> list[dict]:
    result = runner.invoke(cli, ["check", "--no-config", "--output-format", "json", "-q", *args])
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _strip_removals(runner, *args: str) -> list[tuple[int, str]]:
    """(line, reason) of each removal ``strip --explain`` lists for one text file, but layout's
    ``blank`` (a page's final line break), which ``check`` does not report by default."""
    result = runner.invoke(cli, ["strip", "--explain", "-o", "/dev/null", *args])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stderr.splitlines() if line.startswith("  ")]
    return sorted((int(where.strip().split(":")[0]), reason) for where, _, reason, _ in rows if reason != "blank")


def test_check_rules_reports_what_strip_rules_removes(runner, tmp_path):
    rules = tmp_path / "site.rules"
    rules.write_text(RULES, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert _findings(runner, str(page)) == []
    assert _strip_removals(runner, "--rules", str(rules), str(page)) == [(1, "chrome:site-name")]
    found = _findings(runner, "--rules", str(rules), str(page))
    assert [(f["line"], f["rule"], f["text"]) for f in found] == [(1, "chrome:site-name", "我的小站\n")]


def test_check_with_strips_options_matches_strip_removal_for_removal(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(FURNITURE + LAYER, encoding="utf-8")
    for options in ([], ["--no-chrome"], ["--annotations", "none"], ["--no-chrome", "--annotations", "none"]):
        expected = _strip_removals(runner, *options, str(page))
        found = _findings(runner, *options, "--severity", "paragraph-join=error", str(page))
        assert sorted((f["line"], f["rule"]) for f in found) == expected, options
    assert any(r.startswith("chrome:") for _, r in _strip_removals(runner, str(page)))
    assert not any(f["rule"].startswith("chrome:") for f in _findings(runner, "--no-chrome", str(page)))
    assert "annotation-layer" in {f["rule"] for f in _findings(runner, str(page))}
    assert "annotation-layer" not in {f["rule"] for f in _findings(runner, "--annotations", "none", str(page))}


def test_check_boilerplate_reports_the_learned_lines(runner, tmp_path):
    pages = []
    for i, word in enumerate("春夏秋"):
        page = tmp_path / f"p{i}.txt"
        page.write_text(f"{word}{BODY}\n一起学习共同进步\n", encoding="utf-8")
        pages.append(str(page))
    table = tmp_path / "site.lines"
    assert runner.invoke(cli, ["chrome", "--learn", "-q", "-o", str(table), *pages]).exit_code == 0
    assert _findings(runner, *pages) == []
    found = _findings(runner, "--boilerplate", str(table), "--min-docs", "3", *pages)
    assert [(f["file"], f["line"], f["rule"]) for f in found] == [(p, 2, "chrome:boilerplate") for p in pages]


def test_gbk_input_is_checked_with_its_encoding(runner, tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes(FURNITURE.encode("gbk"))
    as_utf8 = _findings(runner, str(page))
    assert [f["rule"] for f in as_utf8] == ["invalid-utf8"]
    for encoding in ("gbk", "auto"):
        found = _findings(runner, "--encoding", encoding, str(page))
        assert {f["rule"] for f in found} == {"chrome:breadcrumb", "chrome:copyright"}, encoding
        assert [f["line"] for f in found] == [1, 3]


def test_verbose_logs_the_detected_encoding(tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes(FURNITURE.encode("gbk"))
    proc = subprocess.run([sys.executable, "-m", "corpus_clean", "check", "--no-config", "-q", "-v",
                           "--encoding", "auto", "--output-format", "text", str(page)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert f"{page}: detected encoding gb" in proc.stderr
    assert "detected encoding" not in proc.stdout and "chrome:copyright" in proc.stdout


def test_a_file_that_the_named_codec_cannot_decode_is_a_finding_naming_codec_and_line(runner, tmp_path):
    page = tmp_path / "bad.txt"
    page.write_bytes("第一行\n".encode("gbk") + b"\x81\n")
    found = _findings(runner, "--encoding", "gbk", str(page))
    assert [(f["rule"], f["line"]) for f in found] == [("unreadable-file", 2)]
    assert "gbk" in found[0]["message"]


def test_bad_cleaning_options_are_usage_errors(capsys, tmp_path):
    rules = tmp_path / "bad.rules"
    rules.write_text("^规则$\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    for args, message in ((["--rules", str(rules)], f"{rules}:1: "),
                          (["--no-chrome", "--rules", str(rules)], "drop --no-chrome")):
        with pytest.raises(SystemExit) as exc:
            main(["check", "--no-config", *args, str(page)])
        out, err = capsys.readouterr()
        assert exc.value.code == 2 and out == ""
        assert message in err
