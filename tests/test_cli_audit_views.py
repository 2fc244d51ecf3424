"""`--diff` and `--stats` on every cleaning subcommand, the same code as strip's."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

BODY = ("今天的天气很好，我们一起去公园散步，看到了很多盛开的花朵和飞翔的小鸟，大家都非常开心。"
        "傍晚时分我们回到家里，一起做了晚饭，又聊了很久才去休息。")
LAYER = ("煤电等传(chuan) 统产(chan) 业(ye) 占比高，转型压力大，为(wei) 阳泉市高质量转型发展指明了方向。"
         "市委书(shu) 记表示，对于(yu) 下一步工作，我们(men) 充满信心。")
# subcommand, its options, a text it changes (and the reason counted), a text it leaves alone
CASES = {
    "annotations": ([], f"{BODY}\n{LAYER}\n", {"annotation-layer": 7}, f"{BODY}\n"),
    # chrome runs layout after it, which reports the final line break it trims
    "chrome": ([], f"首页 > 新闻 > 正文\n{BODY}\n", {"chrome:breadcrumb": 1, "blank": 1}, f"{BODY}\n"),
    "convert": (["-c", "t2s"], "軟體和網路都很重要。\n", {}, "软件和网络都很重要。\n"),
}


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_clean", *args], input=stdin,
                          capture_output=True, check=False)


@pytest.mark.parametrize("command", list(CASES))
def test_diff_exits_1_when_something_would_change_and_leaves_the_file(command, tmp_path):
    options, dirty_text, _, clean_text = CASES[command]
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(dirty_text, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text(clean_text, encoding="utf-8")
    proc = run(command, *options, "--diff", str(clean))
    assert (proc.returncode, proc.stdout) == (0, b""), proc.stderr
    proc = run(command, *options, "--diff", str(clean), str(dirty))
    assert proc.returncode == 1, proc.stderr
    diff = proc.stdout.decode()
    assert diff.startswith(f"--- a/{str(dirty).lstrip('/')}\n+++ b/{str(dirty).lstrip('/')}\n@@ ")
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed and all(line in dirty_text.splitlines() for line in removed)
    assert dirty.read_text(encoding="utf-8") == dirty_text


@pytest.mark.parametrize("command", list(CASES))
def test_stats_to_standard_output_with_the_documents_in_a_file(command, tmp_path):
    options, dirty_text, reasons, _ = CASES[command]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "doc-1", "text": dirty_text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = run(command, *options, "--stats", "-", "-o", str(out), str(src))
    assert proc.returncode == 0, proc.stderr
    stats = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    cleaned = json.loads(out.read_text(encoding="utf-8"))["text"]
    assert [(s["id"], s["removals"], s["chars_in"], s["chars_out"]) for s in stats] == [
        ("doc-1", reasons, len(dirty_text), len(cleaned))]
    assert cleaned != dirty_text


@pytest.mark.parametrize("command", list(CASES))
def test_stats_to_a_file_and_the_documents_to_standard_output(command, tmp_path):
    options, dirty_text, reasons, _ = CASES[command]
    stats = tmp_path / "stats.jsonl"
    proc = run(command, *options, "--stats", str(stats), "-", stdin=dirty_text.encode())
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["removals"] for line in stats.read_text(encoding="utf-8").splitlines()] == [reasons]
    assert proc.stdout.decode() != dirty_text


@pytest.mark.parametrize("command", list(CASES))
@pytest.mark.parametrize("args", [["--stats", "-"], ["--stats", "-", "--diff"]])
def test_stats_to_standard_output_is_refused_when_the_documents_go_there_too(command, args, tmp_path):
    options, dirty_text, _, _ = CASES[command]
    src = tmp_path / "in.txt"
    src.write_text(dirty_text, encoding="utf-8")
    proc = run(command, *options, *args, str(src))
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert "--stats - writes statistics to standard output" in proc.stderr.decode()


@pytest.mark.parametrize("command", list(CASES))
def test_diff_refuses_in_place(command, tmp_path):
    options, dirty_text, _, _ = CASES[command]
    src = tmp_path / "in.txt"
    src.write_text(dirty_text, encoding="utf-8")
    proc = run(command, *options, "--diff", "--in-place", str(src))
    assert proc.returncode == 2 and "--diff cannot be combined with --in-place" in proc.stderr.decode()
    assert src.read_text(encoding="utf-8") == dirty_text


def test_chrome_learn_refuses_the_audit_views(tmp_path):
    proc = run("chrome", "--learn", "--diff", "-o", str(tmp_path / "t.lines"), "-", stdin=BODY.encode())
    assert proc.returncode == 2 and "--diff goes with cleaning" in proc.stderr.decode()
