"""The contract on real pages: `corpus-clean strip` prints each seed's expected file."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEEDS, fold, seed_names

from corpus_clean import clean

# Seeds whose dirt the landed steps do not cover yet, and the issue that covers it
# (each is a strict expected failure, so a fix shows up as a failure to remove it here).
PENDING: dict[str, str] = {}


def _params() -> list:
    return [pytest.param(name, id=name[:3],
                         marks=[pytest.mark.xfail(reason=PENDING[name], strict=True)] if name in PENDING else [])
            for name in seed_names()]


@pytest.mark.parametrize("name", _params())
def test_library_clean_matches_expected(name):
    raw = (SEEDS / "raw" / name).read_text(encoding="utf-8")
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    assert fold(clean(raw)) == fold(expected)


@pytest.mark.slow
@pytest.mark.parametrize("name", _params())
def test_cli_strip_matches_expected(name):
    with open(SEEDS / "raw" / name, "rb") as fh:
        proc = subprocess.run([sys.executable, "-m", "corpus_clean", "strip"], stdin=fh,
                              capture_output=True, check=True)
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    assert fold(proc.stdout.decode("utf-8")) == fold(expected)
