"""Script conversion: OpenCC's conformance suite, --to targets, the CLI, strip --to."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEEDS, fold
from opencc_suite import load_cases, run_suite

from corpus_clean import clean
from corpus_clean.cli import cli
from corpus_clean.convert import (
    CONFIGS,
    PIECE_CHARS,
    ConversionError,
    backend,
    config_for,
    convert,
    convert_step,
    converter,
)


def test_the_whole_opencc_suite_passes_with_the_default_backend():
    assert backend().name == "opencc"
    table = run_suite()
    assert sorted(table) == sorted(CONFIGS)
    assert sum(r[1] for r in table.values()) == 543 == len(load_cases())
    assert {c: r[0] for c, r in table.items()} == {c: r[1] for c, r in table.items()}


@pytest.mark.parametrize("text,target,config", [
    ("我们的国家", "traditional", "s2t"),
    ("我們的國家", "traditional", None),
    ("我們的國家", "simplified", "t2s"),
    ("我们的国家", "simplified", None),
    ("我们的国家", "taiwan", "s2tw"),
    ("我們的國家", "taiwan", "t2tw"),
    ("我们的国家", "hongkong", "s2hk"),
    ("hello", "simplified", None),
])
def test_target_chooses_the_configuration_from_the_detected_script(text, target, config):
    assert config_for(text, target) == config


def test_to_simplified_on_simplified_text_changes_nothing():
    text = (SEEDS / "expected" / "000_d772bd3596f23f17.txt").read_text(encoding="utf-8")
    assert convert_step(text, to="simplified").text == text


def test_unknown_configuration_is_a_clear_error():
    with pytest.raises(ConversionError, match="unknown conversion configuration 'x2y'"):
        convert("漢字", "x2y")


def test_ascii_text_is_returned_as_is():
    assert convert("plain ASCII", "s2t") == "plain ASCII"


@pytest.mark.parametrize("config", ["t2s", "s2t", "s2twp"])
def test_a_long_text_converts_in_pieces_exactly_as_line_by_line(config):
    """Long texts go to OpenCC in pieces that end at line breaks; phrases (頭髮, 软件, 乾燥)
    sit at every piece's edge, and one line alone is longer than a piece."""
    lines = [f"第{i}行：頭髮乾燥，软件測試，後來的皇后在這裡。" for i in range(PIECE_CHARS // 8)]
    lines.insert(len(lines) // 2, "頭髮乾燥" * (PIECE_CHARS // 2))
    text = "\n".join(lines) + "\n"
    assert len(text) > 4 * PIECE_CHARS
    one = converter(config).convert
    assert convert(text, config) == "".join(one(line) + "\n" for line in lines)


def test_strip_to_simplified_cleans_first_then_converts():
    raw = (SEEDS / "raw" / "004_a45f798d94b9b2fe.txt").read_text(encoding="utf-8")
    expected = (SEEDS / "expected" / "004_a45f798d94b9b2fe.txt").read_text(encoding="utf-8")
    out = clean(raw, to="simplified")
    assert fold(out) == fold(convert(expected, "t2s"))
    assert "(" not in out.replace("(一)", "").replace("(二)", "").replace("(三)", "").replace(
        "(四)", "").replace("(五)", "").replace("(六)", "").replace("(七)", "").replace("站(所)", "").replace(
        "博物馆(园)", "")


def test_cli_convert_config_and_to(runner):
    result = runner.invoke(cli, ["convert", "-c", "s2tw"], input="软件和网络\n")
    assert (result.exit_code, result.output) == (0, "軟件和網絡\n")
    result = runner.invoke(cli, ["convert", "--to", "simplified"], input="軟體與網路\n")
    assert (result.exit_code, result.output) == (0, "软体与网路\n")


def test_cli_convert_needs_one_of_config_or_to(runner):
    result = runner.invoke(cli, ["convert"], input="x\n")
    assert result.exit_code == 2 and "name one of -c/--opencc-config or --to" in result.output


def test_cli_version_info(runner):
    result = runner.invoke(cli, ["convert", "--version-info"])
    assert result.exit_code == 0
    assert result.output == f"backend: opencc {backend().version}; dictionaries: OpenCC {backend().version} (bundled)\n"


def test_cli_convert_jsonl_keeps_other_fields(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 7, "text": "汉语", "meta": {"lang": "zh"}}\n', encoding="utf-8")
    result = runner.invoke(cli, ["convert", "-c", "s2t", str(src)])
    assert result.output == '{"id": 7, "text": "漢語", "meta": {"lang": "zh"}}\n'


@pytest.mark.slow
def test_strip_to_end_to_end_in_a_pipe():
    raw = (SEEDS / "raw" / "002_9bef78e789c8ae17.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "corpus_clean", "strip", "--to", "simplified"], input=raw,
                          capture_output=True, check=True)
    out = proc.stdout.decode("utf-8")
    assert out.startswith("雷健坤代表:打造资源型城市绿色转型的先行之地\n")
    assert "传统产业占比高" in out and "(chuan)" not in out
