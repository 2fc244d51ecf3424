"""The evidence about each line of a page that the chrome step weighs.

Rules name furniture by its vocabulary, which differs on every site; the *shape* of the
page carries across sites: where a line stands (before the article's first paragraph,
after its last, between its paragraphs), how long it is and how it is punctuated, whether
it is made of links, counters, dates, separators or ``label:`` pairs, whether it repeats,
and what its neighbours are.  ``page_evidence`` turns a page into one row of numbers per
line, in the order of ``FEATURES``; ``corpus_clean.chrome`` combines a row with the fitted
weights of ``rules/chrome-weights.txt`` (``tools/train_chrome.py`` refits them from
labelled pages).  Every feature is a number in [0, 1], so a weight reads as the strength of
its evidence.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

# Sentence-final and clause punctuation (as in chrome's prose test).
_SENTENCE = "。！？；!?;…"
_CLAUSE = "，、,"


class LineFacts(NamedTuple):
    """What the rule pass found on one line: given to ``page_evidence`` by chrome (a tuple:
    one is made per line per pass)."""

    body: bool  # a body paragraph (long, punctuated as prose)
    rule: bool  # a whole-line rule or shape named it
    part: bool  # a part rule cut its tail
    footer: bool  # it stands in the footer zone a footer notice opened


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    """The shape patterns, each compiled by the engine that searches it faster: ``re`` for
    character classes and anchored patterns (about twice as fast), ``regex`` for the ones
    that start with a run of digits (it skips to a digit; ``re`` tries every position, up to
    ten times slower) and for ``\\p{Han}``."""
    import regex

    found = {
        "sentence": re.compile(f"[{re.escape(_SENTENCE)}]"),
        "clause": re.compile(f"[{re.escape(_CLAUSE)}]"),
        "han": regex.compile(r"\p{Han}"),
        "digit": regex.compile(r"\d"),
        "latin": re.compile(r"[A-Za-z]"),
        "sep": regex.compile(r"[|｜丨›»>/•·▪◆■□▶►→]|\s-\s"),
        "label": re.compile(r"^[^\s:：]{1,8}\s*[:：]"),
        "colon": re.compile(r"[:：]"),
        "url": regex.compile(r"https?://|www\.|\.(com|cn|net|org|html?)\b", regex.IGNORECASE),
        "email": re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|\[email protected\]"),
        # every repeat is bounded (a run of \w or digits as long as the line before a literal
        # that never comes is quadratic), and no bracket inside a label: "[[[[" stays linear
        "link": re.compile(r"\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}\)"),
        "image": re.compile(r"!\[[^\[\]\n]{0,300}\]\("),
        "tag": re.compile(r"</?[a-zA-Z][^>\n]{0,80}>"),
        "date": regex.compile(r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日"),
        "time": regex.compile(r"\b\d{1,2}:\d{2}\b"),
        "ago": regex.compile(r"\d{1,4}\s{0,3}(秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|月|年)前|(昨天|前天|刚刚|剛剛)"),
        # the labels of a template's meta fields ("来源:", "作者：", "阅读:"): with a date or a
        # counter beside them a line is a meta line; a poem's "作者：李白" alone is not (the
        # case of "Tags" spelled out: an IGNORECASE alternation is searched three times slower)
        "meta-label": regex.compile(r"(来源|來源|作者|责任编辑|責任編輯|编辑|編輯|发布人|發佈人|发布者|發佈者|稿源|出处|出處"
                                    r"|浏览|瀏覽|阅读|閱讀|点击|點擊|文档序号|文檔序號|分类|分類|标签|標籤|[Tt][Aa][Gg][Ss]?)\s*[:：]"),
        # not an ordinal: "第5次常务会议" is a count of nothing
        "count": regex.compile(r"(?<![第\d])\d{1,9}\s{0,3}(条|條|次|人|位|个|個|篇|赞|讚|评论|評論|回复|回覆|阅读|閱讀|浏览|瀏覽|关注|關注|粉丝|粉絲|收藏|点击|點擊|页|頁)"),
        "teaser": re.compile(r"(\.\.\.|…|。。。|\[\.\.\.\]|>>|》》)\s*$"),
        "list": re.compile(r"^([-*+•·]\s|\d{1,3}[.、．)]\s?|[（(]\d{1,3}[)）])"),
        "heading": re.compile(r"^(#{1,6}\s|第[一二三四五六七八九十百\d]+[章节節条條部篇回]|[一二三四五六七八九十]+[、.．])"),
        "closing": re.compile(r"[。！？!?」』”）)…]$"),
        "written-date": re.compile(r"^\s*(\d{4}|[〇零一二三四五六七八九十○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$"),
    }
    # a date, a time, a time ago, a counter or a meta label: one search for any of them
    found["meta-any"] = _alternation(found, _META_NAMES)
    # a character every match of "meta-any" holds (a digit, a label's colon, the first of
    # "昨天", "前天", "刚刚"): a paragraph without one is answered by one scan in C
    found["meta-char"] = re.compile(r"[\d:：昨前刚剛]")
    return found


def _alternation(res: dict[str, re.Pattern[str]], names: tuple[str, ...]) -> re.Pattern[str]:
    """One ``regex`` search for any of the patterns ``names`` (each keeps its own case
    flag): one C call instead of a Python loop over them."""
    import regex

    return regex.compile("|".join(("(?i:%s)" if res[name].flags & re.IGNORECASE else "(?:%s)") % res[name].pattern
                                  for name in names))


# A line this short is remembered across documents (``LineMemo.shared``); a longer one, most
# often a paragraph of one article, only for the passes over its own document.
SHARED_MAX_CHARS = 120
SHARED_SIZE = 50_000


class LineMemo(dict):
    """What is computed of a line alone, not of its place in the page, keyed by its text:
    the chrome step's passes over one document see the same lines again (less the removed
    ones), and a second pass then costs little more than the page's structure.

    ``shared``, when given, holds the answers for short lines across the documents of a run
    (the rule set's, since some answers depend on the rules): a site's template repeats its
    menus, bylines and footers on every page of a crawl, so most short lines of a corpus are
    answered once.  It is bounded: emptied when full."""

    def __init__(self, shared: dict | None = None) -> None:
        super().__init__()
        self.shared = self if shared is None else shared

    def once(self, key: tuple, fn, *args):
        store = self.shared if len(key[1]) <= SHARED_MAX_CHARS else self
        try:
            return store[key]
        except KeyError:
            if store is not self and len(store) >= SHARED_SIZE:
                store.clear()
            value = store[key] = fn(*args)
            return value


def _share(n: int, total: int) -> float:
    return min(1.0, n / total) if total else 0.0


def _has_email(s: str) -> bool:
    # the address pattern tries a run of name characters at every position: only where an
    # "@" is there to end one
    return "@" in s and _res()["email"].search(s) is not None


def _shape(s: str) -> list[float]:
    """Shape features of one stripped line (see ``SHAPE``)."""
    r = _res()
    n = len(s)
    sentence = len(r["sentence"].findall(s))
    clause = len(r["clause"].findall(s))
    han = len(r["han"].findall(s))
    words = s.split()
    links = r["link"].findall(s)
    link_chars = sum(len(x) for x in links)
    return [
        min(1.0, math.log1p(n) / math.log1p(400)),
        float(n <= 4), float(n <= 10), float(n <= 20), float(n <= 40), float(n >= 100),
        float(sentence > 0), min(1.0, sentence / 3), float(clause >= 2), min(1.0, clause / 6),
        float(r["closing"].search(s) is not None),
        _share(han, n), _share(len(r["digit"].findall(s)), n), _share(len(r["latin"].findall(s)), n),
        min(1.0, len(r["sep"].findall(s)) / 3),
        float(r["label"].search(s) is not None), min(1.0, len(r["colon"].findall(s)) / 3),
        float(r["url"].search(s) is not None), float(_has_email(s)),
        min(1.0, len(links) / 3), _share(link_chars, n), float(r["image"].search(s) is not None),
        float(r["tag"].search(s) is not None),
        float(r["date"].search(s) is not None), float(r["time"].search(s) is not None),
        float(r["ago"].search(s) is not None), float(r["count"].search(s) is not None),
        float(r["teaser"].search(s) is not None),
        float(r["list"].match(s) is not None), float(r["heading"].match(s) is not None),
        min(1.0, len(words) / 8), float(len(words) >= 3 and sentence == 0 and clause == 0 and n / len(words) <= 6),
        float(r["written-date"].match(s) is not None),
    ]


SHAPE = ("log-length", "len<=4", "len<=10", "len<=20", "len<=40", "len>=100",
         "sentence", "sentences", "clauses>=2", "clauses", "closing-mark",
         "han-share", "digit-share", "latin-share", "separators", "label-colon", "colons",
         "url", "email", "links", "link-share", "image", "html-tag",
         "date", "clock-time", "time-ago", "counter", "teaser-end", "list-item", "heading",
         "words", "menu-words", "written-date")
_FACTS = ("body", "rule", "part", "footer-zone")
_PLACE = ("head", "tail", "between", "last-line", "position", "share-before",
          "share-after", "near-body-1", "near-body-3", "far-from-body", "repeated", "repeats-title")
_NEIGHBOURS = ("prev-body", "next-body", "prev-rule", "next-rule", "prev-short", "next-short",
               "window-rule", "window-body", "window-short", "window-meta", "window-prose")
# Pairs of evidence that mean more together than apart (a short line in the head is a menu
# word, a short line between paragraphs a heading): the weights are linear, so they are given.
_PAIRS = (("head", "len<=20"), ("tail", "len<=20"), ("between", "len<=20"), ("head", "sentence"),
          ("tail", "sentence"), ("tail", "label-colon"), ("head", "label-colon"), ("between", "rule"),
          ("tail", "window-meta"), ("between", "window-meta"), ("far-from-body", "sentence"),
          ("tail", "far-from-body"), ("head", "far-from-body"), ("between", "heading"),
          ("tail", "written-date"), ("between", "list-item"), ("tail", "list-item"), ("head", "list-item"))

_SINGLE: tuple[str, ...] = ("bias",) + SHAPE + _FACTS + _PLACE + _NEIGHBOURS
FEATURES: tuple[str, ...] = _SINGLE + tuple(f"{a}&{b}" for a, b in _PAIRS)
_PAIR_INDEX = tuple((_SINGLE.index(a), _SINGLE.index(b)) for a, b in _PAIRS)
_META_NAMES = ("date", "time", "ago", "count", "meta-label")  # in _res()
_META = tuple(SHAPE.index(name) for name in ("date", "clock-time", "time-ago", "counter"))
_SENTENCE_INDEX = SHAPE.index("sentence")


def meta_marks(s: str) -> int:
    """How many kinds of a post's or a page's meta data ``s`` shows (a date, a clock time, a
    time ago, a counter, a meta field's label): two together ("jujyjse · 138 天前 · 2204 次点击",
    "2020-03-09 来源: 某报") are a template's meta line; a title has one at most."""
    r = _res()
    return sum(r[name].search(s) is not None for name in _META_NAMES)


def _meta_and_prose(s: str) -> tuple[bool, bool]:
    """Whether ``s`` holds a date, time or counter, and whether it has sentence punctuation
    (the window features of its neighbours)."""
    r = _res()
    meta = r["meta-char"].search(s) is not None and r["meta-any"].search(s) is not None
    return meta, r["sentence"].search(s) is not None


def page_evidence(lines: list[str], facts: list[LineFacts], need: set[int] | None = None,
                  memo: LineMemo | None = None) -> list[list[float] | None]:
    """One row of ``FEATURES`` per line of ``lines`` (stripped, non-blank: blank lines are
    not given), with ``facts`` from the rule pass; with ``need``, only the lines of those
    indices get a row (the others ``None``): the shapes are most of the chrome step's time,
    and only the lines the weights may decide need theirs."""
    n = len(lines)
    if not n:
        return []
    lengths = [len(s) for s in lines]
    total = sum(lengths) or 1
    body_idx = [i for i, f in enumerate(facts) if f.body]
    first_body = body_idx[0] if body_idx else n
    last_body = body_idx[-1] if body_idx else -1
    # distance to the nearest body paragraph, in lines
    dist = [n] * n
    last = None
    for i in range(n):
        if facts[i].body:
            last = i
        if last is not None:
            dist[i] = i - last
    last = None
    for i in range(n - 1, -1, -1):
        if facts[i].body:
            last = i
        if last is not None:
            dist[i] = min(dist[i], last - i)
    counts = Counter(lines)
    title = next((s for s, f in zip(lines, facts) if not f.rule and 4 <= len(s) <= 60), None)
    short = [ln <= 15 for ln in lengths]
    memo = LineMemo() if memo is None else memo
    shapes = [memo.once(("shape", s), _shape, s) if need is None or i in need else None
              for i, s in enumerate(lines)]
    near = set(range(n)) if need is None else {j for i in need for j in range(max(0, i - 3), min(n, i + 4))}
    meta = [False] * n  # of the lines in a needed line's window only
    prose = [False] * n
    for j in near:
        sh = shapes[j]
        if sh is not None:
            meta[j], prose[j] = any(sh[k] for k in _META), bool(sh[_SENTENCE_INDEX])
        else:
            meta[j], prose[j] = memo.once(("meta", lines[j]), _meta_and_prose, lines[j])
    rows: list[list[float] | None] = []
    before = 0
    for i, s in enumerate(lines):
        shape = shapes[i]
        if shape is None:
            rows.append(None)
            before += lengths[i]
            continue
        f = facts[i]
        head, tail = i < first_body, i > last_body
        lo, hi = max(0, i - 3), min(n, i + 4)
        window = [j for j in range(lo, hi) if j != i]
        w = len(window) or 1
        row = [1.0]
        row += shape
        row += [float(f.body), float(f.rule), float(f.part), float(f.footer)]
        row += [float(head), float(tail), float(not head and not tail),
                float(i == n - 1), i / max(1, n - 1),
                before / total, (total - before - lengths[i]) / total,
                float(dist[i] <= 1), float(dist[i] <= 3), float(dist[i] > 6),
                float(counts[s] > 1), float(title is not None and i > 0 and s == title)]
        row += [float(i > 0 and facts[i - 1].body), float(i + 1 < n and facts[i + 1].body),
                float(i > 0 and facts[i - 1].rule), float(i + 1 < n and facts[i + 1].rule),
                float(i > 0 and short[i - 1]), float(i + 1 < n and short[i + 1]),
                sum(facts[j].rule for j in window) / w, sum(facts[j].body for j in window) / w,
                sum(short[j] for j in window) / w, sum(meta[j] for j in window) / w,
                sum(prose[j] for j in window) / w]
        row += [row[a] * row[b] for a, b in _PAIR_INDEX]
        rows.append(row)
        before += lengths[i]
    return rows


# Evidence that only furniture carries (digits aside, none of it is position or length): a
# line the weights remove must show at least one, so that a short line of the author's
# (a poem's verse, a name, a heading) is never taken for a menu word by its place alone.
_MARKS = ("separators", "label-colon", "colons", "url", "email", "links", "image", "html-tag", "date",
          "clock-time", "time-ago", "counter", "teaser-end", "menu-words", "repeated", "footer-zone")
_MARK_INDEX = tuple(FEATURES.index(name) for name in _MARKS)
_DIGITS = FEATURES.index("digit-share")


def furniture_marked(row: list[float]) -> bool:
    """Whether a line shows a mark of furniture: one of ``_MARKS``, or mostly digits.  Being
    between two furniture lines is not one: a thread's short reply is, between its post's
    author line and the next one's."""
    return any(row[k] for k in _MARK_INDEX) or row[_DIGITS] >= 0.3


# The patterns of ``_MARKS`` in one alternation (a label implies a colon; an e-mail address
# is looked for apart, where an "@" is): one search tells whether a line can be marked,
# before its row of evidence is built.
_PATTERN_MARKS = ("sep", "colon", "url", "link", "image", "tag", "date", "time", "ago", "count", "teaser")


@lru_cache(maxsize=1)
def _any_mark() -> re.Pattern[str]:
    return _alternation(_res(), _PATTERN_MARKS)


def _shows_mark(s: str) -> bool:
    """Whether ``s`` alone shows a mark of furniture (``_MARKS`` less those of its place)."""
    if _any_mark().search(s) is not None or _has_email(s):
        return True
    r = _res()
    words = s.split()
    return ((len(words) >= 3 and len(s) / len(words) <= 6 and r["sentence"].search(s) is None
             and r["clause"].search(s) is None)
            or _share(len(r["digit"].findall(s)), len(s)) >= 0.3)


def marked_lines(lines: list[str], facts: list[LineFacts], candidates: Iterable[int],
                 memo: LineMemo | None = None) -> set[int]:
    """The ``candidates`` (indices into ``lines``) whose row would be ``furniture_marked``,
    found without building the rows: most lines a page's weights could decide show no mark
    and need no evidence at all (the rows are most of the chrome step's time)."""
    memo = LineMemo() if memo is None else memo
    counts = Counter(lines)
    return {i for i in candidates
            if facts[i].footer or counts[lines[i]] > 1 or memo.once(("mark", lines[i]), _shows_mark, lines[i])}
