# Two commands on a fresh machine with Python 3.11+:
#   make demo   - creates .venv, installs tracker and shows the demo status table
#   make test   - creates .venv, installs tracker with test extras and runs the tests
# While working: `make test-fast` runs every test but those marked slow (tests/slow, tests/render,
# tests/reliability: wheels, benchmarks, processes, browsers) on two workers, in under a minute;
# `make test`, the whole suite one test at a time, is what CI runs. Tests are laid out by kind
# and package in tests/ (docs/development.md, "Tests"); plain `pytest` works as well.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DIR ?= $(CURDIR)/demo-output

.PHONY: demo test test-fast lint typecheck check bench bench-scale bench-startup clean messages catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: $(VENV)/.installed
	$(BIN)/tracker demo --dir "$(DEMO_DIR)"

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -q -n 2 -m "not slow" $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed
	$(BIN)/mypy

check: lint typecheck test

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/service_bench.py
	$(BIN)/python benchmarks/units_bench.py
	$(BIN)/python benchmarks/verify_bench.py
	$(BIN)/python benchmarks/narrative_bench.py
	$(BIN)/python benchmarks/web_pages_bench.py

# Commands on databases of 1 to 2,000 resolutions and 0 to 100,000 stored runs, SQLite and
# PostgreSQL (TRACKER_TEST_POSTGRES_URL); about 25 minutes. SCALE_ARGS="--quick --no-postgres".
bench-scale: $(VENV)/.installed
	$(BIN)/python benchmarks/scale.py $(SCALE_ARGS)

# Start-up of two versions in one run: BASE (a git revision, default d1d5034, the release
# point before the package re-layout) against the work tree. STARTUP_ARGS="--repeat 31 --strict".
bench-startup: $(VENV)/.installed
	$(BIN)/python benchmarks/startup_compare.py $(BASE) $(STARTUP_ARGS)

# Translations (tracker/i18n.py): `make messages` extracts the texts of the code into the
# template and merges them into each language's .po; translate there, then `make catalogs`
# compiles the .mo files that ship in the package (a test fails when they are out of date).
KEYWORDS := -k NC_:1c,2 -k in_lang:2 -k in_lang_ctx:2c,3
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --no-location --sort-output --omit-header \
		--project tracker -o tracker/locale/tracker.pot .
	$(BIN)/pybabel update -i tracker/locale/tracker.pot -d tracker/locale -D tracker --no-fuzzy-matching \
		--ignore-obsolete --omit-header

catalogs: $(VENV)/.installed
	$(BIN)/pybabel compile -d tracker/locale -D tracker --statistics

clean:
	rm -rf $(VENV) build dist *.egg-info demo-output .pytest_cache .mypy_cache .ruff_cache
