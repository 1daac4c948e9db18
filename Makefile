# Two commands do all the set-up on a fresh clone (see README.md):
#   make serve   set up, then serve the course at http://127.0.0.1:8000 with live reload
#   make test    set up (Chromium included), then run every test and check
# make build builds the student edition into site/; make instructor the instructor edition into
# site-instructor/, and make serve-instructor serves it at http://127.0.0.1:8001.
# make unit runs the engine's fast tests only (no build, no browser).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test unit build check lint setup browser instructor serve-instructor

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

# The instructor edition (notes, answer keys): never publish it for students.
instructor: $(STAMP)
	$(BIN)/mkdocs build --strict -f mkdocs-instructor.yml

serve-instructor: $(STAMP)
	$(BIN)/mkdocs serve -f mkdocs-instructor.yml --dev-addr 127.0.0.1:8001

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

test: $(STAMP) browser lint
	$(BIN)/course check --strict
	$(BIN)/python -m pytest -n 2
