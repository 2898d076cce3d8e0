"""Shared test helpers: paths to the fixtures and to the example corpus, and the test-data generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import cablegen

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# The real cables shipped in examples/, each once (the dump cables.csv.gz repeats cables/html/).
REAL_CORPUS = [EXAMPLES / "08BAKU187.txt", EXAMPLES / "cables"]


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """A made-up corpus from tests/support/cablegen.py, with its truth file `out/truth.jsonl`."""
    return cablegen.generate(out, count, seed=seed, fmt=fmt, messy=messy)


def plain_environment(monkeypatch: pytest.MonkeyPatch, unset: tuple[str, ...] = ()) -> None:
    """No progress bar, and none of the variables `unset` (colour, terminal size, ...) from the
    environment the tests run in: output is what a plain pipe gets."""
    for name in unset:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CABLECLI_NO_PROGRESS", "1")
