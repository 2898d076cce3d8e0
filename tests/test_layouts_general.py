"""Generality: the invented layout fragments of tests/fixtures/layouts/cases.jsonl, scored as a whole
(a floor that a regression on any layout family breaks), and one test per layout that the set showed
weak. Every text here is invented."""

from __future__ import annotations

import io

import pytest

from cablecli.inputs import CableText, read_stream
from cablecli.parse import parse_text
from cablecli.parse.cablelike import looks_like_cable
from cablecli.parse.classified_by import parse_classified_by
from tests.support.floors import assert_above_floor, layouts_eval, load_cases

CASES = load_cases("layouts")


def test_the_set_covers_every_family_of_fields():
    fields = {c["field"] for c in CASES}
    assert {"classified_by.name", "subject", "references.reference_id", "tags", "signers", "summary",
            "to", "info", "declassify.on", "reference_id", "date"} <= fields  # fmt: skip
    assert len(CASES) >= 150
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_the_set_scores_above_its_floor():
    assert_above_floor(CASES, total=0.97, per_field=0.9)


def test_a_miss_is_counted_as_one():
    case = dict(CASES[0], expected="NOBODY AT ALL")
    ok, n, misses = layouts_eval.score([case])
    assert (sum(ok.values()), sum(n.values())) == (0, 1)
    assert "NOBODY AT ALL" in next(iter(misses.values()))[0]


# -- the layouts the set showed weak -----------------------------------------------------------------

TAIL = "4. THE DELEGATION LEFT FOR GENEVA ON THE EVENING FLIGHT\nAND WILL REPORT FROM THERE.\n\n"


@pytest.mark.parametrize(
    "after",
    ["\nSECRET\n", "\nLIMITED OFFICIAL USE\n\nNNNN\n", "\nCONFIDENTIAL\n\n1997ROME04411 - CONFIDENTIAL\n",
     "UNCLASSIFIED\n>\n", "\nSECRET\n\nDeclassified/Released US Department of State EO Systematic\nReview 12 MAR 2004\n"],
)  # fmt: skip
def test_a_closing_banner_after_the_signature_is_not_the_classification_line(after):
    c = parse_text(TAIL + "ABERCROMBIE\n" + after)
    assert c.signers == ("ABERCROMBIE",)
    assert [p.number for p in c.paragraphs] == [4]


def test_a_banner_with_a_preamble_after_it_still_opens_the_cable():
    c = parse_text(
        "(Text recovered from a damaged tape.)\nS E C R E T ROME 001234\n\nE.O. 12958: DECL: 06/04/2018\nTAGS: PREL\n"
    )
    assert c.classification == "SECRET"
    assert c.tags == ("PREL",)


def test_end_cable_text_after_the_signature_is_not_the_signer():
    assert parse_text(TAIL + "MORGENTHAL\n\nNNNN\n\nEnd Cable Text\n").signers == ("MORGENTHAL",)


@pytest.mark.parametrize(
    "text",
    ["Subject: Dockworkers end strike 1. (SBU) The strike at the port ended today.",
     "Subject: Court upholds ban Ref: A) Minsk 12 B) Minsk 30",
     "Subject: Court upholds ban Classified By: Ambassador Eve Marsh, reasons 1.4 (b)"],
)  # fmt: skip
def test_a_flattened_sentence_case_preamble_is_a_cable(text):
    assert looks_like_cable(text)


def test_an_email_with_a_subject_line_is_still_not_a_cable():
    assert not looks_like_cable("From: a friend\nSubject: lunch on Friday\n\nSee you at noon.\n")


def test_a_flattened_subject_ends_at_a_rule():
    c = parse_text(
        "TAGS: PGOV, KE SUBJECT: NEW ELECTORAL MAP PUBLISHED ---------------- 1. (U) THE COMMISSION"
    )
    assert c.subject == "NEW ELECTORAL MAP PUBLISHED"


def test_a_subject_goes_on_after_a_page_break():
    text = ("E.O. 12958: DECL: 05/05/2016\nTAGS: ETRD, EG\nSUBJECT: TEXTILE EXPORTERS SEEK EXTENSION OF\n"
            "CONFIDENTIAL\n\nCONFIDENTIAL\n\nPAGE 02       CAIRO  07711  051530Z\n\nQUOTA ARRANGEMENTS\n\n1. (C) THE")  # fmt: skip
    c = parse_text(text)
    assert c.subject == "TEXTILE EXPORTERS SEEK EXTENSION OF QUOTA ARRANGEMENTS"
    assert [p.number for p in c.paragraphs] == [1]


def test_a_subject_does_not_take_the_first_paragraph_after_a_page_break():
    text = "TAGS: ETRD, EG\nSUBJECT: TEXTILE QUOTAS\nCONFIDENTIAL\n\nPAGE 02       CAIRO  07711  051530Z\n\n1. (C) THE"
    assert parse_text(text).subject == "TEXTILE QUOTAS"


def test_tags_go_on_after_a_page_break_when_a_comma_promises_more():
    text = ("E.O. 12958: DECL: 05/05/2016\nTAGS: ETRD, EAGR,\nUNCLASSIFIED\n\nPAGE 02       CAIRO  07711  051530Z\n\n"
            "EG, SU\nSUBJECT: COTTON\n")  # fmt: skip
    c = parse_text(text)
    assert c.tags == ("ETRD", "EAGR", "EG", "SU")
    assert c.subject == "COTTON"


@pytest.mark.parametrize(
    ("line", "name", "title"),
    [("CLASSIFIED BY: DCM/MARIA L. OKAFOR, PER 1.4 (B,D)", "MARIA L. OKAFOR", "DCM"),
     ("CLASSIFIED BY: POLOFF/GRETA VOSS FOR REASONS 1.4 (D)", "GRETA VOSS", "POLOFF"),
     ("CLASSIFIED BY: POL/ECON COUNSELOR GRETA VOSS FOR REASONS 1.4 (D)", "GRETA VOSS", "POL/ECON COUNSELOR")],
)  # fmt: skip
def test_a_title_joined_by_a_slash_to_a_name_in_capitals(line, name, title):
    cb = parse_classified_by(line)
    assert (cb.name, cb.title) == (name, title)


def test_a_post_after_a_post_title_is_part_of_the_title_and_said_so():
    c = parse_text("Classified By: Consul General Adana Nils Borgstrom for reasons 1.4 (b) and (d)\n")
    assert (c.classified_by.name, c.classified_by.title) == ("Nils Borgstrom", "Consul General Adana")
    assert any(p.code == "classified-by-unsure" and "Adana" in p.message for p in c.problems)


def test_the_evaluator_reads_an_html_case_as_a_page():
    html = next(c for c in CASES if c["form"] == "html")
    items = list(read_stream(io.BufferedReader(io.BytesIO(html["input"].encode())), "x.html"))
    assert isinstance(items[0], CableText) and items[0].source.metadata


@pytest.mark.parametrize(
    ("last", "signers"),
    [("END COMMENT. HOLLOWAY", ("HOLLOWAY",)), ("MINIMIZE CONSIDERED. HOLLOWAY", ("HOLLOWAY",)),
     ("END OF TEXT.", ()), ("END OF MESSAGE", ()), ("END OF TEXT.\nHOLLOWAY", ("HOLLOWAY",))],
)  # fmt: skip
def test_a_closing_phrase_in_capitals_is_not_part_of_the_signature(last, signers):
    assert parse_text(TAIL + last + "\n").signers == signers


def test_a_handling_line_in_capitals_under_the_subject_ends_it():
    c = parse_text(
        "TAGS: ECON, UG\nSUBJECT: COFFEE EXPORTS RECOVER\nSENSITIVE BUT UNCLASSIFIED - NOT FOR INTERNET\n\n1. (SBU) X"
    )
    assert c.subject == "COFFEE EXPORTS RECOVER"
    assert "SBU" in c.handling
    assert [p.number for p in c.paragraphs] == [1]


def test_a_ref_label_glued_to_the_office():
    c = parse_text("R 010000Z JAN 08\n\nREF: A.KAMPALA 10 B.STATE 2020 C.KAMPALA 7\n")
    assert [r.reference_id for r in c.references] == ["08KAMPALA10", "08STATE2020", "08KAMPALA7"]


@pytest.mark.parametrize("keyword", ["TO", "INFO"])
def test_an_addressee_list_after_a_merged_page_header_and_blank_lines(keyword):
    head = "R 151515Z JUN 08\nFM SECSTATE WASHDC\n" + ("TO AMEMBASSY QUITO\n" if keyword == "INFO" else "")
    c = parse_text(
        head + f"{keyword}  PAGE 02        STATE  064646  151520Z\n\n\nAMEMBASSY LIMA\nAMEMBASSY BOGOTA\n"
    )
    got = c.to if keyword == "TO" else c.info
    assert [a.name for a in got] == ["AMEMBASSY LIMA", "AMEMBASSY BOGOTA"]


@pytest.mark.parametrize(
    ("line", "name"),
    [("Classified By: Ambassador Joaquin Ibáñez for reasons 1.4 (b) and (d)", "Joaquin Ibáñez"),
     ("CLASSIFIED BY: POLOFF MEHMET ÖZTÜRK, REASON 1.4 (D)", "MEHMET ÖZTÜRK"),
     ("Classified By: Émile Durand, DCM, reasons 1.4 (b)", "Émile Durand")],
)  # fmt: skip
def test_a_name_with_accented_letters(line, name):
    assert parse_classified_by(line).name == name


def test_a_paragraph_opened_by_a_portion_marking_makes_a_fragment_a_cable():
    c = parse_text("(SBU) The Embassy will follow the hearing.\n\nLindqvist\n\nUNCLASSIFIED\n")
    assert looks_like_cable("(SBU) The Embassy will follow the hearing.\n\nLindqvist\n\nUNCLASSIFIED\n")
    assert c.signers == ("LINDQVIST",)
    assert not looks_like_cable("Licence\n\n(C) Copyright 2024 the authors.\nAll rights reserved.\n")


def test_a_ref_year_in_four_digits_after_the_serial():
    c = parse_text("R 010000Z JAN 09\n\nREF: A. HARARE 1020 (2008) B. HARARE 33 (08) C. HARARE 41\n")
    assert [r.reference_id for r in c.references] == ["08HARARE1020", "08HARARE33", "09HARARE41"]
