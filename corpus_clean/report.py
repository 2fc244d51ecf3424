"""What a cleaning step removed, and why.

Every step is a pure function ``text -> StepOutput``: the new text plus the list of
``Removal`` records that explain the difference, in the spirit of ftfy's
``fix_and_explain``.  Detection and deletion are kept apart (as in dolma): a step's
detector yields removals for a text, and ``apply_removals`` deletes them, so ``check``
reports exactly what ``strip`` would delete.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any


@dataclass(slots=True)
class Removal:
    """One deleted span of the text a step received.

    ``start``/``end`` are offsets into that step's input (in a pipeline's ``Result``, into
    the raw text: see ``Removals.in_raw``); ``text`` is what the step deleted; ``reason`` is a stable rule id
    such as ``annotation-layer`` or ``chrome:share-widget``.  A slotted, non-frozen
    dataclass: dense annotation layers create one per few characters, and frozen
    dataclasses cost four times as much to build.  Treat it as read-only.
    """

    step: str
    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "start": self.start, "end": self.end, "text": self.text,
                "reason": self.reason}


class Removals(Sequence[Removal]):
    """Removals built on first read.

    ``strip`` without ``--explain`` only counts removals, and a dense annotation layer gives
    hundreds per document: building each ``Removal`` costs more than finding it.  So a step
    may hand over bare ``(start, end)`` spans of its input with one step name and reason
    (``Removals.of_spans``), and the pipeline chains the steps' sequences (``Removals.chain``);
    ``counts`` needs no ``Removal`` at all, and the first read of an item builds them all.
    The pipeline's own result (``Removals.in_raw``) also maps each step's offsets back to
    the raw text on that first read, so a run that only counts never maps either.
    """

    __slots__ = ("_items", "_parts", "_passes")

    def __init__(self, parts: list, passes: tuple[int, ...] | None = None):
        # each part: a sequence of Removal, or (step, reason, text, spans)
        self._parts: list | None = parts
        self._items: list[Removal] | None = None
        # ``in_raw``: each part is one step run's removals, in the offsets of the previous
        # run's output; ``passes`` says how many consecutive parts each step's runs are.
        self._passes = passes

    @classmethod
    def of_spans(cls, step: str, reason: str, text: str, spans: list[tuple[int, int]]) -> Removals:
        return cls([(step, reason, text, spans)])

    @classmethod
    def chain(cls, parts: Iterable[Sequence[Removal]]) -> Removals:
        return cls([p for p in parts if p])

    @classmethod
    def in_raw(cls, steps: Iterable[Sequence[Sequence[Removal]]]) -> Removals:
        """The removals of a pipeline run, located in the raw text: for each step, the
        removals of its successive runs (the first, and those after it looked again), each
        in the offsets of the text that run received, the previous run's output.

        A run's removal may enclose characters an earlier run deleted (a blank line around a
        removed furniture line); its raw span then covers them too and its ``text`` stays what
        the run deleted, so the raw text less the union of the spans is the output.  A step
        that ran more than once lists its removals in text order, as one run would.
        """
        groups = [[p for p in runs if p] for runs in steps]
        return cls([p for runs in groups for p in runs], tuple(len(runs) for runs in groups if runs))

    def _list(self) -> list[Removal]:
        if self._items is None:
            if self._passes is not None:
                items = _mapped(self._parts or [], self._passes)
            else:
                items = []
                for part in self._parts or ():
                    if isinstance(part, tuple):
                        step, reason, text, spans = part
                        items.extend([Removal(step, a, b, text[a:b], reason) for a, b in spans])
                    else:
                        items.extend(part)
            self._items, self._parts = items, None  # the texts of the spans are let go
        return self._items

    def counts(self) -> dict[str, int]:
        """Removals per reason, in order of first appearance, without building them."""
        if self._items is not None:
            return dict(Counter(map(_REASON, self._items)))
        out: Counter[str] = Counter()
        for part in self._parts or ():
            if isinstance(part, tuple):
                out[part[1]] += len(part[3])
            elif isinstance(part, Removals):
                out.update(part.counts())
            else:
                out.update(map(_REASON, part))
        return dict(out)

    def __len__(self) -> int:
        if self._items is not None:
            return len(self._items)
        return sum(len(p[3]) if isinstance(p, tuple) else len(p) for p in self._parts or ())

    def __getitem__(self, index):
        return self._list()[index]

    def __iter__(self) -> Iterator[Removal]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, Removals)):
            return self._list() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Removals({self._list()!r})"

    def __reduce__(self):
        # To a worker process or back: the built list, not the input texts behind the spans.
        return Removals, ([self._list()],)


class OffsetMap:
    """Where each character of an intermediate text was in the raw text.

    Piecewise: ``cur[i]`` in the current text is ``raw[i]`` in the raw text, and the
    characters after it follow one for one until the next piece.  Each deletion adds a
    piece, so the map stays small whatever the document's length.
    """

    __slots__ = ("cur", "raw")

    def __init__(self) -> None:
        self.cur = [0]
        self.raw = [0]

    def to_raw(self, pos: int) -> int:
        i = bisect.bisect_right(self.cur, pos) - 1
        return self.raw[i] + pos - self.cur[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of ``[start, end)``: from its first character's place to just after
        its last one's (characters deleted in between included)."""
        return self.to_raw(start), (self.to_raw(end - 1) + 1 if end > start else self.to_raw(start))

    def delete(self, spans: Iterable[tuple[int, int]]) -> None:
        """Account for deleting ``spans`` (sorted, non-overlapping) from the current text."""
        cur: list[int] = []
        raw: list[int] = []
        out = 0

        def keep(a: int, b: int | None) -> None:
            nonlocal out
            cur.append(out)
            raw.append(self.to_raw(a))
            i = bisect.bisect_right(self.cur, a)
            while i < len(self.cur) and (b is None or self.cur[i] < b):
                cur.append(out + self.cur[i] - a)
                raw.append(self.raw[i])
                i += 1
            if b is not None:
                out += b - a

        pos = 0
        for start, end in spans:
            if start > pos:
                keep(pos, start)
            pos = max(pos, end)
        keep(pos, None)
        self.cur, self.raw = cur, raw


def _mapped(runs: list[Sequence[Removal]], passes: tuple[int, ...]) -> list[Removal]:
    """``Removals.in_raw`` built: each run's removals with raw offsets, then the map updated
    with what ``apply_removals`` deleted in that run (sorted, overlaps dropped)."""
    offsets = OffsetMap()
    items: list[Removal] = []
    at = 0
    for count in passes:
        first = len(items)
        for run in runs[at:at + count]:
            removals = list(run)
            if len(offsets.cur) == 1 and offsets.raw[0] == 0:  # nothing deleted yet: offsets are raw
                items.extend(removals)
            else:
                span = offsets.span
                for r in removals:
                    a, b = span(r.start, r.end)
                    items.append(Removal(r.step, a, b, r.text, r.reason))
            kept = []
            pos = 0
            for r in sorted(removals, key=_START):
                if r.start >= pos:
                    kept.append((r.start, r.end))
                    pos = r.end
            if kept:
                offsets.delete(kept)
        if count > 1:
            items[first:] = sorted(items[first:], key=_START)
        at += count
    return items


@dataclass
class StepOutput:
    """The result of one step: new text, its removals, and step-specific figures."""

    text: str
    removals: Sequence[Removal] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class Result:
    """The result of a whole pipeline: the cleaned text and every removal, step by step,
    located in the raw text (``Removals.in_raw``)."""

    text: str
    removals: Sequence[Removal] = field(default_factory=list)
    info: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Removals per reason when the removals themselves were dropped (see ``without_spans``).
    counted: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        """Number of removals per reason, for summaries and ``--stats``."""
        if self.counted is not None:
            return self.counted
        if isinstance(self.removals, Removals):
            return self.removals.counts()
        return dict(Counter(map(_REASON, self.removals)))


_REASON = attrgetter("reason")
_START = attrgetter("start")


@dataclass
class Summary:
    """Counts of a run, or of a part of one (a worker's block, a Dask shard), merged at the
    end; printed on standard error when a command finishes."""

    documents: int = 0
    written: int = 0
    dropped_empty: int = 0
    rejected: int = 0
    chars_in: int = 0
    chars_out: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def add(self, text: str, result: Result) -> None:
        """One document: its text as read, and what cleaning made of it."""
        self.count(len(text), len(result.text), result.counts())

    def count(self, chars_in: int, chars_out: int, reasons: dict[str, int]) -> None:
        """One document's figures (``add`` when only the figures travelled)."""
        self.documents += 1
        self.chars_in += chars_in
        self.chars_out += chars_out
        for reason, n in reasons.items():
            self.reasons[reason] = self.reasons.get(reason, 0) + n

    def merge(self, other: Summary) -> None:
        """Add the counts of another part of the run."""
        self.documents += other.documents
        self.written += other.written
        self.dropped_empty += other.dropped_empty
        self.rejected += other.rejected
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        for reason, n in other.reasons.items():
            self.reasons[reason] = self.reasons.get(reason, 0) + n


def emit(doc, result: Result, summary: Summary, drop_empty: bool,
         write: Callable[[Any, str], None]) -> None:
    """One cleaned document: counted, then written, or dropped when ``drop_empty`` and empty.
    Every way of running goes through here, so they write, drop and count alike."""
    summary.add(doc.text, result)
    if drop_empty and not result.text.strip():
        summary.dropped_empty += 1
    else:
        write(doc, result.text)
        summary.written += 1


def without_spans(worker, text: str) -> Result:
    """``worker(text)`` with its removals reduced to counts per reason: what a parallel
    worker sends back when nobody reads the spans (pickling them costs more than the work)."""
    result = worker(text)
    return Result(result.text, [], result.info, result.counts())


def apply_removals(text: str, removals: Iterable[Removal]) -> str:
    """Delete the given spans (sorted, non-overlapping) from ``text``."""
    parts = []
    pos = 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start < pos:  # overlapping spans: keep the first deletion only
            continue
        parts.append(text[pos:r.start])
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


def compose_removals(original: str, first: Sequence[Removal], second: Sequence[Removal]) -> Sequence[Removal]:
    """Removals of two passes, the second's spans (in the first pass's output) mapped back
    to offsets in ``original``, all sorted by position."""
    if not second:
        return first
    if not first:  # the first pass removed nothing: the second's offsets are the original's
        return sorted(second, key=lambda r: r.start)
    cuts = sorted((r.start, r.end - r.start) for r in first)
    mapped = []
    for r in second:
        start, end = r.start, r.end
        shift = 0
        for cut_start, length in cuts:
            if cut_start <= start + shift:
                shift += length
        end_shift = 0
        for cut_start, length in cuts:
            if cut_start < end + end_shift:
                end_shift += length
        a, b = start + shift, end + end_shift
        mapped.append(Removal(r.step, a, b, original[a:b], r.reason))
    return sorted([*first, *mapped], key=lambda r: r.start)
