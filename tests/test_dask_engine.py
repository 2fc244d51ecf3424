"""``--engine dask``: on a local Dask cluster, each output shard is the bytes of the local run."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
from conftest import SEEDS

from corpus_clean.cli import cli

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

CC = [sys.executable, "-m", "corpus_clean"]


def run(*args):
    return subprocess.run(CC + list(args), check=False, capture_output=True)


@pytest.fixture
def shards(tmp_path):
    """Three shards in three forms: plain text, JSONL, gzipped JSONL with a nested field."""
    pages = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "raw").glob("*.txt"))]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(pages[0], encoding="utf-8")
    (folder / "part-0.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n" for i, p in enumerate(pages)),
        encoding="utf-8")
    with gzip.open(folder / "part-1.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, p in enumerate(reversed(pages)):
            fh.write(json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("args", [["strip"], ["strip", "--to", "simplified"], ["annotations"], ["chrome"],
                                  ["convert", "-c", "t2s"]])
def test_each_output_shard_is_the_local_runs_bytes(shards, tmp_path, args):
    out = tmp_path / "out"
    proc = run(*args, "--engine", "dask", "-o", str(out), str(shards / "*"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    names = sorted(p.name for p in shards.iterdir())
    assert sorted(p.name for p in out.iterdir()) == names
    for name in names:
        local = tmp_path / f"local-{name}"
        assert run(*args, "-o", str(local), str(shards / name)).returncode == 0
        assert (out / name).read_bytes() == local.read_bytes(), name
    with gzip.open(out / "part-1.jsonl.gz", "rt", encoding="utf-8") as fh:
        assert [json.loads(line)["id"] for line in fh] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("args, message", [
    (["--engine", "dask", "-"], "not standard input"),
    (["--engine", "dask", "x.txt"], "writes to a file or folder: give it with -o"),
    (["--engine", "dask", "--explain", "-o", "d", "x.txt"], "need --engine local"),
    (["--scheduler", "tcp://127.0.0.1:1", "x.txt"], "--scheduler goes with --engine dask"),
    (["-o", ".", "x.txt"], "is a folder (a folder of shards needs --engine dask)"),
])
def test_usage_errors(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("好", encoding="utf-8")
    result = runner.invoke(cli, ["strip"] + args)
    assert result.exit_code == 2 and message in result.output


def test_two_shards_with_one_name_are_refused(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text("好", encoding="utf-8")
    proc = run("strip", "--engine", "dask", "-o", str(tmp_path / "out"),
               str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"))
    assert proc.returncode == 2
    assert b"same file name" in proc.stderr and not (tmp_path / "out" / "x.txt").exists()


@pytest.mark.slow
def test_chrome_learn_as_a_dask_reduction_writes_the_local_table(shards, tmp_path):
    dask_table, local_table = tmp_path / "dask.tsv", tmp_path / "local.tsv"
    proc = run("chrome", "--learn", "--engine", "dask", "-o", str(dask_table), str(shards / "*"))
    assert proc.returncode == 0, proc.stderr.decode()
    local = run("chrome", "--learn", "-o", str(local_table), *map(str, sorted(shards.iterdir())))
    assert local.returncode == 0
    table = dask_table.read_text(encoding="utf-8")
    assert table == local_table.read_text(encoding="utf-8")
    # 5 pages twice over (JSONL shards) and one page once: every line of the pages recurs.
    assert table.startswith("# corpus-clean boilerplate table: 11 documents;") and table.count("\n") > 50


@pytest.mark.slow
def test_an_existing_cluster_is_used_through_its_scheduler_address(shards, tmp_path):
    from distributed import LocalCluster

    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        proc = run("strip", "--engine", "dask", "--scheduler", cluster.scheduler_address, "-o", str(out),
                   str(shards / "part-0.jsonl"))
    assert proc.returncode == 0, proc.stderr.decode()
    local = run("strip", str(shards / "part-0.jsonl"))
    assert (out / "part-0.jsonl").read_bytes() == local.stdout and local.stdout.count(b"\n") == 5


@pytest.mark.slow
def test_a_bad_shard_says_which_shards_were_written_and_leaves_no_temp_file(shards, tmp_path):
    bad = shards / "part-2.jsonl"
    bad.write_text('{"text": "好"}\n{"text": \n', encoding="utf-8")
    out = tmp_path / "out"
    proc = run("strip", "--engine", "dask", "-o", str(out), *map(str, sorted(shards.iterdir())))
    written = [str(out / name) for name in ("page.txt", "part-0.jsonl", "part-1.jsonl.gz")]
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        f"corpus-clean: 3 of 4 shards written ({', '.join(written)}); not written: {out / 'part-2.jsonl'}\n"
        f"corpus-clean: {bad}:2: malformed JSON (Expecting value, column 10)\n")
    assert sorted(p.name for p in out.iterdir()) == ["page.txt", "part-0.jsonl", "part-1.jsonl.gz"]
    umask = os.umask(0)
    os.umask(umask)
    assert {oct(p.stat().st_mode & 0o777) for p in out.iterdir()} == {oct(0o666 & ~umask)}  # as open() makes them


def _die_on_a_marker(text: str):
    """A worker that dies as the out-of-memory killer would kill it, half-way through a shard."""
    import os
    import signal

    from corpus_clean.report import Result

    if "KILL-ME" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return Result(text, [], {})


@pytest.mark.slow
def test_a_killed_dask_worker_leaves_no_temporary_file(tmp_path):
    import cloudpickle
    import dask

    from corpus_clean import dask_engine
    from corpus_clean.errors import InputError
    from corpus_clean.io import ReadOptions

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text("".join(json.dumps({"text": f"第{i}篇"}) + "\n" for i in range(2000))
                                 + json.dumps({"text": "KILL-ME"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), pytest.raises(InputError) as err:
        dask_engine.run_shards(_die_on_a_marker, [(str(src / "a.jsonl"), str(out / "a.jsonl"))], ReadOptions())
    assert str(err.value).startswith(f"{src / 'a.jsonl'}: the Dask worker running this shard was lost")
    assert os.listdir(out) == []
