"""OpenCC's conformance suite, run through corpus_clean's converter.

Imported by tests/test_convert.py, and run as a script by the CI step that checks the
pure-Python backend: ``python tests/opencc_suite.py [--expect-own-output]`` prints the pass
rate per configuration and exits non-zero when conversions fail that should not.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

SUITE = pathlib.Path(__file__).resolve().parent / "data" / "opencc" / "testcases.json"


def load_cases() -> list[tuple[str, str, str, str]]:
    """(case id, configuration, input, expected) for every expectation of the suite."""
    text = re.sub(r",(\s*[}\]])", r"\1", SUITE.read_text(encoding="utf-8"))
    return [(case["id"], config, case["input"], expected)
            for case in json.loads(text)["cases"]
            for config, expected in case["expected"].items()]


def run_suite() -> dict[str, list[int]]:
    """Per configuration: [passed, total, unavailable]."""
    from corpus_clean.convert import ConversionError, convert

    table: dict[str, list[int]] = {}
    for _, config, source, expected in load_cases():
        row = table.setdefault(config, [0, 0, 0])
        row[1] += 1
        try:
            row[0] += convert(source, config) == expected
        except ConversionError:
            row[2] += 1
    return table


def own_output_mismatches() -> list[str]:
    """Cases where corpus_clean's converter differs from calling the backend directly."""
    import opencc

    from corpus_clean.convert import ConversionError, convert

    bad = []
    for case_id, config, source, _ in load_cases():
        try:
            ours = convert(source, config)
        except ConversionError:
            continue
        if ours != opencc.OpenCC(config).convert(source):
            bad.append(f"{case_id} {config}")
    return bad


def main() -> int:
    from corpus_clean.convert import backend

    table = run_suite()
    matched = sum(r[0] for r in table.values())
    total = sum(r[1] for r in table.values())
    print(backend().describe())
    for config, (ok, n, missing) in sorted(table.items()):
        note = f" ({missing} without the configuration)" if missing else ""
        print(f"  {config:6} {ok:3}/{n:3} as OpenCC expects{note}")
    print(f"OpenCC conformance: {matched}/{total} expectations met ({matched / total:.1%})")
    if "--expect-own-output" in sys.argv:
        bad = own_output_mismatches()
        print(f"corpus_clean vs the backend called directly: {len(bad)} differences")
        if bad:
            print("  " + ", ".join(bad[:20]))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
