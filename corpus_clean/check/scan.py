"""One document's findings: the removals of the very pipeline ``strip`` runs, located in the
raw text, and what ``strip`` cannot repair (mojibake, U+FFFD, mixed or unexpected script).
"""
from __future__ import annotations

import bisect
import json
from typing import NamedTuple

from ..mojibake import find_mojibake
from ..pipeline import CleanConfig, build_pipeline

SCRIPTS = ("simplified", "traditional")
SNIPPET = 60
_CODEC_NAMES = {"gbk": "GBK", "cp1252": "Latin-1/Windows-1252"}


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


def script_verdict(text: str) -> str | None:
    """The script verdict of ``text``: simplified, traditional, mixed or none."""
    from ..script import detect_script  # OpenCC's tables load on first use

    return detect_script(text).script


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


