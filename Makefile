# The README's two set-up commands are `make site` and `make test`; both create .venv first,
# and `make test` also installs Debian's Chromium for the browser tests when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve constraints

site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.installed $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,test]'
	touch $@

# Re-pin every dependency to what a fresh resolve gives today.
constraints:
	rm -rf /tmp/reglit-pin && $(PYTHON) -m venv /tmp/reglit-pin
	/tmp/reglit-pin/bin/python -m pip install --quiet -e '.[docs,test]'
	{ echo "# Every version the build and the tests use, pinned. Regenerate with: make constraints"; \
	  /tmp/reglit-pin/bin/python -m pip freeze --exclude-editable; } > constraints.txt
