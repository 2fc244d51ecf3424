"""corpus-clean inside datatrove and Hugging Face datasets, run with the real packages
(skipped when they are not installed: `pip install 'corpus-clean[datatrove,hf]'`)."""
from __future__ import annotations

import json

import pytest

PAGE = ("新聞標題\n傳(chuan) 統產(chan) 業(ye) 占比高，為(wei) 陽泉市高質量發展指明方(fang) 向。\n"
        "分享到：微博 微信\n")
CLEAN = "新聞標題\n傳統產業占比高，為陽泉市高質量發展指明方向。"
PLAIN = "老街改造以後，原來的早點鋪和修鞋攤都留了下來，街坊們都說好。"


def _strip(text: str) -> str:
    from corpus_clean import clean

    return clean(text)


@pytest.mark.slow
def test_datatrove_formatter_in_a_real_pipeline(tmp_path):
    pytest.importorskip("datatrove")
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.formatters.base import BaseFormatter

    from corpus_clean.integrations.datatrove import CorpusCleanFormatter

    seen = []

    def collect(data, rank=0, world_size=1):
        for doc in data:
            seen.append((doc.id, doc.text, doc.metadata.get("corpus_clean")))
            yield doc

    step = CorpusCleanFormatter(metadata_key="corpus_clean")
    assert isinstance(step, BaseFormatter)
    docs = [Document(text=PAGE, id="a"), Document(text=PLAIN, id="b")]
    LocalPipelineExecutor(pipeline=[docs, step, collect], tasks=1, logging_dir=str(tmp_path / "logs")).run()
    assert seen == [("a", _strip(PAGE), {"annotation-layer": 5, "chrome:share-widget": 1, "blank": 1}),
                    ("b", PLAIN, {})]
    assert seen[0][1].rstrip("\n") == CLEAN
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))[0]["stats"]
    assert stats["total"] == 2 and stats["changed"] == 1
    assert stats["annotation-layer"]["total"] == 5 and stats["chrome:share-widget"] == 1
    assert stats["chars_removed"]["total"] == len(PAGE) - len(_strip(PAGE))


def test_datatrove_formatter_options_and_format():
    pytest.importorskip("datatrove")
    from corpus_clean.integrations.datatrove import CorpusCleanFormatter

    assert CorpusCleanFormatter(annotations="none").format(PAGE) == _strip_none(PAGE)
    assert CorpusCleanFormatter(to="simplified").format("漢語的發展。") == "汉语的发展。"
    with pytest.raises(Exception, match="nowhere.rules"):
        CorpusCleanFormatter(rules="nowhere.rules")


def _strip_none(text: str) -> str:
    from corpus_clean import clean

    return clean(text, annotations="none")


@pytest.mark.slow
def test_hf_datasets_map_recipe():
    datasets = pytest.importorskip("datasets")
    from corpus_clean.integrations.hf import clean_batch, clean_example

    ds = datasets.Dataset.from_dict({"id": ["a", "b"], "text": [PAGE, PLAIN]})
    for mapped in (ds.map(clean_example), ds.map(clean_batch, batched=True, batch_size=1)):
        rows = mapped.to_list()
        assert [r["text"] for r in rows] == [_strip(PAGE), PLAIN]
        assert [r["corpus_clean_removals"] for r in rows] == [7, 0]  # layout: the final line break
        assert rows[0]["corpus_clean_by_step"] == {"annotations": 5, "markup": 0, "chrome": 1, "layout": 1}
        assert rows[1]["corpus_clean_by_step"] == {"annotations": 0, "markup": 0, "chrome": 0, "layout": 0}
        assert [r["corpus_clean_chars_removed"] for r in rows] == [len(PAGE) - len(_strip(PAGE)), 0]
        assert [r["id"] for r in rows] == ["a", "b"]
    other = datasets.Dataset.from_dict({"content": ["漢語的發展。"]})
    out = other.map(clean_batch, batched=True, fn_kwargs={"text_field": "content", "to": "simplified"})
    assert out["content"] == ["汉语的发展。"]


def test_hf_recipe_functions_need_no_datasets():
    from corpus_clean.integrations.hf import clean_example, clean_text

    assert clean_text(PAGE)["text"] == _strip(PAGE)
    row = clean_example({"body": PAGE, "n": 1}, text_field="body", annotations="none")
    assert row["body"] == _strip_none(PAGE) and row["corpus_clean_by_step"]["annotations"] == 0
