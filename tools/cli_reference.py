"""Write the README's command list and option tables from the CLI itself.

The README holds them between markers::

    <!-- cli-reference: commands -->      ...      <!-- /cli-reference -->
    <!-- cli-reference: options strip -->  ...     <!-- /cli-reference -->

``python tools/cli_reference.py`` rewrites those blocks from the click commands (the help
of each option, as ``--help`` shows it); ``--check`` changes nothing and exits 1, naming the
blocks, when the README has drifted from the CLI (``tests/test_cli_reference.py`` runs it).
"""
from __future__ import annotations

import argparse
import os
import re
import sys

import click

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
BLOCK = re.compile(r"(<!-- cli-reference: (?P<what>[^>]+?) -->\n)(?P<body>.*?)(<!-- /cli-reference -->)", re.DOTALL)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("*", "\\*")


def commands_table() -> str:
    from corpus_clean.cli.app import SUBCOMMANDS

    rows = ["| command | what it does |", "|---|---|"]
    rows += [f"| `corpus-clean {name}` | {_cell(help_)} |" for name, (_, help_) in SUBCOMMANDS.items()]
    return "\n".join(rows) + "\n"


def options_table(name: str) -> str:
    """Every visible option of ``corpus-clean NAME``, as its ``--help`` lists them."""
    from corpus_clean.cli.app import cli

    group_ctx = click.Context(cli, info_name="corpus-clean")
    command = cli.get_command(group_ctx, name)
    if command is None:
        raise SystemExit(f"cli_reference: no subcommand {name!r}")
    ctx = click.Context(command, info_name=name, parent=group_ctx)
    rows = ["| option | meaning |", "|---|---|"]
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record is None:
            continue
        opts, help_ = record
        rows.append(f"| `{_cell(opts)}` | {_cell(help_)} |")
    return "\n".join(rows) + "\n"


def render(what: str) -> str:
    kind, _, arg = what.partition(" ")
    if kind == "commands" and not arg:
        return commands_table()
    if kind == "options" and arg:
        return options_table(arg)
    raise SystemExit(f"cli_reference: unknown block {what!r}")


def update(text: str) -> tuple[str, list[str]]:
    """``text`` with every block regenerated, and the names of the blocks that changed."""
    changed: list[str] = []

    def one(m: re.Match) -> str:
        body = render(m.group("what"))
        if body != m.group("body"):
            changed.append(m.group("what"))
        return m.group(1) + body + m.group(4)

    return BLOCK.sub(one, text), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Change nothing; exit 1 when the README has drifted.")
    parser.add_argument("--readme", default=README)
    args = parser.parse_args(argv)
    with open(args.readme, encoding="utf-8") as fh:
        text = fh.read()
    if not BLOCK.search(text):
        print(f"cli_reference: {args.readme}: no <!-- cli-reference: ... --> block", file=sys.stderr)
        return 2
    new, changed = update(text)
    if args.check:
        if changed:
            print(f"cli_reference: {args.readme} differs from the CLI in: {', '.join(changed)}; "
                  "run python tools/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    if changed:
        with open(args.readme, "w", encoding="utf-8") as fh:
            fh.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
