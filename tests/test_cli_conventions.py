"""Options a user of ruff, OpenCC and pre-commit reaches for: --version, a CI gate's
switches, one name per meaning (issue 14)."""
from __future__ import annotations

import json
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
    assert err.startswith(f"corpus-clean: {config}:2: '{key}': unknown rule '{bad}'")


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


# --- check as a CI gate: --exit-zero, --statistics, a baseline, per-file ignores -----------

LAYER_LINE = "煤電等傳(chuan) 統產(chan) 業(ye) 占比高，為(wei) 陽泉市高質量轉型發展指明了方向，市委書(shu) 記表示我們(men) 充滿信心。"
BODY_LINE = "老街改造以後，原來的早點鋪和修鞋攤都留了下來，新開的書店也按照老街的尺度裝修，街坊們都說好。"
OTHER_BODY_LINE = "街口的早點鋪開了三十年，老闆說改造以後生意比以前還要好，常有外地遊客專程來吃一碗豆漿。"


@pytest.fixture
def dirty(tmp_path, monkeypatch):
    """A small corpus with two kinds of dirt, and the current folder set to it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(f"{BODY_LINE}\n{LAYER_LINE}\n分享到：微博 微信 QQ空間\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{BODY_LINE}\n分享到：微博 微信 QQ空間\n", encoding="utf-8")
    return tmp_path


def test_exit_zero_reports_but_passes(runner, dirty):
    failing = runner.invoke(cli, ["check", "--no-config", "--output-format", "text", "a.txt"])
    assert failing.exit_code == 1 and failing.stdout
    result = runner.invoke(cli, ["check", "--no-config", "--output-format", "text", "--exit-zero", "a.txt"])
    assert (result.exit_code, result.stdout) == (0, failing.stdout)
    assert "FAILED" in result.stderr


def test_statistics_count_findings_per_rule(runner, dirty):
    result = runner.invoke(cli, ["check", "--no-config", "--statistics", "a.txt", "b.txt"])
    assert result.exit_code == 1
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(n.strip(), rule) for n, rule, _ in rows] == [("6", "annotation-layer"), ("2", "chrome:share-widget")]
    assert rows[1][2] == "[error] page furniture (web chrome) that strip removes"
    assert "checked 2 files" in result.stderr
    as_json = runner.invoke(cli, ["check", "--no-config", "--statistics", "--output-format", "json", "a.txt", "b.txt"])
    assert [(r["rule"], r["count"], r["severity"]) for r in json.loads(as_json.stdout)] == [
        ("annotation-layer", 6, "error"), ("chrome:share-widget", 2, "error")]


def test_a_baseline_lets_a_dirty_corpus_adopt_the_gate(runner, dirty):
    wrote = runner.invoke(cli, ["check", "--no-config", "--baseline", "base.json", "--write-baseline", "."])
    assert (wrote.exit_code, wrote.stdout) == (0, "")
    assert "wrote 8 findings to the baseline base.json" in wrote.stderr
    data = json.loads((dirty / "base.json").read_text(encoding="utf-8"))
    assert data["format"] == "corpus-clean-baseline"
    assert sum(entry["count"] for entry in data["findings"]) == 8
    again = runner.invoke(cli, ["check", "--no-config", "--output-format", "text", "--baseline", "base.json", "."])
    assert (again.exit_code, again.stdout) == (0, "")
    assert "not reported: 8 in the baseline" in again.stderr
    # Lines inserted above move every finding: they still match; a new dirty line is reported.
    (dirty / "a.txt").write_text(f"新的標題\n{OTHER_BODY_LINE}\n\n{BODY_LINE}\n{LAYER_LINE}\n分享到：微博 微信 QQ空間\n"
                                 f"{LAYER_LINE}\n", encoding="utf-8")
    moved = runner.invoke(cli, ["check", "--no-config", "--output-format", "text", "--baseline", "base.json", "."])
    assert moved.exit_code == 1
    lines = moved.stdout.splitlines()
    assert len(lines) == 6 and all(line.startswith("a.txt:7:") and ": annotation-layer [error]" in line
                                   for line in lines)
    assert "not reported: 8 in the baseline" in moved.stderr


def test_baseline_errors_are_one_line(capsys, dirty):
    code, err = exit_status(capsys, "check", "--no-config", "--baseline", "missing.json", "a.txt")
    assert (code, err) == (2, "corpus-clean: missing.json: no such baseline file (write one with --write-baseline)\n")
    (dirty / "bad.json").write_text('{"findings": []}', encoding="utf-8")
    code, err = exit_status(capsys, "check", "--no-config", "--baseline", "bad.json", "a.txt")
    assert code == 2 and err.startswith("corpus-clean: bad.json: not a corpus-clean baseline")
    code, err = exit_status(capsys, "check", "--no-config", "--write-baseline", "a.txt")
    assert code == 2 and "--write-baseline writes the file named by --baseline FILE" in err


def test_per_file_ignores_in_the_config(runner, capsys, dirty):
    (dirty / "legacy").mkdir()
    (dirty / "legacy" / "c.txt").write_text(f"{BODY_LINE}\n{LAYER_LINE}\n", encoding="utf-8")
    (dirty / "corpus-clean.toml").write_text(
        '[check.per-file-ignores]\n"legacy/*" = ["annotation-layer"]\n"b.txt" = ["chrome:*"]\n', encoding="utf-8")
    result = runner.invoke(cli, ["check", "--output-format", "text", "legacy", "a.txt", "b.txt"])
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == [
        "annotation-layer"] * 6 + ["chrome:share-widget"]
    assert all(line.startswith("a.txt:") for line in result.stdout.splitlines())
    assert "not reported: 7 ignored per file" in result.stderr
    (dirty / "corpus-clean.toml").write_text('[check.per-file-ignores]\n"b.txt" = ["chrome:shar-widget"]\n',
                                             encoding="utf-8")
    code, err = exit_status(capsys, "check", "b.txt")
    assert code == 2 and "'per-file-ignores.b.txt': unknown rule 'chrome:shar-widget'" in err


# --- strip --diff as a gate, --stats - ------------------------------------------------------

@pytest.mark.slow
def test_strip_diff_exits_1_when_it_would_change_something(tmp_path):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(f"{BODY_LINE}\n{LAYER_LINE}\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(f"{BODY_LINE}\n", encoding="utf-8")
    proc = run("strip", "--diff", str(clean))
    assert (proc.returncode, proc.stdout) == (0, b"")
    proc = run("strip", "--diff", str(clean), str(dirty))
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith(f"--- a/{str(dirty).lstrip('/')}\n")
    assert proc.stderr == b""
    # The files are left alone.
    assert dirty.read_text(encoding="utf-8") == f"{BODY_LINE}\n{LAYER_LINE}\n"


@pytest.mark.slow
def test_stats_to_standard_output_with_the_documents_in_a_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "doc-1", "text": f"{BODY_LINE}\n{LAYER_LINE}"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("strip", "--stats", "-", "-o", str(out), str(src))
    assert proc.returncode == 0, proc.stderr
    stats = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [(s["id"], s["removals"]) for s in stats] == [("doc-1", {"annotation-layer": 6})]
    assert "(" not in json.loads(out.read_text(encoding="utf-8"))["text"]


@pytest.mark.parametrize("args", [["--stats", "-"], ["--stats", "-", "-o", "-"], ["--stats", "-", "--diff"]])
def test_stats_to_standard_output_is_refused_when_the_documents_go_there_too(tmp_path, args):
    src = tmp_path / "in.txt"
    src.write_text(f"{BODY_LINE}\n", encoding="utf-8")
    proc = run("strip", *args, str(src))
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert "--stats - writes statistics to standard output" in proc.stderr.decode()


@pytest.mark.slow
def test_stats_to_standard_output_with_in_place(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(f"{LAYER_LINE}\n", encoding="utf-8")
    proc = run("strip", "--in-place", "--stats", "-", str(src))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["removals"] == {"annotation-layer": 6, "blank": 1}
    assert "(" not in src.read_text(encoding="utf-8")


# --- one name per meaning; the old spellings still work, with a notice ----------------------

JSONL = json.dumps({"id": "r1", "text": LAYER_LINE}, ensure_ascii=False) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["strip", "annotations", "chrome"])
def test_input_format_is_named_input_format(name):
    new = run(name, "--input-format", "jsonl", "-", stdin=JSONL.encode())
    assert (new.returncode, new.stderr) == (0, b"")
    assert json.loads(new.stdout)["id"] == "r1"
    old = run(name, "--format", "jsonl", "-", stdin=JSONL.encode())
    assert (old.returncode, old.stdout) == (0, new.stdout)
    assert old.stderr.decode() == ("corpus-clean: --format is deprecated here; use --input-format "
                                   "(the old name goes in a later release)\n")
    assert "--format" not in run(name, "--help").stdout.decode().replace("--input-format", "").replace(
        "--output-format", "")


@pytest.mark.slow
def test_convert_input_format_and_opencc_config():
    new = run("convert", "-c", "s2t", "--input-format", "jsonl", "-", stdin=b'{"text": "\xe6\xb1\x89\xe8\xaf\xad"}\n')
    assert (new.returncode, new.stdout, new.stderr) == (0, '{"text": "漢語"}\n'.encode(), b"")
    long = run("convert", "--opencc-config", "s2t", "-", stdin="汉语\n".encode())
    assert (long.returncode, long.stdout, long.stderr) == (0, "漢語\n".encode(), b"")
    old = run("convert", "--config", "s2t", "-", stdin="汉语\n".encode())
    assert (old.returncode, old.stdout) == (0, "漢語\n".encode())
    assert old.stderr.decode() == ("corpus-clean: --config is deprecated here; use --opencc-config "
                                   "(the old name goes in a later release)\n")
    assert "--config" not in run("convert", "--help").stdout.decode().replace("--opencc-config", "")


@pytest.mark.slow
def test_check_report_format_is_output_format(page):
    new = run("check", "--no-config", "-q", "--output-format", "json", "--enable", "blank", str(page))
    assert new.returncode == 0 and new.stderr == b""
    old = run("check", "--no-config", "-q", "--format", "json", "--enable", "blank", str(page))
    assert (old.returncode, old.stdout) == (0, new.stdout) and b'"rule": "blank"' in new.stdout
    assert old.stderr.decode() == ("corpus-clean: --format is deprecated here; use --output-format "
                                   "(the old name goes in a later release)\n")
    both = run("check", "--no-config", "--format", "json", "--output-format", "text", str(page))
    assert both.returncode == 2 and b"--format is the deprecated name of --output-format" in both.stderr


@pytest.mark.slow
def test_check_config_key_output_format(tmp_path, page):
    (tmp_path / "corpus-clean.toml").write_text('[check]\noutput-format = "json"\n', encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(f"{LAYER_LINE}\n", encoding="utf-8")
    proc = subprocess.run(CC + ["check", "-q", str(dirty)], capture_output=True, cwd=tmp_path, check=False)
    assert proc.returncode == 1 and json.loads(proc.stdout.splitlines()[0])["rule"] == "annotation-layer"
    (tmp_path / "corpus-clean.toml").write_text('[check]\nformat = "json"\n', encoding="utf-8")
    old = subprocess.run(CC + ["check", "-q", str(dirty)], capture_output=True, cwd=tmp_path, check=False)
    assert (old.returncode, old.stdout) == (1, proc.stdout)
    assert "'format' is deprecated here; use 'output-format'" in old.stderr.decode()


# --- JSONL pipelines: --id-field, --skip, --limit -------------------------------------------

def _records(tmp_path, n=5):
    src = tmp_path / "dump.jsonl"
    src.write_text("".join(json.dumps({"meta": {"url": f"https://example.org/{i}"}, "text": f"第{i}篇：{LAYER_LINE}"},
                                      ensure_ascii=False) + "\n" for i in range(n)), encoding="utf-8")
    return src


@pytest.mark.slow
def test_id_field_names_records_in_explain_and_stats(tmp_path):
    src = _records(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    proc = run("strip", "--id-field", "meta.url", "--explain", "--stats", "-", "-o", str(out), str(src))
    assert proc.returncode == 0, proc.stderr
    headers = [line for line in proc.stderr.decode().splitlines() if not line.startswith(" ")]
    assert headers == ["https://example.org/0: 6 removals (annotation-layer 6); annotations: layer",
                       "https://example.org/1: 6 removals (annotation-layer 6); annotations: layer"]
    assert [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()] == [
        "https://example.org/0", "https://example.org/1"]


@pytest.mark.slow
def test_id_field_names_a_bad_record_in_the_error(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"meta": {"url": "u-1"}, "text": "好"}\n{"meta": {"url": "u-2"}, "body": "好"}\n', encoding="utf-8")
    proc = run("strip", "--id-field", "meta.url", str(src))
    assert (proc.returncode, proc.stderr.decode()) == (2, f"corpus-clean: {src}:2: missing field 'text' (record u-2)\n")
    proc = run("strip", "--on-error", "skip", "--id-field", "meta.url", str(src))
    assert proc.returncode == 0
    assert proc.stderr.decode() == f"corpus-clean: skipped {src}:2: missing field 'text' (record u-2)\n"


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_skip_and_limit_select_records_in_order(tmp_path, jobs):
    src = _records(tmp_path, 6)
    proc = run("strip", "-j", jobs, "--skip", "2", "--limit", "3", str(src))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["meta"]["url"][-1] for r in out] == ["2", "3", "4"]
    assert all("(" not in r["text"] for r in out)
    assert run("strip", "--limit", "0", str(src)).stdout == b""
    assert len(run("strip", "--skip", "4", str(src)).stdout.splitlines()) == 2


@pytest.mark.slow
def test_limit_stops_reading_before_a_bad_record(tmp_path):
    src = _records(tmp_path, 3)
    with src.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    proc = run("strip", "--limit", "3", str(src))
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 3
    assert run("strip", "--limit", "4", str(src)).returncode == 2


def test_skip_and_limit_refuse_in_place(tmp_path):
    src = _records(tmp_path, 2)
    before = src.read_bytes()
    proc = run("strip", "--in-place", "--limit", "1", str(src))
    assert proc.returncode == 2 and b"--skip and --limit leave documents out" in proc.stderr
    assert src.read_bytes() == before


# --- convert -c FILE.json and -i/-o, as OpenCC's own command ---------------------------------

def _own_config(tmp_path, chain_bundled: bool = False):
    """An OpenCC configuration of our own: a text dictionary, optionally before OpenCC's
    bundled t2s character table (found among the package's dictionaries)."""
    (tmp_path / "words.txt").write_text("老街\t舊巷\n", encoding="utf-8")
    chain = [{"dict": {"type": "text", "file": "words.txt"}}]
    if chain_bundled:
        chain.append({"dict": {"type": "ocd2", "file": "TSCharacters.ocd2"}})
    config = tmp_path / "mine.json"
    config.write_text(json.dumps({"name": "mine", "segmentation": {"type": "mmseg", "dict": {
        "type": "text", "file": "words.txt"}}, "conversion_chain": chain}), encoding="utf-8")
    return config


@pytest.mark.slow
def test_convert_takes_an_opencc_configuration_file(tmp_path):
    pytest.importorskip("opencc")
    from corpus_clean.convert import backend

    if backend().name != "opencc":
        pytest.skip("configuration files need the official OpenCC binding")
    config = _own_config(tmp_path)
    proc = run("convert", "-c", str(config), "-", stdin="老街新生\n".encode())
    assert (proc.returncode, proc.stdout.decode(), proc.stderr) == (0, "舊巷新生\n", b"")
    (tmp_path / "chained").mkdir()
    chained = _own_config(tmp_path / "chained", chain_bundled=True)
    # The chain applies in order: our words, then OpenCC's bundled table (舊 -> 旧 too).
    proc = run("convert", "--opencc-config", str(chained), "-", stdin="老街的漢語\n".encode())
    assert (proc.returncode, proc.stdout.decode()) == (0, "旧巷的汉语\n")
    # OpenCC's own spelling of a built-in configuration works too.
    assert run("convert", "-c", "t2s.json", "-", stdin="漢語\n".encode()).stdout.decode() == "汉语\n"


@pytest.mark.slow
def test_convert_i_and_o_as_opencc(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("汉语\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = run("convert", "-c", "s2t", "-i", str(src), "-o", str(out))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    assert out.read_text(encoding="utf-8") == "漢語\n"
    assert run("convert", "-c", "s2t", "--input", str(src), str(src)).stdout.decode() == "漢語\n漢語\n"


@pytest.mark.slow
@pytest.mark.parametrize("content,message", [
    (None, "no such OpenCC configuration file"),
    ("{not json", "not an OpenCC configuration (invalid JSON"),
    ('{"name": "x"}', 'not an OpenCC configuration (no "conversion_chain" list)'),
    ('{"conversion_chain": [{"dict": {"type": "text", "file": "nowhere.txt"}}]}',
     "dictionary 'nowhere.txt' not found"),
])
def test_a_bad_opencc_configuration_file_is_one_line(tmp_path, content, message):
    from corpus_clean.convert import backend

    if backend().name != "opencc":
        pytest.skip("configuration files need the official OpenCC binding")
    config = tmp_path / "conf.json"
    if content is not None:
        config.write_text(content, encoding="utf-8")
    proc = run("convert", "-c", str(config), "-", stdin="汉语\n".encode())
    err = proc.stderr.decode()
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert err.startswith(f"corpus-clean: {config}: {message}") and err.count("\n") == 1


# --- the pre-commit hooks -------------------------------------------------------------------

def _hooks():
    yaml = pytest.importorskip("yaml")
    from conftest import ROOT

    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def _run_hook(hook, files, cwd):
    """As pre-commit runs a hook: its entry, then its args, then the staged file names."""
    entry = hook["entry"].split()
    assert entry[0] == "corpus-clean"
    return subprocess.run(CC + entry[1:] + hook.get("args", []) + [str(f) for f in files], capture_output=True,
                          cwd=cwd, check=False)


@pytest.mark.slow
def test_the_strip_hook_fixes_staged_files_in_place(tmp_path):
    import re

    hooks = _hooks()
    assert set(hooks) == {"corpus-clean-check", "corpus-clean-strip"}
    strip_hook, check_hook = hooks["corpus-clean-strip"], hooks["corpus-clean-check"]
    assert strip_hook["language"] == "python" and strip_hook["files"] == check_hook["files"]
    dirty = tmp_path / "page.txt"
    dirty.write_text(f"{BODY_LINE}\n{LAYER_LINE}\n分享到：微博 微信 QQ空間\n", encoding="utf-8")
    records = tmp_path / "dump.jsonl"
    records.write_text(JSONL, encoding="utf-8")
    assert all(re.search(strip_hook["files"], f.name) for f in (dirty, records))
    assert _run_hook(check_hook, [dirty, records], tmp_path).returncode == 1
    fixed = _run_hook(strip_hook, [dirty, records], tmp_path)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, b"", b"")
    assert dirty.read_text(encoding="utf-8") == _strip_text(
        f"{BODY_LINE}\n{LAYER_LINE}\n分享到：微博 微信 QQ空間\n").rstrip("\n") + "\n"
    assert "(" not in json.loads(records.read_text(encoding="utf-8"))["text"]
    # After the fix the checking hook passes; a second fix changes nothing.
    assert _run_hook(check_hook, [dirty, records], tmp_path).returncode == 0
    before = dirty.read_bytes()
    assert _run_hook(strip_hook, [dirty], tmp_path).returncode == 0 and dirty.read_bytes() == before


def _strip_text(text: str) -> str:
    from corpus_clean import clean

    return clean(text)


# --- numbering from 1 everywhere --------------------------------------------------------------

@pytest.mark.slow
def test_lines_and_columns_count_from_1_in_the_library_check_and_explain(tmp_path):
    from corpus_clean.check import ScanConfig, scan_text

    text = f"{BODY_LINE}\n好\x01字\n"
    hit = next(h for h in scan_text(ScanConfig(script=False), text) if h.rule == "control-char")
    assert (hit.line, hit.column, hit.offset) == (2, 2, len(BODY_LINE) + 2)
    page = tmp_path / "p.txt"
    page.write_text(text, encoding="utf-8")
    report = run("check", "--no-config", "-q", "--output-format", "text", str(page)).stdout.decode()
    assert report.startswith(f"{page}:2:2: control-char [error]")
    explain = run("strip", "--explain", str(page)).stderr.decode().splitlines()
    assert explain[1].startswith("  2:2\tlayout\tcontrol-char")
    # A JSONL record: its line in the file, then line:col in its text field, from 1 too.
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "x", "text": "首行\n第二行\x01"}) + "\n" + json.dumps(
        {"id": "y", "text": "好\x01"}) + "\n", encoding="utf-8")
    explain = run("strip", "--explain", str(records)).stderr.decode().splitlines()
    assert explain == ["x: 1 removal (control-char 1)", '  1@2:4\tlayout\tcontrol-char\t"\\u0001"',
                       "y: 1 removal (control-char 1)", '  2@1:2\tlayout\tcontrol-char\t"\\u0001"']


def test_plain_strip_loads_neither_opencc_nor_the_conversion_modules(tmp_path):
    """Start-up: a strip that converts nothing never imports OpenCC (its binding and
    dictionaries are most of a conversion's start-up); ``--to`` does."""
    from conftest import ROOT, SEEDS

    seed = min((SEEDS / "raw").glob("*.txt"))
    code = ("import sys\nfrom corpus_clean.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m == 'opencc' or m.startswith(('opencc.', "
            "'corpus_clean.convert', 'corpus_clean.opencc_backend')))))")

    def loaded(*args):
        out = subprocess.run([sys.executable, "-c", code, "strip", "-q", "-o", str(tmp_path / "out.txt"), *args,
                              str(seed)], capture_output=True, text=True, check=True, cwd=ROOT)
        return out.stderr.strip().splitlines()[-1]

    assert loaded() == "[]"
    assert "'corpus_clean.convert'" in loaded("--to", "simplified")
