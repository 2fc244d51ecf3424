"""Runs watched from a real terminal: standard error is a pseudo-terminal, so the progress bar
and the summary table are shown, and standard output (a file or a pipe) must still carry the data
and only the data."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

CC = [sys.executable, "-m", "corpus_clean"]
PAGE = "新聞標題\n傳(chuan) 統產(chan) 業(ye) 占比高。\n分享到：微博 微信\n"
CLEAN = "新聞標題\n傳統產業占比高。\n"


def run_on_a_terminal(args: list[str], stdout, cwd) -> tuple[int, bytes]:
    """Run with standard input and standard error on a pseudo-terminal; return (status, what the
    terminal showed)."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["COLUMNS"] = "100"
    proc = subprocess.Popen(CC + args, stdin=slave, stdout=stdout, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    shown = bytearray()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                proc.kill()
                pytest.fail("no output from the terminal for 60 s")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    return proc.wait(timeout=60), bytes(shown)


def _pages(tmp_path, n=21):
    paths = []
    for i in range(n):
        p = tmp_path / f"p{i:02}.txt"
        p.write_text(PAGE, encoding="utf-8")
        paths.append(p.name)
    return paths


@pytest.mark.slow
@pytest.mark.parametrize("command", [["strip"], ["convert", "-c", "t2s"]])
def test_a_redirect_gets_the_output_when_progress_is_shown(tmp_path, command):
    pages = _pages(tmp_path)
    with open(tmp_path / "out.txt", "wb") as out:
        status, shown = run_on_a_terminal(command + pages, out, tmp_path)
    data = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert status == 0, shown
    if command == ["strip"]:
        assert data == CLEAN * len(pages)
    else:
        assert data.count("新闻标题") == len(pages)
    assert "新闻标题".encode() not in shown and "新聞標題".encode() not in shown


@pytest.mark.slow
def test_a_pipe_gets_the_output_when_progress_is_shown(tmp_path):
    pages = _pages(tmp_path)
    read, write = os.pipe()
    with os.fdopen(write, "wb") as w:
        reader = subprocess.Popen(["wc", "-c"], stdin=read, stdout=subprocess.PIPE)
        os.close(read)
        status, _ = run_on_a_terminal(["strip"] + pages, w, tmp_path)
    count = int(reader.communicate(timeout=60)[0])
    assert status == 0
    assert count == len(CLEAN.encode()) * len(pages)


@pytest.mark.slow
def test_check_text_report_goes_to_the_redirect(tmp_path):
    pages = _pages(tmp_path)
    with open(tmp_path / "report.txt", "wb") as out:
        status, shown = run_on_a_terminal(["check", "--output-format", "text", "--no-config"] + pages, out, tmp_path)
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert status in (0, 1), shown
    assert report.count("p00.txt") >= 1 and report.count("\n") >= len(pages)
    assert b"p00.txt:" not in shown
