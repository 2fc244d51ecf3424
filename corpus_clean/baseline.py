"""Adopting ``check`` on a corpus that is not clean yet: a baseline and per-file ignores.

A *baseline* (``check --baseline FILE --write-baseline``) records the findings of today's
corpus; later runs with ``--baseline FILE`` report and count only findings that are not in
it.  A finding is recorded by its fingerprint: rule, file, JSONL record id and a hash of the
text of the line it is on (not the line number), so a finding whose line moves (text
inserted above it, records reordered) still matches, and one whose line changes is new.
Each fingerprint keeps a count: a baselined line repeated once more is one new finding.

*Per-file ignores* (``per-file-ignores`` in the configuration, as ruff's) switch rules off
for the files that match a glob.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import IO

from .errors import InputError
from .findings import Finding, matches
from .io import load_json_file

FORMAT = "corpus-clean-baseline"
VERSION = 1


def fingerprint(f: Finding, context: str) -> str:
    """A finding's identity that survives moved lines: rule, file, record and line text."""
    key = "\0".join((f.rule, f.file, f.record or "", context))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def line_at(text: str, offset: int) -> str:
    """The whole line of ``text`` that holds character ``offset`` (without its newline)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)]


class Baseline:
    """The fingerprints of a baseline file, each with how many findings it still covers."""

    def __init__(self, counts: Counter[tuple[str, str, str]] | None = None):
        # (rule, file, fingerprint) -> findings it covers
        self.counts: Counter[tuple[str, str, str]] = counts or Counter()

    @classmethod
    def load(cls, path: str) -> Baseline:
        data = load_json_file(path, "baseline file", "a corpus-clean baseline",
                              hint=" (write one with --write-baseline)")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"{path}: not a corpus-clean baseline (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise InputError(f"{path}: baseline version {data.get('version')!r}; this corpus-clean "
                             f"reads version {VERSION} (write it again with --write-baseline)")
        counts: Counter[tuple[str, str, str]] = Counter()
        entries = data.get("findings")
        if not isinstance(entries, list):
            raise InputError(f"{path}: 'findings' must be a list")
        for i, entry in enumerate(entries, 1):
            try:
                key = (entry["rule"], entry["file"], entry["fingerprint"])
                count = entry.get("count", 1)
            except (KeyError, TypeError, AttributeError):
                raise InputError(f"{path}: finding {i} needs 'rule', 'file' and 'fingerprint'") from None
            if not all(isinstance(k, str) for k in key) or not isinstance(count, int) or count < 1:
                raise InputError(f"{path}: finding {i}: strings and a whole count >= 1 expected")
            counts[key] += count
        return cls(counts)

    def take(self, f: Finding) -> bool:
        """Whether ``f`` is in the baseline; each entry covers as many findings as its count."""
        key = (f.rule, f.file, f.fingerprint or "")
        if self.counts.get(key, 0) > 0:
            self.counts[key] -= 1
            return True
        return False

    @staticmethod
    def write(out: IO[str], findings: Iterable[Finding]) -> int:
        """Write the baseline of ``findings`` (sorted, so it diffs well); return how many."""
        counts = Counter((f.rule, f.file, f.fingerprint or "") for f in findings)
        entries = [{"rule": rule, "file": file, "fingerprint": fp, "count": n}
                   for (rule, file, fp), n in sorted(counts.items())]
        # One finding a line: a re-written baseline diffs by finding in a pull request.
        out.write(f'{{"format": "{FORMAT}", "version": {VERSION}, "findings": [')
        out.write(",".join("\n  " + json.dumps(e, ensure_ascii=False) for e in entries))
        out.write("\n]}\n" if entries else "]}\n")
        return sum(counts.values())


class PerFileIgnores:
    """``per-file-ignores``: (file glob, rule patterns) pairs; a glob matches the path as
    reported, the path relative to the configuration file's folder, or the file name."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]] = (), root: str | None = None):
        self.entries = tuple(entries)
        self.root = root
        self._cache: dict[str, tuple[str, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.entries)

    def _rules_for(self, path: str) -> tuple[str, ...]:
        rules = self._cache.get(path)
        if rules is None:
            names = {path, path.replace(os.sep, "/"), os.path.basename(path)}
            if self.root is not None and not path.startswith("<"):
                names.add(os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/"))
            rules = tuple(rule for glob, patterns in self.entries
                          if any(fnmatch.fnmatchcase(name, glob) for name in names) for rule in patterns)
            self._cache[path] = rules
        return rules

    def ignores(self, f: Finding) -> bool:
        return any(matches(pattern, f.rule) for pattern in self._rules_for(f.file))
