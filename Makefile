# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Pure Python instead (no compiler, or to debug): CORPUS_CLEAN_PURE_PYTHON=1 make install.
.PHONY: install bytecode demo test test-slow test-all bench eval train needles lint fuzz clean report-screenshot readme

# The editable install compiles the cleaning steps' modules with mypyc (setup.py) beside their
# source; NATIVE compiles them again whenever one of those sources is newer, so that no
# command runs a compiled module older than its source.
COMPILED := $(shell sed -n 's/^ *"\(corpus_clean\/[a-z_]*\.py\)",$$/\1/p' setup.py)
NATIVE := build/.native-stamp

$(STAMP): pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,dask,train,datatrove,hf]'
	touch $(STAMP)
	@mkdir -p build && touch $(NATIVE)

# (after a fresh install, which compiled them and set NATIVE, nothing is compiled twice)
$(NATIVE): $(STAMP) $(COMPILED)
	@if [ ! -e $(NATIVE) ] || [ -n "$$(find $(COMPILED) -newer $(NATIVE))" ]; then \
		$(BIN)/python setup.py --quiet build_ext --inplace; fi
	@mkdir -p build && touch $(NATIVE)

install: $(NATIVE) bytecode

# The package's compiled bytecode, as installing a wheel writes it.  An editable install writes
# none, and where PYTHONDONTWRITEBYTECODE is set Python never does: every command would compile
# the package's source again first (~100 ms of `strip`'s start-up).  A source edited later is
# compiled in memory until this runs again (Python checks each cached file's timestamp).
bytecode: $(NATIVE)
	$(BIN)/python -m compileall -q corpus_clean

# The cleaned seed pages on standard output, as always; an HTML report of the same run goes to
# build/seeds-report.html (a second, quiet run), named on standard error.
demo: $(NATIVE)
	$(BIN)/corpus-clean strip seeds/raw/*.txt
	@mkdir -p build
	@$(BIN)/corpus-clean strip -q --report build/seeds-report.html -o /dev/null seeds/raw/*.txt
	@echo "corpus-clean: what was removed and why: open file://$(CURDIR)/build/seeds-report.html in a browser" >&2

# docs/report.png, the README's picture of the report of the seed run, taken by headless Chromium.
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || command -v google-chrome)
report-screenshot: $(NATIVE)
	@test -n "$(CHROMIUM)" || { echo "report-screenshot: needs Chromium (apt-get install chromium)" >&2; exit 2; }
	mkdir -p build docs
	$(BIN)/corpus-clean strip -q --report build/seeds-report.html -o /dev/null seeds/raw/*.txt
	rm -rf build/chromium-profile
	$(CHROMIUM) --headless --disable-gpu --no-sandbox --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars --user-data-dir=$(CURDIR)/build/chromium-profile \
		--screenshot=$(CURDIR)/docs/report.png --window-size=1200,2200 file://$(CURDIR)/build/seeds-report.html

# The fast tests, under a minute; test-slow: the tests marked slow (end-to-end runs, large inputs,
# parallel and Dask runs, the browser); test-all: the whole suite. CI runs test, then test-slow.
test: $(NATIVE)
	$(BIN)/pytest -q -m "not slow"

test-slow: $(NATIVE)
	$(BIN)/pytest -q -m slow

test-all: $(NATIVE)
	$(BIN)/pytest -q

bench: bytecode
	$(BIN)/python bench/run.py --write-readme

# Quality on labelled real pages (raw/ + expected/), ../shared/dev unless DEV=folder is given;
# the pages are read from there, never copied into the repository.
DEV ?= ../shared/dev
eval: $(NATIVE)
	$(BIN)/python tools/evaluate.py $(DEV) --lopo

# Refit the chrome step's weights (corpus_clean/rules/chrome-weights.txt) from such a folder.
train: $(NATIVE)
	$(BIN)/python tools/train_chrome.py $(DEV) --write

# Rewrite the built-in rules' needles table (corpus_clean/rules/chrome-needles.txt) after an
# edit of corpus_clean/rules/chrome.txt; tests/test_chrome.py fails while it is stale.
needles: $(NATIVE)
	$(BIN)/python tools/build_needles.py

lint: $(NATIVE)
	$(BIN)/ruff check corpus_clean tests bench fuzz tools setup.py
	# the compiled modules must type-check, or the install quietly falls back to pure Python
	$(BIN)/mypy --ignore-missing-imports --follow-imports=silent $(COMPILED)

# A bounded fuzzing run of the library's clean() from the seed pages (atheris is installed on demand,
# not a dependency; new inputs go to build/fuzz-corpus, never into seeds/).
fuzz: $(NATIVE)
	$(BIN)/pip install --quiet --disable-pip-version-check atheris
	mkdir -p build/fuzz-corpus
	$(BIN)/python fuzz/fuzz_clean.py -runs=200000 -max_len=8192 build/fuzz-corpus seeds/raw

clean:
	rm -rf $(VENV) build *.egg-info
