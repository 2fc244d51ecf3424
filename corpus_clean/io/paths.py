"""What the names of inputs and outputs say, before anything is opened.

``-`` is standard input or output; a suffix names the format (``*.jsonl``) and the
compression (``*.gz``); two names may be one file, and a name may be a pipe or a device.
The checks that refuse a run before it reads anything (an output that is an input,
``--in-place`` on a pipe) are here, apart from the reading and writing they protect.
"""
from __future__ import annotations

import os
import stat

from ..errors import InputError

STDIO = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}


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
