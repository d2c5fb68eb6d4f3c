# The two commands that matter on a fresh machine: `make run` and `make test`.
# Both create .venv and install what they need (torch first, as a CPU build, then the project).

VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_QUESTION ?= Who claimed Shushi was captured?

.PHONY: run test test-fast test-llm typecheck install lint bench bench-llm bench-scale clean

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

## The tests with the real local language model: builds llama-cpp-python (~6 min, once) and provisions the
## small test model (0.5 GB, once); `make test` skips these tests when they are not provisioned.
test-llm: $(STAMP)
	$(BIN)/newsdesk model install
	$(BIN)/newsdesk llm install --model qwen2.5-coder-0.5b
	$(BIN)/python -m pytest -m llm

typecheck: $(STAMP)
	$(BIN)/mypy

## newsdesk against the LangChain pipeline, side by side on one corpus (installs the `bench` extras).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/side_by_side.py --json newsdesk-data/bench-side-by-side.json

## Extractive answers against the local model on the held-out sets (provisions the default local model).
bench-llm: $(STAMP)
	$(BIN)/newsdesk llm install
	NEWSDESK_DATA_DIR=newsdesk-data/realnews $(BIN)/newsdesk ingest --quiet ../shared/corpus/seed ../shared/corpus/wikinews-en
	$(BIN)/python benchmarks/llm_answers.py --index newsdesk-data/realnews --json newsdesk-data/llm-answers.json

## The vector store and SQLite at 100k and 1M chunks made from the real articles (no model; README, Scale).
bench-scale: $(STAMP)
	NEWSDESK_DATA_DIR=newsdesk-data/realnews $(BIN)/newsdesk ingest --quiet ../shared/corpus/seed ../shared/corpus/wikinews-en
	$(BIN)/python benchmarks/scale.py --source newsdesk-data/realnews --json newsdesk-data/scale.json

clean:
	rm -rf $(VENV) newsdesk-data .pytest_cache .ruff_cache
