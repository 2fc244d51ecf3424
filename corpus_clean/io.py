"""Reading and writing documents: text and JSONL, compression, encodings, atomic output.

Cleaning logic never sees a file: it gets ``Document.text`` and returns a string.  This
module turns files (or standard input) into a stream of ``Document`` objects and writes
results back, so memory does not grow with the number of documents, a failed run leaves
no partial output file, and every input error names the file and line.
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import logging
import lzma
import os
import re
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, NamedTuple

from .errors import InputError, OutputError, ReaderGone

log = logging.getLogger("corpus_clean")

STDIO = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
# What a damaged or truncated compressed stream raises while it is read.
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)
# How much of a line-oriented input `--encoding auto` samples to pick the codec.
AUTO_SAMPLE_BYTES = 1 << 20
# Below this, charset-normalizer often takes GB18030 for cp932 and Big5 for UTF-16-BE (about
# one short sample in two under 22 characters, none from 24 up in our measurement).
AUTO_MIN_BYTES = 64
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Undecodable input with a NUL byte this close to the start is binary, not mis-encoded text.
BINARY_SNIFF_BYTES = 8192
# Bytes of input lines per task of a parallel JSONL run: enough to make the per-task cost
# negligible, small enough to share the work evenly between workers at the end of a file.
BLOCK_BYTES = 512 << 10
# The largest document read (--max-doc-bytes): memory stays bounded whatever the input, even a
# compressed file that expands a thousandfold into one line.
MAX_DOC_BYTES = 64 << 20
# How much of a document over the limit a rejects file keeps, to find it by.
TOO_LONG_HEAD = 200


def load_json_file(path: str, name: str, kind: str, error: type[InputError] = InputError,
                   hint: str = "") -> Any:
    """A small JSON file the user names (a baseline, an OpenCC configuration), read whole: each
    way it can fail is one line naming it, as ``{path}: no such {name}{hint}`` or ``{path}: not
    {kind} (invalid JSON: …)``; the caller checks the shape of what it holds."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise error(f"{path}: no such {name}{hint}") from None
    except IsADirectoryError:
        raise error(f"{path}: a folder, not {'an' if name[0] in 'AEIOUaeiou' else 'a'} {name}") from None
    except OSError as err:
        raise error(f"{path}: cannot read ({err.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise error(f"{path}: not {kind} (invalid JSON: {err})") from None


class _Sink:
    """A text stream whose write errors name the output.

    A full disk or a failing device then ends the run with ``out.txt: cannot write (No space
    left on device)`` instead of a traceback; a broken pipe becomes ``ReaderGone``.
    """

    def __init__(self, stream: IO[str], name: str):
        self._stream = stream
        self.name = name

    def _failed(self, err: OSError) -> BaseException:
        if isinstance(err, BrokenPipeError):
            return ReaderGone()
        return OutputError(f"{self.name}: cannot write ({err.strerror or err})")

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise self._failed(err) from None

    def write_bytes(self, data: bytes) -> None:
        """UTF-8 bytes rendered elsewhere (by parallel workers): no decoding and encoding again.

        The text layer is flushed first so that what was written as text stays in order.
        """
        try:
            self._stream.flush()
            self._stream.buffer.write(data)
        except OSError as err:
            raise self._failed(err) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise self._failed(err) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@dataclass
class Document:
    """One document and where it came from (``line`` is 1-based, in the input file)."""

    text: str
    id: str
    source: str
    line: int = 1
    record: dict[str, Any] | None = None
    raw: str | None = None  # a JSONL record's line as read: written back as it was


@dataclass
class Rejected:
    """An input record that could not be read, kept so that nothing is lost silently."""

    source: str
    line: int
    raw: str
    message: str


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


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIO else path


def compression_of(path: str) -> str | None:
    """The compression a file name implies, from its last suffix."""
    return COMPRESSION_SUFFIXES.get(os.path.splitext(path)[1].lower())


def detect_format(path: str, fmt: str = "auto") -> str:
    """``jsonl`` for ``*.jsonl`` (also compressed, e.g. ``x.jsonl.gz``), else ``text``."""
    if fmt != "auto":
        return fmt
    name = path.lower()
    if compression_of(name):
        name = os.path.splitext(name)[0]
    return "jsonl" if name.endswith(JSONL_SUFFIXES) else "text"


def _zstd():
    try:
        import zstandard
    except ImportError as exc:  # optional extra
        raise InputError("reading or writing .zst needs the zstandard package: "
                         "pip install 'corpus-clean[zstd]'") from exc
    return zstandard


class _ZstdReader(io.RawIOBase):
    """A ``.zst`` file as a readable stream, as ``gzip.open`` reads a ``.gz``.

    zstandard's ``stream_reader`` reads a truncated file as if complete (an empty or short
    document, exit 0) and has no ``readline``; here an unfinished frame at the end of the file
    is an ``EOFError`` as in gzip, damaged bytes an ``OSError``, concatenated frames are read
    one after the other, and input is fed in small pieces so that memory stays bounded even
    for a file that expands a thousandfold.
    """

    FEED_BYTES = 2048  # zstd expands at most ~32,000x: at most about 64 MiB per piece

    def __init__(self, fh: IO[bytes]):
        self._fh = fh
        self._zstd = _zstd()
        self._frame = None  # the decompressor of the current frame
        self._out = memoryview(b"")
        self._pending = b""  # compressed bytes after the end of a frame

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        while not self._out:
            chunk = self._pending or self._fh.read(self.FEED_BYTES)
            self._pending = b""
            if not chunk:
                if self._frame is not None and not self._frame.eof:
                    raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                return 0
            if self._frame is None or self._frame.eof:
                self._frame = self._zstd.ZstdDecompressor().decompressobj()
            try:
                self._out = memoryview(self._frame.decompress(chunk))
            except self._zstd.ZstdError as err:
                raise OSError(str(err)) from None
            if self._frame.eof:
                self._pending = self._frame.unused_data
        n = min(len(buf), len(self._out))
        buf[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def open_binary_read(path: str) -> IO[bytes]:
    """Open ``path`` (or standard input for ``-``) for reading, decompressing by suffix."""
    if path == STDIO:
        return sys.stdin.buffer
    try:
        kind = compression_of(path)
        if kind == "gzip":
            return gzip.open(path, "rb")
        if kind == "bzip2":
            return bz2.open(path, "rb")
        if kind == "xz":
            return lzma.open(path, "rb")
        if kind == "zstd":
            return io.BufferedReader(_ZstdReader(open(path, "rb")))
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _wrap_compressed_write(raw: IO[bytes], path: str) -> IO[bytes]:
    kind = compression_of(path)
    if kind == "gzip":
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
    if kind == "bzip2":
        return bz2.BZ2File(raw, "wb")
    if kind == "xz":
        return lzma.LZMAFile(raw, "wb")
    if kind == "zstd":
        return _zstd().ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


def _identity(path: str) -> tuple | None:
    """What makes two names one regular file: device and inode, symbolic links followed; a file
    not created yet is its resolved path.  Devices and pipes have none (``/dev/null`` may take
    several outputs)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ("new", os.path.realpath(path))
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def refuse_overlaps(inputs, outputs) -> None:
    """Refuse, before anything is read, an output that is one of the inputs or another output.

    ``outputs`` are ``(option, path)`` pairs such as ``("--stats", "s.jsonl")``.  Atomic writes
    keep a failed run from damaging a file, but a successful one would replace an input with
    statistics, or one output with another.
    """
    seen: dict[tuple, str] = {}
    for path in inputs:
        ident = None if path == STDIO else _identity(path)
        if ident is not None and ident[0] != "new":
            seen.setdefault(ident, "an input")
    for option, path in outputs:
        if path in (None, STDIO):
            continue
        ident = _identity(path)
        if ident is None:
            continue
        if ident in seen:
            raise InputError(f"{path}: {option} names {seen[ident]}; it would be overwritten")
        seen[ident] = f"the file of {option}"


_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
          (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "special file")


def require_regular_files(paths, option: str) -> None:
    """Refuse, before anything is read, to rewrite what is not a regular file (``--in-place``):
    renaming a new file over a pipe or a device would replace it (as root, ``/dev/null``)."""
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue  # reading it names the problem
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: {option} rewrites regular files only (this is a {_kind(mode)})")


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the umask (``mkstemp`` gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_metadata(tmp: str, path: str, old: os.stat_result | None) -> None:
    """Give the finished temporary file what the file it replaces had: mode, owner; or, for a
    new file, the umask's mode.  What cannot be kept is said, once, on standard error."""
    if old is None:
        os.chmod(tmp, _new_file_mode())
        return
    os.chmod(tmp, old.st_mode & 0o7777)
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except PermissionError:
            log.warning("%s: the rewritten file belongs to you, not to its former owner (uid %d)",
                        path, old.st_uid)
    if old.st_nlink > 1:
        log.warning("%s: had %d hard links; the other names keep the old text", path, old.st_nlink)


@contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file in the same folder, renamed on success.

    On any failure (an exception, Ctrl-C, a full disk) the temporary file is removed and a
    file that was already at ``path`` is left as it was.  Output is compressed according
    to the suffix of ``path``.  A file replaced keeps its mode and owner (``--in-place``, an
    existing ``-o``); a new one gets the umask's mode.  A symbolic link is followed, so the
    file it points to is replaced and the link stays.  Only a regular file is ever replaced.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise OutputError(f"{path}: is a {_kind(old.st_mode)}, not a regular file; it cannot be replaced")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise OutputError(f"{path}: output folder does not exist") from None
    except PermissionError:
        raise OutputError(f"{path}: output folder is not writable") from None
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
    raw = os.fdopen(fd, "wb")
    try:
        binary = _wrap_compressed_write(raw, path)
        sink = _Sink(io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False), path)
        yield sink  # type: ignore[misc]
        sink.flush()
        try:
            if binary is not raw:
                binary.close()
            raw.flush()
            os.fsync(raw.fileno())
            raw.close()
            _keep_metadata(tmp, path, old)
            os.replace(tmp, target)
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
    except BaseException:
        try:
            raw.close()
        except OSError:
            pass
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """Standard output for ``None``/``-``, a pipe or device written through, else an atomic
    file (see ``atomic_output``).  Every output option (``-o``, ``--stats``, ``--rejects``...)
    opens its file here."""
    if path in (None, STDIO):
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            raise OutputError("<stdout>: standard output is closed; give a file with -o")
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        sink = _Sink(sys.stdout, "<stdout>")
        yield sink  # type: ignore[misc]
        sink.flush()
    elif os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
        # A device or a pipe (/dev/null, a FIFO): write straight to it; renaming a temporary
        # file over it would replace the device with a regular file.
        try:
            fh = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 (closed below, quietly)
        except OSError as err:
            raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
        sink = _Sink(fh, path)
        try:
            yield sink  # type: ignore[misc]
            sink.flush()
        finally:
            try:
                fh.close()
            except OSError:
                pass  # the error was reported by the flush above
    else:
        with atomic_output(path) as fh:
            yield fh


# --- decoding ---------------------------------------------------------------------------

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


# --- documents --------------------------------------------------------------------------

def get_field(record: dict[str, Any], path: str) -> Any:
    """``record["a"]["b"]`` for ``path == "a.b"``; ``KeyError`` when any part is missing."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


_SURROGATE_ESCAPE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _check_surrogates(source: str, number: int, line: str) -> None:
    """JSON may escape half of a UTF-16 pair (``"\\ud800"``), which no UTF-8 output can hold:
    name it as bad input now, rather than failing when the record is written.  A proper pair
    (``\\ud83d\\ude00``) is one character and passes."""
    escapes = [m for m in _SURROGATE_ESCAPE.finditer(line) if len(m.group(1)) % 2]  # not "\\\\u..."
    for i, m in enumerate(escapes):
        high = m.group(2)[1].lower() in "89ab"
        nxt = escapes[i + 1] if i + 1 < len(escapes) else None
        paired_with_next = high and nxt is not None and nxt.start() == m.end() and nxt.group(2)[1].lower() in "cdef"
        prev = escapes[i - 1] if i else None
        paired_with_prev = (not high and prev is not None and prev.end() == m.start()
                            and prev.group(2)[1].lower() in "89ab")
        if not (paired_with_next or paired_with_prev):
            raise InputError(f"{source}:{number}: lone surrogate \\u{m.group(2)} in a JSON string "
                             "(not valid Unicode)")


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


_LONG_INTEGER = re.compile(r"\d{4301,}")


def load_json(line: str) -> Any:
    """``json.loads`` for one input line, failing only with ``json.JSONDecodeError``.

    Python's parser also accepts ``NaN`` and ``Infinity`` (not JSON: refused here), and fails
    with other errors on what it cannot hold: nesting deeper than its recursion limit, and
    integers of more than 4,300 digits (``sys.int_info.str_digits_check_threshold``).
    """
    try:
        return json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", line, 0) from None
    except ValueError as err:
        if "is not JSON" in str(err):
            constant = str(err).split()[0]
            raise json.JSONDecodeError(str(err), line, _constant_at(line, constant)) from None
        long = _LONG_INTEGER.search(line)
        raise json.JSONDecodeError("an integer of more than 4300 digits", line, long.start() if long else 0) from None


def _constant_at(line: str, constant: str) -> int:
    """Where ``NaN``/``Infinity`` stands as a value (not inside a string), for the column."""
    for m in re.finditer(re.escape(constant), line):
        before = line[:m.start()].rstrip()
        if before.endswith((":", ",", "[")):
            return m.start()
    return 0


def record_id(record: dict[str, Any], id_field: str = "id") -> str | None:
    """The id of a JSONL record (its ``id_field``, dotted paths too), or None without one."""
    try:
        rid = get_field(record, id_field)
    except KeyError:
        return None
    if rid is None:
        return None
    return rid if isinstance(rid, str) else json.dumps(rid, ensure_ascii=False)


def parse_record(source: str, number: int, line: str, field: str, id_field: str = "id") -> Document:
    """One JSONL line as a ``Document``; ``InputError`` names the file and line when it is bad
    (and the record's id, from ``id_field``, when it has one)."""
    try:
        record = load_json(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{source}:{number}: malformed JSON ({err.msg}, column {err.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{source}:{number}: JSONL record is not an object")
    if "\\u" in line:
        _check_surrogates(source, number, line)
    rid = record_id(record, id_field)
    named = f" (record {rid})" if rid is not None else ""
    try:
        text = get_field(record, field)
    except KeyError:
        raise InputError(f"{source}:{number}: missing field '{field}'{named}") from None
    if not isinstance(text, str):
        raise InputError(f"{source}:{number}: field '{field}' is not a string (got {type(text).__name__})"
                         f"{named}")
    return Document(text, rid if rid is not None else f"{source}:{number}", source, number, record, line)


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def value_span(line: str, path: str) -> tuple[int, int]:
    """Where the value of the (dotted) field ``path`` stands in the JSON object ``line``.

    As in ``json.loads``, the last of repeated keys counts.  Only called on a line that
    ``load_json`` has read, so the text is valid JSON.
    """
    from json.decoder import scanstring

    start = 0
    for part in path.split("."):
        found = None
        i = _WS.match(line, start).end() + 1  # past "{"
        while True:
            i = _WS.match(line, i).end()
            if line[i] == "}":
                break
            if line[i] == ",":
                i = _WS.match(line, i + 1).end()
            key, i = scanstring(line, i + 1)
            i = _WS.match(line, _WS.match(line, i).end() + 1).end()  # past ":"
            _, end = _DECODER.raw_decode(line, i)
            if key == part:
                found = (i, end)
            i = end
        assert found is not None, path  # parse_record found the field
        start = found[0]
    return found


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


def _read_all(source: str, fh: IO[bytes], limit: int = MAX_DOC_BYTES) -> bytes:
    try:
        data = fh.read(limit + 1)
    except _READ_ERRORS as err:
        raise InputError(f"{source}: cannot read ({err})") from None
    if len(data) > limit:
        raise InputError(_too_long(source, None, limit))
    return data


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
