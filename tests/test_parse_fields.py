"""Each record field over the variants cable-format.md lists, including malformed and missing ones."""

from __future__ import annotations

import pytest

from cablecli.model import Source
from cablecli.parse import parse_text
from cablecli.parse.ids import canonical_office, cited_reference_id, dtg_to_iso, parse_decl_date

HEADER = """VZCZCXYZ0659
PP RUEHWEB

DE RUEHKB #0187/01 0641355
ZNY CCCCC ZZH
P 041355Z MAR 08
FM AMEMBASSY BAKU
TO RUEHC/SECSTATE WASHDC PRIORITY 4855
INFO RUCNCIS/CIS COLLECTIVE PRIORITY
RUEHFR/AMEMBASSY PARIS 0486
"""

PREAMBLE = """
C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187

SIPDIS

E.O. 12958: DECL: 02/21/2018
TAGS: PGOV PREL AJ
SUBJECT: A SUBJECT

Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).

1. (C) First paragraph.

2. (C) Second paragraph.

DERSE
"""


def cable(**replace: str) -> str:
    text = HEADER + PREAMBLE
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


# -- header -------------------------------------------------------------------------------------


def test_header_fields():
    c = parse_text(cable())
    assert c.transmission_id == "VZCZCXYZ0659"
    assert c.routing.precedence == "PP" and c.routing.indicators == ("RUEHWEB",)
    assert (c.station.routing_indicator, c.station.serial, c.station.section, c.station.filed) == (
        "RUEHKB", "0187", "01", "0641355")  # fmt: skip
    assert c.security == "ZNY CCCCC ZZH"
    assert c.precedence == "PRIORITY"
    assert c.date == "2008-03-04T13:55:00Z"
    assert c.origin == "AMEMBASSY BAKU"
    assert [a.to_dict() for a in c.info] == [
        {"routing_indicator": "RUCNCIS", "name": "CIS COLLECTIVE", "precedence": "PRIORITY", "serial": None},
        {"routing_indicator": "RUEHFR", "name": "AMEMBASSY PARIS", "precedence": None, "serial": "0486"},
    ]


@pytest.mark.parametrize(
    ("dtg", "precedence", "date"),
    [
        ("O 201405Z DEC 89", "IMMEDIATE", "1989-12-20T14:05:00Z"),
        ("Z 010000Z JAN 00", "FLASH", "2000-01-01T00:00:00Z"),
        ("R 311159Z DEC 65", "ROUTINE", "2065-12-31T11:59:00Z"),
        ("P R 151635Z JAN 09", "PRIORITY", "2009-01-15T16:35:00Z"),
        ("o 031037z feb 10", "IMMEDIATE", "2010-02-03T10:37:00Z"),
    ],
)
def test_dtg_variants(dtg, precedence, date):
    c = parse_text(cable().replace("P 041355Z MAR 08", dtg))
    assert (c.precedence, c.date) == (precedence, date)


def test_impossible_dtg_is_a_problem_not_a_date():
    c = parse_text(cable().replace("P 041355Z MAR 08", "P 311355Z FEB 08"))
    assert c.date is None
    assert "bad-dtg" in [p.code for p in c.problems]
    assert dtg_to_iso(4, 24, 0, "MAR", 8) is None


def test_addressee_list_continues_until_blank_and_skips_page_headers():
    text = cable().replace(
        "RUEHFR/AMEMBASSY PARIS 0486\n",
        "TO PAGE 02        STATE   015113  182333Z\nRUEHAK/AMEMBASSY ANKARA NIACT IMMEDIATE 2672\n"
        "XMT AMEMBASSY SOFIA\n",
    )
    c = parse_text(text)
    assert [a.name for a in c.info] == ["CIS COLLECTIVE", "AMEMBASSY ANKARA"]
    assert c.info[1].precedence == "NIACT IMMEDIATE" and c.info[1].serial == "2672"
    assert c.xmt == ("AMEMBASSY SOFIA",)


def test_addressee_without_routing_indicator():
    c = parse_text(cable().replace("TO RUEHC/SECSTATE WASHDC PRIORITY 4855", "TO SECSTATE WASHDC 7857"))
    assert c.to[0].to_dict() == {"routing_indicator": None, "name": "SECSTATE WASHDC", "precedence": None,
                                 "serial": "7857"}  # fmt: skip


# -- classification line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "classification", "section", "refid", "handling"),
    [
        ("C O N F I D E N T I A L BAKU 000187", "CONFIDENTIAL", None, "08BAKU187", ()),
        ("S E C R E T SECTION 01 OF 03 STATE 012345", "SECRET", (1, 3), "08STATE12345", ()),
        ("UNCLAS SECTION 01 OF 02 PARIS 001234", "UNCLASSIFIED", (1, 2), "08PARIS1234", ()),
        ("UNCLAS E F T O KABUL 000123", "UNCLASSIFIED", None, "08KABUL123", ("EFTO",)),
        ("CONFIDENTIAL SECTION 01 of 03 KUWAIT 000187", "CONFIDENTIAL", (1, 3), "08KUWAIT187", ()),
        ("S e c r e t berlin 000643", "SECRET", None, "08BERLIN643", ()),
        ("O N F I D E N T I A L BAGHDAD 000290", "CONFIDENTIAL", None, "08BAGHDAD290", ()),
        ("UNCLAS SECTION 01 OF 02 RIO DE JANEIRO 000335", "UNCLASSIFIED", (1, 2), "08RIODEJANEIRO335", ()),
        ("UNCLAS SCTION 02 OF 02 SAO PAULO 000335", "UNCLASSIFIED", (2, 2), "08SAOPAULO335", ()),
        ("S E C R E T BOGOTA 000187 SIPDIS NOFORN", "SECRET", None, "08BOGOTA187", ("NOFORN",)),
        ("T O P S E C R E T STATE 000187", "TOP SECRET", None, "08STATE187", ()),
    ],
)
def test_classification_line_variants(line, classification, section, refid, handling):
    c = parse_text(cable().replace("C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187", line))
    assert c.classification == classification
    assert (c.section.number, c.section.total) == section if section else c.section is None
    assert c.reference_id == refid
    assert c.handling == handling


def test_classification_from_security_line_when_the_line_is_missing():
    text = cable().replace("C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187\n", "")
    c = parse_text(text)
    assert c.classification == "CONFIDENTIAL"
    assert c.reference_id == "08BAKU187"  # office from FM, serial from the DE line
    assert "no-classification-line" in [p.code for p in c.problems]


def test_state_office_is_canonical():
    assert canonical_office("SECSTATE WASHDC") == "STATE"
    assert canonical_office("AMEMBASSY BUENOS AIRES") == "BUENOSAIRES"
    assert canonical_office("USMISSION USUN NEW YORK") == "USUNNEWYORK"


# -- captions, distribution, E.O. ---------------------------------------------------------------------


def test_captions_handling_and_distribution():
    text = cable().replace(
        "SIPDIS\n", "SIPDIS\n\nSIPDIS\n\nNOFORN\n\nSENSITIVE\n\nSTATE FOR EUR/WE\nNSC FOR VOLKER\n"
    )
    c = parse_text(text)
    assert c.captions == ("SIPDIS", "NOFORN", "SENSITIVE")
    assert c.handling == ("NOFORN", "SBU")
    assert c.distribution == ("STATE FOR EUR/WE", "NSC FOR VOLKER")


@pytest.mark.parametrize(
    ("line", "eo", "on", "raw"),
    [
        ("E.O. 12958: DECL: 02/21/2018", "12958", "2018-02-21", "02/21/2018"),
        ("EO 12958 DECL: 02/21/2018", "12958", "2018-02-21", "02/21/2018"),
        ("E.O. 12958: DECL: 2018/02/21", "12958", "2018-02-21", "2018/02/21"),
        ("E.O. 12958: DECL: 02/21/18", "12958", "2018-02-21", "02/21/18"),
        ("E.O. 12958: N/A", "12958", None, "N/A"),
        ("E.O. 12958: DECL: 1.6X1", "12958", None, "1.6X1"),
        ("E.O. 12356: DECL: OADR", "12356", None, "OADR"),
        ("E.O. 13526: DECL: 01/15/2020", "13526", "2020-01-15", "01/15/2020"),
        ("E.O. 12958 AS AMENDED: DECL: 02/21/2018", "12958 AS AMENDED", "2018-02-21", "02/21/2018"),
        ("E.O. 12958: DNG: CO 02/21/2018", "12958", None, "DNG: CO 02/21/2018"),
    ],
)
def test_executive_order_and_declassification(line, eo, on, raw):
    c = parse_text(cable().replace("E.O. 12958: DECL: 02/21/2018", line))
    assert c.executive_order == eo
    assert (c.declassify.on, c.declassify.raw) == (on, raw)


def test_bad_declassification_date_is_a_problem():
    c = parse_text(cable().replace("02/21/2018", "02/30/2018"))
    assert c.declassify.on is None and c.declassify.raw == "02/30/2018"
    assert "bad-decl-date" in [p.code for p in c.problems]
    assert parse_decl_date("13/01/2018") is None


# -- TAGS -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("TAGS: PGOV PREL AJ", ["PGOV", "PREL", "AJ"]),
        ("TAGS: PGOV, PREL, AJ", ["PGOV", "PREL", "AJ"]),
        ("TAGS PGOV, PREL, AJ", ["PGOV", "PREL", "AJ"]),
        ("TAGS: [PGOV](#) [PREL](#) [AJ](#)", ["PGOV", "PREL", "AJ"]),
        ("Tags: pgov, prel, aj", ["PGOV", "PREL", "AJ"]),
        ("TAG PGOV PREL AJ", ["PGOV", "PREL", "AJ"]),
        ("TAGE: PGOV PREL", ["PGOV", "PREL"]),
        ("TAGS: OVIP (CLINTON, HILLARY) PREL", ["OVIP", "CLINTON, HILLARY", "PREL"]),
        ("TAGS: PREL, STEINBERG, JAMES", ["PREL", "STEINBERG, JAMES"]),
        ("TAGS: PGOV PGOV PREL", ["PGOV", "PREL"]),
    ],
)
def test_tags_variants(line, tags):
    assert list(parse_text(cable().replace("TAGS: PGOV PREL AJ", line)).tags) == tags


def test_tags_wrapped_onto_the_next_line():
    c = parse_text(cable().replace("TAGS: PGOV PREL AJ", "TAGS: PGOV PREL\nKDEM, AJ"))
    assert c.tags == ("PGOV", "PREL", "KDEM", "AJ")
    assert c.subject == "A SUBJECT"


def test_flattened_preamble_on_the_classification_line():
    text = cable().replace(
        "C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187\n\nSIPDIS\n\nE.O. 12958: DECL: 02/21/2018\n"
        "TAGS: PGOV PREL AJ\n",
        "C O N F I D E N T I A L BAKU 000187 NOFORN SIPDIS E.O. 12958: DECL: 02/21/2018 TAGS: PGOV AJ\n",
    )
    c = parse_text(text)
    assert c.captions == ("NOFORN", "SIPDIS")
    assert c.executive_order == "12958" and c.declassify.on == "2018-02-21"
    assert c.tags == ("PGOV", "AJ")
    assert c.reference_id == "08BAKU187"


def test_missing_tags():
    c = parse_text(cable().replace("TAGS: PGOV PREL AJ\n", ""))
    assert c.tags == () and c.subject == "A SUBJECT"


# -- SUBJECT ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "subject"),
    [
        ("SUBJECT: A SUBJECT", "A SUBJECT"),
        ("SUBJ: A SUBJECT", "A SUBJECT"),
        ("SUBJECT : A SUBJECT", "A SUBJECT"),
        ("SUBJECT: DFM AZIMOV REQUESTS USG SUPPORT ON\nNAGORNO-KARABAKH   UNGA RESOLUTION",
         "DFM AZIMOV REQUESTS USG SUPPORT ON NAGORNO-KARABAKH UNGA RESOLUTION"),
        ("Subject: (s) germany requests information", "(s) germany requests information"),
    ],
)  # fmt: skip
def test_subject_variants(lines, subject):
    assert parse_text(cable().replace("SUBJECT: A SUBJECT", lines)).subject == subject


def test_missing_subject():
    c = parse_text(cable().replace("SUBJECT: A SUBJECT\n", ""))
    assert c.subject is None
    assert c.classified_by.name == "Anne E. Derse"


# -- REF ----------------------------------------------------------------------------------------------


def refs(block: str) -> list[tuple]:
    c = parse_text(cable().replace("SUBJECT: A SUBJECT\n", f"SUBJECT: A SUBJECT\n\n{block}\n"))
    return [(r.label, r.text, r.reference_id) for r in c.references]


def test_single_reference_takes_the_citing_year():
    assert refs("REF: STATE 21209") == [(None, "STATE 21209", "08STATE21209")]


def test_lettered_references_on_one_line():
    assert refs("REF: A. STATE 1234 B. 07 BAKU 155 C. USNATO 412 (NOTAL)") == [
        ("A", "STATE 1234", "08STATE1234"),
        ("B", "07 BAKU 155", "07BAKU155"),
        ("C", "USNATO 412 (NOTAL)", "08USNATO412"),
    ]


def test_lettered_references_over_several_lines_and_paragraph_marks():
    assert refs("REF: A. MADRID 881\n\n¶B. MADRID 919\n¶C. 2007 SECSTATE 812") == [
        ("A", "MADRID 881", "08MADRID881"),
        ("B", "MADRID 919", "08MADRID919"),
        ("C", "2007 SECSTATE 812", "07STATE812"),
    ]


def test_references_with_parenthesised_letters_and_semicolons():
    assert refs("REFS: A) PORT OF SPAIN 244; B) 07STATE1234") == [
        ("A", "PORT OF SPAIN 244", "08PORTOFSPAIN244"),
        ("B", "07STATE1234", "07STATE1234"),
    ]


@pytest.mark.parametrize("text", ["EMAIL OF 3/4", "SECDEF MSG DTG 021601Z MAR 08", "BAKU POINTS JULY 4"])
def test_non_cable_references_have_no_id(text):
    assert cited_reference_id(text, 2008) is None


def test_reference_and_previous():
    assert cited_reference_id("BAKU 187 AND PREVIOUS", 2008) == "08BAKU187"


# -- Classified By -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name", "title", "reasons"),
    [
        ("Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).",
         "Anne E. Derse", "Ambassador", ["1.4(b)", "1.4(d)"]),
        ("Classified By: Kathleen Allegrone, Political Minister-Counselor, 1.4 (b\n/d).",
         "Kathleen Allegrone", "Political Minister-Counselor", ["1.4(b)", "1.4(d)"]),
        ("CLASSIFIED BY: David J. Hazarian, Regional Security Officer, RSO, State.\nREASON: 1.4 (d)",
         "David J. Hazarian", "Regional Security Officer", ["1.4(d)"]),
        ("Classified By: Acting Deputy Chief of Mission Carol J. Urban,\nreasons 1.4(B) and (D).",
         "Carol J. Urban", "Acting Deputy Chief of Mission", ["1.4(b)", "1.4(d)"]),
        ("CLASSIFIED BY POLITICAL COUNSELOR JOHN SMITH. REASON: 1.5 (C).",
         "JOHN SMITH", "POLITICAL COUNSELOR", ["1.5(c)"]),
        ("Classified By: USTR Ronald Calloway, Reason 1.4(B/D)",
         "Ronald Calloway", "USTR", ["1.4(b)", "1.4(d)"]),
    ],
)  # fmt: skip
def test_classified_by_variants(line, name, title, reasons):
    text = cable().replace("Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).", line)
    cb = parse_text(text).classified_by
    assert (cb.name, cb.title, list(cb.reasons)) == (name, title, reasons)


# -- body ---------------------------------------------------------------------------------------------


def test_paragraphs_markings_and_unwrapping():
    body = (
        "¶1. (S/NF) Wrapped paragraph\nover two lines.\n\n"
        "2.(SBU) No space.\n\n"
        "3.  (C//NF) Double slash.\n\n"
        "4. No marking; 1.4 (b) is not a paragraph and\n2.7 million is not one either.\n\n"
        "REYKJAVIK 00000195  002 OF 002\n\n"
        "5. (U) After a page break.\n\nDERSE\n"
    )
    text = cable().split("1. (C) First")[0] + body
    c = parse_text(text)
    assert [(p.number, p.marking) for p in c.paragraphs] == [
        (1, "S/NF"), (2, "SBU"), (3, "C//NF"), (4, None), (5, "U")]  # fmt: skip
    assert c.paragraphs[0].text == "Wrapped paragraph over two lines."
    assert c.paragraphs[3].text == "No marking; 1.4 (b) is not a paragraph and 2.7 million is not one either."
    assert "REYKJAVIK" not in " ".join(p.text for p in c.paragraphs)


def test_summary_and_comment():
    body = (
        "1. (C) Summary: The summary starts here\nand goes on. End Summary.\n\n"
        "2. (C) Text. Comment: We think so.\nEnd Comment.\n\nDERSE\n"
    )
    c = parse_text(cable().split("1. (C) First")[0] + body)
    assert c.summary == "The summary starts here and goes on."
    assert c.comment == "We think so."


def test_summary_heading_and_summary_over_several_paragraphs():
    body = "SUMMARY\n-------\n\n1. (C) First part.\n\n2. (C) Second part. END SUMMARY.\n\n3. (C) Rest.\n\nDERSE\n"
    c = parse_text(cable().split("1. (C) First")[0] + body)
    assert c.summary == "First part. Second part."


@pytest.mark.parametrize(
    ("ending", "signers"),
    [
        ("DERSE\n", ("DERSE",)),
        ("VAN VOORST\n", ("VAN VOORST",)),
        ("SMITH / JONES\n", ("SMITH", "JONES")),
        ("\n", ()),
        ("DERSE\n\nVisit Baku's Classified Website: http://example.invalid/baku\n", ("DERSE",)),
    ],
)
def test_signers(ending, signers):
    assert parse_text(cable().replace("DERSE\n", ending)).signers == signers


def test_wrapped_capitals_are_not_a_signature():
    text = cable().replace(
        "2. (C) Second paragraph.\n\nDERSE\n", "2. (C) THE LAST LINE OF AN ALL-CAPITALS\nCABLE\n"
    )
    assert parse_text(text).signers == ()


# -- leniency ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "garbage ¶ \x00 \x1b[31m",
        HEADER,
        PREAMBLE,
        cable()[:300],
        "1. (C) A body alone.\n",
        "VZCZC",
    ],
)
def test_fragments_never_raise(text):
    c = parse_text(text)
    assert isinstance(c.to_dict(), dict)


def test_header_alone_yields_header_fields():
    c = parse_text(HEADER)
    assert c.origin == "AMEMBASSY BAKU" and c.date == "2008-03-04T13:55:00Z"
    assert c.subject is None and c.paragraphs == ()


def test_body_alone_yields_paragraphs_and_problems():
    c = parse_text("1. (C) A body alone.\n\n2. (C) And more.\n")
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert {"no-classification-line", "no-date", "no-reference-id"} <= {p.code for p in c.problems}


def test_crlf_and_bom():
    c = parse_text("\ufeff" + cable().replace("\n", "\r\n"))
    assert c.reference_id == "08BAKU187" and c.subject == "A SUBJECT"


def test_metadata_fills_only_what_the_text_lacks():
    meta = {"reference_id": "04MADRID2164", "created": "2004-06-09 09:09", "classification": "SECRET//NOFORN",
            "origin": "Embassy Madrid"}  # fmt: skip
    partial = "UNCLAS MADRID 002164\n\nTAGS: PGOV\nSUBJECT: X\n\n1. (SBU) Text.\n"
    c = parse_text(partial, Source("p.html", "html", 0, meta))
    assert c.reference_id == "04MADRID2164"  # needs the year: from the metadata
    assert c.date == "2004-06-09T09:09:00Z"
    assert c.classification == "UNCLASSIFIED"  # the text has it
    assert c.origin == "Embassy Madrid"
    full = parse_text(cable(), Source("p.html", "html", 0, meta))
    assert full.reference_id == "08BAKU187" and full.date == "2008-03-04T13:55:00Z"


def test_wrapped_relay_line_keeps_the_header_going():
    text = cable().replace("PP RUEHWEB\n", "RR RUEHAG RUEHAST RUEHDA\nRUEHLA RUEHLN\nRUEHYG\n")
    c = parse_text(text)
    assert c.routing.indicators == ("RUEHAG", "RUEHAST", "RUEHDA", "RUEHLA", "RUEHLN", "RUEHYG")
    assert c.station.routing_indicator == "RUEHKB" and c.to[0].name == "SECSTATE WASHDC"


def test_marked_classified_by_line():
    text = cable().replace("Classified By: Ambassador", "(U) Classified By: Ambassador")
    assert parse_text(text).classified_by.name == "Anne E. Derse"


def test_handling_mark_before_the_office():
    text = cable().replace(
        "C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187", "S E C R E T NOFORN BAKU 000187"
    )
    c = parse_text(text)
    assert (c.reference_id, c.handling) == ("08BAKU187", ("NOFORN",))


def test_signature_after_a_website_footer():
    text = cable().replace("DERSE\n", "Visit Baku's Classified Website: http://example.invalid/baku\nDERSE\n")
    assert parse_text(text).signers == ("DERSE",)


def test_paragraph_mark_on_a_wrapped_number_is_not_a_paragraph():
    text = cable().replace("2. (C) Second paragraph.", "2. (C) Delivered on July\n¶24. Khobargade said so.")
    c = parse_text(text)
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert c.paragraphs[1].text == "Delivered on July ¶24. Khobargade said so."
