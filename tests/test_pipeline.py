"""The pipeline's composition: steps in order, and chrome looking again after a join."""
from corpus_clean import clean
from corpus_clean.pipeline import CleanConfig, build_pipeline

# A summary line above a lead paragraph that a page break cut into two short halves: only
# the joined paragraph is long enough to be a body paragraph, so only after the join does
# chrome see the summary line above the body and repeated in it.  The page ends its other
# paragraphs with a full stop, so a paragraph that does not was cut (``layout``).
SUMMARY = "据新华社报道，国务院常务会议今天研究部署了新一轮稳就业措施"
NEXT = "\n\n会议指出，稳就业是保民生的头等大事，各地要压实责任。"
CUT_LEAD = SUMMARY + "，要求各地\n\n加大对高校毕业生和农民工的就业支持力度。" + NEXT


def test_chrome_looks_again_after_a_join_so_strip_is_idempotent():
    result = build_pipeline(CleanConfig()).run(SUMMARY + "\n" + CUT_LEAD)
    expected = SUMMARY + "，要求各地加大对高校毕业生和农民工的就业支持力度。" + NEXT
    assert result.text == expected
    assert [(r.reason, r.text) for r in result.removals] == [
        ("chrome:auto-summary", SUMMARY + "\n"), ("paragraph-join", "\n\n")]
    assert clean(expected) == expected


def test_recheck_removals_are_offsets_in_the_raw_text():
    text = "正文之前\n" + SUMMARY + "\n" + CUT_LEAD
    result = build_pipeline(CleanConfig()).run(text)
    spans = [(r.start, r.end) for r in result.removals]
    assert result.text == "正文之前\n" + SUMMARY + "，要求各地加大对高校毕业生和农民工的就业支持力度。" + NEXT
    summary_at = text.index(SUMMARY)
    assert (summary_at, summary_at + len(SUMMARY) + 1) in spans
    assert text[spans[-1][0]:spans[-1][1]] == "\n\n"  # the join, between 各地 and 加大


def test_without_chrome_join_runs_alone():
    names = build_pipeline(CleanConfig(chrome=False)).names
    assert names == ["control", "line-ends", "annotations", "markup", "join", "layout"]
    assert clean(SUMMARY + "\n" + CUT_LEAD, chrome=False) == SUMMARY + "\n" + SUMMARY + (
        "，要求各地加大对高校毕业生和农民工的就业支持力度。" + NEXT)


# Three readings of one character: too sparse for a layer while a fourth sits in a forum's
# footer line, dense enough once chrome has removed that line.
SPARSE_UNTIL_CHROME = ("傳(chuan) 傳(chuan) 傳(chuan) \n"
                       "GMT+8, 2023-5-12 10:23 , Processed in 0.05 second(s), 21 queries .傳(chuan) ")


def test_the_annotation_step_decides_again_after_chrome_removed_lines():
    result = build_pipeline(CleanConfig()).run(SPARSE_UNTIL_CHROME)
    assert result.text == "傳傳傳"
    assert [r.step for r in result.removals].count("annotations") == 3
    assert clean(result.text) == result.text


def test_without_annotations_chrome_runs_alone():
    result = build_pipeline(CleanConfig(annotations="none")).run(SPARSE_UNTIL_CHROME)
    assert result.text == "傳(chuan) 傳(chuan) 傳(chuan)"
