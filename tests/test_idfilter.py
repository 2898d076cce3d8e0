"""`reference_id_filter` must never rule out a cable whose parse gives one of the ids sought: every
cable of the fixtures, of generated corpora (clean and messy) and of the real pages passes the test
for its own id, and texts built to bend the id (a SECTION or handling marks amid the office, an
office ending in digits, a redacted office) pass too. It must also rule out most other cables."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablecli.inputs import CableText, iter_texts
from cablecli.parse import parse_text
from cablecli.parse.idfilter import reference_id_filter
from tests.conftest import FIXTURES, REAL_CORPUS, generate

SHARED_HTML = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"


def _texts(paths):
    return [item for item in iter_texts([str(p) for p in paths]) if isinstance(item, CableText)]


def _check(items, min_ids: int) -> None:
    """Each cable passes the test for its own id; most cables fail the test for another's."""
    records = [(item, parse_text(item.text, item.source, body=False).reference_id) for item in items]
    ids = sorted({ref.upper() for _, ref in records if ref})
    assert len(ids) >= min_ids
    missed = [
        (item.source.path, item.source.index, ref)
        for item, ref in records
        if ref and not reference_id_filter([ref])(item.text, item.source.metadata)
    ]
    assert missed == []
    # Against other ids: the test lets through every cable whose id it is, and not many others.
    others = ids[:: max(1, len(ids) // 25)]
    passed = total = 0
    for ref in others:
        may_be = reference_id_filter([ref])
        for item, own in records:
            if (own or "").upper() != ref and item.text.isascii() and not item.source.metadata:
                total += 1
                passed += may_be(item.text, item.source.metadata)
    assert total == 0 or passed / total < 0.2


def test_every_fixture_passes_for_its_own_id():
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html")) + [FIXTURES / "five.csv"]
    paths += sorted((FIXTURES / "html").glob("*.html")) + sorted((FIXTURES / "text").glob("*"))
    paths += sorted((FIXTURES / "golden" / "parse").glob("*--input.txt")) + REAL_CORPUS
    _check(_texts(paths), min_ids=20)


@pytest.mark.parametrize("messy", [0.0, 0.5])
def test_every_generated_cable_passes_for_its_own_id(tmp_path, messy):
    where = generate(tmp_path, count=300, seed=f"idfilter-{messy}", fmt="mixed", messy=messy)
    _check(_texts([where / "text", where / "html", where / "cables.csv"]), min_ids=100)


def test_every_real_page_passes_for_its_own_id():
    # The 400 pages of ../shared/corpus beside a checkout; the real pages of examples/ in a clone alone.
    if SHARED_HTML.is_dir():
        _check(_texts([SHARED_HTML]), min_ids=300)
    else:
        examples = Path(__file__).resolve().parents[1] / "examples" / "cables"
        _check(_texts([examples / "html", examples / "aad", examples / "text"]), min_ids=30)


HEADER = "VZCZCXYZ0001\nOO RUEHC\nDE RUEHXX #{de} 0641355\nZNY CCCCC ZZH\nO 041355Z MAR 08\nFM {fm}\n"
HEADER += "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\nBT\n"


@pytest.mark.parametrize(
    ("fm", "de", "line"),
    [
        ("AMEMBASSY KABUL", "0123", "C O N F I D E N T I A L KABUL 000123"),
        # The reader drops a SECTION n OF m and handling marks found between the office's words.
        ("AMEMBASSY KABUL", "0123", "CONFIDENTIAL PORT SECTION 01 OF 02 LOUIS 000123"),
        ("AMEMBASSY KABUL", "0123", "UNCLAS SBU PORT SBU LOUIS 000123"),
        ("AMEMBASSY KABUL", "0123", "CONFIDENTIAL 12345X NOFORN KABUL 000123 NOFORN"),
        ("AMEMBASSY KABUL", "0123", "SECRET REL NZ, AU PORT-AU-PRINCE 000123"),
        # An office ending in digits (from the FM line), a serial from the DE line only.
        ("USMISSION GENEVA2", "0077", "UNCLASSIFIED"),
        ("US MISSION - GENEVA 2", "0077", "UNCLASSIFIED"),
        ("SEC STATE X", "0077", "UNCLASSIFIED"),
        # A redacted office on the classification line: FM names it.
        ("AMEMBASSY BAKU", "0187", "C O N F I D E N T I A L XXXXXXXXXXXX 000187"),
        # Letters whose upper case is two (`ß`: `SS`); digits of another script.
        ("AMEMBASSY GROßSTADT", "0187", "UNCLASSIFIED"),
        ("AMEMBASSY BAKU", "\u0660\u0661\u0668\u0667", "UNCLASSIFIED \u2014 \u201cQUOTED\u201d"),
        # Lower case, a BOM and carriage returns.
        ("amembassy rio de janeiro", "0187", "confidential rio de janeiro 000187"),
    ],
)
def test_invented_layouts_pass_for_their_own_id(fm, de, line):
    text = HEADER.format(fm=fm, de=de) + line + "\n\nSUBJECT: A TEST\n\n1. (U) Text.\n"
    for variant in (text, "\ufeff" + text.replace("\n", "\r\n")):
        ref = parse_text(variant).reference_id
        assert ref and ref.startswith("08")
        assert reference_id_filter([ref])(variant, None)
        assert reference_id_filter(["xx", ref.lower(), "08ATLANTIS1"])(variant, None)


def test_what_rules_a_text_out():
    text = HEADER.format(fm="AMEMBASSY BAKU", de="0187") + "CONFIDENTIAL BAKU 000187\n\n1. (C) Text.\n"
    assert parse_text(text).reference_id == "08BAKU187"
    may_be = reference_id_filter(["08BAKU187"])
    assert may_be(text, None)
    assert not may_be(text.replace("BAKU", "PARIS"), None)  # the office
    assert not may_be(text.replace("187", "188"), None)  # the serial
    assert not may_be(text.replace(" MAR 08", " MAR 09"), None)  # the year
    assert not reference_id_filter(["08BAKU187X", "BAKU187", ""])(text, None)  # not ids a text gives
    # Metadata: the dump's own id column, a PlusD page; a text with digits of another script is parsed.
    assert may_be("", {"reference_id": "08baku187"})
    assert not may_be("", {"reference_id": "08BAKU188"})
    assert may_be("", {"canonical_id": "2008BAKU00187_a"})
    assert not may_be(text.replace("BAKU", "PARIS") + "\u201cé\u201d", None)
    assert may_be(text.replace("BAKU", "PARIS") + "\u0663", None)


def test_latin1_has_no_other_digits_nor_other_f_m_or_blank_in_upper_case():
    # The filter reads a Latin-1 text's digits as ASCII's and finds FM lines in its bytes
    # upper-cased: both hold only if no other Latin-1 character is a digit or upper-cases to F, M
    # or a blank (`ß` upper-cases to `SS`, `ÿ` to `Ÿ`: neither matters).
    latin = [chr(i) for i in range(256)]
    assert [c for c in latin if c.isdecimal()] == list("0123456789")
    assert sorted(c for c in latin if c.upper()[:1] in ("F", "M", " ")) == [" ", "F", "M", "f", "m"]
    assert all(len(c.upper()) == 1 for c in " FMfm")
