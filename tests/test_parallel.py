"""``--jobs N``: the same bytes and the same errors as one process, with bounded read-ahead."""
from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from conftest import SEEDS

from corpus_clean.errors import InputError
from corpus_clean.io import ReadOptions, _iter_lines, block_lines, line_blocks
from corpus_clean.parallel import WorkerLost, ordered_map, resolve_jobs

CC = [sys.executable, "-m", "corpus_clean"]


def run(*args):
    return subprocess.run(CC + list(args), check=False, capture_output=True)


def _square(x: int) -> int:
    return x * x


def _fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def _corpus(path, n: int, bad_line: int | None = None) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "raw").glob("*.txt"))]
    lines = [json.dumps({"id": i, "text": pages[i % len(pages)]}, ensure_ascii=False) for i in range(n)]
    if bad_line is not None:
        lines[bad_line - 1] = '{"id": "broken", "text": '
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ordered_map_keeps_input_order_over_many_batches():
    assert list(ordered_map(_square, range(1000), jobs=2, batch_size=7)) == [x * x for x in range(1000)]


def test_ordered_map_reads_at_most_two_batches_ahead():
    consumed = 0

    def items():
        nonlocal consumed
        for x in range(10_000):
            consumed += 1
            yield x

    results = ordered_map(_square, items(), jobs=2, batch_size=16)
    first = list(itertools.islice(results, 20))
    assert first == [x * x for x in range(20)]
    assert consumed <= 20 + 2 * 16 + 1
    results.close()


def test_ordered_map_raises_the_workers_exception():
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(_fail_on_seven, range(100), jobs=2, batch_size=4))


def test_resolve_jobs():
    assert resolve_jobs(0) >= 1
    assert resolve_jobs(3) == 3
    assert resolve_jobs(-2) == 1


@pytest.mark.slow
def test_strip_jobs_2_gives_the_bytes_of_jobs_1_on_a_jsonl_corpus(tmp_path):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 700)  # several 256-document batches
    one = run("strip", str(src))
    two = run("strip", "--jobs", "2", str(src))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 700


@pytest.mark.slow
def test_an_input_error_in_the_middle_is_reported_as_in_one_process(tmp_path):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 700, bad_line=431)
    one = run("strip", str(src))
    two = run("strip", "--jobs", "2", str(src))
    assert one.returncode == two.returncode == 2
    assert one.stderr == two.stderr
    assert one.stderr.decode().startswith(f"corpus-clean: {src}:431: ")
    assert one.stderr.count(b"\n") == 1 and b"Traceback" not in two.stderr


@pytest.mark.slow
@pytest.mark.parametrize("args", [["annotations"], ["chrome"], ["convert", "-c", "t2s"], ["check"]])
def test_other_subcommands_give_the_same_bytes_with_jobs(tmp_path, args):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 300)
    one = run(*args, str(src))
    two = run(*args, "--jobs", "2", str(src))
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout and one.stderr == two.stderr and one.stdout


def _lines(n: int) -> list[bytes]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "raw").glob("*.txt"))]
    return [json.dumps({"id": i, "text": pages[i % len(pages)]}, ensure_ascii=False).encode() + b"\n"
            for i in range(n)]


def _same_run(*args, code: int = 0):
    """Run ``args`` with --jobs 1 and 2; both must write the same bytes and say the same."""
    one = run(*args)
    two = run(args[0], "--jobs", "2", *args[1:])
    assert (one.returncode, two.returncode) == (code, code), two.stderr
    assert one.stdout == two.stdout and one.stderr == two.stderr
    return one


@pytest.mark.slow
def test_an_input_error_in_the_middle_writes_what_comes_before_it(tmp_path):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 700, bad_line=431)
    one = _same_run("strip", str(src), code=2)
    assert one.stdout.count(b"\n") == 430


@pytest.mark.slow
def test_jobs_skip_with_rejects_give_the_same_rejects_and_counts(tmp_path):
    src = tmp_path / "corpus.jsonl"
    lines = _lines(700)
    for bad in (2, 300, 431, 699):
        lines[bad - 1] = b'{"id": "broken", "text": \n'
    lines[500] = b"[1]\n"
    src.write_bytes(b"".join(lines))
    rejects = []
    for jobs in ("1", "2"):
        path = tmp_path / f"rejects{jobs}.jsonl"
        proc = run("strip", "-v", "--jobs", jobs, "--on-error", "skip", "--rejects", str(path), str(src))
        assert proc.returncode == 0
        rejects.append((proc.stdout, proc.stderr, path.read_bytes()))
    assert rejects[0] == rejects[1]
    out, summary, rejected = rejects[0]
    assert out.count(b"\n") == 695 and rejected.count(b"\n") == 5
    assert [json.loads(r)["line"] for r in rejected.splitlines()] == [2, 300, 431, 501, 699]
    assert re.search(r"documents\s*│\s*695\b", summary.decode()) and re.search(r"rejected records\s*│\s*5\b",
                                                                               summary.decode())


@pytest.mark.slow
def test_skipped_records_are_named_on_stderr_in_order(tmp_path):
    src = tmp_path / "corpus.jsonl"
    lines = _lines(300)
    lines[149] = b"{}\n"
    src.write_bytes(b"".join(lines))
    one = _same_run("strip", "--on-error", "skip", str(src))
    assert one.stderr.decode() == f"corpus-clean: skipped {src}:150: missing field 'text'\n"


@pytest.mark.slow
def test_a_bom_and_an_invalid_byte_give_the_same_error_and_offset(tmp_path):
    src = tmp_path / "corpus.jsonl"
    lines = _lines(700)
    offset = 3 + len(b"".join(lines[:430])) + lines[430].index("。".encode())
    lines[430] = lines[430].replace("。".encode(), b"\xe3\x80", 1)  # a character cut short
    src.write_bytes(b"\xef\xbb\xbf" + b"".join(lines))
    one = _same_run("strip", str(src), code=2)
    assert one.stderr.decode() == (f"corpus-clean: {src}:431: not valid UTF-8 (byte offset {offset}); "
                                   "try --encoding auto\n")
    assert one.stdout.count(b"\n") == 430


@pytest.mark.slow
def test_a_bom_file_gives_the_same_bytes(tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + b"".join(_lines(300)))
    assert _same_run("strip", str(src)).stdout.count(b"\n") == 300


@pytest.mark.slow
def test_gzip_input_and_a_truncated_one(tmp_path):
    data = gzip.compress(b"".join(_lines(500)))
    src = tmp_path / "corpus.jsonl.gz"
    src.write_bytes(data)
    assert _same_run("strip", str(src)).stdout.count(b"\n") == 500
    src.write_bytes(data[: len(data) * 2 // 3])
    one = _same_run("strip", str(src), code=2)
    assert one.stderr.decode().startswith(f"corpus-clean: {src}: cannot read (") and one.stdout


@pytest.mark.slow
def test_standard_input(tmp_path):
    data = b"".join(_lines(300))
    one = subprocess.run(CC + ["strip", "--input-format", "jsonl", "-"], input=data, capture_output=True, check=True)
    two = subprocess.run(CC + ["strip", "--input-format", "jsonl", "--jobs", "2", "-"], input=data, capture_output=True, check=True)
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 300 and two.stderr == b""


@pytest.mark.slow
def test_several_inputs_in_one_run(tmp_path):
    lines = _lines(900)
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz", tmp_path / "c.jsonl"
    a.write_bytes(b"".join(lines[:1]))
    b.write_bytes(gzip.compress(b"".join(lines[1:400])))
    c.write_bytes(b"\n".join(lines[400:]))  # blank lines between records
    one = _same_run("strip", str(a), str(b), str(c))
    assert one.stdout.count(b"\n") == 900
    one = _same_run("strip", str(a), str(b), str(c), str(tmp_path / "missing.jsonl"), code=2)
    assert one.stdout.count(b"\n") == 900 and one.stderr.decode().endswith("missing.jsonl: no such file\n")


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_other_encodings_give_the_same_bytes_and_errors(tmp_path, encoding):
    src = tmp_path / "corpus.jsonl"
    text = b"".join(_lines(400)).decode()
    src.write_bytes(text.encode(encoding))
    assert _same_run("strip", "--encoding", encoding, str(src)).stdout.count(b"\n") == 400
    bad = b"\x00\xd8" if encoding == "utf-16" else b"\xff"  # a lone surrogate; no GB18030 byte
    cut = len(text.encode(encoding)) // 2 & ~1
    src.write_bytes(text.encode(encoding)[:cut] + bad + text[-1000:].encode(encoding)[2:])
    one = _same_run("strip", "--encoding", encoding, str(src), code=2)
    assert f"not valid {encoding}" in one.stderr.decode()


@pytest.mark.parametrize("data", [
    b"", b"\n", b"\xef\xbb\xbf", b"\xef\xbb\xbfa\r\nb", "一\n\n二\r\n三".encode(), b"a\n\xff\nb\n",
    b"\xef\xbb\xbfa\nb\xe4\xb8\n", b"a\rb\nc", b"\x00\x01\n\xff", b"x\n" * 50 + b"\xc3(",
])
@pytest.mark.parametrize("size", [0, 1, 5, 1000])
def test_line_blocks_decode_like_iter_lines(tmp_path, data, size):
    src = tmp_path / "x.jsonl"
    src.write_bytes(data)
    opts = ReadOptions(encoding="utf-8")

    def outcome(lines):  # the non-blank lines, then the error if any
        got = []
        try:
            got.extend(item for item in lines if item[1])
        except InputError as err:
            got.append(str(err))
        return got

    with open(src, "rb") as fh:
        expected = outcome(_iter_lines(str(src), fh, "utf-8"))
    blocks = list(line_blocks(str(src), opts, size=size, first=1))
    # (A file that is only a BOM is one empty line there, none here: JSONL skips blank lines.)
    assert outcome(line for block in blocks for line in block_lines(block)) == expected


@pytest.mark.slow
def test_skip_also_skips_a_line_that_does_not_decode(tmp_path):
    src = tmp_path / "bytes.jsonl"
    src.write_bytes(b'{"text": "ok"}\n{"text": "bad \xff here"}\n{"text": "after"}\n')
    expected = {"source": str(src), "line": 2,
                "error": f"{src}:2: not valid UTF-8 (byte offset 29); try --encoding auto",
                "raw": '{"text": "bad \\xff here"}'}
    for jobs in ("1", "2"):
        rejects = tmp_path / f"rejects{jobs}.jsonl"
        out = run("strip", "-q", "--jobs", jobs, "--on-error", "skip", "--rejects", str(rejects), str(src))
        assert out.returncode == 0, out.stderr
        assert out.stdout == b'{"text": "ok"}\n{"text": "after"}\n'
        assert [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()] == [expected]
    stopped = run("strip", "-q", str(src))
    assert stopped.returncode == 2
    assert stopped.stderr.decode() == f"corpus-clean: {src}:2: not valid UTF-8 (byte offset 29); try --encoding auto\n"


def _die_on_three(x: int) -> int:
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return x


def test_a_killed_worker_ends_the_map_with_an_error_instead_of_a_hang():
    with pytest.raises(WorkerLost, match="worker process"):
        list(ordered_map(_die_on_three, range(40), jobs=2, batch_size=4))


def _workers_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(p) for p in fh.read().split()]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="finds the workers through /proc")
@pytest.mark.parametrize("command", [["strip", "-j", "2", "-o", "out.jsonl"], ["strip", "-j", "2", "--line-docs"],
                                     ["check", "--no-config", "-j", "2"]])
def test_a_worker_killed_in_the_middle_of_a_run_ends_it_with_one_line(tmp_path, command):
    src = tmp_path / ("c.txt" if "--line-docs" in command else "c.jsonl")
    _corpus(src, 40_000)
    proc = subprocess.Popen(CC + command + [src.name], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    workers: list[int] = []
    for _ in range(600):
        workers = _workers_of(proc.pid)
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run ended before its workers were seen")
    os.kill(workers[-1], signal.SIGKILL)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the parent waited for the lost worker")
    if proc.returncode == 0:
        pytest.skip("the worker had finished its share before the kill")
    assert (proc.returncode, err.decode()) == (
        2, "corpus-clean: a worker process was lost (killed, or out of memory); the run is stopped\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def _wait_for_our_handlers(pid: int) -> None:
    """Until ``main`` has taken over SIGTERM (before that, Python itself is still starting: its
    own start-up, not ours, would get the signal)."""
    for _ in range(2000):
        with open(f"/proc/{pid}/status") as fh:
            caught = next(int(line.split()[1], 16) for line in fh if line.startswith("SigCgt:"))
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.005)


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="watches the signal handlers through /proc")
def test_ctrl_c_at_any_moment_of_a_parallel_run_ends_it(tmp_path):
    """SIGINT at eight moments from start-up to the middle of the work: each run ends with 130
    (or 0 when it was done) within the timeout, and leaves no temporary file."""
    src = tmp_path / "c.jsonl"
    _corpus(src, 20_000)
    for delay in (0, 0.05, 0.15, 0.3, 0.5, 0.7, 0.9, 1.2):
        proc = subprocess.Popen(CC + ["strip", "-j", "2", "-o", "out.jsonl", src.name], cwd=tmp_path,
                                stderr=subprocess.PIPE)
        _wait_for_our_handlers(proc.pid)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"SIGINT after {delay} s: the run hung")
        assert (proc.returncode, err) in ((130, b"corpus-clean: interrupted\n"), (0, b"")), (delay, err)
        leftovers = sorted(p.name for p in tmp_path.iterdir())
        assert leftovers == ([src.name, "out.jsonl"] if proc.returncode == 0 else [src.name]), delay
