"""Shared test helpers: paths to fixtures and to the shared corpus and generator beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import corpus as bench_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
GENCORPUS = SHARED / "tools" / "gencorpus.py"


def need_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """A synthetic corpus from gencorpus.py (skips the test when the generator is absent)."""
    if not GENCORPUS.is_file():
        pytest.skip("../shared/tools/gencorpus.py is not beside this checkout")
    return bench_corpus.generate(out, count, seed=seed, fmt=fmt, messy=messy)
