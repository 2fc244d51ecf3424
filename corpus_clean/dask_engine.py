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
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import InputError
from .io import DocumentWriter, ReadOptions, Rejected, atomic_output, detect_format, read_documents
from .report import Result, Summary, emit

Worker = Callable[[str], Result]
log = logging.getLogger("corpus_clean")

_GLOB_CHARS = frozenset("*?[")


@dataclass
class ShardStats:
    """What one shard's task sends back: counts and skipped records, never the text."""

    source: str
    target: str
    summary: Summary = field(default_factory=Summary)
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
    with atomic_output(target) as out:
        writer = DocumentWriter(out, out_fmt, read.field, read.line_docs)
        for item in read_documents(source, read):
            if isinstance(item, Rejected):
                stats.rejected.append(item)
                continue
            emit(item, worker(item.text), stats.summary, drop_empty, writer.write)
    return stats


def _learn_partition(read: ReadOptions, max_entries: int, paths) -> tuple[dict[int, int], int]:
    """``chrome --learn`` on one partition (one shard): its line-hash document counts."""
    from .boilerplate import learn

    def texts():
        for path in paths:
            for item in read_documents(path, read):
                if not isinstance(item, Rejected):
                    yield item.text

    return learn(texts(), max_entries)


def _merge_counts(max_entries: int, parts) -> tuple[dict[int, int], int]:
    """Sum per-shard counts; the same size bound as ``boilerplate.learn`` (singletons go first)."""
    counts: dict[int, int] = {}
    documents = 0
    for part_counts, part_documents in parts:
        documents += part_documents
        for h, n in part_counts.items():
            counts[h] = counts.get(h, 0) + n
        if len(counts) > max_entries:
            counts = {h: n for h, n in counts.items() if n > 1}
    return counts, documents


def learn_shards(paths: list[str], read: ReadOptions, max_entries: int, scheduler: str | None = None,
                 n_workers: int = 2) -> tuple[dict[int, int], int]:
    """``chrome --learn`` as a Dask reduction: each shard counts its lines, the client sums.

    Per-partition ``dict`` counters merged by ``Bag.reduction`` move between processes as
    one pickled object each (``Bag.frequencies`` ships entries one by one and was 1.7x
    slower in the issue's measurement).  The result equals the one-process table as long
    as neither bound prunes; when a shard's table is pruned, singletons are dropped per
    shard instead of per corpus, which can only lose lines that were rare in that shard.
    """
    import functools

    try:
        import dask.bag as db
    except ImportError:
        raise InputError("--engine dask needs the dask extra: pip install 'corpus-clean[dask]'") from None
    bag = db.from_sequence(paths, npartitions=max(1, len(paths))).reduction(
        functools.partial(_learn_partition, read, max_entries), functools.partial(_merge_counts, max_entries))
    with _client(scheduler, n_workers) as client:
        return client.compute(bag, sync=True)


def run_shards(worker: Worker, shards: list[tuple[str, str]], read: ReadOptions,
               output_format: str | None = None, drop_empty: bool = False, in_place: bool = False,
               scheduler: str | None = None, n_workers: int = 2) -> list[ShardStats]:
    """Run ``worker`` over every shard on a Dask cluster; stats come back in input order.

    ``scheduler`` is an address such as ``tcp://head:8786``; without one, a local cluster of
    ``n_workers`` single-threaded processes (the steps are pure Python: threads would share
    one GIL) lives for the duration of the call.  Every shard runs to its end, so that a
    failure can say which output shards were written (a warning) before the first error is
    raised: an ``InputError`` of a task unchanged (its file and line, as in one process), a
    worker lost while running a shard as an ``InputError`` naming the shard.  Temporary files
    of tasks whose worker was killed are removed, when the output folder is local.
    """
    import functools

    if not shards:
        return []
    task = functools.partial(process_shard, worker, read, output_format, drop_empty, in_place)
    try:
        with _client(scheduler, n_workers) as client:
            from distributed import wait

            futures = client.map(task, shards, pure=False)
            wait(futures)
            outcomes = [(shard, future.status, future.result() if future.status == "finished"
                         else future.exception()) for shard, future in zip(shards, futures)]
    finally:
        for _, target in shards:
            _remove_temporary_files(target)
    failed = [(shard, err) for shard, status, err in outcomes if status != "finished"]
    if not failed:
        return [stats for _, _, stats in outcomes]
    written = [shard[1] for shard, status, _ in outcomes if status == "finished"]
    log.warning("%d of %d shards written (%s); not written: %s", len(written), len(shards),
                ", ".join(written) or "none", ", ".join(shard[1] for shard, _ in failed))
    (source, _), err = failed[0]
    if isinstance(err, InputError):
        raise err
    raise InputError(f"{source}: the Dask worker running this shard was lost ({type(err).__name__}: "
                     f"{str(err).split('. ')[0]})")


def _remove_temporary_files(target: str) -> None:
    """What ``atomic_output`` leaves when its process is killed: ``.NAME.*.tmp`` beside ``target``."""
    real = os.path.realpath(target)
    for leftover in glob.glob(os.path.join(glob.escape(os.path.dirname(real)),
                                           f".{glob.escape(os.path.basename(real))}.*.tmp")):
        try:
            os.unlink(leftover)
        except OSError:
            pass


@contextmanager
def _client(scheduler: str | None, n_workers: int) -> Iterator:
    """A Dask client of the given cluster, or of a local one started for the run."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask needs the dask extra: pip install 'corpus-clean[dask]'") from None

    # Dask's own INFO lines (scheduler, nannies) would flood standard error through the
    # CLI's root handler: only its warnings and errors are worth a user's attention.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        yield client
