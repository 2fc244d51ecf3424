"""Compressed files, read and written by suffix: gzip, bzip2, xz and (optional) zstd.

Everything above this module sees plain bytes.  Here a damaged or truncated stream is made
to fail the same way whatever the compression (``_READ_ERRORS``), so the readers turn it
into one ``InputError`` naming the file.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
import zlib
from typing import IO

from ..errors import InputError
from .paths import STDIO, compression_of

# What a damaged or truncated compressed stream raises while it is read.
_READ_ERRORS = (OSError, EOFError, lzma.LZMAError, zlib.error)


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
