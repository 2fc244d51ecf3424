#!/usr/bin/env bash
# Second CI step: corpus-clean with the pure-Python OpenCC backend (opencc-python-reimplemented),
# installed as pure Python too (CORPUS_CLEAN_PURE_PYTHON=1: no module compiled by mypyc).
# Both backends install a module named `opencc`, so this runs in its own throw-away venv.
# It reports the backend's pass rate on OpenCC's conformance suite and fails when
# corpus_clean's converter differs from that backend's own output, or when the pure-Python
# package cleans a seed page differently from the compiled one's expected output.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
pip="$tmp/venv/bin/pip --quiet --disable-pip-version-check"
CORPUS_CLEAN_PURE_PYTHON=1 $pip install "$repo"
$pip uninstall --yes opencc
$pip install opencc-python-reimplemented
cd "$tmp"
"$tmp/venv/bin/corpus-clean" convert --version-info
"$tmp/venv/bin/python" "$repo/tests/opencc_suite.py" --expect-own-output
"$tmp/venv/bin/python" - "$repo/seeds" <<'PY'
import pathlib, re, sys
import corpus_clean.chrome
from corpus_clean import clean
assert corpus_clean.chrome.__file__.endswith(".py"), corpus_clean.chrome.__file__
seeds = pathlib.Path(sys.argv[1])
fold = lambda t: re.sub(r"\s+", " ", t).strip()
bad = [p.name for p in sorted((seeds / "raw").glob("*.txt"))
       if fold(clean(p.read_text(encoding="utf-8"))) != fold((seeds / "expected" / p.name).read_text(encoding="utf-8"))]
print(f"pure-Python package: {5 - len(bad)}/5 seeds exact")
sys.exit(f"pure Python differs on {bad}" if bad else 0)
PY
