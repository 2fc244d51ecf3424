"""Write the built-in rules' needles table (``corpus_clean/rules/chrome-needles.txt``).

    python tools/build_needles.py        (``make needles``; after an edit of rules/chrome.txt)

The chrome step asks a line only of the rule sections one of whose needles the line holds
(``chrome_rules.RuleSet._candidates``), and compiles a section on first use.  The needles are
read from each pattern's parse tree, which for the built-in file takes a tenth of a second:
start-up reads them from this table instead.  tests/test_chrome.py checks that it is
up to date.
"""
from __future__ import annotations

import os
import sys
from importlib import resources

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from corpus_clean.chrome_rules import _BUILTIN_RULES, NEEDLES_FILE, needles_table, parse_rules


def main() -> None:
    text = resources.files("corpus_clean").joinpath("rules/chrome.txt").read_text(encoding="utf-8")
    table = needles_table(parse_rules(text, _BUILTIN_RULES, lazy=True))
    path = os.path.join(os.path.dirname(__file__), "..", "corpus_clean", NEEDLES_FILE)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(table)
    os.replace(tmp, path)
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
