"""Run a per-document worker over sharded inputs on a Dask cluster (the ``dask`` extra).

One machine is not always enough; rather than a home-made cluster, corpus-clean hands
shards to Dask, which reaches Slurm, Kubernetes or cloud clusters through a scheduler
address.  The unit of work is a whole shard: a task reads one input file with the
project's own I/O layer (so encodings, JSONL errors and compression behave exactly as in
one process; Dask's own writers silently skip ``.zst`` compression without ``zstandard``),
runs the same ``text -> Result`` worker on each document, and writes one output shard
atomically.  Only small per-shard counts travel back to the client.

Without a scheduler address a ``LocalCluster`` of worker processes is started for the run.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .io import (
    DocumentWriter,
    InputError,
    ReadOptions,
    Rejected,
    atomic_output,
    detect_format,
    read_documents,
)
from .report import Result

Worker = Callable[[str], Result]

_GLOB_CHARS = frozenset("*?[")


@dataclass
class ShardStats:
    """What one shard's task sends back: counts and skipped records, never the text."""

    source: str
    target: str
    documents: int = 0
    written: int = 0
    dropped_empty: int = 0
    chars_in: int = 0
    chars_out: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)


def expand_inputs(inputs: tuple[str, ...]) -> list[str]:
    """Paths as given, plus quoted globs expanded here (a cluster job often gets ``'dump/*.jsonl.gz'``).

    A glob that matches nothing is an input error, as a missing file would be.
    """
    paths: list[str] = []
    for spec in inputs:
        if os.path.exists(spec) or not (_GLOB_CHARS & set(spec)):
            paths.append(spec)
            continue
        matches = sorted(p for p in glob.glob(spec) if os.path.isfile(p))
        if not matches:
            raise InputError(f"{spec}: no file matches this pattern")
        paths.extend(matches)
    return paths


def plan_shards(paths: list[str], outdir: str | None, in_place: bool) -> list[tuple[str, str]]:
    """Pair each input shard with its output: same file name in ``outdir`` (or itself in place).

    Two inputs with the same name would overwrite each other's output, so that is refused.
    """
    if in_place:
        return [(p, p) for p in paths]
    assert outdir is not None
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for path in paths:
        name = os.path.basename(path)
        if name in seen:
            raise InputError(f"{path}: same file name as {seen[name]}; their output shards would collide")
        seen[name] = path
        target = os.path.join(outdir, name)
        if os.path.abspath(target) == os.path.abspath(path):
            raise InputError(f"{path}: the output folder holds the input itself; use --in-place for that")
        pairs.append((path, target))
    return pairs


def process_shard(worker: Worker, read: ReadOptions, output_format: str | None, drop_empty: bool,
                  in_place: bool, shard: tuple[str, str]) -> ShardStats:
    """Clean one input file into one output file; the body of every Dask task."""
    source, target = shard
    stats = ShardStats(source, target)
    out_fmt = output_format or detect_format(source, read.fmt)
    with atomic_output(target, mode_from=source if in_place else None) as out:
        writer = DocumentWriter(out, out_fmt, read.field, read.line_docs)
        for item in read_documents(source, read):
            if isinstance(item, Rejected):
                stats.rejected.append(item)
                continue
            result = worker(item.text)
            stats.documents += 1
            stats.chars_in += len(item.text)
            stats.chars_out += len(result.text)
            for reason, n in result.counts().items():
                stats.reasons[reason] = stats.reasons.get(reason, 0) + n
            if drop_empty and not result.text.strip():
                stats.dropped_empty += 1
            else:
                writer.write(item, result.text)
                stats.written += 1
    return stats


def run_shards(worker: Worker, shards: list[tuple[str, str]], read: ReadOptions,
               output_format: str | None = None, drop_empty: bool = False, in_place: bool = False,
               scheduler: str | None = None, n_workers: int = 2) -> list[ShardStats]:
    """Run ``worker`` over every shard on a Dask cluster; stats come back in input order.

    ``scheduler`` is an address such as ``tcp://head:8786``; without one, a local cluster of
    ``n_workers`` single-threaded processes (the steps are pure Python: threads would share
    one GIL) lives for the duration of the call.  An ``InputError`` raised in a task is raised
    here unchanged, so it is reported with its file and line as in one process.
    """
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask needs the dask extra: pip install 'corpus-clean[dask]'") from None
    import functools
    import logging

    # Dask's own INFO lines (scheduler, nannies) would flood standard error through the
    # CLI's root handler: only its warnings and errors are worth a user's attention.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    task = functools.partial(process_shard, worker, read, output_format, drop_empty, in_place)
    if not shards:
        return []
    bag = db.from_sequence(shards, npartitions=len(shards)).map(task)
    if scheduler:
        with Client(scheduler) as client:
            return client.compute(bag, sync=True)
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        return client.compute(bag, sync=True)
