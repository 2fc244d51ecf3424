"""`make eval` and `make train` on a folder of labelled pages (written here, in the shapes of
real ones): the figures are the shared scorer's, and a refit writes a weights file that loads."""
import os
import subprocess
import sys

import pytest

from corpus_clean.chrome import load_weights

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BODY = ("老街区改造以后，原来的早点铺和修鞋摊都留了下来，新开的书店也按照老街的尺度装修，"
        "游客和居民在同一条街上各得其所。")
BODY_2 = "专家认为，城市更新不是推倒重来，而是让生活在这里的人继续生活下去，这需要更多耐心和更细致的制度设计。"
PAGES = {
    "A01_portal.txt": (("某某新闻网\n首页 > 城市 > 正文\n老街新生\n发布时间：2023-05-12 09:30 来源：某某日报\n"
                       f"{BODY}\n{BODY_2}\n版权所有 © 2023 某某新闻网\n"), f"老街新生\n{BODY}\n{BODY_2}\n"),
    "B01_forum.txt": ((f"老街改造的观察\n**小王**3 天前\n{BODY}\n**阿明**2 天前\n感谢分享\n夜市营业：18:00-23:00\n"
                      f"{BODY_2}\n人气 1234 · 热度 5\n"),
                      f"老街改造的观察\n{BODY}\n感谢分享\n夜市营业：18:00-23:00\n{BODY_2}\n"),
    "C01_markdown.txt": ((f"[首页](https://e.com/) | [城市](https://e.com/c)\n# 老街新生\n{BODY}\n![图](https://e.com/1.png)\n"
                         f"{BODY_2}\n"), f"# 老街新生\n{BODY}\n{BODY_2}\n"),
}


@pytest.fixture
def folder(tmp_path):
    for sub in ("raw", "expected"):
        (tmp_path / sub).mkdir()
    for name, (raw, expected) in PAGES.items():
        (tmp_path / "raw" / name).write_text(raw, encoding="utf-8")
        (tmp_path / "expected" / name).write_text(expected, encoding="utf-8")
    return tmp_path


def _run(*args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, check=True)


@pytest.mark.slow
def test_evaluate_prints_per_page_kind_and_micro_figures(folder):
    out = _run("tools/evaluate.py", str(folder), "--pages").stdout
    assert "A01_portal.txt: P=1.0000 R=1.0000 dirt_removed=1.0000 exact" in out
    assert "| A: news and government portals |     1 | 1.000 | 1.000 | 1.000 | 1.000 |     1 |" in out
    assert "| all (micro) |     3 |" in out


@pytest.mark.slow
def test_train_writes_a_weights_file_that_loads(folder, tmp_path):
    pytest.importorskip("sklearn")
    target = tmp_path / "weights.txt"
    out = _run("tools/train_chrome.py", str(folder), "--output", str(target)).stdout
    assert "threshold  P      R      dirt" in out
    weights = load_weights(str(target))
    assert 0.5 <= weights.threshold <= 0.99 and any(weights.vector)
