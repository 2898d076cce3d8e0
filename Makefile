# One short target per task. Everything runs from the virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench accuracy docs fuzz stress clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/cablecli show examples/08BAKU187.txt --no-pager

# The optional extras too, so that the Datasette and Parquet tests run rather than skip.
test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,datasette,parquet]'
	$(BIN)/python -m pytest

lint: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The speed table first (each figure beside its target); BENCH_SIZE=small runs it alone, quickly.
BENCH_SIZE ?= full
bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	BENCH_SIZE=$(BENCH_SIZE) $(BIN)/python bench/run.py

# How right the parser is (docs/accuracy.md): the real fragments and the invented layouts of
# tests/fixtures, then, where ../shared/corpus is beside the checkout, its Cablegate pages.
accuracy: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@echo "== real fragments (tests/fixtures/fragments)"
	$(BIN)/python bench/layouts_eval.py --cases tests/fixtures/fragments/cases.jsonl
	@echo "== invented layouts (tests/fixtures/layouts)"
	$(BIN)/python bench/layouts_eval.py
	@if [ -d ../shared/corpus/html ]; then \
		echo "== Cablegate pages against their metadata (../shared/corpus)"; \
		$(BIN)/python bench/accuracy.py html; \
		$(BIN)/python bench/summary_coverage.py; \
	else echo "(../shared/corpus is not beside this checkout: the corpus figures are skipped)"; fi

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

# docs/rules.md from the rules, and the outputs shown under every `$ cablecli` example of README.md
# and docs/*.md from a real run over examples/ (tests/test_doc_examples.py checks them).
docs: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python scripts/gen_rules_doc.py
	$(BIN)/python scripts/update_doc_examples.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache bench/out
