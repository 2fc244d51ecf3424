"""Furniture and the author's text recognised by their shape and place in the page.

Each function reads the page's stripped lines and the verdicts so far (line index ->
(reason, start column)) and returns the lines a shape names: menus, related lists, record
fields, meta lists, title copies, posters and signatures, or the author's lines that a
verdict must give back (sign-off dates, a notice's closing, section dates).  ``chrome._rule_pass``
asks them in turn; none of them needs vocabulary beyond a few words of its kind.
"""
from __future__ import annotations

import re
from collections import Counter

from . import lazy_re
from .chrome_lines import (
    _CJK_SENTENCE_END,
    _DATE,
    _EMPHASIS,
    _HEADING_LEAD,
    _ITEM_BULLETS,
    _LABEL_LEAD_MAX,
    _TIME,
    BODY_MIN_CHARS,
    _footer_words,
    _has_sentence_punct,
    _shapes,
    _squeezed,
)
from .chrome_rules import RuleSet
from .han import is_han
from .layout import BLANK_CHARS
from .line_evidence import meta_marks
from .markup import between_cells

# A section heading as authors write them: Markdown, 第一章, 一、
_HEADING = lazy_re.compile(r"#|第[一二三四五六七八九十百\d]+[章节節条條部篇回]|[一二三四五六七八九十]+[、.．]")


# A date written out: a signature's, or a diary entry's with its weekday and weather after
# it ("2018年5月10日 天气多云 星期四"); a template's date is numeric.
_WRITTEN_DATE = lazy_re.compile(r"^(\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                           r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
                           r"(\s+((星期|周|週|礼拜|禮拜)[一二三四五六日天]|(天气|天氣)?\S{0,2}[晴阴陰雨雪云雲霾雾霧]\S{0,2})){0,3}$")
# A statement of code as a tutorial prints it outside a code block, its comment after it at
# most: "a = [11,22,33]", "print(id(a))  # 2540558597256", "import copy", "d = copy.copy(c)".
_CODE_STATEMENT = lazy_re.compile(r"^([A-Za-z_$][\w.$]*(\[[^\]]*\])?\s*([-+*/%|&^]?=|==|!=|<=|>=)\s*\S"
                             r"|[A-Za-z_$][\w.$]*\((?!\d*\)$).*\)\s*;?$"
                             r"|(def|class|import|from|return|print|var|let|const|function|elif|while)\s+\S)")
_CODE_COMMENT = lazy_re.compile(r"\s+(#|//).*$")


# The author's sentence that closes a block of short lines is this long at least ("欢迎报名。").
_CLOSING_SENTENCE_MIN = 5


# A numbered section heading: "一、会议时间", "貳、應備文件", "（二）报名方式", "第三条 附则"; short and not a
# sentence (a numbered step that says what to do is one).
_NUMBERED_HEADING = lazy_re.compile(r"^([一二三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
                               r"|第[一二三四五六七八九十百\d]+[章节節条條部篇])")
_NUMBERED_HEADING_MAX = 20


def _numbered_heading(line: str) -> bool:
    return (len(line) <= _NUMBERED_HEADING_MAX and _NUMBERED_HEADING.match(line) is not None
            and not _has_sentence_punct(line) and not line.endswith(("：", ":")))


# An entry of the paper's references, as GB/T 7714 writes them: "[1] 李明.论…[J].某学报,
# 2019(3):20-22.", "[2] 某某.书名[M].北京:某出版社,2018." (the type code in brackets).
_REFERENCE_ENTRY = lazy_re.compile(r"^\[\d{1,3}\]\s*\S.{0,200}?\[(J|M|C|D|R|S|N|P|Z|A|G|EB/OL|J/OL|M/OL|DB/OL)\]")
# A URL with the author's label before it on its line ("Chrome 商店地址： https://…"): CLEANING.md
# section 4 keeps it (a site's "本文地址:" and "来源:" labels are the rules' to remove).
_LABELLED_URL = lazy_re.compile(r"^[^\s:：]{1,12}(\s[^\s:：]{1,12})?\s*[:：]\s*<?https?://\S+>?$")
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
# A line of a record or of a notice's own office fields: a short label, its value (a time may
# hold a colon): "办公地址：…", "联系电话：0453-…".
_FIELD_LINE = lazy_re.compile(r"^[^\W\d_]{1,6}\s*[:：]\s*\S.{0,59}$")
# What a site's footer shares with a notice's closing block: contact lines, organisers.
_CLOSING_OWN = ("contact-email", "about-site")


# The label of a table of contents ("本文目录:", "文章目录"), and the numbered or bulleted
# entry that opens one ("1、…", "• 2、…", "- …", "一、…").
_CONTENTS_LABEL = lazy_re.compile(r"^(文章|本文)?目[录錄]\s*[:：▼▾]?$")
_CONTENTS_ENTRY = lazy_re.compile(r"^([-*+•·]\s*)?(\d{1,3}|[一二三四五六七八九十]{1,3})(\.\d{1,3})*[.、．)]|^[-*+•·]\s")


def _heads_contents(stripped: list[str], verdict: dict, i: int) -> bool:
    """Whether line ``i`` is the label over a table of contents that stays: without its
    entries a label is a widget's button (CLEANING.md: an empty TOC label goes); over the
    entries the author's page prints, the heading of that list."""
    if not _CONTENTS_LABEL.match(stripped[i]):
        return False
    k = _next_line(stripped, i)
    return k is not None and k not in verdict and _CONTENTS_ENTRY.match(stripped[k]) is not None


def _empty_contents(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A table of contents' label above the article with no entries under it: the line under
    it is one a rule removed whole (a related list's header, a breadcrumb), so the label is a
    reader's button whose contents the export lost (CLEANING.md: an empty TOC label goes).
    Over the author's own outline (entries that stay) it is a heading."""
    out = []
    for i in range(min(first_body, len(stripped))):
        if i in verdict or "目" not in stripped[i] or not _CONTENTS_LABEL.match(stripped[i]):
            continue
        k = _next_line(stripped, i)
        if k is not None and verdict.get(k, ("", 1))[1] == 0 and k < first_body:
            out.append(i)
    return out


# A reader's tab over the post, alone on its line: "正文" (beside it "评论", which a rule
# removes).
_TEXT_TAB = lazy_re.compile(r"^(正文|正文内容|正文內容|阅读正文|閱讀正文)$")


def _text_tabs(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """The tab ``_TEXT_TAB`` above the article's first paragraph, on a page that has one: a
    document that is that word alone keeps it."""
    if first_body >= len(stripped):
        return []
    return [i for i in range(first_body)
            if i not in verdict and "正" in stripped[i] and _TEXT_TAB.match(stripped[i])]


_SECTION_NUMBER = lazy_re.compile(r"^\d{1,2}$")
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
    first long paragraph (the heading, an epigraph, a short first one), and no number ends
    the line right above it (a ranking's numbers count up from 1 too, each over its title)."""
    if i >= first_body or int(stripped[i]) != 1:
        return False
    p = _next_line(stripped, i, -1)
    if p is not None and stripped[p][-1:].isdigit():
        return False  # (nor a badge's "DAY 6": a counter under it)
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
    # A page that stops inside the notice's own office fields under its last numbered section
    # ("五、信息公开工作机构" / its paragraph / "办公地址：…" / "联系电话：…"), before any signature:
    # the fields that open with one no rule removes.
    above = _next_line(stripped, last_body, -1)
    if (seen and above is not None and _numbered_heading(stripped[above]) and seen[0] == _next_line(stripped, last_body)
            and seen[0] not in (verdict or ()) and all(_FIELD_LINE.match(stripped[k]) for k in seen)):
        return seen
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
_BARE_DATE = lazy_re.compile(rf"^{_DATE}\s*(上午|下午|晚上|早上|中午)?\s*({_TIME})?$")


# A timeline's entry: a date and what happened on it ("2022年3月1日 项目立项", "2022-09-15 正式开工").
_TIMELINE_ENTRY = lazy_re.compile(rf"^{_DATE}\s+(\S{{1,12}})$")
_TIMELINE_MIN = 3
_WEEKDAY = lazy_re.compile(r"^(星期|周|週|礼拜|禮拜)[一二三四五六日天]$")


# A pipe table's delimiter row: two columns and more of dashes, colons for alignment.
_TABLE_DELIMITER = lazy_re.compile(r"^\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$")
_TABLE_CELL_TEXT = lazy_re.compile(r"\w")


def _pipe_tables(stripped: list[str], first: int, end: int) -> set[int]:
    """The lines of the author's pipe tables between lines ``first`` and ``end``: a header row
    with bars and text, its delimiter row right under it (``---|---|``, a blank line between
    at most, as a crawler spaces them) and the rows with bars that follow.  Its rows are cells
    between bars like a menu's words, but a menu has no delimiter row (CLEANING.md section 4:
    Markdown stays as written)."""
    out: set[int] = set()
    nonblank = [i for i in range(max(first, 0), min(end, len(stripped))) if stripped[i]]
    for k, i in enumerate(nonblank):
        if k == 0 or "-" not in stripped[i] or not _TABLE_DELIMITER.match(stripped[i]):
            continue
        head = nonblank[k - 1]
        if i - head > 2 or "|" not in stripped[head] or not _TABLE_CELL_TEXT.search(stripped[head]):
            continue
        out.update((head, i))
        prev = i
        for j in nonblank[k + 1:]:
            if j - prev > 2 or "|" not in stripped[j]:
                break
            out.add(j)
            prev = j
    return out


def _empty_cells(stripped: list[str], verdict: dict) -> list[int]:
    """The bars alone between a flattened table's cells that a rule removed: the table's
    empty cells (``markup.between_cells``), not a page's residue."""
    return [i for i, (_, col) in verdict.items() if not col and stripped[i] == "|" and between_cells(stripped, i)]


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
_CARD_FOLLOW = lazy_re.compile(r"^[+＋]?\s*(关注|關注|追踪|追蹤|follow)\s*(他|她|TA|作者|我)?$", re.IGNORECASE)
_CARD_COUNT = r"\d+([.,]\d+)*\s*[万萬wWkK]?\+?"
_CARD_LABEL = (r"(原创|原創|点赞|點讚|点赞数|點讚數|阅读量|閱讀量|文章|博文|粉丝|粉絲|关注者|關注者|关注|關注|获赞|獲讚|被收藏|收藏|评论|評論|访问|訪問|"
               r"访问量|訪問量|等级|等級|积分|積分|排名|周排名|週排名|总排名|總排名|声望|聲望|回答|提问|提問|字数|字數|"
               r"总资产|總資產|阅读|閱讀|喜欢|喜歡|赞同|贊同|威望|金币|金幣|帖子|主题|主題|精华|精華|经验|經驗)")
_CARD_OWN_LABEL = r"(粉丝|粉絲|关注者|關注者|声望|聲望|获赞|獲讚)"
_CARD_PAIR = rf"({_CARD_LABEL}\s*[:：]?\s*{_CARD_COUNT}|{_CARD_COUNT}\s*(个|個|位)?\s*{_CARD_LABEL})"
_CARD_ANCHOR = lazy_re.compile(r"^(\d+([.,]\d+)*\s*(万|萬|k|K)?\s*(人|位)\s*(赞同|贊同)(了)?(该|該)?(文章|回答)?"
                          r"|(码龄|碼齡)\s*\d{1,2}\s*年|[Ll][Vv]\s*\.?\s*\d{1,2}"
                          rf"|((原创|原創)\s+)?{_CARD_PAIR}(\s*[|｜·•/]\s*|\s+){_CARD_PAIR}.*"
                          rf"|(共|共有)?\s*({_CARD_OWN_LABEL}\s*[:：]?\s*{_CARD_COUNT}|{_CARD_COUNT}\s*(个|個|位)?\s*{_CARD_OWN_LABEL}))$")
# An answer's approval count over its text: the answers of a Q&A page go on under it.
_ANSWER_VOTES = lazy_re.compile(r"^\d+([.,]\d+)*\s*(万|萬|k|K)?\s*(人|位)\s*(赞同|贊同)了(该|該)(回答|答案)$")
_CARD_ANCHOR_CHARS = frozenset("关關追fF赞贊龄齡粉获獲声聲积積线線字vV")
# A blog platform's meta row under the author's name: the date with the post's word count and
# reads ("2022.08.15 20:41:07 字数 1,203 阅读 3,456"); only the one line above it is the card's.
_CARD_META_ROW = lazy_re.compile(rf"^{_DATE}(\s*{_TIME})?\s+.{{0,12}}(字数|字數)\s*[:：]?\s*[\d,.]+[万萬kK]?.{{0,12}}"
                            r"(阅读|閱讀)\s*[:：]?\s*[\d,.]+[万萬kK]?")
# A forum poster's status beside the name: under the previous post's text the card's name is
# known by it, and by the name printed twice (the avatar's and the link's).
_CARD_STATUS = lazy_re.compile(r"^(当前离线|當前離線|当前在线|當前在線|离线|離線|在线|在線)$")
# What a card's name or bio line holds: a short line without a sentence's marks (a bio may hold a
# comma: "马拉松爱好者，跑龄八年").
_CARD_LINE = lazy_re.compile(r"^[^。！？!?；;：:“”\"「」#]{1,24}$")
_CARD_FIGURE = lazy_re.compile(r"^\d+(\.\d+)?\s*[kKwW万萬]?\+?$")
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
_FLOOR_STAMP = lazy_re.compile(rf"^(来自|來自)?\S{{0,16}}?(客户端|客戶端)?\s*"
                          rf"(\d{{1,5}}\s*(楼|樓|#|F|f)\s*{_DATE}(\s*{_TIME})?|{_DATE}(\s*{_TIME})?\s*(第\s*)?\d{{1,5}}\s*(楼|樓|#|F|f))"
                          r"(\s*(回复|回覆|举报|舉報)(\s*[(（]\d+[)）])?)?$")
# The buttons a stamp has under it before the next poster's name ("回复", "回复(2)").
_STAMP_BUTTONS_MAX = 2
_BADGE_MAX = 8
# A floor's label over its poster's name, a post time under it (a Discuz-like page).
# ... or an answer's label over its answerer's name, the answer's time under it ("最佳答案" /
# "某某" / "推荐于2019-12-05", a Baidu Zhidao-like page).
_FLOOR_LABEL = lazy_re.compile(r"^(楼主|樓主|沙发|沙發|板凳|地板|地下室|\d{1,5}\s*(楼|樓|#|F|f)|#\d{1,5}"
                          r"|最佳答案|其他回答|其它回答|推荐答案|推薦答案|满意答案|滿意答案|精选回答|精選回答|优质解答|優質解答|"
                          r"提问者采纳|提問者採納)$")
_POST_TIME = lazy_re.compile(rf"^(发表于|發表於|发表时间|發表時間|发布于|發佈於|發布於|推荐于|推薦於|回答于|回答於|采纳于|採納於|"
                        rf"posted\s+on)?\s*[:：]?\s*{_DATE}")
_POSTER = lazy_re.compile(r"^[^\s。！？!?，,、；;：:“”\"「」（）()#…~～]{2,16}$")
_SEPARATOR_LINE = lazy_re.compile(r"^[-—─_=~～*·.]{6,}$")
# What the poster adds under a separator is the post's ("补充：已解决", "PS 谢谢"), no signature.
_POST_ADDENDUM = lazy_re.compile(r"^(补充|補充|更新|编辑|編輯|ps|p\.s|注|附|update|edit)|.*[:：]", re.IGNORECASE)
_SIGNATURE_LINES_MAX = 2
_SIGNATURE_LINE_MAX = 40


# A user's handle alone on its line: Latin letters, digits, "_", "." or "-", a letter first.
_HANDLE = lazy_re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{2,23}")
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
_SIDEBAR_ITEM = lazy_re.compile(r"^[\u3400-\u9fffA-Za-z0-9][\u3400-\u9fffA-Za-z0-9 .+\-_/]{0,19}$")
_DOCS_WORDS = lazy_re.compile(
    r"^(简介|簡介|介绍|介紹|概述|概览|概覽|总览|總覽|快速开始|快速開始|快速入门|快速入門|快速上手|入门|入門|入门指南|入門指南|"
    r"新手入门|新手入門|安装|安裝|安装指南|安裝指南|安装说明|安裝說明|下载安装|下載安裝|配置|配置说明|配置說明|配置文件|设置|設定|"
    r"部署|使用指南|用户指南|用戶指南|开发指南|開發指南|教程|教學|指南|示例|範例|常见问题|常見問題|更新日志|更新日誌|版本历史|"
    r"版本歷史|变更日志|變更日誌|发布说明|發佈說明|升级指南|升級指南|迁移指南|遷移指南|贡献指南|貢獻指南|参与贡献|參與貢獻|"
    r"API|API ?参考|API ?參考|参考|參考|术语表|術語表|许可证|授權|核心概念|基本用法|基础用法|基礎用法|最佳实践|最佳實踐|"
    r"故障排除|疑难解答|疑難排解|附录|附錄|进阶|進階|高级用法|高級用法|FAQ|Changelog|Getting Started|Introduction|"
    r"Installation|Configuration|Tutorial|Guide|Reference)$", re.IGNORECASE)
# ... or the words a manual's page names are made of ("安装与升级", "配置参考").
_DOCS_PARTS = lazy_re.compile(r"安装|安裝|配置|部署|入门|入門|教程|教學|指南|示例|範例|常见问题|常見問題|更新日志|更新日誌|"
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
_HOT_LABEL = lazy_re.compile(r"^(热门话题|熱門話題|热门标签|熱門標籤|热门关键词|熱門關鍵詞|热门关键字|熱門關鍵字|热门搜索|熱門搜尋|"
                        r"熱門搜索|热搜榜|熱搜榜|大家都在搜|热门词|熱門詞|热门推荐|熱門推薦)\s*[:：]?$")
_WORD_ROW = lazy_re.compile(r"^[^\s。！？!?，,；;：:]{1,8}([ \t\u3000]+[^\s。！？!?，,；;：:]{1,8}){1,9}$")
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


# A shop's or a company's product menu beside the page, flattened: each category's name on
# a line, then its products on one line between spaces ("电机保护器 4G电表 三相电能表 …").  A
# product row names many things and no sentence, and its names end alike (the kind of thing
# after the model: 保护器, 电表, 装置); an author's row of words (a poem's phrases, a list of
# names) seldom has eight items ending in the same two letters.
_CATALOGUE_ITEM = lazy_re.compile(r"^[^\s。！？!?，,、；;：:“”\"「」《》()（）]{2,24}$")
_CATALOGUE_ITEMS_MIN = 8
_CATALOGUE_SHARED = 0.5
_CATALOGUE_HEADER = lazy_re.compile(r"^[^\s。！？!?，,、；;：:“”\"「」《》]{2,12}$")
_CATALOGUE_ROWS_MIN = 2


def _catalogue_row(line: str) -> bool:
    items = line.split()
    if len(items) < _CATALOGUE_ITEMS_MIN or not all(_CATALOGUE_ITEM.match(w) for w in items):
        return False
    ends = Counter(w[-2:] for w in items)
    return sum(n for n in ends.values() if n > 1) >= _CATALOGUE_SHARED * len(items)


def _catalogue_menus(stripped: list[str], first_body: int, last_body: int, verdict: dict) -> list[int]:
    """A product menu outside the article (``_catalogue_row``): a run of lines, blank lines
    aside, that are product rows or their categories' short names, ``_CATALOGUE_ROWS_MIN``
    rows at least, no line a rule removed inside it, in the head or the tail.  The page's
    first line that stays is its title (the shop's or the company's name), not a category."""
    out: list[int] = []
    run: list[int] = []
    rows = 0
    title = next((i for i, s in enumerate(stripped) if s and i not in verdict), None)

    def close() -> None:
        if rows >= _CATALOGUE_ROWS_MIN:
            out.extend(k for k in run if k != title)

    for i, s in enumerate(stripped):
        if not s:
            continue
        edge = i < first_body or i > last_body
        row = edge and i not in verdict and " " in s and _catalogue_row(s)
        if row or (edge and i not in verdict and _CATALOGUE_HEADER.match(s)):
            run.append(i)
            rows += row
            continue
        close()
        run, rows = [], 0
    close()
    return out


# A forum poster's profile box: each field's label over its figure, which a rule removed
# ("积分" / "256", "注册时间" / "2009-5-12").
_PROFILE_FIELD = lazy_re.compile(r"^(积分|積分|帖子|精华|精華|UID|阅读权限|閱讀權限|注册时间|註冊時間|在线时间|在線時間|最后登录|最後登錄|"
                            r"威望|金钱|金錢|贡献|貢獻|主题|主題|好友|听众|聽眾|收听|收聽|经验|經驗|金币|金幣|等级|等級|"
                            r"回帖|发帖|發帖|粉丝|粉絲|获赞|獲讚|原创|原創|访问|訪問|排名|声望|聲望|来自|來自|性别|性別)$")
_PROFILE_VALUE = lazy_re.compile(rf"^(\d+([.,]\d+)*\s*[万萬wWkK]?\+?|{_DATE}(\s*{_TIME})?)$")


# A shop's label that a rule removed, its value alone under it ("累计评价" / "2万+", "好评度" / "98%").
_SHOP_LABEL = lazy_re.compile(r"^(京东价|京東價|淘宝价|淘寶價|天猫价|天貓價|价格|價格|售价|售價|促销价|促銷價|到手价|到手價|市场价|市場價|"
                         r"会员价|會員價|优惠价|優惠價|参考价|參考價|累计评价|累計評價|好评度|好評度|好评率|好評率|月销量|月銷量|"
                         r"销量|銷量|库存|庫存)\s*[:：]?$")
_SHOP_VALUE = lazy_re.compile(r"^([￥¥]\s*)?\d+([.,]\d+)*\s*([万萬]\+?|\+|%|元|件)?$")


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
_RELATED_ITEM_BREAKERS = lazy_re.compile(r"[。！!]|^#|[:：]$")
# The headers of a news site's lists of its other stories (not a blog's "推荐阅读", which may
# head the author's own list of books).
_RELATED_HEADER = lazy_re.compile(r"^[【\[▼▲●■]?\s*(延伸閱讀|延伸阅读|相關新聞|相关新闻|相關閱讀|相关阅读|相關文章|相关文章|相關報導|相关报道|"
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


_MARKUP_LEAD = lazy_re.compile(r"^(#{1,6}\s*|[*+\-]\s+)")
# "标题 - 站名", "标题_站名", "标题 | 站名": the page's <title>, the site's name after the title.
_SITE_SUFFIX = lazy_re.compile(r"\s*[-_|｜–—]\s*[^。！？!?，,]{1,30}$")
# What follows a column's label is a headline, not a site's name, when it holds two Han
# phrases side by side with a space between ("專欄|某地新規上路 市民反應兩極"): a site's name
# is one word ("某某新聞網", "某某 - 某某網" with its own separator).
_HEADLINE_SUFFIX = lazy_re.compile(r"[\u4e00-\u9fff]{2}[ \u3000][\u4e00-\u9fff]{2}")


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


# The separator after the title in a page's <title>, before the site's name and slogan.
_TITLE_SEPARATOR = lazy_re.compile(r"\s*(?:_|[|｜]|\s[-–—]\s)")


def _titled_site_lines(stripped: list[str], head: range, verdict: dict) -> list[int]:
    """The page's <title> in the head, however long the site's part after the title ("某某标题
    _资讯_某某网 - 发布 - 您对时事的观点"): a line that is a later head line (the title,
    ``_TITLE_COPY_MIN_CHARS`` and more) and then a separator.  ``_title_copies`` takes a short
    site's name; this one a chain of the site's words too."""
    open_ = [i for i in head if stripped[i] and i not in verdict]
    out = []
    for k, i in enumerate(open_):
        line = stripped[i]
        for j in open_[k + 1:]:
            title = _title_core(stripped[j])
            if (len(title) >= _TITLE_COPY_MIN_CHARS and len(line) > len(title) and line.startswith(title)
                    and _TITLE_SEPARATOR.match(line, len(title))):
                out.append(i)
                break
    return out


# A template that prints the article twice, one copy right under the other (a mobile and a
# desktop block of the same page): the first copy holds this many lines and characters at least.
_PAGE_COPY_MIN_LINES = 2
_PAGE_COPY_MIN_CHARS = 80


def _page_copies(stripped: list[str], verdict: dict, is_body: list[bool]) -> list[int]:
    """The first of two copies of the whole article (CLEANING.md section 2, a copy the template
    repeats verbatim: the one nearest the rest of the page stays): the page's first lines that
    no rule removed whole, two and more with a body paragraph among them, said again line by
    line right after them, with nothing between the two copies but furniture and blank lines.
    An author repeats a line or a refrain inside the text, never the whole text from its first
    line on with nothing of their own between."""
    open_ = [i for i, s in enumerate(stripped) if s and not (i in verdict and verdict[i][1] == 0)]
    if len(open_) < 2 * _PAGE_COPY_MIN_LINES:
        return []
    first = stripped[open_[0]]
    # the copy holds the first body paragraph, so the second copy holds it again as far on:
    # only those offsets are compared (a page of one line said a thousand times is linear)
    body = next((n for n, i in enumerate(open_) if is_body[i]), None)
    if body is None:
        return []
    anchor = stripped[open_[body]]
    for q in range(body + 1, len(open_)):
        b = q - body
        if stripped[open_[q]] != anchor or b < max(_PAGE_COPY_MIN_LINES, body + 1) or 2 * b > len(open_):
            continue
        if stripped[open_[b]] != first:
            continue
        copy = open_[:b]
        if (all(stripped[i] == stripped[k] for i, k in zip(copy, open_[b:2 * b]))
                and sum(len(stripped[i]) for i in copy) >= _PAGE_COPY_MIN_CHARS):
            return copy
    return []


# A title said twice this short (a wiki's headword over its infobox's title) is a copy only
# side by side, with a line the rules removed right before or after the pair.
_SHORT_COPY_MIN_CHARS = 4
# "标题_关键词": an SEO <title> that ends in a keyword the page prints on its own line.
_SEO_SEPARATOR = lazy_re.compile(r"\s*(?:_|\s[-|｜–—]\s)\s*")
# A channel's, a column's or an e-paper's name right above the title that starts with it
# ("某某周报" over "某某周报0606 本期主题"): the name, then a digit, a space, a bracket or a
# dash (not a colon: "说明" over "说明：…" is a heading over its text).
_LABEL_MAX_CHARS = 8
_LABEL_REST = lazy_re.compile(r"[\d\s(（\[【《〈「\-_|｜·]")


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
_LONE_BUTTON = lazy_re.compile(r"^[【\[]?\s*(购买|購買|去购买|去購買|立即购买|立即購買|打开|打開|立即打开|立即打開|去看看|立即查看|"
                          r"马上查看|馬上查看|领取|領取|立即领取|立即領取|试用|試用|立即试用|立即試用|"
                          r"立即阅读|立即閱讀|开始阅读|開始閱讀|了解详情|瞭解詳情|查看详情|查看詳情)\s*[】\]]?\s*[>»›]*$")


# "某某标题-图1", "某某标题 圖2": an image's alt text made of a line of the page and a number.
_TITLED_FIGURE = lazy_re.compile(r"^(.{6,80}?)\s*[-_－—–]?\s*(图|圖|插图|插圖|配图|配圖)\s*\d{1,2}$")


def _titled_figures(stripped: list[str], verdict: dict) -> list[int]:
    """The alt text of an article's images that a site makes of the page's title and a
    number ("这道题你会做吗？-图1"), left as a line of its own where the image was: a line
    that is another line of the page (the title) with 图 and a number after it.  A line that
    ends in a figure's number and repeats no other line ("第二种解法看图2") is not one."""
    return [i for i, _ in _labels_of_lines(stripped, verdict, _TITLED_FIGURE, ("图", "圖"))]


def _labels_of_lines(stripped: list[str], verdict: dict, shape: re.Pattern[str],
                     hints: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """The lines no rule removed that end in a digit, have ``shape`` (one of ``hints`` in them
    where given) and whose first group is another line of the page: each with that group."""
    found: list[tuple[int, str]] = []
    texts: set[str] | None = None
    for i, s in enumerate(stripped):
        if i in verdict or not s or not s[-1].isdigit() or (hints and not any(h in s for h in hints)):
            continue
        m = shape.match(s)
        if m is None:
            continue
        if texts is None:
            texts = set(stripped)
        if m.group(1).rstrip() in texts:
            found.append((i, m.group(1).rstrip()))
    return found


# "某某标题0", "某某标题1", …: a gallery's alt texts made of the page's title and a bare running
# number, this many at least (a single line that ends in a number may be the author's).
_NUMBERED_FIGURE = lazy_re.compile(r"^(.{4,40}?)(\d{1,2})$")
_NUMBERED_FIGURES_MIN = 3
# The caption printed right under such a label, on the next line: at most this long.
_FIGURE_CAPTION_MAX = 160


def _numbered_figures(stripped: list[str], verdict: dict) -> list[tuple[int, str]]:
    """A gallery left as text (CLEANING.md section 2, image residue and stand-alone captions):
    the images' alt texts, each another line of the page (the title) with a bare number after
    it, three and more with different numbers; and each one's caption, the line right under a
    label with no blank line between, where the article's paragraphs stand apart from their
    neighbours (a blank line under the caption, or the next label).  An author's numbered list
    ("步骤1" over its text) has no line of the page that its labels repeat."""
    labels: dict[str, list[int]] = {}
    for i, prefix in _labels_of_lines(stripped, verdict, _NUMBERED_FIGURE):
        labels.setdefault(prefix, []).append(i)
    out: list[tuple[int, str]] = []
    for found in labels.values():
        numbers = {m.group(2) for m in (_NUMBERED_FIGURE.match(stripped[i]) for i in found) if m is not None}
        if len(numbers) < _NUMBERED_FIGURES_MIN or len(numbers) < len(found):
            continue
        marks = set(found)
        for i in found:
            out.append((i, "html-residue"))
            k = i + 1
            if (k < len(stripped) and stripped[k] and k not in verdict and k not in marks
                    and len(stripped[k]) <= _FIGURE_CAPTION_MAX
                    and (k + 1 >= len(stripped) or not stripped[k + 1] or k + 1 in marks)):
                out.append((k, "photo-caption"))
    return out


# A contact's label alone on its line: "业务咨询热线", "客服电话：", "微信".
_CONTACT_LABEL = lazy_re.compile(r"^\S{0,6}(热线|熱線|电话|電話|手机|手機|传真|傳真)\s*[:：]?$")


def _contact_labels(stripped: list[str], first_body: int, last_body: int, verdict: dict) -> list[int]:
    """A contact's label over the number that a rule removed as the site's contact, outside
    the article ("业务咨询热线" / "13926265878").  A notice's own contact under its last
    paragraph is its text: its closing block (``_notice_closing``) takes both back."""
    out = []
    for i, line in enumerate(stripped):
        if not line or i in verdict or first_body <= i <= last_body or not _CONTACT_LABEL.match(line):
            continue
        k = _next_line(stripped, i)
        if k is not None and verdict.get(k) == ("contact-email", 0):
            out.append(i)
    return out


# A company site's banner in two languages at the top of every page: a section's name or a
# slogan over its English in capitals ("新闻中心" / "NEWS CENTER", "把握宏观脉络 洞悉行业趋势" /
# "GRASP THE MACRO CONTEXT INSIGHT INTO INDUSTRY TRENDS").
_CAPS_LINE = lazy_re.compile(r"^[A-Z][A-Z&'’.\-]*(?: [A-Z&'’.\-]+){1,7}$")
_BANNER_MAX = 16


def _caps_banner(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """The lines of a bilingual banner that opens the page (``_CAPS_LINE`` under a short
    Chinese line, which a rule may have removed already, nothing but furniture above them),
    when the article's title stands lower, between them and the first paragraph: a longer
    line that no rule removed.  A page whose first lines are its own title in two languages
    has its authors or its text under them, no longer line."""
    kept = [i for i in range(min(first_body, len(stripped))) if stripped[i] and i not in verdict]
    for n, caps in enumerate(kept[:2]):
        top = _next_line(stripped, caps, -1)
        if top is None or not _CAPS_LINE.match(stripped[caps]) or kept[:n] not in ([], [top]):
            continue
        name = stripped[top]
        if (len(name) > _BANNER_MAX or not any(is_han(ch) for ch in name) or _has_sentence_punct(name)
                or any(stripped[k] and k not in verdict for k in range(top))):
            continue
        if any(len(stripped[k]) > len(name) for k in kept[n + 1:]):
            return [caps] if top in verdict else [top, caps]
    return []


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
_WIDGET_OPENER = lazy_re.compile(r"(可以|可享|享受以下权益|享受以下權益|以下权益|以下權益|以下特权|以下特權|会员特权|會員特權|"
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
_LABELLED_TITLE = lazy_re.compile(r"^(?:名\s*称|名\s*稱|信息名称|信息名稱|文件名称|文件名稱|标\s*题|標\s*題|题\s*名|題\s*名)\s*[:：]\s*(.+)$")


# The footer zone opens at a footer notice when what the page still has of body paragraphs
# after it is at most this share of what it had before: a comment section, a sidebar of
# promotions or a template's "about" block under an article, not the article's next part.
ARTICLE_TAIL_SHARE = 0.25


# A template prints the same lines around each article of a feed or a digest: short
# lines that come back this many times, in blocks that carry a date, a time or a count.
_FEED_REPEATS = 3
_FEED_LINE_MAX = 40
_FEED_DATE_LINE = lazy_re.compile(rf"^([-*+•·]\s*)?{_DATE}(\s*{_TIME})?$")
_FEED_STAMP = lazy_re.compile(rf"{_DATE}|{_TIME}")


def _feed_template(stripped: list[str], verdict: dict) -> list[int]:
    """The template's lines around each article of a document that holds several (CLEANING.md
    section 5): runs of short, unpunctuated lines, each found at least ``_FEED_REPEATS``
    times in the document, one of them with a date, clock time, time ago or counter
    ("港聞 2023年06月23日" / "資料來源:" / "香港政府新聞網" before every item).  The block's
    own date changes from article to article: a line that is a date (a list item's at most)
    joins a run of repeated lines it stands beside ("- 某台新聞" / "- 2025年12月18日"); a
    headline with a number in it ("37人被捕") does not.
    A chorus or a speaker's label repeats too, but carries no date or count, and a heading
    repeated between paragraphs stands alone.  So does a document's title printed again over
    its text, a number in it ("…规范20页.docx"): a run of one line is a template's only when
    it holds a date or a clock time ("(2025年3月14日)" under every item), or two kinds of
    meta data."""
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
            if (any(repeated(stripped[j]) for j in run)
                    and (any(meta_marks(stripped[j]) for j in run) if len(run) > 1
                         else _FEED_STAMP.search(stripped[run[0]]) is not None
                         or meta_marks(stripped[run[0]]) > 1)):
                out.extend(j for j in run if j not in verdict)
            run = []
    return out


# A teaser: the first sentences of another article, cut by the site ("…", "..."); not
# the author's "……".
_TEASER_END = lazy_re.compile(r"(?<![.…])(\.\.\.|…)$")


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


_MENU_RUN_MIN = 5
_MENU_OPENING_MIN = 3


# A site's top bar of links between spaced bars: "某站首页 | 论坛 | 博客".  The site's name
# first, then short names; no figures, marks or spaces inside a name (a table's row, a
# sentence, a headline have them: "乡村振兴 | 一个村庄的十年变迁 | 专题").
_BAR_MENU = lazy_re.compile(r"^[^\s|｜丨\d。！？!?，,；;：:]{1,12}(\s+[|｜丨]\s+[^\s|｜丨\d。！？!?，,；;：:]{1,6}){2,}$")
# Three names are a bar only at the page's top; four and more anywhere above the title.
_BAR_TOP_LINES = 3
_BAR_MIN_NAMES = 4
_BAR_SPLIT = lazy_re.compile(r"\s+[|｜丨]\s+")


# A reprint's note of its original title ("原标题：…") that opens the article's text.
_ORIGINAL_TITLE = lazy_re.compile(r"^[(（【\[]?\s*(原标题|原標題|原题|原題)\s*[:：]")


def _original_titles(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """The original-title note right above the first paragraph (or its byline), under the page's meta line
    (date, source, editor) that a rule removed or under the title: the reprinted article's own
    first line, which stays (when unsure, keep).  Above the meta line, or at the top of the
    page, it is the template's header and goes."""
    k = _next_line(stripped, first_body, -1) if 0 < first_body <= len(stripped) else None
    # (a byline a rule removed may stand between it and the paragraph: "本報記者 某某 北京報道")
    if k is not None and verdict.get(k) == ("byline", 0):
        k = _next_line(stripped, k, -1)
    if k is None or verdict.get(k) != ("meta", 0) or not _ORIGINAL_TITLE.match(stripped[k]):
        return []
    above = _next_line(stripped, k, -1)
    # (or under the title itself, once a pass has removed the meta line between them)
    if (above is None or (above in verdict and verdict[above] != ("meta", 0))
            or _ORIGINAL_TITLE.match(stripped[above])):
        return []
    return [k]


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


# A news site's headline list above the article: this many bulleted headlines in a row at
# least, each this long at most, none a sentence.
_HEADLINE_LIST_MIN = 5
_HEADLINE_ITEM_MAX = 40
_HEADLINE_ITEM = lazy_re.compile(r"^[•·●◆◇▪■□○\-*+]\s*(\S.*)$")
# a header over such a list ("新聞", "分類"): a bare word
_LIST_HEADER_MAX = 6


def _head_headline_lists(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A portal's lists of other headlines above the article (its "latest news" box): runs
    of five or more bulleted headlines, none a sentence, that open the page (nothing above
    them but removed lines, bare header words and more such lists) and that a line of text
    (the title) separates from the body.  A list under the title is the author's (its key
    points), and so is a contents list of the page's own sections (most of its items
    printed again below, numbered, or under its header): they stay.  The bare header words
    over the removed lists go with them."""
    if first_body >= len(stripped):
        return []
    text_lines = [k for k in range(first_body) if stripped[k] and k not in verdict]
    runs: list[list[int]] = []
    run: list[int] = []
    for k in range(first_body):
        s = stripped[k]
        m = _HEADLINE_ITEM.match(s) if s else None
        if m is not None and len(m.group(1)) <= _HEADLINE_ITEM_MAX and not _CJK_SENTENCE_END.search(m.group(1)):
            run.append(k)
        elif s:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    lists = [r for r in runs if sum(1 for k in r if k not in verdict) >= _HEADLINE_LIST_MIN]
    if not lists:
        return []
    last = lists[-1][-1]
    # the title between the last list and the body, no bullet of its own
    if not any(k > last and not _HEADLINE_ITEM.match(stripped[k]) for k in text_lines):
        return []
    in_lists = {k for r in runs for k in r if k <= last}
    headers = [k for k in text_lines if k < last and k not in in_lists]
    if any(len(stripped[k]) > _LIST_HEADER_MAX or _has_sentence_punct(stripped[k]) for k in headers):
        return []
    later = "\n".join(stripped[last + 1:])
    items = [k for k in sorted(in_lists) if k not in verdict]
    texts = [stripped[k][1:].lstrip() for k in items]  # (each begins with its bullet)
    # a contents list: half its items or more in the page's text again, numbered sections,
    # a header that says so
    if (2 * sum(1 for t in texts if t in later) >= len(texts) or any(_HEADING.match(t) for t in texts)
            or any("目" in stripped[k] or "contents" in stripped[k].lower() for k in headers)):
        return []
    return items + headers


# A Chinese page's menu with its English entries ("Dharma Collection", "(Video)", "Notice"),
# or entries in both languages ("NEWS 最新消息", "TOYOTA 美日/豐田"), above the article: this
# many entries at least, each this short.
_LATIN_MENU_MIN = 5
_LATIN_ITEM_MAX = 40
_LATIN_ITEM = lazy_re.compile(r"^([(\[]?[A-Za-z][A-Za-z0-9 &'’/,:.\-]*[)\]]?"
                              r"|[A-Za-z][A-Za-z0-9 &'’.\-]*\s*[/／]?\s*[\u4e00-\u9fff][\u4e00-\u9fff/／ ]{0,12})$")
# the menu's own Chinese entries and headers among them ("法雨", "用戶中心:", "臺灣頻道 精選新聞")
_MENU_WORD_MAX = 10


def _latin_menus(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A menu of English entries that opens a Chinese page: the lines above the title that
    are English words without a sentence's full stop (a Chinese name after them at most),
    short Chinese entries or removed lines, five English ones at least and half the run,
    nothing above them but furniture; ten when no line of another shape (the title) parts
    them from the body.  An English title over a Chinese body (one or two lines) stays."""
    if first_body >= len(stripped) or not any(is_han(c) for c in stripped[first_body]):
        return []
    run: list[int] = []
    latin = 0
    titled = False  # a line of another shape between the run and the body (the title)
    for k in range(first_body):
        s = stripped[k]
        if not s:
            continue
        if k in verdict and verdict[k][1] == 0:
            run.append(k)
        elif len(s) <= _LATIN_ITEM_MAX and _LATIN_ITEM.match(s) and not s.endswith("."):
            run.append(k)
            latin += 1
        elif len(s.rstrip(":：")) <= _MENU_WORD_MAX and not _has_sentence_punct(s):
            run.append(k)
        else:
            titled = True
            break
    kept = [k for k in run if k not in verdict]
    # with the body right under it, a short list may be the author's under a heading
    if latin < (_LATIN_MENU_MIN if titled else 2 * _LATIN_MENU_MIN) or 2 * latin < len(kept):
        return []
    return kept


# A site's menu over the breadcrumb, one entry (or a row of glued entries) a line: this many
# lines at least (the rules' furniture among them), this many that no rule named, each this short.
_CRUMB_MENU_MIN = 5
_CRUMB_MENU_ITEMS = 3
_CRUMB_MENU_ITEM_MAX = 16


def _menus_over_breadcrumb(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """The lines of a menu right above the page's breadcrumb ("当前位置:正文"), in the head: a
    run of ``_CRUMB_MENU_MIN`` lines and more, furniture or short lines that are no sentence,
    three of them short lines at least, up to the breadcrumb.  The breadcrumb says where the
    article's part of the page starts; its title and its text are under it.  A title above the
    breadcrumb is one line, not a run of them."""
    crumbs = [i for i, (reason, col) in verdict.items() if reason == "breadcrumb" and not col and i < first_body]
    if not crumbs:
        return []
    run: list[int] = []
    removed = 0
    for i in range(min(crumbs) - 1, -1, -1):
        t = stripped[i]
        if not t:
            continue
        if i in verdict and not verdict[i][1]:
            removed += 1
            continue
        if len(t) > _CRUMB_MENU_ITEM_MAX or _has_sentence_punct(t):
            break
        run.append(i)
    return sorted(run) if len(run) >= _CRUMB_MENU_ITEMS and len(run) + removed >= _CRUMB_MENU_MIN else []


# The items of a breadcrumb ("当前位置: 首页 >> 建党百年 >> 某栏目 >> 正文"), and a channel's label
# at most this long.
_CRUMB_SPLIT = lazy_re.compile(r"\s*(?:>>|>|»|›|＞|→|/|／)\s*|\s*[:：]\s*")
_CHANNEL_LABEL_MAX = 12


def _channel_labels(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A channel's or a column's name on its own line above the title that the page's
    breadcrumb names among the places before the article ("识双语词汇" over "当前位置: 学院主页 >>
    建党百年 >> 识双语词汇 >> 正文"): the template's label of where the page is.  The breadcrumb's
    last item may be the article's own title, and a line equal to it stays."""
    crumbs = [i for i, (reason, col) in verdict.items() if reason == "breadcrumb" and not col and i < first_body]
    if not crumbs:
        return []
    places: set[str] = set()
    for i in crumbs:
        items = [t for t in _CRUMB_SPLIT.split(stripped[i]) if t]
        places.update(items[:-1])
    return [i for i in range(min(first_body, len(stripped)))
            if i not in verdict and stripped[i] in places and len(stripped[i]) <= _CHANNEL_LABEL_MAX]


# A template's label over its own block: "友情提示", "温馨提示：", "下载须知".
_BLOCK_LABEL = lazy_re.compile(r"^[^\W\d_]{0,4}(提示|须知|須知|说明|說明|注意事项|注意事項)\s*[:：]?$")
# The label goes when this many lines under it are the rules' furniture.
_LABELLED_BLOCK_MIN = 2


def _labels_over_furniture(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A tip box's label in the head ("友情提示" over a library's numbered download tips)
    whose lines above and under it the rules removed whole: the label of the template's block,
    not of the author's.  Under the article, or over a line of the author's, it stays."""
    def removed(k: int | None) -> bool:
        return k is not None and k in verdict and not verdict[k][1]

    out = []
    for i in range(first_body):
        if not stripped[i] or i in verdict or len(stripped[i]) > 8 or not _BLOCK_LABEL.match(stripped[i]):
            continue
        below = [_next_line(stripped, i)]
        while len(below) < _LABELLED_BLOCK_MIN and below[-1] is not None:
            below.append(_next_line(stripped, below[-1]))
        if removed(_next_line(stripped, i, -1)) and all(removed(k) for k in below):
            out.append(i)
    return out


# A paper's authors on one line: names of two to four letters (a space inside a two-letter name
# pads it), a note's digit after each at most, between commas.
_AUTHOR_NAMES = lazy_re.compile(r"^[^\W\d_](?:\s?[^\W\d_]){1,3}\d?(?:\s*[,，、]\s*[^\W\d_](?:\s?[^\W\d_]){1,3}\d?){1,7}$")


def _authors_over_affiliations(stripped: list[str], verdict: dict) -> list[int]:
    """The authors' names right above the affiliations that the byline rules removed (a
    paper's front matter, CLEANING.md section 2: a stand-alone byline).  A list of names
    elsewhere is the author's text."""
    out = []
    for i, (reason, col) in verdict.items():
        k = _next_line(stripped, i, -1) if reason == "byline" and not col and stripped[i][:1] in "(（" else None
        if k is not None and k not in verdict and _AUTHOR_NAMES.match(stripped[k]):
            out.append(k)
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
_FIGURES = lazy_re.compile(r"\d")


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
_FIELD_LABEL = lazy_re.compile(r"^([•·*+\-]\s*)?[^\W\d_]([ \u3000]{0,3}[^\W\d_]){0,7}\s*[:：]$")
# A field's value on the line after its label: short, not a sentence.
_FIELD_VALUE_MAX = 40
# ... a list of names or codes at most, set apart by semicolons or commas ("张三; 李四; 王五",
# "H04L29/08; G06F17/30"): no item of a sentence's length, no full stop.
_LIST_VALUE = lazy_re.compile(r"[^\s;；,，、。！？!?]{1,16}(\s*[;；,，、]\s*[^\s;；,，、。！？!?]{1,16})+")


def _record_fields(stripped: list[str], first_body: int, verdict: dict) -> list[int]:
    """A record's fields above the article, one label per line with its value on the next
    line or none ("• 索引号:" / "6107…", "• 主题分类:", "视力保护色:", "浏览量:"): a run of
    at least three labels (a meta line a rule removed counts as one), with nothing between
    them but short values, goes from its first label to its last.  The lines after the last
    label are the page's (its title) unless the last is a list of names or codes, and a
    section heading with a colon ("背景技术:") stands alone."""
    out: list[int] = []
    run: list[int] = []  # the current run's lines; labels mark where it may start and end
    labels: list[int] = []

    def close() -> None:
        # two of them in a label's own shape, whether a rule took them already or not (a
        # bulleted field that a rule names goes by it first: "• 来源:")
        real = [i for i in labels if _FIELD_LABEL.match(stripped[i])]
        if len(labels) >= _RECORD_MIN_LABELS and len(real) >= 2:
            last = run[-1] if run[-1] != labels[-1] and _LIST_VALUE.fullmatch(stripped[run[-1]]) else labels[-1]
            out.extend(i for i in run if labels[0] <= i <= last and i not in verdict)

    for i in range(first_body):
        s = stripped[i]
        if not s:
            continue
        removed_meta = i in verdict and verdict[i][1] == 0 and verdict[i][0] in ("meta", "stray-counter")
        if removed_meta or (i not in verdict and _FIELD_LABEL.match(s)):
            run.append(i)
            labels.append(i)
        elif (i not in verdict and len(s) <= _FIELD_VALUE_MAX
              and (not _has_sentence_punct(s) or _LIST_VALUE.fullmatch(s) is not None)
              and labels and labels[-1] == run[-1]):
            run.append(i)  # a value right after a label
        else:
            close()
            run, labels = [], []
    close()
    return out


_RECORD_MIN_LABELS = 3


# A document's number: "文号：市农发〔2024〕12号".
_DOC_NUMBER = lazy_re.compile(r"^(文\s*号|文\s*號)\s*[:：]\s*\S")


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
_ISSUER_END = lazy_re.compile(r"(政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|局|厅|廳|处|處|院|部|会|會|中心|公司|集团|集團"
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
_FIGURES_DATE = lazy_re.compile(r"^\d{4}\s*([.\-/])\s*\d{1,2}\s*\1\s*\d{1,2}$")
_EMAIL_ADDRESS = lazy_re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
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


# A book's card in a review or a reading list: its author among the fields only a book has
# ("《某书》" / "作者：某某" / "出版社：某某出版社" / "ISBN：978-…"); the card is the article's.
_BOOK_FIELD = lazy_re.compile(r"^(出版社|出版社名|出版|出版时间|出版時間|出版日期|出品方|译者|譯者|版次|印次|isbn|定价|定價|"
                         r"页数|頁數|装帧|裝幀|开本|開本|丛书|叢書|原作名|原书名|原書名)\s*[:：]", re.IGNORECASE)
_BOOK_AUTHOR = lazy_re.compile(r"^(作者|著者|编著|編著|主编|主編)\s*[:：]\s*\S")
_BOOK_FIELDS_MIN = 2
_BOOK_WINDOW = 4


def _book_cards(stripped: list[str], verdict: dict) -> list[int]:
    """The author's line of a book's card that a meta rule removed: ``_BOOK_FIELDS_MIN``
    fields of a book among the ``_BOOK_WINDOW`` non-blank lines around it.  A page's byline
    stands among a page's fields (date, source, views), never a publisher's or an ISBN."""
    out = []
    nonblank = [i for i, s in enumerate(stripped) if s]
    for n, i in enumerate(nonblank):
        if verdict.get(i) != ("meta", 0) or not _BOOK_AUTHOR.match(stripped[i]):
            continue
        near = nonblank[max(0, n - _BOOK_WINDOW):n] + nonblank[n + 1:n + 1 + _BOOK_WINDOW]
        if sum(1 for k in near if _BOOK_FIELD.match(stripped[k])) >= _BOOK_FIELDS_MIN:
            out.append(i)
    return out


# A meta list's item: a bullet and a few words, no sentence ("• 公司招聘", "• 小编").
_META_ITEM = lazy_re.compile(r"^[•·*+\-]\s*[^。！？!?，,；;]{1,24}$")


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
_CITATION_TYPE = lazy_re.compile(r"\[(J|M|D|C|N|R|S|P|EB)(/OL)?\]")
_CITATION_LABEL = lazy_re.compile(r"^[【\[]?\s*(论文引用格式|論文引用格式|引用格式|本文引用格式|引用本文|引文格式)\s*[】\]]?\s*[:：]\s*$")
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
_ITEM_META_LABEL = lazy_re.compile(r"(记者|記者|编辑|編輯|责编|責編|作者|来源|來源|撰文|通讯员|通訊員)\s*[:：]")
_ITEM_META_MAX = 5
# ... a longer item with such a label, its names listed with commas: "• 记者:某某,某某 编辑:某某".
_LABELLED_ITEM = lazy_re.compile(r"^[•·*+\-]\s*[^。！？!?；;]{0,12}(记者|記者|编辑|編輯|责编|責編|作者|来源|來源|撰文|通讯员|通訊員)"
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


# What a template leaves between a description it prints and the article under it: a stray
# quote mark or bracket of the attribute ("\""), no word.
_COPY_GAP_MAX = 3
# A description is this many lines at most (its copy is looked for that far down).
_COPY_MAX_LINES = 12


def _copy_gap(line: str) -> bool:
    """Whether a line between two copies is a stray mark (``_COPY_GAP_MAX``), no word."""
    return len(line) <= _COPY_GAP_MAX and not any(ch.isalnum() for ch in line)


def _block_printed_twice(body: list[int], stripped: list[str]) -> list[int]:
    """A block of the page's first lines, its first paragraph among them, that the template
    printed again right under it (a page's description over the article it copies: a
    summary's label, the first paragraphs, a heading, then the same lines again and the
    article going on): the first copy and the stray marks around it go; the copy that the
    article goes on from stays.  A paragraph said again further down is the author's."""
    if not body:
        return []
    nonblank = [i for i, t in enumerate(stripped) if t]
    first = nonblank.index(body[0])
    for p in range(max(0, first - _COPY_MAX_LINES + 1), first + 1):
        if _copy_gap(stripped[nonblank[p]]):
            continue
        for gap in range(3):
            for k in range(max(2, first - p + 1), _COPY_MAX_LINES + 1):
                q = p + k + gap
                if q + k > len(nonblank):
                    break
                if (all(_copy_gap(stripped[nonblank[g]]) for g in range(p + k, q))
                        and all(stripped[nonblank[p + t]] == stripped[nonblank[q + t]] for t in range(k))):
                    # and the mark that opened the attribute, when it closes it too
                    opened = p > 0 and stripped[nonblank[p - 1]] in {stripped[nonblank[g]] for g in range(p + k, q)}
                    return [nonblank[n] for n in range(p - 1 if opened else p, q)]
    return []


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
_CARD_STAMP = lazy_re.compile(r"[・·•‧]\s{0,3}\d{1,5}\s{0,3}(秒|分钟|分鐘|小时|小時|天|日|周|週|个月|個月)前\s{0,3}$")
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
    # an excerpt that stops inside its last card's teaser cut the stamp off with its end
    cut = len(body) > 2 and _next_line(stripped, body[-1]) is None and not _CLAUSE_END.match(stripped[body[-1]][-1:])
    if all(stamped[:-1] if cut else stamped) or not any(stamped):
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


# ... and a closing quote or bracket ends the author's unit before the part: "「成了嗎?」" + a watermark keeps its "」".
_CLAUSE_END = lazy_re.compile(r"[。！？；!?;，,、：:\s」』”’）)】〕]")
_OPENING_BRACKETS = "(（[【〔"


def _label_start(line: str, col: int) -> int:
    """Where a cut at ``col`` really starts: a part takes its whole label or nothing, so a
    short clause of the label left before the match (no clause mark inside) goes with it,
    and so do the mark and the spaces before the cut."""
    cut = len(line[:col].rstrip())
    first = line[col:].lstrip()[:1]
    if first in _OPENING_BRACKETS or first == "#":
        return cut  # a bracket opens a unit of its own: "第十六章(1/2)", "…（来源：…）"; so does a tag
    if first.isdigit() and (cut < col or line[col:col + 1].isspace()):
        return cut  # so does a date after a space: "某某：某事 2024年03月13日|文:…"
    marks = [m.end() for m in _CLAUSE_END.finditer(line, 0, cut)]
    lead = marks[-1] if marks else 0
    if 0 < cut - lead <= _LABEL_LEAD_MAX and lead > 0:
        cut = len(line[:lead].rstrip("，,、：: \t"))
    return cut
