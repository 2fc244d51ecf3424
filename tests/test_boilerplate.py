"""Cross-document boilerplate: learn a corpus's repeated lines, then drop them."""
from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from corpus_clean.boilerplate import learn, line_hash, load_table, normalise, write_table
from corpus_clean.cli import cli

WORDS = ["经济", "发展", "城市", "乡村", "文化", "旅游", "教育", "医疗", "交通", "生态", "科技", "产业",
         "居民", "政府", "企业", "市场", "改革", "创新", "项目", "建设", "服务", "社区", "学校", "环境"]
# Each site's template: its name, an "about" paragraph and a footer line that no built-in rule
# knows (so only the learned table can remove them).
SITES = {
    "a": ["晋阳资讯平台 客服热线 0351-0000000", "晋阳资讯平台致力于服务本地用户，提供全方位的本地生活信息。",
          "晋阳资讯平台"],
    "b": ["滨海之声 | 服务热线 400-000-0000", "滨海之声是本地最大的综合性信息发布平台，欢迎投稿与合作。",
          "滨海之声移动版"],
}


def _corpus(n: int = 300) -> tuple[list[dict], list[str]]:
    rng = random.Random(7)
    docs, twice = [], []
    for i in range(n):
        site = "ab"[i % 2]
        body = ["".join(rng.choice(WORDS) for _ in range(12)) + "。" for _ in range(4)]
        if i % 50 == 0:  # an article line quoted by exactly one other article
            shared = "这是一段被两篇文章引用的评论：" + "".join(rng.choice(WORDS) for _ in range(8)) + "。"
            twice.append(shared)
            body.append(shared)
        if i % 50 == 1:
            body.append(twice[-1])
        docs.append({"id": i, "site": site, "text": "\n".join(body + SITES[site])})
    return docs, twice


def test_normalise_folds_case_digits_and_space():
    assert normalise("  Copyright 2023  ABC ") == normalise("copyright 1999 abc") == "copyright 0 abc"
    assert line_hash("第12期") == line_hash("第3期")


def test_learn_counts_documents_not_occurrences():
    counts, docs = learn(["页脚\n页脚\n正文一二三四五", "页脚内容很长\n正文六七八九十"])
    assert docs == 2 and counts[line_hash("页脚内容很长")] == 1 and line_hash("页脚") not in counts  # < 5 chars


def test_table_round_trip(tmp_path):
    path = tmp_path / "t.lines"
    with open(path, "w", encoding="utf-8") as fh:
        write_table(fh, {1: 5, 2: 1, 3: 2}, 7)
    assert path.read_text(encoding="utf-8").splitlines()[1:] == ["0000000000000001\t5", "0000000000000003\t2"]
    assert load_table(str(path), 3) == {1}


def test_learn_then_strip_drops_site_footers_and_keeps_lines_repeated_twice(runner, tmp_path):
    docs, twice = _corpus()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    table = tmp_path / "site.lines"
    result = runner.invoke(cli, ["chrome", "--learn", str(corpus), "-o", str(table)])
    assert result.exit_code == 0, result.output
    # without the table the template lines are text the rules do not know
    plain = [json.loads(line)["text"].split("\n") for line in runner.invoke(cli, ["strip", str(corpus)]).output.splitlines()]
    assert all(sum(doc.count(line) for doc in plain) == 150 for lines in SITES.values() for line in lines)
    result = runner.invoke(cli, ["strip", "--boilerplate", str(table), "--min-docs", "10", str(corpus)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(docs)
    for before, after in zip(docs, out):
        for footer in SITES[before["site"]]:
            assert footer not in after["text"]
        assert after["text"].startswith(before["text"].split("\n")[0])
    kept = "\n".join(d["text"] for d in out)
    assert all(kept.count(line) == 2 for line in twice)


@pytest.mark.slow
def test_a_bad_table_names_the_line(tmp_path):
    table = tmp_path / "bad.lines"
    table.write_text("# header\nnot a line\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "corpus_clean", "strip", "--boilerplate", str(table)],
                          input="正文".encode(), capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {table}:2: not a boilerplate table line (expected 'hash<TAB>count')\n")
