"""The errors every layer raises: one module, so that a step need not import I/O to report
bad input (a rule file, a configuration, a conversion table)."""
from __future__ import annotations


class InputError(Exception):
    """Bad input.  ``str(err)`` is one line: ``source:line: what is wrong``."""


class OutputError(InputError):
    """An output that cannot be written (full disk, closed standard output): one line, exit 2."""


class ReaderGone(BaseException):
    """The reader of standard output went away (``| head``): stop quietly, status 0.

    Not an ``OSError`` (click turns a broken pipe into status 1, which ``check`` uses for
    findings) and not an ``Exception`` (no handler on the way mistakes it for bad data).
    """


class WorkerLost(Exception):
    """A worker process died without finishing its task (SIGKILL, the out-of-memory killer).

    The run cannot be completed in order, so it ends; ``multiprocessing.Pool`` would replace
    the worker and wait for the lost result forever, ``ProcessPoolExecutor`` notices it.
    """

    def __init__(self) -> None:
        super().__init__("a worker process was lost (killed, or out of memory); the run is stopped")
