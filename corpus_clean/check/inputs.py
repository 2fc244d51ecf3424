"""Files and records as findings: which files a folder walk checks, and an unreadable file or a
bad JSONL record named where it is (byte offset, line, the first invalid UTF-8 sequence).
"""
from __future__ import annotations

import codecs
import fnmatch
import json
import lzma
import os
import re
import zlib
from collections.abc import Iterable

from ..errors import InputError
from ..findings import Finding
from ..io import (
    COMPRESSION_SUFFIXES,
    JSONL_SUFFIXES,
    STDIO,
    Rejected,
    display_name,
    get_field,
    load_json,
    open_binary_read,
)
from .scan import SNIPPET

# File names a folder walk picks up unless --glob says otherwise.
DEFAULT_GLOBS = tuple(f"*{ext}{comp}" for ext in (".txt",) + JSONL_SUFFIXES
                      for comp in ("",) + tuple(COMPRESSION_SUFFIXES))

def expand_paths(paths: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS) -> list[str]:
    """Files to check: named files as given, folders walked (sorted, hidden entries skipped)
    for regular files whose names match ``globs`` (a named pipe or a device in the tree would
    block or never end).  A path that does not exist is a usage error."""
    globs = tuple(globs)
    files: list[str] = []
    for path in paths:
        if path == STDIO or os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    full = os.path.normpath(os.path.join(root, name))
                    rel = os.path.relpath(full, path)
                    if not name.startswith(".") and os.path.isfile(full) and any(
                            fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in globs):
                        files.append(full)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def _first_utf8_error(path: str) -> tuple[int, int] | None:
    """(byte offset, line) of the first byte of ``path`` that is not valid UTF-8, or None.

    Run only after the reader failed, to say exactly where; streams in 1 MiB chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    offset = line = 0
    try:
        fh = open_binary_read(path)
    except InputError:
        return None
    try:
        while chunk := fh.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                bad = offset - (len(err.object) - len(chunk)) + err.start
                return bad, line + 1 + chunk.count(b"\n", 0, max(0, bad - offset))
            line += chunk.count(b"\n")
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset, line + 1
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return None
    finally:
        fh.close()
    return None


def file_finding(path: str, err: InputError, encoding: str = "utf-8") -> Finding:
    """Turn an error that ended the reading of a file into a finding (``invalid-utf8`` when
    the file was read as UTF-8 and is not; a file that another codec cannot decode is an
    ``unreadable-file``, the reader's message naming the codec and the line)."""
    source = display_name(path)
    utf8 = encoding.replace("_", "-").lower() in ("utf-8", "utf8")
    where = _first_utf8_error(path) if path != STDIO and utf8 else None
    if where is not None:
        offset, line = where
        return Finding("invalid-utf8", source, line, None, "",
                       f"not valid UTF-8 (byte offset {offset}); the rest of the file is not checked")
    message = str(err)
    line = None
    prefix = f"{source}:"
    if message.startswith(prefix):
        message = message[len(prefix):]
        head, sep, rest = message.partition(": ")
        if sep and head.isdigit():
            line, message = int(head), rest
        else:
            message = message.lstrip(" ")
    return Finding("unreadable-file", source, line, None, "", message)


_UNDECODABLE = re.compile(r": (not valid \S+ \(byte offset \d+\))")


def record_finding(item: Rejected, field_name: str) -> Finding:
    """Classify a JSONL record the reader rejected (it keeps the raw line for that)."""
    undecodable = _UNDECODABLE.search(item.message)
    if undecodable:  # a line that does not decode: the next lines are still checked
        rule = "invalid-utf8" if "UTF-8" in undecodable.group(1) else "unreadable-file"
        return Finding(rule, item.source, item.line, None, "", undecodable.group(1))
    try:
        record = load_json(item.raw)
    except json.JSONDecodeError as err:
        return Finding("malformed-jsonl", item.source, item.line, err.colno, item.raw[:SNIPPET],
                       f"malformed JSON: {err.msg}")
    if not isinstance(record, dict):
        return Finding("malformed-jsonl", item.source, item.line, 1, item.raw[:SNIPPET],
                       f"JSONL record is a {type(record).__name__}, not an object")
    rid = record.get("id")
    rid = str(rid) if rid is not None else None
    try:
        value = get_field(record, field_name)
    except KeyError:
        return Finding("missing-field", item.source, item.line, None, "",
                       f"record has no field '{field_name}'", record=rid)
    if not isinstance(value, str):
        return Finding("missing-field", item.source, item.line, None, "",
                       f"field '{field_name}' is a {type(value).__name__}, not a string", record=rid)
    nul = value.find("\x00")
    return Finding("control-char", item.source, item.line, None, "\x00",
                   "NUL character (binary data) in the text field; strip rejects this record",
                   record=rid, offset=nul if nul >= 0 else None)


