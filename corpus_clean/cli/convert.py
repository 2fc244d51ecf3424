"""``corpus-clean convert``: Simplified/Traditional conversion of whole corpora with OpenCC."""
from __future__ import annotations

import functools

import click

from ..convert import CONFIGS, TARGETS, backend, convert_step
from ..report import Result
from ..run import RunOptions
from .common import (
    audit_options,
    deprecated_alias,
    echo_data,
    io_options,
    merge_alias,
    run_audited,
)
from .config import config_options


def convert_text(config: str | None, to: str | None, repair: bool, text: str) -> Result:
    """Worker for ``run_documents``: picklable; converters are built once per process."""
    out = convert_step(text, config=config, to=to, repair=repair)
    return Result(out.text, [], {"convert": out.info})


@click.command(epilog="""\b
Examples:
  corpus-clean convert -c t2s page.txt
  corpus-clean convert -c my-s2t.json -i page.txt -o page.zh-hant.txt
  corpus-clean convert --to simplified --input-format jsonl -o zh-hans.jsonl.gz corpus.jsonl.gz
  corpus-clean convert --repair --in-place old-conversions/*.txt
  corpus-clean convert --version-info
""")
@io_options(input_option=True)
@config_options(file_option=False)
@click.option("-c", "--opencc-config", "config", metavar="NAME|FILE.json",
              help=f"An OpenCC configuration: a built-in name ({', '.join(CONFIGS)}; also as "
                   "t2s.json), or the path of an OpenCC configuration file, as OpenCC's own -c takes.")
@deprecated_alias("--config", "config_deprecated", "--opencc-config", metavar="NAME|FILE.json")
@click.option("--to", type=click.Choice(list(TARGETS)),
              help="Target script; the configuration is chosen from each document's detected script, "
                   "and a document already in it is left unchanged.")
@click.option("--repair", is_flag=True,
              help="Fix only the characters a naive Simplified->Traditional conversion got wrong "
                   "(方麵 -> 方面, 同誌 -> 同志); every other character stays byte-identical.")
@click.option("--version-info", is_flag=True, help="Print the backend and dictionary version, and exit.")
@audit_options
def convert(io_opts: RunOptions, config: str | None, config_deprecated: str | None, to: str | None, repair: bool,
            version_info: bool, diff: bool, stats_path: str | None) -> None:
    """Convert between Simplified and Traditional Chinese (mainland, Taiwan, Hong Kong)."""
    config = merge_alias(config, config_deprecated, "--opencc-config", "--config")
    if version_info:
        echo_data(backend().describe())
        return
    if bool(config) == bool(to) and not (repair and not config and not to):
        raise click.UsageError("name one of -c/--opencc-config or --to (or --repair alone)")
    if config:
        from ..convert import converter

        converter(config)  # a configuration the backend lacks fails before any input is read
    run_audited(io_opts, functools.partial(convert_text, config, to, repair), "convert", diff=diff,
                stats_path=stats_path)
