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

CONTENT ?= content
OUTPUT ?= output
# The published site: make build SETTINGS=publishconf.py (its addresses are https://leerstad.rotterdam.nl).
SETTINGS ?= pelicanconf.py

# The check first: editors get the plain problem list without Pelican's traceback after it.
# Pelican empties its output folder before writing (DELETE_OUTPUT_DIRECTORY), so the site is
# built beside output/ and swapped in only when complete: the web server keeps serving the
# previous site during a build, and still has it when a build fails.
build: $(STAMP)
	$(PY) -m leerstad.check $(CONTENT)
	rm -rf $(OUTPUT).new
	$(VENV)/bin/pelican $(CONTENT) -s $(SETTINGS) -o $(OUTPUT).new --fatal errors --log-handler plain
	$(PY) -m pagefind --site $(OUTPUT).new --quiet
	rm -rf $(OUTPUT).old
	if [ -d $(OUTPUT) ]; then mv $(OUTPUT) $(OUTPUT).old; fi
	mv $(OUTPUT).new $(OUTPUT)
	rm -rf $(OUTPUT).old

check: $(STAMP)
	$(PY) -m leerstad.check $(CONTENT)

run: build
	$(PY) -m registration.local --port $(PORT)

test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf output output.new output.old .pytest_cache
