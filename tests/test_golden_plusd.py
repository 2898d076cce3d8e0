"""The three real PlusD pages of 1973-74 telegrams, field by field, as their texts read; and the commands
on them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.inputs import CableText, iter_texts
from cablecli.parse import parse_text
from tests.conftest import FIXTURES

STATE_97844 = FIXTURES / "html" / "1973STATE097844_b.html"
ATHENS_2959 = FIXTURES / "1974ATHENS02959_b.html"
ATHENS_3099 = FIXTURES / "html" / "1974ATHENS03099_b.html"
PAGES = [STATE_97844, ATHENS_2959, ATHENS_3099]


def _record(path):
    [item] = list(iter_texts([str(path)]))
    assert isinstance(item, CableText)
    return parse_text(item.text, item.source)


def _addressees(items):
    return [(a.name, a.precedence, a.serial) for a in items]


def test_1973_state_97844():
    c = _record(STATE_97844)
    assert c.reference_id == "73STATE97844"
    assert (c.date, c.precedence) == ("1973-05-22T18:28:00Z", "PRIORITY")
    assert c.origin == "SECSTATE WASHDC"
    assert _addressees(c.to) == [("AMEMBASSY LUXEMBOURG", "PRIORITY", None)]
    assert _addressees(c.info) == [("AMEMBASSY ROME", None, None)]
    assert c.office_distribution.to_dict() == {
        "action": None,
        "origin": "SPM-01",
        "info": ["OCT-01", "EUR-25", "ADP-00", "RSC-01"],
    }
    assert c.classification == "LIMITED OFFICIAL USE"
    assert (c.executive_order, c.declassify.raw, c.declassify.on) == ("11652", "N/ A", None)
    assert c.tags == ("SPOP", "IT")
    assert c.subject == "INFORMATION TO FORMER SENATOR TYDINGS"
    assert c.references == ()
    assert [p.number for p in c.paragraphs] == [1, 2, 3]
    assert c.paragraphs[2].text == (
        "IF UNREACHABLE HOTEL HE HAS ELEVEN A. M. APPOINTMENT WEDNESDAY WITH MINISTER FOREIGN AFFAIRS."
    )
    assert c.signers == ("PORTER",)
    assert c.body.startswith("1.   PLEASE INFORM TYDINGS")
    assert c.body.endswith("FOREIGN AFFAIRS.    PORTER")
    assert c.distribution == () and c.problems == ()


def test_1974_athens_2959():
    c = _record(ATHENS_2959)
    assert c.reference_id == "74ATHENS2959"
    assert (c.date, c.precedence) == ("1974-05-17T16:00:00Z", "ROUTINE")
    assert c.origin == "AMEMBASSY ATHENS"
    assert _addressees(c.to) == [("SECSTATE WASHDC", None, "3410")]
    assert [a.name for a in c.info] == ["AMEMBASSY LONDON", "AMEMBASSY CANBERRA", "AMCONSUL THESSALONIKI"]
    od = c.office_distribution
    assert (od.action, od.origin) == ("EUR-25", None)
    assert od.info[0] == "OCT-01" and od.info[-1] == "NEA-14" and len(od.info) == 14
    assert c.classification == "LIMITED OFFICIAL USE"
    assert (c.executive_order, c.declassify.raw) == ("11652", "N/A")
    assert c.tags == ("PINS", "GR")
    assert c.subject == "ARRESTS OF KALOUDIS AND AMBATIELOS"
    assert [(r.text, r.reference_id) for r in c.references] == [("STATE -097844", "74STATE97844")]
    assert [p.number for p in c.paragraphs] == [1, 2]
    # The page break falls mid-sentence in paragraph 2: the banners and page header are not text.
    assert "BECAUSE OF THEIR ACKNOWLEDGED COMMUNIST PARTY" in c.paragraphs[1].text
    assert c.paragraphs[1].text.endswith("PRIOR TRADE UNION ACTIVITY.")
    assert c.signers == ("TASCA",)
    assert "LIMITED OFFICIAL USE" not in c.body and "PAGE 02" not in c.body and "NNN" not in c.body
    assert c.body.endswith("ACTIVITY.\nTASCA")
    assert c.problems == ()


def test_1974_athens_3099():
    c = _record(ATHENS_3099)
    assert c.reference_id == "74ATHENS3099"
    assert (c.date, c.precedence) == ("1974-05-23T15:15:00Z", "ROUTINE")
    assert c.origin == "AMEMBASSY ATHENS"
    assert _addressees(c.to) == [("SECSTATE WASHDC", None, "3479")]
    assert [a.name for a in c.info] == ["AMEMBASSY CANBERRA", "AMEMBASSY LONDON", "AMCONSUL THESSALONIKI"]
    assert c.office_distribution.action == "EUR-25" and len(c.office_distribution.info) == 18
    assert c.classification == "CONFIDENTIAL"
    assert (c.executive_order, c.declassify.raw) == ("11652", "GDS")
    assert c.tags == ("PINS", "GR")
    assert c.subject == "ARRESTS OF KALOUDIS AND AMBATIELOS"
    # STATE 97844 cited in 1974 is 74STATE97844, not the 1973 cable of the same serial.
    assert [(r.label, r.reference_id) for r in c.references] == [("A", "74STATE97844"), ("B", "74ATHENS2959")]
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert "BOGIATI MILITARY PRISON. ON APRIL 20, 1974" in c.paragraphs[1].text
    assert c.signers == ("TASCA",)
    assert "CONFIDENTIAL" not in c.body and "PAGE 02" not in c.body and "NNN" not in c.body
    assert "PRISON.\n\nON APRIL 20" in c.body
    assert c.problems == ()


runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, [*args, *(str(p) for p in PAGES)], env={"NO_COLOR": "1", "COLUMNS": "120"})
    return result


def test_commands_on_the_pages():
    result = _run("grep", "--classification", "limited official use", "-l", "")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["73STATE97844", "74ATHENS2959"]
    result = _run("tags", "-f", "json")
    assert result.exit_code == 0
    pairs = [(r["reference_id"], r["tag"]) for r in json.loads(result.stdout)]
    assert pairs == [("73STATE97844", "SPOP"), ("73STATE97844", "IT")] + [
        (ref, tag) for ref in ("74ATHENS2959", "74ATHENS3099") for tag in ("PINS", "GR")
    ]
    result = _run("addressees", "-f", "jsonl")
    assert result.exit_code == 0 and "AMEMBASSY LUXEMBOURG" in result.stdout
    result = _run("stats", "-f", "json")
    assert result.exit_code == 0
    levels = {r["classification"]: r["count"] for r in json.loads(result.stdout)["classifications"]}
    assert levels == {"LIMITED OFFICIAL USE": 2, "CONFIDENTIAL": 1}
    result = _run("check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_show_banner(path):
    result = runner.invoke(app, ["show", str(path), "-f", "text", "--width", "80"])
    assert result.exit_code == 0
    first = result.stdout.split("\n", 1)[0]
    assert ("CONFIDENTIAL" if "03099" in path.name else "LIMITED OFFICIAL USE") in first


def test_index_links_references_by_year(tmp_path):
    db = str(tmp_path / "x.db")
    assert _run("index", "build", "--db", db).exit_code == 0
    result = runner.invoke(app, ["grep", "--db", db, "--classification", "lou", "-l", "TYDINGS"])
    assert result.exit_code == 0 and result.stdout.split() == ["73STATE97844"]
    # The 1974 cables cite STATE 097844 of 1974; the 1973 cable of that serial is another cable.
    result = runner.invoke(app, ["refs", "--db", db, "--reverse", "73STATE97844", "-f", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    result = runner.invoke(app, ["refs", "--db", db, "--reverse", "74STATE97844", "-f", "json"])
    assert [r["reference_id"] for r in json.loads(result.stdout)] == ["74ATHENS2959", "74ATHENS3099"]
