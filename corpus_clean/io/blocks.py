"""Line-oriented input in blocks of undecoded bytes, for parallel runs.

The reading process only cuts the input at line breaks; decoding, parsing and the errors
they find happen in the workers (``block_lines``), yielding exactly what a one-process read
(``decoding._iter_lines``) would, with the same line numbers, offsets and messages.
"""
from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from ..errors import InputError
from .compression import _READ_ERRORS, open_binary_read
from .decoding import (
    MAX_DOC_BYTES,
    TOO_LONG_HEAD,
    BadLine,
    _decoded,
    _head_text,
    _is_wide,
    _iter_wide_lines,
    _line_codec,
    _lines_of,
    _too_long,
    _TooLong,
)
from .documents import ReadOptions
from .paths import compression_of, display_name

# Bytes of input lines per task of a parallel JSONL run: enough to make the per-task cost
# negligible, small enough to share the work evenly between workers at the end of a file.
BLOCK_BYTES = 512 << 10


@dataclass(frozen=True)
class LineBlock:
    """Consecutive lines of one line-oriented input, still undecoded: a parallel worker's task.

    ``data`` holds whole lines (split on ``b"\\n"``, as ``_iter_lines`` splits them) starting at
    line ``first_line`` and byte ``offset`` of the input; ``error`` is what ended the input
    right after them (a damaged stream, bad UTF-16...), raised by ``block_lines`` only once
    the lines before it are done, as one process would.
    """

    source: str
    first_line: int
    offset: int
    encoding: str
    data: bytes
    error: str | None = None
    too_long: int = 0  # not 0: the block is one line over the limit, ``data`` its first bytes
    limit: int = MAX_DOC_BYTES


def line_blocks(path: str, opts: ReadOptions, size: int = BLOCK_BYTES,
                first: int | None = None) -> Iterator[LineBlock]:
    """The lines of one input in blocks of about ``size`` bytes (``first``: the first block's).

    The reading process neither decodes nor parses: that work, and the errors it finds, go
    to the workers with the blocks (``block_lines``).  A block ends at the first line break
    at or after its size, so ``first=0`` is one line.  UTF-16/32 lines are decoded here (a
    newline is not one byte there) and sent on as UTF-8.
    """
    source = display_name(path)
    encoding, error, wide, opened = "utf-8", None, False, None
    number, offset, limit, pending = 1, 0, size if first is None else first, bytearray()
    most = opts.max_doc_bytes

    def block(data: bytes, error: str | None = None) -> LineBlock:
        nonlocal number, offset
        if number == 1 and not wide and data.startswith(b"\xef\xbb\xbf"):
            data, offset = data[3:], 3  # as _iter_lines strips it: counted in offsets
        made = LineBlock(source, number, offset, encoding, data, error, limit=most)
        number, offset = number + data.count(b"\n"), offset + len(data)
        return made

    def too_long(head: bytes, total: int) -> LineBlock:
        nonlocal number, offset
        made = LineBlock(source, number, offset, encoding, head, too_long=total, limit=most)
        number, offset = number + 1, offset + total
        return made

    try:
        opened = open_binary_read(path)
        fh, encoding = _line_codec(source, opened, opts.encoding)
        wide = _is_wide(encoding)
        if wide:
            chunks = ((text + "\n").encode("utf-8") for _, text in _iter_wide_lines(source, fh, encoding, most))
            encoding = "utf-8"
        elif compression_of(path):
            chunks = _lines_of(source, fh, most)  # a damaged stream fails where one process sees it fail
        else:
            chunks = _chunks_of(source, fh)
        for chunk in chunks:
            if isinstance(chunk, _TooLong):
                if pending:
                    yield block(bytes(pending))
                    pending.clear()
                yield too_long(chunk.head, chunk.size)
                limit = size
                continue
            pending += chunk
            while cut := pending.find(b"\n", max(limit - 1, 0)) + 1:
                yield block(bytes(pending[:cut]))
                del pending[:cut]
                limit = size
            tail = len(pending) - pending.rfind(b"\n") - 1
            if tail > most:  # a line over the limit: read through to its end, keeping its head
                whole = len(pending) - tail
                if whole:
                    yield block(bytes(pending[:whole]))
                head, total = bytes(pending[whole:whole + TOO_LONG_HEAD]), tail
                pending.clear()
                for more in chunks:
                    end = more.find(b"\n") + 1
                    total += end or len(more)
                    if end:
                        pending += more[end:]
                        break
                yield too_long(head, total)
                limit = size
    except InputError as err:
        error = str(err)
        del pending[pending.rfind(b"\n") + 1:]  # a line cut by the error is lost, as in one process
    finally:
        if opened is not None and opened is not sys.stdin.buffer:
            opened.close()
    if pending or error is not None:
        yield block(bytes(pending), error)


def _chunks_of(source: str, fh: IO[bytes]) -> Iterator[bytes]:
    """The bytes of ``fh`` in large pieces (faster than by line when lines are long)."""
    while True:
        try:
            chunk = fh.read1(BLOCK_BYTES)
        except _READ_ERRORS as err:
            raise InputError(f"{source}: cannot read ({err})") from None
        if not chunk:
            return
        yield chunk


def block_lines(block: LineBlock, keep_bad: bool = False) -> Iterator[tuple[int, str | BadLine]]:
    """What ``_iter_lines`` yields for the lines of ``block``, errors and their offsets included."""
    if block.too_long:
        message = _too_long(block.source, block.first_line, block.limit)
        if not keep_bad:
            raise InputError(message)
        yield block.first_line, BadLine(_head_text(block.data, block.encoding), message)
        return
    offset = block.offset
    for number, raw in enumerate(io.BytesIO(block.data), block.first_line):
        if len(raw) - raw.endswith(b"\n") > block.limit:  # over the limit, but inside a block
            message = _too_long(block.source, number, block.limit)
            if not keep_bad:
                raise InputError(message)
            yield number, BadLine(_head_text(raw[:TOO_LONG_HEAD], block.encoding), message)
        else:
            yield number, _decoded(block.source, number, offset, raw, block.encoding, keep_bad)
        offset += len(raw)
    if block.error is not None:
        raise InputError(block.error)
