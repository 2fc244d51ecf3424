"""Audit views of `strip`: --explain, --diff, --stats (and that they change nothing removed)."""
from __future__ import annotations

import io
import json

import pytest

from corpus_clean import audit
from corpus_clean.cli import cli
from corpus_clean.cli.strip import clean_text
from corpus_clean.io import Document
from corpus_clean.pipeline import CleanConfig

LAYER = ("煤電等傳(chuan) 統產(chan) 業(ye) 占比高，轉型壓力大，為(wei) 陽泉市高質量轉型發展指明了方向。"
         "市委書(shu) 記表示，對於(yu) 下一步工作，我們(men) 充滿信心。")
PAGE = "陽泉轉型  \r\n\r\n" + LAYER + "\r\n響鈴\x07字元\r\n"


def test_explain_plain_lists_each_removal_with_position_step_and_reason(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["strip", "--explain", str(page)])
    assert result.exit_code == 0
    columns = [5, 15, 23, 39, 64, 76, 89]
    texts = ["(chuan) ", "(chan) ", "(ye) ", "(wei) ", "(shu) ", "(yu) ", "(men) "]
    # in the pipeline's order: control (a CR of each CRLF is line-end whitespace, "blank"),
    # annotations, then layout's trailing spaces and final line break
    assert result.stderr.splitlines() == [
        f"{page}: 14 removals (annotation-layer 7, blank 6, control-char 1); annotations: layer",
        '  1:7\tlayout\tblank\t"\\r"', '  2:1\tlayout\tblank\t"\\r"', '  3:100\tlayout\tblank\t"\\r"',
        "  4:3\tlayout\tcontrol-char\t\"\\u0007\"", '  4:6\tlayout\tblank\t"\\r"',
    ] + [f"  3:{col}\tannotations\tannotation-layer\t\"{text}\"" for col, text in zip(columns, texts)] + [
        '  1:5\tlayout\tblank\t"  "', '  4:7\tlayout\tblank\t"\\n"']
    assert result.stdout == clean_text(CleanConfig(), PAGE).text + "\n"


def test_explain_is_coloured_on_a_terminal():
    out = io.StringIO()
    doc = Document(PAGE, "page", "page")
    audit.Explainer(out, colour=True)(doc, clean_text(CleanConfig(), PAGE))
    text = out.getvalue()
    assert "\x1b[" in text and "annotation-layer" in text and "4:3" in text


def test_explain_gives_jsonl_positions_as_record_line_and_offset(runner, tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "text": "好\x01"}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["strip", "--explain", str(data)])
    assert result.stderr.splitlines() == ["a: 1 removal (control-char 1)", '  1@1:2\tlayout\tcontrol-char\t"\\u0001"']


def test_diff_prints_a_unified_diff_instead_of_the_text(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("標題  \n\n" + LAYER + "\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("乾淨的一段。\n", encoding="utf-8")
    result = runner.invoke(cli, ["strip", "--diff", str(page), str(clean)])
    assert result.exit_code == 1  # something changed, as `ruff format --diff`
    name = str(page).lstrip("/")
    cleaned = clean_text(CleanConfig(), page.read_text(encoding="utf-8")).text.split("\n")
    assert result.stdout == "\n".join([
        f"--- a/{name}", f"+++ b/{name}", "@@ -1,3 +1,3 @@",
        "-標題  ", f"+{cleaned[0]}", " ", f"-{LAYER}", f"+{cleaned[2]}"]) + "\n"
    assert cleaned[0] == "標題" and "(" not in cleaned[2]


def test_diff_refuses_in_place(capsys, tmp_path):
    from corpus_clean.cli import main

    page = tmp_path / "p.txt"
    page.write_text("x\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["strip", "--diff", "--in-place", str(page)])
    assert exc.value.code == 2
    assert page.read_text(encoding="utf-8") == "x\n"


def test_stats_file_has_one_record_per_document(runner, tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False)
                              for i, t in [("a", PAGE), ("b", "清白。"), ("c", "")]) + "\n", encoding="utf-8")
    stats = tmp_path / "stats.jsonl"
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["strip", "--stats", str(stats), "-o", str(out), str(data)])
    assert result.exit_code == 0
    cleaned = clean_text(CleanConfig(), PAGE).text
    assert [json.loads(line) for line in stats.read_text(encoding="utf-8").splitlines()] == [
        {"id": "a", "source": str(data), "line": 1, "chars_in": len(PAGE), "chars_out": len(cleaned),
         "removals": {"annotation-layer": 7, "blank": 6, "control-char": 1}, "annotations": "layer",
         "script": "traditional"},
        {"id": "b", "source": str(data), "line": 2, "chars_in": 3, "chars_out": 3, "removals": {},
         "annotations": "none", "script": "none"},
        {"id": "c", "source": str(data), "line": 3, "chars_in": 0, "chars_out": 0, "removals": {},
         "annotations": "none", "script": None},
    ]
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["text"] == cleaned
