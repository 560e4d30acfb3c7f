# The two commands of the README: `make demo` and `make test`.
# Both set up a virtual environment in .venv first (once, and again when pyproject.toml changes).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= build/demo

.PHONY: setup demo test clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/buurtdata demo --out $(OUT)

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf build .pytest_cache
