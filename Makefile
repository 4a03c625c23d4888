# The two commands: `make build` (build the graph from seeds/) and `make test` (the whole suite).
# Both set up what they need on a fresh machine: a virtual environment in .venv and,
# for the tests, Debian's Chromium and Virtuoso (scripts/install-system-deps.sh).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

.PHONY: build test system-deps lint benchmark benchmark-parse benchmark-queries clean

build: $(STAMP)
	$(BIN)/unkg build seeds

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy graph_builder

benchmark: $(STAMP)
	$(BIN)/python tests/benchmark.py

benchmark-parse: $(STAMP)
	$(BIN)/python tests/benchmark_parse.py

benchmark-queries: $(STAMP)
	$(BIN)/python tests/benchmark_queries.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e ".[notebooks]" --group test
	rm -f $(VENV)/.installed-* && touch $(STAMP)

clean:
	rm -rf out .unkg
