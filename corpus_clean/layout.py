"""Layout repair: the whitespace and control-character tidying every cleaned text gets.

Deleting furniture leaves holes: runs of blank lines, whitespace-only lines (NBSP and
ideographic spaces included), paragraphs that a page break or an inserted caption cut in
two, and stray C0 control characters from broken extractors.  These steps repair them
without changing any character of the kept text.
"""
from __future__ import annotations

from . import lazy_re
from .han import is_han
from .report import Removal, Removals, StepOutput

STEP = "layout"

# C0 controls other than tab and newline (CR is handled as a line ending), plus DEL.
_CONTROL = lazy_re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The CR of a CRLF line end, control characters between them included ("\r\x00\n").
_CR_BEFORE_LF = lazy_re.compile(r"\r(?=[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*\n)")
_DELETED = lazy_re.compile(f"{_CONTROL.pattern}|{_CR_BEFORE_LF.pattern}")
# Characters that make a line "blank" when it holds nothing else, and that the end of a line
# loses: every Unicode white space (NBSP and the ideographic space among them) and the
# zero-width and format characters that exports leave (U+200B-U+200D, U+2060, U+FEFF).
# Chrome strips lines with the same set, so removing them changes no decision.
BLANK_CHARS = ("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\n\r")
               + "\u200b\u200c\u200d\u2060\ufeff")



def remove_control_chars(text: str) -> StepOutput:
    """Drop C0 control characters (not tab/newline) and the CR of each CRLF line end.

    Both are reported: a control character as ``control-char``; a CR as ``blank`` (line-end
    whitespace, layout rather than dirt, as ``check``'s rule catalogue has it).  A lone CR
    (an old Mac line end) becomes LF in the ``line-ends`` step: a replacement, not a deletion.
    """
    controls = [Removal(STEP, m.start(), m.end(), m.group(), "control-char")
                for m in _CONTROL.finditer(text)]
    if "\r" not in text:
        return StepOutput(_CONTROL.sub("", text), controls) if controls else StepOutput(text)
    if not controls:  # the CRs before an LF are exactly those of the CRLF pairs
        crs = [(m.start(), m.end()) for m in _CR_BEFORE_LF.finditer(text)]
        return StepOutput(text.replace("\r\n", "\n"), Removals.of_spans(STEP, "blank", text, crs))
    controls.extend(Removal(STEP, m.start(), m.end(), "\r", "blank") for m in _CR_BEFORE_LF.finditer(text))
    controls.sort(key=lambda r: r.start)
    return StepOutput(_DELETED.sub("", text), controls)


def normalise_line_ends(text: str) -> StepOutput:
    """The ``line-ends`` step: a lone CR left by ``remove_control_chars`` becomes LF.

    It replaces one character by another (offsets unchanged), so it reports nothing and the
    pipeline declares it a replacing step.
    """
    return StepOutput(text.replace("\r", "\n")) if "\r" in text else StepOutput(text)


def collapse_blank_lines(text: str) -> StepOutput:
    """Empty whitespace-only lines, fold blank-line runs into one, trim the ends.

    Deleting furniture lines leaves runs of blank lines; the author's own paragraph breaks
    (one blank line) survive as one blank line.  Trailing spaces are dropped; no character
    inside a line changes (CLEANING.md section 3).  Everything deleted is reported as
    ``blank``: a whitespace-only line's text, a line's trailing spaces, and the line breaks
    of the blank lines folded away or trimmed at the ends.
    """
    spans: list[tuple[int, int]] = []
    kept: list[str] = []
    kept_ends: list[int] = []  # offset in ``text`` of the end of each kept line
    pos = 0
    size = len(text)
    for line in text.split("\n"):
        stripped = line.rstrip(BLANK_CHARS)
        end = pos + len(line)
        if not stripped.strip(BLANK_CHARS):
            if line:
                spans.append((pos, end))
            if kept and kept[-1]:
                kept.append("")
                kept_ends.append(end)
            elif end < size:  # folded away: its line break goes too
                spans.append((end, end + 1))
        else:
            if len(stripped) < len(line):
                spans.append((pos + len(stripped), end))
            kept.append(stripped)
            kept_ends.append(end)
        pos = end + 1
    while kept and not kept[-1]:
        kept.pop()
    # The output's line breaks are those after the kept lines but the last: the break after
    # the last one, and after a trailing blank line the loop kept and the trim dropped, go.
    for end in kept_ends[max(len(kept) - 1, 0):]:
        if end < size:
            spans.append((end, end + 1))
    if not spans:
        return StepOutput(text)
    spans.sort()
    return StepOutput("\n".join(kept), Removals.of_spans(STEP, "blank", text, spans))


# A paragraph cut by a page break or an inserted caption ends mid-sentence: a long line of
# prose whose last character is a Han character, followed after a blank line by a line that
# goes on with one.  Two lines with no blank line between are the source's own line breaks
# (a forum's hard wrap, a poem, a list) and are never joined.
_JOIN_MIN_CHARS = 30
# Not colons: a headline has them ("巴勒斯坦人拒絕：我們會死在這裡"); a paragraph of 30
# characters has a comma before its cut.
_CLAUSE_MARKS = "，、,；;"
_CONTINUES = "，。、；：,.;:！？!?）)」』”’"
_NEW_PARAGRAPH = lazy_re.compile(r"^([一二三四五六七八九十]+[、.．]|第.{1,3}[章节節条條部篇]|[#>*\-+]|\d+[、.．])")


# A numbered section heading ("1.1 独立悬架是行业主流,半主动悬架常见于…") is long and has
# commas, but it is a heading: the paragraph after it is not its second half.
_SECTION_NUMBER = lazy_re.compile(r"^\s*(\d+(\.\d+)+|\d+)\s+\S")


def _cut_paragraph(line: str) -> bool:
    """A line that looks like the first half of a paragraph a page break cut."""
    return (len(line) >= _JOIN_MIN_CHARS and is_han(line[-1]) and not line.startswith("#")
            and any(c in line for c in _CLAUSE_MARKS) and not _SECTION_NUMBER.match(line))


# A short line that ends no sentence is a heading ("总结", "参考资料", "两次转院,病情加重"),
# not the second half of a sentence: a join would glue it onto the list line or paragraph
# above it (a lead the page cut off mid-sentence over the first subheading).
_ANY_PUNCT = lazy_re.compile(r"[，。、；：！？“”「」（）《》,.;:!?()\[\]…—]")


# Up to this length (a longer heading too: the rest of a cut paragraph ends its sentence, and
# "从统计数据看民营企业的自主创新" under a headline is the article's first heading, not the
# headline's second half).
_HEADING_MAX_CHARS = 30


# The mark that ends a paragraph (or a sentence).
_PARAGRAPH_END = lazy_re.compile(r"[。！？!?…」』”’）)；;：:.]$")


def _heading_like(line: str) -> bool:
    return len(line) <= _HEADING_MAX_CHARS and _PARAGRAPH_END.search(line) is None


def _continuation(line: str) -> bool:
    return (bool(line) and (is_han(line[0]) or line[0] in _CONTINUES) and not _NEW_PARAGRAPH.match(line)
            and not _heading_like(line))


# A page whose paragraphs end with a mark: at least this share of its punctuated lines of
# ten characters or more.
_PUNCTUATED_SHARE = 0.5
_PROSE_MIN_CHARS = 10


def _ends_its_paragraphs(lines: list[str]) -> bool:
    """Whether the page's author ends a paragraph with a mark: then one that ends on a Han
    character was cut.  A blog that ends none with a full stop ("…转发数据包的过程" over
    "能够将数据包转发到…") has no cut paragraph a blank line could show."""
    prose = [s for s in (line.strip(BLANK_CHARS) for line in lines)
             if len(s) >= _PROSE_MIN_CHARS and _ANY_PUNCT.search(s) is not None]
    return sum(_PARAGRAPH_END.search(s) is not None for s in prose) >= _PUNCTUATED_SHARE * len(prose)


def join_broken_paragraphs(text: str) -> StepOutput:
    """Join ``…打好“五张牌”的精`` + (blank or removed lines) + ``准落实。…`` into one line.

    Only the line breaks (and blank lines) between the two halves are removed, reported as
    ``paragraph-join``; titles, headings and lines that end a sentence are never joined,
    nor any line of a page whose author ends no paragraph with a mark.
    """
    if "\n" not in text:
        return StepOutput(text)
    lines = text.split("\n")
    removals: list[Removal] = []
    out: list[str] = []
    pos = 0  # offset of the current line in ``text``
    last = -1  # index in ``out`` of the last non-blank line
    gap_start = 0  # offset in ``text`` where the break after that line starts
    for line in lines:
        body = line.strip(BLANK_CHARS)
        if body:
            blank_between = len(out) - 1 > last  # a blank line after the last kept line
            if (last >= 0 and blank_between and _cut_paragraph(out[last].rstrip(BLANK_CHARS))
                    and _continuation(body)):
                if not removals and not _ends_its_paragraphs(lines):
                    return StepOutput(text)  # asked at the first cut only: most pages have none
                gap = text[gap_start:pos + len(line) - len(line.lstrip(BLANK_CHARS))]
                removals.append(Removal(STEP, gap_start, gap_start + len(gap), gap, "paragraph-join"))
                out[last:] = [out[last].rstrip(BLANK_CHARS) + line.lstrip(BLANK_CHARS)]
            else:
                out.append(line)
                last = len(out) - 1
            gap_start = pos + len(line)
        else:
            out.append(line)
        pos += len(line) + 1
    if not removals:
        return StepOutput(text)
    return StepOutput("\n".join(out), removals)
