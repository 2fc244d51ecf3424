"""What every document-processing subcommand shares: its input/output options, the checks of
their combinations, the progress display and the closing summary.

A subcommand parses its own options, builds a picklable ``text -> Result`` worker from the
library and hands it to ``run_audited``, which runs ``corpus_clean.run.process`` (reading,
cleaning, writing, parallelism: the run layer) with the audit views asked for.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import sys
from collections.abc import Callable

import click

from ..io import (
    MAX_DOC_BYTES,
    STDIO,
    Document,
    ReadOptions,
    open_output,
    refuse_overlaps,
    require_regular_files,
)
from ..report import Result, Summary
from ..run import RunOptions, Worker, process
from .progress import Progress

# Options of single subcommands that also write a file: checked with -o and --rejects.
SIDE_OUTPUTS = {"stats_path": "--stats", "report_path": "--report"}


def report_options(fn):
    """``--report FILE`` and ``--report-sample N``: the HTML audit page (see ``html_report``)."""
    fn = click.option("--report-sample", type=click.IntRange(min=0), metavar="N",
                      help="With --report: how many documents the page shows, a fixed sample chosen by "
                           "hash (default 200), besides the ones with the largest share removed.")(fn)
    fn = click.option("--report", "report_path", type=click.Path(dir_okay=False),
                      help="Write a self-contained HTML page of what was removed and why (atomic): a "
                           "summary, and a sample of documents with each removal struck through.")(fn)
    return fn


@contextlib.contextmanager
def html_report(path: str | None, sample: int | None, command: str, cleaned_note: str = ""):
    """The collector of ``--report`` (``None`` without it); the page is written, atomically,
    once the run inside the ``with`` has succeeded."""
    if path is None:
        if sample is not None:
            raise click.UsageError("--report-sample goes with --report")
        yield None
        return
    if path == STDIO:
        raise click.UsageError("--report writes a file: standard output carries the documents")
    from ..html_report import ReportCollector, write

    collector = ReportCollector(200 if sample is None else sample, command, cleaned_note=cleaned_note)
    yield collector
    with open_output(path) as out:
        write(collector.finish(), out)


def audit_options(fn):
    """``--diff`` and ``--stats FILE`` of every cleaning subcommand (see ``run_audited``)."""
    fn = click.option("--stats", "stats_path", type=click.Path(dir_okay=False, allow_dash=True),
                      help="Write per-document statistics here as JSONL (chars in/out, removals per reason, "
                           "annotation verdict, script); `-`: standard output (the documents then need -o "
                           "or --in-place).")(fn)
    fn = click.option("--diff", is_flag=True,
                      help="Print a unified diff of input and output instead of the output; exit 1 when "
                           "something would change (as `ruff format --diff`).")(fn)
    return fn


def run_audited(io_opts: RunOptions, worker: Worker, command: str, *, diff: bool = False,
                stats_path: str | None = None, report_path: str | None = None, report_sample: int | None = None,
                hooks: tuple[Callable[[Document, Result], None], ...] = ()) -> None:
    """``run_documents`` with the audit views of a cleaning subcommand, then its summary
    (without any view, a plain run: nothing more is imported or computed).

    ``hooks`` (``--explain``...) see each document first, then the ``--report`` collector and
    the ``--stats`` writer; ``--diff`` comes last, as it replaces the text written, and the
    run exits 1 when a document would change.  The pipeline's removals carry raw-text
    offsets, so every view reads the worker's own result.
    """
    if stats_path == STDIO and not io_opts.in_place and io_opts.output in (None, STDIO):
        raise click.UsageError(f"--stats - writes statistics to standard output: send the "
                               f"{'diff' if diff else 'cleaned documents'} elsewhere with -o FILE"
                               + ("" if diff else " (or use --in-place)"))
    if diff:
        if io_opts.in_place or io_opts.read.line_docs or io_opts.drop_empty:
            raise click.UsageError("--diff cannot be combined with --in-place, --line-docs or --drop-empty")
        io_opts = dataclasses.replace(io_opts, output_format="text")
    with contextlib.ExitStack() as stack:
        chain = list(hooks)
        report = stack.enter_context(html_report(report_path, report_sample, command))
        if report is not None:
            chain.append(report)
        differ = None
        if stats_path or diff:
            from .. import audit  # the audit views (and check's tracer behind them) only when asked

            if stats_path:
                chain.append(audit.StatsWriter(stack.enter_context(open_output(stats_path))))
            if diff:
                differ = audit.Differ()
                chain.append(differ)  # last: it replaces the text the writer gets
        summary = run_documents(io_opts, worker, on_result=_chain(chain))
    print_summary(io_opts, summary)
    if differ is not None and differ.changed:
        click.get_current_context().exit(1)


def _chain(hooks: list[Callable[[Document, Result], None]]) -> Callable[[Document, Result], None] | None:
    """One ``on_result`` that calls each hook in order (``None`` when there is none)."""
    if not hooks:
        return None
    if len(hooks) == 1:
        return hooks[0]

    def call_all(doc: Document, result: Result) -> None:
        for hook in hooks:
            hook(doc, result)

    return call_all


INPUT_FORMATS = ("auto", "text", "jsonl")


def deprecated_alias(old: str, dest: str, new: str, **kwargs):
    """A hidden option under an old name, kept for one release: using it works and prints one
    line on standard error naming the new option.  The command merges it with ``merge_alias``."""
    def warn(ctx: click.Context, param: click.Parameter, value):
        if value is not None:
            click.echo(f"corpus-clean: {old} is deprecated here; use {new} "
                       f"(the old name goes in a later release)", err=True)
        return value

    return click.option(old, dest, hidden=True, default=None, callback=warn, expose_value=True, **kwargs)


def merge_alias(value, old_value, new: str, old: str):
    """The value of an option given under its new or its deprecated name (not both)."""
    if old_value is None:
        return value
    if value is not None and value != old_value:
        raise click.UsageError(f"{old} is the deprecated name of {new}: give {new} only")
    return old_value


def io_options(fn=None, *, input_option: bool = False):
    """Add the shared input/output options; the command receives them as ``io_opts``.

    ``input_option``: also ``-i/--input FILE`` (repeatable), as OpenCC's own command has,
    read before the inputs named as arguments."""
    if fn is None:
        return functools.partial(io_options, input_option=input_option)
    options = [
        click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True)),
        click.option("-o", "--output", type=click.Path(allow_dash=True),
                     help="Write here instead of standard output (atomic; compressed by suffix); "
                          "with --engine dask, the folder for the output shards."),
        click.option("--in-place", is_flag=True, help="Rewrite each input file atomically."),
        click.option("--input-format", "fmt", type=click.Choice(INPUT_FORMATS), show_default="auto",
                     help="Input format; auto: JSONL for *.jsonl[.gz|.bz2|.xz|.zst]."),
        deprecated_alias("--format", "fmt_deprecated", "--input-format", type=click.Choice(INPUT_FORMATS)),
        click.option("--field", default="text", show_default=True,
                     help="JSONL field that holds the text (dotted paths reach nested objects)."),
        click.option("--line-docs", is_flag=True, help="Text input: one document per line."),
        click.option("--output-format", type=click.Choice(["text", "jsonl"]),
                     help="Output format (default: the input's)."),
        click.option("--encoding", default="utf-8", show_default=True,
                     help="Input encoding: utf-8, auto (detect GB18030/GBK/Big5...), or a codec name."),
        click.option("--on-error", type=click.Choice(["stop", "skip"]), default="stop", show_default=True,
                     help="A bad JSONL record stops the run, or is skipped (see --rejects)."),
        click.option("--max-doc-bytes", type=click.IntRange(min=1), default=MAX_DOC_BYTES, show_default=True,
                     help="The largest document (file, line or record) read; a longer one is bad input "
                          "(with --on-error skip, a JSONL record goes to the rejects). Bounds memory."),
        click.option("--rejects", type=click.Path(dir_okay=False),
                     help="With --on-error skip: write skipped records here, as JSONL."),
        click.option("--drop-empty", is_flag=True,
                     help="Do not write documents that are empty after cleaning (they are counted)."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Worker processes; 0 = all cores. Output order is kept."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="dask: clean each input shard (globs allowed) on a Dask cluster into one "
                          "output shard in the -o folder (needs the dask extra)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="With --engine dask: an existing scheduler (tcp://host:8786); default: "
                          "a local cluster of --jobs (or 2) worker processes."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary."),
        click.option("-v", "--verbose", is_flag=True, help="Log what is detected (encodings...)."),
    ]

    if input_option:
        options.insert(1, click.option("-i", "--input", "input_files", multiple=True,
                                       type=click.Path(dir_okay=False, allow_dash=True),
                                       help="An input file, as OpenCC's -i (repeatable; the same as "
                                            "naming it as an argument)."))

    @functools.wraps(fn)
    def wrapper(inputs, output, in_place, fmt, fmt_deprecated, field, line_docs, output_format, encoding, on_error,
                max_doc_bytes, rejects, drop_empty, jobs, engine, scheduler, quiet, verbose, **kwargs):
        inputs = tuple(kwargs.pop("input_files", ())) + tuple(inputs)
        fmt = merge_alias(fmt, fmt_deprecated, "--input-format", "--format") or "auto"
        _check_engine(engine, scheduler, inputs, output, in_place)
        if output and engine == "local" and os.path.isdir(output):
            raise click.UsageError(f"-o {output} is a folder (a folder of shards needs --engine dask)")
        if in_place and output:
            raise click.UsageError("--in-place and --output cannot be used together")
        if in_place and (not inputs or STDIO in inputs):
            raise click.UsageError("--in-place needs input files, not standard input")
        if in_place:
            require_regular_files(inputs, "--in-place")
        if rejects and on_error != "skip":
            raise click.UsageError("--rejects goes with --on-error skip")
        opts = RunOptions(tuple(inputs) or (STDIO,), output, in_place,
                         ReadOptions(fmt, field, line_docs, encoding, on_error, max_doc_bytes), output_format,
                         jobs, quiet, verbose, rejects, drop_empty, engine, scheduler)
        setup_logging(verbose)
        side = [(name, kwargs.get(key)) for key, name in SIDE_OUTPUTS.items()]
        refuse_overlaps(opts.inputs, ([("-o", output)] if engine == "local" else []) + side
                        + [("--rejects", rejects)])
        return fn(io_opts=opts, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _check_engine(engine: str, scheduler: str | None, inputs, output: str | None, in_place: bool) -> None:
    if engine == "local":
        if scheduler:
            raise click.UsageError("--scheduler goes with --engine dask")
        return
    if not inputs or STDIO in inputs:
        raise click.UsageError("--engine dask reads input files (shards), not standard input")
    if not in_place and (not output or output == STDIO):
        raise click.UsageError("--engine dask writes to a file or folder: give it with -o")


def run_documents(opts: RunOptions, worker: Worker,
                  on_result: Callable[[Document, Result], None] | None = None) -> Summary:
    """``run.process`` from the command line: the combinations the Dask engine cannot run are
    usage errors, skipped records are named on standard error, and a person watching gets a
    progress display."""
    say = functools.partial(click.echo, err=True)
    if opts.engine == "dask":
        if on_result is not None:
            raise click.UsageError("--engine dask writes shards only: per-document reports "
                                   "(--explain, --stats, --diff, --report...) need --engine local")
        if opts.read.skip or opts.read.limit is not None:
            raise click.UsageError("--skip and --limit count documents across the inputs in order: "
                                   "they need --engine local")
        if opts.output and os.path.exists(opts.output) and not os.path.isdir(opts.output):
            raise click.UsageError(f"-o {opts.output}: with --engine dask this must be a folder (one shard per input)")
        return process(opts, worker, say=say)
    progress = Progress(opts.inputs) if want_progress(opts.inputs, opts.quiet) else None
    try:
        return process(opts, worker, on_result, on_document=progress, say=say)
    finally:
        if progress:
            progress.stop()


def echo_data(text: str) -> None:
    """Print a listing on standard output as data: a reader that stops early (``| head``)
    ends the run quietly with status 0 (click's own ``echo`` would exit 1)."""
    with open_output(None) as out:
        out.write(text + "\n")


def setup_logging(verbose: bool) -> None:
    import logging

    logging.basicConfig(format="corpus-clean: %(message)s", stream=sys.stderr,
                        level=logging.INFO if verbose else logging.WARNING)


def want_progress(paths, quiet: bool) -> bool:
    """A progress display only for a person watching: a terminal, not CI, not ``-q``, long
    work (many or large files), or a pipe into standard input (``zcat dump | ...``, whose
    length is unknown: documents/s and MB/s, without a bar or an ETA)."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return False
    if STDIO in paths and not sys.stdin.isatty():
        return True
    sizes = [os.path.getsize(p) for p in paths if p != STDIO and os.path.isfile(p)]
    return len(sizes) > 20 or sum(sizes) > 8 << 20


def print_summary(opts: RunOptions, summary: Summary) -> None:
    """A short table on standard error when a person is watching (or with ``-v``)."""
    if opts.quiet or not (opts.verbose or sys.stderr.isatty()):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="corpus-clean summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(summary.documents))
    table.add_row("written", str(summary.written))
    if summary.dropped_empty:
        table.add_row("dropped (empty)", str(summary.dropped_empty))
    if summary.rejected:
        table.add_row("rejected records", str(summary.rejected))
    table.add_row("characters in", str(summary.chars_in))
    table.add_row("characters out", str(summary.chars_out))
    for reason, n in sorted(summary.reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"removed: {reason}", str(n))
    Console(stderr=True).print(table)
