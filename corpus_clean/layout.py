"""Layout repair: the whitespace and control-character tidying every cleaned text gets.

Deleting furniture leaves holes: runs of blank lines, whitespace-only lines (NBSP and
ideographic spaces included) and stray C0 control characters from broken extractors.
This step removes them without touching any character of the kept text.
"""
from __future__ import annotations

import re

from .report import Removal, StepOutput

STEP = "layout"

# C0 controls other than tab and newline (CR is handled as a line ending), plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CRLF = re.compile(r"\r\n?")
# Characters that make a line "blank" when it holds nothing else.
_BLANK_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


def remove_control_chars(text: str) -> StepOutput:
    """Drop C0 control characters (not tab/newline) and normalise CR/CRLF line ends to LF."""
    removals = [Removal(STEP, m.start(), m.end(), m.group(), "control-char")
                for m in _CONTROL.finditer(text)]
    if removals:
        text = _CONTROL.sub("", text)
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    return StepOutput(text, removals)


def collapse_blank_lines(text: str) -> StepOutput:
    """Empty whitespace-only lines, fold blank-line runs into one, trim the ends.

    Deleting furniture lines leaves runs of blank lines; the author's own paragraph breaks
    (one blank line) survive as one blank line.  Trailing spaces are dropped; no character
    inside a line changes (CLEANING.md section 3).
    """
    removals: list[Removal] = []
    kept: list[str] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.rstrip(_BLANK_CHARS)
        if not stripped.strip(_BLANK_CHARS):
            if line:
                removals.append(Removal(STEP, pos, pos + len(line), line, "blank"))
            if kept and kept[-1]:
                kept.append("")
        else:
            kept.append(stripped)
        pos += len(line) + 1
    while kept and not kept[-1]:
        kept.pop()
    return StepOutput("\n".join(kept), removals)
