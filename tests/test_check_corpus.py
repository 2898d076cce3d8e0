"""`check` over corpora: every defect the test-data generator applies is reported by the rule that covers
it, cables without defects draw no error, and the real cables of examples/ are checked without a rule
failing. (bench/check_accuracy.py measures the same over a larger generated corpus.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cablecli.check import run_checks
from cablecli.inputs import InputError, iter_texts
from cablecli.parse import parse_text
from tests.conftest import REAL_CORPUS
from tests.support import cablegen

ROOT = Path(__file__).resolve().parents[1]


def _accuracy():
    spec = importlib.util.spec_from_file_location("check_accuracy", ROOT / "bench" / "check_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    accuracy = _accuracy()
    root = tmp_path_factory.mktemp("messy")
    cablegen.generate(root / "text", 300, seed="check", fmt="text", messy=0.3)
    return accuracy, accuracy.measure(root / "text" / "truth.jsonl", root)


def test_every_covered_defect_is_reported(measured):
    accuracy, result = measured
    covered = [d for d, rules in accuracy.DEFECT_RULES.items() if rules]
    assert sum(result["applied"].get(d, 0) for d in covered) > 50  # the corpus did get defects
    for defect in covered:
        applied = result["applied"].get(defect, 0)
        assert result["detected"].get(defect, 0) == applied, (defect, result["missed"].get(defect))


def test_cables_without_defects_draw_no_error(measured):
    _, result = measured
    assert result["clean"] > 100
    assert result["clean_with_error"] == 0, result["clean_errors"]


def test_every_defect_is_mapped():
    assert set(cablegen.DEFECTS) == set(_accuracy().DEFECT_RULES)


def test_real_cables_are_checked_without_a_rule_failing():
    seen = 0
    for item in iter_texts([str(p) for p in REAL_CORPUS]):
        assert not isinstance(item, InputError), item
        seen += 1
        for v in run_checks(parse_text(item.text, item.source)):
            assert "internal error" not in v.message, (item.source.path, v)
            assert v.line is None or v.line >= 1
    assert seen == 36
