"""Golden records: each `<case>--input.txt` parses to `<case>--record.json`, field by field.

The expected records were produced once and checked by hand against the cable texts (real
cables: 08BAKU187 and the Latin-1/CRLF files of ../shared/corpus/text).
"""

from __future__ import annotations

import json

import pytest

from cablecli.inputs import CableText, iter_texts
from cablecli.model import FIELDS
from cablecli.parse import parse_text
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "golden" / "parse").glob("*--input.txt"))


def test_there_are_golden_cases():
    assert len(CASES) >= 13


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name.split("--")[0])
def test_golden_record(path):
    items = list(iter_texts([str(path)]))
    assert len(items) == 1 and isinstance(items[0], CableText)
    record = parse_text(items[0].text, items[0].source).to_dict()
    expected = json.loads(path.with_name(path.name.replace("--input.txt", "--record.json")).read_text())
    assert list(record) == list(FIELDS)
    for name in FIELDS:
        if name == "source":
            continue
        assert record[name] == expected[name], name


def test_reference_cable_matches_design_table():
    text = (FIXTURES / "golden" / "parse" / "08BAKU187--input.txt").read_text()
    r = parse_text(text).to_dict()
    assert r["reference_id"] == "08BAKU187"
    assert r["transmission_id"] == "VZCZCXYZ0659"
    assert r["routing"] == {"precedence": "PP", "indicators": ["RUEHWEB"]}
    assert r["station"] == {
        "routing_indicator": "RUEHKB",
        "serial": "0187",
        "section": None,
        "filed": "0641355",
    }
    assert r["security"] == "ZNY CCCCC ZZH"
    assert r["precedence"] == "PRIORITY"
    assert r["date"] == "2008-03-04T13:55:00Z"
    assert r["origin"] == "AMEMBASSY BAKU"
    assert r["to"] == [{"routing_indicator": "RUEHC", "name": "SECSTATE WASHDC", "precedence": "PRIORITY",
                        "serial": "4855"}]  # fmt: skip
    assert r["info"][0] == {"routing_indicator": "RUCNCIS", "name": "CIS COLLECTIVE", "precedence": "PRIORITY",
                            "serial": None}  # fmt: skip
    assert len(r["info"]) == 7
    assert r["classification"] == "CONFIDENTIAL"
    assert r["section"] is None
    assert r["captions"] == ["SIPDIS"]
    assert r["distribution"] == ["FOR EUR/CARC AND IO"]
    assert r["executive_order"] == "12958"
    assert r["declassify"] == {"on": "2018-02-21", "raw": "02/21/2018"}
    assert r["tags"] == ["PGOV", "PREL", "PBTS", "UN", "AZ"]
    assert r["subject"] == "DFM AZIMOV REQUESTS USG SUPPORT ON NAGORNO-KARABAKH UNGA RESOLUTION"
    assert r["references"] == [{"label": None, "text": "STATE 21209", "reference_id": "08STATE21209"}]
    assert r["classified_by"]["name"] == "Anne E. Derse"
    assert r["classified_by"]["title"] == "Ambassador"
    assert r["classified_by"]["reasons"] == ["1.4(b)", "1.4(d)"]
    assert [p["number"] for p in r["paragraphs"]] == [1, 2, 3, 4, 5]
    assert r["paragraphs"][0]["marking"] == "C"
    assert r["paragraphs"][0]["text"].startswith("Azerbaijani Deputy Foreign Minister Araz Azimov")
    assert r["signers"] == ["DERSE"]
    assert r["body"].startswith("¶1. (C) Azerbaijani") and r["body"].endswith("DERSE")
    assert r["problems"] == []
