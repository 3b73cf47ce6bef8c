# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Override the interpreter with `make PYTHON=python3.13 test`.

VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# First interpreter found that is Python 3.11 or newer.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test lint typecheck format clean install-desktop uninstall-desktop

# The Qt wheels need the desktop's X11 libraries; install any that are missing (apt, with sudo
# when not root). If that is not possible the app itself says which command to run.
run: $(STAMP)
	-@$(BIN)/python -m reader.util.qt_libraries --install
	$(BIN)/episode-reader

# A menu entry and icon for this checkout's app (XDG folders of the current user).
install-desktop: $(STAMP)
	$(BIN)/python -m reader.desktop_entry install

uninstall-desktop: $(STAMP)
	$(BIN)/python -m reader.desktop_entry uninstall

# The suite drives the window and the audio player offscreen: the same system libraries.
test: $(STAMP)
	-@$(BIN)/python -m reader.util.qt_libraries --install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null \
		|| sh .ci/install-venv-support $(PYTHON)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,audio]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
