# The two commands that matter on a fresh machine: `make run` and `make test`.
# Both create .venv and install what they need (torch first, as a CPU build, then the project).

VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_QUESTION ?= Who claimed Shushi was captured?

.PHONY: run test test-fast typecheck install lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Set up, provision the model, ingest the demo corpus and answer a question; start the bot if DISCORD_TOKEN is set.
run: $(STAMP)
	$(BIN)/newsdesk model install
	$(BIN)/newsdesk ingest demo/corpus
	$(BIN)/newsdesk ask "$(DEMO_QUESTION)"
	$(BIN)/newsdesk run --if-configured

## Set up and run the linter, the type checker and every test (unit, integration with the real model, e2e Discord).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## The unit tests alone (deterministic fakes, no model): well under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q

typecheck: $(STAMP)
	$(BIN)/mypy

## newsdesk against the LangChain pipeline, side by side on one corpus (installs the `bench` extras).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/side_by_side.py --json newsdesk-data/bench-side-by-side.json

clean:
	rm -rf $(VENV) newsdesk-data .pytest_cache .ruff_cache
