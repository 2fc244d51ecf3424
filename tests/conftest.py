"""Shared fixtures: paths to the bundled seeds and a runner for the CLI in-process; and no
run on a compiled module older than its source."""
from __future__ import annotations

import importlib
import pathlib
import re

import pytest
from click.testing import CliRunner

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The modules setup.py compiles with mypyc (beside their source, by `make install`).
COMPILED = re.findall(r'^ *"(corpus_clean/[a-z_]+)\.py",$', (ROOT / "setup.py").read_text(encoding="utf-8"), re.MULTILINE)
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


def compiled_state() -> dict[str, tuple[bool, bool]]:
    """For each module of ``COMPILED``: (runs compiled, compiled no earlier than its source)."""
    out = {}
    for path in COMPILED:
        module = importlib.import_module(path.replace("/", "."))
        loaded = pathlib.Path(module.__file__)
        compiled = loaded.suffix != ".py"
        fresh = not compiled or loaded.stat().st_mtime >= (ROOT / f"{path}.py").stat().st_mtime
        out[path] = (compiled, fresh)
    return out


def pytest_configure(config) -> None:
    # An edited source with its old compiled module beside it: every test would run the old
    # code (the import system prefers the extension).  `make test` compiles it again first.
    stale = [path for path, (_, fresh) in compiled_state().items() if not fresh]
    if stale:
        pytest.exit(f"compiled modules older than their source: {', '.join(stale)}; run `make install`", 2)
