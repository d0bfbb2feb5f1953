# footback: two commands on a fresh machine with Python 3.11+
#   make demo   set up .venv with footback alone, build output/, print one example path
#   make test   add the test extras to .venv and run the whole test suite
#   make docs   build the docs site into site/ (offline)
# PYTHON=python3.12 make demo chooses the interpreter; a .venv made by one older than
# 3.11 (or no longer runnable) is rebuilt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTS  := $(VENV)/.installed-test
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
NEED   := import sys; sys.exit(sys.version_info < (3, 11))

# A venv keeps the interpreter it was made with: one made with Python 3.10, or whose
# interpreter has gone, fails until it is made again, so it is removed here.
ifneq ($(wildcard $(VENV)/pyvenv.cfg),)
ifneq ($(shell $(BIN)/python -c '$(NEED)' >/dev/null 2>&1 && echo ok),ok)
$(info footback: $(VENV) was made with a Python older than 3.11 (or one that is gone): making it again)
$(shell rm -rf $(VENV))
endif
endif

.PHONY: demo test lint build venv clean screenshot python-check docs

python-check:
	@$(PYTHON) -c '$(NEED)' 2>/dev/null || { \
	  echo "footback needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
	  echo "Choose another with, e.g.: make PYTHON=python3.11 demo" >&2; exit 1; }

$(STAMP): pyproject.toml | python-check
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $(STAMP)

$(TESTS): $(STAMP)
	$(PIP) install -e '.[test]'
	touch $(TESTS)

venv: $(TESTS)

build: $(STAMP)
	$(BIN)/python build_graph.py --out output

demo: build
	$(BIN)/footback validate
	$(BIN)/footback paths "plantar fasciitis" "lower back pain" --limit 1
	@echo
	@echo "footback is installed in $(VENV). Run it as $(BIN)/footback, e.g."
	@echo "  $(BIN)/footback search \"sore back\""
	@echo "or put it on your PATH for this shell with: source $(BIN)/activate"
	@echo "Open output/footback.html in a browser for the explorer page."

# The real readers the exports are checked with (Mermaid, Cytoscape.js) and axe-core for the
# browser tests, from tests/js/package-lock.json: installed once, never fetched while tests run.
JS_STAMP := tests/js/node_modules/.package-lock.json

# Without npm the tests that need these skip locally, saying why (and fail under CI=true).
$(JS_STAMP): tests/js/package.json tests/js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/js --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the tests that read exports with Mermaid, Cytoscape.js and axe-core will skip (.ci/run installs it)"; fi

# ruff over the tree (pyflakes, pycodestyle errors, bugbear, pyupgrade; its formatter,
# checked) and mypy, strict, over the library and the command line; settings in pyproject.toml
lint: $(TESTS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint $(TESTS) $(JS_STAMP)
	$(BIN)/python -m pytest -q

# The docs site, built offline into site/ (open site/index.html); the tests build it too, strictly
DOCS_STAMP := $(VENV)/.installed-docs

$(DOCS_STAMP): $(STAMP)
	$(PIP) install -e '.[docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --site-dir site

# docs/screenshot.png from the real page, in headless Chromium (/usr/bin/chromium)
screenshot: build
	$(BIN)/python docs/make_screenshot.py output/footback.html docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache site
