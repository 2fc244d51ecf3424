"""Cross-document boilerplate: lines that a site repeats on every page.

A site's "about us" paragraph, its name and its footer recur in many documents of a corpus
while an article's lines do not.  As in CCNet's ``dedup.py``, lines are normalised (case,
digits, white space) and hashed; ``learn`` counts in how many documents each hash occurs in
one streaming pass, and ``load_table`` turns the counts into the set of hashes that the
chrome step removes (those seen in at least ``min_docs`` documents).

Memory is bounded: the table keeps at most ``max_entries`` hashes (8 bytes of key each);
when it is full, hashes seen in only one document are dropped, since a line that first
appears after that point can still reach ``min_docs`` only if it is frequent.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import IO

from . import lazy_re
from .errors import InputError

MIN_LINE_CHARS = 5
DEFAULT_MAX_ENTRIES = 4_000_000
_HEADER = "# corpus-clean boilerplate table"
_DIGITS = lazy_re.compile(r"\d+")
_SPACE = lazy_re.compile(r"\s+")


def normalise(line: str) -> str:
    """The form in which two renderings of the same template line compare equal."""
    return _SPACE.sub(" ", _DIGITS.sub("0", line.strip().lower()))


def line_hash(line: str) -> int:
    """A stable 64-bit hash of the normalised line (the same in every process and run)."""
    digest = hashlib.blake2b(normalise(line).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _document_hashes(text: str) -> set[int]:
    return {line_hash(line) for line in text.split("\n") if len(line.strip()) >= MIN_LINE_CHARS}


def learn(texts: Iterable[str], max_entries: int = DEFAULT_MAX_ENTRIES) -> tuple[dict[int, int], int]:
    """Count, for every line hash, the number of documents it occurs in."""
    counts: dict[int, int] = {}
    documents = 0
    for text in texts:
        documents += 1
        for h in _document_hashes(text):
            counts[h] = counts.get(h, 0) + 1
        if len(counts) > max_entries:
            counts = {h: n for h, n in counts.items() if n > 1}
    return counts, documents


def write_table(out: IO[str], counts: dict[int, int], documents: int) -> None:
    """Write the hashes seen in two or more documents, most frequent first."""
    out.write(f"{_HEADER}: {documents} documents; columns: line hash (hex), documents\n")
    for h, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n > 1:
            out.write(f"{h:016x}\t{n}\n")


def load_table(path: str, min_docs: int) -> frozenset[int]:
    """The hashes of ``path`` (written by ``write_table``) seen in ``min_docs`` or more documents."""
    hashes = set()
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.startswith("#") or not line.strip():
                    continue
                try:
                    key, count = line.split("\t")
                    if int(count) >= min_docs:
                        hashes.add(int(key, 16))
                except ValueError:
                    raise InputError(f"{path}:{number}: not a boilerplate table line "
                                     "(expected 'hash<TAB>count')") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a boilerplate table (not UTF-8 text)") from None
    return frozenset(hashes)
