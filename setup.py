"""Build of corpus-clean: the cleaning steps' modules compiled to C with mypyc, when it can.

Everything else is in pyproject.toml.  The steps are Python run once per line of every
document (the chrome step asks a few dozen questions of each); mypyc compiles the same typed
source to a C extension that runs it about 1.6x as fast, with the same results (the tests
run on the compiled modules).  The source stays the source: with
``CORPUS_CLEAN_PURE_PYTHON=1``, without a C compiler, or where mypyc is missing, the package
installs as plain Python and behaves the same, only slower.
"""
from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules of the per-line loops (``make bench`` rows: chrome, annotations, markup,
# layout) and what they call per line.
COMPILED = [
    "corpus_clean/chrome.py",
    "corpus_clean/chrome_page.py",
    "corpus_clean/chrome_lines.py",
    "corpus_clean/chrome_rules.py",
    "corpus_clean/line_evidence.py",
    "corpus_clean/annotations.py",
    "corpus_clean/readings.py",
    "corpus_clean/markup.py",
    "corpus_clean/layout.py",
]


class OptionalBuildExt(build_ext):
    """A failed compile (no compiler, no Python headers) leaves the pure-Python package: the
    modules compiled before the failure are removed too (they share one C library)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as err:  # noqa: BLE001 - any build failure falls back
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            print(f"corpus-clean: not compiled ({err}); installing pure Python", file=sys.stderr)


def extensions() -> list:
    if os.environ.get("CORPUS_CLEAN_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    # type errors in the modules they import (the I/O layer, stub-less libraries) are not
    # theirs to fail on: only the compiled modules are checked
    try:
        return mypycify(["--ignore-missing-imports", "--follow-imports=silent", *COMPILED],
                        opt_level="3", group_name="corpus_clean")
    except (Exception, SystemExit) as err:  # noqa: BLE001 - mypyc exits on a type error
        print(f"corpus-clean: not compiled (mypyc: {err}); installing pure Python", file=sys.stderr)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
