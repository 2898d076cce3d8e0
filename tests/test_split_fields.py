"""split_fields skips the field splitter on lines with no keyword after their first character, and
strip_page_headers the page-header expression on text without `PAGE` or `OF` and eight digits:
the results must be those of the full expressions, on every line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli.parse.fields import (
    FIELD_SPLIT,
    FLAT_PAGE_HEADER,
    SUBJECT_FIELD_SPLIT,
    cut_tags_text,
    split_fields,
    strip_page_headers,
)

PIECES = [
    "TAGS:", "TAGS", "TAG ", "Tags:", "SUBJECT:", "SUBJ:", "Subject :", "REF:", "REFS:", "REF(S):",
    "REFTEL:", "REFERENCES:", "EGYPTREF:", "CLASSIFIED BY:", "Classified By", "classified by:",
    "CLASSIFED BY", "CAIROClassified By:", "E.O. 12958:", "E. O. 12958", "EO 12958 DECL", "E.O.12958:",
    "E.O. 13526: N/A", "DECL: 1.4(B)", "N/A", "AS AMENDED", "PREL", "PGOV KDEM", "ECON", "1.4 (B) AND (D)",
    "SECRETARY", "PREFERENCE", "PEOPLE", "STAGE", "THEREFORE:", "CAIRO 123", "12/31/2019", "X1",
    " ", "  ", "\t", ":", ",", ".", "'", "(", ")", "-",
]  # fmt: skip


def _reference(s: str, loose: bool) -> list[str]:
    pieces = (FIELD_SPLIT if loose else SUBJECT_FIELD_SPLIT).split(s)
    return [p.strip() for p in pieces if p and p.strip()]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.booleans())
def test_split_fields_is_the_splitter(parts, loose):
    s = "".join(parts)
    assert split_fields(s, loose) == _reference(s, loose)


@pytest.mark.parametrize(
    "line",
    [
        "SUBJECT: TALKS WITH EGYPTREF: CAIRO 123",
        "E.O. 12958: DECL: 05/12/2018 TAGS: PREL PGOV SUBJECT: A TEST",
        "   TAGS: PREL",
        "TAGS PREL ECON",
        "PEOPLE OF THE REFORM PARTY PREFER A STAGE",
        "Classified By: Ambassador X for reasons 1.4 (b)",
        "ROME 123 CLASSIFIED BY: DCM",
        "",
        "   ",
    ],
)
@pytest.mark.parametrize("loose", [True, False])
def test_split_fields_on_written_lines(line, loose):
    assert split_fields(line, loose) == _reference(line, loose)


HEADER_PIECES = [
    "PAGE 02", "PAGE 2 OF 4", "ROME 01059", "01 OF 04", "281501Z", "UNCLASSIFIED ", "S E C R E T ",
    "OTTAWA", "00000918", "001.2 OF 003", "NEW DELHI", "OF", "PAGES", "page 02", "12345678", "OFFICE",
    "SUBJECT", " ", "  ", "\n", "-", "'", "0", "12",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HEADER_PIECES), max_size=12))
def test_strip_page_headers_is_the_expression(parts):
    s = "".join(parts)
    assert strip_page_headers(s) == FLAT_PAGE_HEADER.sub(" ", s)
    assert cut_tags_text(s) == (s[: m.start()] if (m := FLAT_PAGE_HEADER.search(s.upper())) else s)
