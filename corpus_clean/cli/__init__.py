"""The ``corpus-clean`` command: a thin click layer over the library.

Each subcommand lives in its own module of this package, registered in ``app``.  ``main``
turns the errors users can cause into one line on standard error and an exit status:
0 success, 1 findings (``check``), 2 usage or input error, 130 on Ctrl-C; a closed
standard output (``| head``) ends quietly.  This module imports nothing heavy: ``main``
takes over Ctrl-C and SIGTERM first, then imports click and the library, so an early
Ctrl-C is one line too, not a traceback from the middle of an import.
"""
from __future__ import annotations

import os
import signal
import sys


def __getattr__(name: str):
    """``corpus_clean.cli.cli`` is the click group (for ``CliRunner`` and embedding)."""
    if name == "cli":
        from .app import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Interrupted(BaseException):
    """Ctrl-C, raised by our own SIGINT handler so that click does not print its own line."""


class Terminated(BaseException):
    """SIGTERM (a job scheduler's timeout, ``kill``): unwinds like Ctrl-C, so the temporary
    file of an atomic output is removed instead of being left behind by a hard kill."""


def _on_sigint(signum, frame) -> None:
    raise Interrupted()


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def _on_unraisable(unraisable) -> None:
    """A signal's exception raised inside a finalizer (``__del__``, an at-fork callback) is
    "ignored" by Python, and the run would go on as if no Ctrl-C came: raise it again from a
    timer a millisecond later, once this hook has returned, in ordinary code (swallowed once
    more, it comes back here)."""
    global _PENDING
    if isinstance(unraisable.exc_value, (Interrupted, Terminated)) and hasattr(signal, "setitimer"):
        _PENDING = type(unraisable.exc_value)
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        return
    sys.__unraisablehook__(unraisable)


_PENDING: type[BaseException] | None = None


def _on_alarm(signum, frame) -> None:
    if _PENDING is not None:
        raise _PENDING()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point with the error and signal handling every command shares."""
    signal.signal(signal.SIGINT, _on_sigint)
    signal.signal(signal.SIGTERM, _on_sigterm)
    sys.unraisablehook = _on_unraisable
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_alarm)
    try:
        code = _run(argv)
    except (Interrupted, KeyboardInterrupt):
        sys.stderr.write("corpus-clean: interrupted\n")
        code = 130
    except Terminated:
        sys.stderr.write("corpus-clean: terminated\n")
        code = 143
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        # The reader went away (| head) or the output failed and was reported: drop what is
        # still buffered instead of failing again at interpreter exit.
        silence_stdout()
    sys.exit(code if isinstance(code, int) else 0)


def _run(argv: list[str] | None) -> int:
    """Run the command; every error but a signal becomes a line and a status here."""
    import click

    from ..errors import InputError, ReaderGone, WorkerLost
    from .app import cli

    try:
        code = cli.main(args=argv, prog_name="corpus-clean", standalone_mode=False)
    except (InputError, WorkerLost) as err:
        click.echo(f"corpus-clean: {err}", err=True)
        code = 2
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as err:
        err.show()
        code = err.exit_code
    except click.exceptions.Abort:
        click.echo("corpus-clean: interrupted", err=True)
        code = 130
    except (ReaderGone, BrokenPipeError):
        silence_stdout()
        code = 0
    except OSError as err:
        # Raised outside the I/O layer's own checks (a rules file, a temp folder...): still
        # one line naming the file, never a traceback.
        where = f"{err.filename}: " if err.filename else ""
        click.echo(f"corpus-clean: {where}{err.strerror or err}", err=True)
        code = 2
    return code


def silence_stdout() -> None:
    """After the reader of our standard output went away, make later flushes no-ops."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
