"""Properties of ``strip`` over generated pages in the shapes of real ones (hypothesis).

Real pages are a title and a few body paragraphs between runs of furniture: menus,
breadcrumbs, meta and post lines, Markdown links and images, HTML residue, comment sections,
copyright footers, pagination, with the zero-width and format characters that exports leave
at line ends.  Whatever the mix, ``strip`` only deletes, is idempotent, and never loses a
body paragraph that no rule names.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_clean import clean

SETTINGS = settings(max_examples=120, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
WS = re.compile(r"\s+")

TITLES = ["老街新生：一条街的十年", "城市更新中的烟火气", "# 分布式系统入门", "第一章 总则", "一、基本情况"]
BODIES = [
    "老街区改造以后，原来的早点铺和修鞋摊都留了下来，新开的书店也按照老街的尺度装修，游客和居民各得其所。",
    "专家认为，城市更新不是推倒重来，而是让生活在这里的人继续生活下去，这需要更多耐心和更细致的制度设计。",
    "在一些网络环境下，拉取镜像会卡得死死的，于是大家想了很多办法，比如给守护进程挂代理，或者自建一个镜像站。",
    "政府工作報告指出，要堅持穩中求進工作總基調，完整、準確、全面貫徹新發展理念，推動經濟實現質的有效提升。",
]
FURNITURE = [
    "首页 | 新闻 | 城市 | 财经", "首页 > 新闻中心 > 正文", "发布时间：2023-05-12 09:30 来源：某某日报", "阅读 1234 · 评论 5",
    "**小王**3 天前 via Android", "[首页](https://e.com/) [注册](https://e.com/signup)", "![图片](https://e.com/1.png)",
    "<p><strong>", "&nbsp;", "版权所有 © 2023 某某网", "全部评论（3）", "上一页 [1] [2] [3] 下一页", "* * *", "---",
    "分享到：微博 微信", "相关阅读", "> ", "0", "2023-05-14", "责任编辑：李四", "https://e.com/a/b.html",
]
SHORT = ["感谢分享", "同意。", "李白", "床前明月光", "2023年5月12日", "某某街道办事处", "（陈俊琦）", "……"]
ENDS = ["", "", "", "\u200b", "\ufeff", "\u00a0", "\u3000", " ", "\u2060"]


@st.composite
def pages(draw):
    lines = [draw(st.sampled_from(FURNITURE)) for _ in range(draw(st.integers(0, 4)))]
    lines.append(draw(st.sampled_from(TITLES)))
    for _ in range(draw(st.integers(0, 6))):
        lines.append(draw(st.sampled_from(BODIES + FURNITURE + SHORT)))
    lines += [draw(st.sampled_from(FURNITURE + SHORT)) for _ in range(draw(st.integers(0, 5)))]
    lines = [line + draw(st.sampled_from(ENDS)) for line in lines]
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return separator.join(lines)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@pytest.mark.slow
@SETTINGS
@given(pages())
def test_strip_only_deletes_on_page_shapes(page):
    assert _is_subsequence(WS.sub("", clean(page)), WS.sub("", page))


@pytest.mark.slow
@SETTINGS
@given(pages())
def test_strip_is_idempotent_on_page_shapes(page):
    once = clean(page)
    assert clean(once) == once


@pytest.mark.slow
@SETTINGS
@given(pages())
def test_body_paragraphs_survive_on_page_shapes(page):
    out = WS.sub("", clean(page))
    for body in BODIES:
        if body in page:
            assert WS.sub("", body) in out
