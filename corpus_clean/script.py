"""Which script a document is written in: Simplified, Traditional, mixed, or neither.

The evidence is the characters that exist in only one script.  They are derived from
OpenCC itself (whichever backend is installed): a character that ``t2s`` changes and
``s2t`` leaves alone is Traditional-only (``們``); one that ``t2s`` leaves alone and every
Traditional standard (``s2t``, ``s2tw``, ``s2hk``) changes is Simplified-only (``们``).
Characters common to both (``中``, ``的``) say nothing.  The tables are built once per
process, on first use, from one conversion call over the CJK blocks.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .han import BMP_HAN_BLOCKS

# Share of the minority script, among script-specific characters, above which a document
# is "mixed" (and at least this many minority characters).
MIXED_SHARE = 0.1
MIXED_MIN_CHARS = 2


@dataclass(frozen=True)
class ScriptVerdict:
    """``script`` is simplified | traditional | mixed | none, with the counts behind it."""

    script: str
    simplified: int
    traditional: int

    def __str__(self) -> str:
        return self.script


@lru_cache(maxsize=1)
def _patterns():
    """Regexes matching Simplified-only and Traditional-only characters."""
    import re

    from .opencc_backend import converter

    chars = [chr(c) for lo, hi in BMP_HAN_BLOCKS for c in range(lo, hi + 1)]
    joined = "\n".join(chars)
    to_simp = converter("t2s").convert(joined).split("\n")
    # A character that any Traditional standard keeps (群 in Taiwan, 台 in Hong Kong) is
    # not evidence of Simplified text.
    to_trad = [converter(c).convert(joined).split("\n") for c in ("s2t", "s2tw", "s2hk")]
    simplified, traditional = [], []
    if all(len(x) == len(chars) for x in (to_simp, *to_trad)):
        for ch, s, t, tw, hk in zip(chars, to_simp, *to_trad):
            if s == ch and ch not in (t, tw, hk):
                simplified.append(ch)
            elif t == ch and s != ch:
                traditional.append(ch)

    def cls(members: list[str]):
        return re.compile("[" + "".join(re.escape(c) for c in members) + "]") if members else re.compile("(?!)")

    return cls(simplified), cls(traditional)


def detect_script(text: str) -> ScriptVerdict:
    """The script of ``text`` from its script-specific characters."""
    simp_re, trad_re = _patterns()
    s = len(simp_re.findall(text))
    t = len(trad_re.findall(text))
    if s + t == 0:
        script = "none"
    else:
        minority = min(s, t)
        if minority >= MIXED_MIN_CHARS and minority / (s + t) >= MIXED_SHARE:
            script = "mixed"
        else:
            script = "simplified" if s > t else "traditional"
    return ScriptVerdict(script, s, t)
