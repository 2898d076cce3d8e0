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


@pytest.mark.parametrize(
    ("module", "expression", "first", "flags"),
    [
        ("header", "DTG", "ZOPRzopr", re.I),
        ("header", "PAGE_HEADER", "TIXP", 0),
        ("header", "PROSIGN", "ZOPR", 0),
        ("header", "_DRAFTING", "DAC", 0),
        ("header", "_OFFICE_ROLE", "AO", 0),
        ("classification", "CLASSIFICATION", "TSCOUL", 0),
    ],
)
def test_first_characters_of_the_header_expressions(module, expression, first, flags):
    """The header tries these expressions only on a line whose first character (or a blank, for
    CLASSIFICATION) is one of `first`. Each sample is one alternative of the pattern: with its
    first character replaced by any other of the Basic Multilingual Plane, it no longer matches."""
    import importlib

    rx = getattr(importlib.import_module(f"cablecli.parse.{module}"), expression)
    assert rx.flags & re.I == flags
    header = importlib.import_module("cablecli.parse.header")
    assert (header._DTG_FIRST, header._BANNER_FIRST) == ("ZOPRzopr", "TSCOUL")
    for sample in _SAMPLES[expression]:
        assert rx.match(sample), sample
        starts = {c for c in map(chr, range(0x10000)) if rx.match(c + sample[1:])}
        assert {c for c in starts if not c.isspace()} <= set(first), sample


_SAMPLES = {
    "DTG": ["P 111619Z SEP 85", "o 010101Z jan 09", "R R 121212Z FEB 01", "Z 010203Z MAR 99"],
    "PAGE_HEADER": ["PAGE 02 STATE 015113", "TO PAGE 02 STATE", "INFO PAGE 3", "XMT PAGE 4"],
    "PROSIGN": ["PP RUEHTC", "OO RUEHC", "RR", "ZZ RUEHX RUEHY"],
    "_DRAFTING": ["DRAFTED BY X", "APPROVED BY Y", "CLEARED: Z", "CLEARANCES", "DESIRED DISTRIBUTION"],
    "_OFFICE_ROLE": ["ACTION EUR-00", "ORIGIN NEA-02"],
    "CLASSIFICATION": ["TOP SECRET", "SECRET", "CONFIDENTIAL", "ONFIDENTIAL", "UNCLAS", "LIMITED OFFICIAL USE",
                       "C O N F I D E N T I A L", "S E C R E T", "SSECRET"],
}  # fmt: skip


# The section expression of classified_by as first written, with the checks before the 1.
_SECTION_AS_WRITTEN = re.compile(
    r"(?<![\d.])1\s?\.\s?([45])(?!\d)\.?|\b1\s\.([45])\b\.?|\b1([45])(?=\s?\(\s?[A-Ha-h]\s?\))"
)
SECTION_PIECES = [
    "1",
    "4",
    "5",
    ".",
    " ",
    "(b)",
    "(D)",
    "a",
    "_",
    "é",
    "11",
    "1.4",
    "14 (b)",
    "1 .5",
    "x",
    "-",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SECTION_PIECES), max_size=14).map("".join))
def test_section_with_its_digit_first_is_the_expression_as_written(s):
    from cablecli.parse.classified_by import _SECTION

    def spans(rx):
        return [(m.span(), m.groups()) for m in rx.finditer(s)]

    assert spans(_SECTION) == spans(_SECTION_AS_WRITTEN)
    assert bool(_SECTION.match(s)) == bool(_SECTION_AS_WRITTEN.match(s))
    for pos in range(len(s)):
        a, b = _SECTION.search(s, pos), _SECTION_AS_WRITTEN.search(s, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZbY zq.1,-ÉéßſİıK¶"), max_size=40))
def test_case_shares_are_those_of_the_letters(s):
    from cablecli.parse.fields import mostly_lower, mostly_upper

    letters = [c for c in s if c.isalpha()]
    assert mostly_lower(s) == (len(letters) >= 8 and sum(c.islower() for c in letters) > len(letters) // 2)
    assert mostly_upper(s) == (bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters))


TAG_PIECES = [
    "PREL", "PGOV", "KDEM", "IZ", "US", "OVIP", "SIPDIS", "NOFORN", "ECON", "ECONOMIC", "AFFAIRS",
    "COUNTRY", "CLEARANCE", "SMITH", "JOHN", "J.", "pgov", "KTIP.", "ETRD:", ",", ", ", ";", " ", "  ",
    "\n", "(", ")", "(CLINTON, HILLARY)", ".", ":", "\t", "PAGE 02 ROME 01059 01 OF 04",
]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(TAG_PIECES), max_size=10).map("".join))
def test_tags_of_a_line_of_codes_are_those_of_the_general_reading(raw):
    from cablecli.parse.fields import _MD_LINK, _tag_items, cut_tags_text, parse_tags

    text = cut_tags_text(_MD_LINK.sub(r"\1", raw)).upper().replace(";", ",")
    assert parse_tags(raw) == _tag_items(text)


def test_one_word_office_needs_no_table():
    """A cited office of one word is read without the table of posts: the same as with it, for every
    known post, the aliases, stop words, months and short or unknown words."""
    from cablecli.parse.ids import MONTH_WORDS
    from cablecli.parse.refs import _CITED_ALIASES, _STOP_WORDS, _known_offices, _office, _office_by_table

    words = {
        *_known_offices(),
        *_CITED_ALIASES,
        *_STOP_WORDS,
        *MONTH_WORDS,
        "AB",
        "XYZ",
        "ROME.",
        "'BAKU",
        "A",
    }
    for w in sorted(words):
        assert _office([w]) == _office_by_table([w.strip(".'’")]), w


def test_a_common_cable_parses_without_the_reference_tables():
    """TAGS of codes and REF items citing one-word offices need no reference table: parsing such a
    cable does not load cablecli.reference (about 10 ms of start-up for `parse` of one cable)."""
    import subprocess

    text = (
        "P 011200Z JAN 09\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n\n"
        "C O N F I D E N T I A L ROME 000123\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL PGOV IT\n"
        "SUBJECT: A TEST\n\nREF: A. STATE 1234 B. ROME 99\n\nClassified By: DCM Jane Roe, reasons 1.4 (b).\n\n"
        "1. (C) Text.\n"
    )
    code = (
        "import sys\nfrom cablecli.parse import parse_text\n"
        f"c = parse_text({text!r})\n"
        "print(c.tags, [r.reference_id for r in c.references], 'cablecli.reference' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('PREL', 'PGOV', 'IT') ['09STATE1234', '09ROME99'] False"
