"""Reading-annotation layers: find them, tell them from an author's notes, remove them.

Converters, "pinyin-ised" mirror sites and SEO spinners insert the reading of characters
into running text: ``新(xīn)時代``, ``傳(chuan) 統產(chan) 業(ye)``, ``中(ㄓㄨㄥ)``.  Authors also
write readings, for the reader: ``犇(bēn)、淼(miǎo)`` in an article about rare names,
``丽水(líshuǐ)`` in a text about pronunciation.  The first is dirt, the second is text
(CLEANING.md section 1).  This module decides in three stages, and ``detect`` is the one
place where that logic lives (``strip``, ``annotations`` and ``check`` all call it):

1. *Candidates*: a bracketed romanisation right after a Han character (one compiled regex;
   a text without any bracket is returned at once).
2. *Verification*: the romanisation must be a reading of the character(s) before it, in
   pypinyin's dictionary (``corpus_clean.readings``), so ``(CEO)``, ``(a)`` after a
   character not read "a", ``(CD-ROM)`` or ``(2022)`` are never touched.
3. *Decision*, per document: verified readings form a *layer* when they are many, dense,
   on everyday characters, single characters in the middle of running text, each character
   given one consistent reading; otherwise they are an author's notes and stay.  The
   figures and the verdict go into ``StepOutput.info`` so ``--explain`` can show them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import readings
from .readings import DAMAGED, NUMBER, TONED, TONELESS, ZHUYIN
from .report import Removal, StepOutput

STEP = "annotations"
REASON = "annotation-layer"
MODES = ("auto", "all", "none")

# How many characters one annotation may cover (a word reading such as 社會主義(shèhuìzhǔyì)).
MAX_WORD = 6
# A style for readings with no tone mark that are exact toned readings (neutral tone: 們(men)):
# they fit any pinyin layer.
NEUTRAL = "neutral"

# The layer decision (see ``decide``); figures are shares of the verified readings.
MIN_LAYER = 3  # fewer readings than this are never a layer
MIN_PER_100 = 1.0  # readings per 100 CJK characters ...
MANY = 20  # ... unless there are at least this many
MIN_SINGLE = 0.6  # share of readings of one character (not a word)
MIN_COMMON = 0.5  # share of those on everyday characters
MIN_RUNNING = 0.5  # share followed by a Han character (annotated mid-word, mid-sentence)
MAX_ISOLATED = 0.3  # share standing alone: a list item, a quoted word (`金(jīn)、木(mù)`)
MAX_CONFLICT = 0.2  # share of annotated characters given two different readings
WORD_COVERAGE = 0.35  # a word-reading layer covers at least this share of the CJK text
# The converter's trailing space is removed when at least this share of the layer has one.
SPACE_SHARE = 0.75

_OPEN_CLOSE = {"(": "()）", "（": "()）", "[": "[]］", "［": "[]］"}
_SEPARATORS = " -'’·・\u00a0"
_LIST_PUNCT = frozenset("、，,；;：:。.！!？?／/|")
_ITEM_BOUNDARY = _LIST_PUNCT | frozenset("\n“”「」『』‘’\"《》〈〉()（）[]【】 \t\u3000")
_BOPOMOFO = re.compile(r"[\u3100-\u312f\u31a0-\u31bf]")
_NUMBERED = re.compile(r"(?:[a-zü]+[0-5])+[a-zü]*")
_PINYIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ\u0304\u0301"
                            "\u030c\u0300")


def is_han(char: str) -> bool:
    """A Han character (CJK unified ideographs, extensions, compatibility, 〇)."""
    o = ord(char)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)


@lru_cache(maxsize=1)
def _candidate_re() -> re.Pattern[str]:
    """A bracket holding only what romanisations are made of (letters of any look-alike
    script, tone marks and digits, zhuyin, separators), at most 48 characters: bounded, so
    one pass over the text is linear even on a megabyte of brackets."""
    body = ("A-Za-z0-9 \\-'’·・:?\ufffd\u00c0-\u024f\u0250-\u02ff\u0300-\u036f\u0370-\u03ff"
            "\u0400-\u04ff\u1e00-\u1eff\u2160-\u217f\u3100-\u312f\u31a0-\u31bf"
            "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a")
    return re.compile(f"[(（\\[［]([{body}]{{1,48}})[)）\\]］]")


@lru_cache(maxsize=1)
def _lookalikes() -> dict[int, str]:
    """The look-alike letter table of ``rules/annotation-lookalikes.txt``."""
    table: dict[int, str] = {}
    text = resources.files("corpus_clean").joinpath("rules/annotation-lookalikes.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            src, dst = line.split()
            table[ord(src)] = dst
    return table


@dataclass(frozen=True)
class Parsed:
    """A bracket's content as a romanisation: its style, its letters (lower case, no
    separators; zhuyin without tone marks), and how it was capitalised."""

    style: str
    body: str
    capitalised: bool


@lru_cache(maxsize=65536)
def parse(content: str) -> Parsed | None:
    """Read ``content`` as a romanisation, or ``None`` when it cannot be one.

    ``(2022)`` has no letters; ``(CEO)``, ``(WHO)`` are written in capitals, as acronyms
    are and readings are not.
    """
    if _BOPOMOFO.search(content):
        body = readings.strip_zhuyin_tones(content)
        for sep in _SEPARATORS:
            body = body.replace(sep, "")
        if not body or _BOPOMOFO.sub("", body):
            return None
        return Parsed(ZHUYIN, body, False)
    text = content
    if not text.isascii():
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).translate(_lookalikes()))
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return None
    capitalised = letters[0].isupper()
    body = text.lower().replace("u:", "ü")
    for sep in _SEPARATORS:
        body = body.replace(sep, "")
    if body.isascii():
        if body.isalpha():
            return Parsed(TONELESS, body, capitalised)
        if _NUMBERED.fullmatch(body):
            return Parsed(NUMBER, body.replace("ü", "v"), capitalised)
        if readings.PLACEHOLDER in body and body.replace(readings.PLACEHOLDER, "").isalpha():
            return Parsed(DAMAGED, body, capitalised)
        return None
    body = body.replace("\ufffd", readings.PLACEHOLDER)
    if _NUMBERED.fullmatch(body):
        return Parsed(NUMBER, body.replace("ü", "v"), capitalised)
    if all(c in _PINYIN_LETTERS for c in body):
        return Parsed(TONED, body, capitalised)
    return None


def _toneless(body: str) -> str:
    """Toned pinyin without its tone marks, ü written v (pypinyin's toneless spelling)."""
    out = unicodedata.normalize("NFD", body.replace("ü", "v"))
    return "".join(c for c in out if c < "\u0300" or c > "\u036f")


@lru_cache(maxsize=262144)
def verify(chars: str, content: str) -> tuple[int, str] | None:
    """Is ``content`` a reading of the last characters of ``chars``?

    Returns ``(how many characters it covers, style)`` for the shortest match, or ``None``.
    Toned pinyin with a tone that is none of the character's (sandhi, a converter's guess)
    still counts, as toneless.  Pinyin that lost its accented letters (``zho`` for ``zhào``)
    counts only for one character, and only when it is not itself a sound syllable.
    """
    parsed = parse(content)
    if parsed is None:
        return None
    style, body = parsed.style, parsed.body
    for k in range(1, min(len(chars), len(body)) + 1):
        word = chars[-k:]
        if style == TONELESS:
            if readings.match_chars(word, body, TONED):
                return k, NEUTRAL
            if readings.match_chars(word, body, TONELESS):
                return k, TONELESS
            if k == 1 and body not in readings.toneless_syllables() and body in readings.forms(word).damaged:
                return k, DAMAGED
        elif style == TONED:
            if readings.match_chars(word, body, TONED) or readings.match_chars(word, _toneless(body), TONELESS):
                return k, TONED
        elif style == DAMAGED:
            if k == 1 and body in readings.forms(word).damaged:
                return k, DAMAGED
        elif readings.match_chars(word, body, style):
            return k, style
    return None


@dataclass
class Candidate:
    """One verified reading in a document and what the decision looks at."""

    start: int  # the opening bracket
    end: int  # after the closing bracket
    chars: str  # the characters it reads
    style: str
    capitalised: bool
    letters: int  # length of the romanisation, separators and tone marks left out
    spaced: bool  # followed by one space (then not the end of the line)
    running: bool  # followed (after that space) by a Han character
    isolated: bool  # a whole short item: `、金(jīn)、`, `“丽水(líshuǐ)”`
    default: bool  # pypinyin's first reading of a single character (converters print it)


def find_candidates(text: str) -> list[Candidate]:
    """Every bracketed romanisation of ``text`` that is a reading of the Han characters
    right before it, in text order."""
    out: list[Candidate] = []
    n = len(text)
    for m in _candidate_re().finditer(text):
        start, end = m.span()
        if start == 0 or not is_han(text[start - 1]) or text[end - 1] not in _OPEN_CLOSE[text[start]]:
            continue
        first = start - 1
        while first > 0 and start - first < MAX_WORD and is_han(text[first - 1]):
            first -= 1
        content = m.group(1)
        found = verify(text[start - 1], content) or (
            verify(text[first:start], content) if first < start - 1 else None)
        if found is None:
            continue
        k, style = found
        nxt = text[end] if end < n else "\n"
        spaced = nxt == " " and end + 1 < n and text[end + 1] != "\n"
        after = text[end + 1] if spaced else nxt
        chars = text[start - k:start]
        before = text[start - k - 1] if start - k > 0 else "\n"
        head = start - k
        while head > 0 and start - head < 4 and is_han(text[head - 1]):
            head -= 1
        item_start = text[head - 1] if head > 0 else "\n"
        isolated = (after in _ITEM_BOUNDARY and (before in _ITEM_BOUNDARY or item_start in _ITEM_BOUNDARY))
        default = k == 1 and _same_reading(content, style, readings.forms(chars).default)
        parsed = parse(content)
        out.append(Candidate(start, end, chars, style, parsed.capitalised, len(parsed.body), spaced,
                             is_han(after), isolated, default))
    return out


def _same_reading(content: str, style: str, reading: str) -> bool:
    parsed = parse(content)
    if style == TONED:
        return parsed.body == reading
    if style in (TONELESS, NEUTRAL):
        return parsed.body == _toneless(reading)
    return True  # numbers, zhuyin, damaged: compared on the style's own forms only


@dataclass
class Decision:
    """The per-document verdict and the figures behind it (``info`` of the step)."""

    verdict: str  # layer | notes | none | forced | off
    why: str
    figures: dict

    def info(self, mode: str, removed: int, spaces: int) -> dict:
        return {"mode": mode, "verdict": self.verdict, "why": self.why, **self.figures,
                "removed": removed, "spaces_removed": spaces}


def _cjk_chars(text: str) -> int:
    """Characters outside Latin scripts, counted from the UTF-8 length (no per-character
    loop): the denominator of density."""
    return max(1, (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def decide(text: str, cands: list[Candidate]) -> Decision:
    """Layer or author's notes?  Every figure is a share of the verified readings.

    A layer is mechanical: many readings (``MIN_LAYER``), dense (``MIN_PER_100`` per 100
    CJK characters, or ``MANY`` of them), of single characters, on everyday characters,
    inside running text, each character always given the same reading.  Notes are the
    opposite on at least one count: few, sparse, rare characters, list items and quoted
    words, or one character given several readings (an article about polyphones).  A page
    whose readings cover most of the text word by word (a pinyin mirror) is a layer too.
    """
    n = len(cands)
    if not n:
        return Decision("none", "no reading annotations", {"verified": 0})
    cjk = _cjk_chars(text)
    singles = [c for c in cands if len(c.chars) == 1]
    readings_of: dict[str, set[str]] = {}
    for c in cands:
        readings_of.setdefault(c.chars, set()).add(c.style + ":" + text[c.start + 1:c.end - 1].lower())
    conflicts = sum(1 for r in readings_of.values() if len(r) > 1)
    figures = {
        "verified": n,
        "cjk_chars": cjk,
        "per_100": round(n * 100 / cjk, 2),
        "single": _share(len(singles), n),
        "common": _share(sum(readings.is_common(c.chars) for c in singles), len(singles)),
        "running": _share(sum(c.running for c in cands), n),
        "isolated": _share(sum(c.isolated for c in cands), n),
        "conflict": _share(conflicts, len(readings_of)),
        "default": _share(sum(c.default for c in singles), len(singles)),
        "coverage": round(sum(len(c.chars) for c in cands) / cjk, 3),
        "spaced": _share(sum(c.spaced for c in cands), n),
    }
    checks = [
        (n >= MIN_LAYER, f"{n} readings", f"only {n} readings (< {MIN_LAYER})"),
        (figures["per_100"] >= MIN_PER_100 or n >= MANY, f"{figures['per_100']} per 100 CJK chars",
         f"sparse: {figures['per_100']} per 100 CJK chars"),
        (figures["isolated"] <= MAX_ISOLATED, f"{figures['isolated']:.0%} list items or quoted words",
         f"{figures['isolated']:.0%} list items or quoted words"),
        (figures["running"] >= MIN_RUNNING, f"{figures['running']:.0%} mid-text",
         f"only {figures['running']:.0%} mid-text"),
        (figures["conflict"] <= MAX_CONFLICT, f"{figures['conflict']:.0%} characters with two readings",
         f"{figures['conflict']:.0%} of the characters given different readings"),
    ]
    word_layer = figures["coverage"] >= WORD_COVERAGE
    if not word_layer:
        checks += [
            (figures["single"] >= MIN_SINGLE, f"{figures['single']:.0%} single characters",
             f"only {figures['single']:.0%} single characters"),
            (figures["common"] >= MIN_COMMON, f"{figures['common']:.0%} everyday characters",
             f"only {figures['common']:.0%} everyday characters (rare ones are an author's notes)"),
        ]
    failed = [bad for ok, _good, bad in checks if not ok]
    if failed:
        return Decision("notes", "; ".join(failed), figures)
    return Decision("layer", "; ".join(good for _ok, good, _bad in checks), figures)


def _dominant_style(cands: list[Candidate]) -> str:
    counts: dict[str, int] = {}
    for c in cands:
        if c.style != NEUTRAL:
            counts[c.style] = counts.get(c.style, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else NEUTRAL


def _fits_layer(c: Candidate, style: str, capitalised: bool) -> bool:
    """Does this reading look like the rest of the layer?  A toned note in a toneless layer,
    or a capitalised proper-name reading in a lower-case one, is the author's."""
    if c.capitalised and not capitalised:
        return False
    if c.style == style or c.style == NEUTRAL:
        return True
    if style in (TONED, DAMAGED) and c.style in (TONED, DAMAGED):
        return c.letters >= 2 or style == DAMAGED
    return False


@dataclass
class Detection:
    """What ``detect`` found: the removals and the per-document figures and verdict."""

    removals: list[Removal]
    info: dict


def detect(text: str, mode: str = "auto") -> Detection:
    """The one detector of reading-annotation layers (used by strip, annotations, check).

    ``mode``: ``auto`` removes a layer and keeps an author's notes; ``all`` removes every
    verified reading; ``none`` removes nothing.
    """
    if mode not in MODES:
        raise ValueError(f"annotations mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "none":
        return Detection([], {"mode": mode, "verdict": "off", "why": "--annotations none"})
    if "(" not in text and "（" not in text and "[" not in text and "［" not in text:
        return Detection([], {"mode": mode, "verdict": "none", "why": "no brackets", "verified": 0})
    cands = find_candidates(text)
    decision = decide(text, cands)
    if mode == "all" and cands:
        decision = Decision("forced", "--annotations all", decision.figures)
        chosen = cands
    elif decision.verdict == "layer":
        style = _dominant_style(cands)
        capitalised = sum(c.capitalised for c in cands) * 2 > len(cands)
        chosen = [c for c in cands if _fits_layer(c, style, capitalised)]
    else:
        chosen = []
    spaced = sum(c.spaced for c in chosen)
    drop_spaces = spaced >= 2 and spaced >= SPACE_SHARE * len(chosen)
    removals = []
    spaces = 0
    for c in chosen:
        end = c.end
        if drop_spaces and c.spaced:
            end += 1
            spaces += 1
        removals.append(Removal(STEP, c.start, end, text[c.start:end], REASON))
    return Detection(removals, decision.info(mode, len(removals), spaces))


def remove_annotations(text: str, mode: str = "auto") -> StepOutput:
    """The ``annotations`` step: ``text`` without its reading-annotation layer.

    ``傳(chuan) 統產(chan) 業(ye)`` -> ``傳統產業``; ``(二(èr))聚焦`` -> ``(二)聚焦``; an author's
    ``犇(bēn)、淼(miǎo)`` stays.  ``info`` holds the density figures and the verdict.
    """
    found = detect(text, mode)
    if not found.removals:
        return StepOutput(text, [], found.info)
    parts = []
    pos = 0
    for r in found.removals:
        parts.append(text[pos:r.start])
        pos = r.end
    parts.append(text[pos:])
    return StepOutput("".join(parts), found.removals, found.info)
