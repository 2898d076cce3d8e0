PYTHON ?= python
export PYTHONPATH := $(CURDIR)

.PHONY: test lint bench

test:
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check cablecli tests bench
	$(PYTHON) -m ruff format --check cablecli tests bench

bench:
	$(PYTHON) bench/bench_grep.py
