"""`check` report formats on the fixture corpus: JSON and GitHub exactly, SARIF against its schema."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT

from corpus_clean.cli import cli
from corpus_clean.findings import JSON_KEYS

CORPUS = "tests/data/check/corpus"
RECORDS = f"{CORPUS}/c-records.jsonl"
PAGE = f"{CORPUS}/b-page.txt"


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def report(runner, *args) -> tuple[int, str]:
    # The fixture page mixes scripts on purpose (mojibake of Simplified text in a Traditional
    # page); the script rules have their own tests, so these format tests leave them out.
    result = runner.invoke(cli, ["check", "--no-config", "--disable", "script-mixed", *args])
    return result.exit_code, result.stdout


def test_json_format_exactly(runner):
    code, out = report(runner, "--output-format", "json", RECORDS)
    layer = [(4, "(chuan) "), (14, "(chan) "), (22, "(ye) "), (38, "(wei) "), (63, "(shu) "), (75, "(yu) "),
             (88, "(men) ")]
    expected = [
        '{"rule": "annotation-layer", "severity": "error", "file": "tests/data/check/corpus/c-records.jsonl", '
        f'"line": 2, "column": null, "record": "r2", "offset": {offset}, "step": "annotations", '
        f'"text": "{text}", "message": "annotations step removes \\"{text}\\""}}'
        for offset, text in layer
    ] + [
        ('{"rule": "empty-document", "severity": "warning", "file": "tests/data/check/corpus/c-records.jsonl", '
        '"line": 3, "column": null, "record": "r3", "offset": null, "step": null, "text": "", '
        '"message": "empty document"}'),
        ('{"rule": "duplicate-document", "severity": "warning", "file": "tests/data/check/corpus/c-records.jsonl", '
        '"line": 4, "column": null, "record": "r4", "offset": null, "step": null, "text": "", '
        '"message": "same text as tests/data/check/corpus/c-records.jsonl:1"}'),
        ('{"rule": "missing-field", "severity": "error", "file": "tests/data/check/corpus/c-records.jsonl", '
        '"line": 5, "column": null, "record": "r5", "offset": null, "step": null, "text": "", '
        '"message": "record has no field \'text\'"}'),
        ('{"rule": "malformed-jsonl", "severity": "error", "file": "tests/data/check/corpus/c-records.jsonl", '
        '"line": 6, "column": 30, "record": null, "offset": null, "step": null, '
        '"text": "{\\"id\\": \\"r6\\", \\"text\\": \\"坏的JSON\\"", "message": "malformed JSON: Expecting \',\' delimiter"}'),
        ('{"rule": "control-char", "severity": "error", "file": "tests/data/check/corpus/c-records.jsonl", '
        '"line": 7, "column": null, "record": "7", "offset": 4, "step": "layout", "text": "\\u0007", '
        '"message": "layout step removes \\"\\\\u0007\\""}'),
    ]
    assert out.splitlines() == expected
    assert all(list(json.loads(line)) == list(JSON_KEYS) for line in expected)
    assert code == 1


def test_github_format_exactly(runner):
    code, out = report(runner, "--output-format", "github", PAGE)
    layer = [(5, "(chuan) "), (15, "(chan) "), (23, "(ye) "), (39, "(wei) "), (64, "(shu) "), (76, "(yu) "),
             (89, "(men) ")]
    assert out.splitlines() == [
        f"::error file=tests/data/check/corpus/b-page.txt,line=2,col={col},title=corpus-clean annotation-layer"
        f'::annotations step removes "{text}"' for col, text in layer
    ] + [
        ('::error file=tests/data/check/corpus/b-page.txt,line=3,col=5,title=corpus-clean control-char'
        '::layout step removes "\\u0007"'),
        ("::error file=tests/data/check/corpus/b-page.txt,line=4,col=4,title=corpus-clean mojibake"
        '::"杩欐槸涓�涓�娴嬭瘯" looks like UTF-8 decoded as GBK; decoded right it reads "这是一一测试"'),
        ("::error file=tests/data/check/corpus/b-page.txt,line=5,col=4,title=corpus-clean mojibake"
        '::"Ã©" looks like UTF-8 decoded as Latin-1/Windows-1252; decoded right it reads "é"'),
    ]
    assert code == 1


def test_github_format_escapes_and_levels(runner, tmp_path):
    page = tmp_path / "a,b:c%.jsonl"
    page.write_text('{"id": "x", "text": ""}\n', encoding="utf-8")
    code, out = report(runner, "--output-format", "github", "--severity", "empty-document=note", str(page))
    name = str(page).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert (code, out) == (0, f"::notice file={name},line=1,title=corpus-clean empty-document::empty document (record x)\n")


def test_text_format(runner):
    code, out = report(runner, "--output-format", "text", "--disable", "annotation-layer", PAGE)
    assert out.splitlines() == [
        'tests/data/check/corpus/b-page.txt:3:5: control-char [error] layout step removes "\\u0007"',
        ('tests/data/check/corpus/b-page.txt:4:4: mojibake [error] "杩欐槸涓�涓�娴嬭瘯" looks like UTF-8 decoded as GBK; '
        'decoded right it reads "这是一一测试"'),
        ('tests/data/check/corpus/b-page.txt:5:4: mojibake [error] "Ã©" looks like UTF-8 decoded as '
        'Latin-1/Windows-1252; decoded right it reads "é"'),
    ]
    assert code == 1


@pytest.mark.slow
def test_sarif_is_valid_against_the_oasis_schema(runner, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests/data/check/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    out_file = tmp_path / "check.sarif"
    code, out = report(runner, "--output-format", "sarif", "-o", str(out_file), CORPUS, "seeds/raw")
    assert (code, out) == (1, "")
    log = json.loads(out_file.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == len(report(runner, "--output-format", "json", CORPUS, "seeds/raw")[1].splitlines())
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    first = results[0]
    assert first["ruleId"] == "annotation-layer" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "tests/data/check/corpus/b-page.txt", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 5, "snippet": {"text": "(chuan) "}}}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["properties"] == {"documents": 14, "dirty": 10, "failed": True}


def test_table_format_groups_rows_and_summarises(runner):
    code, out = report(runner, "--output-format", "table", CORPUS)
    assert code == 1
    assert out.count("annotation-layer") == 2 * 5 + 2 * 1 + 1  # 5 rows + "+2 more" per file, 1 count row
    assert "+2 more in" in out
    assert "findings per rule" in out
    assert out.rstrip().endswith("(at most 0 allowed)")
