"""Web chrome: the page template's lines around (and sometimes inside) an article.

Text extracted from Chinese portals, forums, blogs and document-sharing sites keeps the
site name, meta lines, share widgets, comment boxes, pagination, copyright and "about us"
footers and photo credits.  Each line is classified by the rules in ``rules/chrome.txt``
(data users extend with ``--rules``), and by its position:

* a rule only fires on a short line (its section's ``max``), so the same words inside a
  paragraph stay;
* the *head zone* (before the first paragraph of body text) and the *tail zone* (after the
  last one) also lose site-name lines, date lines and other edge furniture;
* a footer marker in the tail (copyright, disclaimer, comment box...) opens the *footer
  zone*: every later line goes, with the marker's reason, because the template's
  continuation lines (an English disclaimer's second line, the site name) carry no
  vocabulary of their own.

Removals are whole lines with their line break (or the tail of a line, for ``part`` rules);
the layout step then joins a paragraph that furniture cut in two.
"""
from __future__ import annotations

import itertools
import math
import operator
import os
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .errors import InputError
from .layout import BLANK_CHARS
from .line_evidence import FEATURES, LineFacts, LineMemo, marked_lines, meta_marks, page_evidence
from .patterns import compile_pattern, is_anchored, may_match, needle_finder, needles
from .report import Removal, StepOutput, apply_removals, compose_removals

STEP = "chrome"
DEFAULT_MAX = 60

# Sentence punctuation marks a line as prose; a body paragraph ends a head or tail zone.
_SENTENCE_PUNCT = "。！？；!?;…"
# Not colons: a template's meta line ("发布日期：… 来源：… 字号：…") has several, prose has commas.
_CLAUSE_PUNCT = "，、,"
# A body paragraph: long enough and punctuated like prose.
BODY_MIN_CHARS = 40
# ... or, in a page that has none that long, a sentence of this length.
SHORT_BODY_MIN_CHARS = 20
_CJK_SENTENCE_END = re.compile("[。！？]")
# A section heading as authors write them: Markdown, 第一章, 一、
_HEADING = re.compile(r"#|第[一二三四五六七八九十百\d]+[章节節条條部篇回]|[一二三四五六七八九十]+[、.．]")
# Three fields and more between bars: a template's row of meta data or links, not a title
# ("专访｜某某：…" has one bar).
_FIELD_ROW = re.compile(r"[|｜丨].*[|｜丨]")
# What a title never holds: separators of menus and breadcrumbs, such a row, links, a clock
# time.  One bar it may hold: a column's name before it ("早报｜6月3日", "专访｜…").
_TITLE_BREAKERS = re.compile(rf"[›»>/•·]|{_FIELD_ROW.pattern}|https?:|www\.|\d{{1,2}}:\d{{2}}")
# A date written out: a signature's, or a diary entry's with its weekday and weather after
# it ("2018年5月10日 天气多云 星期四"); a template's date is numeric.
_WRITTEN_DATE = re.compile(r"^(\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                           r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
                           r"(\s+((星期|周|週|礼拜|禮拜)[一二三四五六日天]|(天气|天氣)?\S{0,2}[晴阴陰雨雪云雲霾雾霧]\S{0,2})){0,3}$")
# A statement of code as a tutorial prints it outside a code block, its comment after it at
# most: "a = [11,22,33]", "print(id(a))  # 2540558597256", "import copy", "d = copy.copy(c)".
_CODE_STATEMENT = re.compile(r"^([A-Za-z_$][\w.$]*(\[[^\]]*\])?\s*([-+*/%|&^]?=|==|!=|<=|>=)\s*\S"
                             r"|[A-Za-z_$][\w.$]*\((?!\d*\)$).*\)\s*;?$"
                             r"|(def|class|import|from|return|print|var|let|const|function|elif|while)\s+\S)")
_CODE_COMMENT = re.compile(r"\s+(#|//).*$")
# Date (and time) lines of a template: "2022-01-21 14:03:20", "2022年1月21日 14:03".
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(:\d{2})?"
# Words that make a long line a footer (about-site, disclaimer, a translation's notice) rather than body text.
_FOOTER_WORDS = ("本站", "本网", "本網", "本平台", "网站", "網站", "门户", "門戶", "站长", "站長",
                 "版权", "版權", "转载", "轉載", "侵权", "侵權", "免责", "免責", "网民", "網民",
                 "网友", "網友", "著作权", "著作權", "仅代表", "僅代表", "不代表", "平台",
                 "webmaster", "website", "copyright", "reproduced", "the network", "platform", "©",
                 "powered by", "all rights reserved", "翻译文章", "翻譯文章", "原作者", "译文", "譯文", "原创认证", "原創認證")


@dataclass(frozen=True)
class Rule:
    """One compiled section of a rule file: a reason and how its patterns apply."""

    reason: str
    # The section's patterns anchored at the line start (``^...``) and the others, compiled
    # apart: a search that starts inside a line (``part`` rules look at its tail) skips the
    # anchored ones, and without them the search scans for its first characters about 4x
    # faster.  The first match either finds is where the rule's match starts.
    anchored: re.Pattern[str] | None
    floating: re.Pattern[str] | None
    max_len: int
    edge_only: bool
    part: bool
    footer: bool
    source: str  # file the section came from, for --list-rules
    patterns: tuple[str, ...]  # the section's patterns as written, for --list-rules

    # Literals one of which every match of the floating patterns contains
    # (``patterns.needles``), found on first use (not at start-up): most long lines hold none
    # and are not searched.  None: always searched.  The anchored patterns need none: they
    # fail on a line's first characters, sooner than any prefilter would.  (Set by
    # ``_find_needles``, not a ``cached_property``, which a module compiled by mypyc cannot
    # cache.)
    _needles: tuple[str, ...] | None = field(default=None, init=False, compare=False, repr=False)
    _finder: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    _needles_found: bool = field(default=False, init=False, compare=False, repr=False)
    # each floating pattern with its own needles and, once a line needed it, compiled apart
    _parts: list | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # (mypyc's dataclasses leave a field that is not an argument unset)
        for name, value in (("_needles", None), ("_finder", None), ("_needles_found", False), ("_parts", None)):
            object.__setattr__(self, name, value)

    def _find_needles(self) -> None:
        found = needles([p for p in self.patterns if not is_anchored(p)])
        object.__setattr__(self, "_needles", found)
        object.__setattr__(self, "_finder", needle_finder(found))
        object.__setattr__(self, "_needles_found", True)

    @property
    def floating_needles(self) -> tuple[str, ...] | None:
        if not self._needles_found:
            self._find_needles()
        return self._needles

    @property
    def floating_finder(self) -> re.Pattern[str] | None:
        if not self._needles_found:
            self._find_needles()
        return self._finder

    def floating_start(self, line: str, pos: int, folded: str, base: int) -> int | None:
        """Where the floating patterns' first match in ``line[pos:]`` starts (None: none),
        for a long line in which ``floating_finder`` found a needle: each pattern is searched
        only where its own needles are in ``folded`` (the casefolded line from ``base`` on,
        as long as the line's), the earliest start winning as in their alternation.  A
        section's dozens of patterns in one alternation are tried at every position of the
        line, a hundred microseconds for 400 characters; most of them have no needle there."""
        parts = self._parts
        if parts is None:
            # [its needles (None: always searched), the pattern, compiled on first need]
            parts = [[needles([p]), p, None] for p in self.patterns if not is_anchored(p)]
            object.__setattr__(self, "_parts", parts)
        best = None
        window = folded[pos - base:] if pos > base else folded
        for part in parts:
            found = part[0]
            if found is not None and not any(n in window for n in found):
                continue
            if part[2] is None:
                part[2] = compile_pattern(part[1])
            m = part[2].search(line, pos)
            if m is not None and (best is None or m.start() < best):
                best = m.start()
                if not self.part:
                    return best  # a whole-line rule only asks whether one matches
        return best


# A part rule whose window is this long is searched with the others of its kind first
# (``RuleSet._wide_needles``); a narrow window is cheaper to search alone.
_WIDE_PART = 100
# Short lines seen before, with their verdict: a site's template repeats its lines on every
# page of a crawl, so most short lines of a corpus are answered without a regex search.
_MEMO_MAX_CHARS = 120
# Lines longer than this are searched only where a rule's needles occur (``patterns.py``).
_PREFILTER_MIN_CHARS = 100
_MEMO_SIZE = 50_000


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    # what the chrome step computes of a short line alone, across documents (``LineMemo``)
    line_memo: dict = field(default_factory=dict, compare=False, repr=False)
    # Only ``part`` rules can fire on a body paragraph; most lines of a corpus are body
    # paragraphs, so they skip the loop over whole-line rules.
    part_rules: tuple[Rule, ...] = field(init=False, compare=False, repr=False)
    # The footer rules alone: whether one names a paragraph is asked of the first and last
    # paragraph of every page, and most often none does (``names_footer``).
    footer_rules: tuple[Rule, ...] = field(init=False, compare=False, repr=False)
    part_window: int = field(init=False, compare=False, repr=False)  # the part rules' longest max
    # One finder for the needles of every wide part rule (``_WIDE_PART``): a paragraph's tail
    # is searched once for all of them, where each rule would search its own window; built on
    # first use.  A list: [finder] once built ([None]: a rule without needles, no shortcut).
    wide_finder: list = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "part_rules", tuple(r for r in self.rules if r.part))
        object.__setattr__(self, "footer_rules", tuple(r for r in self.rules if r.footer))
        object.__setattr__(self, "part_window", max((r.max_len for r in self.part_rules), default=0))
        object.__setattr__(self, "wide_finder", [])

    def _wide_needles(self) -> re.Pattern[str] | None:
        if not self.wide_finder:
            found: set[str] | None = set()
            for rule in self.part_rules:
                if rule.floating is None or rule.max_len < _WIDE_PART:
                    continue
                mine = rule.floating_needles
                if mine is None or found is None:
                    found = None
                    continue
                found.update(mine)
            self.wide_finder.append(needle_finder(tuple(sorted(found)) if found is not None else None))
        return self.wide_finder[0]

    def names_footer(self, line: str) -> bool:
        """Whether the first rule that fires on ``line`` (at a page's edge) is a footer rule
        (copyright, about-site...) that names it whole.  Only a footer rule can make it so:
        when none of them fires, the others are not asked."""
        if self._search(line, True, False, self.footer_rules) is None:
            return False
        hit = self.match(line, edge=True)
        return hit is not None and hit[0].footer and hit[1] == 0

    def match(self, line: str, edge: bool, body: bool = False) -> tuple[Rule, int] | None:
        """The first rule that fires on ``line`` and where its furniture starts (0 = line).

        A body paragraph can only carry furniture at its end (``part`` rules), searched in
        its last ``max`` characters; whole-line rules skip it.
        """
        if len(line) > _MEMO_MAX_CHARS:
            return self._search(line, edge, body)
        key = (line, edge, body)
        hit = self.memo.get(key, self)
        if hit is self:
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            hit = self.memo[key] = self._search(line, edge, body)
        return hit

    def _search(self, line: str, edge: bool, body: bool,
                rules: tuple[Rule, ...] | None = None) -> tuple[Rule, int] | None:
        n = len(line)
        # A short line is searched as it is: its search is cheap, and its needles would cost
        # more at start-up than they save (most lines a short run sees are short).  A long
        # one is casefolded once, a paragraph only in the part rules' longest window (a part
        # lies in the line's last ``max`` characters), and each rule's needles are looked for
        # in its own window of that (``pos`` less ``base``): case folding most often keeps
        # the length, and where it does not, each window is folded apart.
        prefilter = n > _PREFILTER_MIN_CHARS
        folded = None  # the casefolded line from ``base`` on, on first need
        base = max(0, n - self.part_window) if body else 0
        # a paragraph whose tail holds no wide part rule's needle skips their searches
        wide_absent = False
        if body and prefilter:
            folded = line[base:].casefold()
            wide = self._wide_needles()
            wide_absent = len(folded) == n - base and wide is not None and wide.search(folded) is None
        for rule in self.part_rules if body else self.rules if rules is None else rules:
            if rule.part:
                pos = max(0, n - rule.max_len)
                if pos == 0 and rule.anchored is not None and rule.anchored.match(line) is not None:
                    return rule, 0
                if rule.floating is None or (wide_absent and rule.max_len >= _WIDE_PART):
                    continue
                if prefilter:
                    if folded is None:
                        folded = line[base:].casefold()
                    finder = rule.floating_finder
                    if len(folded) == n - base:
                        if finder is not None and finder.search(folded, pos - base) is None:
                            continue
                        start = rule.floating_start(line, pos, folded, base)
                        if start is not None:
                            return rule, start
                        continue
                    if not may_match(finder, line[pos:].casefold()):
                        continue
                m = rule.floating.search(line, pos)
                if m is not None:
                    return rule, m.start()
                continue
            if body or n > rule.max_len or (rule.edge_only and not edge):
                continue
            if rule.anchored is not None and rule.anchored.match(line) is not None:
                return rule, 0
            if rule.floating is not None:
                if prefilter:
                    folded = line.casefold() if folded is None else folded
                    if not may_match(rule.floating_finder, folded):
                        continue
                    if len(folded) == n:
                        if rule.floating_start(line, 0, folded, 0) is not None:
                            return rule, 0
                        continue
                if rule.floating.search(line) is not None:
                    return rule, 0
        return None


class RuleError(InputError):
    """A rule file that cannot be parsed; the message names the file and line."""


_HEADER = re.compile(r"^\[([\w-]+)((?:\s+[\w-]+(?:=[\w-]+)?)*)\]\s*$")


def _expand(pattern: str, defines: dict[str, str]) -> str:
    """Replace each ``{NAME}`` of an ``@define`` in ``pattern`` (other braces are regex)."""
    for name, value in defines.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


def _add_define(line: str, defines: dict[str, str]) -> bool:
    """Whether ``line`` (stripped) is an ``@define NAME value``; its value, with the earlier
    definitions expanded, goes into ``defines``."""
    if not line.startswith("@define "):
        return False
    _, name, value = line.split(None, 2)
    defines[name] = _expand(value, defines)
    return True


def parse_rules(text: str, source: str) -> list[Rule]:
    """Parse one rule file (format in ``rules/chrome.txt``) into compiled sections."""
    import regex

    sections: list[tuple[str, dict[str, str], list[tuple[int, str]], int]] = []
    defines: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _add_define(line, defines):
            continue
        line = _expand(line, defines)
        header = _HEADER.match(line)
        if header:
            opts = {}
            for item in header.group(2).split():
                key, _, value = item.partition("=")
                opts[key] = value
            sections.append((header.group(1), opts, [], number))
            continue
        if not sections:
            raise RuleError(f"{source}:{number}: a rule before any [reason] section")
        sections[-1][2].append((number, line))
    rules = []
    for reason, opts, patterns, number in sections:
        unknown = set(opts) - {"max", "where", "part", "footer"}
        if unknown:
            raise RuleError(f"{source}:{number}: unknown option {min(unknown)!r}")
        if not patterns:
            continue
        try:
            max_len = int(opts.get("max", DEFAULT_MAX))
        except ValueError:
            raise RuleError(f"{source}:{number}: max must be a number") from None
        groups: tuple[list[str], list[str]] = ([], [])
        for _, p in patterns:
            groups[0 if is_anchored(p) else 1].append(p)
        try:
            anchored, floating = (compile_pattern("|".join(f"(?:{p})" for p in g)) if g else None for g in groups)
        except regex.error:
            for line_number, p in patterns:  # name the line at fault (compiling once is cheaper)
                try:
                    regex.compile(p)
                except regex.error as err:
                    raise RuleError(f"{source}:{line_number}: bad pattern ({err})") from None
            raise
        rules.append(Rule(reason, anchored, floating, max_len, opts.get("where") == "edge", "part" in opts,
                          "footer" in opts, source, tuple(p for _, p in patterns)))
    return rules


# The source name of the rules that ship with the package (a user's file is named by its path).
_BUILTIN_RULES = "chrome.txt"


@lru_cache(maxsize=8)
def load_rules(extra_files: tuple[str, ...] = ()) -> RuleSet:
    """The built-in rules plus the users' files (their sections are tried first)."""
    rules: list[Rule] = []
    for path in extra_files:
        try:
            with open(path, encoding="utf-8") as fh:
                rules.extend(parse_rules(fh.read(), path))
        except OSError as err:
            raise RuleError(f"{path}: cannot read rule file ({err.strerror})") from None
    builtin = resources.files("corpus_clean").joinpath("rules/chrome.txt")
    rules.extend(parse_rules(builtin.read_text(encoding="utf-8"), _BUILTIN_RULES))
    return RuleSet(tuple(rules))


@lru_cache(maxsize=1)
def _shapes():
    """Patterns of line *shapes* (not vocabulary), compiled once on first use."""
    import regex

    return {
        "datetime": regex.compile(rf"{_DATE}\s*{_TIME}|{_TIME}\s*{_DATE}"),
        # a post's "handle 3 天前 via Android" line of a forum or a comment section, its
        # likes or floor after it
        "posted-ago": regex.compile(r"\d+\s*(秒|分钟|分鐘|小时|小時|天|周|週|个月|個月)前(\s+via\s+\S+)?"
                                   r"(\s+[❤♥]?\s*\d{1,5})?\s*$"),
        # a date alone (a weekday after it at most), or a template's numeric year and month
        "date": regex.compile(rf"^\s*{_DATE}\s*$|^\s*{_DATE}\s+\S{{1,6}}\s*$|^\s*\d{{4}}\s*[-/.]\s*\d{{1,2}}\s*$"),
        # "0" views, "12" comments, "33,451,181" hits; "3/5" of a picture gallery
        "counter": regex.compile(r"^\s*(\d{1,6}|\d{1,3}(,\d{3}){1,3}|\d{1,3}\s*/\s*\d{1,3})\s*$"),
        # a widget's counters side by side ("2 0 0", "7210 2": views, replies, likes)
        "counters": regex.compile(r"^\d{1,6}(\s+\d{1,6}){1,3}$"),
        "has_han": regex.compile(r"\p{Han}"),
        # separators a template leaves on their own line; "……" and "——" are an author's
        "separator": regex.compile(r"^[|｜丨/\\_=*·•>»<«#~+\-]{1,3}$"),
        "menu-item": regex.compile(_MENU_ITEM),
        # a record's "label: value" pairs side by side in the head of a page ("信息分类: 通知
        # 发布机构: 某县人民政府办公室"); at the end a notice's "联系人：… 电话：…" is its own
        "label-value": regex.compile(r"(?:^|\s)\p{Han}{2,6}\s*[:：]\s*\S"),
        # a government record's label spaced out to the width of its column, without a colon,
        # with its value after it ("索   引   号 2019…", "发 布 机 构 市人民政府办公室")
        "spaced-label": regex.compile(r"(?:^|(?<=\s))\p{Han}(?:[ \t\u3000]+\p{Han}){1,4}(?=[ \t\u3000]+\S)"),
        # a menu spaced out character by character ("首 页 政 务 公 开 网 上 办 事"): a dozen
        # single characters and more; a spaced title ("通  知") is short
        "spaced-menu": regex.compile(r"^\p{Han}(?:[ \t\u3000]+\p{Han}){11,}$"),
        # a word of a portal's row of links (``_word_menu``): Han, Latin or Cyrillic letters
        "menu-word": regex.compile(r"^[\p{Han}\p{Latin}\p{Cyrillic}]{2,8}$"),
        "han-word": regex.compile(r"^\p{Han}+$"),
        "tag-word": regex.compile(_TAG_WORD),
    }


@lru_cache(maxsize=1)
def _punct_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # One character-class search in C instead of a Python loop over the marks: every
    # line of every document is asked whether it is prose.
    return (re.compile(f"[{re.escape(_SENTENCE_PUNCT)}]"), re.compile(f"[{re.escape(_CLAUSE_PUNCT)}]"))


def _has_sentence_punct(line: str) -> bool:
    return _punct_res()[0].search(line) is not None


def _is_prose(line: str) -> bool:
    sentence, clause = _punct_res()
    return sentence.search(line) is not None or len(clause.findall(line)) >= 2


@lru_cache(maxsize=1)
def _footer_re() -> re.Pattern[str]:
    # The words are lower case; matching a lowered line is about 7x faster than IGNORECASE
    # on this alternation, and every long line of every document goes through it.
    return re.compile("|".join(map(re.escape, _FOOTER_WORDS)))


def _footer_words(line: str) -> int:
    """How many different notice words ``line`` holds: a news paragraph may say 平台 twice,
    a site's notice names the site, its rights and reprints."""
    return len(set(_footer_re().findall(line.lower())))


# A URL's "?", ";" and "!" are not a sentence's, nor its characters a paragraph's length.
_URL = re.compile(r"(https?|ftp)://\S+|www\.\S+")


# A comment's or a post's stamp at the end of its line: "…说得好 👍 336 💭北京 🕐2025-04-25 23:19:03".
_TRAILING_STAMP = re.compile(_DATE + r"\s*" + _TIME + r"\s*$")


# A row of three links and more at a line's start, short names between bars: "加入收藏 |
# 设为首页 | 会员中心 | …" before a site's slogan is a template's top bar, however it ends.
# (The spaces around a bar count in its names: one way to split the line, no backtracking.
# A table's row has figures in its cells; a link's name has none.)
_LINK_ROW_LEAD = re.compile(r"^[^|｜丨。！？!?，,\d]{1,10}([|｜丨][^|｜丨。！？!?，,\d]{1,10}){2,}[|｜丨]")


def _is_body(line: str) -> bool:
    """A paragraph of the article: long, punctuated as prose (its URLs aside), not a footer
    notice, not a comment that ends in its post time (an article's paragraph does not), not a
    row of links that a slogan ends."""
    if (len(line) < BODY_MIN_CHARS or _TRAILING_STAMP.search(line, len(line) - 40)
            or _LINK_ROW_LEAD.match(line)):
        return False
    if "://" in line or "www." in line:
        line = _URL.sub("", line)
        if len(line) < BODY_MIN_CHARS:
            return False
    return _is_prose(line) and _footer_words(line) < 2


def _shape_reason(line: str, edge: bool, head: bool) -> str | None:
    """Furniture recognised by shape alone: counters, template date/meta lines.

    A bare date in the tail written out in 年月日 is the date of an official notice's
    signature, which the author wrote; a template's date line is numeric or in the head.
    """
    shapes = _shapes()
    line = _lost_separators(line)
    if shapes["counter"].match(line) or (edge and shapes["counters"].match(line)):
        return "stray-counter"
    if len(line) <= 80 and not _has_sentence_punct(line):
        if shapes["datetime"].search(line) or (len(line) <= 40 and shapes["posted-ago"].search(line)):
            return "meta"
        if edge and shapes["date"].match(line) and (head or "年" not in line):
            return "meta"
    if edge and shapes["separator"].match(line):
        return "html-residue"
    if _LONE_MARKS.match(line):
        return "html-residue"
    if edge and _breadcrumb_shape(line):
        return "breadcrumb"
    if ((edge and (_LINK_ROW_LEAD.match(line) or shapes["spaced-menu"].match(line)))
            or (head and _word_menu(line))):
        return "navigation"
    if len(line) <= 80 and not _has_sentence_punct(line) and meta_marks(line) >= 2:
        return "meta"
    if (head and len(line) <= 160 and not _has_sentence_punct(line)
            and len(shapes["label-value"].findall(line)) + len(shapes["spaced-label"].findall(line)) >= 2):
        return "meta"
    if head and _spaced_record(line):
        return "meta"
    if head and _head_meta_row(line):
        return "meta"
    return None


# Above the article only (in the tail, the same shapes are a table's row or a letter's
# signature): a post's category with its counters ("服务器知识 0 1124"), and an author with
# the account that published the post and its date, without labels ("张三 某某技术与政策
# 2022-12-10").
_CATEGORY_COUNTERS = re.compile(r"^(?!第)[^\W\d_]{2,8}\s+\d{1,6}(\s+\d{1,7}){1,2}$")
_AUTHOR_ACCOUNT_DATE = re.compile(r"^[^\W\d_]{2,4}\s+[^\W_]{2,16}\s+\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$")


def _head_meta_row(line: str) -> bool:
    """A head line of meta data without labels (``_CATEGORY_COUNTERS``, ``_AUTHOR_ACCOUNT_DATE``
    whose first word is a name: a surname of the byline rules' list)."""
    if len(line) > 40 or not line[-1:].isdigit():
        return False
    if _CATEGORY_COUNTERS.match(line):
        return True
    return _AUTHOR_ACCOUNT_DATE.match(line) is not None and line[0] in _surnames()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The surnames of the rule file's ``SURNAME`` definition (a character class)."""
    text = resources.files("corpus_clean").joinpath("rules/chrome.txt").read_text(encoding="utf-8")
    defines: dict[str, str] = {}
    for raw in text.splitlines():
        _add_define(raw.strip(), defines)
    value = defines.get("SURNAME", "")
    return frozenset(value[1:-1]) if value.startswith("[") and value.endswith("]") else frozenset()


# A separator glyph that the crawl could not encode, left as "?" between spaces ("某网 ? 来源:某报
# ? 作者:某某 ? 2019-03-14 16:01 ? 次阅读") or glued to a meta field's label or a number
# ("某网?来源:某报?2019-03-14 16:01?次阅读"): two such at least, or one opening the line.
_LOST_GLYPH = re.compile(r"(?:^|(?<=\s))[?？](?=\s)"
                         r"|[?？](?=\s*(来源|來源|作者|编辑|編輯|责任编辑|責任編輯|发布|發布|發佈|时间|時間|日期|浏览|瀏覽|阅读|閱讀|点击|點擊|\d))"
                         r"|(?<=\d)[?？]")


def _lost_separators(line: str) -> str:
    """``line`` with its lost separator glyphs as spaces, so that its question marks do not
    read as sentences; an author's one question mark before a space stays one."""
    if "?" not in line and "？" not in line:
        return line
    found = _LOST_GLYPH.findall(line)
    if len(found) >= 2 or (found and line[:1] in "?？"):
        return " ".join(_LOST_GLYPH.sub(" ", line).split())
    return line


# Words of a portal's row of links at least, and how many of them Han: an English title has
# as many words, a Chinese one fewer.
_WORD_MENU_MIN = 8
_WORD_MENU_MIN_HAN = 3
_WORD_MENU_MAX_CHARS = 120


def _word_menu(line: str) -> bool:
    """A portal's row of links to other sites and versions above the page ("中国政府网
    某省政府网 English Русская версия 市人大 市政协 市纪委监委"): eight words and more of two
    to eight letters, three of them Han at least, no digit, no mark."""
    if len(line) > _WORD_MENU_MAX_CHARS:
        return False
    words = line.split()
    shapes = _shapes()
    return (len(words) >= _WORD_MENU_MIN and all(shapes["menu-word"].match(w) for w in words)
            and sum(1 for w in words if shapes["han-word"].match(w)) >= _WORD_MENU_MIN_HAN)


def _spaced_record(line: str) -> bool:
    """A row of a government record whose labels are spaced out to their column's width
    ("索   引   号 2019… 分        类 其他；市政府文件；"): it opens with such a label and holds
    two, whatever the punctuation of its values (an author spaces no label in a sentence)."""
    spaced = _shapes()["spaced-label"]
    return len(line) <= 160 and spaced.match(line) is not None and len(spaced.findall(line)) >= 2


# A comma or a colon alone on its line: what is left of a template's widget once its
# elements are gone ("，轻点两下取消赞" less its words).  Not "……" or "——", an author's.
_LONE_MARKS = re.compile(r"^[，,、：:；;。.]{1,3}$")
_CRUMB_SEPARATOR = re.compile(r"\s*[>›»]\s*")
# A crumb is a name: quotes, colons and commas belong to a sentence ("从“0>1”到“1>100”：…").
_CRUMB_BREAKERS = re.compile(r"[“”\"'「」：:，,（）()]")


def _breadcrumb_shape(line: str) -> bool:
    """A trail of three or more short names joined by ``>``/``›``/``»`` ("首页 > 频道 > 正文",
    with or without a "当前位置:" label): a breadcrumb, whatever its words.  Not a tag's ``>``
    and not a sentence."""
    if len(line) > 100 or "<" in line or _has_sentence_punct(line):
        return False
    parts = _CRUMB_SEPARATOR.split(line)
    return (len(parts) >= 3 and len(parts[0]) <= 30
            and all(0 < len(p) <= 24 and _CRUMB_BREAKERS.search(p) is None for p in parts[1:]))


def _template_line(line: str) -> bool:
    """A long line that the shape rules name (a date-time footer of a forum template, a
    record's row of spaced labels)."""
    return (len(line) <= 80 and _shape_reason(line, True, False) is not None) or _spaced_record(line)


_EMPHASIS = ("**", "__")
_HEADING_LEAD = re.compile(r"#{1,6}\s+")
# A heading of fewer characters ("## 评论", "## 版权") is as likely an author's section name.
_HEADING_NOTICE_MIN_CHARS = 4


def _match_unwrapped(rules: RuleSet, line: str, edge: bool) -> tuple[Rule, int] | None:
    """``rules.match``, and again inside Markdown emphasis that wraps the whole line
    (``**本文首发于个人博客，转载请注明出处。**``); a part's column stays the line's own.
    A Markdown heading that is only a notice a rule names whole ("## 书友评论 (3)") is read
    without its marks first, so the notice's own rule (a comment box's, which opens the
    footer zone) wins over a counter's rule that the heading's tail also matches.  A bare
    word under the marks (``## 评论``) may be an author's section, and is not read so."""
    if line[:1] == "#":
        lead = _HEADING_LEAD.match(line)
        core = line[lead.end():].strip() if lead is not None else ""
        whole = rules.match(core, edge) if len(core) >= _HEADING_NOTICE_MIN_CHARS else None
        if whole is not None and not whole[1]:
            return whole
    hit = rules.match(line, edge)
    if hit is None and len(line) > 4 and line[:2] in _EMPHASIS and line.endswith(line[:2]):
        inner = line[2:-2]
        core = inner.strip()
        hit = rules.match(core, edge) if core else None
        if hit is not None and hit[1]:
            hit = (hit[0], hit[1] + 2 + len(inner) - len(inner.lstrip()))
    if hit is None:
        plain = _label_unbolded(line)
        whole = rules.match(plain, edge) if plain else None
        hit = whole if whole is not None and not whole[1] else None
    if hit is None and edge:
        item = _bullet_item(line)
        whole = rules.match(item, edge) if item else None
        hit = whole if whole is not None and not whole[1] else None
    return hit


# A list item's bullet and the space after it ("• 来源:", "- 发布时间：2021-08-02").
_BULLET_LEAD = re.compile(r"^[•·*+\-]\s+")


def _bullet_item(line: str) -> str | None:
    """A bulleted line's text without its bullet, None for any other line: a template that
    prints its meta fields as a list ("• 来源:" / "• 发布时间:2021-08-02" / "• 访问量:") hides
    them from the rules, which read a field from the start of its line.  Only a whole-line
    hit counts, and only at the page's edges, so an author's list keeps its items."""
    if not line or line[0] not in _ITEM_BULLETS:
        return None
    m = _BULLET_LEAD.match(line)
    if m is None or m.end() == len(line):
        return None
    return line[m.end():]


def _label_unbolded(line: str) -> str | None:
    """A line whose first words are a bold label ("**版权声明：** 本博客所有文章…"), without the
    emphasis: a rule names the whole line so read; None for any other line."""
    if len(line) <= 4 or line[:2] not in _EMPHASIS:
        return None
    close = line.find(line[:2], 2)
    if not 2 < close <= 2 + _LABEL_LEAD_MAX:
        return None
    return (line[2:close] + line[close + 2:]).strip() or None


def _names_footer(rules: RuleSet, line: str) -> bool:
    """``RuleSet.names_footer``, also of a line that a bold label opens."""
    plain = _label_unbolded(line)
    return rules.names_footer(line) or (plain is not None and rules.names_footer(plain))


def _zone_markers(stripped: list[str], is_body: list[bool], rules: RuleSet,
                  memo: LineMemo) -> tuple[list[int], dict[int, tuple[Rule, int]]]:
    """The body paragraphs that set the zones, and the part rules' hits on them.

    A paragraph that goes as a whole must not set a zone, or the zones would move once it is
    gone and a second run would remove more: a template's line that only looks like prose
    ("GMT+8, 2023-5-12 10:23 , Processed in 0.05 second(s), 21 queries ."), or one that a
    part rule names from its first character.  ``is_body`` is updated in place.
    """
    hits: dict[int, tuple[Rule, int]] = {}
    body = []
    for i, b in enumerate(is_body):
        if not b:
            continue
        hit, template = memo.once(("zone", stripped[i]), _body_hit, rules, stripped[i])
        if (hit is not None and hit[1] == 0) or template:
            is_body[i] = False
            continue
        if hit is not None:
            hits[i] = hit
        body.append(i)
    return body, hits


def _body_hit(rules: RuleSet, line: str) -> tuple[tuple[Rule, int] | None, bool]:
    """A part rule's hit on a body paragraph (the same anywhere), and whether the paragraph is
    a template's line."""
    return rules.match(line, True, True), _template_line(line)


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines of a leading YAML front-matter block (``---`` ... ``---``), or 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
    return 0


_SUMMARY_WORDS = "(摘要|内容摘要|內容摘要|导读|導讀|导语|導語|简介|簡介|提要)"
# "摘要：", "【摘要】", "【摘要】:"
_SUMMARY_LABEL = re.compile(rf"^([【\[]{_SUMMARY_WORDS}[】\]]\s*[:：]?|{_SUMMARY_WORDS}\s*[:：])\s*")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！？!?])")


# A summary that a title's length could be starts within this many characters of the
# paragraph it repeats; a longer one anywhere.
_SUMMARY_LEAD_SLACK = 10
_TITLE_MAX_CHARS = 60


def _repeats_body(line: str, later: list[str], cut: str = "") -> bool:
    """An auto-generated summary: the line (label and ellipsis aside) recurs in the body, or
    it is labelled a summary and every one of its sentences does (a CMS's "【摘要】" stitched
    from the body's sentences; an unlabelled paragraph said twice is the author's)."""
    label = _SUMMARY_LABEL.match(line)
    core = line[label.end():].rstrip("…. 。") if label else line.rstrip("…. 。")
    # a summary is sentences; a title that the lead paragraph repeats ("【标题】…") is not one
    if len(core) < 20 or (core == line and not _has_sentence_punct(core) and not _punct_res()[1].search(core)):
        return False
    # the body's opening characters (a CMS cuts its summary from the lead), or more than a
    # title says; a title that a paragraph quotes at its end ("Bash中的位置参数…的含义") is not
    # a summary of it
    if any(len(other) > len(core) and 0 <= other.find(core) <= (len(other) if len(core) > _TITLE_MAX_CHARS
                                                                 else _SUMMARY_LEAD_SLACK)
           for other in later):
        return True
    # A CMS's labelled summary is the body's first characters, cut at a fixed length (mid-word
    # at times) and run across its paragraphs: "导读:" + the lead and the next paragraph's start.
    if label is not None and len(core) >= _SUMMARY_RUN_MIN and _squeezed(core) in "".join(map(_squeezed, later)):
        return True
    sentences = [x.strip() for x in _SENTENCE_SPLIT.split(core) if len(x.strip()) >= _SUMMARY_SENTENCE_MIN]
    text = "\n".join(later)
    return label is not None and len(sentences) >= 2 and (
        all(x.rstrip("。！？!?") in text for x in sentences) or _summary_of_cut_page(sentences, later, cut))


def _cut_end(stripped: list[str]) -> str:
    """The page's last line when it is a paragraph cut off in mid-sentence (a crawl's
    truncated page), else ""."""
    last = next((s for s in reversed(stripped) if s), "")
    return last if len(last) >= BODY_MIN_CHARS and not _CJK_SENTENCE_END.search(last[-1:]) else ""


# The start of a summary's sentence that the body holds, the page being cut after it.
_SUMMARY_CUT_MIN = 16


def _summary_of_cut_page(sentences: list[str], later: list[str], cut: str) -> bool:
    """A labelled summary of a page the crawl cut short ("【摘要】:" + the lead's sentence + a
    later sentence whose paragraph, ``cut``, the page ends in the middle of): its first
    sentence is the body's, and each other one is the body's or the cut paragraph ends in
    its first words (``_SUMMARY_CUT_MIN`` characters at least)."""
    if not later or len(cut) < _SUMMARY_CUT_MIN or sentences[0].rstrip("。！？!?") not in "\n".join(later):
        return False
    last = cut
    for x in sentences[1:]:
        x = x.rstrip("。！？!?")
        if x in "\n".join(later):
            continue
        tail = next((last[k:] for k in range(max(0, len(last) - len(x)), len(last) - _SUMMARY_CUT_MIN + 1)
                     if x.startswith(last[k:])), None)
        if tail is None:
            return False
    return True


# A sentence this short ("是的。") says too little to show that a summary copies the body.
_SUMMARY_SENTENCE_MIN = 8
# A labelled summary this long that the body's paragraphs hold, spaces aside, copies them.
_SUMMARY_RUN_MIN = 30


def _squeezed(text: str) -> str:
    return "".join(text.split())


@dataclass
class _RulePass:
    """What the rules and the zones found on a page, line by line."""

    lines: list[str]
    starts: list[int]
    stripped: list[str]
    is_body: list[bool]
    verdict: dict[int, tuple[str, int]]  # line index -> (reason, start column; 0 = whole line)
    footer_start: int | None
    stamps: list[int]  # the lines a rule removed that date a post (a thread's posts, comments)
    closing: set[int]  # a notice's closing block under its last paragraph (``_notice_closing``)
    posters: frozenset[int] = frozenset()  # each post's poster line (``_posters``)

    def decided(self, i: int) -> bool:
        """Whether a rule removes line ``i`` whole (the weights then have nothing to decide)."""
        hit = self.verdict.get(i)
        return hit is not None and hit[1] == 0

    def protected(self, index: list[int], among: set[int] | None = None) -> set[int]:
        """Lines the weights never remove, only a rule: by their shape and place they are the
        author's (CLEANING.md section 2): the two lines right above the first body paragraph
        that no rule removes (a title, a subtitle or dateline), the page's first such line when
        it has a title's shape, section headings, a signature's written-out date, the
        statements of code a tutorial prints outside a code block, the label over a table of
        contents, a section's number over its heading, the first line of each post of a
        thread, the items of a list that the author's clause introduces, and the author's
        other shapes of short lines: a list of things with their amounts, the clause that
        introduces a list, lines the author's text frames, a title joined by an interpunct, a
        signature's date, a dialogue, the first line under a numbered heading, a timeline, an
        entry of the references.

        ``among``: the lines the answer is wanted for (those the weights could remove); the
        line-by-line tests ask only them, and a shape of runs is looked for only when one of
        them could be in it (the same answer for them, a fraction of the work)."""
        open_ = [i for i in index if not self.decided(i)]
        asked = open_ if among is None else sorted(among)
        s = self.stripped
        first_body = next((i for i in open_ if self.is_body[i]), len(self.lines))
        head = [i for i in open_ if i < first_body]
        # (not a row of fields between bars: "匿名用户 | 浏览 356 次 | 举报" is a template's)
        out = {i for i in head[-2:] if _FIELD_ROW.search(s[i]) is None}
        if head and 4 <= len(s[head[0]]) <= 60 and _TITLE_BREAKERS.search(s[head[0]]) is None:
            out.add(head[0])
        last_body = next((i for i in reversed(open_) if self.is_body[i]), -1)
        out.update(i for i in asked if _HEADING.match(s[i]) or _WRITTEN_DATE.match(s[i]) or _code_statement(s[i])
                   or ("目" in s[i] and _heads_contents(s, self.verdict, i))
                   or (s[i].isdigit() and _numbers_section(s, self.verdict, i, first_body, last_body))
                   or _LABELLED_URL.match(s[i]) or (s[i][:1] == "[" and _REFERENCE_ENTRY.match(s[i])))
        out.update(self.closing.intersection(open_))
        out.update(self._posts_first_lines().intersection(open_))
        out.update(self._listed_after_colon(open_))
        # the author's shapes of short lines (lists, dialogue, timelines, signatures...): each
        # only where a line asked has the shape of one of its lines
        open_set = set(open_)
        nonblank = [i for i, t in enumerate(s) if t]
        for shape, member in ((self._quantity_lists, _QUANTITY_ITEM.match),
                              (self._introducing_clauses, lambda t: t.endswith(("：", ":"))),
                              (self._framed_by_text, None),
                              (self._interpunct_titles, lambda t: "·" in t or "・" in t or "•" in t),
                              (self._signature_dates, lambda t: "年" in t),
                              (self._dialogue, _SPEAKER.match),
                              (self._under_numbered_headings, None),
                              (self._spec_lists, _SPEC_ITEM.match)):
            if member is None or any(member(s[i]) for i in asked):
                out.update(shape(open_, open_set, nonblank))
        if any(s[i][:1].isdigit() for i in asked):
            out.update(_timeline(s).intersection(open_set))
        out.update(self._titles_over_bylines(open_))
        if any(_FIELD_LINE.match(s[i]) for i in asked if i < first_body):
            out.update(self._event_fields(head, first_body))
        return out

    def _event_fields(self, head: list[int], first_body: int) -> set[int]:
        """A meeting's or an event's own fields right above its first paragraph ("会议时间：…"
        / "会议地点：…" / "主持人：…" / "参会人员：…"): a run of ``_SPEC_RUN_MIN`` label lines
        and more that no rule names, which ends at the body and holds a place or a chair.  A
        page's publication fields (date, source, views) have neither, and the rules name them."""
        run: list[int] = []
        for i in reversed(head):
            nxt = _next_line(self.stripped, i)
            if (nxt is None or (nxt != first_body and nxt not in run)
                    or _FIELD_LINE.match(self.stripped[i]) is None):
                break
            run.append(i)
        if len(run) >= _SPEC_RUN_MIN and any(_EVENT_FIELD.match(self.stripped[i]) for i in run):
            return set(run)
        return set()

    def _titles_over_bylines(self, open_: list[int]) -> set[int]:
        """The title over a byline that a rule removed ("某某:经营者的五角大厦" over "文/某某/
        采访"), wherever the article starts in the document: the open line right above the
        byline, short and not a sentence."""
        open_set = set(open_)
        out: set[int] = set()
        for i, (reason, col) in self.verdict.items():
            if reason != "byline" or col:
                continue
            k = _next_line(self.stripped, i, -1)
            if (k is not None and k in open_set and len(self.stripped[k]) <= _BYLINE_TITLE_MAX
                    and not _CJK_SENTENCE_END.search(self.stripped[k][-1:])):
                out.add(k)
        return out

    def _introducing_clauses(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """The author's clause that introduces a list ("分享几个小方法：" over "1 前一天早点睡"):
        a clause of ``_CLAUSE_MIN`` characters and more ending in a colon, its only colon, with
        two short lines under it that stay.  A template's label ("标签：", "相关阅读：") is
        shorter, or a rule's."""
        out: set[int] = set()
        for i in open_:
            s = self.stripped[i]
            if not s.endswith(("：", ":")) or self.is_body[i]:
                continue
            core = s[:-1].strip()
            if (len(core) < _CLAUSE_MIN or ":" in core or "：" in core or _TITLE_BREAKERS.search(core)
                    or not _shapes()["has_han"].search(core)):
                continue
            items = list(itertools.islice((k for k in range(i + 1, len(self.stripped)) if self.stripped[k]), 2))
            if len(items) == 2 and all(k in open_set and not self.is_body[k]
                                       and len(self.stripped[k]) <= _LIST_ITEM_MAX for k in items):
                out.add(i)
        return out

    def _framed_by_text(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """Short lines that the author's text frames: under a paragraph that announces them
        ("…调整如下，…" over "周二至周五 9:00-21:00"), or between the last paragraph and a
        sentence of the author's that closes them ("报名时间：…" / "报名电话：…" over
        "欢迎大家踊跃报名。").  At most ``_LIST_MAX_LINES`` lines, none a rule removed: a
        template's block under an article has a rule's line among its own."""
        out: set[int] = set()
        for n, i in enumerate(nonblank):
            if not self.is_body[i] or i not in open_set:
                continue
            run: list[int] = []
            for k in nonblank[n + 1:n + 1 + _LIST_MAX_LINES + 1]:
                if k not in open_set or self.is_body[k]:
                    break
                s = self.stripped[k]
                if len(s) > _LIST_ITEM_MAX:
                    break
                if run and _CJK_SENTENCE_END.search(s[-1:]) and len(s) >= _CLOSING_SENTENCE_MIN:
                    out.update(run)  # the author's closing sentence: the lines above are framed
                    break
                run.append(k)
            if _ANNOUNCES.search(self.stripped[i]):
                out.update(run[:_LIST_MAX_LINES])
        return out

    def _interpunct_titles(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """A work's title joined by an interpunct ("水调歌头·明月几时有", "列夫·托尔斯泰传") over its
        text: the next line that stays, or the one after a short line (the poet's name), is a
        sentence.  A menu's dots part three names and more, or stand between spaces."""
        out: set[int] = set()
        for n, i in enumerate(nonblank):
            t = self.stripped[i]
            if (len(t) > 25 or ("·" not in t and "・" not in t and "•" not in t) or i not in open_set
                    or _INTERPUNCT_TITLE.match(t) is None):
                continue
            for k in nonblank[n + 1:n + 3]:
                if k not in open_set:
                    break
                if _has_sentence_punct(self.stripped[k]):
                    out.add(i)
                    break
                if len(self.stripped[k]) > _POET_MAX:
                    break
        return out

    def _signature_dates(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """The date of an author's signature with a word before it ("写于2023年6月7日",
        "2023年6月7日于北京"), under the signer's name (a short line of letters that stays),
        after the article.  A template's "发布于…" stands over the article, or under a line
        of its own."""
        out: set[int] = set()
        last_body = max((i for i in nonblank if self.is_body[i]), default=len(self.stripped))
        for n in range(1, len(nonblank)):
            i, above = nonblank[n], nonblank[n - 1]
            if (i > last_body and "年" in self.stripped[i] and i in open_set and above in open_set
                    and _SIGNED_DATE.match(self.stripped[i]) and _SIGNER.match(self.stripped[above])):
                out.add(i)
        return out

    def _dialogue(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """A dialogue or a chat log, one turn a line ("他：在吗" / "我：在" / "他：吃了吗"): a run of
        ``_DIALOGUE_MIN`` lines and more, each a short speaker's label with a colon and what
        they say, two or three speakers who each speak twice at least.  A template's meta
        lines name a different field on each line ("来源：", "作者：", "编辑：")."""
        out: set[int] = set()
        run: list[int] = []
        speakers: Counter[str] = Counter()

        def close() -> None:
            if (len(run) >= _DIALOGUE_MIN and 2 <= len(speakers) <= 3
                    and all(n >= 2 for n in speakers.values())):
                out.update(run)

        for i in nonblank:
            s = self.stripped[i]
            m = (_SPEAKER.match(s) if ("：" in s[:6] or ":" in s[:6]) and i in open_set and not self.is_body[i]
                 else None)
            if m is None:
                if run:
                    close()
                    run, speakers = [], Counter()
                continue
            run.append(i)
            speakers[m.group(1)] += 1
        close()
        return out

    def _spec_lists(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """The facts an author lists right under a paragraph, a field a line ("系统：Win10
        64位" / "内存：16G" / "显卡：GTX1660" under a question; "品牌：…" / "重量：1.2kg" under a
        product's description): ``_SPEC_RUN_MIN`` lines and more, each its own label, none a
        rule's, no value a bare figure or date (a profile's "积分：1200", a record's "邮编：
        310000").  A site's footer has a rule's line among its fields (its phone, its ICP
        number), and a record's fields stand above the article."""
        out: set[int] = set()
        for n, i in enumerate(nonblank):
            if not self.is_body[i] or i not in open_set:
                continue
            run, labels = [], set()
            for k in nonblank[n + 1:n + 1 + _LIST_MAX_LINES]:
                m = _SPEC_ITEM.match(self.stripped[k]) if k in open_set and not self.is_body[k] else None
                if m is None or m.group(1) in labels or _BARE_VALUE.match(m.group(2)):
                    break
                run.append(k)
                labels.add(m.group(1))
            if len(run) >= _SPEC_RUN_MIN:
                out.update(run)
        return out

    def _quantity_lists(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """A list of things with their amounts, one per line ("鸡蛋 3个", "盐 适量", "中筋麵粉
        300克"): a recipe's ingredients, a shopping list, a menu with its prices.  A run of
        ``_QUANTITY_RUN_MIN`` such lines in a row (blank lines aside) that no rule removed,
        most of them with a figure and its unit; a widget's counters ("评论 12", "粉丝 1.2万")
        have a bare figure or a counter's word, and a menu's words no figure."""
        out: set[int] = set()
        run: list[int] = []
        measured = 0

        def close() -> None:
            if len(run) >= _QUANTITY_RUN_MIN and 2 * measured >= len(run):
                out.update(run)

        group = False  # a group's heading inside the list ("主料" / "辅料") just passed
        for i in nonblank:
            s = self.stripped[i]
            m = (_QUANTITY_ITEM.match(s) if len(s) <= _QUANTITY_ITEM_MAX and (" " in s or "\t" in s or "\u3000" in s)
                 and i in open_set and not self.is_body[i] else None)
            if m is None:
                if run and not group and _QUANTITY_GROUP.match(s) and i in open_set:
                    group = True  # the list may go on under it
                    continue
                if run:
                    close()
                    run, measured = [], 0
                group = False
                continue
            group = False
            run.append(i)
            measured += m.group(1) is not None or _MEASURE_WORD.search(s) is not None
        close()
        return out

    def _under_numbered_headings(self, open_: list[int], open_set: set[int], nonblank: list[int]) -> set[int]:
        """The first line under a numbered section heading of a notice or a report ("一、会议
        时间" over "2024年3月15日上午9:00", "三、联系方式" over "联系人：王老师"): the section's
        own text, however much it looks like a date or a contact line."""
        out: set[int] = set()
        for i in open_:
            if not _numbered_heading(self.stripped[i]):
                continue
            k = _next_line(self.stripped, i)
            if k is not None and k in open_set:
                out.add(k)
        return out

    def _listed_after_colon(self, open_: list[int]) -> set[int]:
        """The items of a list that the author introduces with a clause ending in a colon
        ("我的电脑配置如下：" over "CPU i5-8400", "内存 8G"): the short lines right under such a
        clause, up to the next line a rule removes or the next paragraph.  A template's
        label with a colon ("分享到：", "标签：") is a rule's, so it introduces nothing here."""
        out: set[int] = set()
        open_set = set(open_)
        for i in open_:
            s = self.stripped[i]
            if not (s.endswith(("：", ":")) and _shapes()["has_han"].search(s)):
                continue
            for k in range(i + 1, min(len(self.stripped), i + 1 + _LIST_MAX_LINES)):
                if not self.stripped[k]:
                    continue
                if k not in open_set or self.is_body[k] or len(self.stripped[k]) > _LIST_ITEM_MAX:
                    break
                out.add(k)
        return out

    def _posts_first_lines(self) -> set[int]:
        """The first line of each post of a thread: the line right after a post's stamp (its
        author's line with a date and time or a time ago, which a rule removed), on a page with
        at least three stamps, and the line right above each stamp where the stamps close the
        posts (a poster's name opens each).  A reply of one word ("+1", "顶") is a post's text as
        much as a long one (CLEANING.md section 5)."""
        if len(self.stamps) < _THREAD_MIN_STAMPS:
            return set()
        out = set()
        for i in self.stamps:
            k = _next_line(self.stripped, i)
            # past the poster's name that opens the post under a closing stamp (``_posters``)
            if k is not None and k in self.posters:
                k = _next_line(self.stripped, k)
            if k is not None and not self.decided(k):
                out.add(k)
            # where stamps close the posts, the post's last line is right above its stamp
            k = _next_line(self.stripped, i, -1) if self.posters else None
            if k is not None and not self.decided(k):
                out.add(k)
        return out


# A thing and its amount on one line: a name of a few letters, a space, then a figure with
# its unit ("3个", "2勺", "300克", "1/2杯", "28元") or a word of measure ("适量", "少许"); a
# counter's words (views, replies, fans) and a bare figure are a widget's.
_QUANTITY_ITEM = re.compile(r"^[^\W\d_]{1,10}(?:\s*[（(][^()（）]{1,8}[)）])?[ \t\u3000]+"
                            r"(?:(?:约|約|半)?(\d+(?:[./]\d+)?(?:\s*[-~～]\s*\d+(?:[./]\d+)?)?\s*"
                            r"(?!(?:条|條|次|人|篇|赞|讚|评论|評論|回复|回覆|阅读|閱讀|浏览|瀏覽|关注|關注|粉丝|粉絲"
                            r"|收藏|点击|點擊|页|頁|万|萬|楼|樓|[wWkK])\b)[^\W\d_]{1,3})|[^\W\d_]{1,3})$")
_QUANTITY_RUN_MIN = 3
# A recipe's words of measure, as every recipe site prints them ("盐 适量", "葱花 少许"): an
# amount as much as a figure is.
_MEASURE_WORD = re.compile(r"[ \t\u3000](适量|適量|少许|少許|少量|若干|酌量|适当|適當|一小撮|一小把)$")
# A group's heading inside a recipe's list ("主料", "辅料", "调料"): a word of two to four
# letters alone on its line, between items of the list.
_QUANTITY_GROUP = re.compile(r"^[^\W\d_]{2,4}[:：]?$")
_QUANTITY_ITEM_MAX = 30
# A signature's date with a word before or after it: "写于2023年6月7日", "2023年6月7日于北京".
_SIGNED_DATE = re.compile(r"^[^\W\d_]{0,3}\s*(\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                          r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*([于於][^\W\d_]{1,6})?$")
# The signer above it: a name or a body's name, letters only.
_SIGNER = re.compile(r"^[^\W\d_]{2,16}$")
# A fact an author lists: a label of a few letters, a colon, a short value with no colon.
_SPEC_ITEM = re.compile(r"^([^\W\d_]{1,6})\s*[:：]\s*([^:：]{1,24})$")
_BARE_VALUE = re.compile(r"^[\d\s\-/.:年月日]+$")
_SPEC_RUN_MIN = 3
# ... a line of such a record: a short label, its value (a time may hold a colon)
_FIELD_LINE = re.compile(r"^[^\W\d_]{1,6}\s*[:：]\s*\S.{0,59}$")
# A field only a meeting's or an event's own record has: its place, its chair, who attended.
_EVENT_FIELD = re.compile(r"^[^\W\d_]{0,4}(地点|地址|主持人|主持|参会人员|参加人员|出席人员|列席人员|出席|列席|参会单位)\s*[:：]")
# A turn of a dialogue: a speaker's short name, a colon, what they say.
_SPEAKER = re.compile(r"^([^\W\d_]{1,4})\s*[:：]\s*\S")
_DIALOGUE_MIN = 4
# A paragraph that announces the lines under it: "现将有关事项通知如下", "调整如下，请…".
_ANNOUNCES = re.compile(r"如下[：:，,。；;]|如下$")
# The author's sentence that closes a block of short lines is this long at least ("欢迎报名。").
_CLOSING_SENTENCE_MIN = 5
# A title in two parts joined by an interpunct, no space: "水调歌头·明月几时有".
_INTERPUNCT_TITLE = re.compile(r"^[^\W\d_]{1,10}[·・•][^\W\d_]{1,14}$")
# A poet's or an author's name under a title.
_POET_MAX = 8
# An author's clause that introduces a list has this many characters before its colon at least.
_CLAUSE_MIN = 5
# A numbered section heading: "一、会议时间", "貳、應備文件", "（二）报名方式", "第三条 附则"; short and not a
# sentence (a numbered step that says what to do is one).
_NUMBERED_HEADING = re.compile(r"^([一二三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
                               r"|第[一二三四五六七八九十百\d]+[章节節条條部篇])")
_NUMBERED_HEADING_MAX = 20


def _numbered_heading(line: str) -> bool:
    return (len(line) <= _NUMBERED_HEADING_MAX and _NUMBERED_HEADING.match(line) is not None
            and not _has_sentence_punct(line) and not line.endswith(("：", ":")))


# An entry of the paper's references, as GB/T 7714 writes them: "[1] 李明.论…[J].某学报,
# 2019(3):20-22.", "[2] 某某.书名[M].北京:某出版社,2018." (the type code in brackets).
_REFERENCE_ENTRY = re.compile(r"^\[\d{1,3}\]\s*\S.{0,200}?\[(J|M|C|D|R|S|N|P|Z|A|G|EB/OL|J/OL|M/OL|DB/OL)\]")
# A URL with the author's label before it on its line ("Chrome 商店地址： https://…"): CLEANING.md
# section 4 keeps it (a site's "本文地址:" and "来源:" labels are the rules' to remove).
_LABELLED_URL = re.compile(r"^[^\s:：]{1,12}(\s[^\s:：]{1,12})?\s*[:：]\s*<?https?://\S+>?$")
# A title over its byline is at most this long.
_BYLINE_TITLE_MAX = 60
# A list under the author's clause that introduces it: at most this many lines, each short.
_LIST_MAX_LINES = 20
_LIST_ITEM_MAX = 40
# A thread has this many post stamps at least; an article's head has one or two date lines.
_THREAD_MIN_STAMPS = 3


def _next_line(stripped: list[str], i: int, step: int = 1) -> int | None:
    """The first line after line ``i`` that is not blank (before it, with ``step`` -1), or None."""
    k = i + step
    while 0 <= k < len(stripped) and not stripped[k]:
        k += step
    return k if 0 <= k < len(stripped) else None


def _code_statement(line: str) -> bool:
    """Whether ``line`` is a statement of code: its code (the comment after it aside, which
    may be Chinese) holds no Han and has a statement's shape.  Every line of every pass is
    asked: one that does not open with a Latin letter, ``_`` or ``$`` is answered at once."""
    if not line[:1].isascii() or not (line[:1].isalpha() or line[:1] in "_$"):
        return False
    code = _CODE_COMMENT.sub("", line)
    return _shapes()["has_han"].search(code) is None and _CODE_STATEMENT.match(code) is not None


# A post's tag, a word alone on its line: "历史", "木工", "DIY", "C++" (a line of a poem is longer).
_TAG_WORD = r"^(\p{Han}{1,4}|[A-Za-z0-9+#.]{1,8})$"
_TAG_RUN_MIN = 2
_TAG_RUN_MAX = 8


def _tail_tags(stripped: list[str], last_body: int, verdict: dict, stamps: list[int]) -> list[int]:
    """A blog platform's or a video page's tags under the article without their label
    ("历史" / "读书" between "编辑于 …" and "赞同 128"): two to ``_TAG_RUN_MAX`` words alone on
    their lines after the last paragraph, with the paragraph or a removed line right above
    them (or a sentence of the article's end) and a removed line right below, which is no
    post's stamp.  In a thread (three stamps
    and more) short lines are replies; an author's sign-off is one line."""
    if last_body < 0 or len(stamps) >= _THREAD_MIN_STAMPS:
        return []
    tag_word = _shapes()["tag-word"]
    nonblank = [i for i in range(last_body, len(stripped)) if stripped[i]]
    removed = {i for i, hit in verdict.items() if hit[1] == 0}
    out: list[int] = []
    n = 1
    while n < len(nonblank):
        if nonblank[n] in verdict or not tag_word.match(stripped[nonblank[n]]):
            n += 1
            continue
        end = n
        while end < len(nonblank) and nonblank[end] not in verdict and tag_word.match(stripped[nonblank[end]]):
            end += 1
        run = nonblank[n:end]
        above = nonblank[n - 1]
        below = nonblank[end] if end < len(nonblank) else None
        if (_TAG_RUN_MIN <= len(run) <= _TAG_RUN_MAX and (above == last_body or above in removed or _CJK_SENTENCE_END.search(stripped[above][-1:]))
                and below is not None and below in removed and not _post_stamp(stripped[below])):
            out.extend(run)
        n = end
    return out


def _post_stamp(line: str) -> bool:
    """Whether ``line`` dates a post: a date with its clock time, or a time ago ("3 天前")."""
    shapes = _shapes()
    return shapes["datetime"].search(line) is not None or shapes["posted-ago"].search(line) is not None


# Lines a notice's closing block holds at most between its last paragraph and its date.
_CLOSING_MAX_LINES = 8
# What a site's footer shares with a notice's closing block: contact lines, organisers.
_CLOSING_OWN = ("contact-email", "about-site")


# The label of a table of contents ("本文目录:", "文章目录"), and the numbered or bulleted
# entry that opens one ("1、…", "• 2、…", "- …", "一、…").
_CONTENTS_LABEL = re.compile(r"^(文章|本文)?目[录錄]\s*[:：▼▾]?$")
_CONTENTS_ENTRY = re.compile(r"^([-*+•·]\s*)?(\d{1,3}|[一二三四五六七八九十]{1,3})(\.\d{1,3})*[.、．)]|^[-*+•·]\s")


def _heads_contents(stripped: list[str], verdict: dict, i: int) -> bool:
    """Whether line ``i`` is the label over a table of contents that stays: without its
    entries a label is a widget's button (CLEANING.md: an empty TOC label goes); over the
    entries the author's page prints, the heading of that list."""
    if not _CONTENTS_LABEL.match(stripped[i]):
        return False
    k = _next_line(stripped, i)
    return k is not None and k not in verdict and _CONTENTS_ENTRY.match(stripped[k]) is not None


_SECTION_NUMBER = re.compile(r"^\d{1,2}$")
_SECTION_TITLE_MAX = 20


def _numbers_section(stripped: list[str], verdict: dict, i: int, first_body: int, last_body: int) -> bool:
    """Whether line ``i`` numbers a section of the article: a number of one or two digits
    ("01", "2") between the body's paragraphs, over a short unpunctuated heading that stays
    ("01" / "拖延不是懒" / paragraph), as a public account's posts number their parts.  A
    page number between two halves of a paragraph has no heading under it; a ranking's
    numbers are in the head or the tail.  The first section's number ("01", "1") may stand in
    the head too, right over its heading and the paragraphs it opens (an e-book reader's
    chapter under the app's banner), when no other number is above it."""
    if not _SECTION_NUMBER.match(stripped[i]):
        return False
    if not first_body < i < last_body and not _opens_first_section(stripped, verdict, i, first_body):
        return False
    k = _next_line(stripped, i)
    if k is None or k in verdict:
        return False
    title = stripped[k]
    return len(title) <= _SECTION_TITLE_MAX and not title.isdigit() and not _has_sentence_punct(title)


def _opens_first_section(stripped: list[str], verdict: dict, i: int, first_body: int) -> bool:
    """Whether the number on line ``i`` of the head is the first section's ("01" / "反馈回路" /
    the first paragraph): its value is 1, at most three kept lines stand between it and the
    first long paragraph (the heading, an epigraph, a short first one), and no number
    stands right above it (a ranking's numbers count up from 1 too, each over its title)."""
    if i >= first_body or int(stripped[i]) != 1:
        return False
    p = _next_line(stripped, i, -1)
    if p is not None and stripped[p].isdigit():
        return False
    between = [k for k in range(i + 1, first_body) if stripped[k]]
    return 0 < len(between) <= 3 and not any(k in verdict for k in between)


def _notice_closing(stripped: list[str], last_body: int, verdict: dict | None = None) -> list[int]:
    """A notice's closing block: the lines after its last paragraph down to the date written
    out under its signature, when that date comes within a few lines ("联系人：王明" /
    "联系电话：0731-…" / "附件：…" / "某某镇人民政府" / "2023年3月1日").  Its contact is the
    notice's own, however much it looks like a site's contact footer."""
    if last_body < 0:
        return []
    # A notice whose last sections are short lines under numbered headings ("三、联系方式" /
    # "联系人：王老师" / ... / "2024年2月20日") or short sentences (a Q&A's answers): the block
    # may start under its last heading or its last sentence that no rule removes.
    seen: list[int] | None = []
    for i in range(last_body + 1, len(stripped)):
        if not stripped[i]:
            continue
        if _numbered_heading(stripped[i]):
            seen = []
            continue
        if seen is None:
            continue
        seen.append(i)
        if _WRITTEN_DATE.match(stripped[i]):
            return seen
        if verdict is not None and _closing_sentence(stripped, seen, verdict):
            return seen
        if i not in (verdict or ()) and _CJK_SENTENCE_END.search(stripped[i][-1:]):
            # a sentence of the notice ("答：一般15个工作日。"): its closing block starts under it
            seen = []
            continue
        if len(seen) >= _CLOSING_MAX_LINES:
            seen = None
    return []


def _closing_sentence(stripped: list[str], seen: list[int], verdict: dict) -> bool:
    """Whether the last of ``seen`` is the author's sentence that closes a notice's short
    lines ("联系电话：0512-…" over "感谢大家的支持和参与。"): a sentence no rule names, without a
    notice's words, with short lines above it that no rule names but a contact line, and
    nothing under it but what rules remove whole (the site's footer).  A site's footer ends
    in its copyright or its disclaimer, a rule's."""
    i = seen[-1]
    s = stripped[i]
    return (len(seen) >= 2 and i not in verdict
            and _CLOSING_SENTENCE_MIN <= len(s) < BODY_MIN_CHARS and _CJK_SENTENCE_END.search(s[-1:]) is not None
            and _footer_words(s) == 0
            and all(k not in verdict or verdict[k][0] in _CLOSING_OWN for k in seen[:-1])
            and _last_kept(stripped, verdict) == i)


def _last_kept(stripped: list[str], verdict: dict) -> int:
    """The last line that no rule removes whole (-1: none)."""
    return next((k for k in range(len(stripped) - 1, -1, -1)
                 if stripped[k] and verdict.get(k, ("", 1))[1] != 0), -1)


# A date with its clock time at most, alone on its line: "2024年4月10日 9:00", "2024-04-10 上午9:00".
_BARE_DATE = re.compile(rf"^{_DATE}\s*(上午|下午|晚上|早上|中午)?\s*({_TIME})?$")


# A timeline's entry: a date and what happened on it ("2022年3月1日 项目立项", "2022-09-15 正式开工").
_TIMELINE_ENTRY = re.compile(rf"^{_DATE}\s+(\S{{1,12}})$")
_TIMELINE_MIN = 3
_WEEKDAY = re.compile(r"^(星期|周|週|礼拜|禮拜)[一二三四五六日天]$")


def _timeline(stripped: list[str]) -> set[int]:
    """A timeline (大事记): ``_TIMELINE_MIN`` lines in a row and more, each a date and a few
    words of what happened, each event its own.  A template's date line says the weekday,
    and a feed's date lines repeat their words (its source, its channel)."""
    out: set[int] = set()
    run: list[int] = []
    events: set[str] = set()

    def close() -> None:
        if len(run) >= _TIMELINE_MIN and len(events) == len(run):
            out.update(run)

    for i, s in enumerate(stripped):
        if not s:
            continue
        m = _TIMELINE_ENTRY.match(s) if s[:1].isdigit() else None
        if m is None or _WEEKDAY.match(m.group(1)) or meta_marks(m.group(1)):
            if run:
                close()
                run, events = [], set()
            continue
        run.append(i)
        events.add(m.group(1))
    close()
    return out


def _section_dates(stripped: list[str], verdict: dict) -> list[int]:
    """The date under a notice's numbered heading ("一、展览时间" over "2024年4月10日 9:00"):
    the section's text, not a template's date line, which no heading announces."""
    out = []
    for i, s in enumerate(stripped):
        if not s or not _numbered_heading(s) or i in verdict:
            continue
        k = _next_line(stripped, i)
        if k is not None and verdict.get(k) == ("meta", 0) and _BARE_DATE.match(stripped[k]):
            out.append(k)
    return out


# A post author's card (Q&A answers, CSDN/Jianshu/SegmentFault posts): the name and a one-line
# bio over a line only a card prints, a follow button, the answer's approval count, the
# profile's counters ("林间小鹿" / "园艺爱好者 / 阳台种植五年" / "216 人赞同了该回答").
_CARD_FOLLOW = re.compile(r"^[+＋]?\s*(关注|關注|追踪|追蹤|follow)\s*(他|她|TA|作者|我)?$", re.IGNORECASE)
_CARD_COUNT = r"\d+([.,]\d+)*\s*[万萬wWkK]?\+?"
_CARD_LABEL = (r"(原创|原創|点赞|點讚|点赞数|點讚數|阅读量|閱讀量|文章|博文|粉丝|粉絲|关注者|關注者|关注|關注|获赞|獲讚|被收藏|收藏|评论|評論|访问|訪問|"
               r"访问量|訪問量|等级|等級|积分|積分|排名|周排名|週排名|总排名|總排名|声望|聲望|回答|提问|提問|字数|字數|"
               r"总资产|總資產|阅读|閱讀|喜欢|喜歡|赞同|贊同|威望|金币|金幣|帖子|主题|主題|精华|精華|经验|經驗)")
_CARD_OWN_LABEL = r"(粉丝|粉絲|关注者|關注者|声望|聲望|获赞|獲讚)"
_CARD_PAIR = rf"({_CARD_LABEL}\s*[:：]?\s*{_CARD_COUNT}|{_CARD_COUNT}\s*(个|個|位)?\s*{_CARD_LABEL})"
_CARD_ANCHOR = re.compile(r"^(\d+([.,]\d+)*\s*(万|萬|k|K)?\s*(人|位)\s*(赞同|贊同)(了)?(该|該)?(文章|回答)?"
                          r"|(码龄|碼齡)\s*\d{1,2}\s*年|[Ll][Vv]\s*\.?\s*\d{1,2}"
                          rf"|((原创|原創)\s+)?{_CARD_PAIR}(\s*[|｜·•/]\s*|\s+){_CARD_PAIR}.*"
                          rf"|(共|共有)?\s*({_CARD_OWN_LABEL}\s*[:：]?\s*{_CARD_COUNT}|{_CARD_COUNT}\s*(个|個|位)?\s*{_CARD_OWN_LABEL}))$")
# An answer's approval count over its text: the answers of a Q&A page go on under it.
_ANSWER_VOTES = re.compile(r"^\d+([.,]\d+)*\s*(万|萬|k|K)?\s*(人|位)\s*(赞同|贊同)了(该|該)(回答|答案)$")
_CARD_ANCHOR_CHARS = frozenset("关關追fF赞贊龄齡粉获獲声聲积積线線字vV")
# A blog platform's meta row under the author's name: the date with the post's word count and
# reads ("2022.08.15 20:41:07 字数 1,203 阅读 3,456"); only the one line above it is the card's.
_CARD_META_ROW = re.compile(rf"^{_DATE}(\s*{_TIME})?\s+.{{0,12}}(字数|字數)\s*[:：]?\s*[\d,.]+[万萬kK]?.{{0,12}}"
                            r"(阅读|閱讀)\s*[:：]?\s*[\d,.]+[万萬kK]?")
# A forum poster's status beside the name: under the previous post's text the card's name is
# known by it, and by the name printed twice (the avatar's and the link's).
_CARD_STATUS = re.compile(r"^(当前离线|當前離線|当前在线|當前在線|离线|離線|在线|在線)$")
# What a card's name or bio line holds: a short line without a sentence's marks (a bio may hold a
# comma: "马拉松爱好者，跑龄八年").
_CARD_LINE = re.compile(r"^[^。！？!?；;：:“”\"「」#]{1,24}$")
_CARD_FIGURE = re.compile(r"^\d+(\.\d+)?\s*[kKwW万萬]?\+?$")
_CARD_NAMES_MAX = 2
_CARD_WINDOW = 8


def _author_cards(stripped: list[str], verdict: dict, is_body: list[bool]) -> list[int]:
    """The name and bio lines of each author card, with a follow button and a bare figure among
    them: up to two short unpunctuated lines over a card's anchor (``_CARD_ANCHOR``, a line a
    rule removed, or a follow button), with the card's other removed lines between them, and
    the page's furniture (a removed line) or the page's first line (its title, kept) right above
    them.  Under kept text the lines are the answer's own (its last short line) and stay, but
    for a forum's status line under the name printed twice ("老猫" / "老猫" / "当前离线")."""
    first = kept = -1
    out: list[int] = []
    for a in list(verdict):
        s = stripped[a]
        if (verdict[a][1] or len(s) > 80 or _CARD_ANCHOR_CHARS.isdisjoint(s)
                or not (_CARD_FOLLOW.match(s) or _CARD_ANCHOR.match(s) or _CARD_STATUS.match(s)
                        or _CARD_META_ROW.match(s))):
            continue
        if first < 0:
            first = next((k for k, t in enumerate(stripped) if t), len(stripped))
            # the first line that stays: a card's name is never above it (it is the page's title)
            kept = next((k for k, t in enumerate(stripped) if t and k not in verdict), len(stripped))
        most = 1 if _CARD_META_ROW.match(s) else _CARD_NAMES_MAX
        taken: list[int] = []
        named: list[str] = []
        k = a
        ok = False
        for _ in range(_CARD_WINDOW):
            k = _next_line(stripped, k, -1)
            if k is None:
                ok = bool(taken)
                break
            t = stripped[k]
            if k in verdict:
                if taken:
                    ok = verdict[k][1] == 0
                    break
                continue
            if k == first:
                ok = bool(taken)
                break
            if is_body[k] or not _CARD_LINE.match(t):
                # kept text above: only a status's name printed twice is a card's
                ok = len(named) == 2 and named[0] == named[1] and _CARD_STATUS.match(s) is not None
                break
            if _CARD_FIGURE.match(t) or _CARD_FOLLOW.match(t):
                taken.append(k)
            elif len(named) < most:
                taken.append(k)
                named.append(t)
            else:
                ok = len(named) == 2 and named[0] == named[1] and _CARD_STATUS.match(s) is not None
                break
        if ok and named and min(taken) > kept:
            out.extend(taken)
            # a follow button right under the name, among undecided lines
            j = _next_line(stripped, a)
            if j is not None and j not in verdict and _CARD_FOLLOW.match(stripped[j]):
                out.append(j)
    return out


# A thread whose floor stamps close each post ("1楼2023-03-05 10:12" under the post's text, a
# Tieba-like page): the poster's name opens the next post, right under the stamp.
_FLOOR_STAMP = re.compile(rf"^(来自|來自)?\S{{0,16}}?(客户端|客戶端)?\s*"
                          rf"(\d{{1,5}}\s*(楼|樓|#|F|f)\s*{_DATE}(\s*{_TIME})?|{_DATE}(\s*{_TIME})?\s*(第\s*)?\d{{1,5}}\s*(楼|樓|#|F|f))"
                          r"(\s*(回复|回覆|举报|舉報)(\s*[(（]\d+[)）])?)?$")
# The buttons a stamp has under it before the next poster's name ("回复", "回复(2)").
_STAMP_BUTTONS_MAX = 2
_BADGE_MAX = 8
# A floor's label over its poster's name, a post time under it (a Discuz-like page).
# ... or an answer's label over its answerer's name, the answer's time under it ("最佳答案" /
# "某某" / "推荐于2019-12-05", a Baidu Zhidao-like page).
_FLOOR_LABEL = re.compile(r"^(楼主|樓主|沙发|沙發|板凳|地板|地下室|\d{1,5}\s*(楼|樓|#|F|f)|#\d{1,5}"
                          r"|最佳答案|其他回答|其它回答|推荐答案|推薦答案|满意答案|滿意答案|精选回答|精選回答|优质解答|優質解答|"
                          r"提问者采纳|提問者採納)$")
_POST_TIME = re.compile(rf"^(发表于|發表於|发表时间|發表時間|发布于|發佈於|發布於|推荐于|推薦於|回答于|回答於|采纳于|採納於|"
                        rf"posted\s+on)?\s*[:：]?\s*{_DATE}")
_POSTER = re.compile(r"^[^\s。！？!?，,、；;：:“”\"「」（）()#…~～]{2,16}$")
_SEPARATOR_LINE = re.compile(r"^[-—─_=~～*·.]{6,}$")
# What the poster adds under a separator is the post's ("补充：已解决", "PS 谢谢"), no signature.
_POST_ADDENDUM = re.compile(r"^(补充|補充|更新|编辑|編輯|ps|p\.s|注|附|update|edit)|.*[:：]", re.IGNORECASE)
_SIGNATURE_LINES_MAX = 2
_SIGNATURE_LINE_MAX = 40


# A user's handle alone on its line: Latin letters, digits, "_", "." or "-", a letter first.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{2,23}")
_HANDLE_POSTS_MIN = 3
_HANDLE_POST_MIN_CHARS = 15


def _handle_posters(stripped: list[str], verdict: dict) -> list[int]:
    """The posters' handles of a thread that prints no stamps, each alone on its line over
    the reply it signs ("chenkeyuan" / 我也在搞这部分，…): three such handles at least, each
    over a line of text of 15 characters or more, one of them twice (a poster answering).  A
    glossary's English words over their meanings never repeat a word, and its meanings are
    short."""
    cands: list[int] = []
    seen: dict[str, int] = {}
    for i, s in enumerate(stripped):
        if not s or i in verdict or not s[0].isascii() or not _HANDLE.fullmatch(s):
            continue
        k = _next_line(stripped, i)
        if k is None or k in verdict or len(stripped[k]) < _HANDLE_POST_MIN_CHARS or _HANDLE.fullmatch(stripped[k]):
            continue
        cands.append(i)
        seen[s] = seen.get(s, 0) + 1
    if len(cands) < _HANDLE_POSTS_MIN or max(seen.values()) < 2:
        return []
    return cands


def _posters(stripped: list[str], verdict: dict, is_body: list[bool]) -> list[int]:
    """Each post's poster line in a thread: under a floor stamp that closes the post above
    (the page's first stamp is floor 1, under the first post's text) and over the post's text;
    the first post's too, when the same name opens a later post; between a floor's label and
    its post time; and a signature under its separator above the floor stamp."""
    out: list[int] = []
    stamps = [i for i in sorted(verdict) if verdict[i][1] == 0 and ("楼" in stripped[i] or "樓" in stripped[i]
                                                                    or "#" in stripped[i] or "F" in stripped[i]
                                                                    or "f" in stripped[i])
              and len(stripped[i]) <= 40 and _FLOOR_STAMP.match(stripped[i])]
    first_floor = re.search(r"\d{1,5}(?=\s*(楼|樓|#|F|f))", stripped[stamps[0]]) if stamps else None
    if len(stamps) >= 2 and first_floor and first_floor.group() == "1":
        above = _next_line(stripped, stamps[0], -1)
        if above is not None and above not in verdict:
            names = set()
            for st in stamps:
                j = _next_line(stripped, st)
                for _ in range(_STAMP_BUTTONS_MAX):
                    if j is None or j not in verdict or j in stamps:
                        break
                    j = _next_line(stripped, j)
                # the post's text under the name, past its badges ("Lv.12")
                k = _next_line(stripped, j) if j is not None else None
                for _ in range(_STAMP_BUTTONS_MAX):
                    if k is None or k not in verdict or k in stamps or len(stripped[k]) > _BADGE_MAX:
                        break
                    k = _next_line(stripped, k)
                if (j is not None and k is not None and j not in verdict and k not in verdict
                        and not is_body[j] and _POSTER.match(stripped[j])):
                    out.append(j)
                    names.add(stripped[j])
                # a signature under its separator, right above the stamp
                lines: list[int] = []
                k = st
                for _ in range(_SIGNATURE_LINES_MAX + 1):
                    k = _next_line(stripped, k, -1)
                    if k is None or (k in verdict and not _SEPARATOR_LINE.match(stripped[k])):
                        lines = []
                        break
                    if _SEPARATOR_LINE.match(stripped[k]):
                        break
                    if len(stripped[k]) > _SIGNATURE_LINE_MAX or is_body[k] or _POST_ADDENDUM.match(stripped[k]):
                        lines = []
                        break
                    lines.append(k)
                else:
                    lines = []
                if lines and k is not None:
                    out.extend(lines)
                    out.append(k)
            # the first post's poster, whose name opens a later post
            p = _next_line(stripped, stamps[0], -1)
            while p is not None and p not in verdict and stripped[p] not in names:
                p = _next_line(stripped, p, -1)
            if p is not None and p not in verdict and p not in out:
                out.append(p)
    for up in [i for i, (_, col) in verdict.items() if not col and len(stripped[i]) <= 8]:  # a label's length
        if not _FLOOR_LABEL.match(stripped[up]):
            continue
        j = _next_line(stripped, up)
        down = _next_line(stripped, j) if j is not None else None
        if (j is not None and down is not None and down in verdict and j not in verdict and len(stripped[j]) <= 16 and not is_body[j]
                and _POSTER.match(stripped[j]) and _POST_TIME.match(stripped[down])):
            out.append(j)
    return out


# A documentation site's sidebar under its page's title: the names of its pages one a line, no
# marks ("快速开始" / "安装" / "配置文件" / "部署到服务器"), among them the words every manual has.
_SIDEBAR_ITEM = re.compile(r"^[\u3400-\u9fffA-Za-z0-9][\u3400-\u9fffA-Za-z0-9 .+\-_/]{0,19}$")
_DOCS_WORDS = re.compile(
    r"^(简介|簡介|介绍|介紹|概述|概览|概覽|总览|總覽|快速开始|快速開始|快速入门|快速入門|快速上手|入门|入門|入门指南|入門指南|"
    r"新手入门|新手入門|安装|安裝|安装指南|安裝指南|安装说明|安裝說明|下载安装|下載安裝|配置|配置说明|配置說明|配置文件|设置|設定|"
    r"部署|使用指南|用户指南|用戶指南|开发指南|開發指南|教程|教學|指南|示例|範例|常见问题|常見問題|更新日志|更新日誌|版本历史|"
    r"版本歷史|变更日志|變更日誌|发布说明|發佈說明|升级指南|升級指南|迁移指南|遷移指南|贡献指南|貢獻指南|参与贡献|參與貢獻|"
    r"API|API ?参考|API ?參考|参考|參考|术语表|術語表|许可证|授權|核心概念|基本用法|基础用法|基礎用法|最佳实践|最佳實踐|"
    r"故障排除|疑难解答|疑難排解|附录|附錄|进阶|進階|高级用法|高級用法|FAQ|Changelog|Getting Started|Introduction|"
    r"Installation|Configuration|Tutorial|Guide|Reference)$", re.IGNORECASE)
# ... or the words a manual's page names are made of ("安装与升级", "配置参考").
_DOCS_PARTS = re.compile(r"安装|安裝|配置|部署|入门|入門|教程|教學|指南|示例|範例|常见问题|常見問題|更新日志|更新日誌|"
                         r"参考|參考|升级|升級|迁移|遷移|简介|簡介|概述|快速开始|快速開始|API|FAQ", re.IGNORECASE)
_SIDEBAR_MIN = 5
_SIDEBAR_WORDS_MIN = 2


def _docs_sidebars(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A docs site's sidebar in the head: a run of ``_SIDEBAR_MIN`` lines and more (lines a rule
    removed aside) of ``_SIDEBAR_ITEM``'s shape, two of them holding words of ``_DOCS_PARTS``
    (the title said again among them is no evidence: a poem's refrain repeats its first line).
    The page's first line that stays is its title and stays; so does the run's last line right
    above the first paragraph unless it is a manual's word (a title stands there when the
    sidebar comes first).  A poem's lines or a list of names have no manual's words."""
    if first_body >= len(stripped) or first_body <= _SIDEBAR_MIN:
        return []
    title = next((k for k in range(first_body) if stripped[k] and k not in verdict), None)
    if title is None:
        return []
    out: list[int] = []
    run: list[int] = []
    for i in range(first_body + 1):
        s = stripped[i] if i < first_body else ""
        if i < first_body and (not s or i in verdict):
            continue
        if i < first_body and len(s) <= 20 and _SIDEBAR_ITEM.match(s):
            run.append(i)
            continue
        items = [k for k in run if k != title]
        if len(items) >= _SIDEBAR_MIN:
            words = sum(1 for k in items if _DOCS_PARTS.search(stripped[k]))
            if words >= _SIDEBAR_WORDS_MIN:
                last = items[-1]
                if (_next_line(stripped, last) == first_body and not _DOCS_WORDS.match(stripped[last])
                        and stripped[last] != stripped[title]):
                    items.pop()
                out.extend(items)
        run = []
    return out


# A hot-topic label over its words, the words spaced out on the next lines ("热门标签" /
# "厨房电器 小家电 选购指南 烘焙"; one word alone on a line is a tag list's, ``_tail_tags``).
_HOT_LABEL = re.compile(r"^(热门话题|熱門話題|热门标签|熱門標籤|热门关键词|熱門關鍵詞|热门关键字|熱門關鍵字|热门搜索|熱門搜尋|"
                        r"熱門搜索|热搜榜|熱搜榜|大家都在搜|热门词|熱門詞|热门推荐|熱門推薦)\s*[:：]?$")
_WORD_ROW = re.compile(r"^[^\s。！？!?，,；;：:]{1,8}([ \t\u3000]+[^\s。！？!?，,；;：:]{1,8}){1,9}$")
_HOT_ROWS_MAX = 3


def _hot_word_rows(stripped: list[str], verdict: dict) -> list[int]:
    """The rows of words under a hot-topic label that a rule removed (``_HOT_LABEL``)."""
    out: list[int] = []
    for i in [i for i, (_, col) in verdict.items() if not col and ("热" in stripped[i] or "熱" in stripped[i]
                                                                  or "搜" in stripped[i])]:
        if not _HOT_LABEL.match(stripped[i]):
            continue
        k = i
        for _ in range(_HOT_ROWS_MAX):
            k = _next_line(stripped, k)
            if k is None or k in verdict or not _WORD_ROW.match(stripped[k]):
                break
            out.append(k)
    return out


# A forum poster's profile box: each field's label over its figure, which a rule removed
# ("积分" / "256", "注册时间" / "2009-5-12").
_PROFILE_FIELD = re.compile(r"^(积分|積分|帖子|精华|精華|UID|阅读权限|閱讀權限|注册时间|註冊時間|在线时间|在線時間|最后登录|最後登錄|"
                            r"威望|金钱|金錢|贡献|貢獻|主题|主題|好友|听众|聽眾|收听|收聽|经验|經驗|金币|金幣|等级|等級|"
                            r"回帖|发帖|發帖|粉丝|粉絲|获赞|獲讚|原创|原創|访问|訪問|排名|声望|聲望|来自|來自|性别|性別)$")
_PROFILE_VALUE = re.compile(rf"^(\d+([.,]\d+)*\s*[万萬wWkK]?\+?|{_DATE}(\s*{_TIME})?)$")


# A shop's label that a rule removed, its value alone under it ("累计评价" / "2万+", "好评度" / "98%").
_SHOP_LABEL = re.compile(r"^(京东价|京東價|淘宝价|淘寶價|天猫价|天貓價|价格|價格|售价|售價|促销价|促銷價|到手价|到手價|市场价|市場價|"
                         r"会员价|會員價|优惠价|優惠價|参考价|參考價|累计评价|累計評價|好评度|好評度|好评率|好評率|月销量|月銷量|"
                         r"销量|銷量|库存|庫存)\s*[:：]?$")
_SHOP_VALUE = re.compile(r"^([￥¥]\s*)?\d+([.,]\d+)*\s*([万萬]\+?|\+|%|元|件)?$")


def _profile_fields(stripped: list[str], verdict: dict) -> list[int]:
    """The labels of a profile box's fields over their figures, which rules removed; the values
    of a shop's labels that rules removed, alone under them."""
    out: list[int] = []
    for i in [i for i, (_, col) in verdict.items() if not col and len(stripped[i]) <= 20]:
        s = stripped[i]
        if s[0].isdigit() and _PROFILE_VALUE.match(s):
            k = _next_line(stripped, i, -1)
            if k is not None and k not in verdict and len(stripped[k]) <= 5 and _PROFILE_FIELD.match(stripped[k]):
                out.append(k)
        elif len(s) <= 6 and _SHOP_LABEL.match(s):
            k = _next_line(stripped, i)
            if k is not None and k not in verdict and len(stripped[k]) <= 12 and _SHOP_VALUE.match(stripped[k]):
                out.append(k)
    return out


# A related list's header inside the article, its titles under it ("延伸閱讀" / "‧某某標題" ...):
# short lines without a sentence's full stop, up to the article's next paragraph.
_RELATED_HEADER_MAX = 12
_RELATED_ITEM_MAX = 40
_RELATED_ITEMS_MAX = 10
_RELATED_ITEM_BREAKERS = re.compile(r"[。！!]|^#|[:：]$")
# The headers of a news site's lists of its other stories (not a blog's "推荐阅读", which may
# head the author's own list of books).
_RELATED_HEADER = re.compile(r"^[【\[▼▲●■]?\s*(延伸閱讀|延伸阅读|相關新聞|相关新闻|相關閱讀|相关阅读|相關文章|相关文章|相關報導|相关报道|"
                             r"更多新聞|更多新闻|你可能也想看|你可能也會喜歡)\s*[】\]▼▲]?\s*[:：]?$")


def _related_lists(stripped: list[str], verdict: dict, is_body: list[bool]) -> list[int]:
    """The titles under a news site's related list's header (``_RELATED_HEADER``) that a rule
    removed whole, for ``_rule_pass``; the footer zone takes them when the article ends there, but inside it
    the paragraph after the list is the article's and ends the list."""
    out: list[int] = []
    for i in [i for i, (reason, col) in verdict.items() if reason == "related-links" and not col
              and len(stripped[i]) <= _RELATED_HEADER_MAX and _RELATED_HEADER.match(stripped[i])]:
        items = []
        k = i
        for _ in range(_RELATED_ITEMS_MAX):
            k = _next_line(stripped, k)
            if (k is None or k in verdict or is_body[k] or len(stripped[k]) > _RELATED_ITEM_MAX
                    or _RELATED_ITEM_BREAKERS.search(stripped[k])):
                break
            items.append(k)
        # a list is followed by the article's text again (at the page's end, the footer zone
        # decides)
        if items and k is not None and is_body[k]:
            out.extend(items)
    return out


def _rule_pass(text: str, rules: RuleSet, boilerplate: Collection[int] | None, memo: LineMemo) -> _RulePass:
    """The rule files' and the shape rules' verdicts on every line of ``text``."""
    lines = text.split("\n")
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    stripped = [line.strip(BLANK_CHARS) for line in lines]

    is_body = [len(s) >= BODY_MIN_CHARS and memo.once(("body", s), _is_body, s)
               for s in stripped]  # no call for short lines
    body, body_hits = _zone_markers(stripped, is_body, rules, memo)
    if not body:
        # A short notice ("现将…印发给你们，请认真贯彻落实。") may have no paragraph of 40
        # characters: its sentences are the body then, or its signature would count as head.
        is_body = [SHORT_BODY_MIN_CHARS <= len(s) and _CJK_SENTENCE_END.search(s) is not None
                   and _footer_words(s) < 2 for s in stripped]
        body, body_hits = _zone_markers(stripped, is_body, rules, memo)
    # A site's disclaimer can be as long and punctuated as a paragraph ("本文为…号作者上传并
    # 发布，仅代表该作者观点…"): at the very end, a paragraph that a footer rule names and that
    # uses the vocabulary of notices is the footer's, not the article's.
    while (body and memo.once(("footer-words", stripped[body[-1]]), _footer_words, stripped[body[-1]])
           and memo.once(("footer", stripped[body[-1]]), _names_footer, rules, stripped[body[-1]])):
        is_body[body.pop()] = False
    # So is a notice above the article that a footer rule names (a translation's "本文是翻译
    # 文章，文章原作者…", a document library's terms), while more body follows.
    while len(body) > 1 and memo.once(("footer", stripped[body[0]]), _names_footer, rules, stripped[body[0]]):
        is_body[body.pop(0)] = False
    # And a summary above the article, labelled as one, that repeats the body's own sentences
    # (an unlabelled first paragraph said again later is the author's).
    cut_end = _cut_end(stripped)
    while (len(body) > 1 and _SUMMARY_LABEL.match(stripped[body[0]])
           and _repeats_body(stripped[body[0]], [stripped[k] for k in body[1:]], cut_end)):
        is_body[body.pop(0)] = False
    teasers = _tail_teasers(body, stripped)
    for i in teasers:
        is_body[i] = False
    body = body[:len(body) - len(teasers)]
    cards = _stamped_cards(body, stripped)
    for i in cards:
        is_body[i] = False
    body = [i for i in body if i not in cards]
    teasers = teasers + cards
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1

    verdict: dict[int, tuple[str, int]] = {}  # line index -> (reason, start column)
    fm_end = _front_matter_end(lines)
    for i in range(fm_end):
        verdict[i] = ("front-matter", 0)

    table: Collection[int] = boilerplate or ()
    hash_line = None
    if table:
        from .boilerplate import line_hash

        hash_line = line_hash

    # An auto-summary repeats the lead: compare with the first body paragraphs only, which
    # no whole-line removal can take away (a window of lines would move after one).
    lead_paragraphs = [stripped[i] for i in body[:5]]
    # ... a labelled one may take its sentences from anywhere in the body.
    body_paragraphs = [stripped[i] for i in body]
    footers: list[int] = []  # lines a footer rule names whole, candidates for the footer zone
    users: set[int] = set()  # lines a user's rule file named: decisive, whatever their place
    for i in range(fm_end, len(lines)):
        s = stripped[i]
        if not s:
            continue
        edge = i < first_body or i > last_body
        hit = body_hits.get(i) if is_body[i] else memo.once(("rule", s, edge), _match_unwrapped, rules, s, edge)
        if hit is not None:
            rule, col = hit
            # The text before a furniture tail may end in more of it (a source link
            # repeated): cut until the rest is clean, in this pass, as a second run would.
            while col and rule.part:
                before = s[:col].rstrip()
                more = rules.match(before, edge, is_body[i]) if before else None
                if more is None:
                    break
                rule, col = more
            lead = len(lines[i]) - len(lines[i].lstrip(BLANK_CHARS))
            verdict[i] = (rule.reason, lead + col if col else 0)
            if rule.source != _BUILTIN_RULES:
                users.add(i)
            if rule.footer and not col and i > first_body:
                footers.append(i)
            continue
        # A body paragraph is punctuated and 40+ characters long, so it is never a counter
        # or a separator; its only shape is a template's date line, at most 80 characters.
        reason = (memo.once(("reason", s, edge, i < first_body), _shape_reason, s, edge, i < first_body)
                  if not is_body[i] or len(s) <= 80 else None)
        if reason:
            verdict[i] = (reason, 0)
        elif hash_line is not None and hash_line(s) in table:
            verdict[i] = ("boilerplate", 0)
        elif i < first_body and _repeats_body(s, body_paragraphs if _SUMMARY_LABEL.match(s) else lead_paragraphs,
                                              cut_end):
            verdict[i] = ("auto-summary", 0)

    for i in teasers:
        verdict[i] = ("related-links", 0)
    for i, reason in _template_headings(stripped, first_body, verdict, rules):
        verdict[i] = (reason, 0)
    for i in _menu_runs(stripped, first_body, last_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _bar_menus(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _docs_sidebars(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _hot_word_rows(stripped, verdict):
        verdict[i] = ("navigation", 0)
    for i in _related_lists(stripped, verdict, is_body):
        verdict[i] = ("related-links", 0)
    for i in _record_fields(stripped, first_body, verdict):
        verdict[i] = ("meta", 0)
    for i in _record_rows(stripped, first_body, verdict):
        verdict[i] = ("meta", 0)
    for i in _meta_lists(stripped, first_body, verdict):
        verdict[i] = ("meta", 0)
    for i in _labelled_citations(stripped, verdict):
        verdict[i] = ("meta", 0)
    for i in _item_meta_lists(stripped, verdict):
        verdict[i] = ("meta", 0)
    for i in _head_signatures(stripped, first_body, verdict):
        del verdict[i]
    for i in _keyword_titles(stripped, body, verdict):
        del verdict[i]
    for i in [i for i, hit in verdict.items() if not hit[1] and "目" in stripped[i]
              and _heads_contents(stripped, verdict, i)]:
        del verdict[i]
    for i in [i for i, hit in verdict.items() if hit == ("stray-counter", 0)
              and _numbers_section(stripped, verdict, i, first_body, last_body)]:
        del verdict[i]
    for i in _feed_template(stripped, verdict):
        verdict[i] = ("feed-template", 0)
    for i in _named_titles(stripped, first_body if body else fm_end, verdict):
        if i not in users:
            del verdict[i]
    head_range = range(fm_end, first_body if body else fm_end)
    for i in _title_copies(stripped, head_range, verdict, lines):
        verdict[i] = ("title-copy", 0)
    for i, col in _head_title_shapes(lines, stripped, head_range, verdict):
        verdict[i] = ("title-copy", col)
    # a copy that went may bring the next one right above the body (a template's title
    # printed twice over its account's name printed twice)
    for i in _title_copies(stripped, head_range, verdict):
        verdict[i] = ("title-copy", 0)
    for i in _lone_buttons(stripped, verdict):
        verdict[i] = ("advert", 0)
    for i in _titled_figures(stripped, verdict):
        verdict[i] = ("photo-caption", 0)
    for i, reason in _body_widgets(stripped, first_body, last_body, verdict, rules):
        verdict[i] = (reason, 0)
    for i, reason in _widget_lists(stripped, verdict):
        verdict[i] = (reason, 0)
    for i in _record_numbers(stripped, first_body, verdict):
        verdict[i] = ("meta", 0)
    for i in _profile_fields(stripped, verdict):
        verdict[i] = ("meta", 0)
    for i in _author_cards(stripped, verdict, is_body):
        verdict[i] = ("meta", 0)
    posters = frozenset(_posters(stripped, verdict, is_body)) | frozenset(_handle_posters(stripped, verdict))
    for i in posters:
        verdict[i] = ("meta", 0)
    # A notice's own contact and organisers above its signature are no site's footer.
    closing = set(_notice_closing(stripped, last_body, verdict))
    for i in closing:
        if i in verdict and verdict[i][0] in _CLOSING_OWN:
            del verdict[i]
    # the date under an author's sign-off with the author's address, inside the document
    signoffs = _signoff_dates(stripped, verdict)
    for i in signoffs:
        del verdict[i]
    closing.update(signoffs)
    for i in _section_dates(stripped, verdict):
        del verdict[i]
    for i in _timeline(stripped):
        if verdict.get(i) == ("meta", 0):
            del verdict[i]
    stamps = sorted(i for i, (reason, col) in verdict.items()
                    if col == 0 and reason == "meta" and _post_stamp(stripped[i]))
    for i in _tail_tags(stripped, last_body, verdict, stamps):
        verdict[i] = ("meta", 0)
    # a notice above another answer's approval count is the bar under an answer ("赞同 1024 53 条评论")
    answers = [i for i, (reason, col) in verdict.items() if not col and ("赞同了" in stripped[i] or "贊同了" in stripped[i])
               and _ANSWER_VOTES.match(stripped[i])]
    last_answer = max(answers, default=-1)
    footer_start = _article_end([f for f in footers if f not in closing and not _post_button(f, stripped, stamps)
                                 and f > last_answer], body, stripped)
    # A line of the footer zone that no rule names takes the reason of the notice above it;
    # under a share button, a sentence is the article's own (a post of short lines that a
    # share bar interrupts), while a template's lists under one are titles and words.
    # Under a share bar whose zone holds only a post's buttons, counters and stamps (a Q&A
    # page's answers, each under the last one's buttons), a sentence stays however many
    # buttons came since; a comment box or a related list ends that.
    if footer_start is not None:
        reason = verdict[footer_start][0]
        posts = reason == "share-widget"
        for i in range(footer_start + 1, len(lines)):
            if i in verdict:
                reason = verdict[i][0]
                posts = posts and reason in _POST_BUTTON_REASONS
            elif stripped[i] and not ((reason == "share-widget" or posts)
                                      and _CJK_SENTENCE_END.search(stripped[i][-1:])):
                verdict[i] = (reason, 0)

    return _RulePass(lines, starts, stripped, is_body, verdict, footer_start, stamps, closing, posters)


# What a post's bar holds under each answer of a Q&A page: buttons, counters, stamps.
_POST_BUTTON_REASONS = ("share-widget", "meta", "stray-counter", "html-residue")


_MARKUP_LEAD = re.compile(r"^(#{1,6}\s*|[*+\-]\s+)")
# "标题 - 站名", "标题_站名", "标题 | 站名": the page's <title>, the site's name after the title.
_SITE_SUFFIX = re.compile(r"\s*[-_|｜–—]\s*[^。！？!?，,]{1,30}$")
# What follows a column's label is a headline, not a site's name, when it holds two Han
# phrases side by side with a space between ("專欄|某地新規上路 市民反應兩極"): a site's name
# is one word ("某某新聞網", "某某 - 某某網" with its own separator).
_HEADLINE_SUFFIX = re.compile(r"[\u4e00-\u9fff]{2}[ \u3000][\u4e00-\u9fff]{2}")


# A short line said twice is a poem's refrain or a dictionary's headword ("【相親】"), a
# title is longer.
_TITLE_COPY_MIN_CHARS = 8


def _named_titles(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """The title of a page about a newspaper, a site or a magazine ("某某特区报" over the
    entry's first paragraph) that the site-name rule took: the line right above the first
    paragraph stands in the title's place, and a site's own name stands at the top of the
    page or over the title, not there.  Whether the head prints it twice or not (a second
    pass sees it once, after its copy higher up went as the title's copy)."""
    above = _next_line(stripped, first_body, -1) if 0 < first_body <= len(stripped) else None
    if above is None or verdict.get(above) != ("site-name", 0):
        return []
    return [above]


def _title_core(line: str) -> str:
    core = _MARKUP_LEAD.sub("", line).strip()
    if len(core) > 4 and core[:2] in _EMPHASIS and core.endswith(core[:2]):
        core = core[2:-2].strip()
    return " ".join(core.split())


def _title_copies(stripped: list[str], head: range, verdict: dict, lines: list[str] | None = None) -> list[int]:
    """Copies of a head line that the template printed again (CLEANING.md section 2): the
    same text (Markdown marks and spaces aside) — the copy nearest the body stays — and the
    page's ``<title>``, a line that is another head line plus the site's name after a
    separator.  With ``lines``, a line whose furniture tail a rule cut ("第1章 某某(2/2)")
    counts by the text it keeps: the copy above it goes, it stays."""
    def kept(i: int) -> str:
        if i not in verdict or lines is None:
            return stripped[i]
        lead = len(lines[i]) - len(lines[i].lstrip(BLANK_CHARS))
        return stripped[i][:verdict[i][1] - lead].rstrip()

    open_ = [i for i in head if stripped[i] and (i not in verdict or (lines is not None and verdict[i][1] > 0))]
    cores = [_title_core(kept(i)) for i in open_]
    last = {core: k for k, core in enumerate(cores)}
    out = []
    for k, i in enumerate(open_):
        core = cores[k]
        # A template's copy: nothing but furniture between it and the copy that stays, which
        # is the title right above the body (a dateline may be between).  A line said twice
        # with the author's lines between is a refrain or a chorus.
        if i in verdict:  # a cut line stays with what it keeps
            continue
        # (a short one too when the copy that stays lost a tail to a rule: "第1章 某某(2/2)")
        short = k + 1 < len(cores) and open_[k + 1] in verdict and not _has_sentence_punct(core)
        if (len(core) >= (_SHORT_COPY_MIN_CHARS if short else _TITLE_COPY_MIN_CHARS) and k + 1 < len(cores)
                and cores[k + 1] == core and last[core] >= len(cores) - 3):
            out.append(i)
            continue
        m = _SITE_SUFFIX.search(core)
        if (m is not None and m.start() >= 4 and last.get(core[:m.start()], k) != k
                and not _HEADLINE_SUFFIX.search(m.group())):
            out.append(i)
            continue
        # a record's row that holds the title under its label ("名　　称：关于…的通知"), the
        # title printed on its own line too: the row is the copy
        m = _LABELLED_TITLE.match(core)
        if m is not None and len(m.group(1)) >= _TITLE_COPY_MIN_CHARS and last.get(m.group(1), k) != k:
            out.append(i)
    return out


# A title said twice this short (a wiki's headword over its infobox's title) is a copy only
# side by side, with a line the rules removed right before or after the pair.
_SHORT_COPY_MIN_CHARS = 4
# "标题_关键词": an SEO <title> that ends in a keyword the page prints on its own line.
_SEO_SEPARATOR = re.compile(r"\s*(?:_|\s[-|｜–—]\s)\s*")
# A channel's, a column's or an e-paper's name right above the title that starts with it
# ("某某周报" over "某某周报0606 本期主题"): the name, then a digit, a space, a bracket or a
# dash (not a colon: "说明" over "说明：…" is a heading over its text).
_LABEL_MAX_CHARS = 8
_LABEL_REST = re.compile(r"[\d\s(（\[【《〈「\-_|｜·]")


def _head_title_shapes(lines: list[str], stripped: list[str], head: range,
                       verdict: dict) -> list[tuple[int, int]]:
    """Copies of the title that ``_title_copies`` leaves, and a label above it (CLEANING.md
    section 2), as (line, start column; 0 = whole line):
    - a short title said twice side by side (4 to 7 characters), a removed line next to the
      pair: the first copy;
    - the page's first line said again right under it (removed lines aside), far from the body
      as it may be: the first copy;
    - a title on one line with a space inside, said again right under it over two lines: the
      one-line copy;
    - an SEO copy that wraps the title ("关键词 某某(标题)"), printed again nearer the body
      with only the title (or other lines it holds) between the two: the first copy;
    - a <title> that ends in a keyword after ``_`` or a spaced dash or bar, the keyword printed
      alone on another head line: the keyword's line, and the keyword's part of the <title>
      (the part only when the cut leaves the title whole); when the title before the keyword
      is printed alone too (a headline and its subtitle), the joined line only;
    - a short name alone on its line right above a line that starts with it and goes on
      after a digit, a space or a mark: the name.
    The title itself, a heading and lines that differ stay."""
    open_ = [i for i in head if stripped[i] and i not in verdict]
    cores = [_title_core(stripped[i]) for i in open_]
    out: list[tuple[int, int]] = []
    taken: set[int] = set()

    def removed(i: int | None) -> bool:
        return i is not None and i in verdict and verdict[i][1] == 0

    for k, i in enumerate(open_):
        core = cores[k]
        if not core:
            continue
        # a short title side by side with its copy
        if (_SHORT_COPY_MIN_CHARS <= len(core) < _TITLE_COPY_MIN_CHARS and k + 1 < len(cores)
                and cores[k + 1] == core and not _has_sentence_punct(core)
                and (removed(_next_line(stripped, i, -1)) or removed(_next_line(stripped, open_[k + 1])))):
            out.append((i, 0))
            taken.add(i)
            continue
        # the page's <title> as its first line and the headline right under it, however many
        # head lines (a summary, a byline the rules left) stand between it and the body
        if (k == 0 and len(core) >= _TITLE_COPY_MIN_CHARS and len(cores) > 1 and cores[1] == core
                and all(removed(j) or not stripped[j] for j in range(head.start, i))):
            out.append((i, 0))
            taken.add(i)
            continue
        # the title on one line, then again right under it broken over two lines (a headline
        # and its second half): the one-line copy
        if (len(core) >= _TITLE_COPY_MIN_CHARS and k + 2 < len(cores) and " " in core
                and min(len(cores[k + 1]), len(cores[k + 2])) >= 2
                and _squeezed(core) == _squeezed(cores[k + 1] + cores[k + 2])):
            out.append((i, 0))
            taken.add(i)
            continue
        # an SEO copy that wraps the title, said again below it
        if len(core) >= _TITLE_COPY_MIN_CHARS:
            later = next((m for m in range(k + 2, min(len(cores), k + 4)) if cores[m] == core), None)
            if (later is not None and later >= len(cores) - 3
                    and all(cores[m] and cores[m] in core for m in range(k + 1, later))):
                out.append((i, 0))
                taken.add(i)
                continue
    # an SEO <title> ending in a keyword printed alone
    for k, i in enumerate(open_):
        if i in taken:
            continue
        line = stripped[i]
        for m in _SEO_SEPARATOR.finditer(line):
            title, keyword = line[:m.start()].strip(), line[m.end():].strip()
            if len(title) < _TITLE_COPY_MIN_CHARS or not (_SHORT_COPY_MIN_CHARS <= len(keyword) <= len(title)):
                continue
            copies = [j for j, c in zip(open_, cores) if j != i and j not in taken and c == keyword]
            if not copies:
                continue
            if any(j != i and c == _title_core(title) for j, c in zip(open_, cores)):
                # both halves printed on their own lines (a headline and its subtitle): the
                # joined line is the <title>'s copy of them, and it alone goes
                out.append((i, 0))
                taken.add(i)
                break
            for j in copies:
                out.append((j, 0))
                taken.add(j)
            col = m.start()
            if col > 0 and _label_start(line, col) == col:
                out.append((i, col + len(lines[i]) - len(lines[i].lstrip(BLANK_CHARS))))
            break
    # a channel's or a column's name over the title that starts with it
    for k, i in enumerate(open_[:-1]):
        name, nxt = cores[k], cores[k + 1]
        if (i in taken or open_[k + 1] in taken or not 2 <= len(name) <= _LABEL_MAX_CHARS
                or _HEADING.match(stripped[i]) or not _shapes()["han-word"].match(name)):
            continue
        if len(nxt) > len(name) + 1 and nxt.startswith(name) and _LABEL_REST.match(nxt[len(name)]):
            out.append((i, 0))
            taken.add(i)
    return out


# The reasons of a widget's lines: a menu's, a button's, an advert's.
_WIDGET_REASONS = ("navigation", "share-widget", "advert")


# Buttons of an app's or a shop's promotion, left alone on their line beside the promotion
# that a rule removed: "购买", "立即打开".  The same word in a list is an author's.
_LONE_BUTTON = re.compile(r"^[【\[]?\s*(购买|購買|去购买|去購買|立即购买|立即購買|打开|打開|立即打开|立即打開|去看看|立即查看|"
                          r"马上查看|馬上查看|领取|領取|立即领取|立即領取|试用|試用|立即试用|立即試用|"
                          r"立即阅读|立即閱讀|开始阅读|開始閱讀|了解详情|瞭解詳情|查看详情|查看詳情)\s*[】\]]?\s*[>»›]*$")


# "某某标题-图1", "某某标题 圖2": an image's alt text made of a line of the page and a number.
_TITLED_FIGURE = re.compile(r"^(.{6,80}?)\s*[-_－—–]?\s*(图|圖|插图|插圖|配图|配圖)\s*\d{1,2}$")


def _titled_figures(stripped: list[str], verdict: dict) -> list[int]:
    """The alt text of an article's images that a site makes of the page's title and a
    number ("这道题你会做吗？-图1"), left as a line of its own where the image was: a line
    that is another line of the page (the title) with 图 and a number after it.  A line that
    ends in a figure's number and repeats no other line ("第二种解法看图2") is not one."""
    found: list[int] = []
    texts: set[str] | None = None
    for i, s in enumerate(stripped):
        if i in verdict or not s or not s[-1].isdigit() or ("图" not in s and "圖" not in s):
            continue
        m = _TITLED_FIGURE.match(s)
        if m is None:
            continue
        if texts is None:
            texts = set(stripped)
        if m.group(1).rstrip() in texts:
            found.append(i)
    return found


def _lone_buttons(stripped: list[str], verdict: dict) -> list[int]:
    """A promotion's button on its own line (``_LONE_BUTTON``) right before or after a line
    that a widget rule (a menu's, a button's, an advert's) removes whole; not beside a removed
    link or caption, where "购买" may head the author's own list."""
    out = []
    for i, s in enumerate(stripped):
        if not s or i in verdict or len(s) > 10 or not _LONE_BUTTON.match(s):
            continue
        near = []
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(stripped) and not stripped[k]:
                k += step
            if 0 <= k < len(stripped):
                near.append(k)
        if any(k in verdict and verdict[k][1] == 0 and verdict[k][0] in _WIDGET_REASONS for k in near):
            out.append(i)
    return out


# A widget's line between the article's paragraphs is as short as its button.
_BODY_WIDGET_MAX = 16


def _body_widgets(stripped: list[str], first_body: int, last_body: int, verdict: dict,
                  rules: RuleSet) -> list[tuple[int, str]]:
    """A widget's lines between the article's paragraphs (a login box, an app's buttons, a
    search box that the page put inside the article): a short line that a rule names only
    around the article (its words may be an author's heading there), right before or after
    a line that a widget rule (a menu's, a button's, an advert's) removes whole, and the lines of
    the same widget beside it in turn.  A heading beside a removed caption or meta line stays."""
    out: list[tuple[int, str]] = []
    gone = {i for i, (reason, col) in verdict.items() if col == 0 and reason in _WIDGET_REASONS}
    candidates = {}
    for i in range(max(first_body, 0) + 1, min(last_body, len(stripped))):
        s = stripped[i]
        if not s or i in verdict or len(s) > _BODY_WIDGET_MAX:
            continue
        hit = rules.match(s, True)
        if hit is not None and not hit[1] and hit[0].edge_only and hit[0].reason in _WIDGET_REASONS:
            candidates[i] = hit[0].reason

    def near(i: int, step: int) -> int | None:
        k = i + step
        while 0 <= k < len(stripped) and not stripped[k]:
            k += step
        return k if 0 <= k < len(stripped) else None

    changed = True
    while changed:
        changed = False
        for i in sorted(candidates):
            if i not in gone and any(k in gone for k in (near(i, -1), near(i, 1))):
                gone.add(i)
                out.append((i, candidates[i]))
                changed = True
    return out


# A login or membership box's promise, the line that opens its list of perks: "登录后你可以",
# "开通会员享以下特权：".
_WIDGET_OPENER = re.compile(r"(可以|可享|享受以下权益|享受以下權益|以下权益|以下權益|以下特权|以下特權|会员特权|會員特權|"
                            r"专属权益|專屬權益)\s*[:：]?$")
_WIDGET_LIST_MAX = 8
_WIDGET_ITEM_MAX = 16


def _widget_lists(stripped: list[str], verdict: dict) -> list[tuple[int, str]]:
    """The perks a login or membership box lists between its opener ("登录后你可以", a line a
    widget rule removed) and its button (the next line a widget rule removed whole, at most
    ``_WIDGET_LIST_MAX`` lines below): short lines, none a sentence ("免费复制代码", "和作者互动").
    Without the button below, the lines stay: they may be the title under the box."""
    out: list[tuple[int, str]] = []
    for i, s in enumerate(stripped):
        hit = verdict.get(i)
        if hit is None or hit[1] or hit[0] not in _WIDGET_REASONS or not _WIDGET_OPENER.search(s):
            continue
        items: list[int] = []
        for k in range(i + 1, len(stripped)):
            t = stripped[k]
            if not t:
                continue
            if k in verdict:
                if verdict[k][1] == 0 and verdict[k][0] in _WIDGET_REASONS and items:
                    out.extend((j, hit[0]) for j in items)
                break
            if (len(items) >= _WIDGET_LIST_MAX or len(t) > _WIDGET_ITEM_MAX or _has_sentence_punct(t)
                    or _HEADING.match(t)):
                break
            items.append(k)
    return out
# A government record's or a library's row naming the document: "名　　称：…", "标题：…".
_LABELLED_TITLE = re.compile(r"^(?:名\s*称|名\s*稱|信息名称|信息名稱|文件名称|文件名稱|标\s*题|標\s*題|题\s*名|題\s*名)\s*[:：]\s*(.+)$")


# The footer zone opens at a footer notice when what the page still has of body paragraphs
# after it is at most this share of what it had before: a comment section, a sidebar of
# promotions or a template's "about" block under an article, not the article's next part.
ARTICLE_TAIL_SHARE = 0.25


# A template prints the same lines around each article of a feed or a digest: short
# lines that come back this many times, in blocks that carry a date, a time or a count.
_FEED_REPEATS = 3
_FEED_LINE_MAX = 40
_FEED_DATE_LINE = re.compile(rf"^([-*+•·]\s*)?{_DATE}(\s*{_TIME})?$")


def _feed_template(stripped: list[str], verdict: dict) -> list[int]:
    """The template's lines around each article of a document that holds several (CLEANING.md
    section 5): runs of short, unpunctuated lines, each found at least ``_FEED_REPEATS``
    times in the document, one of them with a date, clock time, time ago or counter
    ("港聞 2023年06月23日" / "資料來源:" / "香港政府新聞網" before every item).  The block's
    own date changes from article to article: a line that is a date (a list item's at most)
    joins a run of repeated lines it stands beside ("- 某台新聞" / "- 2025年12月18日"); a
    headline with a number in it ("37人被捕") does not.
    A chorus or a speaker's label repeats too, but carries no date or count, and a heading
    repeated between paragraphs stands alone."""
    counts = Counter(s for s in stripped if s and len(s) <= _FEED_LINE_MAX)
    if max(counts.values(), default=0) < _FEED_REPEATS:
        return []  # a run needs a repeated line (most pages hold none)

    def repeated(s: str) -> bool:
        return counts.get(s, 0) >= _FEED_REPEATS and not _has_sentence_punct(s)

    def dated(s: str) -> bool:
        return _FEED_DATE_LINE.match(s) is not None

    out: list[int] = []
    run: list[int] = []
    for i, s in enumerate(stripped + [""]):
        if s and (repeated(s) or dated(s)):
            run.append(i)
            continue
        if s or i == len(stripped):
            if any(repeated(stripped[j]) for j in run) and any(meta_marks(stripped[j]) for j in run):
                out.extend(j for j in run if j not in verdict)
            run = []
    return out


# A teaser: the first sentences of another article, cut by the site ("…", "..."); not
# the author's "……".
_TEASER_END = re.compile(r"(?<![.…])(\.\.\.|…)$")


def _template_headings(stripped: list[str], first_body: int, verdict: dict,
                       rules: RuleSet) -> list[tuple[int, str]]:
    """A Markdown heading of the template above the article ("##### 译文声明" over the
    translation notice): in the head, a heading whose words a whole-line rule names goes
    when the line under it goes too; a heading over text that stays is the author's."""
    out = []
    for i in range(min(first_body, len(stripped))):
        s = stripped[i]
        if not s.startswith("#") or i in verdict:
            continue
        lead = _HEADING_LEAD.match(s)
        hit = rules.match(s[lead.end():], True) if lead is not None and lead.end() < len(s) else None
        nxt = _next_line(stripped, i)
        if hit is not None and hit[1] == 0 and nxt is not None and nxt in verdict and verdict[nxt][1] == 0:
            out.append((i, hit[0].reason))
    return out


# A menu item: a bare word or two of Han (at most 4 characters: "首页", "安全导航"; a poem's
# line has 5 or 7; a few joined by slashes: "建筑/施工/环境"), an issue's number ("第312期") or
# a short Latin label ("FC/NES", "Xbox360", "More..."), both together ("PPT模板"), a bullet
# before it and a menu's arrow after it at most ("• 经管营销>"); no clause mark, no colon.
_MENU_ITEM = (r"^([•·*+\-]\s*)?([A-Za-z]{0,4}\p{Han}{1,4}(/\p{Han}{1,4}){0,2}|(?=\D*\d)[\p{Han}\d]{2,6}"
              r"|[A-Za-z0-9][A-Za-z0-9/+\- ]{0,8}(\.{3})?)\s*[>»›]?$")
_MENU_RUN_MIN = 5
_MENU_OPENING_MIN = 3


# A site's top bar of links between spaced bars: "某站首页 | 论坛 | 博客".  The site's name
# first, then short names; no figures, marks or spaces inside a name (a table's row, a
# sentence, a headline have them: "乡村振兴 | 一个村庄的十年变迁 | 专题").
_BAR_MENU = re.compile(r"^[^\s|｜丨\d。！？!?，,；;：:]{1,12}(\s+[|｜丨]\s+[^\s|｜丨\d。！？!?，,；;：:]{1,6}){2,}$")
# Three names are a bar only at the page's top; four and more anywhere above the title.
_BAR_TOP_LINES = 3
_BAR_MIN_NAMES = 4
_BAR_SPLIT = re.compile(r"\s+[|｜丨]\s+")


def _bar_menus(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """Bars of links above the page's title: a line of ``_BAR_MENU``'s shape in the head with
    another line that stays between it and the first paragraph, among the page's first lines
    when it has three names.  Right above the paragraph it stands where a title does
    ("年终盘点 | 十件大事 | 上篇"), and stays."""
    out = []
    below = False  # a line that stays stands between the line and the first paragraph
    for i in range(min(first_body, len(stripped)) - 1, -1, -1):
        s = stripped[i]
        if not s or i in verdict:
            continue
        if (below and _BAR_MENU.match(s)
                and (i < _BAR_TOP_LINES or len(_BAR_SPLIT.split(s)) >= _BAR_MIN_NAMES)):
            out.append(i)
        else:
            below = True
    return out


def _menu_runs(stripped: list[str], first_body: int, last_body: int, verdict: dict) -> list[int]:
    """Menus by shape: five or more lines in a row (blank lines aside) that are bare menu
    items or lines a rule already removed, at least three of them items.  In the head such a
    run goes when it opens the page: nothing above it but furniture and lines the page prints
    again (the <title>'s copy of the headline); under the title, a list of short words is the
    author's (a recipe's ingredients).  In the tail only a run that a rule's hit joins goes (a
    list of names after the article, a signature's committee, is the author's), and not when
    the hit dates a post: short lines between post stamps are a thread's replies and their
    authors ("一样" under "3楼 2022-03-01 22:01"), not a menu."""
    item = _shapes()["menu-item"]
    runs: list[list[int]] = [[]]  # runs of menu-like lines, each within one zone
    for i, s in enumerate(stripped):
        if not s:
            continue
        edge = i < first_body or i > last_body
        if edge and ((i in verdict and verdict[i][1] == 0) or (not s.startswith("#") and item.match(s))):
            if runs[-1] and (runs[-1][-1] < first_body) != (i < first_body):
                runs.append([])
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    out: list[int] = []
    seen: Counter[str] | None = None
    for run in runs:
        items = [i for i in run if i not in verdict]
        # a site's top bar is shorter ("首页 / 发现 / 等你来答"): at the page's very start, with
        # a menu word a rule knows among its lines
        opens_page = len(items) < len(run) and not any(stripped[:run[0]])
        if len(run) < (_MENU_OPENING_MIN if opens_page else _MENU_RUN_MIN):
            continue
        if len(items) < 3:
            # fewer bare items in the head, where rules named the rest of a menu: only the
            # items next to a menu word a rule knows (a menu's last entries), not a title
            # between a thread's meta lines
            items = (_menu_tail_items(run, verdict, len(run) < _MENU_RUN_MIN,
                                      _headline_below(stripped, run[-1], first_body, verdict))
                     if run[0] < first_body else [])
            if not items:
                continue
        if run[0] < first_body and not _tabulated(run, items, verdict):
            if seen is None:
                seen = Counter(s for s in stripped if s)
            if not all(not s or (k in verdict and verdict[k][1] == 0) or seen[s] > 1
                       for k, s in enumerate(stripped[:run[0]])):
                continue
        elif len(items) == len(run) or (run[0] > last_body and any(i not in items and _post_stamp(stripped[i])
                                                                     for i in run)):
            continue  # a tail run needs a rule's hit among its lines, one that is no post's stamp
        if run[0] < first_body and items:
            # a lone word at the end of the head's run, under a line a rule named and over
            # none of a menu's, is where a page's title stands ("产品中心" / "西门子" / "类别:…",
            # the product's data): it stays
            at = run.index(items[-1])
            after = run[at + 1:]
            if at > 0 and run[at - 1] in verdict and (not after or (
                    verdict[after[0]][0] not in _MENU_NEIGHBOURS and not _FIGURES.search(stripped[after[0]]))):
                items = items[:-1]
        out.extend(i for i in items if not _headword(stripped, i, first_body))
    return out


def _headword(stripped: list[str], i: int, first_body: int) -> bool:
    """Whether head line ``i`` is an entry's headword among the menu's items: the first
    paragraph opens with it ("油桐" over the buttons "播报 编辑 讨论" and "油桐是大戟科…"), as an
    encyclopedia's or a dictionary's first sentence names the entry."""
    return (i < first_body < len(stripped) and len(stripped[i]) >= 2
            and stripped[first_body].startswith(stripped[i]))


_MENU_REASONS = ("navigation", "site-name")
# What stands beside a menu's words: a title has none of them right under it.
_MENU_NEIGHBOURS = ("navigation", "site-name", "breadcrumb")
# ... nor a figure, as a profile card's label has its value ("最后登录" / "2011-3-8").
_FIGURES = re.compile(r"\d")


def _headline_below(stripped: list[str], last: int, first_body: int, verdict: dict) -> bool:
    """Whether the head line right under a menu's run (its last line ``last``) is a headline
    that stays: a line of a title's length, not a menu item, above the first paragraph.
    The title's place is then taken, and the run's last bare words ("其他", "RSS" under "國際 …
    生活") are the menu's, not the page's title."""
    nxt = _next_line(stripped, last)
    return (nxt is not None and nxt < first_body and nxt not in verdict
            and len(stripped[nxt]) >= _TITLE_COPY_MIN_CHARS and not _shapes()["menu-item"].match(stripped[nxt]))


def _menu_tail_items(run: list[int], verdict: dict, top_bar: bool, headline_below: bool = False) -> list[int]:
    """The bare items of ``run`` that stand in a row beside a line a rule named a menu word
    or a site's name, with more of the run after them (or a headline that stays right under
    the run, ``headline_below``); in a page's short top bar, only right after a menu word
    (the word between a site's name and its tools may be the heading of its list, "新聞"),
    for ``_menu_runs``."""
    out: list[int] = []
    k = 0
    while k < len(run):
        if run[k] in verdict:
            k += 1
            continue
        end = k
        while end < len(run) and run[end] not in verdict:
            end += 1
        beside = [run[j] for j in ((k - 1,) if top_bar else (k - 1, end)) if 0 <= j < len(run)]
        # and never at the run's end: the line right above the page's text is its title's place
        # (a product's name under "产品中心")
        if (end < len(run) or (headline_below and not top_bar)) and any(
                verdict[j][0] in (("navigation",) if top_bar else _MENU_REASONS) for j in beside):
            out.extend(run[k:end])
        k = end
    return out


# A record's field label with its value elsewhere or left empty: "• 发文机构:", "浏览量:",
# spaced out to its column's width ("关 键 词:").
_FIELD_LABEL = re.compile(r"^([•·*+\-]\s*)?[^\W\d_]([ \u3000]{0,3}[^\W\d_]){0,7}\s*[:：]$")
# A field's value on the line after its label: short, not a sentence.
_FIELD_VALUE_MAX = 40


def _record_fields(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A record's fields above the article, one label per line with its value on the next
    line or none ("• 索引号:" / "6107…", "• 主题分类:", "视力保护色:", "浏览量:"): a run of
    at least three labels (a meta line a rule removed counts as one), with nothing between
    them but short values, goes from its first label to its last.  The lines after the last
    label are the page's (its title), and a section heading with a colon ("背景技术:")
    stands alone."""
    out: list[int] = []
    run: list[int] = []  # the current run's lines; labels mark where it may start and end
    labels: list[int] = []

    def close() -> None:
        # two of them in a label's own shape, whether a rule took them already or not (a
        # bulleted field that a rule names goes by it first: "• 来源:")
        real = [i for i in labels if _FIELD_LABEL.match(stripped[i])]
        if len(labels) >= _RECORD_MIN_LABELS and len(real) >= 2:
            out.extend(i for i in run if labels[0] <= i <= labels[-1] and i not in verdict)

    for i in range(first_body):
        s = stripped[i]
        if not s:
            continue
        removed_meta = i in verdict and verdict[i][1] == 0 and verdict[i][0] in ("meta", "stray-counter")
        if removed_meta or (i not in verdict and _FIELD_LABEL.match(s)):
            run.append(i)
            labels.append(i)
        elif (i not in verdict and len(s) <= _FIELD_VALUE_MAX and not _has_sentence_punct(s)
              and labels and labels[-1] == run[-1]):
            run.append(i)  # a value right after a label
        else:
            close()
            run, labels = [], []
    close()
    return out


_RECORD_MIN_LABELS = 3


# A document's number: "文号：市农发〔2024〕12号".
_DOC_NUMBER = re.compile(r"^(文\s*号|文\s*號)\s*[:：]\s*\S")


def _record_numbers(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A document's number as a row of the record table above it: a "文号：" line in the head
    with a removed row of the record right above it and right below it ("发布机构：…" /
    "文号：…" / "名称：…").  Printed with the document, under its title and over its text,
    the number is the document's own and stays."""
    nonblank = [i for i in range(first_body) if stripped[i]]

    def row(i: int) -> bool:
        return i in verdict and verdict[i][1] == 0 and verdict[i][0] in ("meta", "title-copy")

    return [i for n, i in enumerate(nonblank) if 0 < n < len(nonblank) - 1 and i not in verdict
            and _DOC_NUMBER.match(stripped[i]) and row(nonblank[n - 1]) and row(nonblank[n + 1])]


# The end of an issuing body's name: a signature's line ("上海市人民政府", "某某镇党委").
_ISSUER_END = re.compile(r"(政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|局|厅|廳|处|處|院|部|会|會|中心|公司|集团|集團"
                         r"|办事处|辦事處|党委|黨委|党组|黨組|支部|协会|協會|学校|學校|大学|大學)$")
_SIGNATURE_MAX_CHARS = 30


# A row of words above the article whose words the article says again is its own title
# (a listing's "望京南 精装两居 南北通透 近地铁 满五唯一" over a description of that flat),
# not a site's menu: this many words at least, and this share of them in the body.
_KEYWORD_TITLE_MIN_WORDS = 3
_KEYWORD_TITLE_SHARE = 0.6


def _keyword_titles(stripped: list[str], body: list[int], verdict: dict) -> list[int]:
    """The head's rows of words that went as a menu and that are the article's title by
    what the body says (``_KEYWORD_TITLE_SHARE`` of their words found in its paragraphs)."""
    if not body:
        return []
    out = []
    text = None
    for i in range(body[0]):
        hit = verdict.get(i)
        if hit != ("navigation", 0) or " " not in stripped[i]:
            continue
        words = [w for w in stripped[i].split() if len(w) >= 2]
        if len(words) < _KEYWORD_TITLE_MIN_WORDS:
            continue
        if text is None:
            text = "\n".join(stripped[k] for k in body)
        if sum(1 for w in words if w in text) >= _KEYWORD_TITLE_SHARE * len(words):
            out.append(i)
    return out


def _head_signatures(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """Dates of a cover letter's signature above the document it issues ("…印发给你们，请认真
    执行。" / "上海市人民政府" / "2017年12月20日" / the document's title and text): a date written
    out under an issuer's name that closes a sentence is the letter's, not a template's date
    line, though it stands in the head."""
    open_ = [i for i in range(first_body) if stripped[i] and (i not in verdict or _WRITTEN_DATE.match(stripped[i]))]
    out = []
    for k in range(2, len(open_)):
        date, issuer, letter = open_[k], open_[k - 1], open_[k - 2]
        if (verdict.get(date) == ("meta", 0) and _WRITTEN_DATE.match(stripped[date])
                and issuer not in verdict and len(stripped[issuer]) <= _SIGNATURE_MAX_CHARS
                and _ISSUER_END.search(stripped[issuer]) and _CJK_SENTENCE_END.search(stripped[letter][-1:])):
            out.append(date)
    return out


# A date alone in figures ("2017.12.20", "2017-12-20"), and an e-mail address.
_FIGURES_DATE = re.compile(r"^\d{4}\s*([.\-/])\s*\d{1,2}\s*\1\s*\d{1,2}$")
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_SIGNOFF_MAX_CHARS = 60


def _signoff_dates(stripped: list[str], verdict: dict) -> list[int]:
    """The date of an author's sign-off between the document's paragraphs ("若有更正请联系：
    某某" / "邮件：someone@example.com" / "2017.12.20" / the notes go on): a date alone right
    under a short line with the author's e-mail address, itself under a short line, both of
    which stay, with more of the document's lines under it, is the author's, not a
    template's date line (CLEANING.md section 5)."""
    out = []
    nonblank = [i for i, s in enumerate(stripped) if s]
    for n in range(2, len(nonblank) - 1):
        i, above, top, below = nonblank[n], nonblank[n - 1], nonblank[n - 2], nonblank[n + 1]
        if (verdict.get(i) == ("meta", 0) and _FIGURES_DATE.match(stripped[i])
                and above not in verdict and top not in verdict and below not in verdict
                and len(stripped[above]) <= _SIGNOFF_MAX_CHARS and len(stripped[top]) <= _SIGNOFF_MAX_CHARS
                and _EMAIL_ADDRESS.search(stripped[above])):
            out.append(i)
    return out


# A meta list's item: a bullet and a few words, no sentence ("• 公司招聘", "• 小编").
_META_ITEM = re.compile(r"^[•·*+\-]\s*[^。！？!?，,；;]{1,24}$")
_ITEM_BULLETS = frozenset("•·*+-")  # the first character of both item patterns


def _meta_lists(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A post's meta data as a bulleted list above the article ("• 公司招聘" / "• 2023-09-10
    10:10" / "• 龙泉小编"): a run of two or more short bulleted lines, one of which went as
    meta (its date), goes whole; a list of the author's points carries no such date."""
    out: list[int] = []
    run: list[int] = []
    head = [(i, s) for i, s in enumerate(stripped[:first_body]) if s]
    for i, s in head + [(first_body, "")]:  # the body's first line ends the last run
        if _META_ITEM.match(s):
            run.append(i)
            continue
        if len(run) >= 2 and any(verdict.get(k, ("", 1)) == ("meta", 0) for k in run):
            out.extend(k for k in run if k not in verdict)
        run = []
    return out


# A reference's document type in the national standard's citation format: "[J]" a journal,
# "[M]" a book, "[D]" a thesis, "[C]" proceedings, "[N]" a newspaper, "[J/OL]" online.
_CITATION_TYPE = re.compile(r"\[(J|M|D|C|N|R|S|P|EB)(/OL)?\]")
_CITATION_LABEL = re.compile(r"^[【\[]?\s*(论文引用格式|論文引用格式|引用格式|本文引用格式|引用本文|引文格式)\s*[】\]]?\s*[:：]\s*$")
_CITATION_MAX = 300


def _labelled_citations(stripped: list[str], verdict: dict) -> list[int]:
    """The citation under a journal page's citation label that a rule removed ("论文引用格式:"
    over "某某.论某某[J].某学报,2020(3):1-9."): the next line, when it has a document type
    mark.  A paper's own list of references has no such label over each entry."""
    out = []
    for i, s in enumerate(stripped):
        if not (i in verdict and _CITATION_LABEL.match(s)):
            continue
        k = _next_line(stripped, i)
        if (k is not None and k not in verdict and len(stripped[k]) <= _CITATION_MAX
                and _CITATION_TYPE.search(stripped[k])):
            out.append(k)
    return out


# A meta field's label inside a bulleted item: who reported, edited or wrote the item.
_ITEM_META_LABEL = re.compile(r"(记者|記者|编辑|編輯|责编|責編|作者|来源|來源|撰文|通讯员|通訊員)\s*[:：]")
_ITEM_META_MAX = 5
# ... a longer item with such a label, its names listed with commas: "• 记者:某某,某某 编辑:某某".
_LABELLED_ITEM = re.compile(r"^[•·*+\-]\s*[^。！？!?；;]{0,12}(记者|記者|编辑|編輯|责编|責編|作者|来源|來源|撰文|通讯员|通訊員)"
                            r"\s*[:：][^。！？!?；;]{1,40}$")


def _item_meta_lists(stripped: list[str], verdict: dict) -> list[int]:
    """The meta data a list page prints as bullets under each of its items, anywhere in the
    document (CLEANING.md section 5: "• 某报" / "• 记者:某某 编辑:某某" / "• 2021-02-03"): in a
    run of two to five short bulleted lines with a date alone, when another item is a meta
    field's label, a meta line a rule removed or an item found in another such run (the
    source's name), the date and the labelled fields go.  The other items stay (a source's
    name, the card's headline as a list item: keep when unsure), and an author's bulleted
    points (a changelog's dated entries) have neither labels nor repeats."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, s in enumerate(stripped):
        if s[:1] in _ITEM_BULLETS and (_META_ITEM.match(s) or _LABELLED_ITEM.match(s)):
            run.append(i)
            continue
        if s and run:
            if 2 <= len(run) <= _ITEM_META_MAX:
                runs.append(run)
            run = []
    if 2 <= len(run) <= _ITEM_META_MAX:
        runs.append(run)

    def dated(k: int) -> bool:
        return _FEED_DATE_LINE.match(stripped[k]) is not None

    runs = [r for r in runs if any(map(dated, r))]
    seen = Counter(stripped[k] for r in runs for k in set(r))
    out: list[int] = []
    for r in runs:
        labelled = [k for k in r if not dated(k) and _ITEM_META_LABEL.search(stripped[k])]
        if labelled or any(not dated(k) and (verdict.get(k) == ("meta", 0) or seen[stripped[k]] >= 2) for k in r):
            out.extend(k for k in r if k not in verdict and (dated(k) or k in labelled))
    return out


def _record_rows(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A record's row with one spaced label ("名        称 某某关于印发…的通知") between two rows
    that went as meta: a row of the same table.  Alone, a spaced title over its author
    ("静 夜 思 李白") stays."""
    spaced = _shapes()["spaced-label"]
    rows = [i for i in range(first_body) if stripped[i]]
    out = []
    for k in range(1, len(rows) - 1):
        i, before, after = rows[k], rows[k - 1], rows[k + 1]
        if (i not in verdict and spaced.match(stripped[i])
                and all(verdict.get(j, ("", 1)) == ("meta", 0) for j in (before, after))):
            out.append(i)
    return out


def _tabulated(run: list[int], items: list[int], verdict: dict) -> bool:
    """Whether a run's words are the labels of a record's values, one per line ("威望" over
    "3259", "注册时间" over "2010-2-9": a forum profile, a document's details): most of them
    stand next to a counter or a date that was removed.  An ingredient list has no such
    values between its words."""
    values = {k for k in run if k in verdict and verdict[k][0] in ("stray-counter", "meta")}
    if len(values) < 2:
        return False
    place = {k: n for n, k in enumerate(run)}
    labelled = sum(1 for i in items
                   if (place[i] > 0 and run[place[i] - 1] in values)
                   or (place[i] + 1 < len(run) and run[place[i] + 1] in values))
    return 2 * labelled >= len(items)


def _tail_teasers(body: list[int], stripped: list[str]) -> list[int]:
    """Two or more cut paragraphs that end the page after a whole one: the teasers of
    related articles under this one.  A page of teasers only (a digest, a list page) keeps
    them: they are its text."""
    k = len(body)
    # (searched in the last three characters: the look-behind still sees the one before)
    while k > 0 and _TEASER_END.search(stripped[body[k - 1]], max(0, len(stripped[body[k - 1]]) - 3)):
        k -= 1
    return body[k:] if k > 0 and len(body) - k >= 2 else []


# A card's stamp at the end of its teaser: its source, a dot and how long ago ("…某报 ・ 19 小时前",
# "…・ 3 天前"); a paragraph of the article does not end in a time ago after a dot.
_CARD_STAMP = re.compile(r"[・·•‧]\s{0,3}\d{1,5}\s{0,3}(秒|分钟|分鐘|小时|小時|天|日|周|週|个月|個月)前\s{0,3}$")
# ... which is this long at most: only a paragraph's last characters are searched for one.
_CARD_STAMP_MAX = 20
# A card's headline over its teaser is at most this long.
_CARD_HEADLINE_MAX = 80


def _stamped_cards(body: list[int], stripped: list[str]) -> list[int]:
    """The cards of other articles around the page (related, trending): paragraphs that end in
    a card's stamp (``_CARD_STAMP``), before the article's first whole paragraph or after its
    last, with the headline right above each (short, no sentence end).  A page of such cards
    only keeps them: they are its text."""
    stamped = [_CARD_STAMP.search(stripped[i], max(0, len(stripped[i]) - _CARD_STAMP_MAX)) is not None for i in body]
    if all(stamped) or not any(stamped):
        return []
    first = stamped.index(False)
    last = len(body) - stamped[::-1].index(False)
    out = []
    for k in list(range(first)) + list(range(last, len(body))):
        i = body[k]
        out.append(i)
        floor = body[k - 1] if k > 0 else -1
        h = _next_line(stripped, i, -1)
        h = h if h is not None and h > floor else None
        if (h is not None and len(stripped[h]) <= _CARD_HEADLINE_MAX
                and not _CJK_SENTENCE_END.search(stripped[h][-1:])):
            out.append(h)
    return sorted(out)


# A button's label with its count at most ("评论", "评论(3)"), not a section's heading.
_BUTTON_MAX = 8


def _post_button(i: int, stripped: list[str], stamps: list[int]) -> bool:
    """Whether the footer notice on line ``i`` is a thread's button under one of its posts (the
    "评论" under each answer of a question page): a button's length, two post stamps or more
    above it and one below.  Under an article, the comment section it opens goes whole."""
    return (len(stripped[i]) <= _BUTTON_MAX and sum(1 for k in stamps if k < i) >= 2
            and any(k > i for k in stamps))


def _article_end(footers: list[int], body: list[int], stripped: list[str]) -> int | None:
    """The first footer notice (copyright, comment box, related list...) after which the
    article does not go on: the rest of the page is its footer zone."""
    if not footers:
        return None
    total = sum(len(stripped[i]) for i in body)
    before = 0
    k = 0
    for f in footers:
        while k < len(body) and body[k] < f:
            before += len(stripped[body[k]])
            k += 1
        if total - before <= ARTICLE_TAIL_SHARE * before:
            return f
    return None


def page_rows(text: str, rules: RuleSet | None = None, boilerplate: Collection[int] | None = None,
              every_row: bool = False, memo: LineMemo | None = None
              ) -> tuple[_RulePass, list[int], list[list[float] | None], list[int]]:
    """The rule pass over ``text``, its non-blank line indices, their evidence rows
    (``line_evidence.FEATURES``), and the indices among them that the weights decide
    (neither removed by a rule nor protected, and marked as furniture): what the weights are
    fitted on and applied to.  Only those lines get a row unless ``every_row``.  ``memo``
    keeps what is computed of each line alone for the next pass over the same document."""
    memo = LineMemo() if memo is None else memo
    found = _rule_pass(text, rules or load_rules(), boilerplate, memo)
    index = [i for i, s in enumerate(found.stripped) if s]
    fz = found.footer_start
    facts = [LineFacts(found.is_body[i], i in found.verdict and found.verdict[i][1] == 0,
                       i in found.verdict and found.verdict[i][1] > 0, fz is not None and i >= fz)
             for i in index]
    lines = [found.stripped[i] for i in index]
    marked = marked_lines(lines, facts, (k for k, i in enumerate(index)
                                         if not found.decided(i) and not found.is_body[i]), memo)
    # the protections read the whole page: only asked when some line could be decided
    protected = found.protected(index, {index[k] for k in marked}) if marked else set()
    candidates = {k for k in marked if index[k] not in protected}
    # no line left for the weights (most pages' last pass): no evidence to gather
    rows: list[list[float] | None] = (page_evidence(lines, facts, None if every_row else candidates, memo)
                                      if every_row or candidates else [None] * len(lines))
    open_ = sorted(candidates)
    return found, index, rows, open_


@dataclass(frozen=True)
class Weights:
    """The fitted weights of ``rules/chrome-weights.txt``: one per evidence feature, and the
    probability of furniture above which a whole line goes (set high: keep when unsure)."""

    vector: tuple[float, ...]
    threshold: float


def parse_weights(text: str, source: str) -> Weights:
    """Parse a weights file: ``threshold P`` and one ``feature weight`` per line."""
    values: dict[str, float] = {}
    threshold = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        try:
            if len(parts) != 2:
                raise ValueError
            value = float(parts[1])
        except ValueError:
            raise RuleError(f"{source}:{number}: expected 'name number'") from None
        if parts[0] == "threshold":
            threshold = value
        elif parts[0] in FEATURES:
            values[parts[0]] = value
        else:
            raise RuleError(f"{source}:{number}: unknown feature {parts[0]!r}")
    if threshold is None:
        raise RuleError(f"{source}: no threshold line")
    return Weights(tuple(values.get(name, 0.0) for name in FEATURES), threshold)


@lru_cache(maxsize=8)
def load_weights(path: str | None = None) -> Weights:
    """The shipped weights, or a user's refitted file, read on first use (not at import:
    start-up stays fast)."""
    if path is None:
        text = resources.files("corpus_clean").joinpath("rules/chrome-weights.txt").read_text(encoding="utf-8")
        return parse_weights(text, "chrome-weights.txt")
    try:
        with open(path, encoding="utf-8") as fh:
            return parse_weights(fh.read(), path)
    except (OSError, UnicodeDecodeError) as err:
        raise RuleError(f"{path}: cannot read weights file ({getattr(err, 'strerror', None) or err})") from None


def furniture_probability(row: list[float], weights: Weights) -> float:
    z = sum(map(operator.mul, weights.vector, row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _decide(found: _RulePass, index: list[int], rows: list[list[float] | None], open_: list[int],
            weights: Weights) -> dict[int, tuple[str, int]]:
    """One decision per line from all its evidence.

    A rule's whole-line verdict is decisive evidence (the rule files name furniture
    precisely, and users add theirs); every other line that is not protected by its shape and
    place (``_RulePass.protected``) goes whole when its weighted evidence
    puts it at or above the threshold, with the feature that weighed most for furniture as
    its reason.  A kept line keeps a part rule's cut of its tail.
    """
    verdict = dict(found.verdict)
    for k in open_:
        i, row = index[k], rows[k]
        if row is not None and furniture_probability(row, weights) >= weights.threshold:
            _, name = max((w * x, name) for w, x, name in zip(weights.vector, row, FEATURES) if name != "bias")
            verdict[i] = (f"shape-{name}", 0)
    return verdict


# The first words of a source label that a part rule's match leaves before it ("…，转载请注明"
# + "出处：http…"): a clause this short after the last clause mark goes with the part.
_LABEL_LEAD_MAX = 12
# ... and a closing quote or bracket ends the author's unit before the part: "「成了嗎?」" + a watermark keeps its "」".
_CLAUSE_END = re.compile(r"[。！？；!?;，,、：:\s」』”’）)】〕]")
_OPENING_BRACKETS = "(（[【〔"


def _label_start(line: str, col: int) -> int:
    """Where a cut at ``col`` really starts: a part takes its whole label or nothing, so a
    short clause of the label left before the match (no clause mark inside) goes with it,
    and so do the mark and the spaces before the cut."""
    cut = len(line[:col].rstrip())
    first = line[col:].lstrip()[:1]
    if first in _OPENING_BRACKETS:
        return cut  # a bracket opens a unit of its own: "第十六章(1/2)", "…（来源：…）"
    if first.isdigit() and (cut < col or line[col:col + 1].isspace()):
        return cut  # so does a date after a space: "某某：某事 2024年03月13日|文:…"
    marks = [m.end() for m in _CLAUSE_END.finditer(line, 0, cut)]
    lead = marks[-1] if marks else 0
    if 0 < cut - lead <= _LABEL_LEAD_MAX and lead > 0:
        cut = len(line[:lead].rstrip("，,、：: \t"))
    return cut


def detect_chrome(text: str, rules: RuleSet | None = None,
                  boilerplate: Collection[int] | None = None, weights: Weights | None = None,
                  memo: LineMemo | None = None) -> list[Removal]:
    """Every furniture span of ``text`` with its reason (``chrome:<reason>``).

    The rules' verdicts are evidence; the fitted weights decide each whole line from all
    the evidence (``_decide``).  A part rule's cut of a kept line stays as the rules found it.
    """
    found, index, rows, open_ = page_rows(text, rules, boilerplate, memo=memo)
    verdict = _decide(found, index, rows, open_, weights or load_weights())
    lines, starts = found.lines, found.starts
    removals = _inline_captions(lines, starts, verdict) + _fold_buttons(lines, starts, verdict)
    for i in sorted(verdict):
        reason, col = verdict[i]
        line = lines[i]
        if col:
            # keep the text before a trailing furniture part, without the space before it
            # and without the first words of the part's own label
            cut = _label_start(line, col)
            removals.append(Removal(STEP, starts[i] + cut, starts[i] + len(line), line[cut:],
                                    f"chrome:{reason}"))
        else:
            # a whole line goes with its line break, so no blank line takes its place
            end = starts[i] + len(line) + (1 if i < len(lines) - 1 else 0)
            removals.append(Removal(STEP, starts[i], end, text[starts[i]:end], f"chrome:{reason}"))
    return sorted(removals, key=lambda r: r.start)


# A photo caption that a flattened page (a record on one line) carries inside its running
# text: "…的身份。▲海巡署起獲76塊海洛英磚。(圖/記者王小明攝)位於…", from the ▲ to its credit.
_INLINE_CAPTION = re.compile(r"[▲△][^▲△\n]{1,100}?[(（]\s*(圖|图|照片|圖片|图片|資料照|资料照|翻攝|翻摄)"
                             r"\s*[/／:：]?[^()（）\n]{0,30}[)）]")


def _inline_captions(lines: list[str], starts: list[int], verdict: dict) -> list[Removal]:
    """The captions inside the lines that stay (before a part cut, if any)."""
    out = []
    for i, line in enumerate(lines):
        hit = verdict.get(i)
        if ("▲" not in line and "△" not in line) or (hit is not None and hit[1] == 0):
            continue
        end = hit[1] if hit is not None else len(line)
        for m in _INLINE_CAPTION.finditer(line, 0, end):
            if m.start() == 0 and m.end() >= len(line.rstrip()):
                continue  # a caption alone on its line is the rules' to judge
            out.append(Removal(STEP, starts[i] + m.start(), starts[i] + m.end(), m.group(), "chrome:photo-caption"))
    return out


# An encyclopedia's fold button glued before each of its section headings ("折叠 通用惯例"):
# the button, then a heading's words (no sentence), on two lines or more of the page.
_FOLD_BUTTON = re.compile(r"^(?:折叠|摺疊|折疊)[ \t\u3000]+(?=[^\s。！？，；,!?;]{2,30}$)")
_FOLD_MIN_LINES = 2


def _fold_buttons(lines: list[str], starts: list[int], verdict: dict) -> list[Removal]:
    """The fold buttons before the headings that stay."""
    hits = []
    for i, line in enumerate(lines):
        if "折" not in line and "摺" not in line:
            continue
        stripped = line.strip(BLANK_CHARS)
        m = _FOLD_BUTTON.match(stripped)
        if m is not None:
            hits.append((i, line.index(stripped), m))
    if len(hits) < _FOLD_MIN_LINES:
        return []
    return [Removal(STEP, starts[i] + lead, starts[i] + lead + m.end(), m.group(), "chrome:share-widget")
            for i, lead, m in hits if i not in verdict]


# Passes of the chrome step over its own output, at most: a removal changes the neighbours
# and zones of the lines left, which the next pass weighs again; pages settle in two or three.
MAX_PASSES = 5


def remove_chrome(text: str, extra_rules: tuple[str, ...] = (),
                  boilerplate: Collection[int] | None = None, weights: str | None = None) -> StepOutput:
    """The ``chrome`` step: delete furniture lines and furniture line tails.

    Each decision weighs a line's neighbours and its place relative to the body, which the
    removals change; the step looks again at its own output until nothing changes, so that
    a second ``strip`` finds nothing more (bounded for adversarial input).
    """
    rules = load_rules(extra_rules)
    fitted = load_weights(weights)
    removals: Sequence[Removal] = []
    out = text
    memo = LineMemo(rules.line_memo)
    for _ in range(MAX_PASSES):
        found = detect_chrome(out, rules, boilerplate, fitted, memo)
        if not found:
            break
        removals = compose_removals(text, removals, found)
        out = apply_removals(out, found)
    return StepOutput(out, removals)


# Reasons the chrome step gives beside its rule files' sections (zones, shapes, the table).
_FIXED_REASONS = ("front-matter", "boilerplate", "auto-summary", "title-copy", "feed-template", "stray-counter", "meta", "html-residue")


def reasons(extra_files: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every reason the chrome step can report (as ``chrome:<reason>``), in a stable order."""
    found = dict.fromkeys(rule.reason for rule in load_rules(extra_files).rules)
    found.update(dict.fromkeys(_FIXED_REASONS))
    found.update(dict.fromkeys(f"shape-{name}" for name in FEATURES if name != "bias"))
    return tuple(found)


def list_rules(extra_files: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(source, reason and options, pattern) for every rule, for ``--list-rules``."""
    out = []
    for rule in load_rules(extra_files).rules:
        opts = [f"max={rule.max_len}"]
        if rule.edge_only:
            opts.append("where=edge")
        if rule.part:
            opts.append("part")
        if rule.footer:
            opts.append("footer")
        for pattern in rule.patterns:
            out.append((os.path.basename(rule.source), f"{rule.reason} {' '.join(opts)}", pattern))
    return out
