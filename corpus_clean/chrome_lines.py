"""What the chrome step reads off one line alone: prose or not, a body paragraph, a
template's shape (counters, date and meta lines, spaced records), a footer's words, a rule's
hit inside Markdown emphasis.

These answers depend on the line's text only (and the rules), so ``line_evidence.LineMemo``
keeps them for the next pass over the same document and, for short lines, across documents.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from . import lazy_re
from .chrome_rules import Rule, RuleSet, _add_define
from .han import is_han
from .line_evidence import LineMemo, meta_marks

# Sentence punctuation marks a line as prose; a body paragraph ends a head or tail zone.
_SENTENCE_PUNCT = "。！？；!?;…"
# Not colons: a template's meta line ("发布日期：… 来源：… 字号：…") has several, prose has commas.
_CLAUSE_PUNCT = "，、,"
# A body paragraph: long enough and punctuated like prose.
BODY_MIN_CHARS = 40


_CJK_SENTENCE_END = lazy_re.compile("[。！？]")


# Date (and time) lines of a template: "2022-01-21 14:03:20", "2022年1月21日 14:03".
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(:\d{2})?"
# Words that make a long line a footer (about-site, disclaimer, a translation's notice) rather than body text.
_FOOTER_WORDS = ("本站", "本网", "本網", "本平台", "网站", "網站", "门户", "門戶", "站长", "站長",
                 "版权", "版權", "转载", "轉載", "侵权", "侵權", "免责", "免責", "网民", "網民",
                 "网友", "網友", "著作权", "著作權", "仅代表", "僅代表", "不代表", "平台",
                 "webmaster", "website", "copyright", "reproduced", "the network", "platform", "©",
                 "powered by", "all rights reserved", "翻译文章", "翻譯文章", "原作者", "译文", "譯文", "原创认证", "原創認證")


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
        # "0" views, "12" comments, "33,451,181" hits; "3/5" of a picture gallery; a record's
        # id of ten digits and more alone ("49883000000003": no count, no year, no heading's number)
        "counter": regex.compile(r"^\s*(\d{1,6}|\d{10,24}|\d{1,3}(,\d{3}){1,3}|\d{1,3}\s*/\s*\d{1,3})\s*$"),
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
_URL = lazy_re.compile(r"(https?|ftp)://\S+|www\.\S+")


# A comment's or a post's stamp at the end of its line: "…说得好 👍 336 💭北京 🕐2025-04-25 23:19:03".
_TRAILING_STAMP = lazy_re.compile(_DATE + r"\s*" + _TIME + r"\s*$")


# A row of three links and more at a line's start, short names between bars: "加入收藏 |
# 设为首页 | 会员中心 | …" before a site's slogan is a template's top bar, however it ends.
# (The spaces around a bar count in its names: one way to split the line, no backtracking.
# A table's row has figures in its cells; a link's name has none.)
_LINK_ROW_LEAD = lazy_re.compile(r"^[^|｜丨。！？!?，,\d]{1,10}([|｜丨][^|｜丨。！？!?，,\d]{1,10}){2,}[|｜丨]")


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
    return _is_prose(line) and _footer_words(line) < 2 and not _menu_row(line)


# A row of menu entries between spaces has this many at least, however long the row.
_MENU_ROW_ENTRIES = 8


def _menu_row(line: str) -> bool:
    """Whether a long line is a row of menu entries between spaces, not a paragraph: no
    sentence or comma mark, a few 、 inside entries at most ("目录 政制和行政 … 食物安全、环境卫生
    和渔农业 社会福利 … 附录 列印")."""
    return (not _has_sentence_punct(line) and "，" not in line and "," not in line
            and len(line.split()) >= _MENU_ROW_ENTRIES)


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


# A title this long at least before a meta tail glued onto it (``meta_tail``).
_GLUED_TITLE_MIN = 8
# ... and no label of its own ("资源ID:123"); a colon inside quotes is the title's (“某某:某某”).
_TITLE_LABEL = lazy_re.compile(r"(?:^|\s)[^\s:：“”\"「」《》]{1,8}\s*[:：]")


def meta_tail(line: str) -> int:
    """Where a page's meta tail starts in a head line that ``_shape_reason`` calls meta, when
    a title stands before it ("某某论坛2023年年会将于3月25日举行 时间:2023-03-21 来源:某某网"):
    the first label set apart by a space whose rest of the line is a meta line by itself, with
    eight characters and no label before it; 0 when the whole line is meta."""
    m = _shapes()["label-value"].search(line)
    if m is None:
        return 0
    start = m.start() + (1 if line[m.start()].isspace() else 0)
    title = line[:start].strip()
    if len(title) < _GLUED_TITLE_MIN or _TITLE_LABEL.search(title):
        return 0
    return start if _shape_reason(line[start:], True, True) == "meta" else 0


# A template's numeric date (and time) glued after a title in the head, set apart by a space:
# "某某学院信息发布流程 2021-11-26".  A written date ("2021年11月26日") may be the title's own.
_TRAILING_DATE = lazy_re.compile(r"\s+[(（\[]?\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
                                 r"(\s+\d{1,2}:\d{2}(:\d{2})?)?[)）\]]?$")


def date_tail(line: str) -> int:
    """Where a date glued after a head line's title starts (``_TRAILING_DATE``), with the
    title's eight characters and no label before it (as ``meta_tail``); 0: none."""
    m = _TRAILING_DATE.search(line)
    if m is None:
        return 0
    title = line[:m.start()]
    if len(title.strip()) < _GLUED_TITLE_MIN or _TITLE_LABEL.search(title):
        return 0
    return m.start() + 1


# Above the article only (in the tail, the same shapes are a table's row or a letter's
# signature): a post's category with its counters ("服务器知识 0 1124"), and an author with
# the account that published the post and its date, without labels ("张三 某某技术与政策
# 2022-12-10").
_CATEGORY_COUNTERS = lazy_re.compile(r"^(?!第)[^\W\d_]{2,8}\s+\d{1,6}(\s+\d{1,7}){1,2}$")
# ... a channel's or an author's name with the date, the views after it at most ("专利查询2022-5-10
# 160", "杨某 2013-04-10"), under a line of the page (first, it is a digest's title: "今日新聞
# 2025-10-25"; ``chrome._rule_pass``).
_NAME_DATE = lazy_re.compile(r"^(?!第)[^\W\d_]{2,8}\s*\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
                             r"(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\d{1,7})?$")
_AUTHOR_ACCOUNT_DATE = lazy_re.compile(r"^[^\W\d_]{2,4}\s+[^\W_]{2,16}\s+\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$")


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
_LOST_GLYPH = lazy_re.compile(r"(?:^|(?<=\s))[?？](?=\s)"
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
    return (len(line) <= 160 and spaced.match(line) is not None and len(spaced.findall(line)) >= 2
            and not _letter_spaced(line))


# Text whose every character a page spaced out ("政 府 新 聞 處 擔 任 政 府 的 …"): this share of
# its Han characters at least has a space after it.
_LETTER_SPACED_SHARE = 0.7


def _letter_spaced(line: str) -> bool:
    """Whether a line is letter-spaced text (a page that spaces out all its characters), not
    a record whose labels are spaced to their column's width and whose values are not."""
    han = [k for k, ch in enumerate(line) if is_han(ch)]
    spaced = sum(1 for k in han if line[k + 1:k + 2].isspace())
    return len(han) >= 10 and spaced >= _LETTER_SPACED_SHARE * len(han)


# A comma or a colon alone on its line: what is left of a template's widget once its
# elements are gone ("，轻点两下取消赞" less its words).  Not "……" or "——", an author's.
_LONE_MARKS = lazy_re.compile(r"^[，,、：:；;。.]{1,3}$")
_CRUMB_SEPARATOR = lazy_re.compile(r"\s*[>›»]\s*")
# A crumb is a name: quotes, colons and commas belong to a sentence ("从“0>1”到“1>100”：…").
_CRUMB_BREAKERS = lazy_re.compile(r"[“”\"'「」：:，,（）()]")


def _breadcrumb_shape(line: str) -> bool:
    """A trail of three or more short names joined by ``>``/``›``/``»`` ("首页 > 频道 > 正文",
    with or without a "当前位置:" label): a breadcrumb, whatever its words.  Not a tag's ``>``
    and not a sentence, and not an arrow of the author's ("A -> B -> C", "x => y")."""
    if len(line) > 100 or "<" in line or "->" in line or "=>" in line or _has_sentence_punct(line):
        return False
    parts = _CRUMB_SEPARATOR.split(line)
    return (len(parts) >= 3 and len(parts[0]) <= 30
            and all(0 < len(p) <= 24 and _CRUMB_BREAKERS.search(p) is None for p in parts[1:]))


def _template_line(line: str) -> bool:
    """A long line that the shape rules name (a date-time footer of a forum template, a
    record's row of spaced labels)."""
    return (len(line) <= 80 and _shape_reason(line, True, False) is not None) or _spaced_record(line)


_EMPHASIS = ("**", "__")
_HEADING_LEAD = lazy_re.compile(r"#{1,6}\s+")
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
_BULLET_LEAD = lazy_re.compile(r"^[•·*+\-]\s+")


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
_SUMMARY_LABEL = lazy_re.compile(rf"^([【\[]{_SUMMARY_WORDS}[】\]]\s*[:：]?|{_SUMMARY_WORDS}\s*[:：])\s*")
_SENTENCE_SPLIT = lazy_re.compile(r"(?<=[。！？!?])")


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


# A post's tag, a word alone on its line: "历史", "木工", "DIY", "C++" (a line of a poem is longer).
_TAG_WORD = r"^(\p{Han}{1,4}|[A-Za-z0-9+#.]{1,8})$"


# A menu item: a bare word or two of Han (at most 4 characters: "首页", "安全导航"; a poem's
# line has 5 or 7; a few joined by slashes: "建筑/施工/环境"), an issue's number ("第312期") or
# a short Latin label ("FC/NES", "Xbox360", "More..."), both together ("PPT模板"), a bullet
# before it and a menu's arrow after it at most ("• 经管营销>"); no clause mark, no colon.
_MENU_ITEM = (r"^([•·*+\-]\s*)?([A-Za-z]{0,4}\p{Han}{1,4}(/\p{Han}{1,4}){0,2}|(?=\D*\d)[\p{Han}\d]{2,6}"
              r"|[A-Za-z0-9][A-Za-z0-9/+\- ]{0,8}(\.{3})?)\s*[>»›]?$")


_ITEM_BULLETS = frozenset("•·*+-")  # the first character of both item patterns


# The first words of a source label that a part rule's match leaves before it ("…，转载请注明"
# + "出处：http…"): a clause this short after the last clause mark goes with the part.
_LABEL_LEAD_MAX = 12
