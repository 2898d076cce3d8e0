"""SUBJECT, REF and TAGS on the layouts real cables use: flattened preambles, labels and year forms,
wrapped and misspelt TAGS. Every text here is invented; one test (or parameter) per layout."""

from __future__ import annotations

import pytest

from cablecli.parse import parse_text
from cablecli.parse.fields import parse_tags, split_fields
from cablecli.parse.refs import parse_references

HEAD = "R 120930Z MAR 07\nFM AMEMBASSY VALLETTA\nTO SECSTATE WASHDC\n\n"
CLASS = "C O N F I D E N T I A L VALLETTA 000321\n\nSIPDIS\n\n"


def parse(preamble: str, body: str = "1. (C) The text.\n\nJONES\n"):
    return parse_text(HEAD + CLASS + preamble + "\n" + body)


def ids(c) -> list[str | None]:
    return [r.reference_id for r in c.references]


# -- the splitter ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("SUBJECT: FERRY TALKS WITH LIBYAREF: TRIPOLI 45",
         ["SUBJECT: FERRY TALKS WITH LIBYA", "REF: TRIPOLI 45"]),
        ("SUBJECT: FERRY TALKS Ref(s): TRIPOLI 45", ["SUBJECT: FERRY TALKS", "Ref(s): TRIPOLI 45"]),
        ("SUBJECT: FERRY TALKS REFTELS: TRIPOLI 45", ["SUBJECT: FERRY TALKS", "REFTELS: TRIPOLI 45"]),
        ("SUBJECT: PORT VISITClassified By: DCM Mary Roe, reasons 1.4 (d)",
         ["SUBJECT: PORT VISIT", "Classified By: DCM Mary Roe, reasons 1.4 (d)"]),
        ("E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: fishing quotas",
         ["E.o. 12958: decl: 01/07/2014", "Tags: prel, pgov", "Subject: fishing quotas"]),
        ("DEPT FOR EUR/SE E.O. 12958: N/A TAGS ECON MT", ["DEPT FOR EUR/SE", "E.O. 12958: N/A", "TAGS ECON MT"]),
        # Not a field start: E.O. inside the reasons, DECLASSIFIED BY, TAGS in a subject without a colon.
        ("Classified By: Jane Roe, reasons: E.O. 12958 1.4 (b)", None),
        ("SUBJECT: RECORDS DECLASSIFIED BY THE ARCHIVE", None),
        ("SUBJECT: IMPLEMENTING E.O. 13224: TERRORIST FINANCE", None),
        ("SUBJECT: PAPERS CLASSIFIED BY THE MINISTRY", None),
    ],
)  # fmt: skip
def test_field_splitter(line, pieces):
    assert split_fields(line, loose="SUBJECT" not in line) == (pieces or [line])


# -- SUBJECT ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preamble", "subject"),
    [
        # runs into REF glued to its last word; the REF is still read
        ("TAGS: PREL MT\nSUBJECT: FERRY TALKS WITH LIBYAREF: TRIPOLI 45\n", "FERRY TALKS WITH LIBYA"),
        ("TAGS: PREL MT\nSUBJECT: FERRY TALKS Ref(s): TRIPOLI 45\n", "FERRY TALKS"),
        ("TAGS: PREL MT\nSUBJECT: FERRY TALKS REFTELS: A. TRIPOLI 45 B. ROME 9\n", "FERRY TALKS"),
        ("TAGS: PREL MT\nSUBJECT: PORT VISIT Classified By: DCM Mary Roe for reasons 1.4 (d)\n", "PORT VISIT"),
        ("TAGS: SENV MT\nSUBJECT: BIRD COUNT IN GOZO Sensitive but\nunclassified, please protect\n",
         "BIRD COUNT IN GOZO"),
        ("TAGS: SENV MT\nSUBJECT: BIRD COUNT IN GOZO This message is sensitive but unclassified.\n",
         "BIRD COUNT IN GOZO"),
        # a rule under the subject, a sentence in mixed case, a page header
        ("TAGS: PREL MT\nSUBJECT: WEEKLY NOTES 03-12-2007\n---------\n", "WEEKLY NOTES 03-12-2007"),
        ("TAGS: PREL MT\nSUBJECT: MINISTER ON MIGRATION\nThe Minister told us on Monday that boats keep coming.\n",
         "MINISTER ON MIGRATION"),
        ("TAGS: PREL MT\nSUBJECT: MINISTER ON\nVALLETTA 00000321  001.2 OF 002\nMIGRATION\n", "MINISTER ON MIGRATION"),
        ("TAGS: PREL MT\nSUBJECT: MINISTER ON\nCONFIDENTIAL PAGE 02 VALLETTA 00321 01 OF 02 120930Z\nMIGRATION\n",
         "MINISTER ON MIGRATION"),
        ("TAGS: PREL MT\nSUBJECT: BUDGET 2007REF: STATE 12\n", "BUDGET 2007"),
        # a word hyphenated at the end of a line
        ("TAGS: PREL MT\nSUBJECT: THE EU-\nMALTA DIALOGUE\n", "THE EU-MALTA DIALOGUE"),
        # sentence case, flattened onto the E.O. line
        ("E.o. 12958: decl: 01/07/2014 Tags: prel, pgov Subject: fishing quotas\n", "fishing quotas"),
        # the keyword lost its first letter
        ("TAGS: PREL MT\nUBJECT: FISHING QUOTAS\n", "FISHING QUOTAS"),
        ("TAGS: PREL MT\nSUBJECT: IMPLEMENTING E.O. 13224: DESIGNATIONS\n", "IMPLEMENTING E.O. 13224: DESIGNATIONS"),
        ("TAGS: PREL MT\nSUBJET: FISHING QUOTAS\n", "FISHING QUOTAS"),
        ("TAGS: PREL MT\nSUBJECT: WEEKLY NOTES ----------\n", "WEEKLY NOTES"),
        ("TAGS: PREL MT\nSUBJECT: WEEKLY NOTES\nSUMMARY\n-------\n", "WEEKLY NOTES"),
        ("TAGS: PREL MT\nSUBJECT: WEEKLY NOTES\nSummary: boats keep coming.\n", "WEEKLY NOTES"),
    ],
)  # fmt: skip
def test_subject_layouts(preamble, subject):
    assert parse(preamble).subject == subject


def test_subject_runs_into_ref_and_classified_by_on_one_line():
    c = parse(
        "SUBJECT: FERRY TALKS REF: A. TRIPOLI 45 B. 06 ROME 9 Classified By: DCM Mary Roe for reasons 1.4 (d)\n"
    )
    assert c.subject == "FERRY TALKS"
    assert ids(c) == ["07TRIPOLI45", "06ROME9"]
    assert c.classified_by.name == "Mary Roe"


def test_handling_statement_after_the_subject_is_sbu():
    assert "SBU" in parse("SUBJECT: BIRD COUNT Sensitive but unclassified\n").handling


# -- REF labels and separators ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "labels", "refids"),
    [
        ("A. (A) TRIPOLI 45 B. (B) ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("A. A) TRIPOLI 45\nB. B) ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("REF: TRIPOLI 45", [None], ["07TRIPOLI45"]),
        ("(A)TRIPOLI 45, (B)ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("[A] TRIPOLI 45 [B] ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("A: TRIPOLI 45 B: ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("A.) TRIPOLI 45 B.) ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("(1) TRIPOLI 45 (2) ROME 9", ["1", "2"], ["07TRIPOLI45", "07ROME9"]),
        ("A.06 TRIPOLI 45 B.05 ROME 9", ["A", "B"], ["06TRIPOLI45", "05ROME9"]),
        ("A TRIPOLI 45 B ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("A. REF A TRIPOLI 45 B. B ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
        ("TRIPOLI 45: ROME 9: STATE 1200", [None] * 3, ["07TRIPOLI45", "07ROME9", "07STATE1200"]),
        ("TRIPOLI 45 (FERRY TALKS)  ROME 9 (PORT VISIT)", [None] * 2, ["07TRIPOLI45", "07ROME9"]),
        ("TRIPOLI 45\nROME 9", [None] * 2, ["07TRIPOLI45", "07ROME9"]),
        ("TRIPOLI 45, 46 AND 51", [None] * 3, ["07TRIPOLI45", "07TRIPOLI46", "07TRIPOLI51"]),
        ("TRIPOLI 45, 06 ROME 9", [None] * 2, ["07TRIPOLI45", "06ROME9"]),
        # one item that cites no cable does not void the others
        ("A. TRIPOLI 45 B. MINISTRY NOTE OF 3/4 C. ROME 9", ["A", "B", "C"], ["07TRIPOLI45", None, "07ROME9"]),
        ("TRIPOLI 45; EMAIL FROM POL/ECON OF 3/4", [None] * 2, ["07TRIPOLI45", None]),
        # a date after an item, `DTD` (dated) as telegrams abbreviate it, cites nothing
        ("TRIPOLI 45 DTD 14 MAR 07", [None], ["07TRIPOLI45"]),
        ("A. TRIPOLI 45 DTD 14 MAR B. ROME 9", ["A", "B"], ["07TRIPOLI45", "07ROME9"]),
    ],
)  # fmt: skip
def test_ref_labels_and_separators(block, labels, refids):
    refs = parse_references(block, 2007)
    assert [r.label for r in refs] == labels
    assert [r.reference_id for r in refs] == refids


def test_ref_doubled_keyword():
    assert ids(parse("SUBJECT: S\n\nREF: REF: TRIPOLI 45\n")) == ["07TRIPOLI45"]


def test_ref_items_across_blank_lines():
    c = parse("SUBJECT: S\n\nRefs: (A) Tripoli 00045  (B) Tripoli\n\n00051  (C) Rome 00009\n")
    assert ids(c) == ["07TRIPOLI45", "07TRIPOLI51", "07ROME9"]


def test_portion_marking_after_a_blank_line_is_not_a_ref_item():
    c = parse("SUBJECT: S\n\nREF: TRIPOLI 45\n\n(U) THIS CABLE IS SENSITIVE BUT UNCLASSIFIED.\n")
    assert [r.text for r in c.references] == ["TRIPOLI 45"]


def test_sentence_after_a_ref_block_in_capitals_is_the_body():
    c = parse("SUBJECT: S\n\nREF: TRIPOLI 45\nSummary: the ferry talks went on all week.\n", body="")
    assert [r.text for r in c.references] == ["TRIPOLI 45"]
    assert c.body.startswith("Summary: the ferry")


def test_ref_with_a_page_header_flattened_into_it():
    block = "A. STATE 1200 CONFIDENTIAL PAGE 02 VALLETTA 00321 01 OF 02 120930Z B. ROME 9"
    assert [r.reference_id for r in parse_references(block, 2007)] == ["07STATE1200", "07ROME9"]


@pytest.mark.parametrize(
    ("block", "refid"),
    [
        ("ROME 12 (05)", "05ROME12"),
        ("(99) ROME 12", "99ROME12"),
        ("'05 ROME 12", "05ROME12"),
        ("05-ROME-12", "05ROME12"),
        ("STATE: 12345", "07STATE12345"),
        ("05ROME12", "05ROME12"),
        ("2005 ROME 12", "05ROME12"),
        ("O5 ROME 12", "05ROME12"),  # a letter O for the zero
        ("ROME 12", "07ROME12"),  # the citing cable's year
    ],
)
def test_ref_year_forms(block, refid):
    assert [r.reference_id for r in parse_references(block, 2007)] == [refid]


@pytest.mark.parametrize(
    ("block", "refid"),
    [
        ("HAGUE 12", "07THEHAGUE12"),
        ("UNVIE 12", "07UNVIEVIENNA12"),
        ("HCMC 12", "07HOCHIMINHCITY12"),
        ("RIO 12", "07RIODEJANEIRO12"),
        ("SAO PAULO 12", "07SAOPAULO12"),
        ("PORT OF SPAIN 12", "07PORTOFSPAIN12"),
        ("TEL AVIV 12", "07TELAVIV12"),
        ("ST. PETERSBURG 12", "07STPETERSBURG12"),
        ("CD GENEVA 12", "07CDGENEVA12"),  # a mission named with its post
        ("INCSR MALTA 2007", None),  # a report, not a cable
        ("7 FAM 180", None),
        ("YOUR 1234", None),
        ("IMSWM-0028-2007", None),
    ],
)
def test_ref_offices_as_reference_ids_write_them(block, refid):
    assert [r.reference_id for r in parse_references(block, 2007)] == [refid]


def test_ref_year_from_the_dtg_of_a_bare_fragment():
    c = parse_text("R 010000Z JAN 05\n\n\nREF: A. (A) ROME 12 AND PREVIOUS\n\nB. (B) ROME 9\n")
    assert ids(c) == ["05ROME12", "05ROME9"]


# -- TAGS ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preamble", "tags"),
    [
        ("Tags: prel, pgov,\necon, mt\nSubject: s\n", ["PREL", "PGOV", "ECON", "MT"]),
        ("TAGS: something,\nhere\nSUBJECT: S\n", ["SOMETHING", "HERE"]),
        ("AGS: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TAS: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TABS: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TGS: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TAGES: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TAGZ: PREL, MT\nSUBJECT: S\n", ["PREL", "MT"]),
        ("TAGS: PREL PGOV ECON\nETRD EFIN EAID SMIG PHUM PREF KCRM MT\nSUBJECT: S\n",
         ["PREL", "PGOV", "ECON", "ETRD", "EFIN", "EAID", "SMIG", "PHUM", "PREF", "KCRM", "MT"]),
        ("E.O. 12958: N/A TAGS: PREL PGOV\nECON MT\nSUBJECT: S\n", ["PREL", "PGOV", "ECON", "MT"]),
        ("TAGS: ECON ETRD MT FISHERIES AND AQUACULTURE\nSUBJECT: S\n", ["ECON", "ETRD", "MT", "FISHERIES AND AQUACULTURE"]),
        ("TAGS: ECON ETRD MT MARITIME\nSECURITY\nSUBJECT: S\n", ["ECON", "ETRD", "MT", "MARITIME SECURITY"]),
        ("TAGS: ECON, MT, PM FISHERY AFFAIRS\nSUBJECT: S\n", ["ECON", "MT", "PM FISHERY AFFAIRS"]),
        ("TAGS: ECON, MT, MIGRATION, GOM INTERIOR\nSUBJECT: S\n", ["ECON", "MT", "MIGRATION", "GOM INTERIOR"]),
        ("TAGS: ECON, MT UNCLASSIFIED PAGE 02 VALLETTA 00321 01 OF 02 120930Z MT\nSUBJECT: S\n", ["ECON", "MT"]),
        ("TAGS: ECON ETRD MT SIPDIS\nSUBJECT: S\n", ["ECON", "ETRD", "MT"]),
        ("TAGS: OVIP (ROE, JANE B.), PREL, MT\nSUBJECT: S\n", ["OVIP", "ROE, JANE B.", "PREL", "MT"]),
        ("TAGS: PREL, VELLACOTT, JANE\nSUBJECT: S\n", ["PREL", "VELLACOTT, JANE"]),
        ("Tags: ovip (roe,\njane b.), prel, mt\nSubject: s\n", ["OVIP", "ROE, JANE B.", "PREL", "MT"]),
    ],
)  # fmt: skip
def test_tags_layouts(preamble, tags):
    assert list(parse(preamble).tags) == tags


def test_corrected_copy_added_tag_is_not_a_tags_field():
    c = parse("C O R R E C T E D C O P Y (ADDED TAG)\n\nE.O. 12958: N/A\nTAGS: PREL MT\nSUBJECT: S\n")
    assert c.tags == ("PREL", "MT") and "CORRECTED COPY" in c.captions


def test_caption_run_into_tags_is_a_caption():
    assert "SIPDIS" in parse("TAGS: ECON MT SIPDIS\nSUBJECT: S\n").captions


def test_tags_keyword_written_twice():
    assert parse_tags("PREL, MT, TAGS: ECON") == ["PREL", "MT", "TAGS", "ECON"]
