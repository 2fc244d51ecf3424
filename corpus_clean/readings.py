"""Readings of Han characters, from pypinyin's maintained character dictionary.

The annotation detector must never trust the shape of a parenthesis alone: ``(CEO)``,
``(a)`` or ``(2022)`` look like romanisations to a regex.  It asks this module whether a
romanisation is really a reading of the characters before it, in whichever form a page
wrote it: toned pinyin (``xīn``), toneless pinyin (``xin``), tone numbers (``xin1``),
zhuyin (``ㄒㄧㄣ``), or pinyin whose accented letters a bad encoding dropped (``zho`` for
``zhào``) or replaced (``zh?o``).

pypinyin's data (about 42,000 characters, every heteronym listed) is loaded on first use,
never at import, so ``corpus-clean --help`` stays fast; the forms of each character are
computed once and cached.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Forms an annotation may be written in (``Forms`` fields, and the detector's styles).
TONED = "toned"
TONELESS = "toneless"
NUMBER = "number"
ZHUYIN = "zhuyin"
DAMAGED = "damaged"

ZHUYIN_TONES = "ˊˇˋ˙ˉ"
# What a bad encoding leaves where an accented letter was.
PLACEHOLDER = "?"


@dataclass(frozen=True)
class Forms:
    """Every way one character's readings can be written, one set per style.

    ``default`` is pypinyin's first (most usual) reading, toned: converters print it when
    they do not look at context, while an author's note often gives a rarer one.
    """

    default: str
    toned: frozenset[str]
    toneless: frozenset[str]
    number: frozenset[str]
    zhuyin: frozenset[str]
    damaged: frozenset[str]

    def of(self, style: str) -> frozenset[str]:
        return getattr(self, style)


_EMPTY = Forms("", frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def _import_pypinyin() -> None:
    """Import pypinyin without its phrase dictionary and dictionary copies.

    Only the character table and the style converters are used here; the phrase data and
    the copies cost about 0.3 s of start-up in every process.  pypinyin reads these switches
    once, at import, so they are set only for that moment (and only if nobody imported
    pypinyin before us).
    """
    import os
    import sys

    if "pypinyin" in sys.modules:
        return
    switches = {"PYPINYIN_NO_PHRASES": "true", "PYPINYIN_NO_DICT_COPY": "true"}
    saved = {k: os.environ.get(k) for k in switches}
    os.environ.update({k: v for k, v in switches.items() if saved[k] is None})
    try:
        import pypinyin  # noqa: F401
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)


@lru_cache(maxsize=1)
def _dictionary() -> dict[int, str]:
    """pypinyin's code point -> "reading,reading" table (loaded once)."""
    _import_pypinyin()
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=1)
def _converters():
    """pypinyin's style converters (imported on first need: they pull in pypinyin's core)."""
    _import_pypinyin()
    from pypinyin.contrib.tone_convert import to_normal, to_tone3
    from pypinyin.style.bopomofo import converter

    return to_normal, to_tone3, converter.to_bopomofo


def _damage(reading: str) -> tuple[str, str]:
    """A toned reading after a lossy encoding: accented letters dropped, or replaced by ``?``."""
    dropped = "".join(c for c in reading if "a" <= c <= "z")
    replaced = "".join(c if "a" <= c <= "z" else PLACEHOLDER for c in reading)
    return dropped, replaced


@lru_cache(maxsize=65536)
def forms(char: str) -> Forms:
    """The readings of ``char`` in every style (empty sets for a character without one)."""
    raw = _dictionary().get(ord(char))
    if not raw:
        return _EMPTY
    to_normal, to_tone3, to_bopomofo = _converters()
    toned: set[str] = set()
    toneless: set[str] = set()
    number: set[str] = set()
    zhuyin: set[str] = set()
    damaged: set[str] = set()
    readings = [unicodedata.normalize("NFC", r) for r in raw.split(",")]
    for reading in readings:
        toned.add(reading)
        plain = to_normal(reading)  # ü is written v
        toneless.update((plain, plain.replace("v", "u")))
        digits = to_tone3(reading)
        if digits[-1:].isdigit():
            number.update((digits, digits.replace("v", "u")))
        else:  # neutral tone: no digit, 5 or 0
            number.update((digits, digits + "5", digits + "0"))
        zhuyin.add(strip_zhuyin_tones(to_bopomofo(reading)))
        damaged.update(d for d in _damage(reading) if d.strip(PLACEHOLDER))
    return Forms(readings[0], frozenset(toned), frozenset(toneless), frozenset(number),
                 frozenset(zhuyin), frozenset(damaged))


def strip_zhuyin_tones(text: str) -> str:
    """Zhuyin without tone marks (pages put the neutral-tone dot before or after)."""
    for mark in ZHUYIN_TONES:
        text = text.replace(mark, "")
    return text


@lru_cache(maxsize=1)
def toneless_syllables() -> frozenset[str]:
    """Every toneless syllable of the dictionary: a string in this set is sound pinyin, not
    pinyin that lost its accented letters (``zho`` is not a syllable, ``zhao`` is)."""
    to_normal = _converters()[0]
    out: set[str] = set()
    for raw in _dictionary().values():
        for reading in raw.split(","):
            out.add(to_normal(unicodedata.normalize("NFC", reading)))
    return frozenset(out)


_ERHUA = frozenset(("r",))


def match_chars(chars: str, text: str, style: str) -> bool:
    """Is ``text`` one reading of each of ``chars`` in turn, written in ``style``?

    ``text`` has no separators (the caller removed spaces, hyphens, apostrophes), so the
    syllable boundaries are found here by trying each reading as a prefix.
    """
    sets = [forms(c).of(style) for c in chars]
    if not all(sets):
        return False
    if style in (TONED, TONELESS):  # erhua: 兒 after another character is read r (玩兒 wánr)
        sets = [s | _ERHUA if i and chars[i] in "儿兒" else s for i, s in enumerate(sets)]
    last = len(sets) - 1
    failed: set[tuple[int, int]] = set()  # (character, offset) pairs already tried: no blow-up

    def walk(i: int, pos: int) -> bool:
        if (i, pos) in failed:
            return False
        for form in sets[i]:
            if text.startswith(form, pos):
                end = pos + len(form)
                if i == last:
                    if end == len(text):
                        return True
                elif walk(i + 1, end):
                    return True
        failed.add((i, pos))
        return False

    return walk(0, 0)
