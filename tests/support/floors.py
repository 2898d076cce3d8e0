"""Scored fragment sets (tests/fixtures/fragments, tests/fixtures/layouts) and the floors they must
stay above, scored as `bench/layouts_eval.py` and `make accuracy` score them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench import layouts_eval  # noqa: E402

__all__ = ["assert_above_floor", "layouts_eval", "load_cases"]


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases of tests/fixtures/NAME/cases.jsonl."""
    return layouts_eval.load(ROOT / "tests" / "fixtures" / name / "cases.jsonl")


def assert_above_floor(cases: list[dict[str, Any]], total: float, per_field: float) -> None:
    """The share of `cases` parsed right is at least `total`, and at least `per_field` for each field;
    a failure lists the misses (or the weak fields)."""
    ok, n, misses = layouts_eval.score(cases)
    share = sum(ok.values()) / sum(n.values())
    weak = {f: f"{ok[f]}/{n[f]}" for f in n if ok[f] / n[f] < per_field}
    assert share >= total, "\n".join(m for ms in misses.values() for m in ms)
    assert not weak, weak
