"""The evidence rows the chrome step weighs, the weights file, and the lines no weight removes."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.chrome import detect_chrome, load_weights, page_rows, parse_weights, remove_chrome
from corpus_clean.chrome_rules import RuleError
from corpus_clean.line_evidence import FEATURES, LineFacts, furniture_marked, marked_lines, page_evidence
from corpus_clean.pipeline import CleanConfig, build_pipeline

BODY = ("老街区改造以后，原来的早点铺和修鞋摊都留了下来，新开的书店也按照老街的尺度装修，"
        "游客和居民在同一条街上各得其所。")
BODY_2 = "专家认为，城市更新不是推倒重来，而是让生活在这里的人继续生活下去，这需要更多耐心和更细致的制度设计。"


def test_every_line_gets_one_row_of_features_in_0_1():
    page = f"首页 | 新闻 | 城市\n老街新生\n{BODY}\n## 小标题\n{BODY_2}\n阅读 1234 · 评论 5\n"
    found, index, rows, open_ = page_rows(page, every_row=True)
    assert [found.stripped[i] for i in index] == [line for line in page.split("\n") if line]
    assert all(len(row) == len(FEATURES) for row in rows)
    assert all(0.0 <= x <= 1.0 for row in rows for x in row)
    assert set(open_) <= set(range(len(index)))


@pytest.mark.parametrize("line,marked", [
    ("床前明月光", False),  # a verse: short, in the head, but nothing of furniture
    ("李白", False),
    ("阅读 1234 · 评论 5", True),  # counters and a separator
    ("2023-05-12 10:20", True),
    ("来源：某某日报", True),  # label:value
    ("http://example.com/a", True),
])
def test_only_a_line_with_a_mark_of_furniture_is_open_to_the_weights(line, marked):
    _, _index, rows, _ = page_rows(f"{line}\n{BODY}\n{BODY_2}", every_row=True)
    assert furniture_marked(rows[0]) is marked


# Pieces of furniture and of prose that a line is made of, for the property below.
_PIECES = ["首页", " | ", "来源：", "2023-05-12", " 10:20", "阅读 1234", "3天前", "...", "[更多](/more)",
           "![图](a.png)", "<b>", "http://example.com", "a@b.cn", "、", "，", "。", "老街", "改造", "123456",
           " ", "Jay13", "》》", "1. ", "## ", "第三章", "春天", "居民"]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join).map(str.strip)
                .filter(bool), min_size=1, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_the_cheap_mark_test_agrees_with_the_evidence_rows(lines, footer):
    """``marked_lines`` skips the rows of unmarked lines: it must say exactly what the rows say."""
    facts = [LineFacts(False, False, False, footer[k]) for k in range(len(lines))]
    rows = page_evidence(lines, facts)
    assert marked_lines(lines, facts, range(len(lines))) == {k for k, row in enumerate(rows) if furniture_marked(row)}


def _remove_everything(tmp_path):
    """A weights file that would remove every line it is allowed to decide."""
    path = tmp_path / "all.txt"
    path.write_text("# every open line is furniture\nthreshold 0.5\nbias 30\n", encoding="utf-8")
    return str(path)


def test_protected_lines_stay_whatever_the_weights_say(tmp_path):
    """Titles next to the body, section headings and a signature's date are the author's."""
    weights = load_weights(_remove_everything(tmp_path))
    page = (f"老街新生：一条街的十年\n{BODY}\n一、街道的变化\n{BODY_2}\n第二章 居民的声音\n"
            f"某某街道办事处\n2023年5月12日\n阅读 1234 · 评论 5")
    out = [r.text.strip() for r in detect_chrome(page, weights=weights)]
    assert out == ["阅读 1234 · 评论 5"]


def test_a_short_unmarked_line_is_never_removed_by_the_weights(tmp_path):
    page = f"静夜思\n李白\n床前明月光\n疑是地上霜\n{BODY}\n{BODY_2}"
    out = remove_chrome(page, weights=_remove_everything(tmp_path))
    assert out.text == page


def test_a_weights_file_refitted_by_a_user_is_used_by_the_pipeline(tmp_path):
    page = f"老街新生\n{BODY}\n{BODY_2}\n本页浏览 88 次 | 返回"
    keep_all = tmp_path / "none.txt"
    keep_all.write_text("threshold 1.5\n", encoding="utf-8")  # a probability never reaches it
    remove_all = _remove_everything(tmp_path)
    kept = build_pipeline(CleanConfig(weights=str(keep_all), rules=())).run(page).text
    removed = build_pipeline(CleanConfig(weights=remove_all)).run(page).text
    assert "本页浏览 88 次" in kept
    assert "本页浏览 88 次" not in removed and BODY in removed


@pytest.mark.parametrize("text,message", [
    ("threshold 0.9\nno-such-feature 1.0\n", "w.txt:2: unknown feature 'no-such-feature'"),
    ("threshold 0.9\nbias one\n", "w.txt:2: expected 'name number'"),
    ("bias 1.0\n", "w.txt: no threshold line"),
])
def test_a_bad_weights_file_names_the_file_and_line(text, message):
    with pytest.raises(RuleError) as err:
        parse_weights(text, "w.txt")
    assert str(err.value) == message


def test_a_missing_weights_file_fails_when_the_pipeline_is_built(tmp_path):
    with pytest.raises(RuleError, match="cannot read weights file"):
        build_pipeline(CleanConfig(weights=str(tmp_path / "missing.txt")))


def test_the_shipped_weights_name_only_known_features():
    weights = load_weights()
    assert len(weights.vector) == len(FEATURES) and 0.5 <= weights.threshold <= 1.0
