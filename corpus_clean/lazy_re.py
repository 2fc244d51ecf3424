"""Module-level regular expressions compiled on their first search, not at import.

The cleaning steps name about 130 shapes with regular expressions at module level, and
``re`` compiles a class of CJK characters by filling a bitmap code point by code point: all
of them together cost about 70 ms, a quarter of ``strip``'s start-up on one page, of which
one page needs about a third (a forum's floor patterns stay unasked on a news page).
``compile`` returns a stand-in that compiles on the first attribute asked of it and then
holds the compiled pattern's methods as its own attributes: after the first search, a
search costs what it did on the compiled pattern (one attribute lookup, no extra call),
in the compiled modules and in pure Python alike.
"""
from __future__ import annotations

import re
from typing import cast

# What the stand-in takes from the compiled pattern on first use: its methods and attributes.
_TAKEN = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
          "scanner", "flags", "groups", "groupindex")


class LazyPattern:
    """A pattern's source and flags until the first use, then the compiled pattern's methods."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):
        # only asked for an attribute the instance does not hold yet: the first use
        if name.startswith("__") or name in ("pattern", "_flags"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for taken in _TAKEN:
            setattr(self, taken, getattr(compiled, taken))
        # from now on a plain object: an attribute is found without the __getattr__ hook
        self.__class__ = _CompiledPattern
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self.pattern!r}, {self._flags!r})"


class _CompiledPattern:
    """A ``LazyPattern`` after its first use: the compiled pattern's methods as attributes."""

    __repr__ = LazyPattern.__repr__


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (typed as the pattern it becomes)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
