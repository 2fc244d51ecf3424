"""``corpus-clean chrome``: remove page furniture and repair the layout it breaks.

The same rules and zones as ``strip``'s chrome step, without the annotation step.  Two
extra modes: ``--list-rules`` prints every rule (built-in and ``--rules`` files), and
``--learn`` writes a table of lines repeated across a corpus for ``--boilerplate``.
"""
from __future__ import annotations

import functools

import click

from ..boilerplate import DEFAULT_MAX_ENTRIES, learn, write_table
from ..chrome_rules import list_rules
from ..io import Document, open_output, read_documents
from ..pipeline import CleanConfig
from ..run import RunOptions
from .common import audit_options, echo_data, io_options, report_options, run_audited
from .config import config_options
from .strip import chrome_options, clean_text


@click.command(epilog="""\b
Examples:
  corpus-clean chrome page.txt
  corpus-clean chrome --list-rules
  corpus-clean chrome --learn site/*.txt -o site.lines
  corpus-clean chrome --boilerplate site.lines --min-docs 20 site/*.txt
""")
@io_options
@config_options
@chrome_options
@click.option("--list-rules", "list_only", is_flag=True,
              help="Print every rule (file, reason and options, pattern) and exit.")
@click.option("--learn", "learn_mode", is_flag=True,
              help="Count lines across the inputs and write the boilerplate table to -o.")
@click.option("--max-entries", type=click.IntRange(min=1000), default=DEFAULT_MAX_ENTRIES, show_default=True,
              help="With --learn: the table's size bound (memory: about 100 bytes an entry).")
@audit_options
@report_options
def chrome(io_opts: RunOptions, rule_files: tuple[str, ...], boilerplate: str | None, min_docs: int,
           list_only: bool, learn_mode: bool, max_entries: int, diff: bool, stats_path: str | None,
           report_path: str | None = None, report_sample: int | None = None) -> None:
    """Remove site names, meta lines, share widgets, comments, pagination, footers, captions."""
    views = [name for name, given in (("--report", report_path or report_sample is not None), ("--diff", diff),
                                       ("--stats", stats_path)) if given]
    if (list_only or learn_mode) and views:
        raise click.UsageError(f"{views[0]} goes with cleaning, not --list-rules or --learn")
    if list_only:
        _list(rule_files)
    elif learn_mode:
        _learn(io_opts, max_entries)
    else:
        config = CleanConfig(annotations="none", rules=rule_files, boilerplate=boilerplate,
                             min_docs=min_docs)
        run_audited(io_opts, functools.partial(clean_text, config), "chrome", diff=diff, stats_path=stats_path,
                    report_path=report_path, report_sample=report_sample)


def _list(rule_files: tuple[str, ...]) -> None:
    echo_data("\n".join(f"{source}\t{section}\t{pattern}" for source, section, pattern in list_rules(rule_files)))


def _learn(io_opts: RunOptions, max_entries: int) -> None:
    if not io_opts.output or io_opts.output == "-":
        raise click.UsageError("--learn writes a table: name it with -o FILE")

    def texts():
        for path in io_opts.inputs:
            for item in read_documents(path, io_opts.read):
                if isinstance(item, Document):
                    yield item.text

    if io_opts.engine == "dask":  # one counting task per shard, summed by a Dask reduction
        from .. import dask_engine
        from ..parallel import resolve_jobs

        counts, documents = dask_engine.learn_shards(
            dask_engine.expand_inputs(io_opts.inputs), io_opts.read, max_entries, io_opts.scheduler,
            resolve_jobs(io_opts.jobs) if io_opts.jobs != 1 else 2)
    else:
        counts, documents = learn(texts(), max_entries)
    with open_output(io_opts.output) as out:
        write_table(out, counts, documents)
    if not io_opts.quiet:
        click.echo(f"corpus-clean: {documents} documents, {sum(1 for n in counts.values() if n > 1)} "
                   f"repeated lines -> {io_opts.output}", err=True)
