"""Fuzz the library's entry point with atheris: `make fuzz` (bounded; not part of CI).

Any input may be thrown at ``clean``; it must never raise, must only delete (whitespace
aside) and must be idempotent.  A crash found here becomes a case in tests/test_properties.py.
"""
from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports():
    # clean() imports its steps lazily: import them here so that they are instrumented.
    from corpus_clean import annotations, chrome, clean, layout, pipeline, readings  # noqa: F401

WS = re.compile(r"\s+")


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(4096)
    out = clean(text)
    if not _subsequence(WS.sub("", out), WS.sub("", text)):
        raise AssertionError(f"strip added characters: {text!r} -> {out!r}")
    if clean(out) != out:
        raise AssertionError(f"strip is not idempotent on {text!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
