"""A whole run: its counts, the gate that turns them into a status, and the ``Checker`` that
streams documents through ``scan_text`` in order (in parallel with ``--jobs``).
"""
from __future__ import annotations

import dataclasses
import hashlib
import lzma
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from ..baseline import Baseline, PerFileIgnores, fingerprint, line_at
from ..errors import InputError
from ..findings import Finding, SeverityTable, matches
from ..io import (
    Document,
    ReadOptions,
    Rejected,
    display_name,
    read_documents,
)
from ..parallel import ordered_map
from .inputs import file_finding, record_finding
from .scan import Hit, ScanConfig, scan_text

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
            yield from self._emit([record_finding(item, self.read.field)])
        else:
            yield from self._emit([file_finding(item.path, item.error, item.encoding)])

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
