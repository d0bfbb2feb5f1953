# footback: two commands on a fresh machine with Python 3.11+
#   make demo   set up .venv, build output/, print one example path
#   make test   set up .venv and run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test build venv clean screenshot

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/python build_graph.py --out output

demo: build
	$(BIN)/footback validate
	$(BIN)/footback paths "plantar fasciitis" "lower back pain" --limit 1

# axe-core and Cytoscape.js for the browser tests and the page bench (tests/js/package-lock.json)
NODE_DEPS := tests/js/node_modules/.package-lock.json
$(NODE_DEPS): tests/js/package.json tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

test: $(STAMP) $(NODE_DEPS)
	$(BIN)/python -m pytest -q

# docs/screenshot.png from the real page, in headless Chromium (/usr/bin/chromium)
screenshot: build
	$(BIN)/python docs/make_screenshot.py output/footback.html docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache
