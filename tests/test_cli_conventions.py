"""Options a user of ruff, OpenCC and pre-commit reaches for: --version, a CI gate's
switches, one name per meaning (issue 14)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from corpus_clean import __version__
from corpus_clean.cli import cli, main

CC = [sys.executable, "-m", "corpus_clean"]
SUBCOMMANDS = ["strip", "annotations", "chrome", "convert", "check"]


def run(*args, stdin: bytes | None = None):
    return subprocess.run(CC + list(args), input=stdin, capture_output=True, check=False)


def test_version_on_the_command():
    proc = run("--version")
    assert (proc.returncode, proc.stdout.decode(), proc.stderr) == (0, f"corpus-clean, version {__version__}\n", b"")


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_version_on_each_subcommand(runner, name):
    result = runner.invoke(cli, [name, "--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"corpus-clean, version {__version__}\n"
    assert "--version" in runner.invoke(cli, [name, "--help"]).output


# --- unknown rule ids are errors ----------------------------------------------------------

def exit_status(capsys, *args) -> tuple[int, str]:
    """Through ``main``, as the console script runs: errors become one line and status 2."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return exc.value.code, out.err


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("老街新生\n市民們在這裡生活了很多年，這條街見證了城市的變化。\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("option,value,bad", [
    ("--fail-on", "annotation-layr", "annotation-layr"),
    ("--fail-on", "mojibake,chrome:sharewidget", "chrome:sharewidget"),
    ("--enable", "blnk", "blnk"),
    ("--disable", "chrome:nothing-*", "chrome:nothing-*"),
    ("--severity", "mojibak=note", "mojibak"),
])
def test_an_unknown_rule_on_the_command_line_is_an_error(capsys, page, option, value, bad):
    code, err = exit_status(capsys, "check", "--no-config", option, value, str(page))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"corpus-clean: {option}: unknown rule '{bad}'")
    assert "known rules: annotation-layer, blank, chrome:about-site," in err
    assert "mojibake" in err and "markup:link-syntax" in err


def test_an_unknown_rule_says_what_was_meant(capsys, page):
    _, err = exit_status(capsys, "check", "--no-config", "--fail-on", "annotation-layr", str(page))
    assert "(did you mean annotation-layer?)" in err


def test_known_ids_and_globs_pass(runner, page):
    for args in (["--fail-on", "annotation-layer,chrome:*"], ["--enable", "chrome:blank,markup:*"],
                 ["--disable", "chrome:share-widget"], ["--severity", "chrome:shape-*=note"]):
        result = runner.invoke(cli, ["check", "--no-config", *args, str(page)])
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.parametrize("table,key,bad", [
    ('fail-on = ["annotation-layer", "chrom:*"]', "fail-on", "chrom:*"),
    ('enable = "blank,blanks"', "enable", "blanks"),
    ('disable = ["mojibake", "mojibakes"]', "disable", "mojibakes"),
    ('severity = {"replacement-character" = "note"}', "severity", "replacement-character"),
])
def test_an_unknown_rule_in_the_config_names_the_file(capsys, tmp_path, monkeypatch, page, table, key, bad):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text(f'[tool.corpus-clean.check]\n{table}\n', encoding="utf-8")
    code, err = exit_status(capsys, "check", str(page))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"corpus-clean: {config}: '{key}': unknown rule '{bad}'")


def test_every_reason_the_pipeline_reports_is_a_known_rule():
    """The list of known ids is what the steps really report (it drifts when a step gains one)."""
    from conftest import SEEDS

    from corpus_clean import clean_and_explain
    from corpus_clean.findings import known_rules

    known = set(known_rules())
    reasons = set()
    for path in sorted((SEEDS / "raw").glob("*.txt")):
        reasons |= {r.reason for r in clean_and_explain(path.read_text(encoding="utf-8")).removals}
    assert reasons and reasons <= known
