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
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .errors import WorkerLost

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
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # held by the parent while forking


# Signals held while the workers are forked: a Ctrl-C that lands in one of Python's at-fork
# callbacks (logging's lock release) is printed as "Exception ignored" and lost, and the run
# went on to exit 0.  Held, it is delivered once the workers exist, and stops them.
_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _widen_pipes(executor) -> None:
    """Let a large task or result (a block of JSONL lines) cross the workers' pipes in one go.

    At the default 64 KiB the sender and the receiver take turns for every 64 KiB, and the
    switches cost the parent more CPU than the rest of its work.  Best effort, Linux only; the
    pipes are ``ProcessPoolExecutor`` internals, hence the care.
    """
    try:
        import fcntl

        queues = (executor._call_queue, executor._result_queue)
        for end in (end for queue in queues for end in (queue._reader, queue._writer)):
            fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _stop(executor) -> None:
    """End the workers now (an error, Ctrl-C, a reader gone): queued work is dropped and a
    running task is not waited for, so the parent cannot hang on a worker.

    Two waits of the pool's own would never end (``ProcessPoolExecutor`` internals, hence
    the care): the thread that feeds the buffered tasks into the workers' pipe, which nobody
    reads any more (``Queue.cancel_join_thread`` drops them), and the pool's manager reading a
    result that a worker was killed in the middle of writing.  That read ends once no process
    holds the pipe's write end: the workers are gone, and this process closes its own copy.
    The manager then sets the pool's failure on each pending task, and one that ``map``
    already cancelled refuses it: an error in the manager's thread while the run is being
    stopped is nobody's business, and standard error stays the one line of the interruption.
    """
    manager = getattr(executor, "_executor_manager_thread", None)
    previous = threading.excepthook

    def quiet(args) -> None:
        if manager is None or args.thread is not manager:
            previous(args)

    threading.excepthook = quiet
    try:
        _stop_workers(executor)
    finally:
        threading.excepthook = previous


def _stop_workers(executor) -> None:
    queue = getattr(executor, "_call_queue", None)
    if queue is not None and hasattr(queue, "cancel_join_thread"):
        queue.cancel_join_thread()
    processes = list(getattr(executor, "_processes", {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
    writer = getattr(getattr(executor, "_result_queue", None), "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass
    executor.shutdown(wait=True, cancel_futures=True)


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                batch_size: int = 256) -> Iterator[R]:
    """``map(fn, items)`` over ``jobs`` processes, in order, holding a few batches at most.

    The first item runs in this process before the workers start: its lazy set-up
    (dictionaries, compiled rules) is then inherited by every forked worker instead of
    being paid once per worker.  A worker that dies raises ``WorkerLost``.
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
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # What exists now (dictionaries, compiled rules) is shared with forked workers until
    # written to; a worker's garbage collection would write to all of it, copying the pages.
    gc.freeze()
    executor = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_signals)
    _widen_pipes(executor)
    done = False
    try:
        # Keep one batch in flight while the previous one is being consumed.
        pending = None
        while True:
            batch = list(itertools.islice(it, batch_size))
            with _signals_held():  # the first map forks the workers
                nxt = executor.map(fn, batch, chunksize=max(1, len(batch) // (jobs * 4))) if batch else None
            if pending is not None:
                yield from pending
            if nxt is None:
                break
            pending = nxt
        done = True
    except BrokenProcessPool:
        raise WorkerLost() from None
    finally:
        if done:
            executor.shutdown(wait=True)
        else:
            _stop(executor)
        gc.unfreeze()
