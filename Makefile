# Two commands do all the set-up on a fresh clone (see README.md):
#   make serve   set up, then serve the course at http://127.0.0.1:8000 with live reload
#   make test    set up (Chromium included), then run every test and check
# make unit runs the engine's fast tests only (no build, no browser).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test unit build check lint setup browser audit

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/course check --strict

browser:
	@scripts/ensure-chromium

lint: $(STAMP)
	$(BIN)/ruff check site_src tests bench
	$(BIN)/mypy
	$(BIN)/mypy bench

# The inner loop: the engine's own tests, no site build, no browser, no sudo (seconds).
unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser and not build" tests/course_quiz tests/mkdocs_course tests/bench

# Lighthouse and the Nu HTML checker on the built course (npm and Java; about 70 s; see bench/README.md).
audit: $(STAMP) browser
	$(BIN)/python bench/audits.py

test: $(STAMP) browser lint
	$(BIN)/course check --strict
	$(BIN)/python -m pytest -n 2
