"""Shared test helpers: paths to the fixtures and to the example corpus, and the test-data generator."""

from __future__ import annotations

from pathlib import Path

from tests.support import cablegen

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# The real cables shipped in examples/, each once (the dump cables.csv.gz repeats cables/html/).
REAL_CORPUS = [EXAMPLES / "08BAKU187.txt", EXAMPLES / "cables"]


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """A made-up corpus from tests/support/cablegen.py, with its truth file `out/truth.jsonl`."""
    return cablegen.generate(out, count, seed=seed, fmt=fmt, messy=messy)
