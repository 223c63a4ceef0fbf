# The README's two set-up commands are `make site` and `make test`; both create .venv first.
# `make test` also installs what the browser and HTML checks need when it is missing:
# Debian's chromium, poppler-utils, a Java runtime, npm and iproute2 (with apt-get), then the pinned HTML checker and
# MathJax's sources (npm ci).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLER := .cache/installer
UV := $(INSTALLER)/bin/uv
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := $(SUDO) apt-get install -y -qq
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export NO_MKDOCS_2_WARNING := 1
# The Python on this machine, never one uv fetches.
export UV_PYTHON_DOWNLOADS := never
# Python writes the bytecode of what it imports (installs are without it, below): the first process
# compiles a module, the next ones load it, and .venv holds the bytecode of what is used only.
export PYTHONDONTWRITEBYTECODE :=
export SOURCE_DATE_EPOCH CHROMIUM

.PHONY: site check test serve offline tools chromium constraints

# Tests run in a process per core; the tests of a module marked with one xdist_group share a process.
PARALLEL := -n auto --dist loadgroup

# The site, and its book as one PDF (printed by Chromium, installed with apt-get when missing), which the
# home page links.
site: $(VENV)/.site chromium
	$(BIN)/mkdocs build --strict

# The edit loop: lint, doctests, unit, formula, property, claim and exercise tests; no browser, no clean build.
check: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -m "not built" $(PARALLEL)

# Everything, as CI runs it.
test: $(VENV)/.test tools node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PARALLEL) --durations=25

# A live preview that rebuilds only the edited page (an edit to reglit, sitebuild or mkdocs.yml rebuilds
# every page). Not strict, so that a warning does not stop the preview; `make site` is strict.
serve: $(VENV)/.site
	$(BIN)/mkdocs serve --dirty --no-strict

# One archive of the built site and its PDF, to unpack anywhere and open from file://.
offline: site
	$(BIN)/python -m sitebuild.archive site build/reglit-site.zip

# The installer: uv, pinned, in a small environment of its own (here pip took 21 s to install the site
# group, uv 4 s).
# It looks for wheels where pip is told to (PIP_FIND_LINKS, pip's configuration) and then on the index.
$(UV): constraints.txt
	$(PYTHON) -m venv $(INSTALLER)
	$(INSTALLER)/bin/python -m pip install --quiet -c constraints.txt uv
	touch $@
FIND_LINKS = $(sort $(PIP_FIND_LINKS) $(shell $(INSTALLER)/bin/python -m pip config get global.find-links 2>/dev/null))
INSTALL = $(UV) pip install --quiet --python $(BIN)/python -c constraints.txt $(addprefix --find-links ,$(FIND_LINKS))

# reglit (editable) and what building the site needs; the tests' libraries come on top (pyproject.toml's
# dependency groups, which the wheel does not publish). No pip, and no bytecode at install time: Python
# compiles what a build imports (a third of .venv's size otherwise, for modules the build never loads).
$(VENV)/.site: pyproject.toml constraints.txt $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(INSTALL) -e . --group site
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(INSTALL) --group test
	touch $@

chromium:
	@[ -x "$(CHROMIUM)" ] || { $(SUDO) apt-get update -qq && $(APT) chromium; }

tools: chromium
	@command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && $(APT) poppler-utils; }  # PDF tests
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(APT) default-jre-headless; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(APT) npm; }
	@command -v ip >/dev/null || { $(SUDO) apt-get update -qq && $(APT) iproute2; }  # the offline test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# Re-pin every Python dependency to what a fresh resolve gives today.
constraints:
	rm -rf /tmp/reglit-pin && $(PYTHON) -m venv /tmp/reglit-pin
	/tmp/reglit-pin/bin/python -m pip install --quiet --upgrade 'pip>=25.1'
	/tmp/reglit-pin/bin/python -m pip install --quiet -e . --group test uv
	{ echo "# Every version the build and the tests use, pinned. Regenerate with: make constraints"; \
	  /tmp/reglit-pin/bin/python -m pip freeze --all --exclude pip --exclude-editable; } > constraints.txt
