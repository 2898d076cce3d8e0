"""The layouts of the Classified By line that real cables use, each with invented text: titles that
are misspelt, abbreviated or end in a place; where the name ends; the authority inside paragraph 1."""

from __future__ import annotations

import pytest

from cablecli.parse import parse_text
from cablecli.parse.classified_by import join_wrapped, parse_classified_by

HEAD = """P 041355Z MAR 08
FM AMEMBASSY ROME
TO RUEHC/SECSTATE WASHDC PRIORITY 4855

C O N F I D E N T I A L ROME 000123

E.O. 12958: DECL: 02/21/2018
TAGS: PGOV PREL IT
SUBJECT: A SUBJECT

"""
BODY = """

1. (C) First paragraph.

ROE
"""


def cby(block: str) -> tuple[str | None, str | None, list[str]]:
    c = parse_text(HEAD + block + BODY).classified_by
    assert c is not None
    return c.name, c.title, list(c.reasons)


def archive_wrap(text: str, trailing_space: bool = True) -> str:
    """Wrap as the archives do, at 71 characters whatever the words: one form ends each line with a
    space, the other drops the space the next line would start with."""
    chunks = [text[k : k + 71] for k in range(0, len(text), 71)]
    if trailing_space:
        return "\n".join(c.rstrip() + " " for c in chunks)
    return "\n".join(c.strip() for c in chunks)


BD = ["1.4(b)", "1.4(d)"]

# -- titles --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name", "title"),
    [
        # misspelt
        ("Classified By: Ambasador Jane Q. Roe for reasons 1.4 (b) and (d).", "Jane Q. Roe", "Ambasador"),
        ("Classified By: Political Counslor Jane Roe for reasons 1.4 (b) and (d).", "Jane Roe", "Political Counslor"),
        ("Classified By: Office Direcotr Jane Roe, reasons 1.4 (b) and (d).", "Jane Roe", "Office Direcotr"),
        ("Classified By: AMBASADDOR JOHN ROE FOR REASONS 1.4 (B) AND (D)", "JOHN ROE", "AMBASADDOR"),
        ("Classified By: Minister-Counselour Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe", "Minister-Counselour"),
        # abbreviated
        ("Classified By: Acting ECMIN Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe", "Acting ECMIN"),
        ("Classified By: A E/MIN COUNS. JOHN ROE, REASONS 1.4(B) AND (D)", "JOHN ROE", "A E/MIN COUNS."),
        ("Classified By: POL MIN COUN JOHN ROE, REASON 1.4(B)&(D).", "JOHN ROE", "POL MIN COUN"),
        ("Classified By: DEFENSE ATTACHE LTC JOHN ROE FOR REASONS 1.4 (B) AND (D)", "JOHN ROE", "DEFENSE ATTACHE LTC"),
        ("Classified By: TDY RSO John Roe for reasons 1.4 (b) and (d)", "John Roe", "TDY RSO"),
        ("Classified By: POL/ECON OFF JOHN ROE FOR REASONS 1.4 (B) AND (D)", "JOHN ROE", "POL/ECON OFF"),
        ("Classified By: PolMinCouns Jane Roe, reasons 1.4 (b/d).", "Jane Roe", "PolMinCouns"),
        ("Classified By: USEU MCOUNSELOR JOHN ROE, FOR REASONS 1.4 (B) AND (D)", "JOHN ROE", "USEU MCOUNSELOR"),
        ("Classified By: PolMC Jane McDonald for reasons 1.4 (b) and (d)", "Jane McDonald", "PolMC"),
        ("Classified By: Polcounselor Jane Roe; reasons: E.O. 12958 1.4 (b,d).", "Jane Roe", "Polcounselor"),
        ("Classified By: USTR Jane Roe, Reason 1.4(B/D)", "Jane Roe", "USTR"),
        # a title that ends in a place, an office or a programme
        ("Classified By: DAS for Central Asia Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe", "DAS for Central Asia"),
        ("Classified By: DEPUTY ASSISTANT SECRETARY OF STATE FOR SOUTH ASIA JOHN ROE", "JOHN ROE",
         "DEPUTY ASSISTANT SECRETARY OF STATE FOR SOUTH ASIA"),
        ("Classified By: Naples PRT Team Leader Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe", "Naples PRT Team Leader"),
        ("Classified By: Interagency Provincial Affairs Deputy Director Jane Roe for reasons 1.4 (d)", "Jane Roe",
         "Interagency Provincial Affairs Deputy Director"),
        # punctuation in or after the title
        ("Classified By: Charge d'Affaires, a.i. Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe",
         "Charge d'Affaires, a.i."),
        ("Classified By: Charge, d,Affaires a. i. Jane Roe, reason 1.4 (b) and (d).", "Jane Roe", "Charge, d,Affaires a. i."),
        ("Classified By: Charge d'Affaires (CDA) Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe",
         "Charge d'Affaires (CDA)"),
        ("Classified By: Acting Pol/Econ Counselor:Jane Roe, reasons 1.4 (b and d)", "Jane Roe", "Acting Pol/Econ Counselor"),
        ("Classified By: Acting DCM/Jane Roe for reasons 1.4 (b and d)", "Jane Roe", "Acting DCM"),
        ("Classified By: AMB:JROE, Reasons 1.4 (b) and (d)", "JROE", "AMB"),
        ("Classified By: Dir. Jane Roe, Reason 1.4 (b/d)", "Jane Roe", "Dir."),
        # the name first
        ("Classified By: Jane Roe, Political Counselor, reasons 1.4 (b) and (d).", "Jane Roe", "Political Counselor"),
        ("CLASSIFIED BY: Jane Roe, Ambassador, State, EXEC; REASON: 1.4(B), (D)", "Jane Roe", "Ambassador"),
        ("Classified By: JOHN A. ROE, Minister-Counselor for Economic Affairs, for reasons 1.4 (b,d).", "JOHN A. ROE",
         "Minister-Counselor for Economic Affairs"),
        ("CLASSIFIED BY: ROE, CDA, DOS; REASON: 1.4(B), (D)", "ROE", "CDA"),
    ],
)  # fmt: skip
def test_titles(line, name, title):
    assert cby(line)[:2] == (name, title)


# -- where the name ends ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Classified By: Ambassador Jane Roe per reasons 1.4 (b) and (d)", "Jane Roe"),
        ("Classified By: CDA Jane Roe under 1.4 (b) and (d)", "Jane Roe"),
        ("Classified By: CDA Jane Roe under Section 1.4 b/d", "Jane Roe"),
        ("Classified By: DCM JOHN ROE BASED ON E.O. 12958 REASONS 1.4 (B) AND (D)", "JOHN ROE"),
        ("Classified By: DCM JOHN ROE BASED UPON REASONS 1.4 (B) AND (D)", "JOHN ROE"),
        ("Classified By: DCM Jane Roe due to reasons 1.4 (b) and (d)", "Jane Roe"),
        ("Classified By: CHARGE JOHN ROE F0R REASONS 1.4 (B) AND (D)", "JOHN ROE"),
        ("Classified By: (U) CDA Jane Roe; E.O. 12958, reasons 1.4 (b,d)", "Jane Roe"),
        ("Classified By: ECONOMIC COUNSELOR JOHN ROE FOR 12958 1.4 B, D, AND E", "JOHN ROE"),
        ("Classified By: Ambassador Jane Roe for reaons 1.4 (b) and (d).", "Jane Roe"),
        ("Classified By: Ambassador Jane Roe.  Resons 1.4 (b) and (d)", "Jane Roe"),
        ("Classified By: Ambassador Jane Roe for rea-\nsons 1.4 (b) and (d).", "Jane Roe"),
        ("Classified By: AMBASSADOR JOHN ROE: 1.4 (B), (D)", "JOHN ROE"),
        ("Classified By: Deputy Chief of Mission: Jane Roe: Reason: 1.4 (b) and (d)", "Jane Roe"),
        ("Classified By: Dir. Jane Roe-reasons 1.4(b/d)", "Jane Roe"),
        ("Classified By: DCM JOHN ROE - 1.4 B,D.", "JOHN ROE"),
        ("Classified By: DCM Jane Q. Roe (acting) for reasons 1.4 (b) and (d).", "Jane Q. Roe"),
        ("Classified By: Acting Director Jane Q Roe for reasons 1.4 (b) and (d)", "Jane Q Roe"),
        ("Classified By: A/DCM D.C. Roe, reason para 1.4 (b)", "D.C. Roe"),
        ("Classified By: Ambassador John Q. Roe, Jr. for reasons 1.4 (b) and (d).", "John Q. Roe, Jr."),
        ("Classified By: Ambassador John Q. Roe, III. Reasons: 1.4 (b) and (d).", "John Q. Roe, III"),
        ("Classified By: Ambassador John Roe II for reasons 1.4 (b) and (d).", "John Roe II"),
        ("Classified By: CDA Jane Roe a.y., Sea3on: garbled text here", "Jane Roe"),
        ("Classified By: Ambassador Jane Roe", "Jane Roe"),
        ("Classified By: Political Counselor Jane West for reasons 1.4 (b)", "Jane West"),
        ("Classified By: Ambassador David Law, reasons 1.4 (b)", "David Law"),
        ("Classified By: Ambassador Gerald Roe, reasons 1.4 (b)", "Gerald Roe"),
        ("CLASSIFIED BY AMBASSAD0R J0HN R0E.  REAS0N: 1.4(B,D).", "J0HN R0E"),
        ("CLASSIFIED BY JOHN 0. ROE, DIRECTOR. REASON: 1.4(D).", "JOHN O. ROE"),
    ],
)  # fmt: skip
def test_where_the_name_ends(line, name):
    assert cby(line)[0] == name


# Particles of a surname (`de la`, `van der`), one or several, in mixed case and in capitals; a
# capitalised particle word of a mixed-case line is a name word anyway.
@pytest.mark.parametrize(
    ("line", "name", "title"),
    [
        ("Classified By: Econ Officer Jane de la Roe; reasons 1.4(b,d)", "Jane de la Roe", "Econ Officer"),
        ("Classified By: Political Counselor Jan van der Roe, reason 1.4 (d).", "Jan van der Roe", "Political Counselor"),
        ("Classified By: DCM Ana dos Roe for reasons 1.4 (b)", "Ana dos Roe", "DCM"),
        ("Classified By: Ambassador Jan van Roe for reasons 1.4 (b)", "Jan van Roe", "Ambassador"),
        ("CLASSIFIED BY: POLITICAL COUNSELOR JAN VAN DER ROE, REASON 1.4 (D).", "JAN VAN DER ROE", "POLITICAL COUNSELOR"),
        ("CLASSIFIED BY: CONSUL GENERAL JUAN DE LA ROE FOR REASONS 1.4 (B)", "JUAN DE LA ROE", "CONSUL GENERAL"),
    ],
)  # fmt: skip
def test_name_particles(line, name, title):
    assert cby(line)[:2] == (name, title)


def test_a_particle_word_outside_a_name_is_not_taken_into_it():
    # `DE` between a title and a name, or at the end, joins nothing.
    assert cby("CLASSIFIED BY: CHARGE DE AFFAIRES JOHN ROE, REASON 1.4 (D).")[0] == "JOHN ROE"
    assert cby("Classified By: Ambassador Jane Roe de, reasons 1.4 (b)")[0] == "Jane Roe"


@pytest.mark.parametrize("title", ["Refcoord", "RefCoord", "Regional Refugee Coord.", "REFCOORD"])
def test_coordinator_titles(title):
    assert cby(f"Classified By: {title} Jane Roe, reasons 1.4(b) and (d).")[:2] == ("Jane Roe", title)


def test_a_name_broken_mid_word_by_the_wrap_with_a_trailing_space():
    line = "Classified By: Classified by Deputy Political Counselor Charles Q. Roeblah, E.O. 12958, reasons 1.4 (b) and (d)."
    wrapped = archive_wrap(line)
    assert "Roebl \nah," in wrapped or "\n" in wrapped
    assert cby(wrapped) == ("Charles Q. Roeblah", "Deputy Political Counselor", BD)


def test_a_word_broken_by_the_wrap_without_a_trailing_space():
    line = "Classified By: MINISTER COUNSELOR FOR POLITICAL AFFAIRS JOHN ROEBLAH FOR REASONS 1.4 (B) AND (D)"
    wrapped = archive_wrap(line, trailing_space=False)
    assert wrapped.split("\n")[1].startswith("R REASONS")  # `FO` + `R REASONS`
    assert cby(wrapped) == ("JOHN ROEBLAH", "MINISTER COUNSELOR FOR POLITICAL AFFAIRS", BD)


def test_a_wrap_that_fell_between_words_is_not_joined():
    assert join_wrapped(["Classified By: " + "x" * 46 + " Roe for reasons 1.4 (b and ", "d)"]).endswith(
        "(b and d)"
    )
    assert join_wrapped(["Classified By: Ambassador Jane Roe for reason ", "s 1.4 (b)"]).endswith(
        "reason s 1.4 (b)"
    )
    wide = "Classified By: Political Minister Counselor Jonathan Q. Roebuck-Smither "
    assert len(wide) == 72  # the wrap width; a misspelt `reasons` still starts a new word
    assert join_wrapped([wide, "reaons 1.4 (b)"]).endswith("Roebuck-Smither reaons 1.4 (b)")


def test_a_page_break_between_the_name_and_the_reasons():
    block = "CLASSIFIED BY AMBASSADOR JOHN ROE.\n              CONFIDENTIAL\n\nPAGE 02        ROME  00123  01 OF 03  111533Z\nREASONS: 1.5 (B) AND (D)."
    assert cby(block) == ("JOHN ROE", "AMBASSADOR", ["1.5(b)", "1.5(d)"])


def test_derivative_classification_names_no_one():
    assert cby("Classified By: Derived from Multiple Sources")[:2] == (None, "Derived from Multiple Sources")


# -- reasons -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "reasons"),
    [
        ("for reasons 1.4 (b) and (d).", BD),
        ("reasons 1.4(B/D)", BD),
        ("Reasons 1.4 (B and D)", BD),
        ("for reasons 1.4 (b), (c), and (d).", ["1.4(b)", "1.4(c)", "1.4(d)"]),
        ("REASON: 1.5 (D).", ["1.5(d)"]),
        ("reasons 1.4 b,d.", BD),
        ("reasons 1.4 (b&d).", BD),
        ("reasons 1.4 (b+d).", BD),
        ("for reason 1.4(G)(E)", ["1.4(g)", "1.4(e)"]),
        ("for reasons 1.4 ( b) and (d)", BD),
        ("for reasons 1.4 (b) a nd (d)", BD),
        ("for reasons 1.4. (b), (d).", BD),
        ("for reasons 14 (b) and (d).", BD),
        ("for reasons 1.4 (b/b)", ["1.4(b)"]),
        ("for reasons 1.4 (b) and (d). A new sentence.", BD),
        ("for reasons 1.2 (b)", []),
    ],
)
def test_reasons(tail, reasons):
    assert parse_classified_by(f"Classified By: Ambassador Jane Roe {tail}").reasons == tuple(reasons)


# -- where the line is -------------------------------------------------------------------------------------


def test_authority_inside_paragraph_one():
    text = HEAD.replace(
        "SUBJECT: A SUBJECT\n\n",
        "SUBJECT: A SUBJECT\n\n1.  (U)  CLASSIFIED BY JOHN ROE, DCM.\nREASON: 1.5 (D).\n\n2. (C) Text.\n",
    )
    c = parse_text(text)
    assert (c.classified_by.name, c.classified_by.title, c.classified_by.reasons) == (
        "JOHN ROE",
        "DCM",
        ("1.5(d)",),
    )
    assert c.paragraphs[0].number == 1  # the paragraph stays in the body


def test_authority_after_entire_text_in_paragraph_one():
    text = HEAD.replace(
        "SUBJECT: A SUBJECT\n\n",
        "SUBJECT: A SUBJECT\n\n1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY: POLOFF\nJOHN ROE - 1.5 B,D.  NIACT BECAUSE OF A CRISIS.\n\n2. (C) Text.\n",
    )
    c = parse_text(text).classified_by
    assert (c.name, c.title, c.reasons) == ("JOHN ROE", "POLOFF", ("1.5(b)", "1.5(d)"))
    assert c.text == "CLASSIFIED BY: POLOFF JOHN ROE - 1.5 B,D."


def test_section_alone_in_paragraph_one_names_no_one():
    text = HEAD + "1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY SECTION 1.5 (B)\nAND (D).\n\n2. (C) Text.\n"
    c = parse_text(text).classified_by
    assert (c.name, c.reasons) == (None, ("1.5(b)", "1.5(d)"))


def test_prose_in_paragraph_one_is_not_a_classified_by():
    text = HEAD + "1. (C) Classified by the ministry as a state secret, the report was never published.\n"
    assert parse_text(text).classified_by is None


def test_flattened_preamble_running_into_paragraph_one():
    text = HEAD.replace(
        "SUBJECT: A SUBJECT\n\n",
        "REF: 08 ROME 245 CLASSIFIED BY: Jane Roe, Political Counselor, State; REASON: 1.4(B), (D) ¶1. (U) This text.\n",
    )
    c = parse_text(text)
    assert (c.classified_by.name, c.classified_by.title) == ("Jane Roe", "Political Counselor")
    assert c.classified_by.reasons == ("1.4(b)", "1.4(d)")
    assert "¶1" not in c.classified_by.text
    assert [r.reference_id for r in c.references] == ["08ROME245"]


def test_preamble_reexports_the_parser():
    from cablecli.parse.preamble import parse_classified_by as again

    assert again is parse_classified_by


def test_a_classified_by_line_running_on_into_paragraph_one():
    text = (
        HEAD
        + "Classified By: Ambassador Jane Roe for reasons 1.4 (b) and (d). 1. (C) Summary: talks went well.\n"
    )
    c = parse_text(text)
    assert (c.classified_by.name, list(c.classified_by.reasons)) == ("Jane Roe", BD)
    assert "Summary" not in c.classified_by.text
    assert "1. (C) Summary: talks went well." in c.body  # the paragraph stays in the body


def test_flattened_subject_and_classified_by_without_a_colon():
    text = HEAD.replace(
        "SUBJECT: A SUBJECT\n\n",
        "REF: 08 ROME 245 Classified By Ambassador Jane Roe for reasons 1.4 (b) and (d)\n\n",
    )
    c = parse_text(text)
    assert (c.classified_by.name, list(c.classified_by.reasons)) == ("Jane Roe", BD)


@pytest.mark.parametrize(
    "para",
    [
        "1. (C) CLASSIFIED BY DEPUTY CHIEF OF MISSION JOHN ROE. REASONS: 1.5 (B) AND (D).",
        "1. CLASSIFIED BY DEPUTY CHIEF OF MISSION JOHN ROE; REASON 1.5(B), (D).",
        "1. CONFIDENTIAL--ENTIRE TEXT--CLASSIFIED BY DEPUTY CHIEF OF MISSION JOHN ROE. REASON 1.5 (B,D).",
        "¶1. (U) Classified By: Deputy Chief of Mission John Roe, reasons 1.5 (b) and (d).",
    ],
)
def test_paragraph_one_forms(para):
    c = parse_text(HEAD + para + "\n\n2. (C) Text.\n").classified_by
    assert (c.name.upper(), c.title.upper(), c.reasons) == (
        "JOHN ROE",
        "DEPUTY CHIEF OF MISSION",
        ("1.5(b)", "1.5(d)"),
    )


def test_a_name_cut_from_a_longer_span_is_noted_as_a_problem():
    c = parse_text(HEAD + "Classified By: Team Leader for Ninewa Province John Roe, reasons 1.4 (b)" + BODY)
    assert c.classified_by.name == "John Roe"
    unsure = [p for p in c.problems if p.code == "classified-by-unsure"]
    assert len(unsure) == 1 and "Ninewa Province John Roe" in unsure[0].message


def test_a_plain_line_raises_no_problem():
    c = parse_text(HEAD + "Classified By: Ambassador Jane Roe, reasons 1.4 (b)" + BODY)
    assert "classified-by-unsure" not in [p.code for p in c.problems]
