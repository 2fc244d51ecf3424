"""The bad-input matrix: each case, its exact message on standard error and exit status.

Every case runs the real command in a subprocess: one line, no traceback, and nothing on
standard output or on disk that a failure could have left half-written.
"""
from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest

CC = [sys.executable, "-m", "corpus_clean"]
TEXT = "人民網太原3月7日電，陽泉是典型的資源型城市，煤電等傳統產業占比高，轉型壓力大。\n"


def _big_invalid(path):
    good = TEXT.encode("utf-8") * 20_000
    path.write_bytes(good + b"\xe4\xb8" + b"\n" + good)
    return f"{path}:20001: not valid UTF-8 (byte offset {len(good)}); try --encoding auto"


CASES = {
    # name: (file name, bytes or builder, extra args, expected status, expected stderr ({path}: the file))
    "invalid UTF-8 in the middle of a large file": ("big.txt", _big_invalid, [], 2, None),
    "GB18030 without --encoding auto": ("gb.txt", TEXT.encode("gb18030"), [], 2,
                                        "{path}:1: not valid UTF-8 (byte offset 0); try --encoding auto"),
    "Big5 without --encoding auto": ("big5.txt", TEXT.encode("big5"), [], 2,
                                     "{path}:1: not valid UTF-8 (byte offset 0); try --encoding auto"),
    "UTF-16 file": ("u16.txt", TEXT.encode("utf-16"), [], 2,
                    ("{path}:1: not valid UTF-8 (byte offset 0); it starts with a UTF-16 byte-order mark; "
                     "try --encoding auto")),
    "binary file (NUL bytes)": ("x.bin", b"PK\x03\x04\x00\x00binary", [], 2,
                                "{path}:1: binary data (NUL character); not a text file"),
    "JSONL line that is not an object": ("a.jsonl", b'{"text": "ok"}\n[1, 2]\n', [], 2,
                                         "{path}:2: JSONL record is not an object"),
    "truncated last line": ("t.jsonl", b'{"text": "ok"}\n{"text": "cut', [], 2,
                            "{path}:2: malformed JSON (Unterminated string starting at, column 10)"),
    "missing field": ("m.jsonl", b'{"body": "x"}\n', [], 2, "{path}:1: missing field 'text'"),
    "non-string field": ("n.jsonl", b'{"text": ["x"]}\n', [], 2, "{path}:1: field 'text' is not a string (got list)"),
    "damaged gzip": ("d.txt.gz", gzip.compress(TEXT.encode())[:30], [], 2, None),
    "nonexistent path": ("missing.txt", None, [], 2, "{path}: no such file"),
    "output folder does not exist": ("ok.txt", TEXT.encode(), ["-o", "/nonexistent-dir/out.txt"], 2,
                                     "/nonexistent-dir/out.txt: output folder does not exist"),
    "unknown encoding": ("ok2.txt", TEXT.encode(), ["--encoding", "klingon"], 2, "unknown encoding: klingon"),
    "empty file": ("empty.txt", b"", [], 0, ""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(tmp_path, name):
    filename, content, extra, status, message = CASES[name]
    path = tmp_path / filename
    if callable(content):
        message = content(path)
    elif content is not None:
        path.write_bytes(content)
    proc = subprocess.run(CC + ["strip", *extra, str(path)], capture_output=True, check=False)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == status, err
    assert "Traceback" not in err
    if message is None:
        assert err.startswith(f"corpus-clean: {path}: cannot read (") and err.count("\n") == 1
    elif message == "":
        assert err == ""
    else:
        assert err == "corpus-clean: " + message.format(path=path) + "\n"
    if status == 2 and "-o" not in extra:
        assert proc.stdout == b"" or path.suffix == ".jsonl"  # records before a bad line were streamed


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not apply")
    path = tmp_path / "secret.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    proc = subprocess.run(CC + ["strip", str(path)], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (2, f"corpus-clean: {path}: permission denied\n")


def test_a_50_mb_single_line_works(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_bytes(("新(xīn)時代的文字，" * 2_500_000).encode("utf-8"))  # about 50 MB, no newline
    proc = subprocess.run(CC + ["annotations", "--mode", "all", str(path)], capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert proc.stdout.decode("utf-8") == "新時代的文字，" * 2_500_000 + "\n"


def test_a_hundred_thousand_tiny_documents(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("".join(f"第{i}行。\n" for i in range(100_000)), encoding="utf-8")
    proc = subprocess.run(CC + ["strip", "--line-docs", str(path)], capture_output=True, check=True)
    assert proc.stdout.count(b"\n") == 100_000


def test_a_failing_writer_keeps_the_original_and_leaves_no_temp_file(tmp_path, monkeypatch):
    from corpus_clean import io as cio

    path = tmp_path / "page.txt"
    path.write_text(TEXT, encoding="utf-8")

    class DiskFull(OSError):
        pass

    real = cio.DocumentWriter.write

    def full(self, doc, text):
        real(self, doc, text)
        raise DiskFull(28, "No space left on device")

    monkeypatch.setattr(cio.DocumentWriter, "write", full)
    from click.testing import CliRunner

    from corpus_clean.cli import cli

    result = CliRunner().invoke(cli, ["strip", "--in-place", str(path)])
    assert isinstance(result.exception, DiskFull)
    assert path.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]
