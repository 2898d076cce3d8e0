"""The preamble's cheap tests stand in front of costly expressions only where they are exact: each
helper must give what the expression it guards gives, on written lines and on lines built from
pieces of keywords, case variants and the characters whose case folding is not ASCII's."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli.parse.classified_by import _SENTENCE_START, _sentence_start
from cablecli.parse.fields import (
    _KEYWORD_AHEAD,
    FIELD_SPLIT,
    SUBJECT_STOP,
    find_stop,
    may_hold_keyword,
    may_hold_stop,
    split_keywords,
)

PIECES = [
    "TAGS:", "TAGS", "TAG ", "Tags:", "tags pr", "SUBJECT:", "SUBJ:", "Subject :", "REF:", "REFS:",
    "REF(S):", "REFTEL:", "REFERENCES:", "EGYPTREF:", "CLASSIFIED BY:", "Classified By", "classified by:",
    "CLASSIFED BY", "CAIROClassified By:", "E.O. 12958:", "E. O. 12958", "EO 12958 DECL", "E.O.12958:",
    "e.o. 13526: n/a", "DECL: 1.4(B)", "N/A", "AS AMENDED", "PREL", "PGOV KDEM", "ECON", "PEOPLE", "STAGE",
    "THE. OTHER", "SENSITIVE BUT UNCLASSIFIED", "sensitive but", "SBU - NOT FOR", "sbu not for",
    "THIS MESSAGE IS ", "CLASS", "1. (C) ", "¶1. ", "- ", ". ", "(U) ", "ſ", "İ", "ı", "K", "ß", "’", "ͅ", "ﬁ",
    " ", "  ", "\t", ":", ",", ".", "'", "(", ")", "-", "1", "12958",
]  # fmt: skip
LINES = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_keyword_test_is_the_expression(s):
    assert may_hold_keyword(s) == (_KEYWORD_AHEAD.search(s, 1) is not None)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_split_keywords_is_the_splitter(s):
    assert split_keywords(s) == FIELD_SPLIT.split(s)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_subject_stop_test_is_the_expression(s):
    found = find_stop(s)
    expected = SUBJECT_STOP.search(s)
    assert (found and found.span()) == (expected and expected.span())
    if SUBJECT_STOP.match(" " + s):
        assert may_hold_stop(s)


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_sentence_start_is_the_search(s):
    u = " ".join(s.split()).upper()  # a paragraph as classified_by_in_body flattens it
    found, expected = _sentence_start(u), _SENTENCE_START.search(u)
    assert (found and found.span(1)) == (expected and expected.span(1))


@pytest.mark.parametrize(
    "line",
    [
        "TAGS: PREL PGOV",
        "E.O. 12958: DECL: 05/12/2018 TAGS: PREL PGOV SUBJECT: A TEST",
        "DEPARTMENT FOR WHA E.O. 12958: DECL: 1.4(B) TAGS: PREL",
        "SUBJECT: TALKS WITH EGYPTREF: CAIRO 123",
        "PEOPLE OF THE REFORM PARTY PREFER A STAGE",
        "Classified By: Ambassador X for reasons 1.4 (b)",
        "SIPDIS",
        "",
    ],
)
def test_split_keywords_on_written_lines(line):
    assert split_keywords(line) == FIELD_SPLIT.split(line)


@pytest.mark.parametrize(
    "para",
    [
        "1. (U) CLASSIFIED BY JOHN ROE, DCM. REASON: 1.5 (D).",
        "1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: JANE ROE, POLCOUNS. REASON 1.4 (B).",
        "1. THE CLASS OF 2009 MET. CLASSIFIED BY THE MINISTRY AS SECRET.",
        "CLASSIFIED BY: DCM JOHN ROE",
        "1. (C) NOTHING OF THE KIND HERE.",
    ],
)
def test_sentence_start_on_written_paragraphs(para):
    found, expected = _sentence_start(para), _SENTENCE_START.search(para)
    assert (found and found.span(1)) == (expected and expected.span(1))


@pytest.mark.parametrize(
    ("expression", "prefix", "atom", "first"),
    [
        ("SUBJECT_LINE", "^(?:SUBJ", "[SU]", "SsſUu"),
        ("CLASSIFIED_BY", "^CLASSIFI?ED", "C", "Cc"),
        ("_MARKED_CLASSIFIED_BY", "^\\(", "\\(", "("),
        ("_CORRECTED_COPY", "^C\\s*O", "C", "C"),
    ],
)
def test_first_characters_of_the_line_expressions(expression, prefix, atom, first):
    """The preamble tries these expressions only on a line whose first character is one of `first`
    (`_CORRECTED_COPY` runs on the line in capitals): no other character of Unicode matches the
    expression's first atom with its flags (`(?i)` takes `ſ` for an `s`)."""
    from cablecli.parse import preamble

    rx = getattr(preamble, expression)
    assert rx.pattern.startswith(prefix)
    if expression == "SUBJECT_LINE":
        assert "|UBJECT" in rx.pattern  # the other alternative starts with a U
        assert preamble._SUBJECT_FIRST == first
    one = re.compile(atom, rx.flags)
    assert {chr(c) for c in range(sys.maxunicode + 1) if one.fullmatch(chr(c))} == set(first)
