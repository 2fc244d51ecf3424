"""``--report FILE``: the HTML audit page, parsed back and checked against the run's removals."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

import pytest

from corpus_clean import html_report
from corpus_clean.io import Document
from corpus_clean.pipeline import CleanConfig, build_pipeline

CC = [sys.executable, "-m", "corpus_clean"]

# Documents written for these tests: an annotation layer, furniture, a broken paragraph.
PAGES = [
    "市场新闻\n传(chuan) 统产(chan) 业(ye) 占比高，为(wei) 阳泉市高质量发展指明方(fang) 向。\n分享到：微博 微信\n",
    "今天天气很好，我们一起去公园散步。\n公园里有很多花，\n红的黄的都有。\n\n\n\n版权所有 © 2024 某某网站\n",
    "這是一篇沒有任何雜質的短文，作者寫得很用心。\n",
    "讀書筆記\n學(xué)而時(shí)習(xí)之，不亦說(yuè)乎。\n上一页 1 2 3 下一页\n",
]
HOSTILE = ("<script>alert(1)</script> 正文第一句话在这里。\n</textarea><a href=\"javascript:alert(2)\">点我</a>\n"
           "<img src=x onerror=alert(3)> \" ' & 分享到：微博 微信\n")


class Page(HTMLParser):
    """What a test needs of a report: start tags, and per document its marks and texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.docs: dict[str, dict] = {}
        self.reasons: list[str] = []
        self._doc: dict | None = None
        self._in: list[str] = []  # what collects text: raw, clean, del, id, record, reason
        self._del: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        cls = a.get("class") or ""
        if tag == "section" and cls == "doc":
            self._doc = {"raw": "", "clean": "", "dels": [], "id": "", "record": None}
            self.docs[a["id"]] = self._doc
        elif tag == "pre" and self._doc is not None:
            self._in.append("raw" if cls == "raw" else "clean")
        elif tag == "del" and self._doc is not None:
            self._del = {"ids": [int(i) for i in a["data-r"].split()], "title": a["title"], "text": "",
                         "class": cls}
            self._doc["dels"].append(self._del)
            self._in.append("del")
        elif tag == "span" and cls == "doc-id":
            self._in.append("id")
        elif tag == "b" and cls == "record-id":
            self._doc["record"] = ""
            self._in.append("record")
        elif tag == "b" and cls == "reason":
            self.reasons.append("")
            self._in.append("reason")

    def handle_endtag(self, tag):
        ends = {"pre": ("raw", "clean"), "del": ("del",), "span": ("id",), "b": ("record", "reason")}
        if self._in and self._in[-1] in ends.get(tag, ()):
            self._in.pop()
        if tag == "section" and self._doc is not None and not self._in:
            self._doc = None

    def handle_data(self, data):
        for where in self._in:
            if where == "raw":
                self._doc["raw"] += data
            elif where == "clean":
                self._doc["clean"] += data
            elif where == "del":
                self._del["text"] += data
            elif where == "id":
                self._doc["id"] += data
            elif where == "record":
                self._doc["record"] += data
            elif where == "reason":
                self.reasons[-1] += data


def parse(path_or_text) -> Page:
    text = path_or_text if isinstance(path_or_text, str) else path_or_text.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    page.close()
    return page


def cc(*args, cwd=None, stdin=None):
    return subprocess.run(CC + list(args), capture_output=True, cwd=cwd, input=stdin, check=False)


def write_pages(tmp_path, pages=PAGES):
    paths = []
    for i, text in enumerate(pages):
        p = tmp_path / f"page{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def expected_removals(text: str, config: CleanConfig | None = None):
    result = build_pipeline(config or CleanConfig()).run(text)
    return result, [(r.start, r.end, r.step, r.reason) for r in result.removals]


def check_document(shown: dict, text: str, removals, cleaned: str) -> None:
    """Every removal is in the page, in place, with its reason; raw and cleaned texts whole."""
    assert shown["raw"] == html_report.display_text(text)
    assert shown["clean"] == html_report.display_text(cleaned)
    for i, (a, b, step, reason) in enumerate(removals):
        pieces = [d for d in shown["dels"] if i in d["ids"]]
        assert pieces, f"removal {i} ({reason}) not marked"
        assert "".join(d["text"] for d in pieces) == html_report.display_text(text[a:b])
        assert all(f"{reason} ({step})" in d["title"] for d in pieces)
    # and nothing is struck through that no removal covers
    assert all(d["ids"] and max(d["ids"]) < len(removals) for d in shown["dels"])


@pytest.mark.slow
def test_every_removal_of_a_strip_run_is_marked_with_its_reason(tmp_path):
    paths = write_pages(tmp_path)
    report = tmp_path / "report.html"
    proc = cc("strip", "--report", str(report), *map(str, paths))
    assert proc.returncode == 0, proc.stderr
    page = parse(report)
    assert len(page.docs) == len(PAGES)
    total = 0
    for i, text in enumerate(PAGES):
        result, removals = expected_removals(text)
        total += len(removals)
        shown = page.docs[f"doc-{i}"]
        assert shown["id"] == str(paths[i])
        check_document(shown, text, removals, result.text)
    assert total > 10
    # the summary names every reason that fired, and the stdout is the cleaned documents only
    fired = {r for text in PAGES for *_, r in expected_removals(text)[1]}
    assert set(page.reasons) == fired
    assert proc.stdout == cc("strip", *map(str, paths)).stdout


@pytest.mark.slow
def test_reasons_link_to_the_documents_where_they_fired(tmp_path):
    paths = write_pages(tmp_path)
    report = tmp_path / "r.html"
    assert cc("strip", "--report", str(report), *map(str, paths)).returncode == 0
    page = parse(report)
    links = [a["href"] for tag, a in page.tags if tag == "a"]
    ids = {a["id"] for tag, a in page.tags if "id" in a}
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    # annotation-layer fired in documents 0 and 3: its line links to both
    text = report.read_text(encoding="utf-8")
    line = next(seg for seg in text.split("<tr id=\"reason-") if "annotation-layer</b>" in seg)
    assert 'href="#doc-0"' in line and 'href="#doc-3"' in line and 'href="#doc-2"' not in line


@pytest.mark.slow
def test_hostile_documents_are_shown_as_text(tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    report = tmp_path / "r.html"
    proc = cc("strip", "--report", str(report), str(src))
    assert proc.returncode == 0, proc.stderr
    page = parse(report)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "textarea" not in tags
    assert not any(a.get("href", "#").startswith("javascript") for t, a in page.tags)
    assert not any(k.startswith("on") for _, a in page.tags for k in a)
    (shown,) = page.docs.values()
    result, removals = expected_removals(HOSTILE)
    check_document(shown, HOSTILE, removals, result.text)
    assert "<script>alert(1)</script>" in shown["raw"]


def test_lone_surrogates_and_control_characters_are_replaced():
    text = "正文\ud800第二句\x1b[31m红色\x85。\n分享到：微博 微信\n"
    collector = html_report.ReportCollector(10)
    result = build_pipeline(CleanConfig()).run(text)
    collector.add_result(Document(text, "bad\udcff<b>", "bad.txt"), result)
    out = "".join(html_report.render(collector.finish()))
    out.encode("utf-8")  # no surrogate left to fail the write
    assert "\ufffd" in out and "\u241b" in out
    assert "bad\ufffd&lt;b&gt;" in out
    assert html_report.esc("\"'<>&") == "&quot;&#x27;&lt;&gt;&amp;"


@pytest.mark.slow
def test_two_runs_give_the_same_bytes_and_jobs_do_not_change_them(tmp_path):
    src = tmp_path / "docs.txt"
    src.write_text("".join(p.replace("\n", " ") + "\n" for p in PAGES * 30), encoding="utf-8")
    outs = []
    for name, jobs in (("a.html", "1"), ("b.html", "1"), ("c.html", "2")):
        proc = cc("strip", "--line-docs", "--jobs", jobs, "--report", str(tmp_path / name),
                  "--report-sample", "7", str(src), "-o", str(tmp_path / "out.txt"))
        assert proc.returncode == 0, proc.stderr
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1] == outs[2]


@pytest.mark.slow
def test_sample_size_is_bounded_and_chosen_by_hash(tmp_path):
    src = tmp_path / "docs.txt"
    lines = [f"第{i}篇文章的正文内容在这里。" + (" 分享到：微博 微信" if i % 3 == 0 else "") for i in range(60)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def shown(*extra):
        report = tmp_path / "r.html"
        proc = cc("strip", "--line-docs", "--report", str(report), *extra, str(src))
        assert proc.returncode == 0, proc.stderr
        page = parse(report)
        assert page.docs.keys() == {f"doc-{i}" for i in (int(k[4:]) for k in page.docs)}
        return page

    assert len(shown().docs) == 60  # default 200: every document
    five = shown("--report-sample", "5")
    samples = sum(1 for t, a in five.tags if t == "span" and a.get("class") == "tag")
    assert 5 <= len(five.docs) <= 10 and samples >= 5
    assert len(shown("--report-sample", "0").docs) == 0
    # the summary still counts every document
    assert 'id="documents">60<' in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_largest_share_removed_are_always_shown():
    collector = html_report.ReportCollector(sample=3, top=2)
    for i in range(50):
        text = f"第{i}篇正文。\n" + ("分享到：微博 微信\n" * (5 if i in (17, 41) else 0))
        result = build_pipeline(CleanConfig()).run(text)
        collector.add_result(Document(text, f"d{i}", "docs.txt", i + 1), result)
    data = collector.finish()
    kept = {e.id: e for e in data.entries}
    assert {"d17", "d41"} <= kept.keys() and "largest" in kept["d17"].why
    assert sum("sample" in e.why for e in data.entries) == 3
    assert data.documents == 50 and sum(data.histogram) == 50


@pytest.mark.slow
def test_long_documents_are_cut_and_the_cut_is_said(tmp_path):
    body = "这是很长的正文。" * 4000  # 32,000 characters
    src = tmp_path / "long.txt"
    src.write_text("分享到：微博 微信\n" + body + "\n", encoding="utf-8")
    report = tmp_path / "r.html"
    assert cc("strip", "--report", str(report), str(src)).returncode == 0
    (shown,) = parse(report).docs.values()
    assert len(shown["raw"]) == html_report.CAP and len(shown["clean"]) == html_report.CAP
    assert "Only the first 20,000 of" in report.read_text(encoding="utf-8")
    assert report.stat().st_size < 200_000


@pytest.mark.slow
def test_jsonl_records_show_their_id(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"rec-{i}<x>", "text": t}, ensure_ascii=False) + "\n"
                           for i, t in enumerate(PAGES)), encoding="utf-8")
    report = tmp_path / "r.html"
    proc = cc("strip", "--report", str(report), "--jobs", "2", str(src), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    page = parse(report)
    assert [d["record"] for d in page.docs.values()] == [f"rec-{i}<x>" for i in range(len(PAGES))]
    for i, text in enumerate(PAGES):
        result, removals = expected_removals(text)
        check_document(page.docs[f"doc-{i}"], text, removals, result.text)


@pytest.mark.slow
def test_annotations_chrome_and_check_write_reports(tmp_path):
    paths = write_pages(tmp_path)
    for command, config in (("annotations", CleanConfig(annotations="auto", markup=False, chrome=False,
                                                        layout=False)),
                            ("chrome", CleanConfig(annotations="none"))):
        report = tmp_path / f"{command}.html"
        proc = cc(command, "--report", str(report), *map(str, paths))
        assert proc.returncode == 0, proc.stderr
        page = parse(report)
        for i, text in enumerate(PAGES):
            if command == "annotations":
                from corpus_clean.cli.annotations import annotate_text

                result = annotate_text("auto", text)
                removals = [(r.start, r.end, r.step, r.reason) for r in result.removals]
            else:
                result, removals = expected_removals(text, config)
            check_document(page.docs[f"doc-{i}"], text, removals, result.text)
    report = tmp_path / "check.html"
    proc = cc("check", "--report", str(report), *map(str, paths))
    assert proc.returncode == 1  # dirt found: check's own status is kept
    assert proc.stdout  # check's findings still go to standard output
    page = parse(report)
    for i, text in enumerate(PAGES):
        _, removals = expected_removals(text)
        shown = page.docs[f"doc-{i}"]
        assert shown["raw"] == text
        for a, b, _step, reason in removals:
            assert any(reason in d["title"] for d in shown["dels"])
        assert shown["clean"] == html_report.delete_spans(text, [(a, b) for a, b, *_ in removals])


@pytest.mark.slow
@pytest.mark.parametrize("args, message", [
    (["strip", "--report", "-", "page0.txt"], "--report writes a file"),
    (["strip", "--report-sample", "3", "page0.txt"], "--report-sample goes with --report"),
    (["strip", "--report", "page0.txt", "page0.txt"], "--report names an input"),
    (["strip", "--report", "out.txt", "-o", "out.txt", "page0.txt"], "--report names the file of -o"),
    (["strip", "--stats", "s.html", "--report", "s.html", "page0.txt"], "--report names the file of --stats"),
    (["check", "--report", "page0.txt", "page0.txt"], "--report names an input"),
    (["chrome", "--learn", "--report", "r.html", "-o", "t.lines", "page0.txt"], "--report goes with cleaning"),
    (["strip", "--engine", "dask", "--report", "r.html", "-o", "outdir", "page0.txt"], "--report"),
    (["strip", "--report", "no/such/folder/r.html", "page0.txt"], "output folder does not exist"),
])
def test_bad_report_options_are_one_line_errors(tmp_path, args, message):
    write_pages(tmp_path)
    proc = cc(*args, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert message in err and "Traceback" not in err
    assert not any(p.name.endswith(".html") for p in tmp_path.iterdir() if p.name != "page0.txt")


@pytest.mark.slow
def test_a_failed_run_leaves_no_report(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "正文"}\nnot json\n', encoding="utf-8")
    proc = cc("strip", "--report", str(tmp_path / "r.html"), str(src))
    assert proc.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no Chromium (chromium, chromium-browser or google-chrome) "
                                                "on PATH; .ci/run installs it where it can")
def test_the_report_renders_in_headless_chromium(tmp_path):
    paths = write_pages(tmp_path, [*PAGES, HOSTILE])
    report = tmp_path / "report.html"
    assert cc("strip", "--report", str(report), *map(str, paths)).returncode == 0
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [_chromium(), "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--dump-dom",
             report.resolve().as_uri()],
            capture_output=True, timeout=120, check=False, env={**os.environ, "LANG": "C.UTF-8"})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    console = [line for line in proc.stderr.decode(errors="replace").splitlines() if "CONSOLE" in line]
    assert not console, console
    dom = proc.stdout.decode("utf-8")
    page = parse(dom)
    assert 'id="summary"' in dom and 'id="documents">5<' in dom
    assert "doc-0" in page.docs and page.docs["doc-0"]["raw"].startswith("市场新闻")
    assert not any(t == "script" for t, _ in page.tags)


@pytest.mark.slow
def test_check_reports_are_the_same_with_any_jobs(tmp_path):
    paths = write_pages(tmp_path, PAGES * 3)
    outs = []
    for jobs in ("1", "2"):
        report = tmp_path / f"check-{jobs}.html"
        proc = cc("check", "--jobs", jobs, "--report", str(report), "--report-sample", "4", *map(str, paths))
        assert proc.returncode == 1, proc.stderr
        outs.append(report.read_bytes())
    assert outs[0] == outs[1]
    assert b"check changes nothing" in outs[0]
