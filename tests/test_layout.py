"""Layout repair: paragraphs cut by page breaks or captions, blank lines, control characters."""
from __future__ import annotations

import pytest
from conftest import SEEDS

from corpus_clean import clean
from corpus_clean.layout import (
    collapse_blank_lines,
    join_broken_paragraphs,
    normalise_line_ends,
    remove_control_chars,
)
from corpus_clean.report import apply_removals

LONG = "市委书记表示，政府工作报告站位高远，通篇贯穿新发展理念，是市委战略举措和打好“五张牌”的精"


def test_a_cut_paragraph_whose_rest_is_one_unpunctuated_clause_is_joined():
    # the rest of the sentence with no mark at all, but longer than a heading
    rest = "准落实工作会议上提出的各项任务和市委确定的重点工程项目以及民生实事"
    before = "会议指出，过去一年全市经济社会发展取得了来之不易的成绩。\n\n"
    assert join_broken_paragraphs(before + LONG + "\n\n" + rest).text == before + LONG + rest


def test_a_paragraph_cut_by_blank_lines_is_joined():
    out = join_broken_paragraphs(LONG + "\n\n\n准落实。报告中的工作与发展息息相关。")
    assert out.text == LONG + "准落实。报告中的工作与发展息息相关。"
    assert [(r.reason, r.text) for r in out.removals] == [("paragraph-join", "\n\n\n")]


@pytest.mark.parametrize("first,second", [
    ("攀“高”逐“新” 共绘美好未来", "——我市各县(区、市)深入学习贯彻落实市两会精神"),  # title, subtitle
    ("聚焦高质量发展", "步履铿锵稳步前行"),  # short headings
    (LONG + "。", "准落实。"),  # a finished sentence
    ("# " + LONG, "准落实。"),  # a Markdown heading
    (LONG, "二、新一届政府工作的总体要求"),  # a numbered heading follows
    (LONG, "## 背景"),
    (LONG, "Next paragraph in English."),
    ("短句没有标点", "下一行"),
    (LONG, "两次转院，病情加重"),  # a lead cut off mid-sentence over a subheading with a comma
    # a headline with a comma over the article's first heading, an unpunctuated line of 19
    ("从专利数据看民营企业的自主创新,从专利角度看防霾口罩之技术篇", "从专利统计数据看我国民营企业的自主创新"),
    # a headline with a colon and an exclamation mark, but no comma, is not half a paragraph
    ("颱風過後「最缺的是水」！居民心聲：我們只想回家好好睡一覺而已", "災區的居民們一早就排隊領水，有人說，已經三天沒洗澡了。"),
])
def test_lines_that_are_not_a_cut_paragraph_stay_apart(first, second):
    text = first + "\n\n" + second
    assert join_broken_paragraphs(text).text == text


def test_seed_001_joins_across_a_removed_caption():
    raw = (SEEDS / "raw" / "001_6db4a980af955398.txt").read_text(encoding="utf-8")
    out = clean(raw)
    assert "打好“五张牌”的精准落实。" in out
    assert "“扩绿”持久战,厚植美丽和顺生态底蕴" in out
    assert "三是围绕新型城镇化建设" in out
    assert "攀“高”逐“新” 共绘美好未来\n" in out


def test_blank_line_runs_collapse_and_ends_are_trimmed():
    text = "\n \n第一段\n\u3000\n\u00a0\n\n第二段  \n\n"
    out = collapse_blank_lines(text)
    assert out.text == "第一段\n\n第二段"
    assert {r.reason for r in out.removals} == {"blank"}
    # the whitespace-only lines, the line breaks folded or trimmed away, the trailing spaces
    assert [r.text for r in out.removals] == ["\n", " ", "\n", "\u3000", "\u00a0", "\n", "\n", "  ", "\n", "\n"]
    assert apply_removals(text, out.removals) == out.text


def test_control_characters_go_and_line_ends_are_normalised():
    text = "a\x00b\x07c\td\r\ne\rf\x7f\r\x01\n"
    out = remove_control_chars(text)
    assert out.text == "abc\td\ne\rf\n"  # the CR of each CRLF goes; a lone CR is left...
    assert [(r.text, r.reason) for r in out.removals] == [
        ("\x00", "control-char"), ("\x07", "control-char"), ("\r", "blank"), ("\x7f", "control-char"),
        ("\r", "blank"), ("\x01", "control-char")]
    assert apply_removals(text, out.removals) == out.text
    assert normalise_line_ends(out.text).text == "abc\td\ne\nf\n"  # ...to become LF


@pytest.mark.parametrize("between", [
    "晋中国家农高区全景 记者 张三 摄",  # a photo caption and credit
    "上一页 1 2 3 下一页",  # a page break of a paginated article
    "▲ 活动现场",
    "![](https://img.example.com/a.jpg)",
    "图片来源：网络",
])
def test_clean_joins_a_paragraph_across_removed_furniture(between):
    page = f"标题\n{LONG}\n\n{between}\n\n准落实。报告中的工作与发展息息相关。"
    assert clean(page) == f"标题\n{LONG}准落实。报告中的工作与发展息息相关。"


@pytest.mark.parametrize("second", [
    "（二）加快推进产业转型升级",  # a full-width numbered heading
    "2023年，全市地区生产总值增长7.5%。",  # a paragraph that starts with a figure
    "——市两会反响报道之(二)",  # a series label after a dash
    "“陽泉是典型的資源型城市。”",  # a quotation opens a new paragraph
    "……",
])
def test_clean_does_not_join_a_line_that_opens_a_new_paragraph(second):
    page = f"标题\n{LONG}\n\n{second}"
    assert clean(page) == page


@pytest.mark.parametrize("heading", ["总结", "参考资料", "第三部分 实践经验"])
def test_a_short_unpunctuated_heading_is_never_glued_onto_the_line_above(heading):
    above = "- 在部署之前先用测试环境验证配置，再把同一份配置推送到生产环境的各台机器上"
    text = f"{above}\n{heading}\n接下来说说我们在上线过程中遇到的几个问题。"
    assert join_broken_paragraphs(text).text == text


def test_lines_adjacent_in_the_source_are_never_joined():
    # a forum's hard wrap and an author's line breaks: no blank line, no join
    text = (LONG + "\n准落实。报告中的工作与发展息息相关。\n"
            "目标网址与环境都已经准备好了，接下来一步步说明我们是怎样定位到播放逻辑的\n控制台定位到播放按钮")
    assert join_broken_paragraphs(text).text == text


def test_a_numbered_section_heading_is_not_the_first_half_of_a_paragraph():
    heading = "1.1 独立悬架是行业主流，半主动与主动悬架常见于商用车及高端乘用车"
    text = heading + "\n\n悬架是汽车的车轮和车身之间的传力连接装置的总称。"
    assert join_broken_paragraphs(text).text == text


def test_a_page_that_ends_no_paragraph_with_a_mark_has_no_cut_paragraph():
    # a tutorial blog writes its paragraphs without a full stop: each stays a paragraph
    text = ("交换机:工作在数据链路层,根据帧里的目标地址把数据转发到对应的端口上去\n\n"
            "网关是一个网络连接到另一个网络的关口,通常由路由器或者三层交换机来担任\n\n"
            "子网掩码用来划分网络号和主机号,它和地址按位与运算就能得到网络号码\n\n"
            "那么主机怎么知道目标地址在不在同一个网段里呢?")
    assert join_broken_paragraphs(text).text == text
    # the same lines on a page that ends its paragraphs with a mark are cut ones
    punctuated = text.replace("端口上去", "端口上去。").replace("来担任", "来担")
    assert "来担子网掩码" in join_broken_paragraphs(punctuated).text
