"""Fuzz the library's entry point with atheris: `make fuzz` (bounded; not part of CI).

Any input may be thrown at ``clean``; it must never raise, must only delete (whitespace
aside) and must be idempotent.  An input that breaks this becomes a line of
tests/regressions/clean.jsonl, replayed by tests/test_properties.py.

    make fuzz                      # bounded run, starting from the seed pages
    .venv/bin/python fuzz/fuzz_clean.py -runs=1000000 build/fuzz-corpus seeds/raw
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


def _text_of(data: bytes) -> str:
    """UTF-8 input as itself (so the seed pages in seeds/raw mutate into page-like text),
    anything else through atheris' provider (any code point, surrogates aside)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))


def test_one_input(data: bytes) -> None:
    text = _text_of(data)
    out = clean(text)
    if not _subsequence(WS.sub("", out), WS.sub("", text)):
        raise AssertionError(f"strip added characters: {text!r} -> {out!r}")
    if clean(out) != out:
        raise AssertionError(f"strip is not idempotent on {text!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
