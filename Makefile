# Two commands do all the set-up on a fresh clone (see README.md):
#   make serve   set up, then serve the course at http://127.0.0.1:8000 with live reload
#   make test    set up (Chromium included), then run every test and check
# make build builds the student edition into site/ (after make offline: the offline copy it publishes);
# make instructor the instructor edition into site-instructor/, and make serve-instructor serves it at
# http://127.0.0.1:8001. make offline packs the offline copy (no server, no network) as build/course-offline.zip.
# make unit runs the engine's fast tests only (no build, no browser).
# make publish builds the student edition for a static host, verified (site_url must be set).
# Successors of MkDocs, each in its own virtual environment (README.md, "Other tools"):
#   make zensical-build / zensical-serve       Zensical, with the quiz extension (zensical.yml)
#   make properdocs-build / properdocs-serve   ProperDocs, the fork of MkDocs, with the plugin (mkdocs.yml)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# The newest Zensical that installs from PyPI here: 0.0.74 and later need zensical-ui, which it lacks.
ZENSICAL_VERSION := 0.0.73
# Zensical's multi-language companion (builds every language of mkdocs.yml's i18n settings); 0.3 is for Zensical < 0.1.
ZENSICAL_I18N_VERSION := 0.3.0
PROPERDOCS_VERSION := 1.6.7
ZENSICAL_BIN := .venv-zensical/bin
PROPERDOCS_BIN := .venv-properdocs/bin
# A stamp per version: changing a pin installs that version.
ZENSICAL_STAMP := .venv-zensical/.installed-$(ZENSICAL_VERSION)-i18n-$(ZENSICAL_I18N_VERSION)
PROPERDOCS_STAMP := .venv-properdocs/.installed-$(PROPERDOCS_VERSION)

.PHONY: serve test unit build check lint setup browser node instructor serve-instructor tools audit assets publish offline \
	zensical-build zensical-serve properdocs-build properdocs-serve

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Each tool with the course's package (engine and plugin) in an environment of its own.
$(ZENSICAL_STAMP): pyproject.toml
	$(PYTHON) -m venv .venv-zensical
	$(ZENSICAL_BIN)/python -m pip install --quiet --disable-pip-version-check "zensical==$(ZENSICAL_VERSION)" \
		"zensical-i18n==$(ZENSICAL_I18N_VERSION)" -e .
	touch $@

$(PROPERDOCS_STAMP): pyproject.toml
	$(PYTHON) -m venv .venv-properdocs
	$(PROPERDOCS_BIN)/python -m pip install --quiet --disable-pip-version-check "properdocs==$(PROPERDOCS_VERSION)" -e .
	touch $@

tools: $(ZENSICAL_STAMP) $(PROPERDOCS_STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) offline
	$(BIN)/mkdocs build --strict

# The offline copy (mkdocs-offline.yml): the student edition for a folder or a USB stick, no server, no
# network; packed as build/course-offline.zip, which make build publishes as site/downloads/course-offline.zip.
offline: $(STAMP)
	$(BIN)/python -m mkdocs_course.offline

# The instructor edition (notes, answer keys): never publish it for students.
instructor: $(STAMP)
	$(BIN)/mkdocs build --strict -f mkdocs-instructor.yml

# Publish the student edition: refuses without a site_url (set it in mkdocs.yml, or make publish
# SITE_URL=https://...) and anything that would publish the instructor edition; builds with --strict,
# verifies, and leaves site/ ready for any static host (docs/instructors.md, "Publish the course"), with
# the offline copy (make offline) in it.
publish: $(STAMP) offline
	$(BIN)/python -m mkdocs_course.publish --site-url "$(SITE_URL)"

serve-instructor: $(STAMP)
	$(BIN)/mkdocs serve -f mkdocs-instructor.yml --dev-addr 127.0.0.1:8001

# Zensical runs no MkDocs plugin: the check comes first (warnings fail, as in make build, and errors
# show as problem lines rather than under Zensical's traceback), the build starts from an empty cache,
# and verification is a step of its own. zensical-i18n runs Zensical once per language of mkdocs.yml's
# i18n settings (English at the root, Chinese under zh/); zensical-serve serves one language (LANG_SERVED=zh for Chinese).
zensical-build: $(ZENSICAL_STAMP)
	$(ZENSICAL_BIN)/course check --strict
	$(ZENSICAL_BIN)/zensical-i18n build --config-file zensical.yml --clean
	$(ZENSICAL_BIN)/course verify site

zensical-serve: $(ZENSICAL_STAMP)
	$(ZENSICAL_BIN)/course check
	$(ZENSICAL_BIN)/zensical-i18n serve --config-file zensical.yml --dev-addr 127.0.0.1:8000 $(if $(LANG_SERVED),--lang $(LANG_SERVED))

# ProperDocs loads the course-quiz plugin from mkdocs.yml, which checks, builds and verifies as under MkDocs.
properdocs-build: $(PROPERDOCS_STAMP)
	$(PROPERDOCS_BIN)/properdocs build --strict --config-file mkdocs.yml
	$(PROPERDOCS_BIN)/course verify site

properdocs-serve: $(PROPERDOCS_STAMP)
	$(PROPERDOCS_BIN)/properdocs serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/course check --strict

browser:
	@scripts/ensure-chromium

node:
	@scripts/ensure-node

# lint-imports holds the layers of ARCHITECTURE.md ([tool.importlinter] in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check site_src tests bench
	$(BIN)/mypy
	$(BIN)/mypy bench
	$(BIN)/lint-imports --no-cache

# The inner loop: the engine's own tests, no site build, no browser (seconds); quiz.js's checking runs
# under Node beside the engine's.
unit: $(STAMP) node
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q -m "not browser and not build" tests/course_quiz tests/mkdocs_course tests/bench

# After editing site_src/course_quiz/browser/quiz.js or quiz.css: write the minified assets a site serves.
assets: $(STAMP)
	$(BIN)/python -m course_quiz.published

# Lighthouse and the Nu HTML checker on the built course (npm and Java; about 70 s; see bench/README.md).
audit: $(STAMP) browser
	$(BIN)/python bench/audits.py

# pytest on two processes: each test module runs on one worker, so its sites are built once, and the axe
# audits in light and dark start first, one on each (tests/conftest.py). --no-loadscope-reorder keeps that
# order: by default xdist starts with the groups of most tests, which put the two audits last.
test: $(STAMP) tools browser node lint
	$(BIN)/course check --strict
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder
