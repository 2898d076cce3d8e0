"""The body's layouts: what follows a signature, headings, summaries and comments; invented text for each."""

from __future__ import annotations

import pytest

from cablecli.parse import parse_text

HEAD = """UNCLAS SECTION 01 OF 01 ROME 001234

SIPDIS

E.O. 12958: N/A
TAGS: PREL, IT
SUBJECT: ITALIAN VIEWS ON THE FISHERIES TALKS

"""
LAST = "4. (U) THE MINISTRY WILL REPLY NEXT WEEK.\n"

# --- Lines after the signature -------------------------------------------------------------------

AFTER_SIGNATURE = {
    "banner": "\nHOLLIS\n\nUNCLASSIFIED\n",
    "letter-spaced banner": "\nHOLLIS\n\nu n c l a s s i f i e d\n",
    "banner with handling": "\nHOLLIS\n\nCONFIDENTIAL//NOFORN\n",
    "limited official use": "\nHOLLIS\nLIMITED OFFICIAL USE\nNNNN\n",
    "NNNN": "\nHOLLIS\nNNNN\n",
    "SIPDIS": "\nHOLLIS\n\nSIPDIS\n",
    "declassification notice": "\nHOLLIS\n\nCONFIDENTIAL\n\nDeclassified/Released US Department of State EO Systematic\n"
    "Review 30 JUN 2005\n",
    "note by OC/T": "\nHOLLIS\n\nNOTE BY OC/T: NOT PASSED TO\nUSUN NEW YORK.\n",
    "quote mark": "\nHOLLIS\n>\n",
    "archive line": "\nHOLLIS\n\n2004ROME01234 - UNCLASSIFIED\n",
    "period": "\nHOLLIS\n.\n",
    "hash marks": "\nHOLLIS##\n",
    "after a dash": "\n-\nHOLLIS\n",
    "after GP-3": "\nGP-3\nHOLLIS\n",
}


@pytest.mark.parametrize("tail", AFTER_SIGNATURE.values(), ids=list(AFTER_SIGNATURE))
def test_lines_after_the_signature_are_not_the_signer(tail):
    cable = parse_text(HEAD + LAST + tail)
    assert cable.signers == ("HOLLIS",)
    assert cable.paragraphs[-1].text == "THE MINISTRY WILL REPLY NEXT WEEK."


SAME_LINE = {
    "after End Comment": (
        "4. (C) Comment: They will wait. End Comment. HOLLIS\n",
        "Comment: They will wait. End Comment.",
    ),
    "after END OF TEXT": (
        "4. (U) THE TEXT ENDS HERE.  END OF TEXT. HOLLIS\n",
        "THE TEXT ENDS HERE. END OF TEXT.",
    ),
    "two spaces after a sentence": ("4. (U) MINIMIZE CONSIDERED.  HOLLIS\n", "MINIMIZE CONSIDERED."),
    "capitals after mixed case": (
        "4. (U) The ministry will reply next week. HOLLIS\n",
        "The ministry will reply next week.",
    ),
    "name in mixed case": (
        "4. (U) The ministry will reply next week. Hollis\n",
        "The ministry will reply next week.",
    ),
}


@pytest.mark.parametrize("text,kept", SAME_LINE.values(), ids=list(SAME_LINE))
def test_a_signature_ending_the_last_line_of_text(text, kept):
    cable = parse_text(HEAD + text)
    assert cable.signers == ("HOLLIS",)
    assert cable.paragraphs[-1].text == kept


@pytest.mark.parametrize(
    "text",
    [
        "4. (U) THE MINISTRY WILL REPLY. NEXT WEEK\n",  # one space, all capitals: a sentence
        "4. (U) THE MINISTRY WILL REPLY NEXT\nWEEK\n",  # a wrapped line
        "4. (U) The ministry will reply soon. Thanks\n",
        "4. (U) The ministry will reply soon. XXXXXXXXXXXX HOLLIS\n",
    ],
)
def test_text_that_merely_ends_in_capitals_is_not_signed(text):
    assert parse_text(HEAD + text).signers == ()


# --- Headings, summaries, comments ---------------------------------------------------------------

SUMMARIES = {
    "underlined heading": "Summary\n-------\n\n1. (C) The talks stalled. End Summary.\n\n2. (C) Details.\n",
    "heading between rules": "-------\nSUMMARY\n-------\n\n1. (C) The talks stalled.\n\n-----\nDetails\n-----\n\n"
    "2. (C) Details.\n",
    "heading with its rule on one line": "Summary =======\n\n1. (C) The talks stalled. End Summary\n\n2. (C) Details.\n",
    "rule, heading, rule on one line": "------- SUMMARY -------\n\n1. Summary: The talks stalled. End Summary.\n",
    "summary and action request": "1. (C) Summary and Action Request. The talks stalled. End Summary and Action "
    "Request.\n\n2. (C) Details.\n",
    "summary and introduction": "SUMMARY AND INTRODUCTION\n\n1. (C) The talks stalled. END SUMMARY AND "
    "INTRODUCTION.\n\n2. (C) Details.\n",
    "summary/comment": "1. (C) Summary/Comment: The talks stalled. End Summary/Comment.\n\n2. (C) Details.\n",
    "introduction and summary": "1. (SBU) Introduction and Summary: The talks stalled. End Summary\n",
    "lower-case marking": "1. (c) Summary: The talks stalled. End Summary.\n\n2. (C) Details.\n",
    "marking the parser does not take": "1. (C//REL ITA) Summary: The talks stalled. End Summary.\n",
    "closer wrapped": "1. (S) SUMMARY: The talks stalled. END\nSUMMARY.\n\n2. (S) Details.\n",
    "closer after a blank line": "1. (S) SUMMARY: The talks stalled. END\n\nSUMMARY.\nDETAILS\n\n2. (S) Details.\n",
    "before the numbered paragraphs": "SUMMARY: The talks stalled.\nEND SUMMARY\n\n1. IN THE WAKE OF THE TALKS.\n",
    "begin summary block": "BEGIN SUMMARY\n\nThe talks stalled.  END SUMMARY\n\nACTION REQUESTED: NONE.\n",
    "a heading flattened into the text": "1.(C) Summary: The talks stalled. -------- Training --------\n\n"
    "2.(U) Details.\n",
}


@pytest.mark.parametrize("body", SUMMARIES.values(), ids=list(SUMMARIES))
def test_summary_layouts(body):
    cable = parse_text(HEAD + body)
    assert cable.summary == "The talks stalled."
    assert not any(p.code == "unmarked-summary" for p in cable.problems)


def test_a_summary_known_only_from_its_end_is_its_paragraph_and_noted():
    cable = parse_text(HEAD + "1. (C) The talks stalled. End Summary.\n\n2. (C) Details.\n")
    assert cable.summary == "The talks stalled."
    problem = next(p for p in cable.problems if p.code == "unmarked-summary")
    assert problem.line == HEAD.count("\n") + 1


def test_a_summary_heading_runs_to_the_next_heading():
    body = "SUMMARY\n-------\n\n1. (C) The talks stalled.\n\n2. (C) Both sides left.\n\nDetails\n-------\n\n3. (C) More.\n"
    assert parse_text(HEAD + body).summary == "The talks stalled. Both sides left."


COMMENTS = {
    "underlined heading": "Comment\n-------\n\n3. (C) They will wait. End Comment.\n",
    "spaced rule": "- - - -\nComment\n- - - -\n\n3. (C) They will wait.\n",
    "heading with a title": "Comment: A Long Wait\n-------------------\n\n3. (C) They will wait.\n",
    "in parentheses": "3. (C) The minister left. (Comment: They will wait. End Comment.) He returned.\n",
    "in parentheses without closer": "3. (C) The minister left. (Embassy Comment: They will wait.) He returned.\n",
    "embassy comment": "3. (C) EMBASSY COMMENT: They will wait. END COMMENT.\n",
    "comment with a period": "3. (C) The minister left (Embassy comment. They will wait. End comment.)\n",
    "comment with a dash": "3. (C) COMMENT -- They will wait.\n",
}


@pytest.mark.parametrize("body", COMMENTS.values(), ids=list(COMMENTS))
def test_comment_layouts(body):
    cable = parse_text(HEAD + "1. (C) The talks stalled.\n\n2. (C) Details.\n\n" + body)
    assert cable.comment == "They will wait."


def test_a_comment_known_only_from_its_end_is_its_paragraph_and_noted():
    cable = parse_text(HEAD + "1. (C) Details.\n\n2. (C) They will wait. End Comment.\n")
    assert cable.comment == "They will wait."
    assert any(p.code == "unmarked-comment" for p in cable.problems)


@pytest.mark.parametrize(
    "body",
    [
        "1. (C) The minister declined to comment. He left.\n",
        "1. (C) He offered no comment. He left.\n",
        "1. (C) Summary and Comment: The talks stalled.\n",
    ],
)
def test_the_word_comment_in_text_is_no_comment(body):
    assert parse_text(HEAD + body).comment is None


def test_headings_are_not_paragraph_text_and_are_kept_for_display():
    body = (
        "1. (C) The talks stalled.\n"
        "Fisheries Quotas in Question\n"
        "--------------------------------------------- --------\n\n"  # a long rule wrapped, under the text
        "2. (C) Details.\n\n"
        "Who Pays\nFor the Boats\n---------------\n\n"  # a heading over two lines
        "3. (C) More.\n"
    )
    cable = parse_text(HEAD + body)
    assert [p.text for p in cable.paragraphs] == ["The talks stalled.", "Details.", "More."]
    assert [p.heading for p in cable.paragraphs] == [
        None,
        "Fisheries Quotas in Question",
        "Who Pays For the Boats",
    ]


def test_a_closing_line_alone_is_text_not_a_heading():
    cable = parse_text(HEAD + "1. (C) Begin text: the note.\n\nEND TEXT OF NOTE\n\n2. (C) More.\n")
    assert cable.paragraphs[0].text == "Begin text: the note. END TEXT OF NOTE"


def test_footer_lines_are_not_text():
    body = "1. (C) The talks stalled.\nPlease visit Rome's Classified Website at:\nhttp://www.example.sgov.gov/rome/index.c fm\nHollis\n"
    cable = parse_text(HEAD + body)
    assert cable.paragraphs[0].text == "The talks stalled."
    assert cable.signers == ("HOLLIS",)


def test_show_prints_each_heading_on_its_own_line(tmp_path):
    from typer.testing import CliRunner

    from cablecli.cli import app

    body = "1. (C) The talks stalled.\nFisheries Quotas in Question\n------------------------------\n\n2. (C) Details.\n"
    path = tmp_path / "cable.txt"
    path.write_text(HEAD + body)
    out = CliRunner().invoke(app, ["show", str(path), "-f", "text", "--width", "100"]).stdout
    lines = [line.strip() for line in out.splitlines()]
    assert "Fisheries Quotas in Question" in lines
    assert "1. (C) The talks stalled." in lines
    assert not any("----" in line for line in lines if "Quotas" in line or "stalled" in line)
