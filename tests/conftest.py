"""Shared fixtures: paths to the bundled seeds and a runner for the CLI in-process."""
from __future__ import annotations

import pathlib
import re

import pytest
from click.testing import CliRunner

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold whitespace runs into one space, as shared/tools/score.py compares."""
    return WS.sub(" ", text).strip()


def seed_names() -> list[str]:
    return sorted(p.name for p in (SEEDS / "expected").glob("*.txt"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
