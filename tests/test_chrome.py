"""The chrome step on labelled lines (tests/cases/chrome.tsv) placed in small pages, and on
whole page snippets (tests/cases/chrome_snippets.jsonl) run through `corpus-clean chrome`."""
from __future__ import annotations

import json
import pathlib

import pytest

from corpus_clean.chrome import detect_chrome, remove_chrome
from corpus_clean.chrome_lines import _is_body, _spaced_record
from corpus_clean.chrome_rules import RuleError, load_rules, parse_rules
from corpus_clean.cli import cli

CASES = pathlib.Path(__file__).parent / "cases" / "chrome.tsv"
KNOWN_FAILURES = CASES.with_name("chrome_known_failures.tsv")
SNIPPETS = CASES.with_name("chrome_snippets.jsonl")
BODY_1 = "今年以来，全市上下认真贯彻落实各项决策部署，经济运行总体平稳、稳中有进，各项事业取得新的进展。"
BODY_2 = "下一步，我们将继续坚持稳中求进工作总基调，统筹发展和安全，推动经济社会持续健康发展。"


def _cases(path: pathlib.Path = CASES, marks=()):
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        label, position, note, text = line.split("\t", 3)
        assert label in ("drop", "keep") and position in ("head", "body", "tail"), f"{path.name}:{number}"
        rows.append(pytest.param(label, position, note, text, id=f"{path.stem}:{number}-{label}-{note}",
                                 marks=marks))
    return rows


KNOWN = _cases(KNOWN_FAILURES, pytest.mark.xfail(strict=True, reason="known failure: see the file's comments"))


def _page(position: str, line: str) -> tuple[str, int]:
    """A page with ``line`` at ``position``, and the line's index in it."""
    if position == "head":
        return f"{line}\n标题：全市经济运行情况通报\n{BODY_1}\n{BODY_2}", 0
    if position == "tail":
        return f"全市经济运行情况通报\n{BODY_1}\n{BODY_2}\n{line}", 3
    return f"全市经济运行情况通报\n{BODY_1}\n{line}\n{BODY_2}", 2


@pytest.mark.parametrize("label,position,note,line", _cases() + KNOWN)
def test_labelled_line(label, position, note, line):
    page, index = _page(position, line)
    start = sum(len(x) + 1 for x in page.split("\n")[:index])
    hits = [r for r in detect_chrome(page) if r.start <= start < r.end or start <= r.start < start + len(line)]
    if label == "drop":
        assert [r.reason for r in hits] == [f"chrome:{note}"], f"{line!r} should go as {note}"
    else:
        assert hits == [], f"{line!r} ({note}) must be kept, not removed as {hits[0].reason}"
    # the body paragraphs always survive
    out = remove_chrome(page).text
    assert BODY_1 in out and BODY_2 in out


def test_enough_cases_and_must_keep_share():
    rows = [p.values for p in _cases()]
    assert len(rows) >= 200
    assert sum(1 for r in rows if r[0] == "keep") * 3 >= len(rows)
    # a known failure is not also counted as a passing case
    assert not {r[3] for r in rows} & {p.values[3] for p in KNOWN}


def _snippets():
    rows = []
    for number, line in enumerate(SNIPPETS.read_text(encoding="utf-8").splitlines(), 1):
        case = json.loads(line)
        rows.append(pytest.param(case["input"], case["expected"], id=f"{number}-{case['name']}"))
    return rows


@pytest.mark.parametrize("page,expected", _snippets())
def test_page_snippet(runner, page, expected):
    """A whole page through `corpus-clean chrome`: zones, footers, mixed lines, front matter."""
    result = runner.invoke(cli, ["chrome", "-q"], input=page)
    assert result.exit_code == 0, result.output
    assert result.output == expected + "\n"
    # the expected lines are the page's own text, unchanged (chrome only deletes)
    assert all(any(p.startswith(line) for p in page.split("\n")) for line in expected.split("\n"))


def test_footer_zone_takes_lines_without_vocabulary():
    page = f"标题\n{BODY_1}\n{BODY_2}\n版权声明\n某某资讯平台是本地的综合门户网站，服务广大网民。\nthat the network agrees with its views\n某某新闻网"
    out = remove_chrome(page)
    assert out.text == f"标题\n{BODY_1}\n{BODY_2}\n"
    assert [r.reason for r in out.removals] == ["chrome:copyright"] * 3 + ["chrome:site-name"]


def test_a_furniture_tail_of_a_body_line_goes_and_the_sentence_stays():
    page = "\n".join(["标题", BODY_1 + " 文章來源於:http://www.example.com 某某直播", BODY_2])
    out = remove_chrome(page)
    assert out.text == f"标题\n{BODY_1}\n{BODY_2}"
    assert out.removals[0].reason == "chrome:source-url"


def test_front_matter_goes():
    page = "---\ntitle: 测试\ndate: 2023-01-01\n---\n# 标题\n" + BODY_1
    assert remove_chrome(page).text == "# 标题\n" + BODY_1


def test_auto_summary_repeating_the_body_goes_and_an_abstract_stays():
    summary = "摘要：" + BODY_1[:30] + "……"
    assert remove_chrome(f"标题\n{summary}\n{BODY_1}\n{BODY_2}").text == f"标题\n{BODY_1}\n{BODY_2}"
    abstract = "摘要：本文讨论了地方经济发展的若干问题，并提出了对策建议。"
    page = f"标题\n{abstract}\n{BODY_1}\n{BODY_2}"
    assert remove_chrome(page).text == page


def test_user_rules_come_first_and_bad_rules_name_file_and_line(tmp_path):
    rules = tmp_path / "site.rules"
    rules.write_text("# my site\n[site-name max=20]\n^我的小站$\n", encoding="utf-8")
    page = f"标题\n{BODY_1}\n我的小站"
    out = remove_chrome(page, extra_rules=(str(rules),))
    assert out.removals[0].reason == "chrome:site-name" and "我的小站" not in out.text
    bad = tmp_path / "bad.rules"
    bad.write_text("[x]\n(unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"{bad}:2: bad pattern"):
        load_rules((str(bad),))
    with pytest.raises(RuleError, match="x.txt:1: a rule before any"):
        parse_rules("abc\n", "x.txt")


def test_a_pattern_anchored_only_in_its_first_branch_still_matches_inside_a_line(tmp_path):
    # Patterns starting with ``^`` are compiled apart (a tail search skips them): ``^a|b``
    # is not anchored, and a class or group holding ``|`` does not make it so.
    rules = tmp_path / "tail.rules"
    rules.write_text("[source-url part max=40]\n^本站首发|转自[|｜]\\S+\n^(原载|转载于)\\S+$\n",
                     encoding="utf-8")
    page = "\n".join(["标题", BODY_1 + " 转自|某某论坛", BODY_2 + " 原载某报"])
    out = remove_chrome(page, extra_rules=(str(rules),))
    assert out.text == f"标题\n{BODY_1}\n{BODY_2} 原载某报"
    assert [(r.text, r.reason) for r in out.removals] == [(" 转自|某某论坛", "chrome:source-url")]
    rule = parse_rules(rules.read_text(encoding="utf-8"), "tail.rules")[0]
    assert rule.anchored.pattern == "(?:^(原载|转载于)\\S+$)"
    assert rule.floating.pattern == "(?:^本站首发|转自[|｜]\\S+)"


def test_rules_also_match_inside_markdown_emphasis_that_wraps_the_line():
    page = f"标题\n{BODY_1}\n**本文首发于个人博客，转载请注明出处。**\n__更多内容 来源：https://example.com/a.html__"
    out = remove_chrome(page)
    assert out.text == f"标题\n{BODY_1}\n__更多内容"
    assert [(r.reason, r.text) for r in out.removals] == [
        ("chrome:copyright", "**本文首发于个人博客，转载请注明出处。**\n"),
        ("chrome:source-url", " 来源：https://example.com/a.html__")]


def test_a_furniture_tail_is_cut_until_the_rest_of_the_line_is_clean():
    line = "正文到此结束。来源：http://a.com/1 来源：http://a.com/2 来源：http://a.com/3"
    out = remove_chrome(f"标题\n{BODY_1}\n{line}")
    assert out.text == f"标题\n{BODY_1}\n正文到此结束。"
    assert [(r.reason, r.text) for r in out.removals] == [
        ("chrome:source-url", "来源：http://a.com/1 来源：http://a.com/2 来源：http://a.com/3")]


@pytest.mark.parametrize("line,kept", [
    # the label's first words before the match go with it ("转载请注明" + "出处：http…")
    ("以上是我的一点体会，转载请注明出处： https://example.com/post/1", "以上是我的一点体会"),
    # a sentence before the label stays whole
    ("以上就是全部内容。文章来源：https://example.com/a", "以上就是全部内容。"),
])
def test_a_part_cut_takes_its_whole_label(line, kept):
    page = f"标题\n{BODY_1}\n{BODY_2}\n{line}"
    assert remove_chrome(page).text == f"标题\n{BODY_1}\n{BODY_2}\n{kept}"


def test_a_caption_inside_a_flattened_record_goes_from_its_mark_to_its_credit():
    record = ("警方上月底突襲嫌犯在台灣的藏身地點，起獲大批毒品，將繼續追查毒品的來源。"
              "▲警方本次起獲的毒品，市價初估一億元。(圖/記者王小明攝)"
              "位於邊境的金三角地區長期是毒品的產地，(黃衣)嫌犯原本在當地經商。")
    out = remove_chrome(record)
    assert out.text == record.replace("▲警方本次起獲的毒品，市價初估一億元。(圖/記者王小明攝)", "")
    assert [r.reason for r in out.removals] == ["chrome:photo-caption"]
    assert remove_chrome(out.text).removals == []


@pytest.mark.parametrize("heading,kept", [
    ("第十六章(1/2)", "第十六章"),
    ("第三回 风起（2/3）", "第三回 风起"),
    ("第三回 风起 (2/3)", "第三回 风起"),
])
def test_a_chapter_heading_loses_its_page_counter(heading, kept):
    page = f"{heading}\n{BODY_1}\n{BODY_2}"
    assert remove_chrome(page).text == f"{kept}\n{BODY_1}\n{BODY_2}"


def test_a_paragraph_that_says_one_notice_word_twice_is_still_body():
    from corpus_clean.chrome_lines import _is_body

    assert _is_body("这家公司把业务搬到了网上平台，用户在平台上下单以后，第二天就能收到新鲜的蔬菜和水果，很受欢迎。")
    assert not _is_body("本站部分内容来自网络转载，版权归原作者所有，如有侵权请联系我们删除，我们会在第一时间处理。")


def test_an_encyclopedias_fold_buttons_go_before_its_headings_and_the_headings_stay():
    page = "\n".join(["命名原则", BODY_1, "折叠 基本约定", BODY_2, "折叠 使用常见名称", BODY_1 + "又及。"])
    out = remove_chrome(page)
    assert out.text == "\n".join(["命名原则", BODY_1, "基本约定", BODY_2, "使用常见名称", BODY_1 + "又及。"])
    # a line that only starts with the word, once on its page, is the author's
    page = f"折叠 椅子\n{BODY_1}\n{BODY_2}"
    assert remove_chrome(page).text == page


def test_a_lists_read_more_links_glued_before_the_next_titles_go_and_the_titles_stay():
    page = f"校園新聞\n{BODY_1}\n詳細內容 »圖書館延長開放時間\n{BODY_2}\n詳細內容 »運動會下週舉行\n{BODY_1}"
    out = remove_chrome(page)
    assert out.text == f"校園新聞\n{BODY_1}\n圖書館延長開放時間\n{BODY_2}\n運動會下週舉行\n{BODY_1}"
    assert {r.reason for r in out.removals} == {"chrome:pagination"}
    # once on its page, the link and the line may be the author's
    page = f"校園新聞\n{BODY_1}\n詳細內容 »見附件一\n{BODY_2}"
    assert remove_chrome(page).text == page


def test_the_date_under_an_authors_signoff_with_an_address_stays_inside_the_notes():
    page = "读书笔记 第二册\n上册提纲：\n1. 绪论\n2. 方法\n3. 结论\n若有错漏请告诉我：某某\n邮件：someone@example.com\n2019.03.08\n下册提纲：\n1. 回顾\n2. 展望"
    out = remove_chrome(page).text.split("\n")
    assert out[out.index("邮件：someone@example.com") + 1] == "2019.03.08"
    # a date with no sign-off above it is still a template's date line
    page = f"读书笔记\n2019.03.08\n{BODY_1}\n{BODY_2}"
    assert "2019.03.08" not in remove_chrome(page).text


def test_an_encyclopedias_tooltip_link_goes_and_its_help_text_stays():
    page = "\n".join(["命名原则", BODY_1 + " 查看详细规范>>", BODY_2])
    assert remove_chrome(page).text == f"命名原则\n{BODY_1}\n{BODY_2}"
    # the words in the author's sentence stay
    page = "\n".join(["标题", BODY_1, "写词条之前请先查看详细规范，再动手。" + BODY_2])
    assert remove_chrome(page).text == page


def test_every_built_in_rule_compiles_and_the_shipped_needles_table_is_fresh():
    # The built-in file is parsed lazily at start-up (a section compiles on first use), so a
    # bad pattern there would only show on the first line that asks it: compile them all here.
    # The needles table spares start-up the patterns' parse trees; ``make needles`` rewrites it.
    from importlib import resources

    from corpus_clean.chrome_rules import _BUILTIN_RULES, NEEDLES_FILE, needles_table

    package = resources.files("corpus_clean")
    rules = parse_rules(package.joinpath("rules/chrome.txt").read_text(encoding="utf-8"), _BUILTIN_RULES, lazy=True)
    for rule in rules:
        rule.compile()
        assert rule.anchored is not None or rule.floating is not None, rule.reason
    assert package.joinpath(NEEDLES_FILE).read_text(encoding="utf-8") == needles_table(rules), \
        "rules/chrome-needles.txt is stale: run make needles"
    # the sections' unions that start-up reads from the table are what the patterns give
    from corpus_clean.patterns import needles, union_needles

    for rule in load_rules().rules:
        assert rule.line_needles == union_needles([needles([p]) for p in rule.patterns]), rule.reason



# A document library's page: the document's title, the download box (its login tip the only
# sentence above the notices), then the title again over the document's own first lines.
LIBRARY_PAGE = "欢迎来到某某文库! | 帮助中心\n某某文库\n全部分类\n首页 某某文库 > 资源分类 > DOC文档下载\n分享到微信 分享到微博 分享到QQ空间\n乡镇污水处理厂运营维护管理办法草案Word格式.docx\n资源ID:2233445       资源大小:3.10MB        全文页数:42页\n资源格式: DOC        下载积分:8金币\n快捷下载 游客一键下载\n账号登录下载\n温馨提示:\n如填写456,账号就是456,密码也是456。\n验证码:   换一换\n账号:\n密码:\n友情提示\n2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单,保存网页到桌面,就可以正常下载了。\n3、本站不支持迅雷下载,请使用电脑自带的IE浏览器,或者360浏览器、谷歌浏览器下载即可。\n乡镇污水处理厂运营维护管理办法草案Word格式.docx\n1、总则2、设施管理要求5、运行记录与考核8"


def test_the_footer_zone_ends_where_the_page_title_starts_the_document_over():
    out = remove_chrome(LIBRARY_PAGE).text
    assert "乡镇污水处理厂运营维护管理办法草案Word格式.docx\n1、总则2、设施管理要求5、运行记录与考核8" in out
    assert "资源ID" not in out and "账号登录下载" not in out and "本站不支持迅雷下载" not in out


def test_a_pipe_table_that_opens_the_page_keeps_its_delimiter_row():
    # an API reference crawled as Markdown: the page is its table, then a feedback widget
    page = ("| 名称 | 类型 | 描述 | 示例值 |\n|---|---|---|---|\n| orderId | string | 订单编号 | 10086 |\n"
            "| amount | long | 订单金额，单位为分 | 1999 |\n| status | string | 订单状态 | PAID |\n"
            "该文章对您有帮助吗？")
    out = remove_chrome(page).text
    assert out.startswith("| 名称 | 类型 | 描述 | 示例值 |\n|---|---|---|---|\n| orderId |")


def test_patterns_searched_alone_answer_as_the_compiled_sections_do():
    # Until a section has been asked often, each of its patterns is searched alone where its
    # own needles are (start-up compiles only those); then the section's alternations are.
    # Both must find the same rule at the same place, on every labelled line and snippet line.
    from importlib import resources

    from corpus_clean.chrome_rules import _BUILTIN_RULES, RuleSet

    text = resources.files("corpus_clean").joinpath("rules/chrome.txt").read_text(encoding="utf-8")
    compiled = RuleSet(tuple(parse_rules(text, _BUILTIN_RULES)))
    alone = RuleSet(tuple(parse_rules(text, _BUILTIN_RULES, lazy=True)))
    for rule in alone.rules:
        object.__setattr__(rule, "_asks", -10**9)  # never compiled whole
    lines = {row.split("\t")[3] for row in CASES.read_text(encoding="utf-8").splitlines()
             if row and not row.startswith("#") and row.count("\t") >= 3}
    for row in SNIPPETS.read_text(encoding="utf-8").splitlines():
        lines.update(json.loads(row)["input"].split("\n"))
    assert len(lines) > 1000
    for line in sorted(lines):
        for edge, body in ((True, False), (False, False), (False, True)):
            want = compiled.match(line, edge, body)
            got = alone.match(line, edge, body)
            assert (got and (got[0].reason, got[0].patterns, got[1])) == \
                (want and (want[0].reason, want[0].patterns, want[1])), line
    assert not any(rule._compiled for rule in alone.rules)


def test_a_row_of_menu_entries_is_no_body_paragraph_and_letter_spaced_text_no_record():
    """A long row of menu entries between spaces sets no zone, however many 、 its entries
    hold; a page's letter-spaced paragraph is prose, not a record's spaced labels."""
    row = "首页 机构概况 政务公开 政策法规 办事服务 食品安全、环境卫生和渔农业 社会福利 土地、公共工程和公用事业 专题专栏 列印"
    assert not _is_body(row)
    assert _is_body(row.replace(" 专题专栏 列印", "，都在这里。"))
    spaced = "政 府 新 闻 处 负 责 政 府 的 新 闻 、 出 版 和 宣 传 工 作 , 是 政 府 与 传 播 媒 介 之 间 的 桥 梁 。"
    assert _is_body(spaced) and not _spaced_record(spaced)
    assert _spaced_record("索   引   号 2019-00123 分        类 其他；市政府文件；")
