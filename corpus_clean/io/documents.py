"""One input as a stream of documents, and documents written back out.

The entry points of reading and writing: ``read_documents`` turns a file (text or JSONL,
compressed or not) or standard input into ``Document`` objects one at a time, so memory
does not grow with the number of documents; ``DocumentWriter`` writes the results in the
input's own format.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from ..errors import InputError
from .compression import open_binary_read
from .decoding import MAX_DOC_BYTES, BadLine, _check_binary, _iter_lines, _read_all, decode_whole
from .paths import detect_format, display_name
from .records import Document, Rejected, parse_record, value_span


@dataclass(frozen=True)
class ReadOptions:
    """How to turn input bytes into documents."""

    fmt: str = "auto"  # auto | text | jsonl
    field: str = "text"  # JSONL field holding the text; dotted paths reach nested objects
    line_docs: bool = False  # text input: one document per line instead of per file
    encoding: str = "utf-8"  # utf-8 | auto | any Python codec name
    on_error: str = "stop"  # stop | skip (JSONL records only)
    max_doc_bytes: int = MAX_DOC_BYTES  # a longer document (file or line) is bad input
    id_field: str = "id"  # JSONL field naming a record in messages and statistics (dotted paths too)
    skip: int = 0  # documents left out at the start of the input (before --limit counts)
    limit: int | None = None  # read no more documents than this (None: all)


def _jsonl_documents(source: str, fh: IO[bytes], opts: ReadOptions) -> Iterator[Document | Rejected]:
    for number, line in _iter_lines(source, fh, opts.encoding, opts.on_error == "skip", opts.max_doc_bytes):
        if isinstance(line, BadLine):
            yield Rejected(source, number, line.text, line.message)
            continue
        if not line.strip():
            continue
        try:
            yield parse_record(source, number, line, opts.field, opts.id_field)
        except InputError as err:
            if opts.on_error != "skip":
                raise
            yield Rejected(source, number, line, str(err))


def read_documents(path: str, opts: ReadOptions = ReadOptions()) -> Iterator[Document | Rejected]:
    """Stream the documents of one input (a path, or ``-`` for standard input).

    Raises ``InputError`` for unreadable input; with ``on_error="skip"``, bad JSONL records
    come out as ``Rejected`` items instead.
    """
    source = display_name(path)
    fmt = detect_format(path, opts.fmt)
    fh = open_binary_read(path)
    try:
        if fmt == "jsonl":
            yield from _jsonl_documents(source, fh, opts)
        elif opts.line_docs:
            for number, line in _iter_lines(source, fh, opts.encoding, limit=opts.max_doc_bytes):
                _check_binary(source, line, number)
                yield Document(line, f"{source}:{number}", source, number)
        else:
            text = decode_whole(source, _read_all(source, fh, opts.max_doc_bytes), opts.encoding)
            _check_binary(source, text)
            yield Document(text, source, source, 1)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


class DocumentWriter:
    """Write cleaned documents as text or JSONL to an open text stream."""

    def __init__(self, out: IO[str], fmt: str, field: str = "text", line_docs: bool = False):
        self.out = out
        self.fmt = fmt
        self.field = field
        self.line_docs = line_docs

    def write(self, doc: Document, text: str) -> None:
        self.out.write(self.render(doc, text))

    def render(self, doc: Document, text: str) -> str:
        """What ``write`` writes for one document (workers render in parallel runs)."""
        if self.fmt == "jsonl":
            if doc.raw is not None:
                # The record as read, byte for byte, its text value spliced in when it
                # changed: numbers (1.50, 1e999), escapes, spacing and repeated keys stay.
                if text == doc.text:
                    return doc.raw + "\n"
                start, end = value_span(doc.raw, self.field)
                return doc.raw[:start] + json.dumps(text, ensure_ascii=False) + doc.raw[end:] + "\n"
            record = {"id": doc.id, "source": doc.source, self.field: text}
            return json.dumps(record, ensure_ascii=False) + "\n"
        if self.line_docs:
            return text.replace("\n", " ") + "\n"
        if text:
            return text if text.endswith("\n") else text + "\n"
        return ""
