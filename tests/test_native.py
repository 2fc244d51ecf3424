"""The compiled build (setup.py): where this checkout was compiled, every module setup.py
lists runs compiled; each listed module exists."""
from __future__ import annotations

import importlib.util
import pathlib

import pytest
from conftest import COMPILED, ROOT, compiled_state

import corpus_clean


def test_setup_lists_the_per_line_modules_and_each_exists():
    assert {"corpus_clean/chrome", "corpus_clean/annotations", "corpus_clean/markup"} <= set(COMPILED)
    assert all((ROOT / f"{path}.py").is_file() for path in COMPILED)


def test_a_compiled_build_compiles_every_listed_module():
    library = importlib.util.find_spec("corpus_clean__mypyc")  # the C library they share
    package = pathlib.Path(corpus_clean.__file__).parent
    if library is None or pathlib.Path(library.origin).parent != package.parent:
        pytest.skip("built as pure Python (CORPUS_CLEAN_PURE_PYTHON=1, or no compiler)")
    assert {path: state for path, state in compiled_state().items() if state != (True, True)} == {}
