# Taizhang — two commands on a fresh clone with only Python >= 3.11 and make:
#   make demo   installs everything, generates the demo town's 2023 files, runs the pipeline as of 2023-11-03
#   make test   runs the tests (all of them: what CI runs)
# While working: make check (lint + the unit tests, under a minute), make lint, make format.
PYTHON ?= python3
HOME_DIR ?= data
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

LINTED := etl assets checks reports demo taizhang tests benchmarks

.PHONY: install demo test check lint format bench ui clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# --compile-bytecode: write the .pyc files once at install, as pip does (uv does not by default). Without
# them, a machine with PYTHONDONTWRITEBYTECODE set compiles dagster, pandas and GX from source at every start
# (import of the definitions 1.5 s → 0.5 s; see README, benchmarks).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PYTHON=$(PYTHON) $(UV) sync --frozen --extra dev --compile-bytecode --quiet
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/taizhang demo --home $(HOME_DIR)

test: install
	$(BIN)/pytest -q -n 2

check: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/pytest -q -m unit -n 2

# what CI checks: the lint rules and the formatting (`make format` rewrites the files)
lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: install
	$(BIN)/ruff format $(LINTED)

bench: install
	$(BIN)/python -m benchmarks.run

ui: install
	$(BIN)/taizhang ui --home $(HOME_DIR)

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache
