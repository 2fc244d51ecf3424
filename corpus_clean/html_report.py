"""``--report FILE``: a self-contained HTML audit page of what cleaning removed, and why.

Two parts, kept apart:

- ``ReportCollector`` is fed one document at a time (the run loop's ``on_result`` hook, or
  ``check``'s scan) with the raw-text spans of its removals, the same spans ``--explain``
  prints.  It aggregates the summary incrementally and keeps only a bounded set of documents:
  a deterministic sample (the ``sample`` documents with the smallest hash of where they came
  from, so two runs over the same input give the same report whatever ``--jobs`` is) and the
  documents with the largest share removed.  Each kept document holds at most ``CAP``
  characters of raw and cleaned text, so memory grows with the sample, not the corpus.
- ``render`` turns the collected data into HTML, streamed as strings: one page with inline
  CSS and inline SVG, no script, no font, no link out.  Everything that comes from the corpus
  goes through ``esc`` (``html.escape`` with quotes, lone surrogates and control characters
  replaced), so a page holding ``<script>`` or ``</textarea>`` is shown as text.
"""
from __future__ import annotations

import hashlib
import heapq
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

CAP = 20_000  # characters of a document shown (raw and cleaned text each)
TOP = 20  # documents with the largest share removed, shown besides the sample
BINS = 10  # histogram of the share removed per document: 0 %, then ten bins of 10 %

# One colour per pipeline step (the legend says which); other steps cycle through EXTRA.
STEP_COLOURS = {"control": "#7f7f7f", "annotations": "#c2185b", "markup": "#6a1b9a", "chrome": "#e65100",
                "join": "#00838f", "layout": "#1565c0", "convert": "#2e7d32"}
EXTRA = ("#795548", "#ad1457", "#283593", "#558b2f")

_BAD_CHARS = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _visible(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # control pictures: ␀ ␁ ...
    if c == 0x7F:
        return "\u2421"
    return "\ufffd"  # a lone surrogate, a C1 control or a noncharacter


def display_text(text: str) -> str:
    """The characters a page shows for ``text``: lone surrogates, C1 controls and noncharacters
    become U+FFFD, C0 controls (but tab and line ends) their control pictures."""
    return _BAD_CHARS.sub(_visible, text)


def esc(text: str) -> str:
    """Corpus text (or anything else) made safe for HTML text and quoted attributes."""
    return html.escape(display_text(text), quote=True)


def step_colour(step: str, others: dict[str, str]) -> str:
    if step in STEP_COLOURS:
        return STEP_COLOURS[step]
    return others.setdefault(step, EXTRA[len(others) % len(EXTRA)])


@dataclass
class Span:
    """One removal, in raw-text offsets."""

    start: int
    end: int
    step: str
    reason: str


@dataclass
class DocEntry:
    """A document kept for the page (its texts cut at ``CAP`` characters)."""

    seq: int  # position in the run, 0-based
    id: str
    source: str
    line: int
    record_id: str | None
    chars_in: int
    chars_out: int
    share: float
    raw: str
    cleaned: str | None
    spans: list[Span]  # those starting inside ``raw`` (ends cut at its length)
    total_removals: int
    counts: dict[str, int]
    verdict: str | None
    script: str | None
    why: set[str] = field(default_factory=set)  # "sample" and/or "largest"


@dataclass
class ReportData:
    """The summary of a whole run and the documents kept: what ``render`` needs."""

    command: str = "strip"
    documents: int = 0
    chars_in: int = 0
    chars_out: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # removals per reason
    reason_docs: dict[str, int] = field(default_factory=dict)  # documents where each fired
    reason_steps: dict[str, str] = field(default_factory=dict)  # the step of each reason
    histogram: list[int] = field(default_factory=lambda: [0] * (BINS + 1))
    verdicts: dict[str, int] = field(default_factory=dict)
    scripts: dict[str, int] = field(default_factory=dict)
    entries: list[DocEntry] = field(default_factory=list)  # in input order
    sample: int = 200
    cap: int = CAP
    cleaned_note: str = ""  # how the cleaned text was obtained, when it is not strip's own output


def _key(source: str, line: int) -> int:
    digest = hashlib.blake2b(f"{source}\0{line}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _union_length(spans: Iterable[tuple[int, int]]) -> int:
    total = 0
    end = -1
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def delete_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` without the union of ``spans`` (possibly overlapping or nested)."""
    parts = []
    pos = 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        parts.append(text[pos:max(a, pos)])
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


class ReportCollector:
    """Aggregates a run document by document and keeps the bounded set of documents shown."""

    def __init__(self, sample: int = 200, command: str = "strip", top: int = TOP, cap: int = CAP,
                 cleaned_note: str = ""):
        self.data = ReportData(command=command, sample=sample, cap=cap, cleaned_note=cleaned_note)
        self.sample = sample
        self.top = min(top, sample)
        self.cap = cap
        self._sample: list[tuple[int, int, DocEntry]] = []  # max-heap by key: (-key, seq, entry)
        self._largest: list[tuple[float, int, int, DocEntry]] = []  # min-heap: (share, -key, seq, entry)
        self._seq = 0

    def add(self, doc, spans: list[tuple[int, int, str, str]], cleaned: str | None,
            verdict: str | None = None, script: str | None = None) -> None:
        """One document (``io.Document``), its removals as raw ``(start, end, step, reason)``, its
        cleaned text (``None``: the raw text less the removals), annotation verdict and script."""
        d = self.data
        seq = self._seq
        self._seq += 1
        raw = doc.text
        if cleaned is None:
            cleaned = delete_spans(raw, ((a, b) for a, b, _, _ in spans))
        d.documents += 1
        d.chars_in += len(raw)
        d.chars_out += len(cleaned)
        counts: dict[str, int] = {}
        for _, _, step, reason in spans:
            counts[reason] = counts.get(reason, 0) + 1
            d.reason_steps.setdefault(reason, step)
        for reason, n in counts.items():
            d.reasons[reason] = d.reasons.get(reason, 0) + n
            d.reason_docs[reason] = d.reason_docs.get(reason, 0) + 1
        share = min(1.0, _union_length((a, b) for a, b, _, _ in spans) / len(raw)) if raw else 0.0
        d.histogram[0 if share == 0 else 1 + min(BINS - 1, int(share * BINS))] += 1
        if verdict not in (None, "off"):
            d.verdicts[verdict] = d.verdicts.get(verdict, 0) + 1
        if script is not None:
            d.scripts[script] = d.scripts.get(script, 0) + 1
        if self.sample <= 0:
            return
        key = _key(doc.source, doc.line)
        in_sample = len(self._sample) < self.sample or -self._sample[0][0] > key
        in_largest = self.top > 0 and share > 0 and (
            len(self._largest) < self.top or (share, -key) > self._largest[0][:2])
        if not (in_sample or in_largest):
            return
        entry = self._entry(doc, seq, spans, cleaned, share, counts, verdict, script)
        if in_sample:
            item = (-key, seq, entry)
            if len(self._sample) < self.sample:
                heapq.heappush(self._sample, item)
            else:
                heapq.heapreplace(self._sample, item)
        if in_largest:
            item2 = (share, -key, seq, entry)
            if len(self._largest) < self.top:
                heapq.heappush(self._largest, item2)
            else:
                heapq.heapreplace(self._largest, item2)

    def _entry(self, doc, seq, spans, cleaned, share, counts, verdict, script) -> DocEntry:
        raw = doc.text[:self.cap]
        shown = [Span(a, min(b, len(raw)), step, reason) for a, b, step, reason in spans if a < len(raw)
                 or (a == len(raw) == len(doc.text))]
        record_id = None
        if doc.record is not None and doc.record.get("id") is not None:
            record_id = str(doc.record["id"])
        return DocEntry(seq, doc.id, doc.source, doc.line, record_id, len(doc.text), len(cleaned), share, raw,
                        cleaned[:self.cap], shown, len(spans), dict(sorted(counts.items())), verdict, script)

    def add_result(self, doc, result) -> None:
        """A document and its pipeline ``Result`` (or a single step's, run on the raw text):
        either way the removals' offsets are in the raw text."""
        from .check import script_verdict

        marks = [(r.start, r.end, r.step, r.reason) for r in result.removals]
        verdict = result.info.get("annotations", {}).get("verdict")
        script = script_verdict(result.text) if result.text.strip() else None
        self.add(doc, marks, result.text, verdict, script)

    __call__ = add_result  # an ``on_result`` hook of ``run_documents``

    def finish(self) -> ReportData:
        """The data to render: the kept documents, once each, in input order."""
        kept: dict[int, DocEntry] = {}
        for _, seq, entry in self._sample:
            entry.why.add("sample")
            kept[seq] = entry
        for _, _, seq, entry in self._largest:
            entry.why.add("largest")
            kept[seq] = entry
        self.data.entries = [kept[s] for s in sorted(kept)]
        return self.data


# --- rendering ------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;
margin:0 auto;max-width:1100px;padding:0 16px 48px;color:#222;background:#fff}
h1{font-size:22px;margin:18px 0 6px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
h3{font-size:15px;margin:0}
table.figures{border-collapse:collapse;margin:8px 0}table.figures td,table.figures th{padding:2px 12px 2px 0;
text-align:left}table.figures td.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#666;font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:24px}
span.sw{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px;
border-radius:2px}
section.doc{border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:10px 12px}
.meta{color:#555;font-size:12px;margin:2px 0 6px}.tag{background:#eee;border-radius:3px;padding:0 5px;
margin-left:6px;font-size:11px}
pre{white-space:pre-wrap;word-break:break-word;font:13px/1.6 ui-monospace,"Noto Sans Mono CJK SC",monospace;
background:#fafafa;border:1px solid #eee;padding:8px;margin:6px 0;max-height:600px;overflow:auto}
pre.clean{display:none}input.flip:checked~pre.raw{display:none}input.flip:checked~pre.clean{display:block}
del{text-decoration:line-through;text-decoration-thickness:2px;border-radius:2px}
del.nl::before{content:"\\21B5"}del.ws{outline:1px dotted currentColor}
del:empty::before{content:"\\2205"}
table.reasons td{padding-right:16px;vertical-align:top}
table.reasons span.sw{margin:0 6px 0 0}.seq{color:#888;font-weight:normal}a{color:#1565c0}
"""


def _num(n: int) -> str:
    return f"{n:,}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _slug(reason: str, index: int) -> str:
    return f"reason-{index}"


def _bar_chart(rows: list[tuple[str, int, str, str]], width: int = 520) -> str:
    """Horizontal bars: (label, value, colour, link) per row, inline SVG."""
    if not rows:
        return '<p class="note">No removals.</p>'
    top = max(v for _, v, _, _ in rows) or 1
    bar_h, gap, label_w = 14, 4, 190
    h = len(rows) * (bar_h + gap) + gap
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
            f'aria-label="removals per reason">')]
    for i, (label, value, colour, link) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1, round((width - label_w - 70) * value / top))
        out.append(f'<a href="#{link}"><text x="{label_w - 6}" y="{y + 11}" text-anchor="end" font-size="12">'
                   f'{esc(label)}</text><rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" '
                   f'fill="{colour}"><title>{esc(label)}: {value}</title></rect></a>'
                   f'<text x="{label_w + w + 4}" y="{y + 11}" font-size="12">{_num(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def _histogram(counts: list[int], width: int = 460, height: int = 180) -> str:
    labels = ["0"] + [f"{10 * i}–{10 * (i + 1)}" for i in range(BINS)]
    top = max(counts) or 1
    n = len(counts)
    bw = (width - 40) / n
    base = height - 30
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="share removed per document">')]
    for i, c in enumerate(counts):
        h = round((base - 16) * c / top)
        x = 30 + i * bw
        out.append(f'<rect x="{x + 2:.1f}" y="{base - h}" width="{bw - 4:.1f}" height="{h}" fill="#1565c0">'
                   f'<title>{labels[i]}% removed: {c} documents</title></rect>'
                   f'<text x="{x + bw / 2:.1f}" y="{base - h - 3}" font-size="10" text-anchor="middle">{c}</text>'
                   f'<text x="{x + bw / 2:.1f}" y="{base + 12}" font-size="9" text-anchor="middle">'
                   f'{labels[i]}</text>')
    out.append(f'<line x1="30" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>'
               f'<text x="{width / 2:.0f}" y="{height - 4}" font-size="11" text-anchor="middle">'
               f'share of the document removed (%)</text></svg>')
    return "".join(out)


def _counts_table(title: str, counts: dict[str, int]) -> str:
    if not counts:
        return ""
    rows = "".join(f'<tr><td>{esc(k)}</td><td class="n">{_num(v)}</td></tr>'
                   for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f'<div><h3>{esc(title)}</h3><table class="figures">{rows}</table></div>'


def marked_text(raw: str, spans: list[Span], colours: dict[str, str]) -> Iterator[str]:
    """``raw`` as HTML with each removal struck through in place.

    Spans may nest (a later step's removal can cover characters an earlier step deleted):
    the text is cut at every span boundary and each piece covered by removals is one
    ``<del>`` naming them all (``data-r``: their indices in ``spans``), coloured by the first.
    An empty removal (nothing deleted, a mark only) is an empty ``<del>``.
    """
    bounds = sorted({0, len(raw), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        starts.setdefault(s.start, []).append(i)
    active: list[int] = []
    for a, b in zip(bounds, bounds[1:] + [None]):
        for i in starts.get(a, ()):
            if spans[i].end == spans[i].start:
                yield _del(spans, [i], "", colours)
        active = [i for i in active if spans[i].end > a] + [i for i in starts.get(a, ()) if spans[i].end > a]
        if b is None:
            break
        piece = raw[a:b]
        if active:
            yield _del(spans, active, piece, colours)
        else:
            yield esc(piece)


def _del(spans: list[Span], ids: list[int], piece: str, colours: dict[str, str]) -> str:
    first = spans[ids[0]]
    cls = [f"s-{colours[first.step][1:]}"]
    if piece and not piece.strip():
        cls.append("nl" if "\n" in piece else "ws")
    title = "; ".join(dict.fromkeys(f"{spans[i].reason} ({spans[i].step})" for i in ids))
    return (f'<del class="{" ".join(cls)}" data-r="{" ".join(map(str, ids))}" title="{esc(title)}">'
            f'{esc(piece)}</del>')


def render(data: ReportData) -> Iterator[str]:
    """The page, in pieces: write them in order to a file."""
    others: dict[str, str] = {}
    steps = list(dict.fromkeys([*data.reason_steps.values(), *(s.step for e in data.entries for s in e.spans)]))
    colours = {step: step_colour(step, others) for step in steps}
    reasons = sorted(data.reasons, key=lambda r: (-data.reasons[r], r))
    slugs = {r: _slug(r, i) for i, r in enumerate(reasons)}
    removed = data.chars_in - data.chars_out
    yield ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           f'<title>corpus-clean {esc(data.command)} report</title><style>{_CSS}')
    for step in steps:
        c = colours[step]
        yield f"del.s-{c[1:]}{{color:{c};background:{c}1f}}"
    yield "</style></head><body>\n"
    yield (f'<h1>corpus-clean {esc(data.command)}: what cleaning removed</h1>'
           f'<p class="note">Struck-through text is what the cleaning removes, coloured by step; hover for the '
           f'reason. Each document shows at most {_num(data.cap)} characters. The page runs no script and '
           f'loads nothing.</p>\n<section id="summary"><h2>Summary</h2><table class="figures">'
           f'<tr><th>documents</th><td class="n" id="documents">{_num(data.documents)}</td></tr>'
           f'<tr><th>characters in</th><td class="n">{_num(data.chars_in)}</td></tr>'
           f'<tr><th>characters out</th><td class="n">{_num(data.chars_out)}</td></tr>'
           f'<tr><th>share removed</th><td class="n">{_pct(removed / data.chars_in) if data.chars_in else "0.0%"}'
           f'</td></tr><tr><th>removals</th><td class="n">{_num(sum(data.reasons.values()))}</td></tr>'
           f'</table>')
    yield '<div class="charts"><div><h3>Removals per reason</h3>'
    yield _bar_chart([(r, data.reasons[r], colours[data.reason_steps[r]], slugs[r]) for r in reasons])
    yield '</div><div><h3>Share removed per document</h3>'
    yield _histogram(data.histogram)
    yield '<div class="charts">'
    yield _counts_table("Annotation verdicts", data.verdicts)
    yield _counts_table("Detected script (of the cleaned text)", data.scripts)
    yield '</div></div></div>'
    if steps:
        yield '<p class="legend"><b>Steps:</b>'
        for step in steps:
            yield f'<span class="sw" style="background:{colours[step]}"></span>{esc(step)}'
        yield '</p>'
    shown = len(data.entries)
    yield (f'<p class="note">Documents shown below: {_num(shown)} of {_num(data.documents)}: a fixed sample of '
           f'up to {_num(data.sample)} (chosen by a hash of each document\'s source and line, the same in every '
           f'run) and the documents with the largest share removed.')
    if data.cleaned_note:
        yield " " + esc(data.cleaned_note)
    yield ('</p></section>\n<section id="reasons"><h2>Reasons</h2><table class="figures reasons"><tr>'
           '<th>reason</th><th>step</th><th>removals</th><th>documents</th><th>shown below in</th></tr>')
    by_reason: dict[str, list[DocEntry]] = {r: [] for r in reasons}
    for e in data.entries:
        for r in e.counts:
            by_reason.setdefault(r, []).append(e)
    for r in reasons:
        c = colours[data.reason_steps[r]]
        links = " ".join(f'<a href="#doc-{e.seq}" title="{esc(e.id)}">#{e.seq + 1}</a>' for e in by_reason[r])
        yield (f'<tr id="{slugs[r]}"><td><span class="sw" style="background:{c}"></span>'
               f'<b class="reason">{esc(r)}</b></td><td>{esc(data.reason_steps[r])}</td>'
               f'<td class="n">{_num(data.reasons[r])}</td><td class="n">{_num(data.reason_docs[r])}</td>'
               f'<td>{links or "none"}</td></tr>')
    yield '</table></section>\n'
    yield '<section id="documents-shown"><h2>Documents</h2>\n'
    for e in data.entries:
        yield from _document(e, colours, data.cap)
    yield '</section>\n</body></html>\n'


def _document(e: DocEntry, colours: dict[str, str], cap: int) -> Iterator[str]:
    tags = "".join(f'<span class="tag">{t}</span>' for t in
                   (("sample",) if "sample" in e.why else ()) + (("largest share removed",) if "largest" in e.why else ()))
    yield (f'<section class="doc" id="doc-{e.seq}"><h3><span class="seq">#{e.seq + 1}</span> '
           f'<span class="doc-id">{esc(e.id)}</span>{tags}</h3><div class="meta">')
    where = f"{e.source}:{e.line}"
    parts = [f"{esc(where)}"]
    if e.record_id is not None:
        parts.append(f'id <b class="record-id">{esc(e.record_id)}</b>')
    parts.append(f"{_num(e.chars_in)} → {_num(e.chars_out)} characters, {_pct(e.share)} removed")
    parts.append(f"{_num(e.total_removals)} removals")
    if e.verdict not in (None, "none", "off"):
        parts.append(f"annotations: {esc(e.verdict)}")
    if e.script:
        parts.append(f"script: {esc(e.script)}")
    yield " · ".join(parts) + "</div>"
    if e.counts:
        yield '<div class="meta">' + ", ".join(f"{esc(r)} {n}" for r, n in e.counts.items()) + "</div>"
    if e.chars_in > len(e.raw):
        yield (f'<p class="note">Only the first {_num(cap)} of {_num(e.chars_in)} characters are shown '
               f'({_num(len(e.spans))} of {_num(e.total_removals)} removals).</p>')
    flip = f"flip-{e.seq}"
    yield (f'<input type="checkbox" class="flip" id="{flip}"> <label for="{flip}">show the cleaned text</label>'
           '<pre class="raw">')
    yield from marked_text(e.raw, e.spans, colours)
    yield f'</pre><pre class="clean">{esc(e.cleaned or "")}</pre></section>\n'


def write(data: ReportData, out) -> None:
    """Write the page to an open text file (``io.open_output``: atomic)."""
    for piece in render(data):
        out.write(piece)
