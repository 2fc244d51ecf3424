"""The ``corpus-clean`` command: a thin click layer over the library.

Each subcommand lives in its own module of this package and is registered here.  ``main``
turns the errors users can cause into one line on standard error and an exit status:
0 success, 1 findings (``check``), 2 usage or input error, 130 on Ctrl-C; a closed
standard output (``| head``) ends quietly.
"""
from __future__ import annotations

import os
import signal
import sys

import click

from .. import __version__
from ..io import InputError, ReaderGone

# name -> (module, one-line help): a subcommand's module (and the library behind it) is
# imported only when that subcommand runs, so `corpus-clean --help` starts fast.
SUBCOMMANDS = {
    "strip": ("strip", "Remove reading annotations, page furniture and layout damage."),
    "annotations": ("annotations", "Remove pinyin/zhuyin reading-annotation layers, only them."),
    "chrome": ("chrome", "Remove page furniture and repair the layout it breaks."),
    "convert": ("convert", "Convert between Simplified and Traditional Chinese (OpenCC)."),
    "check": ("check", "Report dirt without changing anything; exit 1 above a threshold."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUBCOMMANDS:
            return None
        import importlib

        module = importlib.import_module(f"{__name__}.{SUBCOMMANDS[name][0]}")
        return getattr(module, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in SUBCOMMANDS.items()])

EXAMPLES = """\b
Examples:
  corpus-clean strip page.txt                  # clean one page to standard output
  corpus-clean strip --format jsonl -o out.jsonl.gz corpus.jsonl.gz
  cat page.txt | corpus-clean strip - > clean.txt
"""


@click.group(cls=LazyGroup, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus-clean")
def cli() -> None:
    """Clean Chinese web-corpus text: reading annotations, web chrome, script conversion."""



class Interrupted(BaseException):
    """Ctrl-C, raised by our own SIGINT handler so that click does not print its own line."""


class Terminated(BaseException):
    """SIGTERM (a job scheduler's timeout, ``kill``): unwinds like Ctrl-C, so the temporary
    file of an atomic output is removed instead of being left behind by a hard kill."""


def _on_sigint(signum, frame) -> None:
    raise Interrupted()


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point with the error and signal handling every command shares."""
    signal.signal(signal.SIGINT, _on_sigint)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = cli.main(args=argv, prog_name="corpus-clean", standalone_mode=False)
    except InputError as err:
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
    except (Interrupted, KeyboardInterrupt):
        click.echo("corpus-clean: interrupted", err=True)
        code = 130
    except Terminated:
        click.echo("corpus-clean: terminated", err=True)
        code = 143
    except (ReaderGone, BrokenPipeError):
        silence_stdout()
        code = 0
    except OSError as err:
        # Raised outside the I/O layer's own checks (a rules file, a temp folder...): still
        # one line naming the file, never a traceback.
        where = f"{err.filename}: " if err.filename else ""
        click.echo(f"corpus-clean: {where}{err.strerror or err}", err=True)
        code = 2
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        # The reader went away (| head) or the output failed and was reported: drop what is
        # still buffered instead of failing again at interpreter exit.
        silence_stdout()
    sys.exit(code if isinstance(code, int) else 0)


def silence_stdout() -> None:
    """After the reader of our standard output went away, make later flushes no-ops."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
