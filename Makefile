# One short target per task. Everything runs from the virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench docs fuzz stress clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/cablecli show examples/08BAKU187.txt --no-pager

test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python bench/run.py

# The property tests of tests/test_fuzz.py with many examples (FUZZ=N per property); prints inputs tried.
FUZZ ?= 20000
fuzz: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	CABLECLI_FUZZ=$(FUZZ) $(BIN)/python -m pytest tests/test_fuzz.py -m fuzz -p no:cacheprovider \
		--hypothesis-show-statistics -q

# The hard-limit tests marked stress (tests/test_limits.py) at a larger size; `make test` runs
# them at 10 MB.
STRESS_MB ?= 100
stress: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	CABLECLI_STRESS_MB=$(STRESS_MB) $(BIN)/python -m pytest tests/test_limits.py -m stress -p no:cacheprovider -q

docs: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python scripts/gen_rules_doc.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache bench/out
