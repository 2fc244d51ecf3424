"""``corpus-clean strip``: the whole cleaning pipeline over files or a pipe."""
from __future__ import annotations

import dataclasses
import functools

import click

from ..errors import InputError
from ..pipeline import CleanConfig, build_pipeline
from ..report import Result
from ..run import RunOptions
from .common import audit_options, io_options, report_options, run_audited
from .config import config_options


def clean_text(config: CleanConfig, text: str) -> Result:
    """Worker for ``run_documents``: picklable, builds the pipeline once per process."""
    return build_pipeline(config).run(text)


def _utf8_text_files(ctx: click.Context, param: click.Parameter, value):
    """A rule file or a boilerplate table must be UTF-8 text: say where it is not, before any
    input is read (a binary file passed by mistake would fail deep inside the step)."""
    for path in (value if isinstance(value, tuple) else (value,)):
        if path is None:
            continue
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            continue  # the step names a missing or unreadable file itself
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = 1 + data.count(b"\n", 0, err.start)
            raise InputError(f"{path}:{line}: not valid UTF-8 (byte offset {err.start}); "
                             f"{param.opts[0]} takes a UTF-8 text file") from None
    return value


def chrome_options(fn):
    """``--rules``, ``--boilerplate`` and ``--min-docs``, shared with ``strip``."""
    fn = click.option("--min-docs", type=click.IntRange(min=2), default=10, show_default=True,
                      help="With --boilerplate: drop lines seen in at least this many documents.")(fn)
    fn = click.option("--boilerplate", type=click.Path(dir_okay=False), callback=_utf8_text_files,
                      help="A table written by `chrome --learn`: drop the corpus's repeated lines.")(fn)
    fn = click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
                      callback=_utf8_text_files,
                      help="An extra rule file (format of `--list-rules`' source); repeatable.")(fn)
    return fn


def pipeline_options(fn):
    """The options that choose what the pipeline removes: ``chrome_options`` plus
    ``--no-chrome`` and ``--annotations``; shared by ``strip`` and ``check`` (which reports
    exactly what a ``strip`` run with the same options would remove)."""
    fn = click.option("--annotations", type=click.Choice(["auto", "all", "none"]), default="auto",
                      show_default=True,
                      help="Reading annotations (pinyin/zhuyin): auto removes a converter's layer and keeps "
                           "an author's notes; all removes every verified reading; none keeps them.")(fn)
    fn = click.option("--no-chrome", is_flag=True, help="Keep page furniture (skip the chrome step).")(fn)
    return chrome_options(fn)


def clean_config(rule_files: tuple[str, ...], boilerplate: str | None, min_docs: int, no_chrome: bool,
                 annotations: str, **conversion) -> CleanConfig:
    """The ``CleanConfig`` of ``pipeline_options`` (``conversion``: ``to`` and ``repair``);
    the pipeline is built here, so a bad rule file or table fails before any input is read."""
    if no_chrome and (rule_files or boilerplate):
        raise click.UsageError("--rules and --boilerplate belong to the chrome step: drop --no-chrome")
    config = CleanConfig(annotations=annotations, chrome=not no_chrome, rules=rule_files,
                         boilerplate=boilerplate, min_docs=min_docs, **conversion)
    build_pipeline(config)
    return config


@click.command(epilog="""\b
Examples:
  corpus-clean strip seeds/raw/*.txt
  corpus-clean strip --input-format jsonl --field content -o clean.jsonl.gz dump.jsonl.gz
  corpus-clean strip --in-place pages/*.txt
  corpus-clean strip --limit 100 --explain --id-field meta.url dump.jsonl.gz > /dev/null
""")
@io_options
@config_options
@pipeline_options
@click.option("--to", type=click.Choice(["simplified", "traditional", "taiwan", "hongkong"]),
              help="After cleaning, convert each document to this script (from its detected one).")
@click.option("--repair", is_flag=True,
              help="Fix characters a naive Simplified->Traditional conversion got wrong (方麵 -> 方面).")
@click.option("--explain", is_flag=True,
              help="Print each document's removals (position, step, reason, text) on standard error.")
@audit_options
@click.option("--id-field", default="id", show_default=True,
              help="JSONL field that names a record in messages, --explain and --stats (dotted paths too).")
@click.option("--skip", type=click.IntRange(min=0), default=0,
              help="Leave out the first N documents (records) of the inputs, taken in order.")
@click.option("--limit", type=click.IntRange(min=0),
              help="Clean at most N documents (after --skip), then stop reading.")
@report_options
def strip(io_opts: RunOptions, rule_files: tuple[str, ...], boilerplate: str | None, min_docs: int,
          to: str | None, repair: bool, no_chrome: bool, annotations: str, explain: bool, diff: bool,
          stats_path: str | None, id_field: str, skip: int, limit: int | None,
          report_path: str | None = None, report_sample: int | None = None) -> None:
    """Remove reading annotations, page furniture and layout damage; keep the author's text."""
    if not id_field:
        raise click.UsageError("--id-field needs a field name")
    if (skip or limit is not None) and io_opts.in_place:
        raise click.UsageError("--skip and --limit leave documents out: with --in-place they would be "
                               "deleted from the files; write the selection with -o")
    io_opts = dataclasses.replace(io_opts, read=dataclasses.replace(io_opts.read, id_field=id_field,
                                                                      skip=skip, limit=limit))
    config = clean_config(rule_files, boilerplate, min_docs, no_chrome, annotations, to=to, repair=repair)
    hooks = ()
    if explain:
        from .. import audit  # the listing only when asked

        hooks = (audit.Explainer(),)
    run_audited(io_opts, functools.partial(clean_text, config), "strip", diff=diff, stats_path=stats_path,
                report_path=report_path, report_sample=report_sample, hooks=hooks)
