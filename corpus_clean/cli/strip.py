"""``corpus-clean strip``: the whole cleaning pipeline over files or a pipe."""
from __future__ import annotations

import functools

import click

from ..pipeline import CleanConfig, build_pipeline
from ..report import Result
from .common import IOOptions, io_options, print_summary, run_documents


def clean_text(config: CleanConfig, text: str) -> Result:
    """Worker for ``run_documents``: picklable, builds the pipeline once per process."""
    return build_pipeline(config).run(text)


@click.command(epilog="""\b
Examples:
  corpus-clean strip seeds/raw/*.txt
  corpus-clean strip --format jsonl --field content -o clean.jsonl.gz dump.jsonl.gz
  corpus-clean strip --in-place pages/*.txt
""")
@io_options
@click.option("--annotations", type=click.Choice(["auto", "all", "none"]), default="auto", show_default=True,
              help="Reading annotations (pinyin/zhuyin): auto removes a converter's layer and keeps "
                   "an author's notes; all removes every verified reading; none keeps them.")
def strip(io_opts: IOOptions, annotations: str) -> None:
    """Remove reading annotations, page furniture and layout damage; keep the author's text."""
    config = CleanConfig(annotations=annotations)
    summary = run_documents(io_opts, functools.partial(clean_text, config))
    print_summary(io_opts, summary)
