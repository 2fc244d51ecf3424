"""The bad-input matrix: each case, its exact message on standard error and exit status.

Every case runs the real command in a subprocess: one line, no traceback, and nothing on
standard output or on disk that a failure could have left half-written.
"""
from __future__ import annotations

import bz2
import gzip
import json
import os
import re
import subprocess
import sys
from typing import Any, NamedTuple

import pytest

CC = [sys.executable, "-m", "corpus_clean"]
TEXT = "人民網太原3月7日電，陽泉是典型的資源型城市，煤電等傳統產業占比高，轉型壓力大。\n"
ROOT = os.geteuid() == 0


class Case(NamedTuple):
    filename: str
    content: Any  # bytes, None (no file), or a builder(path) -> expected message
    args: list[str]
    status: int
    message: str | None  # {path}: the input file; None: the builder's; "": nothing on stderr
    shell_tail: str = ""  # appended to the command line in a shell (redirections)


def _big_invalid(path):
    good = TEXT.encode("utf-8") * 20_000
    path.write_bytes(good + b"\xe4\xb8" + b"\n" + good)
    return f"{path}:20001: not valid UTF-8 (byte offset {len(good)}); try --encoding auto"


def _damaged_gzip(path):
    path.write_bytes(gzip.compress(TEXT.encode() * 50)[:40])
    return f"{path}: cannot read (Compressed file ended before the end-of-stream marker was reached)"


def _damaged_bz2(path):
    data = bytearray(bz2.compress(TEXT.encode() * 50))
    data[20:30] = b"\x00" * 10
    path.write_bytes(bytes(data))
    return f"{path}: cannot read (Invalid data stream)"


CASES = {
    "invalid UTF-8 in the middle of a large file": Case("big.txt", _big_invalid, [], 2, None),
    "invalid UTF-8 after a BOM (the offset counts the BOM)": Case(
        "bom.txt", b"\xef\xbb\xbfok\n\xff\n", [], 2, "{path}:2: not valid UTF-8 (byte offset 6); try --encoding auto"),
    "GB18030 without --encoding auto": Case("gb.txt", TEXT.encode("gb18030"), [], 2,
                                            "{path}:1: not valid UTF-8 (byte offset 0); try --encoding auto"),
    "Big5 without --encoding auto": Case("big5.txt", TEXT.encode("big5"), [], 2,
                                         "{path}:1: not valid UTF-8 (byte offset 0); try --encoding auto"),
    "Big5 read as GB18030 (wrong --encoding)": Case("b.txt", "陽泉".encode("big5") + b"\x80\n", ["--encoding", "gb18030"],
                                                    2, "{path}:1: not valid gb18030 (byte offset 4)"),
    "UTF-16 file": Case("u16.txt", TEXT.encode("utf-16"), [], 2,
                        ("{path}:1: not valid UTF-8 (byte offset 0); it starts with a UTF-16 byte-order mark; "
                         "try --encoding auto")),
    "binary file (NUL bytes, valid UTF-8)": Case("x.bin", b"PK\x03\x04\x00\x00binary", [], 2,
                                                 "{path}:1: binary data (NUL character); not a text file"),
    "binary file (NUL bytes, not UTF-8)": Case("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], 2,
                                               "{path}:1: binary data (NUL character); not a text file"),
    "binary line among --line-docs": Case("l.txt", b"ok\nnot\x00ok\n", ["--line-docs"], 2,
                                          "{path}:2: binary data (NUL character); not a text file"),
    "JSONL line that is not an object": Case("a.jsonl", b'{"text": "ok"}\n[1, 2]\n', [], 2,
                                             "{path}:2: JSONL record is not an object"),
    "malformed JSONL line": Case("j.jsonl", b'{"text": "ok"}\n{"text": "x" "y"}\n', [], 2,
                                 "{path}:2: malformed JSON (Expecting ',' delimiter, column 14)"),
    "truncated last line": Case("t.jsonl", b'{"text": "ok"}\n{"text": "cut', [], 2,
                                "{path}:2: malformed JSON (Unterminated string starting at, column 10)"),
    "lone surrogate escape in the text": Case("s.jsonl", b'{"text": "ok"}\n{"text": "bad \\ud800 x"}\n', [], 2,
                                              "{path}:2: lone surrogate \\ud800 in a JSON string (not valid Unicode)"),
    "lone low surrogate in another field": Case("o.jsonl", b'{"text": "ok", "meta": "\\uDC00"}\n', [], 2,
                                                "{path}:1: lone surrogate \\uDC00 in a JSON string (not valid Unicode)"),
    "missing field": Case("m.jsonl", b'{"body": "x"}\n', [], 2, "{path}:1: missing field 'text'"),
    "missing dotted field": Case("d.jsonl", b'{"doc": {"title": "x"}}\n', ["--field", "doc.body"], 2,
                                 "{path}:1: missing field 'doc.body'"),
    "non-string field": Case("n.jsonl", b'{"text": ["x"]}\n', [], 2, "{path}:1: field 'text' is not a string (got list)"),
    "null field": Case("z.jsonl", b'{"text": null}\n', [], 2, "{path}:1: field 'text' is not a string (got NoneType)"),
    "damaged gzip": Case("d.txt.gz", _damaged_gzip, [], 2, None),
    "damaged bzip2": Case("d.txt.bz2", _damaged_bz2, [], 2, None),
    "nonexistent path": Case("missing.txt", None, [], 2, "{path}: no such file"),
    "output folder does not exist": Case("ok.txt", TEXT.encode(), ["-o", "/nonexistent-dir/out.txt"], 2,
                                         "/nonexistent-dir/out.txt: output folder does not exist"),
    "output on a full disk (/dev/full)": Case("ok.txt", TEXT.encode(), ["-o", "/dev/full"], 2,
                                              "/dev/full: cannot write (No space left on device)"),
    "standard output on a full disk": Case("ok.txt", TEXT.encode(), [], 2,
                                           "<stdout>: cannot write (No space left on device)", "> /dev/full"),
    "closed standard output": Case("ok.txt", TEXT.encode(), [], 2,
                                   "<stdout>: standard output is closed; give a file with -o", ">&-"),
    "unknown encoding": Case("ok2.txt", TEXT.encode(), ["--encoding", "klingon"], 2, "unknown encoding: klingon"),
    "--rejects without --on-error skip": Case("r.jsonl", b'{"text": "ok"}\n', ["--rejects", "r.out"], 2,
                                              "Error: --rejects goes with --on-error skip"),
    "JSON nested 1,100 levels deep": Case("deep.jsonl", b'{"text": "x", "a": ' + b"[" * 1100 + b"]" * 1100 + b"}\n",
                                          [], 2, "{path}:1: malformed JSON (nested too deeply, column 1)"),
    "an integer of 5,000 digits": Case("int.jsonl", b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n", [], 2,
                                       "{path}:1: malformed JSON (an integer of more than 4300 digits, column 20)"),
    "an integer of 5,000 digits, skipped": Case("int.jsonl", b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n",
                                                ["--on-error", "skip", "-q"], 0, ""),
    "an integer of 5,000 digits, -j 2": Case(
        "int.jsonl", b'{"text": "x"}\n' * 3 + b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n", ["-j", "2"], 2,
        "{path}:4: malformed JSON (an integer of more than 4300 digits, column 20)"),
    "NaN (not JSON)": Case("nan.jsonl", b'{"text": "x", "score": NaN}\n', [], 2,
                           "{path}:1: malformed JSON (NaN is not JSON, column 24)"),
    "-Infinity (not JSON)": Case("inf.jsonl", b'{"text": "x", "s": [1, -Infinity]}\n', [], 2,
                                 "{path}:1: malformed JSON (-Infinity is not JSON, column 24)"),
    "bytes that are not zstd in a .zst": Case("x.txt.zst", b"plain text\n", [], 2,
                                              "{path}: cannot read (zstd decompressor error: Unknown frame descriptor)"),
    "--encoding base64 (not a text encoding)": Case("ok3.txt", TEXT.encode(), ["--encoding", "base64"], 2,
                                                    "not a text encoding: base64"),
    "--encoding rot13 (not a text encoding)": Case("ok4.txt", TEXT.encode(), ["--encoding", "rot13"], 2,
                                                   "not a text encoding: rot13"),
    "--encoding hex, --line-docs": Case("ok5.txt", TEXT.encode(), ["--encoding", "hex", "--line-docs"], 2,
                                        "not a text encoding: hex"),
    "--encoding utf-7 on text that is not": Case("u7.txt", "中文+-\n".encode(), ["--encoding", "utf-7", "--line-docs"],
                                                 2, "{path}:1: not valid utf-7 (byte offset 0)"),
    "--encoding unicode_escape, a cut escape": Case("ue.txt", b"ok \\u12\n", ["--encoding", "unicode_escape"], 2,
                                                    "{path}:1: not valid unicode-escape (byte offset 3)"),
    "--encoding utf-16 --line-docs without a BOM": Case(
        "u16.txt", TEXT.encode("utf-16-le"), ["--encoding", "utf-16", "--line-docs"], 2,
        "{path}:1: not valid utf-16 (no byte-order mark; name utf-16-le or utf-16-be)"),
    "empty file": Case("empty.txt", b"", [], 0, ""),
    "empty JSONL file": Case("empty.jsonl", b"", [], 0, ""),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(tmp_path, name):
    case = CASES[name]
    path = tmp_path / case.filename
    message = case.message
    if callable(case.content):
        message = case.content(path)
    elif case.content is not None:
        path.write_bytes(case.content)
    argv = CC + ["strip", *case.args, str(path)]
    if case.shell_tail:
        proc = subprocess.run(" ".join(argv) + " " + case.shell_tail, shell=True, capture_output=True,
                              check=False, cwd=tmp_path)
    else:
        proc = subprocess.run(argv, capture_output=True, check=False, cwd=tmp_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == case.status, err
    assert "Traceback" not in err
    if message == "":
        assert err == ""
    elif message.startswith("Error: "):  # a usage error: click's usage lines, then ours
        assert err.endswith(message + "\n")
    else:
        assert err == "corpus-clean: " + message.format(path=path) + "\n"
    if case.status == 2 and path.suffix != ".jsonl" and "--line-docs" not in case.args:
        assert proc.stdout == b""  # (records and lines before a bad line were streamed)
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ([case.filename] if case.content is not None else [])  # no output, no temp file


def test_unreadable_file(tmp_path):
    if ROOT:
        pytest.skip("running as root: file permissions do not apply to root")
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    proc = subprocess.run(CC + ["strip", str(path)], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (2, f"corpus-clean: {path}: permission denied\n")


def test_output_folder_not_writable(tmp_path):
    if ROOT:
        pytest.skip("running as root: folder permissions do not apply to root")
    src = tmp_path / "page.txt"
    src.write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    proc = subprocess.run(CC + ["strip", "-o", str(locked / "out.txt"), str(src)], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {locked / 'out.txt'}: output folder is not writable\n")
    assert os.listdir(locked) == []


@pytest.mark.slow
def test_a_50_mb_single_line_works(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_bytes(("新(xīn)時代的文字，" * 1_850_000).encode("utf-8"))  # about 50 MB, no newline
    proc = subprocess.run(CC + ["annotations", "--mode", "all", str(path)], capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert proc.stdout.decode("utf-8") == "新時代的文字，" * 1_850_000 + "\n"


@pytest.mark.slow
def test_a_50_mb_single_line_through_strip(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_bytes(("傳(chuan) 統產(chan) 業(ye) 的發展，" * 1_130_000).encode("utf-8"))  # about 50 MB
    proc = subprocess.run(CC + ["strip", "--line-docs", str(path)], capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert proc.stdout.decode("utf-8") == "傳統產業的發展，" * 1_130_000 + "\n"


@pytest.mark.slow
def test_a_hundred_thousand_tiny_documents(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("".join(f"第{i}行。\n" for i in range(100_000)), encoding="utf-8")
    proc = subprocess.run(CC + ["strip", "--line-docs", str(path)], capture_output=True, check=True)
    assert proc.stdout.decode("utf-8") == "".join(f"第{i}行。\n" for i in range(100_000))


FULL_DISK = """
import errno, io, sys
from corpus_clean.io import streams

class Full(io.RawIOBase):
    def __init__(self, raw):
        self.raw, self.room = raw, 100
    def writable(self):
        return True
    def write(self, data):
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.raw.write(data)
    def fileno(self):
        return self.raw.fileno()

streams._wrap_compressed_write = lambda raw, path: Full(raw)
from corpus_clean.cli import main
main(sys.argv[1:])
"""


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["--in-place", "-o"])
def test_a_full_disk_keeps_the_original_and_leaves_no_temp_file(tmp_path, mode):
    path = tmp_path / "page.txt"
    original = TEXT * 2000
    path.write_text(original, encoding="utf-8")
    target = path if mode == "--in-place" else tmp_path / "out.txt"
    if mode == "-o":
        target.write_text("previous output", encoding="utf-8")
    args = ["--in-place"] if mode == "--in-place" else ["-o", str(target)]
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, "strip", *args, str(path)],
                          capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {target}: cannot write (No space left on device)\n")
    assert path.read_text(encoding="utf-8") == original
    if mode == "-o":
        assert target.read_text(encoding="utf-8") == "previous output"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({path.name, target.name})


@pytest.mark.parametrize("option", ["--rules", "--boilerplate"])
def test_a_binary_rules_or_boilerplate_file_is_one_line(tmp_path, option):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    table = tmp_path / "table"
    table.write_bytes(b"ok\n\x89PNG\x00\xff\xfe")
    proc = subprocess.run(CC + ["strip", option, str(table), str(page)], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode(), proc.stdout) == (
        2, f"corpus-clean: {table}:2: not valid UTF-8 (byte offset 3); {option} takes a UTF-8 text file\n", b"")


def test_a_binary_pyproject_is_one_line(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b"[tool]\n\xff\xfe\x00")
    (tmp_path / "page.txt").write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(CC + ["check", "page.txt"], capture_output=True, check=False, cwd=tmp_path)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {tmp_path / 'pyproject.toml'}:2: not valid UTF-8 (byte offset 7); TOML is UTF-8 text\n")
    # every subcommand reads the file (its own table), and says the same
    proc = subprocess.run(CC + ["strip", "page.txt"], capture_output=True, check=False, cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml:2: not valid UTF-8" in proc.stderr.decode()


@pytest.mark.slow
@pytest.mark.parametrize("name,line", [("deep", b'{"text": "x", "a": ' + b"[" * 1100 + b"]" * 1100 + b"}"),
                                       ("digits", b'{"text": "x", "n": ' + b"9" * 5000 + b"}"),
                                       ("nan", b'{"text": "x", "n": NaN}')])
def test_check_reports_json_python_cannot_hold_as_malformed(tmp_path, name, line):
    src = tmp_path / "c.jsonl"
    src.write_bytes(b'{"text": "ok"}\n' + line + b"\n")
    proc = subprocess.run(CC + ["check", "--no-config", "--output-format", "text", str(src)], capture_output=True,
                          check=False)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert re.fullmatch(rf"{re.escape(str(src))}:2:\d+: malformed-jsonl \[error\] malformed JSON: [^\n]+\n",
                        proc.stdout.decode()), proc.stdout


EARLY_SIGINT = """
import importlib.abc, os, signal, sys

TARGET = sys.argv[1]

class Interrupt(importlib.abc.MetaPathFinder):
    # Ctrl-C arrives while the command line is still importing its modules.
    def find_spec(self, name, path=None, target=None):
        if name == TARGET:
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv[1:] = ["strip", "-"]
from corpus_clean.cli import main
main()
"""


@pytest.mark.parametrize("module", ["click", "corpus_clean.io", "corpus_clean.pipeline"])
def test_ctrl_c_while_starting_is_one_line_and_130(module):
    proc = subprocess.run([sys.executable, "-c", EARLY_SIGINT, module], capture_output=True, input=TEXT.encode(),
                          check=False)
    assert (proc.returncode, proc.stderr.decode(), proc.stdout) == (130, "corpus-clean: interrupted\n", b"")


SIGINT_IN_A_FINALIZER = """
import gc, os, signal, sys
from corpus_clean.cli import main

class Finalized:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)  # handled inside __del__: Python ignores the exception

sys.argv[1:] = ["strip", "-"]
real = sys.stdin.buffer.read
def read(*args):
    Finalized()  # collected at once, during the run
    return real(*args)
sys.stdin.buffer.read = read
main()
"""


@pytest.mark.slow
def test_ctrl_c_caught_inside_a_finalizer_still_interrupts():
    proc = subprocess.run([sys.executable, "-c", SIGINT_IN_A_FINALIZER], capture_output=True, input=TEXT.encode(),
                          check=False)
    assert (proc.returncode, proc.stderr.decode(), proc.stdout) == (130, "corpus-clean: interrupted\n", b"")


LIMIT = 4096


def _records_with_a_long_one(path, size=LIMIT + 10):
    lines = [json.dumps({"text": f"第{i}篇。"}, ensure_ascii=False) for i in range(1, 2001)]
    lines[999] = json.dumps({"text": "長" * (size // 3)}, ensure_ascii=False)  # line 1000
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["-j", "2"]], ids=["one process", "-j 2"])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_a_document_over_max_doc_bytes_is_an_error_or_a_reject(tmp_path, args, suffix):
    src = tmp_path / f"c.jsonl{suffix}"
    plain = tmp_path / "plain.jsonl"
    lines = _records_with_a_long_one(plain)
    src.write_bytes(gzip.compress(plain.read_bytes()) if suffix else plain.read_bytes())
    message = f"{src}:1000: a document of more than {LIMIT} bytes (--max-doc-bytes)"
    proc = subprocess.run(CC + ["strip", "--max-doc-bytes", str(LIMIT), *args, str(src)], capture_output=True,
                          check=False)
    assert (proc.returncode, proc.stderr.decode()) == (2, f"corpus-clean: {message}\n")
    proc = subprocess.run(CC + ["strip", "--max-doc-bytes", str(LIMIT), "--on-error", "skip", "--rejects",
                                str(tmp_path / "r.jsonl"), *args, str(src)], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8").splitlines() == lines[:999] + lines[1000:]
    [reject] = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (reject["line"], reject["error"]) == (1000, message)
    assert lines[999].startswith(reject["raw"]) and len(reject["raw"]) < 300  # its start, to find it by


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["--line-docs"]])
def test_a_text_document_over_max_doc_bytes_is_an_error(tmp_path, args):
    src = tmp_path / "page.txt"
    src.write_text("短行\n" + "長" * 2000 + "\n短行\n", encoding="utf-8")
    proc = subprocess.run(CC + ["strip", "--max-doc-bytes", str(LIMIT), *args, str(src)], capture_output=True,
                          check=False)
    where = f"{src}:2" if args else f"{src}"
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {where}: a document of more than {LIMIT} bytes (--max-doc-bytes)\n")


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["--line-docs"], ["-j", "2", "--input-format", "jsonl"]])
def test_a_gzip_bomb_is_refused_in_bounded_memory(tmp_path, args):
    """300 MB of one line in a 300 KB .gz: refused at the default limit (64 MiB) without
    ever holding the line."""
    src = tmp_path / "bomb.txt.gz"
    with gzip.open(src, "wb", compresslevel=1) as fh:
        block = b"a" * (1 << 20)
        for _ in range(300):
            fh.write(block)
    with open(tmp_path / "out", "wb") as out, open(tmp_path / "err", "wb") as err:
        proc = subprocess.Popen(CC + ["strip", *args, str(src)], stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the session's
    peak_kib = usage.ru_maxrss
    assert (os.waitstatus_to_exitcode(status), (tmp_path / "out").read_bytes()) == (2, b"")
    assert (tmp_path / "err").read_text().endswith(f": a document of more than {64 << 20} bytes (--max-doc-bytes)\n")
    assert peak_kib < 400 << 10, f"peak memory {peak_kib >> 10} MiB"
