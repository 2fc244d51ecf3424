"""The I/O paths every subcommand shares, end to end on real files and real processes."""
from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from conftest import SEEDS

from corpus_clean.cli import cli

CC = [sys.executable, "-m", "corpus_clean"]
PAGE = "新聞標題\n傳(chuan) 統產(chan) 業(ye) 占比高，為(wei) 陽泉市高質量發展指明方(fang) 向。\n分享到：微博 微信\n"
CLEAN = "新聞標題\n傳統產業占比高，為陽泉市高質量發展指明方向。\n"


def run(*args, stdin: bytes | None = None, check=False):
    return subprocess.run(CC + list(args), input=stdin, capture_output=True, check=check)


def test_jsonl_fields_pass_through_in_order_with_a_dotted_field(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    records = [{"id": "a", "doc": {"lang": "zh", "body": PAGE}, "score": 1.5, "tags": ["x", None]},
               {"id": "b", "doc": {"lang": "zh", "body": "乾淨的文字。"}, "score": 2}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(cli, ["strip", "--field", "doc.body", str(src)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [list(r) for r in out] == [["id", "doc", "score", "tags"], ["id", "doc", "score"]]
    assert out[0]["doc"] == {"lang": "zh", "body": CLEAN.rstrip("\n")}
    assert (out[0]["score"], out[0]["tags"], out[1]) == (1.5, ["x", None], records[1])


def test_text_input_to_jsonl_output_gets_id_and_source(runner, tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["strip", "--output-format", "jsonl", str(src)])
    assert json.loads(result.output) == {"id": str(src), "source": str(src), "text": CLEAN.rstrip("\n")}


@pytest.mark.parametrize("suffix,opener", [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)])
def test_compressed_input_and_output(runner, tmp_path, suffix, opener):
    src = tmp_path / f"in.jsonl{suffix}"
    with opener(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": PAGE}, ensure_ascii=False) + "\n")
    dst = tmp_path / f"out.jsonl{suffix}"
    result = runner.invoke(cli, ["strip", str(src), "-o", str(dst)])
    assert result.exit_code == 0, result.output
    with opener(dst, "rt", encoding="utf-8") as fh:
        assert json.loads(fh.read()) == {"text": CLEAN.rstrip("\n")}


def test_zstandard_input_and_output(runner, tmp_path):
    zstd = pytest.importorskip("zstandard")
    src = tmp_path / "in.txt.zst"
    src.write_bytes(zstd.ZstdCompressor().compress(PAGE.encode("utf-8")))
    dst = tmp_path / "out.txt.zst"
    assert runner.invoke(cli, ["strip", str(src), "-o", str(dst)]).exit_code == 0
    reader = zstd.ZstdDecompressor().stream_reader(dst.open("rb"))
    assert reader.read().decode("utf-8") == CLEAN


@pytest.mark.slow
def test_in_place_rewrites_atomically_and_keeps_the_original_on_failure(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    original = "第一行\n".encode() + b"\xff\xfe broken\n"
    bad.write_bytes(original)
    os.chmod(good, 0o640)
    proc = run("strip", "--in-place", str(good), str(bad))
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"corpus-clean: {bad}:2: not valid UTF-8 (byte offset 10); try --encoding auto\n"
    assert good.read_text(encoding="utf-8") == CLEAN  # done before the failure
    assert oct(good.stat().st_mode & 0o777) == "0o640"
    assert bad.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt"]  # no temp file left


def _zstd_codec():
    zstd = pytest.importorskip("zstandard")
    return (zstd.ZstdCompressor().compress,
            lambda data: zstd.ZstdDecompressor().stream_reader(data).read())


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_in_place_on_a_compressed_file_recompresses_it_with_the_same_codec(tmp_path, suffix):
    compress, decompress = {".gz": (gzip.compress, gzip.decompress), ".bz2": (bz2.compress, bz2.decompress),
                            ".xz": (lzma.compress, lzma.decompress)}.get(suffix) or _zstd_codec()
    src = tmp_path / f"page.txt{suffix}"
    src.write_bytes(compress(PAGE.encode("utf-8")))
    assert run("strip", "--in-place", str(src)).returncode == 0
    assert decompress(src.read_bytes()).decode("utf-8") == CLEAN
    assert os.listdir(tmp_path) == [src.name]


@pytest.mark.slow
def test_in_place_keeps_the_original_when_a_record_in_the_middle_is_bad(tmp_path):
    src = tmp_path / "corpus.jsonl.gz"
    lines = [json.dumps({"id": i, "text": PAGE}, ensure_ascii=False) for i in range(1000)]
    lines[500] = '{"id": 500, "text": 5}'
    original = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    src.write_bytes(original)
    proc = run("strip", "--in-place", str(src))
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {src}:501: field 'text' is not a string (got int) (record 500)\n")
    assert src.read_bytes() == original
    assert os.listdir(tmp_path) == [src.name]


@pytest.mark.slow
def test_in_place_keeps_each_file_in_its_own_format(tmp_path):
    text, jsonl = tmp_path / "page.txt", tmp_path / "page.jsonl"
    text.write_text(PAGE, encoding="utf-8")
    jsonl.write_text(json.dumps({"id": 1, "text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run("strip", "--in-place", str(text), str(jsonl)).returncode == 0
    assert text.read_text(encoding="utf-8") == CLEAN
    assert json.loads(jsonl.read_text(encoding="utf-8")) == {"id": 1, "text": CLEAN.rstrip("\n")}


@pytest.mark.slow
def test_in_place_through_a_symlink_rewrites_the_target(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(PAGE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run("strip", "--in-place", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == CLEAN


def test_line_docs(runner):
    result = runner.invoke(cli, ["strip", "--line-docs"], input="第一(yi) 行\n\n分享到：微博 微信\n第三行\n")
    assert result.output == "第一(yi) 行\n\n\n第三行\n"  # one output line per input line


@pytest.mark.slow
@pytest.mark.parametrize("encoding,name", [("gb18030", "gb18030"), ("big5", "big5")])
def test_gb18030_and_big5_with_encoding_auto(tmp_path, encoding, name):
    text = ("人民網太原3月7日電，陽泉是典型的資源型城市，煤電等傳統產業占比高，轉型壓力大。"
            if name == "big5" else "人民网太原3月7日电，阳泉是典型的资源型城市，煤电等传统产业占比高，转型压力大。") * 3
    src = tmp_path / "page.txt"
    src.write_bytes((text + "\n").encode(encoding))
    plain = run("strip", str(src))
    assert plain.returncode == 2 and b"not valid UTF-8" in plain.stderr and b"try --encoding auto" in plain.stderr
    proc = run("strip", "--encoding", "auto", "-v", str(src))
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == text + "\n"
    assert proc.stderr.decode().splitlines()[0] == f"corpus-clean: {src}: detected encoding {name}"


@pytest.mark.slow
def test_utf16_with_encoding_auto_and_line_docs(tmp_path):
    src = tmp_path / "page.txt"
    src.write_bytes(PAGE.encode("utf-16"))
    proc = run("strip", "--encoding", "auto", "--line-docs", "-v", str(src))
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == CLEAN + "\n"  # the furniture line stays as an empty document
    assert proc.stderr.decode().splitlines()[0] == f"corpus-clean: {src}: detected encoding utf_16"


def test_invalid_utf8_names_file_line_and_offset(tmp_path):
    src = tmp_path / "x.txt"
    src.write_bytes("一\n二\n".encode() + b"ab\xc3(\n")
    proc = run("strip", str(src))
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {src}:3: not valid UTF-8 (byte offset 10); try --encoding auto\n")
    assert proc.stdout == b""


@pytest.mark.slow
def test_malformed_jsonl_line_names_the_line(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "好"}\n{"text": "壞"\n', encoding="utf-8")
    proc = run("strip", "-o", str(tmp_path / "out.jsonl"), str(src))
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"corpus-clean: {src}:2: malformed JSON (Expecting ',' delimiter, column 13)\n"
    assert not (tmp_path / "out.jsonl").exists()  # no partial output file


@pytest.mark.slow
def test_missing_and_non_string_fields(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"body": "好"}\n', encoding="utf-8")
    assert run("strip", str(src)).stderr.decode() == f"corpus-clean: {src}:1: missing field 'text'\n"
    src.write_text('{"text": 3}\n', encoding="utf-8")
    assert run("strip", str(src)).stderr.decode() == (
        f"corpus-clean: {src}:1: field 'text' is not a string (got int)\n")


@pytest.mark.slow
def test_on_error_skip_writes_rejects(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "好"}\n[1, 2]\n{"text": "也好"}\n', encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    proc = run("strip", "--on-error", "skip", "--rejects", str(rejects), str(src), check=True)
    assert proc.stdout.decode("utf-8") == '{"text": "好"}\n{"text": "也好"}\n'
    assert [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()] == [
        {"source": str(src), "line": 2, "error": f"{src}:2: JSONL record is not an object", "raw": "[1, 2]"}]


@pytest.mark.slow
def test_skipped_records_are_counted_in_the_summary(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "好"}\n[1]\n{"text": "分享到：微博 微信"}\n{"body": 1}\n', encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    proc = run("strip", "-v", "--drop-empty", "--on-error", "skip", "--rejects", str(rejects), str(src), check=True)
    assert proc.stdout.decode("utf-8") == '{"text": "好"}\n'
    summary = proc.stderr.decode("utf-8")
    for row, count in [("documents", 2), ("written", 1), ("dropped \\(empty\\)", 1), ("rejected records", 2)]:
        assert re.search(rf"│ {row} +│ +{count} │", summary), (row, summary)
    assert [json.loads(line)["line"] for line in rejects.read_text(encoding="utf-8").splitlines()] == [2, 4]


@pytest.mark.slow
def test_skipped_records_without_a_rejects_file_are_named_then_counted(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text("[1]\n" * 25 + '{"text": "好"}\n', encoding="utf-8")
    proc = run("strip", "--on-error", "skip", str(src), check=True)
    assert proc.stdout.decode("utf-8") == '{"text": "好"}\n'
    assert proc.stderr.decode().splitlines() == (
        [f"corpus-clean: skipped {src}:{i}: JSONL record is not an object" for i in range(1, 21)]
        + ["corpus-clean: skipped 5 more records (keep them with --rejects FILE)"])


def test_empty_input_and_drop_empty(runner, tmp_path):
    assert runner.invoke(cli, ["strip"], input="").output == ""
    src = tmp_path / "x.jsonl"
    src.write_text('{"text": "分享到：微博 微信"}\n{"text": "正文。"}\n', encoding="utf-8")
    assert runner.invoke(cli, ["strip", str(src)]).output == '{"text": ""}\n{"text": "正文。"}\n'
    assert runner.invoke(cli, ["strip", "--drop-empty", str(src)]).output == '{"text": "正文。"}\n'


@pytest.mark.slow
def test_nonexistent_path_and_dash(tmp_path):
    proc = run("strip", str(tmp_path / "nope.txt"))
    assert (proc.returncode, proc.stderr.decode()) == (2, f"corpus-clean: {tmp_path / 'nope.txt'}: no such file\n")
    proc = run("strip", "-", stdin=PAGE.encode("utf-8"))
    assert proc.stdout.decode("utf-8") == CLEAN


@pytest.mark.slow
def test_piping_between_two_subcommands():
    raw = (SEEDS / "raw" / "004_a45f798d94b9b2fe.txt").read_bytes()
    first = subprocess.Popen(CC + ["annotations"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    second = subprocess.Popen(CC + ["chrome"], stdin=first.stdout, stdout=subprocess.PIPE)
    first.stdin.write(raw)
    first.stdin.close()
    first.stdout.close()
    piped, _ = second.communicate()
    assert first.wait() == 0 and second.returncode == 0
    assert piped == run("strip", stdin=raw, check=True).stdout


@pytest.mark.slow
def test_strip_into_strip_through_a_pipe_with_a_dash_and_a_file(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    first = subprocess.Popen(CC + ["strip", "--output-format", "jsonl", str(page)], stdout=subprocess.PIPE)
    second = subprocess.Popen(CC + ["strip", "--input-format", "jsonl", "-"], stdin=first.stdout, stdout=subprocess.PIPE)
    first.stdout.close()
    piped, _ = second.communicate()
    assert first.wait() == 0 and second.returncode == 0
    assert json.loads(piped) == {"id": str(page), "source": str(page), "text": CLEAN.rstrip("\n")}
    both = run("strip", "-", str(page), stdin=PAGE.encode("utf-8"), check=True)
    assert both.stdout.decode("utf-8") == CLEAN + CLEAN


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(("第一段文字，內容很長。\n" * 50_000), encoding="utf-8")
    script = f'{sys.executable} -m corpus_clean strip --line-docs {big} | head -1; echo "status=${{PIPESTATUS[0]}}"'
    proc = subprocess.run(["bash", "-c", script], capture_output=True, check=False)
    assert proc.stdout.decode("utf-8") == "第一段文字，內容很長。\nstatus=0\n"
    assert proc.stderr == b""


@pytest.mark.slow
def test_jobs_give_the_same_bytes(tmp_path):
    src = tmp_path / "corpus.jsonl"
    pages = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "raw").glob("*.txt"))]
    src.write_text("".join(json.dumps({"id": i, "text": pages[i % 5]}, ensure_ascii=False) + "\n"
                           for i in range(60)), encoding="utf-8")
    one = run("strip", str(src), check=True).stdout
    two = run("strip", "--jobs", "2", str(src), check=True).stdout
    assert one == two and one.count(b"\n") == 60


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_a_partial_output(tmp_path, jobs):
    src = tmp_path / "big.txt"
    src.write_text("第一段文字，內容很長。\n" * 400_000, encoding="utf-8")
    dst = tmp_path / "out.txt"
    proc = subprocess.Popen(CC + ["strip", "--jobs", jobs, "--line-docs", str(src), "-o", str(dst)],
                            stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert (proc.returncode, err.decode()) == (130, "corpus-clean: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_exits_143_and_removes_the_temporary_file(tmp_path, jobs):
    src = tmp_path / "big.txt"
    src.write_text("第一段文字，內容很長。\n" * 400_000, encoding="utf-8")
    proc = subprocess.Popen(CC + ["strip", "--jobs", jobs, "--line-docs", str(src), "-o", str(tmp_path / "out.txt")],
                            stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert (proc.returncode, err.decode()) == (143, "corpus-clean: terminated\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


@pytest.mark.slow
def test_a_parallel_run_prints_nothing_on_stderr(tmp_path):
    src = tmp_path / "many.txt"
    src.write_text("第一段文字，內容很長。\n" * 3000, encoding="utf-8")
    proc = run("strip", "--jobs", "2", "--line-docs", str(src), check=True)
    assert proc.stderr == b"" and proc.stdout.count(b"\n") == 3000


@pytest.mark.slow
def test_output_to_a_device_writes_through_it_and_keeps_the_device(tmp_path):
    proc = run("strip", "-o", os.devnull, str(SEEDS / "raw" / "000_d772bd3596f23f17.txt"))
    assert proc.returncode == 0
    assert not os.path.isfile(os.devnull)  # still the character device, not a renamed file


@pytest.mark.slow
def test_jobs_skip_bad_records_like_one_process(tmp_path):
    src = tmp_path / "x.jsonl"
    lines = [json.dumps({"text": f"第{i}段。分享到：微博 微信"}, ensure_ascii=False) if i % 97 else "[1]"
             for i in range(1, 700)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        rejects = tmp_path / f"rejects{jobs}.jsonl"
        proc = run("strip", "--jobs", jobs, "--on-error", "skip", "--rejects", str(rejects), "--drop-empty",
                   str(src), check=True)
        outs.append((proc.stdout, rejects.read_text(encoding="utf-8")))
    assert outs[0] == outs[1]
    assert outs[0][1].count("\n") == 7 and outs[0][0].count(b"\n") == 699 - 7


COLLISIONS = {
    "--stats on the input": (["strip", "--stats", "in.jsonl", "in.jsonl"], "in.jsonl", "--stats"),
    "--rejects on the input": (["strip", "--on-error", "skip", "--rejects", "in.jsonl", "in.jsonl"],
                               "in.jsonl", "--rejects"),
    "-o on the input": (["strip", "-o", "in.jsonl", "in.jsonl"], "in.jsonl", "-o"),
    "-o on the input through a symlink": (["strip", "-o", "link.jsonl", "in.jsonl"], "link.jsonl", "-o"),
    "-o on a hard link of the input": (["strip", "-o", "hard.jsonl", "in.jsonl"], "hard.jsonl", "-o"),
    "--stats on the output": (["strip", "--stats", "o.jsonl", "-o", "o.jsonl", "in.jsonl"], "o.jsonl", "--stats"),
    "--rejects on the output": (["strip", "--on-error", "skip", "--rejects", "o.jsonl", "-o", "./o.jsonl",
                                 "in.jsonl"], "o.jsonl", "--rejects"),
    "--stats on --in-place's file": (["strip", "--in-place", "--stats", "in.jsonl", "in.jsonl"], "in.jsonl",
                                     "--stats"),
    "chrome --learn -o on the input": (["chrome", "--learn", "-o", "in.jsonl", "in.jsonl"], "in.jsonl", "-o"),
    "check -o on its own input": (["check", "--no-config", "-o", "in.jsonl", "in.jsonl"], "in.jsonl", "-o"),
    "check -o on a file of the folder it checks": (["check", "--no-config", "-o", "d/x.txt", "d"], "d/x.txt", "-o"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(COLLISIONS))
def test_an_output_that_is_an_input_or_another_output_is_refused_before_reading(tmp_path, name):
    args, path, option = COLLISIONS[name]
    original = (json.dumps({"id": 1, "text": PAGE}, ensure_ascii=False) + "\n").encode("utf-8")
    (tmp_path / "in.jsonl").write_bytes(original)
    (tmp_path / "link.jsonl").symlink_to("in.jsonl")
    os.link(tmp_path / "in.jsonl", tmp_path / "hard.jsonl")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text(PAGE, encoding="utf-8")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    proc = subprocess.run(CC + args, capture_output=True, cwd=tmp_path, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith(f"corpus-clean: {path}: {option} ") and "Traceback" not in err
    assert proc.stdout == b""
    assert (tmp_path / "in.jsonl").read_bytes() == original
    assert (tmp_path / "d" / "x.txt").read_text(encoding="utf-8") == PAGE
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


@pytest.mark.slow
def test_one_device_may_take_several_outputs(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = run("strip", "--stats", "/dev/null", "-o", "/dev/null", str(src))
    assert (proc.returncode, proc.stderr) == (0, b"")


def _fifo_reader(fifo):
    """A reader for a named pipe (opening it for writing blocks until there is one)."""
    return subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)


def test_in_place_on_a_fifo_is_refused_and_the_fifo_stays(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run(CC + ["strip", "--in-place", str(fifo)], capture_output=True, timeout=20, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (
        2, f"corpus-clean: {fifo}: --in-place rewrites regular files only (this is a named pipe)\n")
    assert fifo.is_fifo() and os.listdir(tmp_path) == ["pipe.txt"]


@pytest.mark.slow
@pytest.mark.parametrize("option", ["--stats", "--rejects"])
def test_a_side_output_on_a_fifo_is_written_through_and_stays_a_fifo(tmp_path, option):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PAGE}, ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    fifo = tmp_path / "side"
    os.mkfifo(fifo)
    reader = _fifo_reader(fifo)
    rejects = [] if option == "--rejects" else ["--rejects", str(tmp_path / "r.jsonl")]
    proc = subprocess.run(CC + ["strip", "--on-error", "skip", option, str(fifo), *rejects,
                                "-o", str(tmp_path / "o.jsonl"), str(src)], capture_output=True, timeout=60, check=False)
    got = reader.communicate(timeout=60)[0].decode()
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert fifo.is_fifo() and sorted(os.listdir(tmp_path)) == sorted(
        ["in.jsonl", "o.jsonl", "side"] + (["r.jsonl"] if rejects else []))
    assert json.loads(got)["line" if option == "--rejects" else "chars_in"]


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_in_place_keeps_the_owner(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    os.chown(src, 4321, 4322)
    assert run("strip", "--in-place", str(src)).returncode == 0
    assert (src.stat().st_uid, src.stat().st_gid, src.read_text(encoding="utf-8")) == (4321, 4322, CLEAN)


@pytest.mark.slow
def test_in_place_on_a_hard_linked_file_says_the_other_names_keep_the_old_text(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="utf-8")
    os.link(src, tmp_path / "other.txt")
    proc = run("strip", "--in-place", str(src))
    assert (proc.returncode, proc.stderr.decode()) == (
        0, f"corpus-clean: {src}: had 2 hard links; the other names keep the old text\n")
    assert src.read_text(encoding="utf-8") == CLEAN
    assert (tmp_path / "other.txt").read_text(encoding="utf-8") == PAGE


@pytest.mark.slow
@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_new_files_follow_the_umask_and_an_existing_output_keeps_its_mode(tmp_path, umask, mode):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PAGE}, ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    old = tmp_path / "old.jsonl"
    old.write_text("previous", encoding="utf-8")
    old.chmod(0o604)
    outputs = ["o.jsonl", "stats.jsonl", "rejects.jsonl"]

    def with_umask():
        os.umask(umask)

    for args in (["-o", "o.jsonl", "--stats", "stats.jsonl", "--on-error", "skip", "--rejects", "rejects.jsonl"],
                 ["-o", "old.jsonl", "--on-error", "skip"]):
        proc = subprocess.run(CC + ["strip", *args, "in.jsonl"], cwd=tmp_path, capture_output=True,
                              preexec_fn=with_umask, check=False)
        assert proc.returncode == 0, proc.stderr
    assert {name: oct((tmp_path / name).stat().st_mode & 0o777) for name in outputs} == {
        name: oct(mode) for name in outputs}
    assert oct(old.stat().st_mode & 0o777) == "0o604"


def _codecs():
    zstd = pytest.importorskip("zstandard")
    return {".gz": (gzip.compress, gzip.decompress), ".bz2": (bz2.compress, bz2.decompress),
            ".xz": (lzma.compress, lzma.decompress),
            ".zst": (zstd.ZstdCompressor().compress, lambda data: zstd.ZstdDecompressor().stream_reader(data).read())}


READING_MODES = {
    "whole file": ("page.txt", [], PAGE, CLEAN),
    "--line-docs": ("page.txt", ["--line-docs"], PAGE, CLEAN + "\n"),  # the share bar's line is emptied
    "jsonl": ("c.jsonl", [], json.dumps({"text": PAGE}, ensure_ascii=False) + "\n",
              json.dumps({"text": CLEAN.rstrip("\n")}, ensure_ascii=False) + "\n"),
    "jsonl -j 2": ("c.jsonl", ["-j", "2"], (json.dumps({"text": PAGE}, ensure_ascii=False) + "\n") * 3,
                   (json.dumps({"text": CLEAN.rstrip("\n")}, ensure_ascii=False) + "\n") * 3),
}


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
@pytest.mark.parametrize("mode", list(READING_MODES))
def test_every_compression_round_trips_in_every_reading_mode(tmp_path, suffix, mode):
    compress, decompress = _codecs()[suffix]
    name, args, text, expected = READING_MODES[mode]
    src = tmp_path / (name + suffix)
    src.write_bytes(compress(text.encode("utf-8")))
    out = tmp_path / ("out-" + name + suffix)
    proc = run("strip", *args, "-o", str(out), str(src))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert decompress(out.read_bytes()).decode("utf-8") == expected
    again = run("strip", *args, str(out))  # our own compressed output reads back, line by line too
    assert (again.returncode, again.stdout.decode("utf-8")) == (0, expected)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_chrome_learn_reads_every_compression(tmp_path, suffix):
    compress, _ = _codecs()[suffix]
    src = tmp_path / f"c.jsonl{suffix}"
    src.write_bytes(compress("".join(json.dumps({"text": f"第{i}篇\n本站版權所有\n"}, ensure_ascii=False) + "\n"
                                     for i in range(3)).encode("utf-8")))
    proc = run("chrome", "--learn", "-o", str(tmp_path / "t.lines"), str(src))
    assert proc.returncode == 0, proc.stderr
    assert b"3 documents, 1 repeated lines" in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
@pytest.mark.parametrize("mode", ["whole file", "--line-docs", "jsonl", "jsonl -j 2", "--in-place"])
def test_a_truncated_compressed_file_is_an_error_in_every_reading_mode(tmp_path, suffix, mode):
    compress, _ = _codecs()[suffix]
    name, args, _, _ = READING_MODES["jsonl" if mode == "--in-place" else mode]
    text = "".join(json.dumps({"text": f"第{i}篇。{os.urandom(200).hex()}"}) + "\n" for i in range(200))
    src = tmp_path / (name + suffix)
    data = compress(text.encode("utf-8"))
    src.write_bytes(data[:len(data) // 2])
    proc = run("strip", *(args or (["--in-place"] if mode == "--in-place" else [])), str(src))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.startswith(f"corpus-clean: {src}: cannot read (") and err.count("\n") == 1, err
    assert src.read_bytes() == data[:len(data) // 2] and os.listdir(tmp_path) == [src.name]


@pytest.mark.slow
def test_bytes_that_are_not_zstd_are_one_line(tmp_path):
    pytest.importorskip("zstandard")
    src = tmp_path / "x.txt.zst"
    src.write_bytes(b"plain text, not compressed\n")
    for args in ([], ["--line-docs"]):
        proc = run("strip", *args, str(src))
        assert proc.returncode == 2 and proc.stderr.decode().startswith(f"corpus-clean: {src}: cannot read (")
        assert proc.stderr.count(b"\n") == 1 and b"Traceback" not in proc.stderr


def _head_status(command: str) -> tuple[str, str]:
    """``command | head -n 1``: the line head printed and the command's own exit status."""
    script = f'{command} | head -n 1; echo "status=${{PIPESTATUS[0]}}"'
    proc = subprocess.run(["bash", "-c", script], capture_output=True, check=False)
    first, status = proc.stdout.decode("utf-8").rsplit("status=", 1)
    assert b"Traceback" not in proc.stderr
    return first, status.strip()


@pytest.mark.slow
@pytest.mark.parametrize("dirty", [True, False])
def test_check_piped_into_head_still_exits_with_what_it_found(tmp_path, dirty):
    corpus = tmp_path / "c.jsonl"
    text = PAGE if dirty else CLEAN
    corpus.write_text("".join(json.dumps({"id": i, "text": f"第{i}篇。{text}"}, ensure_ascii=False) + "\n"
                              for i in range(3000)), encoding="utf-8")
    first, status = _head_status(f"{sys.executable} -m corpus_clean check --no-config --output-format text {corpus}")
    assert status == ("1" if dirty else "0")
    assert (str(corpus) in first) == dirty


@pytest.mark.slow
@pytest.mark.parametrize("command", ["chrome --list-rules", "check --list-rules"])
def test_a_listing_piped_into_head_exits_0(command):
    first, status = _head_status(f"{sys.executable} -m corpus_clean {command}")
    assert status == "0" and first.count("\n") == 1


# Records written the way other tools write them: spacing, number forms, escapes, a repeated key.
UNCHANGED_RECORDS = [
    '{"id":1,"score":1.50,"n":1e5,"huge":1e999,"name":"caf\\u00e9","text":"乾淨的文字。"}',
    '{ "id" : 2 , "text" : "乾淨\\u7684文字。" , "tags" : [ ] }',
    '{"text": "舊的", "text": "乾淨的文字。", "meta": {"a": -0.0, "b": 10000000000000000000001}}',
]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_records_strip_does_not_change_are_written_back_byte_for_byte(tmp_path, jobs):
    src = tmp_path / "c.jsonl"
    data = ("\n".join(UNCHANGED_RECORDS * 3) + "\n").encode("utf-8")
    src.write_bytes(data)
    proc = run("strip", "-j", jobs, str(src))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == data
    assert run("strip", "-j", jobs, "--in-place", str(src)).returncode == 0
    assert src.read_bytes() == data


@pytest.mark.slow
def test_in_a_changed_record_only_the_text_value_changes(tmp_path):
    page = json.dumps(PAGE, ensure_ascii=True)
    flat = '{"id" : 7,"score":1.50, "text" : ' + page + ', "n":1e5, "t":"caf\\u00e9"}'
    nested = '{"doc": {"body": "舊的", "body": ' + page + '}, "body": ' + page + ', "x": 1E+2}'
    clean = json.dumps(CLEAN.rstrip("\n"), ensure_ascii=False)
    for line, args, expected in (
            (flat, [], flat.replace(page, clean)),
            (nested, ["--field", "doc.body"], '{"doc": {"body": "舊的", "body": ' + clean + '}, "body": ' + page
             + ', "x": 1E+2}')):
        src = tmp_path / "c.jsonl"
        src.write_text(line + "\n", encoding="utf-8")
        proc = run("strip", *args, str(src))
        assert (proc.returncode, proc.stdout.decode("utf-8")) == (0, expected + "\n")
