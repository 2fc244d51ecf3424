"""``corpus-clean annotations``: remove reading-annotation layers only, nothing else.

The same detector as ``strip``'s annotations step, alone: chrome, layout and everything
else pass through byte for byte.  ``--explain`` prints, per document, the figures the
layer-or-notes decision looked at and its verdict, so a kept or removed layer can be
understood (and overridden with ``--mode``).
"""
from __future__ import annotations

import functools
import sys

import click

from ..annotations import MODES, remove_annotations
from ..io import Document
from ..report import Result
from ..run import RunOptions
from .common import audit_options, io_options, report_options, run_audited
from .config import config_options

INFO_KEY = "annotations"


def annotate_text(mode: str, text: str) -> Result:
    """Worker for ``run_documents``: picklable, one step, its figures kept for ``--explain``."""
    out = remove_annotations(text, mode)
    return Result(out.text, out.removals, {INFO_KEY: out.info})


def explain_line(doc: Document, info: dict) -> str:
    """One plain-text line: document, verdict, removals, the figures and the reasons."""
    parts = [f"{doc.id}: {info['verdict']}"]
    if info.get("verified"):
        parts.append(f"removed {info['removed']} of {info['verified']} verified readings"
                     + (f" (+{info['spaces_removed']} converter spaces)" if info.get("spaces_removed") else "")
                     + f", kept {info['kept']}")
        figures = ("per_100", "single", "common", "running", "isolated", "conflict", "default",
                   "coverage", "spaced")
        parts.append(" ".join(f"{k}={info[k]}" for k in figures if k in info))
    parts.append(f"why: {info['why']}")
    return " | ".join(parts)


class VerdictExplainer:
    """``annotations --explain``: each document's layer/notes verdict and its figures on standard
    error (rich markup on a terminal); ``audit.Explainer`` lists removals, this the decision."""

    def __init__(self) -> None:
        self.console = None
        if sys.stderr.isatty():
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False)

    def __call__(self, doc: Document, result: Result) -> None:
        info = result.info.get(INFO_KEY, {})
        if self.console is None:
            click.echo(explain_line(doc, info), err=True)
            return
        from rich.markup import escape

        colour = {"layer": "red", "forced": "red", "notes": "green"}.get(info["verdict"], "dim")
        line = escape(explain_line(doc, info)).replace(
            f": {info['verdict']}", f": [bold {colour}]{info['verdict']}[/]", 1)
        self.console.print(line)


@click.command(epilog="""\b
Examples:
  corpus-clean annotations page.txt
  corpus-clean annotations --explain seeds/raw/*.txt > /dev/null
  corpus-clean annotations --mode all --input-format jsonl -o out.jsonl dump.jsonl
  corpus-clean annotations --diff pages/*.txt       # exit 1 when a page has a layer
""")
@io_options
@config_options
@click.option("--mode", "--annotations", "mode", type=click.Choice(list(MODES)), default="auto",
              show_default=True,
              help="auto: remove a converter's layer, keep an author's notes; all: remove every "
                   "verified reading; none: remove nothing.")
@click.option("--explain", is_flag=True,
              help="Print per document the density figures and the layer/notes verdict (stderr).")
@audit_options
@report_options
def annotations(io_opts: RunOptions, mode: str, explain: bool, diff: bool, stats_path: str | None,
                report_path: str | None = None, report_sample: int | None = None) -> None:
    """Remove pinyin/zhuyin reading-annotation layers (`新(xīn)時代` -> `新時代`), only them."""
    run_audited(io_opts, functools.partial(annotate_text, mode), "annotations", diff=diff, stats_path=stats_path,
                report_path=report_path, report_sample=report_sample,
                hooks=(VerdictExplainer(),) if explain else ())  # one step on the raw text: its offsets are raw
