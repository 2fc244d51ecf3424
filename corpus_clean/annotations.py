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
3. *Decision*, per document, then per reading: verified readings form a *layer* when they
   are many, dense, on everyday characters, single characters in the middle of running
   text, each character given one consistent reading.  When the document as a whole fails
   (a text about pronunciation, rare characters, lists of readings), ``split`` judges each
   reading: those that fit an author's note stay, the rest goes when it is a layer by
   itself.  The figures and the verdict go into ``StepOutput.info`` so ``--explain`` can
   show them.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lazy_re
from .han import is_common, is_han
from .readings import (
    DAMAGED,
    NUMBER,
    PLACEHOLDER,
    TONED,
    TONELESS,
    ZHUYIN,
    forms,
    match_chars,
    strip_zhuyin_tones,
    toneless_syllables,
)
from .report import Removal, Removals, StepOutput, compose_removals

STEP = "annotations"
REASON = "annotation-layer"
MODES = ("auto", "all", "none")

# How many characters one annotation may cover (a word reading such as 社會主義(shèhuìzhǔyì)).
MAX_WORD = 8
# A style for readings with no tone mark that are exact toned readings (neutral tone: 們(men)),
# or toneless readings written with look-alike letters (錦(jⅰn)): they fit any pinyin layer.
NEUTRAL = "neutral"
# Damaged pinyin that happens to spell a sound syllable (學(xu) for xué): only a layer of
# damaged pinyin can claim it, never on its own (愛(a) may be a list label).
DAMAGED_SOUND = "damaged-syllable"

# The layer decision (see ``decide``); figures are shares of the verified readings.
MIN_LAYER = 3  # fewer readings than this are never a layer
MIN_PER_100 = 1.0  # readings per 100 CJK characters ...
MANY = 20  # ... unless there are at least this many
MIN_SINGLE = 0.6  # share of readings of one character (not a word)
MIN_COMMON = 0.5  # share of those on everyday characters
MIN_RUNNING = 0.5  # share followed by a Han character (annotated mid-word, mid-sentence)
MAX_ISOLATED = 0.3  # share standing alone: a list item, a quoted word (`金(jīn)、木(mù)`)
MAX_CONFLICT = 0.2  # share of annotated characters given two different syllables
MAX_NAME_GLOSSES = 0.5  # share of capitalised word readings: 李明(Lǐ Míng), 北京(Běijīng)
MIN_DEFAULT = 0.5  # share of single characters given their usual reading (notes pick rare ones)
WORD_COVERAGE = 0.35  # a word-reading layer covers at least this share of the CJK text
# The converter's trailing space is removed when at least this share of the layer has one.
SPACE_SHARE = 0.75

_OPEN_CLOSE = {"(": "()）", "（": "()）", "[": "[]］", "［": "[]］"}
_SEPARATORS = " -'’·・\u00a0"
_LIST_PUNCT = frozenset("、，,；;：:。.！!？?／/|")
# What may stand around a whole list item or quoted word.  Not closing brackets: in a layer
# the character before a word is often the end of the previous annotation.
_ITEM_BOUNDARY = _LIST_PUNCT | frozenset("\n“”「」『』‘’\"《》〈〉(（[【 \t\u3000")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BOPOMOFO = lazy_re.compile(r"[\u3100-\u312f\u31a0-\u31bf]")
_NUMBERED = lazy_re.compile(r"(?:[a-zü]+[0-5])+[a-zü]*")
_PINYIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ\u0304\u0301"
                            "\u030c\u0300")


@lru_cache(maxsize=1)
def _candidate_re() -> re.Pattern[str]:
    """A bracket holding only what romanisations are made of (letters of any look-alike
    script, tone marks and digits, zhuyin, separators), at most 48 characters: bounded, so
    one pass over the text is linear even on a megabyte of brackets.  (The bracket starts
    the pattern: a character class before it would make the scan try every position.)"""
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


@lru_cache(maxsize=1)
def _topic_re() -> re.Pattern[str]:
    """Words of ``rules/annotation-topic-words.txt``: the text is about pronunciation."""
    text = resources.files("corpus_clean").joinpath("rules/annotation-topic-words.txt").read_text("utf-8")
    words = {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@dataclass(frozen=True)
class Parsed:
    """A bracket's content as a romanisation: its style, its letters (lower case, no
    separators; zhuyin without tone marks), and how it was capitalised."""

    style: str
    body: str
    capitalised: bool
    substituted: bool = False  # look-alike or full-width letters were folded


@lru_cache(maxsize=65536)
def parse(content: str) -> Parsed | None:
    """Read ``content`` as a romanisation, or ``None`` when it cannot be one.

    ``(2022)`` has no letters; ``(CEO)``, ``(WHO)`` are written in capitals, as acronyms
    are and readings are not.
    """
    if _BOPOMOFO.search(content):
        body = strip_zhuyin_tones(content)
        for sep in _SEPARATORS:
            body = body.replace(sep, "")
        if not body or _BOPOMOFO.sub("", body):
            return None
        return Parsed(ZHUYIN, body, False)
    text = content
    substituted = False
    if not text.isascii():
        plain = unicodedata.normalize("NFC", text)
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).translate(_lookalikes()))
        substituted = text != plain
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return None
    capitalised = letters[0].isupper()
    body = text.lower().replace("u:", "ü")
    for sep in _SEPARATORS:
        body = body.replace(sep, "")
    body = body.replace("\ufffd", PLACEHOLDER)
    if "ü" in body and body.replace("ü", "").isascii():
        body = body.replace("ü", "v")  # toneless pinyin that keeps its ü: 綠(lü), 女(nü)
    if body.isascii():
        if body.isalpha():
            return Parsed(TONELESS, body, capitalised, substituted)
        if _NUMBERED.fullmatch(body):
            return Parsed(NUMBER, body, capitalised, substituted)
        if PLACEHOLDER in body and body.replace(PLACEHOLDER, "").isalpha():
            return Parsed(DAMAGED, body, capitalised, substituted)
        return None
    if _NUMBERED.fullmatch(body):
        return Parsed(NUMBER, body.replace("ü", "v"), capitalised, substituted)
    if all(c in _PINYIN_LETTERS for c in body):
        return Parsed(TONED, body, capitalised, substituted)
    return None


@lru_cache(maxsize=65536)
def _toneless(body: str) -> str:
    """Toned pinyin without its tone marks, ü written v (pypinyin's toneless spelling)."""
    out = unicodedata.normalize("NFD", body).replace("u\u0308", "v")
    return "".join(c for c in out if c < "\u0300" or c > "\u036f")


@lru_cache(maxsize=262144)
def verify(chars: str, content: str) -> tuple[int, str, Parsed] | None:
    """Is ``content`` a reading of the last characters of ``chars``?

    Returns ``(how many characters it covers, style, parsed content)`` for the shortest
    match, or ``None``.  Toned pinyin with a tone that is none of the character's (sandhi,
    a converter's guess) still counts when its syllable is right.  Pinyin that lost its
    accented letters (``zho`` for ``zhào``) counts for one character only; when it happens
    to spell a sound syllable (``xu`` for ``xué``) it is ``DAMAGED_SOUND``.
    """
    parsed = parse(content)
    if parsed is None:
        return None
    style, body = parsed.style, parsed.body
    for k in range(1, min(len(chars), len(body)) + 1):
        word = chars[-k:]
        if style == TONELESS:
            if match_chars(word, body, TONED):
                return k, NEUTRAL, parsed
            if match_chars(word, body, TONELESS):
                return k, NEUTRAL if parsed.substituted else TONELESS, parsed
            if k == 1 and body in forms(word).damaged:
                return k, DAMAGED_SOUND if body in toneless_syllables() else DAMAGED, parsed
        elif style == TONED:
            if match_chars(word, body, TONED) or match_chars(word, _toneless(body), TONELESS):
                return k, TONED, parsed
        elif style == DAMAGED:
            if k == 1 and body in forms(word).damaged:
                return k, DAMAGED, parsed
        elif match_chars(word, body, style):
            return k, style, parsed
    return None


# A verified reading, as a plain tuple: a corpus holds hundreds of thousands of them and
# the hot loop must stay cheap.  Fields: START (opening bracket), END (after the closing
# one), WIDTH (characters read), STYLE, PARSED (the ``Parsed`` content), EVERYDAY (it reads
# one everyday character: the usual shape of a layer's reading, decided once per cached
# ``字(reading)`` slice).
START, END, WIDTH, STYLE, PARSED, EVERYDAY = range(6)
Reading = tuple  # (start, end, width, style, parsed, everyday)


def may_hold_readings(text: str) -> bool:
    """Whether ``text`` has a bracketed romanisation at all (one regex search, no Python
    loop): the cheap test before deciding again on a text another step changed."""
    return _candidate_re().search(text) is not None


def find_readings(text: str, after_letter: list[int] | None = None) -> list[Reading]:
    """Every bracketed romanisation of ``text`` that is a reading of the Han characters
    right before it, in text order.  ``after_letter``, when given, collects the start of
    every other candidate that follows a lone Latin letter after a Han character (``大K(xué)``):
    a reading whose character a bad encoding garbled (see ``_strays``)."""
    out: list[Reading] = []
    append = out.append
    after_char = _verify_after_char
    for m in _candidate_re().finditer(text):
        start, end = m.span()
        if not start:
            continue
        found = after_char(text[start - 1:end])  # one cached call decides the usual 字(zì)
        if found is None:  # a word reading: 社會(shèhuì) covers the characters before
            first = start - 1
            if not is_han(text[first]) or text[end - 1] not in _OPEN_CLOSE[text[start]]:
                if (after_letter is not None and first and text[first] in _ASCII_LETTERS
                        and is_han(text[first - 1])):
                    after_letter.append(start)
                continue
            while first > 0 and start - first < MAX_WORD and is_han(text[first - 1]):
                first -= 1
            if first == start - 1:
                continue
            word = verify(text[first:start], m.group(1))
            if word is None:
                continue
            found = word + (False,)
        append((start, end) + found)
    return out


@lru_cache(maxsize=262144)
def _verify_after_char(piece: str) -> tuple[int, str, Parsed, bool] | None:
    """``verify`` for the usual case, keyed on the whole ``字(reading)`` slice so the hot loop
    makes one cached call: the character, matching brackets, a one-character reading."""
    if piece[-1] not in _OPEN_CLOSE[piece[1]]:
        return None
    found = verify(piece[0], piece[2:-1])
    return None if found is None else found + (found[0] == 1 and is_common(piece[0]),)


def _spaced(text: str, end: int) -> bool:
    """Followed by exactly one space (the converter's; a run of spaces is layout)."""
    pair = text[end:end + 2]
    return pair[:1] == " " and pair != "  "


def _tally(text: str, sample: list[Reading]) -> dict[str, int]:
    """Counts of the features of the sampled readings, for the decision (one loop: it runs
    on every document with brackets).

    running: followed (after a converter's space) by a Han character, i.e. mid-word or
    mid-sentence.  isolated: a whole short item, `、金(jīn)、` or `“丽水(líshuǐ)”`.
    default: a single character given pypinyin's first reading (any tone), the one
    converters print.  conflicts: characters given two different syllables.  name_glosses:
    capitalised word readings, as an author glosses names (李明(Lǐ Míng)); converters write
    lower case, or capitalise every syllable of a single-character layer.
    """
    n = len(text)
    singles = common = running = isolated = default = width_sum = name_glosses = 0
    first_reading: dict[str, str] = {}  # annotated characters -> their first syllable
    conflicted: set[str] = set()
    toneless = _toneless
    for start, end, width, style, parsed, everyday in sample:
        width_sum += width
        if width > 1 and parsed.capitalised:
            name_glosses += 1
        plain = toneless(parsed.body)
        chars = text[start - width:start]
        seen = first_reading.setdefault(chars, plain)
        if seen != plain:
            conflicted.add(chars)
        if _spaced(text, end):
            end += 1
        after = text[end] if end < n else "\n"
        if "\u4e00" <= after <= "\u9fff" or is_han(after):
            running += 1
        if after in _ITEM_BOUNDARY:
            head = start - width
            while head > 0 and start - head < width + 2 and is_han(text[head - 1]):
                head -= 1
            if head == 0 or text[head - 1] in _ITEM_BOUNDARY:
                isolated += 1
        if width == 1:
            singles += 1
            char = text[start - 1]
            common += everyday
            # Compared without tones: sandhi-aware converters print 一(yí), 不(bú).  For
            # numbers, zhuyin and damaged pinyin a converter's choice cannot be told apart.
            if style not in (TONED, TONELESS, NEUTRAL) or plain == _usual_syllable(char):
                default += 1
    return {"singles": singles, "common": common, "running": running, "isolated": isolated,
            "default": default, "width": width_sum, "characters": len(first_reading),
            "conflicts": len(conflicted), "name_glosses": name_glosses}


@lru_cache(maxsize=65536)
def _usual_syllable(char: str) -> str:
    """pypinyin's first (usual) reading of ``char``, without its tone."""
    return _toneless(forms(char).default)


@dataclass
class Decision:
    """The per-document verdict and the figures behind it (``info`` of the step)."""

    verdict: str  # layer | notes | none | forced | off
    why: str
    figures: dict

    def info(self, mode: str, removed: int, spaces: int) -> dict:
        """``kept``: verified readings that stay (the removals may also hold ``strays``)."""
        kept = self.figures.get("verified", 0) - removed + self.figures.get("strays", 0)
        return {"mode": mode, "verdict": self.verdict, "why": self.why, **self.figures,
                "removed": removed, "kept": kept, "spaces_removed": spaces}


def _cjk_chars(text: str) -> int:
    """Characters outside Latin scripts, counted from the UTF-8 length (no per-character
    loop): the denominator of density."""
    return max(1, (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _sample(found: list[Reading]) -> list[Reading]:
    """At most ``SAMPLE`` readings spread evenly over the document: the shares are
    estimated on them, so the decision costs the same for 50 or 50,000 readings."""
    step = -(-len(found) // SAMPLE)
    return found[::step]


SAMPLE = 64


# A sparse layer still marks each of its characters wherever it stands: this many of them.
MIN_EVERY_TIME_CHARS = 2


def _every_time(text: str, found: list[Reading]) -> bool:
    """Whether each character the readings annotate (single characters only) is annotated
    twice at least and at every one of its occurrences in ``text``, and there are two such
    characters at least: a converter marks its characters (節, 鄉) wherever they stand, on a
    page that holds few of them; an author glosses a character once."""
    counts: dict[str, int] = {}
    for start, _end, width, *_rest in found:
        if width != 1:
            return False
        char = text[start - 1]
        counts[char] = counts.get(char, 0) + 1
    return len(counts) >= MIN_EVERY_TIME_CHARS and all(
        k >= 2 and text.count(char) == k for char, k in counts.items())


def _layer_checks(text: str, found: list[Reading], whole: bool = True) -> tuple[dict, list[tuple[bool, str, str]]]:
    """The figures of ``found`` and the checks a layer passes: ``(ok, why if ok, why not)``.
    ``whole``: ``found`` is every reading of the text (not the part ``split`` judged one by
    one, whose list items and quoted words were already told apart).

    A layer is mechanical: many readings (``MIN_LAYER``), dense (``MIN_PER_100`` per 100
    CJK characters, or ``MANY`` of them, or on each of its characters wherever they stand),
    of single characters, on everyday characters,
    inside running text, each character always given the same reading.  Notes are the
    opposite on at least one count: few, sparse, rare characters, list items and quoted
    words, or one character given several syllables (an article about polyphones).  A page
    whose readings cover much of the text word by word (a pinyin mirror) is a layer too.
    """
    n = len(found)
    cjk = _cjk_chars(text)
    sample = _sample(found)
    m = len(sample)
    t = _tally(text, sample)
    figures = {
        "verified": n,
        "cjk_chars": cjk,
        "per_100": round(n * 100 / cjk, 2),
        "single": _share(t["singles"], m),
        "common": _share(t["common"], t["singles"]),
        "running": _share(t["running"], m),
        "isolated": _share(t["isolated"], m),
        "conflict": _share(t["conflicts"], t["characters"]),
        "name_glosses": _share(t["name_glosses"], m),
        "default": _share(t["default"], t["singles"]),
        "coverage": round(t["width"] * n / m / cjk, 3),
    }
    checks = [
        (n >= MIN_LAYER, f"{n} readings", f"only {n} readings (< {MIN_LAYER})"),
        (figures["per_100"] >= MIN_PER_100 or n >= MANY or _every_time(text, found),
         f"{figures['per_100']} per 100 CJK chars", f"sparse: {figures['per_100']} per 100 CJK chars"),
    ]
    if whole:
        checks.append((figures["isolated"] <= MAX_ISOLATED or figures["isolated"] * m < 2,
                       f"{figures['isolated']:.0%} list items or quoted words",
                       f"{figures['isolated']:.0%} list items or quoted words"))
    checks += [
        (figures["running"] >= MIN_RUNNING, f"{figures['running']:.0%} mid-text",
         f"only {figures['running']:.0%} mid-text"),
        (figures["conflict"] <= MAX_CONFLICT, f"{figures['conflict']:.0%} characters with two readings",
         f"{figures['conflict']:.0%} of the characters given different readings"),
        (figures["default"] >= MIN_DEFAULT or not t["singles"], f"{figures['default']:.0%} usual readings",
         f"only {figures['default']:.0%} usual readings (notes on polyphones)"),
        (figures["name_glosses"] <= MAX_NAME_GLOSSES, f"{figures['name_glosses']:.0%} capitalised word readings",
         f"{figures['name_glosses']:.0%} capitalised word readings (names glossed for the reader)"),
    ]
    if figures["coverage"] < WORD_COVERAGE:  # not a word-by-word mirror: judge the characters
        checks += [
            (figures["single"] >= MIN_SINGLE, f"{figures['single']:.0%} single characters",
             f"only {figures['single']:.0%} single characters"),
            (figures["common"] >= MIN_COMMON, f"{figures['common']:.0%} everyday characters",
             f"only {figures['common']:.0%} everyday characters (rare ones are an author's notes)"),
        ]
    return figures, checks


def decide(text: str, found: list[Reading]) -> Decision:
    """Is the whole set of verified readings a layer?  (``_layer_checks`` says what a layer
    looks like.)  A text that talks about pronunciation (``rules/annotation-topic-words.txt``)
    is never a layer as a whole: there ``split`` decides reading by reading."""
    if not found:
        return Decision("none", "no reading annotations", {"verified": 0})
    figures, checks = _layer_checks(text, found)
    failed = [bad for ok, _good, bad in checks if not ok]
    if failed:
        return Decision("notes", "; ".join(failed), figures)
    topic = _topic_re().search(text)
    if topic:
        return Decision("notes", f"a text about pronunciation (it says {topic.group()})", figures)
    return Decision("layer", "; ".join(good for _ok, good, _bad in checks), figures)


# Splitting a document of notes into a layer and the author's notes (``split``).
MIN_CORE_SHARE = 0.5  # the layer-shaped readings are at least this share of all ...
TOPIC_MIN_LAYER = 6  # ... and, in a text about pronunciation, at least this many
MIN_CONSISTENT = 0.5  # share of repeated annotated characters annotated at every occurrence
ITEM_MAX = 4  # Han characters of a short item: a list entry, a quoted word
_LIST_REACH = 3 * ITEM_MAX + 12  # from one list entry's reading to the next's (item, bracket, separator)
_READ_VERBS = "读讀念唸"
_QUOTE_OPEN = "“「『‘\"«"
_QUOTE_CLOSE = "”」』’\"»"
_LIST_SEPARATORS = frozenset("、，,；;/／ \u3000")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_BRACKETED = "(?:[(（\\[［][^()（）\\[\\]［］\\n]{1,48}[)）\\]］])?"


@lru_cache(maxsize=1)
def _statement_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """How an author talks about one character: quoted alone (``“盖”``); said to be read like
    another (``盖读“葛”``, ``璇音同“旋”``, ``員念作“運”``), where a reading may sit after the
    character (a layer puts one there); and given a reading that the sentence then says is
    misread (``把确凿(záo)读成zuò``, ``凿(záo)，不读zuò``).  Not ``X(r)读`` alone: 朗读, 纪念
    are words."""
    q_open, q_close = re.escape(_QUOTE_OPEN), re.escape(_QUOTE_CLOSE)
    quoted = re.compile(f"[{q_open}]([{_HAN}]){_BRACKETED}[{q_close}]")
    read_as = re.compile(f"([{_HAN}])({_BRACKETED})(?:[{_READ_VERBS}][作成如若]?|音同|音如)"
                         f"[{q_open}]([{_HAN}])[{q_close}]")
    said = re.compile(f"([{_HAN}])[(（\\[［][^()（）\\[\\]［］\\n]{{1,48}}[)）\\]］][，,]?"
                      f"(?:不?[{_READ_VERBS}][成作为為]|不[{_READ_VERBS}])")
    return quoted, read_as, said


@dataclass
class _Context:
    """What the whole document says about its readings, for the per-reading decision."""

    discussed: set[str]  # characters the author talks about
    contradicted: set[tuple[str, str]]  # (character, syllable) a reading gives against the author's word
    conflicted: set[str]  # characters given two different syllables


def _context(text: str, found: list[Reading]) -> _Context:
    """The characters ``text`` talks about, the readings that contradict it, and the
    characters ``found`` gives two syllables (one regex pass each, one loop)."""
    quoted, read_as, said = _statement_res()
    discussed = {m.group(1) for m in quoted.finditer(text)}
    discussed.update(m.group(1) for m in said.finditer(text))
    contradicted: set[tuple[str, str]] = set()
    for m in read_as.finditer(text):
        char, bracket, like = m.groups()
        discussed.add(char)
        parsed = parse(bracket[1:-1]) if bracket else None
        if parsed is not None and parsed.style in (TONED, TONELESS, NUMBER):
            syllable = _toneless(parsed.body).rstrip("012345")
            if syllable not in {_toneless(r) for r in forms(like).toned}:
                contradicted.add((char, syllable))  # 盖(gài)读“葛”: the author reads 盖 gě, not gài
    first: dict[str, str] = {}
    conflicted: set[str] = set()
    for start, _end, width, _style, parsed, _everyday in found:
        chars = text[start - width:start]
        plain = _toneless(parsed.body).rstrip("012345")
        if first.setdefault(chars, plain) != plain:
            conflicted.add(chars)
    return _Context(discussed, contradicted, conflicted)


def _item(text: str, r: Reading) -> tuple[bool, bool, str, str]:
    """The short item around reading ``r``: ``(short, exact, left boundary, right boundary)``.

    A short item is at most ``ITEM_MAX`` Han characters between item boundaries (a list
    entry ``金(jīn)、``, a quoted word ``“丽水(líshuǐ)”``, a drill ``爸(bà)爸 ``); exact when
    the reading covers all of it.  A reading on one character of a longer run is mid-word.
    """
    start, end, width = r[START], r[END], r[WIDTH]
    if _spaced(text, end):
        end += 1
    n = len(text)
    head = start - width
    while head > 0 and start - head <= ITEM_MAX and ("\u4e00" <= text[head - 1] <= "\u9fff" or is_han(text[head - 1])):
        head -= 1
    left = text[head - 1] if head > 0 else "\n"
    if left not in _ITEM_BOUNDARY:  # mid-word: most readings of a layer end here
        return False, False, left, ""
    tail = end
    room = ITEM_MAX - (start - head)
    while tail < n and tail - end <= room and ("\u4e00" <= text[tail] <= "\u9fff" or is_han(text[tail])):
        tail += 1
    right = text[tail] if tail < n else "\n"
    short = right in _ITEM_BOUNDARY and tail - end <= room
    return short, short and head == start - width and tail == end, left, right


def _note_reason(text: str, r: Reading, ctx: _Context, whole_item: bool, in_list: bool) -> str | None:
    """Why reading ``r`` looks like an author's note, or ``None`` when it has the layer's
    shape (an everyday character, its usual use, mid-word).  ``whole_item``: it covers a
    whole list entry or quoted word; ``in_list``: it stands in a series of short items
    that all carry readings (``如一(yí)定、一(yí)样``, ``爸(bà)爸 妈(mā)妈``)."""
    start, width, parsed = r[START], r[WIDTH], r[PARSED]
    chars = text[start - width:start]
    if (chars, _toneless(parsed.body).rstrip("012345")) in ctx.contradicted:
        return None
    if width > 1:
        return "name glosses" if parsed.capitalised else "word readings"
    if parsed.capitalised:
        return "capitalised readings"
    if chars in ctx.conflicted:
        return "polyphones given several readings"
    if not is_common(chars):
        return "rare characters"
    if chars in ctx.discussed:
        return "characters the text talks about"
    if whole_item:
        return "list items or quoted words"
    return "readings in a list" if in_list else None


def _consistency(text: str, found: list[Reading], core: list[Reading]) -> tuple[int, int]:
    """Of (at most ``SAMPLE``) characters of ``core`` that occur more than once in ``text``:
    how many there are, and how many carry a reading at every occurrence.  A converter
    annotates a character wherever it prints it; an author at its first mention."""
    annotated: dict[str, int] = {}
    for r in found:
        if r[WIDTH] == 1:
            char = text[r[START] - 1]
            annotated[char] = annotated.get(char, 0) + 1
    chars = list(dict.fromkeys(text[r[START] - 1] for r in core if r[WIDTH] == 1))[:SAMPLE]
    repeated = everywhere = 0
    for char in chars:
        occurrences = text.count(char)
        if occurrences >= 2:
            repeated += 1
            everywhere += annotated[char] >= occurrences
    return repeated, everywhere


def split(text: str, found: list[Reading], decision: Decision) -> tuple[list[Reading], Decision]:
    """A document of notes can still carry a layer: decide reading by reading.

    Each reading that fits an author's note stays (``_note_reason``: rare or polyphonic
    characters, the characters the text talks about, list items, quoted words, word
    readings and names).  The rest goes when it is a layer by itself: the checks of a
    whole-document layer, most of the readings, each repeated character annotated at every
    occurrence (``_consistency``), and in a text about pronunciation at least
    ``TOPIC_MIN_LAYER`` of them.  A reading that contradicts what the text says of
    the character (``盖(gài)读“葛”``) is the layer's, wherever it stands.
    """
    ctx = _context(text, found)
    items = [_item(text, r) for r in found]
    reasons: list[str | None] = []
    for i, r in enumerate(found):
        short, whole, left, right = items[i]
        # A neighbouring reading in a short item too, across a list separator.
        in_list = short and any(
            0 <= j < len(found) and items[j][0] and abs(found[j][START] - r[START]) <= _LIST_REACH
            and (right if j > i else left) in _LIST_SEPARATORS
            for j in (i - 1, i + 1))
        reasons.append(_note_reason(text, r, ctx, whole, in_list))
    core = [r for r, why in zip(found, reasons) if why is None]
    kept: dict[str, int] = {}
    for why in reasons:
        if why is not None:
            kept[why] = kept.get(why, 0) + 1
    kept_why = ", ".join(f"{n} {why}" for why, n in sorted(kept.items(), key=lambda kv: -kv[1]))
    if not core:
        return [], Decision(decision.verdict, f"{decision.why}; reading by reading, all look like "
                            f"the author's: {kept_why}", decision.figures)
    _figures, checks = _layer_checks(text, core, whole=False)
    failed = [bad for ok, _good, bad in checks if not ok]
    topic = _topic_re().search(text)
    if len(core) < MIN_CORE_SHARE * len(found) and len(core) < MANY:
        failed.append(f"only {len(core)} of {len(found)} readings have the layer's shape")
    repeated, everywhere = _consistency(text, found, core)
    if repeated >= 2 and everywhere < MIN_CONSISTENT * repeated:
        failed.append(f"only {everywhere} of {repeated} repeated characters are annotated at every "
                      "occurrence (an author's first-mention notes)")
    if topic and len(core) < TOPIC_MIN_LAYER:
        failed.append(f"a text about pronunciation (it says {topic.group()}) with {len(core)} "
                      f"layer-shaped readings (< {TOPIC_MIN_LAYER})")
    elif topic and not everywhere and len(core) < MANY:
        # Its exercises annotate everyday characters mid-word too: a layer must show itself
        # by annotating some character again wherever it occurs.
        failed.append(f"a text about pronunciation (it says {topic.group()}) where no character "
                      "is annotated at each of its occurrences")
    if failed:
        return [], Decision(decision.verdict, f"{decision.why}; reading by reading: " + "; ".join(failed)
                            + (f" (the author's: {kept_why})" if kept_why else ""), decision.figures)
    why = f"{len(core)} of {len(found)} readings are a layer: " + "; ".join(g for _ok, g, _bad in checks)
    if kept_why:
        why += f"; kept as the author's: {kept_why}"
    return core, Decision("layer", why, {**decision.figures, "layer_readings": len(core)})


# Styles that belong to a layer of the given dominant style.  A neutral-tone reading (們(men))
# fits any pinyin layer, a numbered one too: converters write the neutral tone without a digit
# (pypinyin's ``TONE3``: 的(de), 們(men)); a toned note in a toneless layer is the author's.
_LAYER_STYLES = {
    TONED: frozenset((TONED, NEUTRAL, DAMAGED)),
    DAMAGED: frozenset((DAMAGED, DAMAGED_SOUND, NEUTRAL, TONED)),
    TONELESS: frozenset((TONELESS, NEUTRAL)),
    NEUTRAL: frozenset((TONELESS, NEUTRAL)),
    NUMBER: frozenset((NUMBER, NEUTRAL)),
    ZHUYIN: frozenset((ZHUYIN,)),
}


def _dominant_style(sample: list[Reading]) -> str:
    """The style most readings of ``sample`` are written in (neutral tones fit any)."""
    counts: dict[str, int] = {}
    for r in sample:
        if r[STYLE] not in (NEUTRAL, DAMAGED_SOUND):
            counts[r[STYLE]] = counts.get(r[STYLE], 0) + 1
    return max(counts, key=counts.__getitem__) if counts else NEUTRAL


def _layer_members(text: str, found: list[Reading]) -> tuple[list[Reading], str]:
    """The readings that look like the layer (its dominant style, its capitalisation), and
    that style.

    A capitalised proper-name reading in a lower-case layer stays; so does a one-letter
    damaged reading (``(b)``) in a layer whose accents are intact.  In a toned or numbered
    layer a toneless reading inside a word is the word's neutral tone (``這(zhè)個(ge)``,
    ``東西(xi)``, ``差不(bu)多``): it goes; one at the start of a word (``叫“砼(tong)”``) is
    the author's.
    """
    sample = _sample(found)
    style = _dominant_style(sample)
    allowed = _LAYER_STYLES[style]
    capitals = sum(r[PARSED].capitalised for r in sample) * 2 > len(sample)
    return [r for r in found if (r[STYLE] in allowed or (style in (TONED, NUMBER) and _neutral_in_word(text, r)))
            and (capitals or not r[PARSED].capitalised)
            and (r[STYLE] != DAMAGED or style == DAMAGED or len(r[PARSED].body) >= 2)], style


def _neutral_in_word(text: str, r: Reading) -> bool:
    """A toneless reading of one everyday character that is not the first of its word: the
    character before is Han, or the end of another reading (``這(zhè)個(ge)``)."""
    if r[STYLE] != TONELESS or r[WIDTH] != 1 or r[START] < 2:
        return False
    before = text[r[START] - 2]
    return (is_han(before) or before in ")）]］") and is_common(text[r[START] - 1])


@lru_cache(maxsize=1)
def _cut_off_re() -> re.Pattern[str]:
    """A reading the end of the text cut off (``共同富(f``)."""
    return re.compile(f"([{_HAN}])[(（\\[［]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,8}})\\Z")


def _strays(text: str, layer: list[Reading], style: str, after_letter: list[int]) -> list[Reading]:
    """Readings of a proven pinyin layer that ``find_readings`` cannot verify because the
    character they read is gone: garbled into a Latin letter between two Han characters
    (``after_letter``; the reading must be a syllable of the dictionary in the layer's
    ``style``, followed by a Han character), or cut off by the end of the text (it must
    begin one of the character's readings).  Only a layer claims them: alone, ``W(xué)``
    could be anything."""
    if style not in (TONED, TONELESS, NEUTRAL):
        return []
    allowed = _LAYER_STYLES[style]
    out: list[Reading] = []
    if after_letter:
        syllables = toneless_syllables()
        candidate = _candidate_re()
        for start in after_letter:
            m = candidate.match(text, start)
            if m is None:  # each start was a candidate's (``find_readings``)
                continue
            end = m.end()
            if end >= len(text) or not is_han(text[end]) or text[end - 1] not in _OPEN_CLOSE[text[start]]:
                continue
            parsed = parse(m.group(1))
            if parsed is None or parsed.style not in allowed or _toneless(parsed.body) not in syllables:
                continue
            out.append((start, end, 1, parsed.style, parsed, True))
    base = max(0, len(text) - 16)
    tail = text[base:].rstrip()
    m = _cut_off_re().search(tail)
    if m:
        # The cut may fall before the accented letter (富(f for fù): toneless so far.
        parsed = parse(m.group(2))
        if parsed is not None and (parsed.style in allowed or parsed.style == TONELESS and style == TONED):
            own = forms(m.group(1))
            if any(form.startswith(parsed.body) for form in own.toned | own.toneless):
                out.append((base + m.start() + 1, base + m.end(), 1, parsed.style, parsed, True))
    return out


def _doubled(text: str, layer: list[Reading]) -> list[Reading]:
    """A layer's reading that the converter printed twice (``奮(fen)(fen)``): the copy right
    after a reading of the layer, the same letters in the same brackets.  Once the first
    goes, the copy reads the character again, and a second run would take it: the layer's
    own, so the first run takes it too (strip is idempotent)."""
    out: list[Reading] = []
    candidate = _candidate_re()
    for r in layer:
        reading = text[r[0]:r[1]]
        end = r[1]
        while text.startswith(reading, end):
            m = candidate.match(text, end)
            if m is None or m.end() != end + len(reading):
                break
            out.append((end, m.end(), r[2], r[3], r[4], True))
            end = m.end()
    return out


@dataclass
class Detection:
    """What ``detect`` found: the text without the removed spans, the removals, and the
    per-document figures and verdict."""

    text: str
    removals: Sequence[Removal]
    info: dict


def detect(text: str, mode: str = "auto") -> Detection:
    """The one detector of reading-annotation layers (used by strip, annotations, check).

    ``mode``: ``auto`` removes a layer and keeps an author's notes; ``all`` removes every
    verified reading; ``none`` removes nothing.  A removal spans the bracketed reading
    and, when nearly every reading of the layer has one, the converter's space after it.
    """
    if mode not in MODES:
        raise ValueError(f"annotations mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "none":
        return Detection(text, [], {"mode": mode, "verdict": "off", "why": "annotations mode none"})
    if "(" not in text and "（" not in text and "[" not in text and "［" not in text:
        return Detection(text, [], {"mode": mode, "verdict": "none", "why": "no brackets", "verified": 0})
    after_letter: list[int] = []
    found = find_readings(text, after_letter)
    decision = decide(text, found)
    chosen: list[Reading] = []
    style = ""
    if mode == "all" and found:
        decision = Decision("forced", "annotations mode all", decision.figures)
        chosen = found
    elif decision.verdict == "layer":
        chosen, style = _layer_members(text, found)
    elif mode == "auto" and decision.verdict == "notes":
        core, decision = split(text, found, decision)
        if core:
            chosen, style = _layer_members(text, core)
    if chosen and style:
        strays = _strays(text, chosen, style, after_letter) + _doubled(text, chosen)
        if strays:
            chosen = sorted(chosen + strays)
            decision.figures["strays"] = len(strays)
            decision.why += (f"; {len(strays)} more of the layer's readings after a garbled "
                             "character, cut off by the end or printed twice")
    if not chosen:
        return Detection(text, [], decision.info(mode, 0, 0))
    sample = _sample(chosen)
    spaced = _share(sum(_spaced(text, r[END]) for r in sample), len(sample))
    decision.figures["spaced"] = spaced
    drop_spaces = spaced >= SPACE_SHARE and len(chosen) >= 2
    # The hot loop of a dense layer (one pass per removal): bare spans; the Removal
    # records are built only if someone reads them (``report.Removals``).
    # In a layer found on the whole document, a rare character or a word given its reading
    # as a whole list item or quoted word (“砼(tóng)”, “餄餎(héle)”) is still the author's.
    keep_items = mode == "auto" and decision.verdict == "layer" and "layer_readings" not in decision.figures
    words_are_notes = decision.figures.get("coverage", 1) < WORD_COVERAGE
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    add_span, add_part = spans.append, parts.append
    pos = spaces = kept = 0
    for r in chosen:
        start, end = r[0], r[1]
        if keep_items and not r[5] and (words_are_notes or r[2] == 1) and _item(text, r)[1]:
            kept += 1
            continue
        if drop_spaces and _spaced(text, end):
            end += 1
            spaces += 1
        add_span((start, end))
        add_part(text[pos:start])
        pos = end
    add_part(text[pos:])
    if kept:
        decision.why += f"; kept {kept} rare characters or words given as a list item or quoted word"
    return Detection("".join(parts), Removals.of_spans(STEP, REASON, text, spans),
                     decision.info(mode, len(spans), spaces))


def remove_annotations(text: str, mode: str = "auto") -> StepOutput:
    """The ``annotations`` step: ``text`` without its reading-annotation layer.

    ``傳(chuan) 統產(chan) 業(ye)`` -> ``傳統產業``; ``(二(èr))聚焦`` -> ``(二)聚焦``; an author's
    ``犇(bēn)、淼(miǎo)`` stays.  ``info`` holds the density figures and the verdict.
    """
    found = detect(text, mode)
    removals = found.removals
    # Readings kept beside a layer (another style, capitalised names) are decided again on
    # the text without the layer, as a second run would: the step is idempotent.
    for _ in range(2):
        if not found.removals or mode != "auto" or found.info.get("verified", 0) <= found.info.get("removed", 0):
            break  # nothing removed, or every verified reading went: a second run finds nothing
        again = detect(found.text, mode)
        if not again.removals:
            break
        removals = compose_removals(text, removals, again.removals)
        found = Detection(again.text, removals, found.info)
    return StepOutput(found.text, removals, found.info)
