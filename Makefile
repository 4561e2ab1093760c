# clicktrail — the two commands a newcomer needs: `make build` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False

# Demo world used by `make build`; override on the command line.
CONTACTS ?= 2000
DAYS ?= 90
SEED ?= 42
DEMO_DIR ?= data/demo
export CLICKTRAIL_RAW_PATH ?= $(CURDIR)/$(DEMO_DIR)/raw

.PHONY: build test venv generate dbt-build lint sqlfluff ruff project-rules unit pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

## build: generate the demo world and build every model, seed and test on DuckDB
build: $(STAMP) generate dbt-build

generate: $(STAMP)
	$(BIN)/clicktrail generate --contacts $(CONTACTS) --days $(DAYS) --seed $(SEED) --out $(DEMO_DIR)

dbt-build: $(STAMP)
	mkdir -p warehouse
	$(BIN)/dbt build --target duckdb

## test: every check — lint, project rules, dbt build on a fixture world, pytest
test: $(STAMP) lint project-rules pytest

lint: ruff sqlfluff

ruff: $(STAMP)
	$(BIN)/ruff check src pytests scripts
	$(BIN)/ruff format --check src pytests scripts

# Linted against an empty database: the dbt templater renders is_incremental() true for a
# model that exists in the warehouse, and lint must not depend on what was built before.
# The pre-commit hook runs the same script on the files of a commit.
sqlfluff: $(STAMP)
	scripts/sqlfluff_hook.sh models macros tests analyses

project-rules: $(STAMP)
	mkdir -p warehouse
	$(BIN)/dbt parse --target duckdb --quiet
	$(BIN)/python -m clicktrail.project_rules target/manifest.json

pytest: $(STAMP)
	$(BIN)/pytest -q pytests

## bench: generation and build benchmarks (not tests); writes reports/
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf target logs warehouse data reports
