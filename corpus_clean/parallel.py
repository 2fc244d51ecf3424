"""Order-preserving parallel map with bounded memory.

Documents are sent to worker processes in batches, never all queued at once, and results
come back in input order, so ``--jobs N`` prints byte-for-byte what ``--jobs 1`` prints.
The worker must be picklable (a module-level function or a ``functools.partial`` of one).
"""
from __future__ import annotations

import gc
import itertools
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Pipe capacity asked for between the parent and its workers (Linux caps it, 1 MiB by default).
PIPE_BYTES = 1 << 20


def resolve_jobs(jobs: int) -> int:
    """``0`` means every core; anything below is clamped to one process."""
    if jobs == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, jobs)


def _worker_signals() -> None:
    """Workers leave signals to the parent: Ctrl-C reaches the whole process group, and the
    parent alone reports it; the pool stops its workers with SIGTERM, which must kill them at
    once.  A Python-level handler inherited through fork would only run once a worker blocked
    on the pool's queue lock wakes up, which may be never: the pool then waits forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _widen_pipes(pool) -> None:
    """Let a large task or result (a block of JSONL lines) cross the pool's pipes in one go.

    At the default 64 KiB the sender and the receiver take turns for every 64 KiB, and the
    switches cost the parent more CPU than the rest of its work.  Best effort, Linux only; the
    pipes are ``Pool`` internals, hence the care.
    """
    try:
        import fcntl

        pipes = [end for queue in (pool._inqueue, pool._outqueue) for end in (queue._reader, queue._writer)]
        for end in pipes:
            fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                batch_size: int = 256) -> Iterator[R]:
    """``map(fn, items)`` over ``jobs`` processes, in order, holding a few batches at most.

    The first item runs in this process before the workers start: its lazy set-up
    (dictionaries, compiled rules) is then inherited by every forked worker instead of
    being paid once per worker.
    """
    jobs = resolve_jobs(jobs)
    it = iter(items)
    if jobs == 1:
        yield from map(fn, it)
        return
    first = list(itertools.islice(it, 1))
    if not first:
        return
    yield fn(first[0])
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # What exists now (dictionaries, compiled rules) is shared with forked workers until
    # written to; a worker's garbage collection would write to all of it, copying the pages.
    gc.freeze()
    try:
        with ctx.Pool(jobs, initializer=_worker_signals) as pool:
            _widen_pipes(pool)
            # Keep one batch in flight while the previous one is being consumed.
            pending = None
            while True:
                batch = list(itertools.islice(it, batch_size))
                nxt = pool.map_async(fn, batch, chunksize=max(1, len(batch) // (jobs * 4))) if batch else None
                if pending is not None:
                    yield from pending.get()
                if nxt is None:
                    break
                pending = nxt
    finally:
        gc.unfreeze()
