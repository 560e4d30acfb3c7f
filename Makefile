# The commands of the README: `make demo`, `make report` and `make test`.
# All set up a virtual environment in .venv first, with exactly the versions in uv.lock (once, and again when
# pyproject.toml or uv.lock changes). uv comes from PyPI (pip) when the machine does not have it yet.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= build/demo
REPORT ?= build/report
# Debian's Chromium opens the report in `make test`; installed when missing (CI runs as root).
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup demo report test notebooks clean

setup: $(VENV)/.installed

# --frozen: install the lock as it is, never re-resolve; `uv lock` (by hand) moves the versions.
# --compile-bytecode, and compileall for buurtdata itself: where Python may not write .pyc files
# (PYTHONDONTWRITEBYTECODE, as on CI machines) every process would otherwise compile pandas & co. from source
# again, a second or more per command, per notebook kernel and per test worker.
$(VENV)/.installed: pyproject.toml uv.lock
	uv=$$(command -v uv) || { uv="$(PYTHON) -m uv"; $$uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --user --break-system-packages uv; }; \
	UV_PROJECT_ENVIRONMENT=$(VENV) $$uv sync --quiet --frozen --all-extras --compile-bytecode --python $(PYTHON)
	$(BIN)/python -m compileall -q buurtdata
	touch $@

$(CHROMIUM):
	apt-get update -q && apt-get install -y -q chromium

# buurtdata refuses an --out under a folder that does not exist (a typo must not scatter folders), so the
# Makefile makes build/ itself: a fresh clone has none.
demo: setup
	mkdir -p $(dir $(OUT))
	$(BIN)/buurtdata demo --out $(OUT)
	$(BIN)/buurtdata overdracht --project buurtdata/datasets/hengelo/project.toml --out $(OUT)-overdracht.zip --outputs $(OUT)

report: setup
	mkdir -p $(dir $(REPORT))
	$(BIN)/buurtdata report --out $(REPORT)

# The test suite: it executes the notebooks and builds the report into $(REPORT) (the same build as `buurtdata
# report`, and a second time elsewhere to compare bytes), and opens that report in headless Chromium while the
# other tests run (tests/test_report.py): pages load offline, charts are drawn, a click on a buurt moves the
# linked charts.
test: setup $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p $(dir $(REPORT))
	BUURTDATA_TEST_REPORT=$(REPORT) BUURTDATA_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -n 2 --dist loadgroup

# After editing a notebook in JupyterLab or its .py twin: bring the pair in sync again.
notebooks: setup
	$(BIN)/jupytext --sync notebooks/*.ipynb

clean:
	rm -rf build .pytest_cache
