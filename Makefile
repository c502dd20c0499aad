# kopedu task runner. `make report` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kopedu-installed

.PHONY: install report test lint format notebooks exercises bench clean wheelhouse wheelhouse-check

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Render the default regional report from the bundled data (prints the HTML path).
report: $(STAMP)
	$(BIN)/kopedu report $(ARGS)

## The whole test suite: lint, types, unit tests, nbval over every notebook, browser tests.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-execute notebooks and store them per the output policy (kopedu/nbtools.py).
notebooks: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py $(NB)

## Regenerate the trainee copies of exercise notebooks from their sources.
exercises: $(STAMP)
	$(BIN)/kopedu exercise generate

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis out

## A wheelhouse for a training room without internet (every wheel for PY on Windows,
## Linux, macOS, plus one-line install scripts), and its check: a fresh venv installs
## from it with --no-index and runs kopedu --help and lesson 01. See tools/wheelhouse.py.
wheelhouse: $(STAMP)
	$(BIN)/python tools/wheelhouse.py build $(if $(PY),--python $(PY))

wheelhouse-check: $(STAMP)
	$(BIN)/python tools/wheelhouse.py check
