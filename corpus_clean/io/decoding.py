"""Bytes to text: codec choice (``--encoding``, ``auto`` detection), strict decoding and
reading by line under the size limit.

Every decoding error names the file, the line and the byte offset, binary data is told
from mis-encoded text, and no line or document over ``--max-doc-bytes`` is ever held in
memory whole, so that a bad input is one clear line instead of a traceback or a crash.
"""
from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import IO, NamedTuple

from ..errors import InputError
from .compression import _READ_ERRORS

log = logging.getLogger("corpus_clean")

# How much of a line-oriented input `--encoding auto` samples to pick the codec.
AUTO_SAMPLE_BYTES = 1 << 20
# Below this, charset-normalizer often takes GB18030 for cp932 and Big5 for UTF-16-BE (about
# one short sample in two under 22 characters, none from 24 up in our measurement).
AUTO_MIN_BYTES = 64
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Undecodable input with a NUL byte this close to the start is binary, not mis-encoded text.
BINARY_SNIFF_BYTES = 8192
# The largest document read (--max-doc-bytes): memory stays bounded whatever the input, even a
# compressed file that expands a thousandfold into one line.
MAX_DOC_BYTES = 64 << 20
# How much of a document over the limit a rejects file keeps, to find it by.
TOO_LONG_HEAD = 200


def _utf8_error(source: str, data: bytes, err: UnicodeDecodeError, base_line: int = 1,
                base_offset: int = 0) -> InputError:
    line = base_line + data.count(b"\n", 0, err.start)
    hint = "try --encoding auto"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        hint = "it starts with a UTF-16 byte-order mark; try --encoding auto"
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        # An image, an archive, an executable: no encoding would make it text.
        return InputError(f"{source}:{line}: binary data (NUL character); not a text file")
    return InputError(f"{source}:{line}: not valid UTF-8 (byte offset {base_offset + err.start}); {hint}")


def _detect_encoding(source: str, sample: bytes) -> str:
    """Pick a codec for ``sample`` with charset-normalizer; UTF-8 when it is valid UTF-8."""
    try:
        sample.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 3 and len(sample) >= AUTO_SAMPLE_BYTES:
            return "utf-8-sig"  # a character cut at the end of the sample
    if len(sample) < AUTO_MIN_BYTES and not sample.startswith(_BOMS):
        raise InputError(f"{source}: {len(sample)} bytes are too few to detect the encoding reliably "
                         f"(at least {AUTO_MIN_BYTES}); name it with --encoding (gb18030, big5...)")
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputError(f"{source}: could not detect the text encoding; name it with --encoding")
    name = best.encoding
    # GB2312 and GBK are subsets of GB18030: decode with the superset so rare characters pass.
    if name in ("gb2312", "gbk", "hz"):
        name = "gb18030"
    log.info("%s: detected encoding %s", source, name)
    return name


def _check_codec(encoding: str) -> str:
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding: {encoding}") from None
    try:
        b"a".decode(name)  # base64, hex, rot13...: codecs, but not from bytes to text
    except LookupError:
        raise InputError(f"not a text encoding: {encoding}") from None
    except UnicodeError:
        pass  # a text encoding in which "a" alone is not valid (utf-16)
    return name


def decode_whole(source: str, data: bytes, encoding: str) -> str:
    """Decode a whole input; errors name the line and byte offset."""
    if encoding == "auto":
        encoding = _detect_encoding(source, data)
    elif encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    else:
        encoding = _check_codec(encoding)
    if encoding == "utf-8-sig":
        # Strip the BOM here rather than in the codec, so an error's offset counts it.
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        body = data[bom:] if bom else data
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as err:
            raise _utf8_error(source, body, err, base_offset=bom) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = 1 + data.count(b"\n", 0, err.start)
        raise InputError(f"{source}:{line}: not valid {encoding} (byte offset {err.start})") from None
    except UnicodeError as err:  # a codec's own complaint, without a position (idna, utf-16...)
        raise InputError(f"{source}: not valid {encoding} ({err})") from None


def _check_binary(source: str, text: str, first_line: int = 1) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        line = first_line + text.count("\n", 0, nul)
        raise InputError(f"{source}:{line}: binary data (NUL character); not a text file")


def _line_codec(source: str, fh: IO[bytes], encoding: str) -> tuple[IO[bytes], str]:
    """The codec to read ``fh`` line by line with (``auto`` samples, then replays, the head)."""
    if encoding == "auto":
        head = fh.read(AUTO_SAMPLE_BYTES)
        return io.BufferedReader(_Prepend(head, fh)), _detect_encoding(source, head)  # type: ignore[arg-type]
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        return fh, "utf-8"
    return fh, _check_codec(encoding)


def _decode_line(source: str, number: int, offset: int, raw: bytes, encoding: str) -> str:
    """One byte line as text without its line break; ``offset`` is where it starts in the input."""
    try:
        return raw.decode(encoding).rstrip("\r\n")
    except UnicodeDecodeError as err:
        if encoding in ("utf-8", "utf-8-sig"):
            raise _utf8_error(source, raw, err, number, offset) from None
        raise InputError(f"{source}:{number}: not valid {encoding} "
                         f"(byte offset {offset + err.start})") from None


class BadLine(NamedTuple):
    """A line that does not decode, kept (with ``keep_bad``) so that a JSONL run that skips
    bad records skips it too: its bytes shown as ``\\xNN``, and the error."""

    text: str
    message: str


def _decoded(source: str, number: int, offset: int, raw: bytes, encoding: str,
             keep_bad: bool) -> str | BadLine:
    try:
        return _decode_line(source, number, offset, raw, encoding)
    except InputError as err:
        if not keep_bad:
            raise
        return BadLine(raw.decode(encoding, "backslashreplace").rstrip("\r\n"), str(err))


def _head_text(head: bytes, encoding: str) -> str:
    """The first bytes of a line over the limit as text, without a character cut at the end."""
    import codecs

    return codecs.getincrementaldecoder(encoding)("backslashreplace").decode(head, final=False)


def _too_long(source: str, number: int | None, limit: int) -> str:
    where = source if number is None else f"{source}:{number}"
    return f"{where}: a document of more than {limit} bytes (--max-doc-bytes)"


def _iter_lines(source: str, fh: IO[bytes], encoding: str, keep_bad: bool = False,
                limit: int = MAX_DOC_BYTES) -> Iterator[tuple[int, str | BadLine]]:
    """Yield ``(line_number, text)`` for each line, decoding lazily and strictly (with
    ``keep_bad``, a line that does not decode or is over ``limit`` comes as a ``BadLine``)."""
    fh, encoding = _line_codec(source, fh, encoding)
    if _is_wide(encoding):
        yield from _iter_wide_lines(source, fh, encoding, limit)
        return
    offset = 0
    for number, raw in enumerate(_lines_of(source, fh, limit), 1):
        if isinstance(raw, _TooLong):
            if not keep_bad:
                raise InputError(_too_long(source, number, limit))
            yield number, BadLine(_head_text(raw.head, encoding), _too_long(source, number, limit))
            offset += raw.size
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            offset += 3
        yield number, _decoded(source, number, offset, raw, encoding, keep_bad)
        offset += len(raw)


def _is_wide(encoding: str) -> bool:
    """UTF-16/32: a newline is more than one byte, so lines cannot be split on ``b"\\n"``."""
    return encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32"))


def _iter_wide_lines(source: str, fh: IO[bytes], encoding: str,
                     limit: int = MAX_DOC_BYTES) -> Iterator[tuple[int, str]]:
    """Lines of a UTF-16/32 input, decoded incrementally (errors name the line, not a byte);
    ``limit`` counts characters here, at least as many bytes."""
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")  # type: ignore[arg-type]
    number = 0
    try:
        while True:
            try:
                line = text.readline(limit + 1)
            except UnicodeDecodeError:
                raise InputError(f"{source}:{number + 1}: not valid {encoding}") from None
            except UnicodeError:  # "UTF-16 stream does not start with BOM"
                raise InputError(f"{source}:{number + 1}: not valid {encoding} (no byte-order mark; "
                                 f"name {encoding}-le or {encoding}-be)") from None
            except _READ_ERRORS as err:
                raise InputError(f"{source}: cannot read ({err})") from None
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                raise InputError(_too_long(source, number, limit))
            yield number, line.rstrip("\r\n")
    finally:
        text.detach()  # the caller closes the byte stream (never standard input)


class _TooLong(NamedTuple):
    """A line over the limit, read through without being kept: its first bytes and its size."""

    head: bytes
    size: int


def _lines_of(source: str, fh: IO[bytes], limit: int = MAX_DOC_BYTES) -> Iterator[bytes | _TooLong]:
    """The byte lines of ``fh``, each at most ``limit`` bytes (a longer one comes as a
    ``_TooLong``); a damaged compressed stream becomes an ``InputError``."""
    while True:
        try:
            raw = fh.readline(limit + 1)
            if len(raw) > limit and not raw.endswith(b"\n"):
                head, size = raw[:TOO_LONG_HEAD], len(raw)
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(limit + 1)
                    size += len(raw)
                yield _TooLong(head, size)
                continue
        except _READ_ERRORS as err:
            raise InputError(f"{source}: cannot read ({err})") from None
        if not raw:
            return
        yield raw


class _Prepend(io.RawIOBase):
    """A raw stream that replays ``head`` before the rest of ``tail``."""

    def __init__(self, head: bytes, tail: IO[bytes]):
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(buf))
        buf[:len(data)] = data
        return len(data)


def _read_all(source: str, fh: IO[bytes], limit: int = MAX_DOC_BYTES) -> bytes:
    try:
        data = fh.read(limit + 1)
    except _READ_ERRORS as err:
        raise InputError(f"{source}: cannot read ({err})") from None
    if len(data) > limit:
        raise InputError(_too_long(source, None, limit))
    return data
