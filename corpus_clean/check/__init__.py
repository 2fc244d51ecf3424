"""Scan a corpus for dirt without changing it: the engine of ``corpus-clean check``.

Detection is shared with ``strip`` (the dolma idea): a document goes through the very
pipeline ``strip`` runs, whose removals are located in the *raw* text, and each removal
becomes a finding.  A step added to the pipeline (chrome, annotations...) is checked without
a line of code here; its reasons are the rule ids.  What ``strip`` cannot repair
(mojibake, U+FFFD, mixed script, unreadable files and records, empty and duplicated
documents) is detected here.  One module per concern:

- ``scan``: one document's findings (``scan_text``);
- ``inputs``: which files a folder walk checks, unreadable files and bad records as findings;
- ``gate``: a whole run's counts, the gate, and the ``Checker`` that streams documents
  through ``parallel.ordered_map`` (memory holds a batch of documents and one 16-byte hash
  per distinct document, for exact duplicates).
"""
from .gate import Checker, Gate, Stats
from .inputs import DEFAULT_GLOBS, expand_paths
from .scan import Hit, ScanConfig, quote, scan_text, script_verdict

__all__ = ["DEFAULT_GLOBS", "Checker", "Gate", "Hit", "ScanConfig", "Stats", "expand_paths", "quote",
           "scan_text", "script_verdict"]
