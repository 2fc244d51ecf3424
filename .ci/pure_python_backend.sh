#!/usr/bin/env bash
# Second CI step: corpus-clean with the pure-Python OpenCC backend (opencc-python-reimplemented).
# Both backends install a module named `opencc`, so this runs in its own throw-away venv.
# It reports the backend's pass rate on OpenCC's conformance suite and fails only when
# corpus_clean's converter differs from that backend's own output.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
pip="$tmp/venv/bin/pip --quiet --disable-pip-version-check"
$pip install "$repo"
$pip uninstall --yes opencc
$pip install opencc-python-reimplemented
cd "$tmp"
"$tmp/venv/bin/corpus-clean" convert --version-info
"$tmp/venv/bin/python" "$repo/tests/opencc_suite.py" --expect-own-output
