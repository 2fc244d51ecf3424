"""`corpus-clean check`: the same detectors as strip, its own rules, inputs, thresholds, config."""
from __future__ import annotations

import gzip
import json
import sys

import pytest
from conftest import ROOT, SEEDS, seed_names

from corpus_clean import html_report
from corpus_clean.check import ScanConfig, scan_text
from corpus_clean.check import scan as scan_mod
from corpus_clean.cli import cli, main
from corpus_clean.findings import SeverityTable, catalogue
from corpus_clean.mojibake import find_mojibake
from corpus_clean.pipeline import CleanConfig, Pipeline, Step, build_pipeline
from corpus_clean.report import Removal, StepOutput

CORPUS = "tests/data/check/corpus"
LAYER = ("煤電等傳(chuan) 統產(chan) 業(ye) 占比高，轉型壓力大，為(wei) 陽泉市高質量轉型發展指明了方向。"
         "市委書(shu) 記表示，對於(yu) 下一步工作，我們(men) 充滿信心。")


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    """Paths in reports are as given: run from the repository root, as users and CI do."""
    monkeypatch.chdir(ROOT)


def run_check(runner, *args):
    result = runner.invoke(cli, ["check", "--no-config", *args])
    return result.exit_code, result.stdout


def exit_status(capsys, *args) -> tuple[int, str]:
    """Through ``main``, as the console script runs: errors become one line and status 2."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return exc.value.code, capsys.readouterr().err


def json_findings(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


# --- same detectors as strip --------------------------------------------------------------

@pytest.mark.parametrize("name", seed_names())
def test_the_pipeline_locates_each_removal_in_the_raw_text(name):
    raw = (SEEDS / "raw" / name).read_text(encoding="utf-8")
    for removal in build_pipeline(CleanConfig()).run(raw).removals:
        located = iter(raw[removal.start:removal.end])  # a later step's span may enclose earlier deletions
        assert raw[removal.start] == removal.text[0] and all(ch in located for ch in removal.text)


@pytest.mark.parametrize("name", seed_names())
def test_check_findings_are_exactly_the_removals_strip_makes(name):
    raw = (SEEDS / "raw" / name).read_text(encoding="utf-8")
    removals = build_pipeline(CleanConfig()).run(raw).removals
    hits = [h for h in scan_text(ScanConfig(script=False), raw) if h.step is not None]
    assert sorted((h.rule, h.text) for h in hits) == sorted((r.reason, r.text) for r in removals)


def test_check_seeds_raw_fails_and_lists_every_removal_strip_would_make(runner):
    code, out = run_check(runner, "--output-format", "json", "seeds/raw")
    rules = SeverityTable()
    expected = []
    for name in seed_names():
        raw = (SEEDS / "raw" / name).read_text(encoding="utf-8")
        expected += [(f"seeds/raw/{name}", r.reason, r.text)
                     for r in build_pipeline(CleanConfig()).run(raw).removals if rules.severity(r.reason) != "off"]
    listed = [(f["file"], f["rule"], f["text"]) for f in json_findings(out) if f["step"] is not None]
    assert sorted(listed) == sorted(expected)
    assert any(rule == "annotation-layer" for _, rule, _ in expected)
    assert code == 1


def test_check_seeds_expected_passes(runner):
    code, out = run_check(runner, "--output-format", "json", "seeds/expected")
    assert (code, out) == (0, "")


def test_a_new_pipeline_step_is_checked_without_code_in_check(monkeypatch):
    """Chrome (or any later step) reports removals; check turns them into findings."""

    def fake_chrome(text: str) -> StepOutput:
        removals = []
        pos = 0
        for line in text.split("\n"):
            if line.startswith("分享到"):
                removals.append(Removal("chrome", pos, pos + len(line) + 1, line + "\n", "chrome:share-widget"))
            elif line and not line.strip():
                removals.append(Removal("chrome", pos, pos + len(line) + 1, line + "\n", "chrome:blank"))
            pos += len(line) + 1
        kept = [text[a:b] for a, b in zip([0] + [r.end for r in removals], [r.start for r in removals] + [len(text)])]
        return StepOutput("".join(kept), removals)

    real = build_pipeline(CleanConfig(chrome=False))
    row = Step("chrome", lambda config: fake_chrome, lambda config: True)
    fake = Pipeline(real.steps[:-1] + (("chrome", fake_chrome),) + real.steps[-1:],  # before layout
                    real.rows[:-1] + (row,) + real.rows[-1:])
    monkeypatch.setattr(scan_mod, "build_pipeline", lambda config: fake)
    text = "標題\r\n時代\x01正文\n   \n分享到：微博 QQ空間\n"
    hits = scan_text(ScanConfig(script=False), text)
    assert [(h.rule, h.step, h.line, h.column, h.text) for h in hits] == [
        ("blank", "layout", 1, 3, "\r"),
        ("control-char", "layout", 2, 3, "\x01"),
        ("blank", "layout", 2, 6, "\n"),  # the final line break, once chrome took the lines after it
        ("chrome:blank", "chrome", 3, 1, "   \n"),
        ("chrome:share-widget", "chrome", 4, 1, "分享到：微博 QQ空間\n"),
    ]
    rules = SeverityTable()
    assert rules.severity("chrome:share-widget") == "error"
    assert rules.severity("chrome:blank") == "off"
    assert rules.severity("blank") == "off"


def test_removal_offsets_hold_after_layout_deletions():
    """The layout step's CRs and trailing spaces are removals too; every position holds."""
    text = "題目  \r\n\r\n\x01新(xīn)時代 的(de) 人(rén)民(mín)  \r\n\r\n\r\n  \u3000\r\n好(hǎo)\x02人\r\n"
    result = build_pipeline(CleanConfig()).run(text)
    assert [(text[r.start:r.end], r.reason) for r in result.removals] == [
        ("\r", "blank"), ("\r", "blank"), ("\x01", "control-char"), ("\r", "blank"), ("\r", "blank"),
        ("\r", "blank"), ("\r", "blank"), ("\x02", "control-char"), ("\r", "blank"),
        ("(xīn)", "annotation-layer"), ("(de)", "annotation-layer"), ("(rén)", "annotation-layer"),
        ("(mín)", "annotation-layer"), ("(hǎo)", "annotation-layer"),
        ("  ", "blank"), ("  ", "blank"), ("\n", "blank"), ("  \u3000", "blank"), ("\n", "blank"), ("\n", "blank")]
    assert html_report.delete_spans(text, ((r.start, r.end) for r in result.removals)) == result.text


# --- check's own rules ----------------------------------------------------------------------

def test_mojibake_gbk_and_latin1_found_and_real_text_left_alone():
    found = find_mojibake("他说：" + "这是一个测试".encode().decode("gbk", "replace") + "。Ã© â€œ")
    assert [(m.text, m.repaired, m.codec) for m in found] == [
        ("杩欐槸涓�涓�娴嬭瘯", "这是一一测试", "gbk"), ("Ã©", "é", "cp1252"), ("â€œ", "“", "cp1252")]
    assert [m.repaired for m in find_mojibake("锟斤拷锟斤拷")] == ["\ufffd" * 4]
    for folder in ("raw", "expected"):
        for name in seed_names():
            assert find_mojibake((SEEDS / folder / name).read_text(encoding="utf-8")) == []
    assert find_mojibake("café, naïve, Ångström, 東京都") == []


def test_replacement_characters_and_empty_documents():
    hits = scan_text(ScanConfig(script=False), "第一行\n第二\ufffd\ufffd行")
    assert [(h.rule, h.line, h.column, h.text) for h in hits] == [("replacement-char", 2, 3, "\ufffd\ufffd")]
    assert [(h.rule, h.message) for h in scan_text(ScanConfig(), " \n\u3000")] == [
        ("empty-document", "document holds only whitespace")]


def test_script_rules_use_the_script_detector():
    assert [h.rule for h in scan_text(ScanConfig(), "这个这个是這個這個")] == ["script-mixed"]
    assert [h.message for h in scan_text(ScanConfig(expect_script="simplified"), "這是")] == [
        "script is traditional, expected simplified"]
    assert scan_text(ScanConfig(expect_script="traditional"), "這是") == []


def test_expect_script_cli(runner, tmp_path):
    page = tmp_path / "t.txt"
    page.write_text("這是繁體。\n", encoding="utf-8")
    code, out = run_check(runner, "--output-format", "text", "--expect-script", "simplified", str(page))
    assert (code, out) == (1, f"{page}:1: script-unexpected [error] script is traditional, expected simplified\n")


def test_expect_script_with_the_real_detector(runner):
    pytest.importorskip("corpus_clean.script")
    code, out = run_check(runner, "--output-format", "json", "--expect-script", "simplified",
                          "seeds/expected/004_a45f798d94b9b2fe.txt")
    assert code == 1 and [f["rule"] for f in json_findings(out)] in (["script-unexpected"], ["script-mixed"])


# --- inputs ---------------------------------------------------------------------------------

def test_invalid_utf8_is_a_finding_and_the_next_lines_and_files_are_still_checked(runner, tmp_path):
    bad = tmp_path / "a-bad.jsonl"
    bad.write_bytes(b'{"text": "ok"}\n{"text": "\xff\xfe"}\n{"text": "\x01"}\n')
    good = tmp_path / "b.txt"
    good.write_text("正文\x07\n", encoding="utf-8")
    code, out = run_check(runner, "--output-format", "text", str(tmp_path))
    assert out.splitlines() == [
        f"{bad}:2: invalid-utf8 [error] not valid UTF-8 (byte offset 25)",
        f"{bad}:3:11: malformed-jsonl [error] malformed JSON: Invalid control character at",
        f"{good}:1:3: control-char [error] layout step removes \"\\u0007\"",
    ]
    assert code == 1


def test_folders_are_walked_with_globs_and_compressed_files_read(runner, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    with gzip.open(sub / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z1", "text": "好\ufffd"}) + "\n")
    (tmp_path / "skip.md").write_text("\ufffd", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("\ufffd", encoding="utf-8")
    code, out = run_check(runner, "--output-format", "text", str(tmp_path))
    assert out == (f"{sub / 'd.jsonl.gz'}:1: replacement-char [error] 1 U+FFFD replacement character: "
                   "bytes lost by an earlier decoding (record z1)\n")
    assert code == 1
    code, out = run_check(runner, "--output-format", "text", "--glob", "*.md", str(tmp_path))
    assert out.startswith(f"{tmp_path / 'skip.md'}:1:1: replacement-char")
    assert (code, out.count("\n")) == (1, 1)


def test_jobs_give_the_same_report(runner):
    assert run_check(runner, "--output-format", "json", "-j", "2", CORPUS, "seeds/raw") == \
        run_check(runner, "--output-format", "json", CORPUS, "seeds/raw")


def test_usage_errors_exit_2(capsys):
    assert exit_status(capsys, "check", "no/such/path") == (2, "corpus-clean: no/such/path: no such file or folder\n")
    assert exit_status(capsys, "check", "--severity", "mojibake=loud", CORPUS)[0] == 2
    assert exit_status(capsys, "check", "--max-dirty-ratio", "1.5", CORPUS)[0] == 2


# --- thresholds -----------------------------------------------------------------------------

def test_thresholds(runner):
    # The fixture corpus: 20 findings at severity error, 2 warnings; 5 of 9 documents dirty.
    assert run_check(runner, "-q", "--output-format", "json", CORPUS)[0] == 1
    assert run_check(runner, "--max-findings", "20", CORPUS)[0] == 0
    assert run_check(runner, "--max-findings", "19", CORPUS)[0] == 1
    assert run_check(runner, "--max-dirty-ratio", "0.6", CORPUS)[0] == 0
    assert run_check(runner, "--max-dirty-ratio", "0.5", CORPUS)[0] == 1
    assert run_check(runner, "--max-dirty-ratio", "0.6", "--max-findings", "3", CORPUS)[0] == 1
    # Only these rules count (warnings included): 1 empty document.
    assert run_check(runner, "--fail-on", "empty-document", "--max-findings", "1", CORPUS)[0] == 0
    assert run_check(runner, "--fail-on", "empty-*,duplicate-document", "--max-findings", "1", CORPUS)[0] == 1
    assert run_check(runner, "--fail-on", "chrome:*", CORPUS)[0] == 0
    assert run_check(runner, "--severity", "*=warning", CORPUS)[0] == 0


def test_summary_line_on_stderr(runner):
    result = runner.invoke(cli, ["check", "--no-config", "--output-format", "json", CORPUS])
    assert result.stderr == ("corpus-clean: checked 3 files, 9 documents: 23 findings (20 counted), "
                             "5 dirty documents (55.56%); FAILED: 20 counted findings (at most 0 allowed)\n")


# --- configuration --------------------------------------------------------------------------

def _copy_corpus(tmp_path):
    target = tmp_path / "proj" / "data"
    target.mkdir(parents=True)
    for src in (ROOT / CORPUS).iterdir():
        (target / src.name).write_bytes(src.read_bytes())
    return tmp_path / "proj"


def test_config_precedence_flag_over_file_over_defaults(runner, tmp_path, monkeypatch):
    proj = _copy_corpus(tmp_path)
    (proj / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.corpus-clean.check]\nmax-findings = 100\n', encoding="utf-8")
    sub = proj / "data"
    monkeypatch.chdir(sub)
    # pyproject.toml in a parent folder: 23 findings <= 100.
    assert runner.invoke(cli, ["check", "."]).exit_code == 0
    # A corpus-clean.toml nearer (or in the same folder) wins over it.
    (proj / "corpus-clean.toml").write_text('[check]\nmax-findings = 5\n', encoding="utf-8")
    assert runner.invoke(cli, ["check", "."]).exit_code == 1
    # A flag wins over both.
    assert runner.invoke(cli, ["check", "--max-findings", "40", "."]).exit_code == 0
    (proj / "corpus-clean.toml").write_text(
        '[check]\ndisable = ["annotation-layer", "mojibake", "control-char", "missing-field", "malformed-jsonl",'
        ' "replacement-char", "script-mixed"]\n[check.severity]\n"duplicate-document" = "error"\n',
        encoding="utf-8")
    result = runner.invoke(cli, ["check", "--output-format", "text", "."])
    assert result.stdout.splitlines() == [
        "c-records.jsonl:3: empty-document [warning] empty document (record r3)",
        "c-records.jsonl:4: duplicate-document [error] same text as c-records.jsonl:1 (record r4)"]
    assert result.exit_code == 1
    result = runner.invoke(cli, ["check", "--output-format", "text", "--severity", "duplicate-document=note",
                                 "--disable", "empty-document", "."])
    assert (result.exit_code, result.stdout) == (
        0, "c-records.jsonl:4: duplicate-document [note] same text as c-records.jsonl:1 (record r4)\n")
    # --no-config ignores the files.
    assert runner.invoke(cli, ["check", "--no-config", "-q", "."]).exit_code == 1


def test_enable_a_rule_off_by_default(runner, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("正文\n \u3000\n正文二\n", encoding="utf-8")
    assert run_check(runner, str(page)) == (0, "")
    code, out = run_check(runner, "--output-format", "text", "--enable", "blank", str(page))
    assert (code, out) == (0, (f"{page}:2:1: blank [warning] layout step removes \" \u3000\"\n"
                               f"{page}:3:4: blank [warning] layout step removes \"\\n\"\n"))


def test_config_errors_name_the_file_and_line(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "corpus-clean.toml"
    config.write_text('[check]\nmax-findigns = 3\n', encoding="utf-8")
    code, err = exit_status(capsys, "check", ".")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"corpus-clean: {config}:2: unknown setting 'max-findigns' for check (the settings are ")
    config.write_text('[check]\nseverity = {mojibake = "loud"}\n', encoding="utf-8")
    assert exit_status(capsys, "check", ".") == (
        2, f"corpus-clean: {config}:2: 'severity.mojibake' must be one of error, warning, note, off (got 'loud')\n")
    config.write_text('[check\n', encoding="utf-8")
    code, err = exit_status(capsys, "check", ".")
    assert code == 2 and err.startswith(f"corpus-clean: {config}:1: invalid TOML")


def test_rule_catalogue_is_listed(runner):
    result = runner.invoke(cli, ["check", "--list-rules"])
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert ids == [r.pattern for r in catalogue()]
    assert {"annotation-layer", "chrome:*", "mojibake", "invalid-utf8", "duplicate-document"} <= set(ids)


def test_unreadable_files_and_nul_records_are_findings(runner, tmp_path):
    broken = tmp_path / "a.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    nul = tmp_path / "b.jsonl"
    nul.write_text(json.dumps({"id": "n", "text": "好\x00壞"}) + "\n", encoding="utf-8")
    code, out = run_check(runner, "--output-format", "json", str(tmp_path))
    found = [(f["rule"], f["file"], f["line"], f["record"], f["offset"]) for f in json_findings(out)]
    assert found == [("unreadable-file", str(broken), None, None, None),
                     ("control-char", str(nul), 1, "n", 1)]
    assert json_findings(out)[0]["message"].startswith("cannot read")
    assert code == 1


@pytest.mark.slow
def test_a_folder_with_a_named_pipe_inside_is_checked_without_reading_the_pipe(tmp_path):
    import os
    import subprocess

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("乾淨的文字。\n", encoding="utf-8")
    os.mkfifo(corpus / "b.txt")  # matches the glob; opening it would wait for a writer forever
    proc = subprocess.run([sys.executable, "-m", "corpus_clean", "check", "--no-config", "--output-format", "text",
                           str(corpus)], capture_output=True, timeout=30, check=False)
    assert (proc.returncode, proc.stdout) == (0, b"")
    assert b"1 file, 1 document" in proc.stderr
