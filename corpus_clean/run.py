"""The run loop: read documents, run a worker on each, write the results, count everything.

One loop for every document subcommand and every way of running (serial, ``--jobs N``
processes over blocks of JSONL lines, Dask shards): ``process(options, worker)`` returns the
run's ``Summary``.  The CLI only parses options, checks their combinations, shows progress
and prints the summary; a library user runs the same loop with a ``RunOptions``.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import InputError
from .io import (
    BadLine,
    Document,
    DocumentWriter,
    LineBlock,
    ReadOptions,
    Rejected,
    atomic_output,
    block_lines,
    detect_format,
    line_blocks,
    open_output,
    parse_record,
    read_documents,
)
from .parallel import ordered_map, resolve_jobs
from .report import Result, Summary, emit, without_spans

Worker = Callable[[str], Result]
OnResult = Callable[[Document, Result], None]


@dataclass
class RunOptions:
    """Where documents come from and go to, and how the run goes (a plain, picklable record)."""

    inputs: tuple[str, ...]
    output: str | None
    in_place: bool
    read: ReadOptions
    output_format: str | None
    jobs: int
    quiet: bool
    verbose: bool
    rejects: str | None
    drop_empty: bool
    engine: str = "local"  # local | dask (one output shard per input shard; see dask_engine)
    scheduler: str | None = None  # a Dask scheduler address; None starts a local cluster


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class Rejects:
    """Where skipped records go (``--on-error skip``), streamed so memory stays flat.

    With ``options.rejects`` each one is written there as a JSON line (atomically: a failed
    run leaves no half-written rejects file); without it the first few are named through
    ``say`` (standard error) and the rest counted, so nothing is dropped without a word.
    """

    SHOWN = 20

    def __init__(self, opts: RunOptions, say: Callable[[str], None] = _say):
        self.opts = opts
        self.say = say
        self.count = 0
        self._stack = contextlib.ExitStack()
        self._out = None

    def __enter__(self):
        if self.opts.rejects:
            self._out = self._stack.enter_context(open_output(self.opts.rejects))
        return self

    def append(self, r: Rejected) -> None:
        self.count += 1
        if self._out is not None:
            self._out.write(json.dumps({"source": r.source, "line": r.line, "error": r.message,
                                        "raw": r.raw}, ensure_ascii=False) + "\n")
        elif not self.opts.quiet and self.count <= self.SHOWN:
            self.say(f"corpus-clean: skipped {r.message}")

    def __exit__(self, *exc) -> bool:
        self._stack.__exit__(*exc)
        if exc[0] is None and self._out is None and not self.opts.quiet and self.count > self.SHOWN:
            self.say(f"corpus-clean: skipped {self.count - self.SHOWN} more records "
                     "(keep them with --rejects FILE)")
        return False


def _documents(opts: RunOptions, paths: tuple[str, ...], rejected: Rejects) -> Iterator[Document]:
    """The documents of ``paths`` in order, after ``--skip`` and up to ``--limit`` of them
    (reading stops there: the rest of the input is not read)."""
    skip, limit = opts.read.skip, opts.read.limit
    if limit == 0:
        return
    seen = 0
    for path in paths:
        for item in read_documents(path, opts.read):
            if isinstance(item, Rejected):
                rejected.append(item)
                continue
            seen += 1
            if seen <= skip:
                continue
            yield item
            if limit is not None and seen - skip >= limit:
                return


def _pairs(docs: Iterator[Document], worker: Worker, jobs: int,
           spans: bool = True) -> Iterator[tuple[Document, Result]]:
    """Run ``worker`` over document texts, in order, possibly in parallel.

    Without ``spans``, parallel workers send back counts per reason instead of removals.
    """
    if jobs != 1 and not spans:
        worker = functools.partial(without_spans, worker)
    if jobs == 1:
        for doc in docs:
            yield doc, worker(doc.text)
        return
    buffer: deque[Document] = deque()

    def texts():
        for doc in docs:
            buffer.append(doc)
            yield doc.text

    for result in ordered_map(worker, texts(), jobs):
        yield buffer.popleft(), result


def process(opts: RunOptions, worker: Worker, on_result: OnResult | None = None,
            on_document: Callable[[Document], None] | None = None,
            say: Callable[[str], None] = _say) -> Summary:
    """Read every input, run ``worker`` on each document, write the results.

    ``on_result`` sees every (document, result) pair before it is written (``--explain``,
    ``--stats``, ``--diff``, ``--report``); ``on_document`` after (a progress display);
    ``say`` names skipped records.  With ``engine="dask"`` each input shard is one task
    (no per-document hooks: the shards are written on the cluster).
    """
    if opts.engine == "dask":
        return _process_shards(opts, worker, say)
    summary = Summary()
    rejected = Rejects(opts, say)

    def out_fmt(paths: tuple[str, ...]) -> str:
        # One output follows its first input; --in-place keeps each file's own format.
        return opts.output_format or detect_format(paths[0], opts.read.fmt)

    def write_all(paths: tuple[str, ...], out) -> None:
        writer = DocumentWriter(out, out_fmt(paths), opts.read.field, opts.read.line_docs)
        if (opts.jobs != 1 and on_result is None and not opts.read.skip and opts.read.limit is None
                and all(detect_format(p, opts.read.fmt) == "jsonl" for p in paths)):
            _write_jsonl_in_workers(opts, paths, worker, writer, summary, rejected)
            return
        for doc, result in _pairs(_documents(opts, paths, rejected), worker, opts.jobs,
                                  spans=on_result is not None):
            if on_result is not None:
                on_result(doc, result)
            emit(doc, result, summary, opts.drop_empty, writer.write)
            if on_document is not None:
                on_document(doc)

    with rejected:
        if opts.in_place:
            for path in opts.inputs:
                with atomic_output(path) as out:
                    write_all((path,), out)
        else:
            with open_output(opts.output) as out:
                write_all(opts.inputs, out)
    summary.rejected = rejected.count
    return summary


@dataclass
class RenderedBlock:
    """What a worker sends back for one ``LineBlock``: little to pickle, nothing to decode.

    ``output`` is the UTF-8 of every document written, ``error`` the input error that ended
    the block (everything before it is in ``output``, ``summary`` and ``rejected``).
    """

    output: bytes
    summary: Summary
    rejected: list[Rejected]
    error: str | None = None


def render_block(worker: Worker, writer: DocumentWriter, drop_empty: bool, on_error: str,
                 block: LineBlock, id_field: str = "id") -> RenderedBlock:
    """Worker side of a parallel JSONL run: decode, parse, clean and render a block of lines,
    through ``emit`` as one process does; the parent only moves bytes, so the run scales
    with ``--jobs``."""
    summary = Summary()
    rejected: list[Rejected] = []
    parts: list[str] = []

    def keep(doc: Document, text: str) -> None:
        parts.append(writer.render(doc, text))

    try:
        for number, line in block_lines(block, keep_bad=on_error == "skip"):
            if isinstance(line, BadLine):
                rejected.append(Rejected(block.source, number, line.text, line.message))
                continue
            if not line.strip():
                continue
            try:
                doc = parse_record(block.source, number, line, writer.field, id_field)
            except InputError as err:
                if on_error != "skip":
                    raise
                rejected.append(Rejected(block.source, number, line, str(err)))
                continue
            emit(doc, worker(doc.text), summary, drop_empty, keep)
    except InputError as err:
        return RenderedBlock("".join(parts).encode("utf-8"), summary, rejected, str(err))
    return RenderedBlock("".join(parts).encode("utf-8"), summary, rejected)


def _write_jsonl_in_workers(opts: RunOptions, paths: tuple[str, ...], worker: Worker, writer: DocumentWriter,
                            summary: Summary, rejected: Rejects) -> None:
    """``--jobs N`` over JSONL: the same bytes, errors and counts as one process.

    Workers get blocks of raw input lines (``io.line_blocks``) and return rendered bytes
    with the block's counts; an error comes back after the output before it, so it is raised
    where one process raises it.  The first block is a single line, cleaned here before the
    workers fork so that they inherit the loaded dictionaries.
    """
    def blocks() -> Iterator[LineBlock]:
        for i, path in enumerate(paths):
            yield from line_blocks(path, opts.read, first=0 if i == 0 else None)

    render = functools.partial(render_block, worker, DocumentWriter(None, writer.fmt, writer.field,
                                                                    writer.line_docs),
                               opts.drop_empty, opts.read.on_error, id_field=opts.read.id_field)
    # A couple of blocks per worker per batch: enough queued to keep them busy, little held.
    for done in ordered_map(render, blocks(), opts.jobs, batch_size=2 * resolve_jobs(opts.jobs)):
        writer.out.write_bytes(done.output)
        summary.merge(done.summary)
        for r in done.rejected:
            rejected.append(r)
        if done.error is not None:
            raise InputError(done.error)


def _process_shards(opts: RunOptions, worker: Worker, say: Callable[[str], None]) -> Summary:
    """``engine="dask"``: one task per input shard, one output shard each (see dask_engine)."""
    from . import dask_engine

    shards = dask_engine.plan_shards(dask_engine.expand_inputs(opts.inputs), opts.output, opts.in_place)
    if opts.output and not opts.in_place:
        os.makedirs(opts.output, exist_ok=True)
    stats = dask_engine.run_shards(worker, shards, opts.read, opts.output_format, opts.drop_empty,
                                   opts.in_place, opts.scheduler,
                                   resolve_jobs(opts.jobs) if opts.jobs != 1 else 2)
    summary = Summary()
    for s in stats:
        summary.merge(s.summary)
    with Rejects(opts, say) as rejected:
        for s in stats:
            for r in s.rejected:
                rejected.append(r)
    summary.rejected = rejected.count
    return summary

