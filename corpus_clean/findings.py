"""What ``corpus-clean check`` reports: the ``Finding`` record and the rule catalogue.

A finding is one piece of dirt at one place: a rule id, where it is (file, line, column,
JSONL record id, character offset in the document), the offending text and a one-line
message.  Rule ids of removals are the pipeline's own reasons (``annotation-layer``,
``chrome:share-widget``), so a new step's reasons become check rules without code here.
The catalogue of default severities is data (``rules/check-rules.txt``), and a
``SeverityTable`` layers a project's and a run's overrides on top of it.
"""
from __future__ import annotations

import bisect
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

SEVERITIES = ("error", "warning", "note", "off")
# The keys of one finding in `check --output-format json`, in order: a documented, stable schema.
JSON_KEYS = ("rule", "severity", "file", "line", "column", "record", "offset", "step", "text", "message")


@dataclass(slots=True)
class Finding:
    """One reported problem.

    ``line``/``column`` are 1-based positions in the file (``column`` counts characters;
    ``None`` where it does not apply: JSONL records, whole-file problems).  ``offset`` is
    the character offset in the document text, ``record`` the JSONL record's ``id``.
    ``step`` names the pipeline step whose removal this is (``None`` for check's own rules).
    """

    rule: str
    file: str
    line: int | None
    column: int | None
    text: str
    message: str
    record: str | None = None
    offset: int | None = None
    step: str | None = None
    severity: str = "error"
    # Set by ``Checker`` when a baseline is read or written (see ``baseline.fingerprint``).
    fingerprint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in JSON_KEYS}


@dataclass(frozen=True)
class CatalogueEntry:
    """One line of ``rules/check-rules.txt``: a rule id (or glob), its default severity and
    what it means (not a chrome ``Rule``, which finds furniture)."""

    pattern: str
    severity: str
    description: str


@lru_cache(maxsize=1)
def catalogue() -> tuple[CatalogueEntry, ...]:
    """The default rules, read once from the commented data file shipped with the package."""
    rules = []
    text = resources.files("corpus_clean").joinpath("rules/check-rules.txt").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern, severity, description = line.split(None, 2)
        if severity not in SEVERITIES:
            raise ValueError(f"rules/check-rules.txt:{number}: unknown severity {severity!r}")
        rules.append(CatalogueEntry(pattern, severity, description))
    return tuple(rules)


def matches(pattern: str, rule: str) -> bool:
    """``chrome:*`` covers every chrome reason; other patterns are exact ids (or globs)."""
    return pattern == rule or fnmatch.fnmatchcase(rule, pattern)


_GLOB_CHARS = frozenset("*?[")


def known_rules(rule_files: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every rule id a run can report: check's own rules and each pipeline step's reasons
    (``annotation-layer``, ``chrome:<reason>`` of the built-in and ``rule_files`` sections,
    ``markup:<reason>``, the layout step's), sorted."""
    from . import chrome, markup
    from .annotations import REASON as ANNOTATION_REASON

    ids = {entry.pattern for entry in catalogue() if not _GLOB_CHARS & set(entry.pattern)}
    ids.add(ANNOTATION_REASON)
    ids.update(f"chrome:{reason}" for reason in chrome.reasons(rule_files))
    ids.update(f"markup:{reason}" for reason in markup.REASONS)
    return tuple(sorted(ids))


def unknown_rules(patterns: Iterable[str], known: tuple[str, ...]) -> list[str]:
    """The patterns that name no rule: an id that is not in ``known``, or a glob that matches
    none of them (a typo must never switch a gate off, as ruff rejects unknown codes)."""
    known_set = set(known)
    bad = []
    for pattern in patterns:
        if pattern in known_set:
            continue
        if _GLOB_CHARS & set(pattern) and any(fnmatch.fnmatchcase(rule, pattern) for rule in known):
            continue
        bad.append(pattern)
    return bad


def unknown_rules_message(where: str, bad: list[str], known: tuple[str, ...]) -> str:
    """One line: what was wrong, where, and every rule id that would have been right."""
    import difflib

    names = ", ".join(f"'{b}'" for b in bad)
    hints = [m for b in bad for m in difflib.get_close_matches(b, known, n=1)]
    hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
    # The chrome step's weighed features are one id each: named once, as their glob.
    shapes = [rule for rule in known if rule.startswith("chrome:shape-")]
    listed = [rule for rule in known if not rule.startswith("chrome:shape-")]
    if shapes:
        listed.insert(bisect.bisect(listed, "chrome:shape-"), f"chrome:shape-* ({len(shapes)} weighed features)")
    return (f"{where}: unknown rule{'s' if len(bad) > 1 else ''} {names}{hint}; "
            f"known rules: {', '.join(listed)} (globs such as 'chrome:*' also work)")


class SeverityTable:
    """Severity of each rule id: the catalogue, then overrides in order (later wins).

    ``overrides`` are ``(pattern, severity)`` pairs: a project's configuration first, then
    the command line's ``--severity``/``--enable``/``--disable``.  ``enable`` of a rule that
    is off by default gives it the severity ``warning``.
    """

    def __init__(self, overrides: Iterable[tuple[str, str]] = ()):
        self.overrides = tuple(overrides)
        self._cache: dict[str, str] = {}

    def describe(self, rule: str) -> str:
        for entry in catalogue():
            if matches(entry.pattern, rule):
                return entry.description
        return "text that strip removes"

    def default(self, rule: str) -> str:
        for entry in catalogue():
            if matches(entry.pattern, rule):
                return entry.severity
        return "error"

    def severity(self, rule: str) -> str:
        level = self._cache.get(rule)
        if level is None:
            level = self.default(rule)
            for pattern, value in self.overrides:
                if matches(pattern, rule):
                    if value == "on":
                        level = level if level != "off" else "warning"
                    else:
                        level = value
            self._cache[rule] = level
        return level
