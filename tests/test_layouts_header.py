"""The header block in its less common layouts, one invented text per layout: archive printouts of
1973-79 telegrams (office distribution, drafting lines, page headers, trailer), the office-distribution
block of later printouts, DTG and date variants, page headers inside TO/INFO, a redacted office, and
PlusD pages (metadata filling what the text lacks)."""

from __future__ import annotations

import io

import pytest

from cablecli.inputs.html import read_html
from cablecli.model import Source
from cablecli.parse import parse_text

# An incoming telegram as the archives print it: banner, page header with a line count, the office
# distribution, the separator, DTG, FM/TO/INFO, classification line, E.O. 11652, paragraphs broken by a
# page header mid-sentence, signer on its own line, trailer with the archive's notes.
INCOMING_1970S = """\
LIMITED OFFICIAL USE

PAGE 01  VALLETTA 01234  121530Z

23
ACTION NEA-12

INFO  OCT-01  EUR-25  ISO-00  CIAE-00  INR-10

NSAE-00  RSC-01  /050 W
---------------------     112233
R 121500Z JUN 75
FM AMEMBASSY VALLETTA
TO SECSTATE WASHDC 2201
INFO AMEMBASSY ROME
AMEMBASSY TUNIS

LIMITED OFFICIAL USE VALLETTA 1234

E.O. 11652: XGDS-2
TAGS: ETRD, MT
SUBJECT: HARBOUR DUES FOR VISITING FREIGHTERS

REF: STATE -054321

1. MINISTRY OF TRADE INFORMED EMBASSY THAT NEW HARBOUR DUES
WILL APPLY FROM JULY 1.

2. EMBASSY WILL REPORT REACTION OF SHIPPING AGENTS WHEN
LIMITED OFFICIAL USE

LIMITED OFFICIAL USE

PAGE 02  VALLETTA 01234  121530Z

KNOWN. NO ACTION REQUESTED.
SMITHERS


LIMITED OFFICIAL USE




NNN

*** Current Handling Restrictions ***   n/a
***  Current Classification ***   LIMITED OFFICIAL USE
"""

# An outgoing one: ORIGIN, drafting lines with a date and an extension, two precedence letters and a
# space before Z, `E. O. 11652: N/ A`, a signature run onto the last line, a garbled end-of-message mark.
OUTGOING_1970S = """\
CONFIDENTIAL

PAGE 01   STATE  123456

64
ORIGIN    EUR-12

INFO  OCT-01    NEA-10   ADP-00  /023  R

DRAFTED BY EUR/ SE: JQPUBLIC
03/04/76   EXT 21234
APPROVED BY EUR: AWATCHER
EUR/ WE - MR. ROE
---------------------       004455
O P 041212 Z MAR 76
FM SECSTATE WASHDC
TO  AMEMBASSY NICOSIA IMMEDIATE
INFO  AMEMBASSY ATHENS PRIORITY
AMEMBASSY ANKARA PRIORITY


C O N F I D E N T I A L STATE 123456

E. O. 11652:  GDS
TAGS:   PFOR  CY

SUBJECT:   TALKING POINTS FOR FOREIGN MINISTER

REF: A. NICOSIA 567 B. 75 ATHENS 8901

1.   PLEASE DRAW ON POINTS BELOW IN MEETING TOMORROW.

2.   DEPARTMENT WILL ADVISE ON FOLLOW-UP.    DOE


CONFIDENTIAL
NQXVVZCZ





*** Current Handling Restrictions ***   n/a
***  Current Classification ***   CONFIDENTIAL
"""


def test_incoming_1970s_telegram_header():
    c = parse_text(INCOMING_1970S)
    assert c.reference_id == "75VALLETTA1234"
    assert (c.date, c.precedence) == ("1975-06-12T15:00:00Z", "ROUTINE")
    assert c.origin == "AMEMBASSY VALLETTA"
    assert [(a.name, a.serial) for a in c.to] == [("SECSTATE WASHDC", "2201")]
    assert [a.name for a in c.info] == ["AMEMBASSY ROME", "AMEMBASSY TUNIS"]
    od = c.office_distribution
    assert (od.action, od.origin) == ("NEA-12", None)
    assert od.info == ("OCT-01", "EUR-25", "ISO-00", "CIAE-00", "INR-10", "NSAE-00", "RSC-01")
    assert c.distribution == ()
    assert c.classification == "LIMITED OFFICIAL USE"
    assert (c.executive_order, c.declassify.raw, c.declassify.on) == ("11652", "XGDS-2", None)
    assert c.tags == ("ETRD", "MT")
    assert c.subject == "HARBOUR DUES FOR VISITING FREIGHTERS"
    assert [r.reference_id for r in c.references] == ["75STATE54321"]


def test_incoming_1970s_telegram_body_without_page_breaks_and_trailer():
    c = parse_text(INCOMING_1970S)
    assert [p.number for p in c.paragraphs] == [1, 2]
    assert c.paragraphs[1].text == (
        "EMBASSY WILL REPORT REACTION OF SHIPPING AGENTS WHEN KNOWN. NO ACTION REQUESTED."
    )
    assert c.signers == ("SMITHERS",)
    assert "PAGE 02" not in c.body and "LIMITED OFFICIAL USE" not in c.body
    assert "NNN" not in c.body and "***" not in c.body
    assert "WHEN\nKNOWN." in c.body
    assert c.body.endswith("SMITHERS")
    assert c.problems == ()


def test_outgoing_1970s_telegram():
    c = parse_text(OUTGOING_1970S)
    assert c.reference_id == "76STATE123456"
    assert (c.date, c.precedence) == ("1976-03-04T12:12:00Z", "IMMEDIATE")
    assert c.origin == "SECSTATE WASHDC"
    assert [(a.name, a.precedence) for a in c.to] == [("AMEMBASSY NICOSIA", "IMMEDIATE")]
    assert [(a.name, a.precedence) for a in c.info] == [
        ("AMEMBASSY ATHENS", "PRIORITY"),
        ("AMEMBASSY ANKARA", "PRIORITY"),
    ]
    od = c.office_distribution
    assert (od.action, od.origin, od.info) == (None, "EUR-12", ("OCT-01", "NEA-10", "ADP-00"))
    assert c.classification == "CONFIDENTIAL"
    assert (c.executive_order, c.declassify.raw) == ("11652", "GDS")
    assert c.tags == ("PFOR", "CY")
    assert [r.reference_id for r in c.references] == ["76NICOSIA567", "75ATHENS8901"]
    assert c.signers == ("DOE",)
    assert c.paragraphs[-1].text == "DEPARTMENT WILL ADVISE ON FOLLOW-UP."
    assert "NQXVVZCZ" not in c.body and "CONFIDENTIAL" not in c.body


# A circular whose INFO list runs over a page break: banners and the page header cut the list.
CIRCULAR_1970S = """\
UNCLASSIFIED

PAGE 01   STATE  123456

71
ORIGIN    EUR-12

INFO  OCT-01    ADP-00  /013  R

DRAFTED BY EUR/ RPE: JDOE
APPROVED BY EUR: RROE
---------------------       004455
R 041212Z MAR 76
FM SECSTATE WASHDC
TO ALL EUROPEAN DIPLOMATIC POSTS
INFO AMEMBASSY OTTAWA
AMEMBASSY CANBERRA
UNCLASSIFIED

UNCLASSIFIED

PAGE 02   STATE  123456

AMEMBASSY WELLINGTON
AMEMBASSY TOKYO


UNCLASSIFIED STATE 123456

E.O. 11652: N/A
TAGS: OECD
SUBJECT: MINISTERIAL DATES

1. MINISTERIAL WILL MEET JUNE 21-22.    KISSINGER


UNCLASSIFIED




NNN
"""


def test_addressee_list_across_a_page_break():
    c = parse_text(CIRCULAR_1970S)
    assert c.reference_id == "76STATE123456"
    assert [a.name for a in c.to] == ["ALL EUROPEAN DIPLOMATIC POSTS"]
    assert [a.name for a in c.info] == [
        "AMEMBASSY OTTAWA",
        "AMEMBASSY CANBERRA",
        "AMEMBASSY WELLINGTON",
        "AMEMBASSY TOKYO",
    ]
    assert c.classification == "UNCLASSIFIED" and c.subject == "MINISTERIAL DATES"
    assert c.signers == ("KISSINGER",)
    assert c.paragraphs[0].text == "MINISTERIAL WILL MEET JUNE 21-22."


@pytest.mark.parametrize(
    ("line", "instruction"),
    [
        ("E.O. 11652: GDS", "GDS"),
        ("E.O. 11652: N/A", "N/A"),
        ("E.O. 11652: XGDS-2", "XGDS-2"),
        ("E.O. 11652: ADS", "ADS"),
        ("E. O. 11652:  N/ A", "N/ A"),
        ("E.O. 11652 XGDS-1", "XGDS-1"),
    ],
)
def test_executive_order_11652_instructions(line, instruction):
    c = parse_text(INCOMING_1970S.replace("E.O. 11652: XGDS-2", line))
    assert (c.executive_order, c.declassify.raw, c.declassify.on) == ("11652", instruction, None)
    assert c.tags == ("ETRD", "MT")


def test_1970s_check_knows_the_era():
    from cablecli.check import run_checks

    found = {v.rule for v in run_checks(parse_text(OUTGOING_1970S))}
    # No Classified By, no portion markings, no routing indicators: not faults in a 1976 telegram.
    assert not found & {"CBY001", "PAR002", "HDR002", "HDR004", "HDR007", "HDR012", "CLS001"}
    modern = parse_text(OUTGOING_1970S.replace("041212 Z MAR 76", "041212 Z MAR 06"))
    assert {"CBY001", "PAR002"} <= {v.rule for v in run_checks(modern)}


# The office-distribution block of a later printout: a banner with a control number, a page header of a
# sectioned cable, ACTION, an INFO LOG block wrapped and closed by `/012W`, a rule with a DTG and count.
PRINTOUT_2000 = """\
CONFIDENTIAL     PTQ4821

PAGE 01        LUSAKA  04321  01 OF 02  031402Z
ACTION AF-00

INFO  LOG-00   NP-00    AID-00   CIAE-00  INL-00   DODE-00  DS-00
      EB-00    FBIE-00  H-01     TEDE-00  INR-00   IO-00    /012W
                  ------------------B12C34  031403Z /38
O 031400Z OCT 00
FM AMEMBASSY LUSAKA
TO SECSTATE WASHDC IMMEDIATE 8765
INFO SADC COLLECTIVE

C O N F I D E N T I A L SECTION 01 OF 02 LUSAKA 004321

E.O. 12958: DECL: 10/03/2010
TAGS: PGOV, ZA
SUBJECT: CABINET RESHUFFLE

1. (C) Text.
"""

# An outgoing one: ORIGIN, drafting lines with a bare serial, then the rule.
PRINTOUT_OUTGOING = """\
UNCLASSIFIED

PAGE 01        STATE  204060  061812Z
ORIGIN DS-00

INFO  LOG-00   AF-00    /001R

DRAFTED BY: DS/IP/AF:JROE
APPROVED BY: DS/IP:MDOE
DS/DSS:KLEE
                  ------------------C90D11  061813Z /38
P 061810Z NOV 02
FM SECSTATE WASHDC
TO AMEMBASSY LUSAKA PRIORITY

UNCLAS STATE 204060

E.O. 12958: N/A
TAGS: ASEC
SUBJECT: VISIT OF SECURITY TEAM

1. Text.

POWELL
"""


def test_office_distribution_before_a_later_header():
    c = parse_text(PRINTOUT_2000)
    assert c.reference_id == "00LUSAKA4321"
    assert (c.date, c.precedence) == ("2000-10-03T14:00:00Z", "IMMEDIATE")
    assert c.origin == "AMEMBASSY LUSAKA"
    assert [(a.name, a.precedence, a.serial) for a in c.to] == [("SECSTATE WASHDC", "IMMEDIATE", "8765")]
    assert [a.name for a in c.info] == ["SADC COLLECTIVE"]
    assert c.office_distribution.action == "AF-00"
    assert c.office_distribution.info[:2] == ("LOG-00", "NP-00")
    assert c.office_distribution.info[-1] == "IO-00" and len(c.office_distribution.info) == 13
    assert c.classification == "CONFIDENTIAL" and c.section.number == 1
    assert c.tags == ("PGOV", "ZA")


def test_outgoing_office_distribution_with_drafting_lines():
    c = parse_text(PRINTOUT_OUTGOING)
    assert c.reference_id == "02STATE204060"
    assert c.date == "2002-11-06T18:10:00Z"
    assert c.office_distribution.origin == "DS-00"
    assert c.office_distribution.info == ("LOG-00", "AF-00")
    assert [a.name for a in c.to] == ["AMEMBASSY LUSAKA"]
    assert c.distribution == ()
    assert c.signers == ("POWELL",)


_NOTICE = "This record is a partial extract of the original cable. The full text of the original cable is not available."


@pytest.mark.parametrize(
    "head", [f"{_NOTICE}\n\n031402Z Oct 00", f"{_NOTICE} 031402Z Oct 00", f"{_NOTICE}\nDate: 031402Z OCT 00"]
)
def test_bare_mixed_case_dtg_after_a_partial_extract_notice(head):
    text = (
        f"{head}\nC O N F I D E N T I A L LUSAKA 004321\n\n"
        "E.O. 12958: DECL: 10/03/2010\nTAGS: PGOV, ZA\nSUBJECT: CABINET RESHUFFLE\n\n1. (C) Text.\n"
    )
    c = parse_text(text)
    assert (c.date, c.precedence) == ("2000-10-03T14:02:00Z", None)
    assert c.reference_id == "00LUSAKA4321"
    assert c.tags == ("PGOV", "ZA")


@pytest.mark.parametrize(
    "line", ["Tuesday, 03 October 2000, 14:02", "Tue, 3 Oct 2000, 14:02", "3 October 2000, 14:02"]
)
def test_date_only_in_the_archive_date_line(line):
    text = (
        f"{line}\nC O N F I D E N T I A L SECTION 01 OF 02 LUSAKA 004321\n\n"
        "E.O. 12958: DECL: 10/03/2010\nTAGS: PGOV, ZA\nSUBJECT: CABINET RESHUFFLE\nREF: LUSAKA 4000\n\n"
        "1. (C) Text.\n"
    )
    c = parse_text(text)
    assert c.date == "2000-10-03T14:02:00Z"
    assert c.reference_id == "00LUSAKA4321"
    assert [r.reference_id for r in c.references] == ["00LUSAKA4000"]
    assert c.subject == "CABINET RESHUFFLE"


def test_to_list_opened_by_a_page_header():
    text = (
        "P 182318Z FEB 09\nFM SECSTATE WASHDC\nTO PAGE 02        STATE   012345  182333Z\n"
        "ALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY VALLETTA PRIORITY\n"
        "INFO PAGE 02        STATE   012345  182333Z\nAMEMBASSY ROME\n\n"
        "UNCLAS STATE 012345\n\nTAGS: PREL\nSUBJECT: TEST\n\n1. Text.\n"
    )
    c = parse_text(text)
    assert [(a.name, a.precedence) for a in c.to] == [
        ("ALL DIPLOMATIC POSTS COLLECTIVE", "PRIORITY"),
        ("AMEMBASSY VALLETTA", "PRIORITY"),
    ]
    assert [a.name for a in c.info] == ["AMEMBASSY ROME"]
    assert c.reference_id == "09STATE12345"


def test_redacted_office_falls_back_to_fm():
    text = (
        "R 020304Z MAR 09\nFM AMEMBASSY VALLETTA\nTO SECSTATE WASHDC 0001\n\n"
        "C O N F I D E N T I A L XXXXXXXXXXXX 000004\n\nE.O. 12958: DECL: 03/02/2019\nTAGS: PREL\n"
        "SUBJECT: TEST\n\n1. (C) Text.\n"
    )
    c = parse_text(text)
    assert c.reference_id == "09VALLETTA4"
    assert "redacted-office" in [p.code for p in c.problems]


def test_limited_official_use_is_a_level():
    from cablecli.reference import classification_level, marking_level

    assert classification_level("LIMITED OFFICIAL USE") == classification_level("SBU")
    assert classification_level("LIMITED OFFICIAL USE") < classification_level("CONFIDENTIAL")
    assert marking_level("(LOU)") == 1
    c = parse_text("LIMITED OFFICIAL USE VALLETTA 1234\n\nTAGS: ETRD\nSUBJECT: X\n\n1. (LOU) Text.\n")
    assert c.classification == "LIMITED OFFICIAL USE"
    assert (c.paragraphs[0].marking, c.paragraphs[0].text) == ("LOU", "Text.")


def test_check_ranks_limited_official_use_below_confidential():
    from cablecli.check import run_checks

    text = "LIMITED OFFICIAL USE VALLETTA 1234\n\nE.O. 11652: N/A\nTAGS: ETRD\nSUBJECT: X\n\n1. (LOU) Text.\n"
    # No signature (SIG001, info) but nothing else: N/A and no Classified By are right on an LOU cable.
    assert [v.rule for v in run_checks(parse_text(text))] == ["SIG001"]
    found = run_checks(parse_text(text + "\n2. (C) More.\n"))
    assert [(v.rule, v.line) for v in found if v.rule != "SIG001"] == [("CLS003", 9)]
    assert "LIMITED OFFICIAL USE" in found[-1].message


# ---- PlusD pages ---------------------------------------------------------------------------------


def _plusd_page(text_header: str, tagged: str, synopsis: dict[str, str]) -> bytes:
    cells = "".join(
        f'<td><div class="s_key"><a class="i">{k}:</a></div><div class="s_val">{v}</div></td>'
        for k, v in synopsis.items()
    )
    return (
        f"<html><body><table><tr>{cells}</tr></table>"
        f'<div class="text-header hidden">{text_header}</div>'
        f'<div class="text-content"><div id="tagged-text">{tagged}</div></div></body></html>'
    ).encode()


def _read_page(page: bytes):
    [item] = list(read_html(io.BytesIO(page), "page.html"))
    return parse_text(item.text, item.source)


_SYNOPSIS = {
    "Date": "1975 Jun 12, 15:00 (Thursday)",
    "Canonical ID": "1975VALLETTA01234_b",
    "Original Classification": "LIMITED OFFICIAL USE",
    "Executive Order": "GS",
    "TAGS": "ETRD - Foreign Trade | MT - Malta | SMITH, JOHN",
    "From": "Malta Valletta",
}


def test_plusd_page_metadata_fills_what_the_text_lacks():
    # A page whose text lost its header and TAGS line: the metadata gives id, date, level, origin, tags.
    body = "SUBJECT: HARBOUR DUES\n\n1. MINISTRY INFORMED EMBASSY.\nSMITHERS\n\n\nLIMITED OFFICIAL USE\n\nNNN"
    c = _read_page(_plusd_page("", body, _SYNOPSIS))
    assert c.reference_id == "75VALLETTA1234"
    assert c.date == "1975-06-12T15:00:00Z"
    assert c.classification == "LIMITED OFFICIAL USE"
    assert c.origin == "Malta Valletta"
    assert c.tags == ("ETRD", "MT", "SMITH, JOHN")
    assert c.signers == ("SMITHERS",)
    assert not [p for p in c.problems if p.code == "metadata-disagrees"]


def test_plusd_page_text_wins_over_disagreeing_metadata():
    header, _, body = INCOMING_1970S.partition("\n\n1. ")
    synopsis = dict(
        _SYNOPSIS,
        Date="1975 Jun 13, 15:00 (Friday)",
        **{"Original Classification": "SECRET", "Canonical ID": "1975VALLETTA01235_b"},
    )
    c = _read_page(_plusd_page(header, "1. " + body, synopsis))
    assert c.date == "1975-06-12T15:00:00Z"
    assert c.classification == "LIMITED OFFICIAL USE"
    assert c.tags == ("ETRD", "MT")
    messages = [p.message for p in c.problems if p.code == "metadata-disagrees"]
    assert c.reference_id == "75VALLETTA1234"
    assert len(messages) == 3
    assert any("reference id" in m and "75VALLETTA1235" in m for m in messages)
    assert any("date" in m and "1975-06-13T15:00:00Z" in m for m in messages)
    assert any("classification" in m and "SECRET" in m for m in messages)


def test_plusd_page_of_a_cablegate_era_cable():
    header = (
        "VZCZCXYZ0001\nPP RUEHWEB\n\nDE RUEHVL #0042/01 0641355\nZNY CCCCC ZZH\nP 041355Z MAR 08\n"
        "FM AMEMBASSY VALLETTA\nTO RUEHC/SECSTATE WASHDC PRIORITY 1111\nBT\n"
        "C O N F I D E N T I A L VALLETTA 000042\n\nSIPDIS\n\nE.O. 12958: DECL: 03/04/2018\n"
        "TAGS: PREL, MT\nSUBJECT: TEST SUBJECT\n\nClassified By: Ambassador Jane Roe for reasons 1.4 (b).\n"
    )
    synopsis = {
        "Date": "2008 March 4, 13:55 (Tuesday)",
        "Canonical ID": "08VALLETTA42_a",
        "Original Classification": "CONFIDENTIAL",
        "From": "Malta Valletta",
    }
    c = _read_page(_plusd_page(header, "1. (C) Text.\n\nROE", synopsis))
    assert c.reference_id == "08VALLETTA42"
    assert c.date == "2008-03-04T13:55:00Z"
    assert c.classification == "CONFIDENTIAL"
    assert c.station.serial == "0042"
    assert [a.routing_indicator for a in c.to] == ["RUEHC"]
    assert c.classified_by.name == "Jane Roe"
    assert c.signers == ("ROE",)
    assert c.problems == ()


def test_plusd_metadata_helpers():
    from cablecli.parse.archive import plusd_date, plusd_reference_id, plusd_tags

    assert plusd_reference_id("1974ATHENS02959_b") == "74ATHENS2959"
    assert plusd_reference_id("08BAKU187_a") == "08BAKU187"
    assert plusd_reference_id("not an id") is None
    assert plusd_date("1973 May 22, 18:28 (Tuesday)") == "1973-05-22T18:28:00Z"
    assert plusd_date("-- N/A or Blank --") is None
    assert plusd_date("1975 January 1") == "1975-01-01"
    assert plusd_date("1975 Feb 30, 10:00") is None
    assert plusd_tags("KALOUDIS, NICK | PINS - Political Affairs--Internal Security") == [
        "KALOUDIS, NICK",
        "PINS",
    ]


def test_source_is_kept_on_plain_text():
    c = parse_text(INCOMING_1970S, Source(path="x.txt", format="text"))
    assert c.source.path == "x.txt" and c.reference_id == "75VALLETTA1234"


def test_log_block_after_fm_is_office_distribution():
    text = (
        "R 251550Z AUG 09\nFM USEU BRUSSELS\nINFO  LOG-00   AF-00    AMAD-00\n      DS-00    DHSE-00  /000W\n"
        "TO SECSTATE WASHDC\nUNCLAS USEU BRUSSELS 001177\n\nTAGS: OTRA\nSUBJECT: X\n\n1. Text.\n"
    )
    c = parse_text(text)
    assert c.office_distribution.info == ("LOG-00", "AF-00", "AMAD-00", "DS-00", "DHSE-00")
    assert [a.name for a in c.to] == ["SECSTATE WASHDC"] and c.info == ()
    assert c.reference_id == "09USEUBRUSSELS1177"


def test_trailer_and_run_on_signer_leave_other_endings_alone():
    from cablecli.parse.archive import split_run_on_signer, trailer_start

    lines = ["1. TEXT ENDS HERE.", "DERSE", ""]
    assert trailer_start(lines, 0) == 3
    lines = ["1. TEXT.", "TASCA", "", "CONFIDENTIAL", "", "NNN"]
    assert trailer_start(lines, 0) == 3
    # A run of capitals is a garbled end mark only between a banner and the archive's notes.
    lines = ["1. TEXT.", "CONFIDENTIAL", "NQXVVZCZ", "", "*** Current Classification ***   CONFIDENTIAL"]
    assert trailer_start(lines, 0) == 1
    assert trailer_start(["1. TEXT.", "CONFIDENTIAL", "SMITH"], 0) == 3
    lines = [
        "1. TEXT.",
        "",
        "ROE",
        "",
        "CONFIDENTIAL",
        "",
        "Declassified/Released US Department of State EO Systematic",
    ]
    assert trailer_start(lines + ["Review 30 JUN 2006"], 0) == 4
    assert split_run_on_signer(["1. WE AGREE.    PORTER"], 1, 0) == ["1. WE AGREE.", "PORTER"]
    assert split_run_on_signer(["2. MINIMIZE CONSIDERED.  ROE"], 1, 0) == ["2. MINIMIZE CONSIDERED.", "ROE"]
    assert split_run_on_signer(["1. WE AGREE.   THANKS"], 1, 0) == ["1. WE AGREE.   THANKS"]
    assert split_run_on_signer(["1. WE AGREE. PORTER"], 1, 0) == ["1. WE AGREE. PORTER"]
