"""The contract on real pages: `corpus-clean strip` prints each seed's expected file."""
from __future__ import annotations

import subprocess
import sys

import pytest

from corpus_clean import clean
from conftest import SEEDS, fold, seed_names

# Seeds whose dirt the landed steps do not cover yet, and the issue that covers it.
PENDING: dict[str, str] = {
    "000_d772bd3596f23f17.txt": "issue 4 (web chrome)",
    "001_6db4a980af955398.txt": "issue 4 (web chrome, layout repair)",
    "002_9bef78e789c8ae17.txt": "issues 3 and 4 (annotations, chrome)",
    "003_e6c4fe691fada2d2.txt": "issue 4 (web chrome)",
    "004_a45f798d94b9b2fe.txt": "issues 3 and 4 (annotations, chrome)",
}


def _params() -> list:
    return [pytest.param(name, id=name[:3],
                         marks=[pytest.mark.xfail(reason=PENDING[name], strict=True)] if name in PENDING else [])
            for name in seed_names()]


@pytest.mark.parametrize("name", _params())
def test_library_clean_matches_expected(name):
    raw = (SEEDS / "raw" / name).read_text(encoding="utf-8")
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    assert fold(clean(raw)) == fold(expected)


@pytest.mark.parametrize("name", _params())
def test_cli_strip_matches_expected(name):
    with open(SEEDS / "raw" / name, "rb") as fh:
        proc = subprocess.run([sys.executable, "-m", "corpus_clean", "strip"], stdin=fh,
                              capture_output=True, check=True)
    expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    assert fold(proc.stdout.decode("utf-8")) == fold(expected)
