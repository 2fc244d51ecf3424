"""Documents, and JSON records as documents: parsing one JSONL line strictly (a field by
dotted path, the record's id, errors naming file and line) and finding where its text value
stands, so that a record can be written back as it was read with only that value changed.
Also the small JSON files a user names (a baseline, an OpenCC configuration).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError


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
