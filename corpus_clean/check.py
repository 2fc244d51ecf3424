"""Scan a corpus for dirt without changing it: the engine of ``corpus-clean check``.

Detection is shared with ``strip`` (the dolma idea): a document goes through the very
pipeline ``strip`` runs, whose removals are located in the *raw* text, and each removal
becomes a finding.  A step added to the pipeline (chrome, annotations...) is checked without
a line of code here; its reasons are the rule ids.  What ``strip`` cannot repair
(mojibake, U+FFFD, mixed script, unreadable files and records, empty and duplicated
documents) is detected here.

Documents stream through ``parallel.ordered_map``; memory holds a batch of documents and
one 16-byte hash per distinct document (for exact duplicates).
"""
from __future__ import annotations

import bisect
import codecs
import dataclasses
import fnmatch
import hashlib
import importlib
import json
import lzma
import os
import re
import sys
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from .baseline import Baseline, PerFileIgnores, fingerprint, line_at
from .errors import InputError
from .findings import Finding, SeverityTable, matches
from .io import (
    COMPRESSION_SUFFIXES,
    JSONL_SUFFIXES,
    STDIO,
    Document,
    ReadOptions,
    Rejected,
    display_name,
    get_field,
    load_json,
    open_binary_read,
    read_documents,
)
from .mojibake import find_mojibake
from .parallel import ordered_map
from .pipeline import CleanConfig, build_pipeline

# File names a folder walk picks up unless --glob says otherwise.
DEFAULT_GLOBS = tuple(f"*{ext}{comp}" for ext in (".txt",) + JSONL_SUFFIXES
                      for comp in ("",) + tuple(COMPRESSION_SUFFIXES))
SCRIPTS = ("simplified", "traditional")
SNIPPET = 60
_CODEC_NAMES = {"gbk": "GBK", "cp1252": "Latin-1/Windows-1252"}


# --- one document -------------------------------------------------------------------------

class ScanConfig(NamedTuple):
    """What the per-document scan runs (picklable for worker processes)."""

    clean: CleanConfig = CleanConfig()
    expect_script: str | None = None
    script: bool = True  # look for mixed script (needs corpus_clean.script)


class Hit(NamedTuple):
    """A finding inside one document: offsets are into its raw text (0-based, as Python's),
    ``line`` and ``column`` count from 1 in the document, as a finding's do in the file
    (a whole-document finding has line 1 and no column)."""

    rule: str
    step: str | None
    offset: int | None
    line: int
    column: int | None
    text: str
    message: str
    end: int | None = None  # a removal's end in the raw text (``--report`` marks the span)


def quote(text: str) -> str:
    """A short, one-line, escaped rendering of offending text for messages."""
    short = text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
    return json.dumps(short, ensure_ascii=False)


@lru_cache(maxsize=1)
def _import_script():
    """``corpus_clean.script`` (written in parallel with check), or None; tried once."""
    try:
        return importlib.import_module(f"{__package__}.script")
    except ImportError:
        return None


def _script_detector():
    module = sys.modules.get(f"{__package__}.script") or _import_script()
    return getattr(module, "detect_script", None)


def script_verdict(text: str) -> str | None:
    """The script verdict (simplified, traditional, mixed, none); None without a detector."""
    detect = _script_detector()
    if detect is None:
        return None
    verdict = detect(text)
    return str(getattr(verdict, "verdict", verdict))


def script_available() -> bool:
    return _script_detector() is not None


def scan_text(config: ScanConfig, text: str) -> list[Hit]:
    """Every finding in one document's text (worker for ``ordered_map``: picklable)."""
    line_starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        line_starts.append(pos + 1)
        pos = text.find("\n", pos + 1)

    def at(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset) - 1
        return line + 1, offset - line_starts[line] + 1

    hits: list[Hit] = []
    if not text.strip():
        hits.append(Hit("empty-document", None, None, 1, None, text,
                        "empty document" if not text else "document holds only whitespace"))
        return hits
    for removal in build_pipeline(config.clean).run(text).removals:
        line, col = at(removal.start)
        hits.append(Hit(removal.reason, removal.step, removal.start, line, col, removal.text,
                        f"{removal.step} step removes {quote(removal.text)}", removal.end))
    garbled = find_mojibake(text)
    for m in garbled:
        line, col = at(m.start)
        hits.append(Hit("mojibake", None, m.start, line, col, m.text,
                        f"{quote(m.text)} looks like UTF-8 decoded as {_CODEC_NAMES[m.codec]}; "
                        f"decoded right it reads {quote(m.repaired)}"))
    inside = [(m.start, m.end) for m in garbled]
    pos = text.find("\ufffd")
    while pos >= 0:
        end = pos
        while end < len(text) and text[end] == "\ufffd":
            end += 1
        if not any(a <= pos < b for a, b in inside):  # already part of a mojibake finding
            line, col = at(pos)
            hits.append(Hit("replacement-char", None, pos, line, col, text[pos:end],
                            f"{end - pos} U+FFFD replacement character{'s' if end - pos > 1 else ''}: "
                            "bytes lost by an earlier decoding"))
        pos = text.find("\ufffd", end)
    if config.script or config.expect_script:
        verdict = script_verdict(text)
        if verdict == "mixed":
            hits.append(Hit("script-mixed", None, None, 1, None, "",
                            "mixes Simplified and Traditional characters"))
        elif config.expect_script and verdict in SCRIPTS and verdict != config.expect_script:
            hits.append(Hit("script-unexpected", None, None, 1, None, "",
                            f"script is {verdict}, expected {config.expect_script}"))
    hits.sort(key=lambda h: (h.offset is not None, h.offset or 0))
    return hits


# --- inputs -------------------------------------------------------------------------------

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


def _file_finding(path: str, err: InputError, encoding: str = "utf-8") -> Finding:
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


def _record_finding(item: Rejected, field_name: str) -> Finding:
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


# --- a whole run --------------------------------------------------------------------------

@dataclass
class Stats:
    """Counts of one check run, for the summary and the thresholds."""

    files: int = 0
    documents: int = 0  # documents read, plus rejected records and unreadable files
    dirty: int = 0  # of those, how many have a counted finding
    findings: int = 0  # reported findings (severity not off)
    counted: int = 0  # findings that count toward the thresholds
    by_rule: dict[str, int] = field(default_factory=dict)
    baselined: int = 0  # findings left out because the baseline has them
    ignored: int = 0  # findings left out by per-file-ignores

    @property
    def dirty_ratio(self) -> float:
        return self.dirty / self.documents if self.documents else 0.0


@dataclass(frozen=True)
class Gate:
    """When a run fails: which findings count, and how many (or what share of documents) may.

    Findings count when their rule matches ``fail_on``, or, without ``fail_on``, when
    their severity is ``error``.  Without ``max_dirty_ratio`` the run fails on more than
    ``max_findings`` (default 0) counted findings; with it, on a higher share of dirty
    documents (and also on ``max_findings`` when that is given too).
    """

    fail_on: tuple[str, ...] = ()
    max_findings: int | None = None
    max_dirty_ratio: float | None = None

    def counts(self, finding: Finding) -> bool:
        if finding.severity == "off":
            return False
        if self.fail_on:
            return any(matches(p, finding.rule) for p in self.fail_on)
        return finding.severity == "error"

    def failures(self, stats: Stats) -> list[str]:
        reasons = []
        if self.max_findings is not None or self.max_dirty_ratio is None:
            limit = self.max_findings or 0
            if stats.counted > limit:
                reasons.append(f"{stats.counted} counted finding{'s' if stats.counted != 1 else ''} "
                               f"(at most {limit} allowed)")
        if self.max_dirty_ratio is not None and stats.dirty_ratio > self.max_dirty_ratio:
            reasons.append(f"{stats.dirty} of {stats.documents} documents dirty "
                           f"({stats.dirty_ratio:.2%} > {self.max_dirty_ratio:.2%})")
        return reasons


class _FileError(NamedTuple):
    path: str
    error: InputError
    encoding: str = "utf-8"


class Checker:
    """Runs the scan over files and yields findings in input order, counting as it goes."""

    def __init__(self, rules: SeverityTable, read: ReadOptions | None = None, scan: ScanConfig | None = None,
                 gate: Gate | None = None, jobs: int = 1, progress=None, on_document=None,
                 baseline: Baseline | None = None, ignores: PerFileIgnores | None = None,
                 fingerprints: bool = False):
        """``on_document(doc, hits)``: called for each document (the HTML report); ``baseline``:
        leave out the findings it has; ``ignores``: the per-file ignores; ``fingerprints``: give
        every finding its fingerprint (to write a baseline)."""
        self.rules = rules
        self.baseline = baseline
        self.ignores = ignores
        self.fingerprints = fingerprints or baseline is not None
        self.read = dataclasses.replace(read or ReadOptions(), on_error="skip")
        self.scan = scan or ScanConfig()
        self.gate = gate or Gate()
        self.jobs = jobs
        self.progress = progress
        self.on_document = on_document  # sees each (document, hits): ``--report``
        self.stats = Stats()
        self._seen: dict[bytes, str] = {}

    def _items(self, files: list[str]) -> Iterator[Document | Rejected | _FileError]:
        for path in files:
            self.stats.files += 1
            try:
                yield from read_documents(path, self.read)
            except InputError as err:
                yield _FileError(path, err, self.read.encoding)
            except (OSError, EOFError, zlib.error, lzma.LZMAError) as err:
                # A damaged archive can fail in the decompressor, below the reader's checks.
                yield _FileError(path, InputError(f"{display_name(path)}: cannot read ({err})"), self.read.encoding)

    def run(self, files: list[str]) -> Iterator[Finding]:
        buffer: deque = deque()

        def texts() -> Iterator[str]:
            for item in self._items(files):
                buffer.append(item)
                if isinstance(item, Document):
                    yield item.text

        worker = partial(scan_text, self.scan)
        for hits in ordered_map(worker, texts(), self.jobs):
            while not isinstance(buffer[0], Document):
                yield from self._finish_other(buffer.popleft())
            yield from self._finish_document(buffer.popleft(), hits)
        while buffer:
            yield from self._finish_other(buffer.popleft())

    def _emit(self, findings: list[Finding], contexts: list[str] | None = None) -> Iterator[Finding]:
        dirty = False
        for i, f in enumerate(findings):
            f.severity = self.rules.severity(f.rule)
            if f.severity == "off":
                continue
            if self.ignores and self.ignores.ignores(f):
                self.stats.ignored += 1
                continue
            if self.fingerprints:
                f.fingerprint = fingerprint(f, contexts[i] if contexts is not None else f.text or f.message)
                if self.baseline is not None and self.baseline.take(f):
                    self.stats.baselined += 1
                    continue
            self.stats.findings += 1
            self.stats.by_rule[f.rule] = self.stats.by_rule.get(f.rule, 0) + 1
            if self.gate.counts(f):
                self.stats.counted += 1
                dirty = True
            yield f
        self.stats.documents += 1
        self.stats.dirty += dirty

    def _finish_other(self, item: Rejected | _FileError) -> Iterator[Finding]:
        if isinstance(item, Rejected):
            yield from self._emit([_record_finding(item, self.read.field)])
        else:
            yield from self._emit([_file_finding(item.path, item.error, item.encoding)])

    def _finish_document(self, doc: Document, hits: list[Hit]) -> Iterator[Finding]:
        jsonl = doc.record is not None
        record = None
        if jsonl and doc.record.get("id") is not None:
            record = str(doc.record["id"])
        findings = []
        # What a finding's fingerprint hashes: its line's text, or the document's for a whole one.
        contexts: list[str] | None = [] if self.fingerprints else None
        for h in hits:
            if jsonl:
                line, column = doc.line, None
            else:
                line = doc.line + h.line - 1
                column = h.column
            findings.append(Finding(h.rule, doc.source, line, column, h.text, h.message, record,
                                    h.offset, h.step))
            if contexts is not None:
                contexts.append(line_at(doc.text, h.offset) if h.offset is not None else doc.text)
        if doc.text.strip():
            digest = hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            first = self._seen.setdefault(digest, f"{doc.source}:{doc.line}")
            if first != f"{doc.source}:{doc.line}":
                findings.append(Finding("duplicate-document", doc.source, doc.line, None, "",
                                        f"same text as {first}", record))
                if contexts is not None:
                    contexts.append(doc.text)
        if self.progress is not None:
            self.progress(doc)
        if self.on_document is not None:
            self.on_document(doc, hits)
        yield from self._emit(findings, contexts)
