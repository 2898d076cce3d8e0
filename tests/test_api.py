"""The Python API under the CLI: cablecli.parse_text, cablecli.read, Cable.to_dict."""

from __future__ import annotations

import json

import pytest

import cablecli
from cablecli.inputs import CableInputError
from cablecli.model import FIELDS
from tests.conftest import FIXTURES

BAKU = FIXTURES / "golden" / "parse" / "08BAKU187--input.txt"
PARIS = FIXTURES / "golden" / "parse" / "09PARIS997--input.txt"


def test_parse_text_returns_a_record():
    cable = cablecli.parse_text(BAKU.read_text(encoding="utf-8"))
    assert cable.reference_id == "08BAKU187"
    record = cable.to_dict()
    assert list(record) == list(FIELDS)
    assert json.loads(json.dumps(record)) == record


def test_read_yields_records_from_any_input(tmp_path):
    records = list(cablecli.read([str(BAKU), str(PARIS)]))
    assert [c.reference_id for c in records] == ["08BAKU187", "09PARIS997"]
    assert records[1].source.format == "text"


def test_read_reports_bad_inputs_through_on_error(tmp_path):
    seen = []
    records = list(cablecli.read([str(tmp_path / "missing.txt"), str(BAKU)], on_error=seen.append))
    assert [c.reference_id for c in records] == ["08BAKU187"]
    assert seen[0].path.endswith("missing.txt")


def test_read_raises_without_on_error(tmp_path):
    with pytest.raises(CableInputError, match="missing.txt"):
        list(cablecli.read([str(tmp_path / "missing.txt")]))
