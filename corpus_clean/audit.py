"""Audit views of ``strip``: what was removed and why, as a list, a diff or statistics.

People check a cleaner on a sample before they trust it with millions of documents.  These
views hook into the run loop (``run_documents(..., on_result=...)``) and never change what
is removed:

- ``Explainer`` (``--explain``): per document, every removal with its position in the raw
  text, its step and its reason, on standard error; rich colours on a terminal.
- ``diff_text``/``Differ`` (``--diff``): a unified diff of each document's input and output.
- ``StatsWriter`` (``--stats FILE``, ``--stats -`` for standard output): one JSON line per document: characters in and out,
  removals per reason, the annotation verdict, the detected script.
"""
from __future__ import annotations

import bisect
import difflib
import json
import sys
from typing import IO

from .check import quote, script_verdict
from .io import Document
from .report import Result

_STEP_COLOUR = {"annotations": "magenta", "chrome": "yellow", "layout": "cyan"}


def explain_lines(doc: Document, result: Result) -> list[tuple[str, str, str, str]]:
    """``(position, step, reason, quoted text)`` for each removal of one document.

    Positions count from 1 and read ``line:col``: in the file for text input, and for a JSONL
    record ``N@line:col``, the record's line N in the file, then the place in its text field."""
    starts = [0]
    pos = doc.text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = doc.text.find("\n", pos + 1)
    rows = []
    for r in result.removals:  # the pipeline's removals are located in the raw text
        line = bisect.bisect_right(starts, r.start) - 1
        col = r.start - starts[line] + 1
        where = f"{doc.line}@{line + 1}:{col}" if doc.record is not None else f"{doc.line + line}:{col}"
        rows.append((where, r.step, r.reason, quote(r.text)))
    return rows


def explain_header(doc: Document, result: Result) -> str:
    counts = result.counts()
    parts = [f"{doc.id}: {len(result.removals)} removal{'s' if len(result.removals) != 1 else ''}"]
    if counts:
        parts[0] += " (" + ", ".join(f"{reason} {n}" for reason, n in
                                     sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
    verdict = result.info.get("annotations", {}).get("verdict")
    if verdict not in (None, "none", "off"):  # "none": the document has no brackets at all
        parts.append(f"annotations: {verdict}")
    return "; ".join(parts)


class Explainer:
    """``--explain``: each document's removals on standard error, coloured on a terminal."""

    def __init__(self, stream: IO[str] | None = None, colour: bool | None = None):
        self.stream = stream or sys.stderr
        use_colour = self.stream.isatty() if colour is None else colour
        self.console = None
        if use_colour:
            from rich.console import Console

            self.console = Console(file=self.stream, highlight=False, force_terminal=True)

    def __call__(self, doc: Document, result: Result) -> None:
        header = explain_header(doc, result)
        rows = explain_lines(doc, result)
        if self.console is None:
            self.stream.write(header + "\n")
            for where, step, reason, text in rows:
                self.stream.write(f"  {where}\t{step}\t{reason}\t{text}\n")
            self.stream.flush()
            return
        from rich.markup import escape

        self.console.print(f"[bold]{escape(header)}[/]")
        for where, step, reason, text in rows:
            colour = _STEP_COLOUR.get(step, "yellow" if reason.startswith("chrome:") else "red")
            self.console.print(f"  [dim]{escape(where)}[/]  [{colour}]{escape(reason)}[/]  "
                               f"[dim]{escape(step)}[/]  {escape(text)}")


def diff_text(doc: Document, cleaned: str) -> str:
    """A unified diff of a document's input and its cleaned text, line by line ("" when no
    line changed: a final newline or CRLF line ends alone are not a difference)."""
    name = doc.id.lstrip("/")
    lines = list(difflib.unified_diff(doc.text.splitlines(), cleaned.splitlines(),
                                      fromfile=f"a/{name}", tofile=f"b/{name}", lineterm=""))
    return "\n".join(lines) + "\n" if lines else ""


class Differ:
    """``--diff``: hands the writer the diff instead of the cleaned text.

    ``run_documents`` calls ``on_result`` before it writes ``result.text``, and the summary
    has already counted the cleaned text, so replacing the text here changes only what is
    written.  It must come last among the ``on_result`` hooks.  ``changed`` tells whether any
    document had a difference (``strip --diff`` then exits 1, as ``ruff format --diff``).
    """

    def __init__(self) -> None:
        self.changed = False

    def __call__(self, doc: Document, result: Result) -> None:
        result.text = diff_text(doc, result.text)
        if result.text:
            self.changed = True


def document_stats(doc: Document, result: Result) -> dict:
    """The ``--stats`` record of one document."""
    return {
        "id": doc.id,
        "source": doc.source,
        "line": doc.line,
        "chars_in": len(doc.text),
        "chars_out": len(result.text),
        "removals": dict(sorted(result.counts().items())),
        "annotations": result.info.get("annotations", {}).get("verdict"),
        "script": script_verdict(result.text) if result.text.strip() else None,
    }


class StatsWriter:
    """``--stats FILE``: one JSON line per document, written to an open (atomic) file."""

    def __init__(self, out: IO[str]):
        self.out = out

    def __call__(self, doc: Document, result: Result) -> None:
        self.out.write(json.dumps(document_stats(doc, result), ensure_ascii=False) + "\n")

