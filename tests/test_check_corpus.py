"""`check` over corpora: every defect gencorpus applies is reported by the rule that covers it, cables
without defects draw no error, and the real cables are checked without a rule failing."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from cablecli.check import run_checks
from cablecli.inputs import InputError, iter_texts
from cablecli.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GENCORPUS = SHARED / "tools" / "gencorpus.py"
CORPUS = SHARED / "corpus"


def _accuracy():
    spec = importlib.util.spec_from_file_location("check_accuracy", ROOT / "bench" / "check_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    if not GENCORPUS.is_file():
        pytest.skip("../shared/tools/gencorpus.py is not beside this checkout")
    accuracy = _accuracy()
    root = tmp_path_factory.mktemp("messy")
    truth = accuracy.generate(root, 300, "check", 0.3, GENCORPUS)
    return accuracy, accuracy.measure(truth, root)


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
    accuracy = _accuracy()
    if not GENCORPUS.is_file():
        pytest.skip("../shared/tools/gencorpus.py is not beside this checkout")
    source = GENCORPUS.read_text(encoding="utf-8")
    listing = re.search(r"^DEFECTS = (\[.*?\])$", source, re.M | re.S)
    assert listing, "gencorpus.py no longer has a DEFECTS list"
    defects = ast.literal_eval(listing.group(1))
    assert set(defects) == set(accuracy.DEFECT_RULES)


def test_real_cables_are_checked_without_a_rule_failing():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    seen = 0
    for item in iter_texts([str(CORPUS / p) for p in ("08BAKU187.txt", "text", "html", "aad")]):
        assert not isinstance(item, InputError), item
        seen += 1
        for v in run_checks(parse_text(item.text, item.source)):
            assert "internal error" not in v.message, (item.source.path, v)
            assert v.line is None or v.line >= 1
    assert seen > 400
