"""report.Removals: spans that become Removal records only when read, counted without them."""
import pickle

from corpus_clean import clean
from corpus_clean.pipeline import CleanConfig, build_pipeline
from corpus_clean.report import Removal, Removals, Result, compose_removals

TEXT = "傳(chuan) 統產(chan) 業(ye)"
SPANS = [(1, 9), (11, 18), (19, 23)]


def test_spans_become_removals_on_first_read():
    lazy = Removals.of_spans("annotations", "annotation-layer", TEXT, SPANS)
    assert len(lazy) == 3 and lazy.counts() == {"annotation-layer": 3}
    assert [r.text for r in lazy] == ["(chuan) ", "(chan) ", "(ye)"]
    assert lazy[1] == Removal("annotations", 11, 18, "(chan) ", "annotation-layer")
    assert lazy == [Removal("annotations", a, b, TEXT[a:b], "annotation-layer") for a, b in SPANS]
    assert lazy.counts() == {"annotation-layer": 3}  # the same once built


def test_a_chain_counts_in_order_of_first_appearance_without_building():
    chrome = [Removal("chrome", 0, 3, "abc", "chrome:meta")]
    chain = Removals.chain([Removals.of_spans("annotations", "annotation-layer", TEXT, SPANS), [], chrome])
    assert chain._items is None
    assert chain.counts() == {"annotation-layer": 3, "chrome:meta": 1}
    assert len(chain) == 4 and chain._items is None  # counting built nothing
    assert list(chain)[-1] is chrome[0]
    assert Result("x", chain).counts() == {"annotation-layer": 3, "chrome:meta": 1}


def test_pickled_as_built_records_not_as_the_input_text():
    lazy = Removals.of_spans("annotations", "annotation-layer", TEXT * 1000, SPANS)
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy == lazy and len(pickle.dumps(lazy)) < len((TEXT * 1000).encode())


def test_compose_accepts_lazy_removals():
    first = Removals.of_spans("annotations", "annotation-layer", TEXT, SPANS)
    second = [Removal("layout", 0, 1, "傳", "x")]
    out = compose_removals(TEXT, first, second)
    assert [r.start for r in out] == [0, 1, 11, 19]


def test_pipeline_result_reads_like_a_list():
    page = "這是傳(chuan) 統產(chan) 業(ye) 的故(gu) 事。"
    result = build_pipeline(CleanConfig()).run(page)
    assert result.text == clean(page) == "這是傳統產業的故事。"
    assert [r.text for r in result.removals] == ["(chuan) ", "(chan) ", "(ye) ", "(gu) "]
    assert result.counts() == {"annotation-layer": 4}
