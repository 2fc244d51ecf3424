"""Markdown and HTML residue: the syntax a crawler, a reader or an export leaves in text.

CLEANING.md section 4.  Web text often arrives as the Markdown of a crawler or reader
(r.jina.ai-style envelopes, Jekyll and Medium exports, WeChat/Zhihu mirrors) or with HTML
tags and entities left in.  This step deletes that syntax before ``chrome`` judges lines,
so chrome sees plain lines: link syntax goes and its label stays, link-only menus, image
lines, rules, empty headings, front matter and envelopes go, tags and entities go inside
kept text, code blocks stay.  ``**bold**``, ``>`` quotes and ``#`` headings are the
author's layout and stay as written.

Deletion only, like every step: a removal is a span of the input (an entity is deleted,
not decoded; ``&amp;`` loses its ``amp;`` and so reads ``&``).  It is a line scanner of
regular expressions rather than a Markdown parser: markdown-it-py and its kin give block
tokens a line range but no column for inline tokens (markdown-it issues #675, #995), and a
deletion-only step needs the exact span of every ``[``, ``](…)`` and ``<tag>``.

Idempotent: a line is scanned until nothing more goes (``<<b>p>`` loses ``<b>``, then
``<p>``), and a code block whose lines would lose something as plain text keeps its fences,
so that a second run still sees code there.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from . import lazy_re
from .layout import BLANK_CHARS
from .report import Removal, StepOutput, apply_removals

STEP = "markup"
# Every reason this step reports (as ``markup:<reason>``): check validates rule ids against it.
REASONS = ("front-matter", "code-fence", "image", "html-tag", "link-syntax", "entity", "strikethrough",
           "escape", "nav-links", "reader-envelope", "rule", "empty-heading", "empty-quote",
           "link-definition", "url-only", "empty-item", "jammer", "template-tag")

# Anything that can start residue: a text without any skips the step.  One search per
# pattern: each starts with a literal, which re finds at memchr speed (one alternation of
# them all is a hundred times slower on text without markup).  No two runs of blanks follow
# each other in the line trigger: a line of spaces would be quadratic.
_TRIGGERS = tuple(re.compile(p) for p in (
    r"\]\(", r"!\[", r"~~", r"<[A-Za-z!/]", r"&#?[A-Za-z0-9]+;", r"://", r"www\.", r"\\[!-/:-@\[-`{-~]",
    r"\{\{", r"\{%", r"llms\.txt"))
_LINE_TRIGGER = (r"[ \t]*(?:([-*_=`~])[ \t]*\1[ \t]*\1|\+[-=]|#+[ \t]*(?:\n|$)|>[ \t>]*(?:\n|$)"
                 r"|\[[^\]\n]*\]:|\[[ \t]*(?:\n|$)|(?:[-*+][ \t]*)?[|｜]|[-*+•][ \t]*(?:\n|$)"
                 r"|(?:Title|URL Source|URL|Published Time|Markdown Content|Warning):)")
_FIRST_LINE_TRIGGER = lazy_re.compile(_LINE_TRIGGER)
_NEXT_LINE_TRIGGER = lazy_re.compile("\n" + _LINE_TRIGGER)

# --- inline residue ------------------------------------------------------------------------
_LABEL = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*"  # one level of nested brackets: ![[笑]](…)
# A destination looks like a URL or a path (so "[1](2019)" in prose is not a link).
_DEST = r"(?:<[^<>\n]*>|(?=[^()\s]*[/.:#?=])(?:[^()\s]|\([^()\s]*\))+)?"
_TARGET = rf"""\(\s*{_DEST}(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"""
_URL = r"(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]+"
_LIST_MARK = r"(?:[-*+•](?=\s)|\d{1,3}[.)、](?=\s))"

# HTML element names (WHATWG, with the obsolete ones pages still carry).  Other <words> are
# text: List<String>, <excludeFolder url="…"/>, <中国>.
_TAGS = frozenset("""
    a abbr address area article aside audio b base bdi bdo big blink blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div
    dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
    marquee menu meta meter nav nobr noscript object ol optgroup option output p param picture
    pre progress q rp rt ruby s samp script section select small source span strike strong style
    sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u
    ul var video wbr
""".split())  # noqa: SIM905 (a word list reads better so)


@lru_cache(maxsize=1)
def _entity_names() -> frozenset[str]:
    """HTML's named entities (``amp``, ``nbsp``), read on first use, as ``_scan_patterns``."""
    from html.entities import html5

    return frozenset(name[:-1] for name in html5 if name.endswith(";"))


@lru_cache(maxsize=1)
def _scan_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of the scan itself, compiled on its first use: most pages hold no markup
    (the triggers above rule them out), and compiling these costs every start-up of
    ``strip`` tens of milliseconds otherwise."""
    return {
        # The lookahead on the first character makes a search nine times faster (re has no
        # first-character test of its own for these alternatives).
        "inline": re.compile(rf"""(?=[`\[!~<&\\])(?:
   (?P<code>(?P<ticks>`+)(?!`)[^\n]{{1,1000}}?(?<!`)(?P=ticks)(?!`))
  |(?P<image>\[\s*!\[{_LABEL}\]{_TARGET}\s*\]{_TARGET}|!\[{_LABEL}\]{_TARGET})
  |(?P<link>\[(?P<label>{_LABEL})\]{_TARGET})
  |(?P<strike>~~(?=[^\s~])(?P<struck>[^~\n]+?)(?<=[^\s~])~~)
  |(?P<autolink><(?:https?|ftp|mailto):[^<>\s]*>)
  |(?P<script>(?i:<(?P<block>script|style)\b[^<>]*>.*?</(?P=block)\s*>))
  |(?P<comment><!--.*?-->)
  |(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>)
  |(?P<entity>&(?P<amps>(?:amp;)*)(?P<ent>(?:\#[0-9]{{1,7}}|\#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});)?)
  |(?P<pair>\\\\)
  |(?P<escape>\\(?=[!-/:-@\[-`{{-~]))
)""", re.VERBOSE),
        "word": re.compile(r"\w"),
        "sentence_punct": re.compile(r"[。！？!?；;，,]"),
        # --- whole-line residue ---
        "rule": re.compile(r"(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,}"
                           r"|\+(?:[-=]+\+)+|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?"
                           r"|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{3,}:?"),
        "empty_heading": re.compile(r"#{1,6}(?:[ \t]+#*)?"),
        "empty_quote": re.compile(r">(?:[ \t]*>)*"),
        # a list item's marker left alone on its line, its text on the next (a crawler's <li><p>)
        "empty_item": re.compile(r"[-*+•]"),
        "link_def": re.compile(rf"""\[[^\[\]\n]{{1,60}}\]:[ \t]*(?:<[^<>\n]*>|{_URL}|/\S*|\#\S*)?"""
                               r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?"""),
        "link_end": re.compile(rf"\]{_TARGET}"),  # the last line of a link whose label spans lines
        "link_start": re.compile(r"\[[ \t]*"),
        "list_item": re.compile(rf"^\s*{_LIST_MARK}"),
        "url_only": re.compile(rf"(?:>[ \t]*)*(?:{_LIST_MARK}[ \t]*)?[*_]*(?:{_URL}[ \t|,，;；]*)+[*_]*"),
        "separators": re.compile(r"[-*+ \t]*[|｜][-*+|｜ \t]*"),
        "skeleton": re.compile(r"[\s#>*_\-+|｜·•›»«/\\:：,，、.~=]*(?:\d{1,3}[.)、][\s*_]*)?"),
        "heading": re.compile(r"#{1,6}\s"),
        "fence": re.compile(r" {0,3}(`{3,}(?=[^`]*$)|~{3,})"),
        # YAML front matter: a first line "---", then keys, comments, list items and indented
        # continuations, then "---" or "...".
        "yaml_line": re.compile(r"\s*(?:#.*)?|[A-Za-z_][\w.-]*[ \t]*:(?:\s.*)?|\s+\S.*|\s*-(?:\s.*)?"),
        "envelope": re.compile(r"(Title|URL Source|URL|Published Time|Markdown Content|Warning):[ \t]*(.*)"),
        "title_suffix": re.compile(r"\s*[-–—_|｜·]\s*[^-–—_|｜·]{1,30}$"),
    }


HEAD_LINES = 12
_NAV_MAX_LABEL = 8   # word characters of a lone link that is a menu item or a button
_NAV_MAX_LEFTOVER = 12  # words around the links of a menu line (上一篇：, Converted by)
_MENU_MAX_LABEL = 16  # word characters of an item of a menu list (2025年12月(4), 360网络安全周报)

# Which reason a line gets when its removals leave nothing: the weightiest of them.
_LINE_REASON = ("image", "html-tag", "link-syntax", "entity", "strikethrough", "escape", "jammer")


def may_hold_markup(text: str) -> bool:
    """Whether ``text`` has anything this step could remove (a few literal searches, and one
    for a forum's jammer run)."""
    return (any(p.search(text) for p in _TRIGGERS) or _FIRST_LINE_TRIGGER.match(text) is not None
            or _NEXT_LINE_TRIGGER.search(text) is not None or _JAMMER_GATE.search(text) is not None)


# --- a forum's anti-copy jammer --------------------------------------------------------------
# Discuz and its kin print random characters in a hidden font between a post's lines
# (``<font class="jammer">``); a crawler keeps them as runs of one- and two-character ASCII
# tokens, on their own line or glued to the text: "5 z! G( Y! @, {) 正文…", "…正文& \7 ^3 d7 M( R".
_JAMMER_RUN = lazy_re.compile(r"(?<![!-~])[!-~]{1,2}(?:[ \t]{1,2}[!-~]{1,2}){4,}(?![!-~])")
# Three tokens of a run between blanks, the first after a space: what every run holds, found
# on the space's literal (a search from a class tries every character of a CJK text).
_JAMMER_GATE = lazy_re.compile(r" [!-~]{1,2}[ \t]{1,2}[!-~]{1,2}[ \t]{1,2}[!-~]{1,2}[ \t]")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# A run is random when this share of its tokens pairs characters of two kinds (a letter and a
# digit or a mark: "t6", "v;", "@9"), more hold a mark, and none is a word of two letters; an
# author's "x = 1 + 2", "1. 2. 3." or "if (a > b) { x = 1; }" has fewer, no letters, or a word.
_JAMMER_MIXED_SHARE = 0.35
_JAMMER_MIN_MIXED = 3
_JAMMER_MIN_MARKS = 3  # distinct marks


def _kind(c: str) -> int:
    return 2 if c in _ASCII_PUNCT else 1 if c.isdigit() else 0


def _jammer_spans(text: str) -> list[tuple[int, int, str]]:
    """The jammer runs of ``text`` (see ``_JAMMER_RUN``): random by the mix of their tokens."""
    out = []
    for m in _JAMMER_RUN.finditer(text):
        tokens = m.group().split()
        mixed = sum(1 for t in tokens if len(t) == 2 and _kind(t[0]) != _kind(t[1]))
        marked = sum(1 for t in tokens if any(c in _ASCII_PUNCT for c in t))
        marks = {c for t in tokens for c in t if c in _ASCII_PUNCT}
        if (mixed >= _JAMMER_MIN_MIXED and mixed >= _JAMMER_MIXED_SHARE * len(tokens)
                and marked >= _JAMMER_MIXED_SHARE * len(tokens) and len(marks) >= _JAMMER_MIN_MARKS
                and any(c.isalpha() for t in tokens for c in t)
                and not any(len(t) == 2 and t.isalpha() for t in tokens)):
            # with the blanks that part it from the text: after it, or before it at the end
            start, end = m.start(), m.end()
            while end < len(text) and text[end] in " \t":
                end += 1
            if end == len(text):
                while start > 0 and text[start - 1] in " \t":
                    start -= 1
            out.append((start, end, "jammer"))
    return out


def remove_markup(text: str) -> StepOutput:
    """The ``markup`` step: delete Markdown and HTML residue (CLEANING.md section 4)."""
    if not may_hold_markup(text):
        return StepOutput(text)
    removals = detect_markup(text)
    return StepOutput(apply_removals(text, removals), removals) if removals else StepOutput(text)


def detect_markup(text: str) -> list[Removal]:
    """Every residue span of ``text`` with its reason (``markup:<reason>``), sorted."""
    lines = text.split("\n")
    first = _front_matter_end(lines)
    found: dict[int, _Line] = {i: _Line(lines[i], "front-matter") for i in range(first)}
    code: set[int] = set()  # the lines of code blocks that keep their fences
    fence_line = _scan_patterns()["fence"]
    i = first
    while i < len(lines):
        fence = fence_line.match(lines[i])
        if fence:
            close = _closing_fence(lines, i, fence.group(1))
            if close is None:  # an unclosed fence (a cut page, an export's stray): not code
                found[i] = _Line(lines[i], "code-fence")
                i += 1
                continue
            if all(_scan_line(lines, k).empty for k in range(i + 1, close)):
                found[i] = _Line(lines[i], "code-fence")
                found[close] = _Line(lines[close], "code-fence")
            else:  # its lines would lose something as text: fences and all stay code
                code.update(range(i, close + 1))
            i = close + 1
            continue
        if may_hold_markup(lines[i]):
            scanned = _scan_line(lines, i)
            if not scanned.empty:
                found[i] = scanned
        i += 1
    _unfenced_code(lines, found)
    _menu_lists(lines, found)
    _envelope(lines, first, found, code)
    _template_tags(lines, found, code)

    removals: list[Removal] = []
    pos = 0
    for i, line in enumerate(lines):
        residue = found.get(i)
        if residue is not None:
            if residue.whole:
                end = pos + len(line) + (1 if i < len(lines) - 1 else 0)
                removals.append(Removal(STEP, pos, end, text[pos:end], f"markup:{residue.whole}"))
            else:
                removals.extend(Removal(STEP, pos + a, pos + b, line[a:b], f"markup:{reason}")
                                for a, b, reason in residue.removed)
        pos += len(line) + 1
    return removals


class _Line:
    """What goes of one line: all of it (``whole``, a reason) or the ``removed`` spans
    ``(start, end, reason)`` of it, sorted and apart; ``rest`` is what is left."""

    __slots__ = ("_rest", "item_words", "line", "removed", "whole")

    def __init__(self, line: str, whole: str | None = None):
        self.line = line
        self.whole = whole
        self.removed: list[tuple[int, int, str]] = []
        self._rest = line
        # a list item that is one link and nothing else: the word characters of its label
        self.item_words: int | None = None

    @property
    def empty(self) -> bool:
        return self.whole is None and not self.removed

    @property
    def rest(self) -> str:
        return "" if self.whole else self._rest

    def kept(self) -> list[tuple[int, int]]:
        """The spans of the line that are left, in order."""
        out, pos = [], 0
        for a, b, _ in self.removed:
            if a > pos:
                out.append((pos, a))
            pos = b
        if pos < len(self.line):
            out.append((pos, len(self.line)))
        return out

    def in_line(self, a: int, b: int) -> list[tuple[int, int]]:
        """The spans of the line that ``rest[a:b]`` is made of."""
        out, pos = [], 0
        for x, y in self.kept():
            lo, hi = max(a, pos), min(b, pos + y - x)
            if lo < hi:
                out.append((x + lo - pos, x + hi - pos))
            pos += y - x
            if pos >= b:
                break
        return out

    def mark(self, spans: list[tuple[int, int, str]]) -> None:
        """Remove these spans of ``rest`` too."""
        new = [(x, y, reason) for a, b, reason in spans for x, y in self.in_line(a, b)]
        merged: list[tuple[int, int, str]] = []
        for x, y, reason in sorted(self.removed + new):
            if merged and merged[-1][1] == x and merged[-1][2] == reason:
                merged[-1] = (merged[-1][0], y, reason)
            else:
                merged.append((x, y, reason))
        self.removed = merged
        self._rest = "".join(self.line[x:y] for x, y in self.kept())


# A line of a style sheet or a program: a selector opening its block, a closing brace, a
# declaration ("width:100px;"), a statement with its call or assignment ("x.set(1);"), a
# server page's tag ("<% … %>", "<?php").  Prose ends in Chinese punctuation, residue in a tag.
# (matched on the stripped line, up to this long: one start, so a search is linear)
_CODE_LINE = lazy_re.compile(r"(?:[.#@]?[\w\-.#:,>*\[\]=\" ]+\{|\}[;,)]?|[\w-]+\s*:\s*[^;{}。，]+;"
                             r"|(?=[^。，！？\n]*[(=])[^。，！？\n]*[\w)\]\"']\s*;(?:\s*//.*)?"
                             r"|<%.*%>|<\?php\b.*|\?>)")
_CODE_LINE_MAX = 1000


def _unfenced_code(lines: list[str], found: dict[int, _Line]) -> None:
    """A listing pasted without fences: lines whose only residue is tags (``<a href="tel:…">…</a>``,
    ``<!-- 注释 -->``) in a run with style or program lines (``.box{``, ``width:100px;``, ``<% … %>``),
    or under a line that announces them with a colon ("在html页里:") on a page that holds such
    lines elsewhere, are the author's code, not a crawler's residue, and stay whole (CLEANING.md section 4:
    code stays).  Blank lines do not end a run; a line of text does.  (A copy button under a
    listing would be evidence too, but the chrome step removes it, and a second run would then
    judge the tags without it.)"""
    def tag_only(k: int) -> bool:
        line = found.get(k)
        return line is not None and (line.whole or "html-tag") == "html-tag" and all(
            reason == "html-tag" for _, _, reason in line.removed)

    if not any(tag_only(k) for k in found):
        return  # most pages with residue hold no line of tags alone
    code_lines = [i not in found and 0 < len(t := line.strip(BLANK_CHARS)) <= _CODE_LINE_MAX
                  and _CODE_LINE.fullmatch(t) is not None for i, line in enumerate(lines)]
    listing = any(code_lines)
    run: list[int] = []
    code = introduced = False  # a code line in the run; a line of text ending in a colon over it
    for i in range(len(lines) + 1):
        text = lines[i].strip(BLANK_CHARS) if i < len(lines) else ""
        if i < len(lines) and not text:
            continue
        if i < len(lines) and tag_only(i):
            run.append(i)
            continue
        if i < len(lines) and code_lines[i]:
            code = True
            run.append(i)
            continue
        if code or (run and introduced):
            for k in run:
                found.pop(k, None)
        run, code = [], False
        introduced = listing and text.endswith((":", "："))


# A web template's tag printed unrendered: "{{ 'product.gift.label' | translate }}",
# "{{item.quantity}}x", "{% hint style="warning" %}" (Angular, Vue, Liquid, Jinja, Hugo).
# (no brace inside, and bounded: a line of a thousand "{{" is searched in linear time)
_TEMPLATE_TAG = lazy_re.compile(r"\{\{[^{}\n]{0,300}\}\}|\{%[^{}\n]{0,300}%\}")
_TEMPLATE_OPEN = lazy_re.compile(r"\{\{|\{%")
_TEMPLATE_CLOSE = lazy_re.compile(r"\}\}|%\}")
# What a tag's line may hold beside its tags: a few characters ("x NT$0", "點"), no phrase.
_TEMPLATE_LEFTOVER_MAX = 12
_HAN_PHRASE = lazy_re.compile(r"[\u4e00-\u9fff]{3}")
# A tag left open goes on over this many lines at most ("{{ (a ? b" / ": c) | f" / "}}").
_TEMPLATE_OPEN_LINES = 8


def _template_tags(lines: list[str], found: dict[int, _Line], code: set[int]) -> None:
    """The lines of a page template printed unrendered (a shop's, a docs site's): its tags
    with a few characters beside them at most, and the lines of a tag left open on one line
    and closed on a later one.  A line of text that holds a tag keeps it, and a code block
    keeps its lines (a tutorial's samples)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in code or ("{{" not in line and "{%" not in line):
            i += 1
            continue
        rest = _TEMPLATE_TAG.sub("", line.strip(BLANK_CHARS))
        opened = _TEMPLATE_OPEN.search(rest)
        before = rest[:opened.start()] if opened is not None else rest
        if len("".join(before.split())) > _TEMPLATE_LEFTOVER_MAX or _HAN_PHRASE.search(before):
            i += 1
            continue
        if opened is None:
            found[i] = _Line(line, "template-tag")
            i += 1
            continue
        # an open tag: the lines down to its close, none of them text
        end = next((k for k in range(i + 1, min(len(lines), i + 1 + _TEMPLATE_OPEN_LINES))
                    if k not in code and _TEMPLATE_CLOSE.search(lines[k])), None)
        if end is None or any(_HAN_PHRASE.search(lines[k]) for k in range(i + 1, end + 1)):
            i += 1
            continue
        for k in range(i, end + 1):
            found[k] = _Line(lines[k], "template-tag")
        i = end + 1


def _menu_lists(lines: list[str], found: dict[int, _Line]) -> None:
    """A list of lone links, most of them menu words, is a menu: its items with longer
    labels (up to ``_MENU_MAX_LABEL`` word characters) go with it.  A list of titles (an
    author's own posts) has no short items and stays for chrome to judge."""
    run: list[_Line] = []
    for i in range(len(lines) + 1):
        line = found.get(i) if i < len(lines) else None
        if line is not None and line.item_words is not None:
            run.append(line)
            continue
        if i < len(lines) and not lines[i].strip(BLANK_CHARS):
            continue  # blank lines between the items of a loose list
        short = sum(1 for item in run if item.whole)
        if len(run) >= 3 and 2 * short >= len(run):
            for item in run:
                if item.item_words is not None and item.item_words <= _MENU_MAX_LABEL:
                    item.whole = "nav-links"
        run = []


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines of a leading YAML front-matter block, or 0."""
    if not lines or lines[0].strip(BLANK_CHARS) != "---":
        return 0
    for i, line in enumerate(islice(lines, 1, 300), 1):
        if line.strip(BLANK_CHARS) in ("---", "..."):
            return i + 1 if i > 1 else 0
        if not _scan_patterns()["yaml_line"].fullmatch(line):
            return 0
    return 0


# A docs platform's note over its Markdown export (GitBook): "> For the complete documentation
# index, see llms.txt. Markdown versions of documentation pages are available by …".
_DOCS_INDEX_NOTE = lazy_re.compile(r">?\s*For the complete documentation index,? see llms\.txt", re.IGNORECASE)


def _envelope(lines: list[str], first: int, found: dict[int, _Line], code: set[int]) -> None:
    """A reader's envelope at the head (``Title:``, ``URL Source:``, ``Published Time:``,
    ``Markdown Content:``; a crawler's ``URL:`` under its title line; a docs platform's index
    note over the page) goes: marked in ``found``.  The ``Title:`` value stays when the page has no other copy of the title (its
    site suffix goes: "标题-36氪"); ``Title:`` and ``Warning:`` count only beside a reader's
    own labels.  Judged on what the other residue leaves of each line, so that a second
    run sees the same head.
    """
    top = next((i for i in range(first, min(len(lines), first + HEAD_LINES)) if lines[i].strip(BLANK_CHARS)), None)
    if top is not None and top not in code and _DOCS_INDEX_NOTE.match(
            (found[top].rest if top in found else lines[top]).strip(BLANK_CHARS)):
        found[top] = _Line(lines[top], "reader-envelope")
    head: list[tuple[int, str, str]] = []
    heading = False  # one heading may sit among them (a crawler's title above its "URL:")
    for i in range(first, min(len(lines), first + HEAD_LINES)):
        s = lines[i].strip(BLANK_CHARS) if i in code else (found[i].rest if i in found else lines[i]).strip(BLANK_CHARS)
        if not s:
            continue
        m = None if i in code else _scan_patterns()["envelope"].fullmatch(s)
        if m is None or not _envelope_value(m.group(1), m.group(2)):
            if heading or not _scan_patterns()["heading"].match(s):
                break
            heading = True
            continue
        head.append((i, m.group(1), m.group(2)))
    labels = {label for _, label, _ in head}
    reader = bool(labels & {"URL Source", "Published Time", "Markdown Content"})
    envelope = {i for i, _, _ in head}
    for i, label, value in head:
        if label in ("Title", "Warning") and not reader:
            continue
        line = found.setdefault(i, _Line(lines[i]))
        if label == "Title" and value and not _has_other_copy(value, lines, envelope):
            # the label goes, and the site's name after the title of the page's <title>
            rest = line.rest
            start = rest.index(value)
            cuts = [(0, start, "reader-envelope")]
            suffix = _scan_patterns()["title_suffix"].search(value)
            if suffix and suffix.start() >= 4:
                cuts.append((start + suffix.start(), len(rest), "reader-envelope"))
            line.mark(cuts)
        else:
            line.whole = "reader-envelope"


def _envelope_value(label: str, value: str) -> bool:
    if label in ("URL Source", "URL"):
        return re.fullmatch(_URL, value) is not None
    if label == "Published Time":
        return value[:1].isdigit()
    if label == "Markdown Content":
        return not value
    return True


def _has_other_copy(title: str, lines: list[str], skip: set[int]) -> bool:
    """Whether a line other than the envelope's holds ``title`` (a site suffix aside:
    "标题 - V2EX", "标题-36氪")."""
    core = _scan_patterns()["title_suffix"].sub("", title)
    wanted = {title, core} if len(core) >= 4 else {title}
    for i, line in enumerate(lines):
        if i not in skip and line.strip(BLANK_CHARS).lstrip("#").strip(BLANK_CHARS).strip("*").strip(BLANK_CHARS) in wanted:
            return True
    return False


def _closing_fence(lines: list[str], i: int, opening: str) -> int | None:
    char, size = opening[0], len(opening)
    closing = re.compile(rf" {{0,3}}{re.escape(char)}{{{size},}}[ \t]*")
    for k in range(i + 1, len(lines)):
        if closing.fullmatch(lines[k]):
            return k
    return None


def _scan_line(lines: list[str], i: int) -> _Line:
    """The residue of line ``i``: inline spans until nothing more goes (``<<b>p>`` loses
    ``<b>``, then ``<p>``), then the whole line when what is left is residue too."""
    line = _Line(lines[i])
    labels: list[tuple[int, int]] = []  # the link labels, as spans of the line
    links = 0
    for _ in range(4):
        spans, inner, n = _inline_spans(line.rest)
        if not spans:
            break
        links += n
        labels.extend(x for a, b in inner for x in line.in_line(a, b))
        line.mark(spans)
    rest = line.rest
    if line.removed and _scan_patterns()["skeleton"].fullmatch(rest):
        reasons = {r for _, _, r in line.removed}
        line.whole = next(r for r in _LINE_REASON if r in reasons)
    elif whole := _whole_line(rest, lines, i):
        line.whole = whole
    elif links and not _scan_patterns()["heading"].match(rest.lstrip()):  # a heading keeps its link's label
        inside, outside = _link_words(rest, _flags(line, labels))
        patterns = _scan_patterns()
        word, sentence_punct = patterns["word"], patterns["sentence_punct"]
        words_in, words_out = len(word.findall(inside)), len(word.findall(outside))
        if links >= 2:  # a menu: links with a few words around them ([«](…) 上一篇： [标题](…))
            if words_out <= min(_NAV_MAX_LEFTOVER, words_in // 2) and not sentence_punct.search(outside):
                line.whole = "nav-links"
        elif words_out == 0 and words_in and not sentence_punct.search(inside):
            # one link and nothing else: a button or a user name when its label is short,
            # and maybe an item of a menu list (see _menu_lists)
            if words_in <= _NAV_MAX_LABEL:
                line.whole = "nav-links"
            if _scan_patterns()["list_item"].match(rest):
                line.item_words = words_in
    return line


def _flags(line: _Line, spans: list[tuple[int, int]]) -> list[bool]:
    """For each character of ``line.rest``: whether it lies in one of ``spans``."""
    inside = [False] * len(line.line)
    for a, b in spans:
        inside[a:b] = [True] * (b - a)
    return [flag for x, y in line.kept() for flag in inside[x:y]]


def _inline_spans(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]], int]:
    """One left-to-right pass over ``text``: removed spans with their reasons, the label
    spans of links, and the number of links."""
    spans: list[tuple[int, int, str]] = []
    labels: list[tuple[int, int]] = []
    links = 0
    pos = 0
    inline = _scan_patterns()["inline"]
    while True:
        m = inline.search(text, pos)
        if m is None:
            break
        kind = m.lastgroup  # the outermost group of the alternative that matched
        pos = m.end()
        if kind == "image":
            spans.append((m.start(), m.end(), "image"))
        elif kind in ("link", "strike"):  # the syntax around goes, the text inside stays
            a, b = m.span("label" if kind == "link" else "struck")
            reason = "link-syntax" if kind == "link" else "strikethrough"
            spans.append((m.start(), a, reason))
            inner, inner_labels, n = _inline_spans(text[a:b])
            spans.extend((x + a, y + a, r) for x, y, r in inner)
            if kind == "link":
                labels.append((a, b))
                links += 1
            labels.extend((x + a, y + a) for x, y in inner_labels)
            links += n
            spans.append((b, m.end(), reason))
        elif kind == "autolink":
            spans.append((m.start(), m.start() + 1, "link-syntax"))
            spans.append((m.end() - 1, m.end(), "link-syntax"))
        elif kind == "tag" and _named_in_a_list(text, m.start(), m.end()):
            pos = m.start() + 1  # "<div>、<table>、<pre>": the author names the tags, as text
        elif kind in ("script", "comment") or (kind == "tag" and m.group("name").lower() in _TAGS):
            spans.append((m.start(), m.end(), "html-tag"))
        elif kind == "entity":
            ent = m.group("ent")
            if ent and (ent[0] == "#" or ent[:-1] in _entity_names()):
                spans.append((m.start(), m.end(), "entity"))
            elif m.group("amps"):  # "&amp;" reads "&" once its "amp;" is gone
                spans.append((m.start() + 1, m.start() + 1 + len(m.group("amps")), "entity"))
            else:
                pos = m.start() + 1
        elif kind == "escape":
            spans.append((m.start(), m.start() + 1, "escape"))
        elif kind == "tag":  # not an HTML element: text, and what is inside it too
            pos = m.start() + 1
    if _JAMMER_GATE.search(text) is not None:
        spans.extend(j for j in _jammer_spans(text) if not any(a < j[1] and j[0] < b for a, b, _ in spans))
        spans.sort()
    return spans, labels, links


def _named_in_a_list(text: str, start: int, end: int) -> bool:
    """Whether the tag at ``text[start:end]`` is one item of an enumeration the author writes
    with the ideographic comma ("常用的有<div>、<table>、<p>"): a page's residue is never
    listed."""
    return text[end:end + 1] == "、" or (start > 0 and text[start - 1] == "、")


def _whole_line(rest: str, lines: list[str], i: int) -> str | None:
    """The reason a line goes whole, judged on what is left of it after inline residue."""
    s = rest.strip(BLANK_CHARS)
    if not s:
        return None
    patterns = _scan_patterns()
    if patterns["rule"].fullmatch(s):
        return None if "|" in s and _table_row_above(lines, i) else "rule"
    if patterns["fence"].match(rest):  # a fence once its line's residue is gone: a stray now
        return "code-fence"
    if patterns["empty_heading"].fullmatch(s):
        return "empty-heading"
    if patterns["empty_quote"].fullmatch(s):
        return "empty-quote"
    if patterns["empty_item"].fullmatch(s):
        return "empty-item"
    if patterns["link_def"].fullmatch(s):
        return "link-definition"
    if patterns["link_end"].fullmatch(s):
        return "link-syntax"
    if patterns["link_start"].fullmatch(s) and _link_continues(lines, i):
        return "link-syntax"
    if patterns["url_only"].fullmatch(s):
        return "url-only"
    if patterns["separators"].fullmatch(s):
        return None if s == "|" and between_cells(lines, i) else "nav-links"
    return None


def _cell(line: str) -> bool:
    """A table's cell as a crawler flattens a table, one a line: its text, then its bar
    ("鎮人民政府 |", "√ |"); an image's leftover bar ("![]() |") has no text."""
    line = line.strip()
    return line.endswith("|") and any(c.isalnum() or c in "√✓✔" for c in line)


def between_cells(lines: list[str], i: int) -> bool:
    """Whether a bar alone on line ``i`` is an empty cell of such a table: the lines above
    and below it (blank lines aside) are cells with their text (the chrome step asks it too)."""
    above = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
    below = next((lines[k] for k in range(i + 1, len(lines)) if lines[k].strip()), "")
    return _cell(above) and _cell(below)


def _table_row_above(lines: list[str], i: int) -> bool:
    """Whether a pipe table's header row stands right above (a blank line between at most):
    its delimiter row (``|---|---|``) is the author's table as written, not a horizontal rule."""
    word = _scan_patterns()["word"]
    for j in range(i - 1, max(i - 3, -1), -1):
        s = lines[j].strip(BLANK_CHARS)
        if s:
            return "|" in s and word.search(s) is not None
    return False


def _link_continues(lines: list[str], i: int) -> bool:
    """Whether a lone ``[`` opens a link whose label spans lines (``[`` / label / ``](…)``)."""
    patterns = _scan_patterns()
    for line in islice(lines, i + 1, i + 8):
        s = line.strip(BLANK_CHARS)
        if patterns["link_end"].fullmatch(s):
            return True
        if patterns["link_start"].fullmatch(s):
            return False
    return False


def _link_words(rest: str, label: list[bool]) -> tuple[str, str]:
    """The text inside the link labels of ``rest`` and the text around them (a list marker
    aside)."""
    body = _scan_patterns()["list_item"].sub(lambda m: " " * len(m.group()), rest, count=1)
    inside = "".join(c for c, x in zip(body, label) if x)
    outside = "".join(c if not x else " " for c, x in zip(body, label))
    return inside, outside
