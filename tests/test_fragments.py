"""The parser on 263 fragments of real cables (tests/fixtures/fragments, the layouts a parser has
got wrong before), scored as `bench/layouts_eval.py` and `make accuracy` score them: a floor that a
regression on any layout breaks."""

from __future__ import annotations

from tests.support.floors import assert_above_floor, load_cases

CASES = load_cases("fragments")


def test_the_fragments_are_all_here():
    assert len(CASES) == 263
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_the_fragments_score_above_the_floor():
    assert_above_floor(CASES, total=0.98, per_field=0.95)
