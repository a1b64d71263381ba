# Leerstad Rotterdam — every target creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
# Node packages used only by tests (axe-core, vnu-jar, ical.js); skipped where npm is missing.
NODE_STAMP := node_modules/.installed-stamp

.PHONY: run test build check bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: browser accessibility and HTML checks will be skipped"; fi

# The check first: editors get the plain problem list without Pelican's traceback after it.
build: $(STAMP)
	$(PY) -m leerstad.check content
	$(VENV)/bin/pelican content -s pelicanconf.py -o output --fatal errors --log-handler plain
	$(PY) -m pagefind --site output --quiet

check: $(STAMP)
	$(PY) -m leerstad.check content

run: build
	$(PY) -m registration.local --port $(PORT)

test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf output .pytest_cache
