"""The run layer: one loop reads, cleans, writes and counts, serial or in worker processes."""
from __future__ import annotations

import functools
import json

import pytest

from corpus_clean.cli.strip import clean_text
from corpus_clean.io import ReadOptions
from corpus_clean.pipeline import CleanConfig
from corpus_clean.run import RunOptions, process

PAGE = "首页 > 新闻 > 正文\n今天的天气很好，我们一起去公园散步，看到了很多盛开的花朵和飞翔的小鸟，大家都非常开心。"
WORKER = functools.partial(clean_text, CleanConfig())


def _options(src, dst, *, jobs=1, drop_empty=False, on_error="stop", quiet=True):
    return RunOptions((str(src),), str(dst), False, ReadOptions(on_error=on_error), None, jobs, quiet, False,
                      None, drop_empty)


@pytest.mark.parametrize("jobs", [1, 2])
def test_process_writes_counts_and_drops_the_same_serial_or_in_workers(tmp_path, jobs):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate([PAGE, "   ", PAGE])), encoding="utf-8")
    summary = process(_options(src, dst, jobs=jobs, drop_empty=True), WORKER)
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == [0, 2]
    assert out[0]["text"] == PAGE.split("\n", 1)[1]
    assert (summary.documents, summary.written, summary.dropped_empty) == (3, 2, 1)
    assert summary.reasons["chrome:breadcrumb"] == 2


def test_skipped_records_are_named_through_the_callers_say_and_hooks_see_each_document(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"text": PAGE}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    said, seen, results = [], [], []
    summary = process(_options(src, dst, on_error="skip", quiet=False), WORKER,
                      on_result=lambda doc, result: results.append(result.text),
                      on_document=lambda doc: seen.append(doc.line), say=said.append)
    assert summary.rejected == 1 and summary.written == 1
    assert seen == [1] and results == [PAGE.split("\n", 1)[1]]
    assert len(said) == 1 and said[0].startswith("corpus-clean: skipped") and ":2" in said[0]
