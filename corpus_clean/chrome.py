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

The step in four modules, each importing only from those before it: ``chrome_rules`` (the
rule files, parsed, and the fast search of a line), ``chrome_lines`` (what one line is by
its own shape), ``chrome_page`` (furniture and the author's lines by their shape and place
in the page) and this one (the zones, the protections, the rule pass that asks all of
them, and the fitted weights' decision).
"""
from __future__ import annotations

import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lazy_re
from .chrome_lines import (
    _CJK_SENTENCE_END,
    _NAME_DATE,
    _SUMMARY_LABEL,
    BODY_MIN_CHARS,
    _cut_end,
    _footer_words,
    _front_matter_end,
    _has_sentence_punct,
    _is_body,
    _match_unwrapped,
    _names_footer,
    _repeats_body,
    _shape_reason,
    _shapes,
    _zone_markers,
    date_tail,
    meta_tail,
)
from .chrome_page import (
    _ANSWER_VOTES,
    _BYLINE_TITLE_MAX,
    _CLOSING_OWN,
    _CLOSING_SENTENCE_MIN,
    _FIELD_LINE,
    _HEADING,
    _LABELLED_URL,
    _LIST_ITEM_MAX,
    _LIST_MAX_LINES,
    _REFERENCE_ENTRY,
    _THREAD_MIN_STAMPS,
    _TITLE_COPY_MIN_CHARS,
    _WRITTEN_DATE,
    _article_end,
    _author_cards,
    _authors_over_affiliations,
    _bar_menus,
    _block_printed_twice,
    _body_widgets,
    _book_cards,
    _caps_banner,
    _catalogue_menus,
    _channel_labels,
    _code_statement,
    _contact_labels,
    _docs_sidebars,
    _empty_cells,
    _empty_contents,
    _feed_template,
    _handle_posters,
    _head_headline_lists,
    _head_signatures,
    _head_title_shapes,
    _heads_contents,
    _hot_word_rows,
    _item_meta_lists,
    _keyword_titles,
    _label_start,
    _labelled_citations,
    _labels_over_furniture,
    _latin_menus,
    _lone_buttons,
    _menu_runs,
    _menus_over_breadcrumb,
    _meta_lists,
    _named_titles,
    _next_line,
    _notice_closing,
    _numbered_figures,
    _numbered_heading,
    _numbers_section,
    _original_titles,
    _page_copies,
    _pipe_tables,
    _post_button,
    _post_stamp,
    _posters,
    _profile_fields,
    _record_fields,
    _record_numbers,
    _record_rows,
    _related_lists,
    _section_dates,
    _signoff_dates,
    _stamped_cards,
    _tail_tags,
    _tail_teasers,
    _template_headings,
    _text_tabs,
    _timeline,
    _title_copies,
    _titled_figures,
    _titled_site_lines,
    _widget_lists,
)
from .chrome_rules import _BUILTIN_RULES, RuleError, RuleSet, load_rules
from .layout import BLANK_CHARS
from .line_evidence import FEATURES, LineFacts, LineMemo, marked_lines, page_evidence
from .report import Removal, StepOutput, apply_removals, compose_removals

STEP = "chrome"


# ... or, in a page that has none that long, a sentence of this length.
SHORT_BODY_MIN_CHARS = 20


# Three fields and more between bars: a template's row of meta data or links, not a title
# ("专访｜某某：…" has one bar).
_FIELD_ROW = lazy_re.compile(r"[|｜丨].*[|｜丨]")
# What a title never holds: separators of menus and breadcrumbs, such a row, links, a clock
# time.  One bar it may hold: a column's name before it ("早报｜6月3日", "专访｜…").
_TITLE_BREAKERS = lazy_re.compile(rf"[›»>/•·]|{_FIELD_ROW.pattern}|https?:|www\.|\d{{1,2}}:\d{{2}}")


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
    tables: frozenset[int] = frozenset()  # the lines of the article's pipe tables (``_pipe_tables``)

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
        entry of the references, the lines of a pipe table in the article.

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
        out.update(self.tables.intersection(open_))
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
_QUANTITY_ITEM = lazy_re.compile(r"^[^\W\d_]{1,10}(?:\s*[（(][^()（）]{1,8}[)）])?[ \t\u3000]+"
                            r"(?:(?:约|約|半)?(\d+(?:[./]\d+)?(?:\s*[-~～]\s*\d+(?:[./]\d+)?)?\s*"
                            r"(?!(?:条|條|次|人|篇|赞|讚|评论|評論|回复|回覆|阅读|閱讀|浏览|瀏覽|关注|關注|粉丝|粉絲"
                            r"|收藏|点击|點擊|页|頁|万|萬|楼|樓|[wWkK])\b)[^\W\d_]{1,3})|[^\W\d_]{1,3})$")
_QUANTITY_RUN_MIN = 3
# A recipe's words of measure, as every recipe site prints them ("盐 适量", "葱花 少许"): an
# amount as much as a figure is.
_MEASURE_WORD = lazy_re.compile(r"[ \t\u3000](适量|適量|少许|少許|少量|若干|酌量|适当|適當|一小撮|一小把)$")
# A group's heading inside a recipe's list ("主料", "辅料", "调料"): a word of two to four
# letters alone on its line, between items of the list.
_QUANTITY_GROUP = lazy_re.compile(r"^[^\W\d_]{2,4}[:：]?$")
_QUANTITY_ITEM_MAX = 30
# A signature's date with a word before or after it: "写于2023年6月7日", "2023年6月7日于北京".
_SIGNED_DATE = lazy_re.compile(r"^[^\W\d_]{0,3}\s*(\d{4}|[〇零一二三四五六七八九○]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                          r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*([于於][^\W\d_]{1,6})?$")
# The signer above it: a name or a body's name, letters only.
_SIGNER = lazy_re.compile(r"^[^\W\d_]{2,16}$")
# A fact an author lists: a label of a few letters, a colon, a short value with no colon.
_SPEC_ITEM = lazy_re.compile(r"^([^\W\d_]{1,6})\s*[:：]\s*([^:：]{1,24})$")
_BARE_VALUE = lazy_re.compile(r"^[\d\s\-/.:年月日]+$")
_SPEC_RUN_MIN = 3
# A field only a meeting's or an event's own record has: its place, its chair, who attended.
_EVENT_FIELD = lazy_re.compile(r"^[^\W\d_]{0,4}(地点|地址|主持人|主持|参会人员|参加人员|出席人员|列席人员|出席|列席|参会单位)\s*[:：]")
# A turn of a dialogue: a speaker's short name, a colon, what they say.
_SPEAKER = lazy_re.compile(r"^([^\W\d_]{1,4})\s*[:：]\s*\S")
_DIALOGUE_MIN = 4
# A paragraph that announces the lines under it: "现将有关事项通知如下", "调整如下，请…".
_ANNOUNCES = lazy_re.compile(r"如下[：:，,。；;]|如下$")


# A title in two parts joined by an interpunct, no space: "水调歌头·明月几时有".
_INTERPUNCT_TITLE = lazy_re.compile(r"^[^\W\d_]{1,10}[·・•][^\W\d_]{1,14}$")
# A poet's or an author's name under a title.
_POET_MAX = 8
# An author's clause that introduces a list has this many characters before its colon at least.
_CLAUSE_MIN = 5


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
    # An unlabelled one in a teaser slot: the first paragraph printed again word for word
    # right under it.  The copy nearest the body stays.
    if (len(body) > 1 and stripped[body[0]] == stripped[body[1]]
            and not any(stripped[j] for j in range(body[0] + 1, body[1]))):
        is_body[body.pop(0)] = False
    # A description printed over the article it copies, line for line.
    described = _block_printed_twice(body, stripped)
    for i in described:
        is_body[i] = False
    body = [i for i in body if i not in described]
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
    first_line = next((k for k in range(fm_end, len(lines)) if stripped[k]), len(lines))
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
            # a title glued before the head's meta line keeps its words
            col = meta_tail(s) if reason == "meta" and i < first_body else 0
            lead = len(lines[i]) - len(lines[i].lstrip(BLANK_CHARS)) if col else 0
            verdict[i] = (reason, lead + col)
        elif i < first_body and not is_body[i] and i > first_line and _NAME_DATE.match(s):
            verdict[i] = ("meta", 0)
        elif i < first_body and not is_body[i] and (col := date_tail(s)):
            lead = len(lines[i]) - len(lines[i].lstrip(BLANK_CHARS))
            verdict[i] = ("meta", lead + col)
        elif hash_line is not None and hash_line(s) in table:
            verdict[i] = ("boilerplate", 0)
        elif i < first_body and _repeats_body(s, body_paragraphs if _SUMMARY_LABEL.match(s) else lead_paragraphs,
                                              cut_end):
            verdict[i] = ("auto-summary", 0)

    for i in teasers:
        verdict[i] = ("related-links", 0)
    for i in described:
        verdict[i] = ("auto-summary", 0)
    for i, reason in _template_headings(stripped, first_body, verdict, rules):
        verdict[i] = (reason, 0)
    for i in _menu_runs(stripped, first_body, last_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _head_headline_lists(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _latin_menus(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _caps_banner(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _bar_menus(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _menus_over_breadcrumb(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _channel_labels(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _labels_over_furniture(stripped, first_body, verdict):
        verdict[i] = ("about-site", 0)
    for i in _authors_over_affiliations(stripped, verdict):
        verdict[i] = ("byline", 0)
    for i in _docs_sidebars(stripped, first_body, verdict):
        verdict[i] = ("navigation", 0)
    for i in _hot_word_rows(stripped, verdict):
        verdict[i] = ("navigation", 0)
    # a shop's product menu, an empty contents label and a reader's text tab above the article
    for i in itertools.chain(_catalogue_menus(stripped, first_body, last_body, verdict),
                             _empty_contents(stripped, first_body, verdict), _text_tabs(stripped, first_body, verdict)):
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
    for i in _original_titles(stripped, first_body, verdict):
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
    for i in itertools.chain(_title_copies(stripped, head_range, verdict, lines),
                             _titled_site_lines(stripped, head_range, verdict)):
        verdict[i] = ("title-copy", 0)
    for i, col in _head_title_shapes(lines, stripped, head_range, verdict):
        verdict[i] = ("title-copy", col)
    # a copy that went may bring the next one right above the body (a template's title
    # printed twice over its account's name printed twice)
    for i in _title_copies(stripped, head_range, verdict):
        verdict[i] = ("title-copy", 0)
    for i in _page_copies(stripped, verdict, is_body):
        verdict[i] = ("title-copy", 0)
    for i in _lone_buttons(stripped, verdict):
        verdict[i] = ("advert", 0)
    for i in _titled_figures(stripped, verdict):
        verdict[i] = ("photo-caption", 0)
    for i, reason in _numbered_figures(stripped, verdict):
        verdict[i] = (reason, 0)
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
    for i in _contact_labels(stripped, first_body, last_body, verdict):
        verdict[i] = ("contact-email", 0)
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
    for i in _book_cards(stripped, verdict):
        del verdict[i]
    for i in _empty_cells(stripped, verdict):
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
    # The page's title printed again under the notices is the document starting over (a
    # library's download box between the title and the document's own lines): the zone ends.
    if footer_start is not None:
        reason = verdict[footer_start][0]
        posts = reason == "share-widget"
        titles = {_kept_text(lines, stripped, verdict, i) for i in range(first_body)
                  if len(stripped[i]) >= _TITLE_COPY_MIN_CHARS
                  and (verdict.get(i, ("title-copy", 0))[0] == "title-copy" or verdict.get(i, ("", 0))[1])}
        for i in range(footer_start + 1, len(lines)):
            if (i not in verdict or verdict[i][1]) and _kept_text(lines, stripped, verdict, i) in titles:
                break
            if i in verdict:
                reason = verdict[i][0]
                posts = posts and reason in _POST_BUTTON_REASONS
            elif stripped[i] and not ((reason == "share-widget" or posts)
                                      and _CJK_SENTENCE_END.search(stripped[i][-1:])):
                verdict[i] = (reason, 0)
    # the author's tables above the footer zone (a reference page may open with its table); a
    # sidebar's (a calendar) under the article stays furniture
    tables = frozenset(_pipe_tables(stripped, fm_end,
                                    len(lines) if footer_start is None else footer_start))
    for i in tables:
        verdict.pop(i, None)

    return _RulePass(lines, starts, stripped, is_body, verdict, footer_start, stamps, closing, posters, tables)


def _kept_text(lines: list[str], stripped: list[str], verdict: dict, i: int) -> str:
    """What line ``i`` keeps: its text before a rule's cut of its tail ("某某方案" of
    "某某方案Word文档下载推荐.doc"), or all of it."""
    hit = verdict.get(i)
    return lines[i][:hit[1]].strip(BLANK_CHARS) if hit is not None and hit[1] else stripped[i]


# What a post's bar holds under each answer of a Q&A page: buttons, counters, stamps.
_POST_BUTTON_REASONS = ("share-widget", "meta", "stray-counter", "html-residue")


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
    removals = _inline_captions(lines, starts, verdict) + _leading_buttons(lines, starts, verdict)
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
_INLINE_CAPTION = lazy_re.compile(r"[▲△][^▲△\n]{1,100}?[(（]\s*(圖|图|照片|圖片|图片|資料照|资料照|翻攝|翻摄)"
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


# Buttons a flattened page glues before the line that follows them, each with the reason it
# goes by: an encyclopedia's fold button before each of its section headings ("折叠 通用惯例":
# the button, then a heading's words, no sentence), and a list's read-more link before the
# next item's title ("詳細內容 »某某標題").  Each on two lines of the page at least (a template's),
# the line's own text left after it.
_LEADING_BUTTONS = (
    (lazy_re.compile(r"^(?:折叠|摺疊|折疊)[ \t\u3000]+(?=[^\s。！？，；,!?;]{2,30}$)"), ("折", "摺"), "share-widget"),
    (lazy_re.compile(r"^(?:詳細內容|详细内容|詳情|详情|閱讀全文|阅读全文|閱讀更多|阅读更多|更多|(?i:read more|more))"
                     r"[ \t\u3000]*(?:»|>>|›|＞＞)[ \t\u3000]*(?=\S.{3})"), ("»", ">>", "›", "＞＞"),
     "pagination"),
)
_LEADING_MIN_LINES = 2


def _leading_buttons(lines: list[str], starts: list[int], verdict: dict) -> list[Removal]:
    """The buttons glued before lines that stay (``_LEADING_BUTTONS``)."""
    out: list[Removal] = []
    for pattern, hints, reason in _LEADING_BUTTONS:
        hits: list[tuple[int, int, re.Match[str]]] = []
        for i, line in enumerate(lines):
            if not any(h in line for h in hints):
                continue
            stripped = line.strip(BLANK_CHARS)
            m = pattern.match(stripped)
            if m is not None:
                hits.append((i, line.index(stripped), m))
        if len(hits) >= _LEADING_MIN_LINES:
            out.extend(Removal(STEP, starts[i] + lead, starts[i] + lead + m.end(), m.group(), f"chrome:{reason}")
                       for i, lead, m in hits if i not in verdict)
    return out


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
