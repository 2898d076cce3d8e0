"""Shared test helpers: paths to the fixtures and to the example corpus, and the test-data generator."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from tests.support import cablegen

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# The real cables shipped in examples/, each once (the dump cables.csv.gz repeats cables/html/).
REAL_CORPUS = [EXAMPLES / "08BAKU187.txt", EXAMPLES / "cables"]

# A test run started in the background by a shell without job control (`make test &` in a script)
# inherits SIGINT ignored, and so would every command a test starts: the Ctrl-C tests would wait
# for ever. What a terminal gives, Ctrl-C at its default, is restored for them (a handler, unlike
# an ignored signal, is reset to the default in a program the tests start).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def fixture_cases(name: str) -> list:
    """The inputs of tests/fixtures/<name>/cases.jsonl (`fragments`, `layouts`) as cable texts,
    each named `<name>:<line>`."""
    from cablecli.inputs import CableText
    from cablecli.model import Source

    lines = (FIXTURES / name / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [CableText(json.loads(line)["input"], Source(path=f"{name}:{n}")) for n, line in enumerate(lines)]


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """A made-up corpus from tests/support/cablegen.py, with its truth file `out/truth.jsonl`."""
    return cablegen.generate(out, count, seed=seed, fmt=fmt, messy=messy)


def plain_environment(monkeypatch: pytest.MonkeyPatch, unset: tuple[str, ...] = ()) -> None:
    """No progress bar, and none of the variables `unset` (colour, terminal size, ...) from the
    environment the tests run in: output is what a plain pipe gets."""
    for name in unset:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CABLECLI_NO_PROGRESS", "1")
