"""Shared fixtures: paths to the bundled seeds and a runner for the CLI in-process; and no
run on a compiled module older than its source."""
from __future__ import annotations

import importlib.util
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
    """For each module of ``COMPILED``: (runs compiled, compiled no earlier than its source).
    A compiled module's code is in the C library they share (``corpus_clean__mypyc``); its
    own extension is a stub that a rebuild leaves as it was."""
    library = importlib.util.find_spec("corpus_clean__mypyc")
    built = pathlib.Path(library.origin).stat().st_mtime if library is not None else 0.0
    out = {}
    for path in COMPILED:
        module = importlib.import_module(path.replace("/", "."))
        compiled = pathlib.Path(module.__file__).suffix != ".py"
        out[path] = (compiled, not compiled or built >= (ROOT / f"{path}.py").stat().st_mtime)
    return out


def pytest_configure(config) -> None:
    # An edited source with its old compiled module beside it: every test would run the old
    # code (the import system prefers the extension).  `make test` compiles it again first.
    stale = [path for path, (_, fresh) in compiled_state().items() if not fresh]
    if stale:
        pytest.exit(f"compiled modules older than their source: {', '.join(stale)}; run `make install`", 2)
