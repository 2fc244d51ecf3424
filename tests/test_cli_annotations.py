"""`corpus-clean annotations` and `strip --annotations`, end to end through the console script."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

SEED_002 = "002_9bef78e789c8ae17.txt"
SEED_004 = "004_a45f798d94b9b2fe.txt"
# Documents without a final newline: the text writer ends each document with one.
LAYER = "煤電等傳(chuan) 統產(chan) 業(ye) 占比高，轉型壓力大。"
NOTES = "五行是指金(jīn)、木(mù)、水(shuǐ)、火(huǒ)、土(tǔ)五种物质。"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_clean", *args], input=stdin, check=False,
                          capture_output=True, cwd=ROOT)


@pytest.mark.parametrize("name", [SEED_002, SEED_004])
def test_seed_byte_for_byte(name):
    raw = (SEEDS / "raw" / name).read_bytes()
    expected = (SEEDS / "annotations-expected" / name).read_bytes()
    proc = run("annotations", stdin=raw)
    assert proc.returncode == 0, proc.stderr
    # The text writer ends every document with one newline; the expected files have none.
    assert proc.stdout.removesuffix(b"\n") == expected


def test_explain_prints_figures_and_verdict_per_document(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "layer-doc", "text": LAYER}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "notes-doc", "text": NOTES}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    proc = run("annotations", "--explain", str(path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.decode("utf-8").splitlines()
    assert lines[0].startswith("layer-doc: layer | removed 3 of 3 verified readings (+3 converter spaces), kept 0")
    assert "per_100=" in lines[0] and "why: 3 readings" in lines[0]
    assert lines[1].startswith("notes-doc: notes | removed 0 of 5 verified readings, kept 5")
    assert "list items" in lines[1]
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["text"] for r in records] == ["煤電等傳統產業占比高，轉型壓力大。", NOTES]


def test_explain_says_which_readings_went_and_which_stayed():
    # A text about rare characters with a layer: the explanation counts the readings that
    # went and those that stayed, and says why they stayed.
    text = "今(jīn)年的读书节上，老(lǎo)师介绍了几个生僻字：犇(bēn)、淼(miǎo)、垚(yáo)。同学们认(rèn)真记下，说(shuō)回家要查(chá)字典。"
    proc = run("annotations", "--explain", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr
    line = proc.stderr.decode("utf-8").strip()
    assert line.startswith("<stdin>: layer | removed 5 of 8 verified readings, kept 3")
    assert "5 of 8 readings are a layer" in line and "kept as the author's: 3 rare characters" in line
    assert proc.stdout.decode() == "今年的读书节上，老师介绍了几个生僻字：犇(bēn)、淼(miǎo)、垚(yáo)。同学们认真记下，说回家要查字典。\n"


@pytest.mark.slow
def test_explain_keeps_standard_output_clean():
    plain = run("annotations", stdin=LAYER.encode())
    explained = run("annotations", "--explain", stdin=LAYER.encode())
    assert plain.stdout == explained.stdout == "煤電等傳統產業占比高，轉型壓力大。\n".encode()
    assert plain.stderr == b""


@pytest.mark.slow
@pytest.mark.parametrize("option", ["--mode", "--annotations"])
def test_mode_all_and_none(option):
    assert run("annotations", option, "all", stdin=NOTES.encode()).stdout.decode() == \
        "五行是指金、木、水、火、土五种物质。\n"
    assert run("annotations", option, "none", stdin=LAYER.encode()).stdout.decode() == LAYER + "\n"


def test_annotations_touches_nothing_else():
    text = "首页 > 新闻 > 正文\n\n\n当前位置：首页\n\x07正文(记者 张三)  "
    assert run("annotations", stdin=text.encode()).stdout.decode() == text + "\n"


@pytest.mark.slow
def test_strip_annotation_option():
    assert run("strip", stdin=LAYER.encode()).stdout.decode() == "煤電等傳統產業占比高，轉型壓力大。\n"
    assert run("strip", "--annotations", "none", stdin=LAYER.encode()).stdout.decode() == LAYER + "\n"
    assert run("strip", "--annotations", "all", stdin=NOTES.encode()).stdout.decode() == \
        "五行是指金、木、水、火、土五种物质。\n"


@pytest.mark.slow
def test_bad_mode_is_a_usage_error():
    proc = run("annotations", "--mode", "some", stdin=LAYER.encode())
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and b"some" in proc.stderr


@pytest.mark.slow
def test_missing_file_is_one_line_exit_2(tmp_path):
    proc = run("annotations", str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == f"corpus-clean: {tmp_path / 'missing.txt'}: no such file"


@pytest.mark.slow
def test_parallel_output_is_the_same(tmp_path):
    lines = [LAYER.strip(), NOTES.strip(), "新(xīn)時代的領(lǐng)航者，我們(men)一定(dìng)直麵問題。"] * 20
    path = tmp_path / "docs.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run("annotations", "--line-docs", str(path))
    two = run("annotations", "--line-docs", "-j", "2", str(path))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert one.stdout.decode().splitlines()[0] == "煤電等傳統產業占比高，轉型壓力大。"


def test_help_lists_the_subcommand():
    proc = run("--help")
    assert b"annotations" in proc.stdout
    proc = run("annotations", "--help")
    assert b"--explain" in proc.stdout and b"--annotations" in proc.stdout


def test_explain_uses_rich_on_a_terminal(monkeypatch):
    import io

    from corpus_clean.cli.annotations import VerdictExplainer, annotate_text
    from corpus_clean.io import Document

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    explain = VerdictExplainer()
    assert explain.console is not None
    explain(Document(LAYER, "page[1]", "page"), annotate_text("auto", LAYER))
    shown = err.getvalue()
    assert "page[1]: " in shown and "layer" in shown and "removed 3 of 3" in shown
