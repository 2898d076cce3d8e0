"""The header and preamble walks' shortcuts give what the tests they stand for give.

Each cheap test that decides a line without the costly one is checked here in two ways: the walk
with the shortcut at its safe answer (every line split, every subject line searched for a handling
statement, every TAGS field searched for caption words) gives the same records on the fixtures,
the real fragments, the invented layouts and generated cables, clean and messy; and each
first-character or substring test is a property test against the expression as written.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli.inputs import CableText, iter_texts
from cablecli.model import Source
from cablecli.parse import classification, fields, ids, pages, parse_text, preamble
from cablecli.parse.classification import CLASSIFICATION
from tests.conftest import FIXTURES, fixture_cases, generate


def _texts(paths):
    items = [item for item in iter_texts([str(p) for p in paths]) if isinstance(item, CableText)]
    assert items
    return items


def _disagreements(items, monkeypatch):
    fast = [parse_text(item.text, item.source).to_dict() for item in items]
    with monkeypatch.context() as m:
        m.setattr(preamble, "may_hold_keyword", lambda s: True)  # every line through split_fields
        m.setattr(preamble, "may_hold_stop", lambda s: True)  # every subject line searched
        m.setattr(preamble, "_holds_any", lambda text, words: True)  # every TAGS word looked up
        m.setattr(preamble, "_holds_rule_sign", lambda text: True)  # every subject split at a rule
        safe = [parse_text(item.text, item.source).to_dict() for item in items]
    return [(i.source.path, i.source.index) for i, a, b in zip(items, fast, safe, strict=True) if a != b]


def test_the_shortcuts_change_nothing_on_the_fixtures(monkeypatch):
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".txt", ".html", ".csv")]
    items = _texts(paths)
    assert len(items) >= 40
    assert _disagreements(items, monkeypatch) == []


@pytest.mark.parametrize("cases", ["fragments", "layouts"])
def test_the_shortcuts_change_nothing_on_the_fragments_and_layouts(monkeypatch, cases):
    items = fixture_cases(cases)
    assert len(items) >= 250
    assert _disagreements(items, monkeypatch) == []


@pytest.mark.parametrize("messy", [0.0, 0.4])
def test_the_shortcuts_change_nothing_on_generated_cables(tmp_path, monkeypatch, messy):
    where = generate(tmp_path, count=150, seed=f"preamble-walk-{messy}", fmt="mixed", messy=messy)
    items = _texts([where / "text", where / "html", where / "cables.csv"])
    assert _disagreements(items, monkeypatch) == []


def test_flattened_and_wrapped_preambles_through_both_walks(monkeypatch):
    """Invented preambles where the shortcuts matter: fields run together on one line, a blank
    line inside a field, a backslash at a line's end, a handling statement under the subject,
    captions in TAGS."""
    texts = [
        "CONFIDENTIAL ROME 001234\n\nSIPDIS\nDEPT FOR EUR E.O. 12958: DECL: 05/12/2018 TAGS: PREL\n"
        "SUBJECT: TALKS WITH EGYPTREF: CAIRO 123\n\n1. (C) Text.\n",
        "UNCLASSIFIED CAIRO 000042 \\\n\nE.O. 12958: N/A\nTAGS: ECON ETRD SIPDIS NOFORN\n"
        "SUBJECT: A LONG SUBJECT\nWRAPPED ONTO A SECOND LINE\nSENSITIVE BUT UNCLASSIFIED\n\n"
        "REF: A. STATE 1234\n\nB. CAIRO 99\n\nClassified By: Ambassador J. Doe, reasons 1.4 (b)\n\n"
        "1. (U) Text.\n",
        "SECRET\n\nNOFORN\n\nE.O. 12958: DECL: 1.6X1\nTAGS: PGOV\nSUBJECT: WEEKLY NOTES Sensitive but "
        "unclassified\n\n------\nSUMMARY: Text.\n",
    ]
    items = [CableText(t, Source(path=f"invented:{n}")) for n, t in enumerate(texts)]
    assert _disagreements(items, monkeypatch) == []
    second = parse_text(texts[1])
    assert second.subject == "A LONG SUBJECT WRAPPED ONTO A SECOND LINE"
    assert "SIPDIS" in second.captions and "NOFORN" in second.handling
    assert "SBU" in second.handling


PIECES = [
    "CONFIDENTIAL", "C O N F I D E N T I A L", "ONFIDENTIAL", "SECRET", "S E C R E T", "UNCLAS",
    "UNCLASSIFIED", "TOP SECRET", "LIMITED OFFICIAL USE", "PAGE 02", "ROME", "00001234", " 002 OF 003",
    "211833Z", "1. ", "(C)", "secret", "confidential", "ſecret", "ß", "ﬅ", "İ", "ı", " ", "  ", "\t", "/",
    "-", "---", "===", "*", "~", ".", "_", "1", "Z", "z", "A", "x",
]  # fmt: skip
LINES = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


def _is_page_break_as_written(s: str) -> bool:
    """pages.is_page_break before its first-character test."""
    last = s[-1:]
    if not (last.isdigit() or last in "Zz") and "PAGE" not in s[:12].upper():
        return bool(
            len(s) < 40
            and CLASSIFICATION.match(s.upper())
            and not CLASSIFICATION.match(s.upper()).group(2).strip()
        )
    if len(s) > 120:
        return False
    u = s.upper()
    if pages.PAGE_WORD.match(u):
        return True
    if " OF " in u or u[-1:].isdigit():
        if pages.PAGE_BREAK.match(u) and not pages._PARAGRAPH_NUMBER.match(u):
            return True
    if CLASSIFICATION.match(u):
        rest = CLASSIFICATION.match(u).group(2)
        return bool(re.search(r"\d{4,8}\s*$", rest)) or not rest.strip()
    return False


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_page_break_test_is_the_test_as_written(s):
    assert pages.is_page_break(s) == _is_page_break_as_written(s)
    assert pages.is_page_break(s.strip()) == _is_page_break_as_written(s.strip())


def test_a_banner_starts_with_a_blank_or_a_level_letter():
    """No other first character, upper-cased, lets CLASSIFICATION match (the samples are each level
    with its first character replaced by every character of the Basic Multilingual Plane)."""
    for sample in (
        "TOP SECRET",
        "SECRET",
        "SSECRET",
        "CONFIDENTIAL",
        "ONFIDENTIAL",
        "UNCLAS",
        "LIMITED OFFICIAL USE",
    ):
        starts = {c for c in map(chr, range(0x10000)) if CLASSIFICATION.match((c + sample[1:]).upper())}
        assert {c.upper()[:1] for c in starts if not c.isspace()} <= set(pages._BANNER_FIRST), sample


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_rule_line_test_is_the_expression(s):
    expected = len(s) >= 3 and fields._RULE_LINE.match(s) is not None and any(c in s for c in "-=_*~")
    assert fields.is_rule_line(s) == expected


def test_a_rule_line_starts_with_one_of_its_signs():
    one = re.compile(fields._RULE_LINE.pattern.replace("{3,}$", ""), fields._RULE_LINE.flags)
    assert {chr(c) for c in range(sys.maxunicode + 1) if one.match(chr(c))} == set(fields._RULE_SIGNS)


OFFICES = ["AMEMBASSY", "SECSTATE", "WASHDC", "RIO", "DE", "JANEIRO", "ROME", "USNATO", "BRUSSELS", "ST.",
           "PETERSBURG", "HO", "CHI", "MINH", "CITY", "O'HARE", "12", "é", "ſ", "ı", "ß", "rome", " ", "  ", "-"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(OFFICES), max_size=5).map(" ".join))
def test_canonical_office_is_the_substitution(office):
    o = " ".join(office.upper().split())
    for prefix in ids._OFFICE_PREFIXES:
        if o.startswith(prefix):
            o = o[len(prefix) :]
            break
    if not (o in ids._STATE_NAMES or o.startswith("SECSTATE")):
        assert ids.canonical_office(office) == re.sub(r"[^A-Z0-9]", "", o)


HANDLING_PIECES = [
    "NOFORN",
    "SBU",
    "E F T O",
    "SIPDIS",
    "REL USA",
    " ",
    "/",
    "//",
    "ROME",
    "SENSITIVE",
    "X",
    "123",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(HANDLING_PIECES), max_size=8).map("".join))
def test_handling_blanking_changes_nothing_without_a_mark(s):
    """parse_classification_line blanks the handling marks before the office only when it found one:
    `sub` finds the matches `finditer` finds, so without one the text is left as it was."""
    rx = classification._HANDLING
    blanked = rx.sub(lambda m: " " * len(m.group(0)), s)
    if not list(rx.finditer(s)):
        assert blanked == s
    else:
        assert len(blanked) == len(s)


def test_classification_lines_with_and_without_marks():
    cl = classification.parse_classification_line("UNCLAS E F T O KABUL 000123")
    assert (cl.office, cl.serial, cl.handling) == ("KABUL", "000123", ["EFTO"])
    cl = classification.parse_classification_line("S E C R E T KIGALI 000124 ")
    assert (cl.classification, cl.office, cl.serial, cl.handling) == ("SECRET", "KIGALI", "000124", [])


def test_misspelt_keywords_are_found_and_kept():
    from cablecli.parse.keyword_lines import _misspelt_keyword

    for line, expected in [("SUBJET: X", "SUBJECT"), ("TAGZ: PREL", "TAGS"), ("REF: STATE 1", None),
                           ("SUBJECTS: X", "SUBJECT"), ("TGAS: X", None), ("tagss: x", "TAGS")]:  # fmt: skip
        assert _misspelt_keyword(line) == expected
        assert _misspelt_keyword(line) == expected  # the second answer is the one kept


def test_the_joining_words_end_in_their_letters():
    """_split_tail tries its expression of joining words (`for`, `based on`, `IAW`) only when the text
    ends, before blanks, in one of _JOIN_LAST: the last letter of every alternative, and no other
    character matches those case-blind."""
    from cablecli.parse import classified_by

    last = re.compile(r"[RDNOWHG]", re.I)
    assert {chr(c) for c in range(sys.maxunicode + 1) if last.fullmatch(chr(c))} == set(
        classified_by._JOIN_LAST
    )
    for who in ["Jane Roe for", "JANE ROE F0R ", "Jane Roe based on", "Roe BASED UPON", "Roe due to", "Roe IAW",
                "Roe in accordance with", "Roe citing", "Roe pursuant to", "Roe as per", "Roe under"]:  # fmt: skip
        assert who.rstrip()[-1:] in classified_by._JOIN_LAST
        name = "Roe" if who.startswith("Roe") else "Jane Roe" if who.startswith("Jane") else "JANE ROE"
        assert classified_by._split_tail(who + " reasons 1.4 (b)")[0] == name


JOIN_PIECES = ["Jane", "Roe", " ", "for", "F0R", "per", "based", "on", "upon", "due", "to", "IAW", "with", "citing",
               ",", ".", "-", "(", "ſ", "ı", "\u212a", "x", "Jr.", "reasons", "1.4", "(b)"]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(JOIN_PIECES), max_size=10).map("".join))
def test_split_tail_is_the_tail_split_as_written(body):
    from cablecli.parse import classified_by

    with pytest.MonkeyPatch.context() as m:
        m.setattr(classified_by, "_JOIN_LAST", _EVERY_LAST)
        expected = classified_by._split_tail(body)
    assert classified_by._split_tail(body) == expected


class _AnyString(str):
    def __contains__(self, item):
        return True


_EVERY_LAST = _AnyString("")


def test_no_character_turns_blank_in_capitals():
    """The header tests a stripped line in capitals for a banner by its first character alone, the
    blank that CLASSIFICATION also admits first being impossible there."""
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if not c.isspace() and c.upper()[:1].isspace()]


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30))
def test_an_ascii_name_is_mixed_when_upper_changes_it(who):
    assert (who != who.upper()) == any(c.islower() for c in who)


CAPTION_PIECES = ["SIPDIS", "NOFORN", "NODIS", "ONLY", "EXCLUSIVE", "NOTE", "COPY", "ROME", "", " ", ",", "X"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CAPTION_PIECES), max_size=6).map(" ".join))
def test_caption_line_test_is_the_word_loop(u):
    words = u.replace(",", " ").split()
    looped = all(w in classification.CAPTIONS for w in words) and any(
        w in classification._CAPTION_WORDS for w in words
    )
    expected = [w for w in words if w in classification._CAPTION_WORDS] if words and looped else None
    assert classification._is_caption_line(u) == expected


def test_an_inner_rule_holds_a_rule_sign():
    one = re.compile(r"[-=_*]")
    assert preamble._INNER_RULE.pattern == r"\s[-=_*]{6,}\s"
    assert {chr(c) for c in range(sys.maxunicode + 1) if one.fullmatch(chr(c))} == set("-=_*")
    for text in ["PORT STRIKE ENDS ------ 1. (U) X", "A =*=*=* B", "A ______ B"]:
        assert preamble._holds_rule_sign(text) and preamble._INNER_RULE.search(text)
    assert not preamble._holds_rule_sign("PORT STRIKE ENDS")
