"""Output streams: standard output, atomic files, and write errors that name the output.

A failed run must leave no partial file and never damage the file it replaces; a full
disk must be one line naming the file, and a closed pipe (``| head``) a quiet end
(``ReaderGone``).  Every output option opens its stream through ``open_output``.
"""
from __future__ import annotations

import io
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from ..errors import OutputError, ReaderGone
from .compression import _wrap_compressed_write
from .paths import STDIO, _kind

log = logging.getLogger("corpus_clean")

# Texts at least this long skip the text layer (``_Sink.write``).
_DIRECT_WRITE_CHARS = 1 << 16


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
        # A long text (a whole document of a plain-text run) is encoded here and handed to the
        # binary layer: the text layer copies a long string's encoding on its way through, which
        # costs three times the encoding itself.  Every sink writes UTF-8 with no newline
        # translation (``newline="\n"``), so the bytes are the same.
        if len(text) >= _DIRECT_WRITE_CHARS:
            self.write_bytes(text.encode("utf-8", self._stream.errors or "strict"))
            return len(text)
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
