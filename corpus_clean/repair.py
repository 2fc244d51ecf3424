"""Repair a bad earlier Simplified -> Traditional conversion, character by character.

A naive converter maps each simplified character to one traditional form, and where the
mapping is one-to-many it often picks the wrong one: ``方面`` became ``方麵`` (noodles),
``同志`` ``同誌``, ``机制`` ``機製``, ``体系`` ``體係``, ``历次`` ``曆次``.  OpenCC's phrase data
knows the right form for the word.  The repair converts the text to Simplified and back
with OpenCC, and takes OpenCC's character at a position only when:

* the original character differs from its simplified form (``麵`` is not ``面``), so an
  identity form such as ``台`` or ``表`` is never "corrected" into ``臺`` or ``錶``;
* both are Traditional forms of the same simplified character; and
* they are not mere variants of each other (``為``/``爲``, ``群``/``羣``: OpenCC's Taiwan
  variant table maps both to one form), since a variant is a style, not an error.

Every other character stays byte-identical.  A round trip alone is not a repair: it also
rewrites ``為`` to ``爲``, ``群`` to ``羣``, ``台`` to ``臺`` and ``表示`` to ``錶示``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .opencc_backend import converter


@dataclass(frozen=True)
class Fix:
    offset: int
    before: str
    after: str


def _variant_keys(chars: list[str]) -> list[str]:
    """Each character in OpenCC's Taiwan variant form (one call, one character a line)."""
    return converter("t2tw").convert("\n".join(chars)).split("\n")


def repair_conversion(text: str) -> tuple[str, list[Fix]]:
    """``text`` with wrongly chosen Traditional characters replaced, and the fixes made."""
    if not text or text.isascii():
        return text, []
    simplified = converter("t2s").convert(text)
    retraditional = converter("s2t").convert(simplified)
    if not (len(simplified) == len(text) == len(retraditional)):
        # OpenCC changed a length (a rare multi-character phrase): repair line by line.
        if "\n" in text:
            fixes: list[Fix] = []
            lines = []
            offset = 0
            for line in text.split("\n"):
                fixed, line_fixes = repair_conversion(line)
                fixes.extend(Fix(f.offset + offset, f.before, f.after) for f in line_fixes)
                lines.append(fixed)
                offset += len(line) + 1
            return "\n".join(lines), fixes
        return text, []
    candidates = [i for i, (o, s, r) in enumerate(zip(text, simplified, retraditional))
                  if o != r and o != s]
    if not candidates:
        return text, []
    pairs = [(text[i], retraditional[i]) for i in candidates]
    keys_before = _variant_keys([o for o, _ in pairs])
    keys_after = _variant_keys([r for _, r in pairs])
    out = list(text)
    fixes = []
    for n, i in enumerate(candidates):
        if keys_before[n] == keys_after[n]:
            continue  # variants of one character
        out[i] = retraditional[i]
        fixes.append(Fix(i, text[i], retraditional[i]))
    return "".join(out), fixes
