"""How the rule files' regular expressions are compiled and searched fast.

Three things, each the same answer as a plain search, only cheaper:

* **Anchored apart.**  A rule's patterns that can only match at the line start (``^...``)
  are compiled apart from the others: a search inside a line skips them.
* **The standard library's engine.**  ``re`` compiles about 3x faster than ``regex``, and
  compiling the rules is most of start-up.  ``\\p{Han}``, the one piece of ``regex`` syntax
  the rule files use often, is written as the Han script's ranges for ``re``; a pattern that
  needs more (a lookbehind of varying width) is compiled by ``regex``.
* **Needles.**  Most lines match no rule, and ``re`` tries a whole alternation at every
  position of a line when the alternation has no literal prefix to skip on
  (``(^|\\s)(copyright|©)…``, ``(原创认证|…).{0,80}(授权|…)``): a 400-character paragraph
  costs tens of microseconds per rule.  Every match of such a pattern contains one of a few
  literal strings (版权, copyright, ©, http…), and a search for an alternation of literals
  skips on their first characters in C, ten times faster.  A rule's floating patterns are
  searched only where one of its needles occurs (the idea of RE2's and Hyperscan's
  prefilters); an anchored pattern fails on the first characters, sooner than a prefilter.  Needles are read from the pattern's parse tree
  (``re._parser``, the standard library's own parser); a pattern it cannot read, or one with
  a branch that needs no literal, has none and is always searched.  The search ignores case,
  so needles and lines are compared casefolded.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # the parser's module names since Python 3.11
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

# The Unicode script Han, as ``regex``'s ``\p{Han}`` has it (Unicode 17; tests/test_patterns.py
# checks every range against the installed ``regex``): CJK radicals, 々 〇 〡-〩 〸-〻, the
# unified ideographs and their extensions, compatibility ideographs.
HAN_SCRIPT_RANGES = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
    "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    "\U00031350-\U00033479"
)
_HAN = ("\\p{Han}", "\\P{Han}")


def _scan(pattern: str):
    """Each position of ``pattern`` outside escapes: (index, character, in a class, group
    depth).  An escape is one item at its backslash."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        yield i, c, in_class, depth
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern.startswith("^]", i + 1) or pattern.startswith("]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3  # a leading ] is a member, not the end
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1


# What hides a ``|`` from a pattern's top level besides a group: an escape, and a character
# class (a leading ``]`` is a member).  ``_scan`` walks the same syntax character by character.
_OPAQUE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)
_GROUPING = re.compile(r"[()|]")


@lru_cache(maxsize=4096)
def is_anchored(pattern: str) -> bool:
    """Whether ``pattern`` can only match at the start of a line: it begins with ``^`` and
    has no ``|`` outside groups and character classes (``^a|b`` also matches inside).

    A pattern with nested or POSIX classes (``[[``) is taken as floating, which is always
    correct, only slower.  Asked of every rule pattern at start-up: the escapes and classes
    are cut out in C and only the brackets and bars left are walked.
    """
    if not pattern.startswith("^") or "[[" in pattern:
        return False
    depth = 0
    for m in _GROUPING.finditer(_OPAQUE.sub("", pattern)):
        c = m.group()
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth <= 0:
            return False
    return True


def _for_re(pattern: str) -> str | None:
    """``pattern`` rewritten for ``re``, or None when it needs ``regex`` (a property other
    than Han, ``\\P{Han}`` or ``\\p{Han}`` in a negated class).

    ``\\p{Han}`` becomes the script's ranges, in a group that does not ignore case
    (``(?-i:…)``): Han has no case, and ``re`` expands every character of a case-insensitive
    range when it compiles one.  A class that holds it beside other members becomes an
    alternation of the two.
    """
    if "[[" in pattern:  # nested classes: as written (``re`` refuses them, ``regex`` decides)
        return None if "\\p{" in pattern or "\\P{" in pattern else pattern
    items = list(_scan(pattern))
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)
    start = 0
    for i, c, in_class, _ in items:
        if not in_class and c == "[":
            start = i
        elif in_class and c == "]":
            members = pattern[start + 1:i]
            if _HAN[0] in members and _HAN[1] not in members and not members.startswith("^"):
                others = members.replace(_HAN[0], "")
                edits[start] = (i + 1, f"(?:(?-i:[{HAN_SCRIPT_RANGES}])" + (f"|[{others}])" if others else ")"))
        elif c == "\\" and pattern[i + 1:i + 2] in ("p", "P"):
            name = pattern[i:i + 7]
            if name not in _HAN or in_class and (name == _HAN[1] or pattern[start + 1] == "^"):
                return None
            if not in_class:
                edits[i] = (i + 7, f"(?-i:[{'^' if name == _HAN[1] else ''}{HAN_SCRIPT_RANGES}])")
    out, last = [], 0
    for begin in sorted(edits):
        end, replacement = edits[begin]
        out += [pattern[last:begin], replacement]
        last = end
    return "".join(out) + pattern[last:]


def compile_pattern(pattern: str):
    """``pattern`` compiled case-insensitive by ``re`` when it can be, else by ``regex``."""
    translated = _for_re(pattern)
    if translated is not None:
        try:
            return re.compile(translated, re.IGNORECASE)
        except re.error:
            pass
    import regex

    return regex.compile(pattern, regex.IGNORECASE | regex.V0)


# A character class of a few literal characters ("[:：]", "[版權]") can serve as needles; a
# larger one (the surnames of a byline) would make more needles than the search it saves.
_MAX_CLASS_NEEDLES = 6
_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_C, name))
# ``regex`` syntax that ``re`` does not parse, replaced (for reading needles only) by a class
# that contributes none.
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")


def _sequence_needles(items) -> frozenset[str] | None:
    """Needles of a parsed sequence: strings one of which every match of it contains, the
    most selective set among its literal runs and its required parts (None: no such set)."""
    best: tuple[tuple[int, int], frozenset[str]] | None = None

    def consider(needles: frozenset[str] | None) -> None:
        nonlocal best
        if needles:
            score = (min(map(len, needles)), -len(needles))  # long needles, few of them
            if best is None or score > best[0]:
                best = (score, needles)

    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is _C.SUBPATTERN:
            consider(_sequence_needles(av[-1]))
        elif op is _C.BRANCH:
            branches = [_sequence_needles(b) for b in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif op in _REPEATS and av[0] >= 1:
            consider(_sequence_needles(av[2]))
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            consider(_sequence_needles(av))
        elif op is _C.IN and len(av) <= _MAX_CLASS_NEEDLES and all(o is _C.LITERAL for o, _ in av):
            consider(frozenset(chr(c) for _, c in av))
        # anything else (classes, anchors, look-arounds, back-references) needs no literal
    return best[1] if best else None


def needles(patterns: list[str] | tuple[str, ...]) -> tuple[str, ...] | None:
    """The needles of an alternation of ``patterns``: every match of any of them contains
    one.  None when some pattern has none (it must always be searched)."""
    each: list[tuple[str, ...] | None] = []
    for pattern in patterns:
        readable = _PROPERTY.sub(lambda m: r"\W" if m.group().startswith("\\P") else r"\w", pattern)
        try:
            tree = _P.parse(readable, re.IGNORECASE)
        except (re.error, RecursionError, ValueError, TypeError):
            return None
        mine = _sequence_needles(tree)
        if not mine:
            return None
        each.append(tuple(n.casefold() for n in mine))
    return union_needles(each)


def union_needles(each: list[tuple[str, ...] | None] | tuple) -> tuple[str, ...] | None:
    """The needles of an alternation whose branches have the needles ``each`` (None: a
    branch without, so the alternation has none)."""
    found: set[str] = set()
    for mine in each:
        if mine is None:
            return None
        found.update(mine)
    # a needle that contains another adds nothing: the shorter one is found wherever it is
    # (shortest first, each one's substrings looked up among those kept: one that contains a
    # dropped needle contains the kept one inside that too; a section has hundreds of needles
    # of a few characters, and this is asked of every section at start-up)
    kept: set[str] = set()
    sizes: set[int] = set()
    for n in sorted(found, key=len):
        if not any(n[i:i + size] in kept for size in sizes for i in range(len(n) - size + 1)):
            kept.add(n)
            sizes.add(len(n))
    return tuple(sorted(kept, key=lambda n: (-len(n), n)))


def needle_finder(found: tuple[str, ...] | None) -> re.Pattern[str] | None:
    """One search for any of the needles: their alternation, which ``re`` scans in C on the
    set of their first characters (a rule can have 200 needles: testing each with ``in``
    costs three times as much).  None when there are no needles (always search)."""
    if found is None:
        return None
    return re.compile("|".join(map(re.escape, found)) if found else "(?!)")


def may_match(finder: re.Pattern[str] | None, folded: str) -> bool:
    """Whether casefolded text holds one of the needles (always True without them)."""
    return finder is None or finder.search(folded) is not None
