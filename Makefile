# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test bench eval train lint fuzz clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,dask,train,datatrove,hf]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/corpus-clean strip seeds/raw/*.txt

test: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py --write-readme

# Quality on labelled real pages (raw/ + expected/), ../shared/dev unless DEV=folder is given;
# the pages are read from there, never copied into the repository.
DEV ?= ../shared/dev
eval: $(STAMP)
	$(BIN)/python tools/evaluate.py $(DEV) --lopo

# Refit the chrome step's weights (corpus_clean/rules/chrome-weights.txt) from such a folder.
train: $(STAMP)
	$(BIN)/python tools/train_chrome.py $(DEV) --write

lint: $(STAMP)
	$(BIN)/ruff check corpus_clean tests bench fuzz

# A bounded fuzzing run of the library's clean() from the seed pages (atheris is installed on demand,
# not a dependency; new inputs go to build/fuzz-corpus, never into seeds/).
fuzz: $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check atheris
	mkdir -p build/fuzz-corpus
	$(BIN)/python fuzz/fuzz_clean.py -runs=200000 -max_len=8192 build/fuzz-corpus seeds/raw

clean:
	rm -rf $(VENV) build *.egg-info
