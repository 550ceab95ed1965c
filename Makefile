# Two commands do all the set-up on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip
# Exact pins for reproducible installs on Python 3.11 (see constraints.txt).
CONSTRAINTS := -c constraints.txt

.PHONY: demo test lint typecheck pytest docs bench bench-records fuzz clean install install-dev install-browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files so that a second `make` does not reinstall; they follow pyproject and the pins.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet $(CONSTRAINTS) -e ".[dev,plot,spark]"
	touch $(VENV)/.installed $@

$(VENV)/.installed-plot: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet $(CONSTRAINTS) -e ".[plot]"
	touch $(VENV)/.installed $@

# The HTML report draws Chinese with a CJK font, and its tests (and --pdf) run headless
# Chromium: Debian's fonts-noto-cjk and chromium, installed only where missing (CI runs as root
# on a fresh machine; elsewhere through sudo).
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)
$(VENV)/.installed-browser: $(BIN)/python
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; \
	fi
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-browser: $(VENV)/.installed-browser

# The main job on the embedded Wanrong county: the model, its indicators, its governance, its money.
demo: $(VENV)/.installed-plot $(VENV)/.installed-browser
	$(BIN)/countycare report wanrong
	$(BIN)/countycare report wanrong --html out/wanrong.html
	$(BIN)/countycare scorecard wanrong --set nhc-2024 --governance wanrong
	$(BIN)/countycare scorecard wanrong --set wanrong-five-up-three-down --period 2021 --baseline-period 2017
	$(BIN)/countycare assess wanrong --as-of 2022-03-28
	$(BIN)/countycare settle examples/finance_rules.toml
	$(BIN)/countycare referrals --synthetic 200000 --seed 7 --period 2024
	$(BIN)/countycare synth wanrong --years 2023 2024 --out out/records --seed 1
	$(BIN)/countycare measure out/records --county wanrong --set nhc-2024 --out out/measures.csv
	$(BIN)/countycare scorecard out/measures.csv --county wanrong --set nhc-2024 --period 2024 --governance wanrong
	@echo "The Wanrong county report (Chinese): $(CURDIR)/out/wanrong.html — open it in a browser"

lint: install-dev
	$(BIN)/ruff check conftest.py src tests examples benchmarks tools docs
	$(BIN)/ruff format --check conftest.py src tests examples benchmarks tools docs

# The tests and examples are type-checked as a caller's code is: a public type too narrow for a
# natural form fails here. Their own package bases, since several folders hold a conftest.py.
# The benchmarks and tools import a helper beside them (their folder, the docs test) by path.
typecheck: install-dev
	$(BIN)/mypy --strict src/countycare
	$(BIN)/mypy --strict --explicit-package-bases tests examples
	MYPYPATH=benchmarks $(BIN)/mypy --strict benchmarks
	MYPYPATH=tests/docs $(BIN)/mypy --strict tools

pytest: install-dev install-browser
	$(BIN)/pytest

# The API stubs are generated afresh each time, so a renamed module leaves no stale page behind.
docs: install-dev
	rm -rf docs/reference/generated
	$(BIN)/sphinx-build -W --keep-going -b html -q docs docs/_build/html

test: lint typecheck pytest docs

# The full mutation campaign of issue #12: at least 10,000 hostile cases per reader (about 20 min
# on two cores); the figures go to out/fuzz.json for the reliability page of the docs.
FUZZ_EXAMPLES ?= 10000
fuzz: install-dev
	COUNTYCARE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) COUNTYCARE_FUZZ_REPORT=out/fuzz.json \
		$(BIN)/pytest tests/fuzz -q -p no:cacheprovider

bench: install-dev
	$(BIN)/python benchmarks/run_all.py

# Only the two benchmarks of issue 15 (one county at 10 M encounters; a 117-county province
# year), with the installed environment as it is; they rewrite docs/explanation/_figures/*.txt.
# Data: $$COUNTYCARE_BENCH_DATA (default bench-data/), made on the first run if missing.
bench-records:
	$(BIN)/python benchmarks/run_all.py records_measure province_year

clean:
	rm -rf $(VENV) out docs/_build .pytest_cache .mypy_cache .ruff_cache .hypothesis
