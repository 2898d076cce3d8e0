"""The parser on 263 fragments of real cables (tests/fixtures/fragments, the layouts a parser has
got wrong before), scored as `bench/layouts_eval.py` and `make accuracy` score them: a floor that a
regression on any layout breaks."""

from __future__ import annotations

import sys

from tests.conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT))
from bench import layouts_eval  # noqa: E402

CASES = layouts_eval.load(FIXTURES / "fragments" / "cases.jsonl")


def test_the_fragments_are_all_here():
    assert len(CASES) == 263
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_the_fragments_score_above_the_floor():
    ok, n, misses = layouts_eval.score(CASES)
    total = sum(ok.values()) / sum(n.values())
    weak = {f: f"{ok[f]}/{n[f]}" for f in n if ok[f] / n[f] < 0.95}
    assert total >= 0.98, "\n".join(m for ms in misses.values() for m in ms)
    assert not weak, weak
