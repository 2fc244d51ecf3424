"""`[tool.corpus-clean.<subcommand>]` / `corpus-clean.toml` configure every subcommand; flags win."""
from __future__ import annotations

import json

import pytest
from sample_pages import BODY, LAYER, PAGE, RULES

from corpus_clean.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a rule file, a page, and a sub-folder to run from."""
    (tmp_path / "site.rules").write_text(RULES, encoding="utf-8")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")  # settings are found upward, paths are the file's folder's
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_strip_reads_its_table_in_pyproject_and_flags_win(capsys, project):
    page = str(project / "corpus" / "page.txt")
    assert run(capsys, "strip", "-q", page)[1] == PAGE
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.corpus-clean.strip]\n'
                                            'rules = "site.rules"\n', encoding="utf-8")
    assert run(capsys, "strip", "-q", page)[1] == BODY + "\n"
    assert run(capsys, "strip", "-q", "--no-config", page)[1] == PAGE
    # a flag of the same option replaces the configured value
    (project / "other.rules").write_text("[advert]\n^广告$\n", encoding="utf-8")
    assert run(capsys, "strip", "-q", "--rules", str(project / "other.rules"), page)[1] == PAGE


def test_each_subcommand_reads_its_own_table_of_corpus_clean_toml(capsys, project):
    (project / "corpus-clean.toml").write_text(
        '[annotations]\nmode = "none"\n\n[chrome]\nrules = ["site.rules"]\n\n[convert]\nopencc-config = "s2t"\n\n'
        '[strip]\nno-chrome = true\n', encoding="utf-8")
    layer = project / "corpus" / "layer.txt"
    layer.write_text(LAYER, encoding="utf-8")
    page = str(project / "corpus" / "page.txt")
    assert run(capsys, "annotations", "-q", str(layer))[1] == LAYER
    assert "(" not in run(capsys, "annotations", "-q", "--mode", "auto", str(layer))[1]
    assert run(capsys, "chrome", "-q", page)[1] == BODY + "\n"
    code, out, _ = run(capsys, "convert", "-q", str(layer))  # the configured -c suffices
    assert code == 0 and "煤電" in out
    assert run(capsys, "strip", "-q", page)[1].startswith("我的小站\n")
    assert run(capsys, "strip", "-q", "--no-config", page)[1].startswith("我的小站\n")  # no rule for it built in


def test_check_reads_the_cleaning_options_of_its_table(capsys, project):
    gbk = project / "corpus" / "gbk.txt"
    gbk.write_bytes(f"首页 > 新闻 > 正文\n{BODY}\n".encode("gbk"))
    (project / "pyproject.toml").write_text('[tool.corpus-clean.check]\nrules = ["site.rules"]\nencoding = "gbk"\n'
                                            'output-format = "json"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "-q", str(gbk), str(project / "corpus" / "page.txt"))
    found = [(json.loads(line)["rule"], json.loads(line)["line"]) for line in out.splitlines()]
    assert code == 1 and found == [("chrome:breadcrumb", 1), ("unreadable-file", 2)]  # page.txt is not GBK
    code, out, _ = run(capsys, "check", "-q", "--encoding", "utf-8", str(project / "corpus" / "page.txt"))
    assert [json.loads(line)["rule"] for line in out.splitlines()] == ["chrome:site-name"]


@pytest.mark.parametrize("toml,message", [
    ('[tool.corpus-clean.strip]\nmin-docs = "many"\n', ":2: 'min-docs': 'many' is not a valid integer range"),
    ('[tool.corpus-clean.strip]\n\nannotations = "some"\n', ":3: 'annotations': 'some' is not one of"),
    ('[tool.corpus-clean.strip]\nno-chrome = "yes"\n', ":2: 'no-chrome' must be true or false"),
    ('[tool.corpus-clean.strip]\nrules-file = "a"\n', ":2: unknown setting 'rules-file' for strip"),
    ('[tool.corpus-clean.strip]\noutput = "x.txt"\n', ":2: unknown setting 'output' for strip"),
    ('[tool.corpus-clean]\nstrp = {rules = "a"}\n', ":2: unknown table 'tool.corpus-clean.strp'"),
    ('[tool.corpus-clean.strip]\nrules = \n', ":2: invalid TOML"),
])
def test_a_bad_setting_is_one_line_naming_file_and_line(capsys, project, toml, message):
    config = project / "pyproject.toml"
    config.write_text(toml, encoding="utf-8")
    code, out, err = run(capsys, "strip", str(project / "corpus" / "page.txt"))
    assert (code, out) == (2, "")
    assert err.startswith(f"corpus-clean: {config}{message}") and err.count("\n") == 1, err


def test_a_missing_configured_rule_file_is_named_at_its_place(capsys, project):
    (project / "corpus-clean.toml").write_text('[chrome]\nrules = ["nowhere.rules"]\n', encoding="utf-8")
    code, out, err = run(capsys, "chrome", str(project / "corpus" / "page.txt"))
    assert (code, out) == (2, "") and str(project / "nowhere.rules") in err


def test_config_names_a_file_explicitly(capsys, project, tmp_path):
    settings = project / "settings" / "corpus-clean.toml"
    settings.parent.mkdir()
    settings.write_text('[strip]\nrules = "../site.rules"\n', encoding="utf-8")
    page = str(project / "corpus" / "page.txt")
    assert run(capsys, "strip", "-q", "--config", str(settings), page)[1] == BODY + "\n"
    code, _, err = run(capsys, "strip", "--config", str(settings), "--no-config", page)
    assert code == 2 and "--config and --no-config cannot be used together" in err


def test_a_configured_glob_that_matches_nothing_is_an_error(capsys, project):
    config = project / "pyproject.toml"
    config.write_text('[tool.corpus-clean.check]\nglob = ["*.txt", "*.md"]\n', encoding="utf-8")
    code, out, err = run(capsys, "check", str(project / "corpus"))
    assert (code, out) == (2, "")
    assert err == f"corpus-clean: {config}:2: glob '*.md' matches no file in {project / 'corpus'}\n"
    code, out, err = run(capsys, "check", "--glob", "*.jsonl", str(project / "corpus"))
    assert (code, out) == (2, "")
    assert err == f"corpus-clean: --glob '*.jsonl' matches no file in {project / 'corpus'}\n"
    (project / "empty").mkdir()
    code, out, err = run(capsys, "check", "--no-config", str(project / "empty"))
    assert (code, out) == (2, "") and "no text or JSONL file" in err
