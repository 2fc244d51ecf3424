"""The chrome step's rule files: their format, how they are parsed, and the fast search of a line.

A rule file (``rules/chrome.txt``, and a user's with ``--rules``) names furniture by its
words: sections of regular expressions under a reason (``[copyright max=80 where=edge]``).
``parse_rules`` compiles a section's patterns; ``RuleSet.match`` says which rule fires first
on a line and where its furniture starts, searching only where a rule's needles occur
(``patterns.py``), and remembers short lines, which a site's template repeats on every page.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import lazy_re
from .errors import InputError
from .patterns import compile_pattern, is_anchored, may_match, needle_finder, needles, union_needles

DEFAULT_MAX = 60


# A section is compiled whole once it has been asked this often (``Rule._alone``).
_ASKS_BEFORE_COMPILE = 32


@dataclass(frozen=True)
class Rule:
    """One section of a rule file: a reason and how its patterns apply."""

    reason: str
    # The section's patterns anchored at the line start (``^...``) and the others, as one
    # alternation each, compiled apart: a search that starts inside a line (``part`` rules
    # look at its tail) skips the anchored ones, and without them the search scans for its
    # first characters about 4x faster.  The first match either finds is where the rule's
    # match starts.  None: the section has no such patterns.
    anchored_source: str | None
    floating_source: str | None
    max_len: int
    edge_only: bool
    part: bool
    footer: bool
    source: str  # file the section came from, for --list-rules
    patterns: tuple[str, ...]  # the section's patterns as written, for --list-rules

    # The two alternations compiled, on first use: compiling the built-in rules is most of
    # start-up, and a page needs a third of them at most (``RuleSet`` asks only the rules
    # whose needles a line holds).  (Set by ``compile``, not a ``cached_property``, which a
    # module compiled by mypyc cannot cache.)
    _anchored: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    _floating: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    _compiled: bool = field(default=False, init=False, compare=False, repr=False)
    # Literals one of which every match of the floating patterns contains
    # (``patterns.needles``), found on first use: most long lines hold none and are not
    # searched.  None: always searched.
    _needles: tuple[str, ...] | None = field(default=None, init=False, compare=False, repr=False)
    _finder: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    _needles_found: bool = field(default=False, init=False, compare=False, repr=False)
    # each floating pattern with its own needles and, once a line needed it, compiled apart;
    # the anchored ones the same, searched so until the section is asked often (``_alone``)
    _parts: list | None = field(default=None, init=False, compare=False, repr=False)
    _anchored_parts: list | None = field(default=None, init=False, compare=False, repr=False)
    # each pattern's needles, in the order of ``patterns`` (from the shipped table, or read
    # from the patterns when first needed), and how often the section has been asked
    _pattern_needles: list | None = field(default=None, init=False, compare=False, repr=False)
    _asks: int = field(default=0, init=False, compare=False, repr=False)
    # The needles of all its patterns, anchored ones too (their union): a line holding none
    # of them is not asked (``RuleSet._candidates``), nor the rule compiled for it.
    _line_needles: tuple[str, ...] | None = field(default=None, init=False, compare=False, repr=False)
    _line_needles_found: bool = field(default=False, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # (mypyc's dataclasses leave a field that is not an argument unset)
        for name, value in (("_anchored", None), ("_floating", None), ("_compiled", False), ("_needles", None),
                            ("_finder", None), ("_needles_found", False), ("_parts", None),
                            ("_anchored_parts", None), ("_pattern_needles", None), ("_asks", 0),
                            ("_line_needles", None), ("_line_needles_found", False)):
            object.__setattr__(self, name, value)

    @property
    def line_needles(self) -> tuple[str, ...] | None:
        if not self._line_needles_found:
            object.__setattr__(self, "_line_needles", union_needles(self.pattern_needles()))
            object.__setattr__(self, "_line_needles_found", True)
        return self._line_needles

    def set_pattern_needles(self, found: list) -> None:
        """Each pattern's needles as the shipped table has them (``load_rules``): reading
        them from the patterns' parse trees costs start-up a tenth of a second."""
        object.__setattr__(self, "_pattern_needles", found)

    def set_line_needles(self, found: tuple[str, ...] | None) -> None:
        """The union of the patterns' needles as the shipped table has it (``load_rules``):
        ``union_needles`` over every section is a tenth of ``strip``'s start-up."""
        object.__setattr__(self, "_line_needles", found)
        object.__setattr__(self, "_line_needles_found", True)

    def pattern_needles(self) -> list:
        """Each pattern's needles (``patterns.needles``), in the order of ``patterns``."""
        if self._pattern_needles is None:
            self.set_pattern_needles([needles([p]) for p in self.patterns])
        return self._pattern_needles or []

    def _split(self) -> None:
        found = self.pattern_needles()
        anchored: list = []
        floating: list = []
        for p, mine in zip(self.patterns, found):
            # [its needles (None: always searched), the pattern, compiled on first need]
            (anchored if is_anchored(p) else floating).append([mine, p, None])
        object.__setattr__(self, "_anchored_parts", anchored)
        object.__setattr__(self, "_parts", floating)

    def _alone(self) -> bool:
        """Whether to search each pattern alone, where its own needles are, rather than the
        section's compiled alternations: until the section has been asked
        ``_ASKS_BEFORE_COMPILE`` times.  One page asks few of a section's patterns, and
        compiling the rest is most of ``strip``'s start-up; a corpus asks it thousands of
        times, and one alternation is then the faster search.  Both give the same answer."""
        if self._compiled:
            return False
        asks = self._asks + 1
        object.__setattr__(self, "_asks", asks)
        if asks <= _ASKS_BEFORE_COMPILE:
            return True
        self.compile()
        return False

    def starts_line(self, line: str, folded: str | None) -> bool:
        """Whether an anchored pattern matches at the start of ``line`` (``folded``: the line
        casefolded, as long as it, or None)."""
        if folded is not None and self._alone():
            if self._anchored_parts is None:
                self._split()
            return any(p.match(line) is not None for p in _asked(self._anchored_parts or [], folded))
        anchored = self.anchored
        return anchored is not None and anchored.match(line) is not None

    def first_start(self, line: str, pos: int, folded: str | None, base: int) -> int | None:
        """Where the floating patterns' first match in ``line[pos:]`` starts (None: none);
        ``folded`` as in ``floating_start``, or None."""
        if folded is not None and self._alone():
            return self.floating_start(line, pos, folded, base)
        floating = self.floating
        m = floating.search(line, pos) if floating is not None else None
        return None if m is None else m.start()

    def compile(self) -> None:
        """Compile both alternations (``regex.error`` for a bad pattern)."""
        object.__setattr__(self, "_anchored", compile_pattern(self.anchored_source) if self.anchored_source else None)
        object.__setattr__(self, "_floating", compile_pattern(self.floating_source) if self.floating_source else None)
        object.__setattr__(self, "_compiled", True)

    @property
    def compiled(self) -> bool:
        """Whether the section's alternations are compiled (``_alone``)."""
        return self._compiled

    @property
    def anchored(self) -> re.Pattern[str] | None:
        if not self._compiled:
            self.compile()
        return self._anchored

    @property
    def floating(self) -> re.Pattern[str] | None:
        if not self._compiled:
            self.compile()
        return self._floating

    def _find_needles(self) -> None:
        if self._parts is None:
            self._split()
        found = union_needles([part[0] for part in self._parts or ()])
        object.__setattr__(self, "_needles", found)
        object.__setattr__(self, "_finder", needle_finder(found))
        object.__setattr__(self, "_needles_found", True)

    @property
    def floating_needles(self) -> tuple[str, ...] | None:
        if not self._needles_found:
            self._find_needles()
        return self._needles

    @property
    def floating_finder(self) -> re.Pattern[str] | None:
        if not self._needles_found:
            self._find_needles()
        return self._finder

    def floating_start(self, line: str, pos: int, folded: str, base: int) -> int | None:
        """Where the floating patterns' first match in ``line[pos:]`` starts (None: none),
        for a long line in which ``floating_finder`` found a needle (and any line while the
        section is searched pattern by pattern, ``_alone``): each pattern is searched
        only where its own needles are in ``folded`` (the casefolded line from ``base`` on,
        as long as the line's), the earliest start winning as in their alternation.  A
        section's dozens of patterns in one alternation are tried at every position of the
        line, a hundred microseconds for 400 characters; most of them have no needle there."""
        if self._parts is None:
            self._split()
        best = None
        for pattern in _asked(self._parts or [], folded[pos - base:] if pos > base else folded):
            m = pattern.search(line, pos)
            if m is not None and (best is None or m.start() < best):
                best = m.start()
                if not self.part:
                    return best  # a whole-line rule only asks whether one matches
        return best


def _asked(parts: list, window: str) -> Iterator[re.Pattern[str]]:
    """The patterns of ``parts`` ([needles, pattern, compiled or None]) that ``window`` (a
    casefolded line) holds a needle of, or that have none, each compiled on first need."""
    for part in parts:
        found = part[0]
        if found is not None and not any(n in window for n in found):
            continue
        if part[2] is None:
            part[2] = compile_pattern(part[1])
        yield part[2]


# A part rule whose window is this long is searched with the others of its kind first
# (``RuleSet._wide_needles``); a narrow window is cheaper to search alone.
_WIDE_PART = 100
# Short lines seen before, with their verdict: a site's template repeats its lines on every
# page of a crawl, so most short lines of a corpus are answered without a regex search.
_MEMO_MAX_CHARS = 120
# Lines longer than this are searched only where a rule's needles occur (``patterns.py``).
_PREFILTER_MIN_CHARS = 100
_MEMO_SIZE = 50_000


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    # what the chrome step computes of a short line alone, across documents (``LineMemo``)
    line_memo: dict = field(default_factory=dict, compare=False, repr=False)
    # Only ``part`` rules can fire on a body paragraph; most lines of a corpus are body
    # paragraphs, so they skip the loop over whole-line rules.
    part_rules: tuple[Rule, ...] = field(init=False, compare=False, repr=False)
    # The footer rules alone: whether one names a paragraph is asked of the first and last
    # paragraph of every page, and most often none does (``names_footer``).
    footer_rules: tuple[Rule, ...] = field(init=False, compare=False, repr=False)
    part_window: int = field(init=False, compare=False, repr=False)  # the part rules' longest max
    # One finder for the needles of every wide part rule (``_WIDE_PART``): a paragraph's tail
    # is searched once for all of them, where each rule would search its own window; built on
    # first use.  A list: [finder] once built ([None]: a rule without needles, no shortcut).
    wide_finder: list = field(init=False, compare=False, repr=False)
    # Which rules a line may fire, by its characters: bit k of ``first_chars[c]`` is set when
    # one of rule k's needles starts with ``c``; ``always`` holds the rules without needles.
    # A line is asked only of the rules its characters name (``_candidates``), in order.
    first_chars: dict = field(init=False, compare=False, repr=False)
    always: int = field(init=False, compare=False, repr=False)
    every_bit: int = field(init=False, compare=False, repr=False)
    part_bits: int = field(init=False, compare=False, repr=False)
    footer_bits: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "part_rules", tuple(r for r in self.rules if r.part))
        object.__setattr__(self, "footer_rules", tuple(r for r in self.rules if r.footer))
        object.__setattr__(self, "part_window", max((r.max_len for r in self.part_rules), default=0))
        object.__setattr__(self, "wide_finder", [])
        first: dict[str, int] = {}
        always = part = footer = 0
        for k, rule in enumerate(self.rules):
            bit = 1 << k
            found = rule.line_needles
            if found is None:
                always |= bit
            else:
                for c in {n[0] for n in found}:
                    first[c] = first.get(c, 0) | bit
            if rule.part:
                part |= bit
            if rule.footer:
                footer |= bit
        object.__setattr__(self, "first_chars", first)
        object.__setattr__(self, "always", always)
        object.__setattr__(self, "every_bit", (1 << len(self.rules)) - 1)
        object.__setattr__(self, "part_bits", part)
        object.__setattr__(self, "footer_bits", footer)

    def _candidates(self, folded: str, among: int, n: int, edge: bool) -> list[Rule]:
        """The rules of ``among`` (bits) that may fire on a line of ``n`` characters,
        casefolded ``folded``, in rule order: a whole-line rule only on a line as short as
        its ``max`` (and at the page's edge, if it says so).  A short line is asked only of
        the rules one of whose needles begins at one of its characters, and those not yet
        compiled only if it holds one of their needles (a search of a compiled section costs
        less than that check, and compiling one a page never needs is most of start-up).
        A long line holds the first characters of most rules: each rule's own needles are
        looked for in its window (``_search``)."""
        short = n <= _PREFILTER_MIN_CHARS
        if short:
            bits = self.always
            first = self.first_chars
            for c in set(folded):
                found = first.get(c)
                if found is not None:
                    bits |= found
            bits &= among
        else:
            bits = among
        out = []
        while bits:
            low = bits & -bits
            rule = self.rules[low.bit_length() - 1]
            bits ^= low
            if not rule.part and (n > rule.max_len or (rule.edge_only and not edge)):
                continue
            if short and not rule.compiled:
                mine = rule.line_needles
                if mine is not None and not any(needle in folded for needle in mine):
                    continue
            out.append(rule)
        return out

    def _wide_needles(self) -> re.Pattern[str] | None:
        if not self.wide_finder:
            found: set[str] | None = set()
            for rule in self.part_rules:
                if rule.floating_source is None or rule.max_len < _WIDE_PART:
                    continue
                mine = rule.floating_needles
                if mine is None or found is None:
                    found = None
                    continue
                found.update(mine)
            self.wide_finder.append(needle_finder(tuple(sorted(found)) if found is not None else None))
        return self.wide_finder[0]

    def names_footer(self, line: str) -> bool:
        """Whether the first rule that fires on ``line`` (at a page's edge) is a footer rule
        (copyright, about-site...) that names it whole.  Only a footer rule can make it so:
        when none of them fires, the others are not asked."""
        if self._search(line, True, False, self.footer_bits) is None:
            return False
        hit = self.match(line, edge=True)
        return hit is not None and hit[0].footer and hit[1] == 0

    def match(self, line: str, edge: bool, body: bool = False) -> tuple[Rule, int] | None:
        """The first rule that fires on ``line`` and where its furniture starts (0 = line).

        A body paragraph can only carry furniture at its end (``part`` rules), searched in
        its last ``max`` characters; whole-line rules skip it.
        """
        if len(line) > _MEMO_MAX_CHARS:
            return self._search(line, edge, body)
        key = (line, edge, body)
        hit = self.memo.get(key, self)
        if hit is self:
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()
            hit = self.memo[key] = self._search(line, edge, body)
        return hit

    def _search(self, line: str, edge: bool, body: bool, among: int = -1) -> tuple[Rule, int] | None:
        n = len(line)
        # The line is casefolded once, a long paragraph only in the part rules' longest
        # window (a part lies in the line's last ``max`` characters), and only the rules whose
        # needles it holds are asked (``_candidates``).  In a long line each rule's needles
        # are then looked for in its own window of that (``pos`` less ``base``): case folding
        # most often keeps the length, and where it does not, each window is folded apart.
        prefilter = n > _PREFILTER_MIN_CHARS
        folded = None  # the casefolded line from ``base`` on
        base = max(0, n - self.part_window) if body else 0
        # a paragraph whose tail holds no wide part rule's needle skips their searches
        wide_absent = False
        if body and prefilter:
            folded = line[base:].casefold()
            wide = self._wide_needles()
            wide_absent = len(folded) == n - base and wide is not None and wide.search(folded) is None
        if folded is None:
            folded = line[base:].casefold()
        # what a pattern searched alone looks for its needles in (None: the lengths differ)
        aligned = folded if len(folded) == n - base else None
        for rule in self._candidates(folded, self.part_bits if body else among & self.every_bit, n, edge):
            if rule.part:
                pos = max(0, n - rule.max_len)
                if pos == 0 and rule.anchored_source is not None and rule.starts_line(line, aligned):
                    return rule, 0
                if rule.floating_source is None or (wide_absent and rule.max_len >= _WIDE_PART):
                    continue
                if prefilter:
                    finder = rule.floating_finder
                    if len(folded) == n - base:
                        if finder is not None and finder.search(folded, pos - base) is None:
                            continue
                        start = rule.floating_start(line, pos, folded, base)
                        if start is not None:
                            return rule, start
                        continue
                    if not may_match(finder, line[pos:].casefold()):
                        continue
                start = rule.first_start(line, pos, aligned, base)
                if start is not None:
                    return rule, start
                continue
            if body or n > rule.max_len or (rule.edge_only and not edge):
                continue
            if rule.anchored_source is not None and rule.starts_line(line, aligned):
                return rule, 0
            if rule.floating_source is not None:
                if prefilter:
                    if not may_match(rule.floating_finder, folded):
                        continue
                    if len(folded) == n:
                        if rule.floating_start(line, 0, folded, 0) is not None:
                            return rule, 0
                        continue
                if rule.first_start(line, 0, aligned, 0) is not None:
                    return rule, 0
        return None


class RuleError(InputError):
    """A rule file that cannot be parsed; the message names the file and line."""


_HEADER = lazy_re.compile(r"^\[([\w-]+)((?:\s+[\w-]+(?:=[\w-]+)?)*)\]\s*$")


def _expand(pattern: str, defines: dict[str, str]) -> str:
    """Replace each ``{NAME}`` of an ``@define`` in ``pattern`` (other braces are regex)."""
    for name, value in defines.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


def _add_define(line: str, defines: dict[str, str]) -> bool:
    """Whether ``line`` (stripped) is an ``@define NAME value``; its value, with the earlier
    definitions expanded, goes into ``defines``."""
    if not line.startswith("@define "):
        return False
    _, name, value = line.split(None, 2)
    defines[name] = _expand(value, defines)
    return True


def parse_rules(text: str, source: str, lazy: bool = False) -> list[Rule]:
    """Parse one rule file (format in ``rules/chrome.txt``) into compiled sections; with
    ``lazy``, each section is compiled on first use (the built-in file, which the tests
    compile whole), else now, so that a bad pattern is reported with its line."""
    sections: list[tuple[str, dict[str, str], list[tuple[int, str]], int]] = []
    defines: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _add_define(line, defines):
            continue
        line = _expand(line, defines)
        header = _HEADER.match(line)
        if header:
            opts = {}
            for item in header.group(2).split():
                key, _, value = item.partition("=")
                opts[key] = value
            sections.append((header.group(1), opts, [], number))
            continue
        if not sections:
            raise RuleError(f"{source}:{number}: a rule before any [reason] section")
        sections[-1][2].append((number, line))
    rules = []
    for reason, opts, patterns, number in sections:
        unknown = set(opts) - {"max", "where", "part", "footer"}
        if unknown:
            raise RuleError(f"{source}:{number}: unknown option {min(unknown)!r}")
        if not patterns:
            continue
        try:
            max_len = int(opts.get("max", DEFAULT_MAX))
        except ValueError:
            raise RuleError(f"{source}:{number}: max must be a number") from None
        groups: tuple[list[str], list[str]] = ([], [])
        for _, p in patterns:
            groups[0 if is_anchored(p) else 1].append(p)
        anchored, floating = ("|".join(f"(?:{p})" for p in g) if g else None for g in groups)
        rule = Rule(reason, anchored, floating, max_len, opts.get("where") == "edge", "part" in opts,
                    "footer" in opts, source, tuple(p for _, p in patterns))
        rules.append(rule)
        if lazy:
            continue
        import regex  # its errors: not imported for the built-in file (start-up)

        try:
            rule.compile()
        except regex.error:
            for line_number, p in patterns:  # name the line at fault (compiling once is cheaper)
                try:
                    regex.compile(p)
                except regex.error as err:
                    raise RuleError(f"{source}:{line_number}: bad pattern ({err})") from None
            raise
    return rules


# The source name of the rules that ship with the package (a user's file is named by its path).
_BUILTIN_RULES = "chrome.txt"


@lru_cache(maxsize=8)
def load_rules(extra_files: tuple[str, ...] = ()) -> RuleSet:
    """The built-in rules plus the users' files (their sections are tried first)."""
    rules: list[Rule] = []
    for path in extra_files:
        try:
            with open(path, encoding="utf-8") as fh:
                rules.extend(parse_rules(fh.read(), path))
        except OSError as err:
            raise RuleError(f"{path}: cannot read rule file ({err.strerror})") from None
    builtin = resources.files("corpus_clean").joinpath("rules/chrome.txt")
    shipped = shipped_needles()
    for rule in parse_rules(builtin.read_text(encoding="utf-8"), _BUILTIN_RULES, lazy=True):
        entry = shipped.get(needles_key(rule.patterns))
        if entry is not None:
            rule.set_pattern_needles(entry[0])
            rule.set_line_needles(entry[1])
        rules.append(rule)
    return RuleSet(tuple(rules))


# The built-in rules' needles (each pattern's, ``Rule._pattern_needles``), written by ``tools/build_needles.py``
# (``make needles``) whenever rules/chrome.txt changes; a section the table does not have
# (edited since) has its needles read from its patterns at start-up, the same answer.
NEEDLES_FILE = "rules/chrome-needles.txt"


def needles_key(patterns: tuple[str, ...]) -> str:
    """A section's key in the needles table: the digest of its patterns."""
    return hashlib.sha1("\n".join(patterns).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def shipped_needles() -> dict[str, tuple[list[tuple[str, ...] | None], tuple[str, ...] | None]]:
    """The needles table: a line per section, its key, a JSON list of its patterns'
    needles, each a list (null: a pattern without needles, always searched), and their
    union (``union_needles``; null: the section has a pattern without)."""
    out: dict[str, tuple[list[tuple[str, ...] | None], tuple[str, ...] | None]] = {}
    try:
        text = resources.files("corpus_clean").joinpath(NEEDLES_FILE).read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, found, union = line.split("\t")
            each = json.loads(found)
            whole = json.loads(union)
            out[key] = ([None if mine is None else tuple(mine) for mine in each],
                        None if whole is None else tuple(whole))
    return out


def needles_table(rules: list[Rule]) -> str:
    """The text of the needles table for ``rules`` (``tools/build_needles.py``)."""
    lines = ["# The needles of each pattern of each section of rules/chrome.txt: literals one of which",
             "# every match of the pattern contains (casefolded), so a line holding none is not asked",
             "# it; then their union, the section's.  Generated by tools/build_needles.py (make needles)",
             "# from the patterns; a section missing here has its needles read at start-up.",
             "# Key: SHA-1 of the section's patterns."]
    for rule in rules:
        found = rule.pattern_needles()
        union = union_needles(found)
        lines.append(needles_key(rule.patterns) + "\t"
                     + json.dumps([None if mine is None else list(mine) for mine in found], ensure_ascii=False)
                     + "\t" + json.dumps(None if union is None else list(union), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def list_rules(extra_files: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(source, reason and options, pattern) for every rule, for ``--list-rules``."""
    out = []
    for rule in load_rules(extra_files).rules:
        opts = [f"max={rule.max_len}"]
        if rule.edge_only:
            opts.append("where=edge")
        if rule.part:
            opts.append("part")
        if rule.footer:
            opts.append("footer")
        for pattern in rule.patterns:
            out.append((os.path.basename(rule.source), f"{rule.reason} {' '.join(opts)}", pattern))
    return out
