"""``--jobs N``: the same bytes and the same errors as one process, with bounded read-ahead."""
from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest
from conftest import SEEDS

from corpus_clean.parallel import ordered_map, resolve_jobs

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


def test_strip_jobs_2_gives_the_bytes_of_jobs_1_on_a_jsonl_corpus(tmp_path):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 700)  # several 256-document batches
    one = run("strip", str(src))
    two = run("strip", "--jobs", "2", str(src))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 700


def test_an_input_error_in_the_middle_is_reported_as_in_one_process(tmp_path):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 700, bad_line=431)
    one = run("strip", str(src))
    two = run("strip", "--jobs", "2", str(src))
    assert one.returncode == two.returncode == 2
    assert one.stderr == two.stderr
    assert one.stderr.decode().startswith(f"corpus-clean: {src}:431: ")
    assert one.stderr.count(b"\n") == 1 and b"Traceback" not in two.stderr


@pytest.mark.parametrize("args", [["annotations"], ["chrome"], ["convert", "--config", "t2s"], ["check"]])
def test_other_subcommands_give_the_same_bytes_with_jobs(tmp_path, args):
    src = tmp_path / "corpus.jsonl"
    _corpus(src, 300)
    one = run(*args, str(src))
    two = run(*args, "--jobs", "2", str(src))
    assert one.returncode == two.returncode
    assert one.stdout == two.stdout and one.stderr == two.stderr and one.stdout
