"""The click group of ``corpus-clean``: subcommands, each imported only when it runs.

Kept apart from ``corpus_clean.cli`` (the entry point), so that the entry point can take
over Ctrl-C before click and the library are imported.
"""
from __future__ import annotations

import click

from .. import __version__

SUBCOMMANDS = {
    "strip": ("strip", "Remove reading annotations, page furniture and layout damage."),
    "annotations": ("annotations", "Remove pinyin/zhuyin reading-annotation layers, only them."),
    "chrome": ("chrome", "Remove page furniture and repair the layout it breaks."),
    "convert": ("convert", "Convert between Simplified and Traditional Chinese (OpenCC)."),
    "check": ("check", "Report dirt without changing anything; exit 1 above a threshold."),
}


def with_version(command: click.Command) -> click.Command:
    """Give a subcommand the group's ``--version`` (``corpus-clean strip --version``), once."""
    if not any(param.name == "version" for param in command.params):
        click.version_option(__version__, prog_name="corpus-clean")(command)
    return command


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUBCOMMANDS:
            return None
        import importlib

        module = importlib.import_module(f"{__package__}.{SUBCOMMANDS[name][0]}")
        return with_version(getattr(module, name))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in SUBCOMMANDS.items()])

EXAMPLES = """\b
Examples:
  corpus-clean strip page.txt                  # clean one page to standard output
  corpus-clean strip --input-format jsonl -o out.jsonl.gz corpus.jsonl.gz
  cat page.txt | corpus-clean strip - > clean.txt
"""


@click.group(cls=LazyGroup, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus-clean")
def cli() -> None:
    """Clean Chinese web-corpus text: reading annotations, web chrome, script conversion."""
