"""What counts as a Han character, and which Han characters are everyday ones.

One definition for every step: the join in ``layout``, the reading checks in
``annotations``, the script census in ``script`` and the mojibake repair's plausibility
test all ask these two questions, and used to answer them with ranges that had drifted apart.
"""
from __future__ import annotations

from functools import lru_cache

# The Basic Multilingual Plane's Han blocks: unified ideographs, extension A, compatibility.
BMP_HAN_BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))


def is_han(char: str) -> bool:
    """A Han character: the BMP blocks, extensions B-H (U+20000-U+3134F) and 〇."""
    o = ord(char)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)


@lru_cache(maxsize=65536)
def is_common(char: str) -> bool:
    """Is ``char`` an everyday character?

    The standards' own frequency tiers decide: GB 2312 level 1 (the 3,755 most used
    Simplified characters, lead bytes B0-D7) or Big5's "frequently used" block (the 5,401
    Traditional ones, A440-C67E).  A reading layer annotates these everywhere, an author the
    rare ones; a repaired text made of them is likelier than the mojibake it replaces.
    """
    try:
        gb = char.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        return len(big5) == 2 and 0xA440 <= (big5[0] << 8 | big5[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False
