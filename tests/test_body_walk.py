"""The body walk's shortcuts give what the full tests give.

`parse_body` skips work on what one look at the whole body shows (`_facts`: no other whitespace
than the space, no footer word, no `summary` or `comment` word), finds a section's closing words
from the word they close (`_first_closing`), asks `_is_heading` only of lines that can be a
heading, and takes a long line of running text (`_QUIET_FIRST`) into its paragraph untested. Each shortcut is checked here against the test it stands for: the walk with every fact at
its safe answer, on the fixtures and on generated cables (clean and messy); the closing search
against the expression's own search; the heading filter against `_is_heading`.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli import parse
from cablecli.inputs import CableText, iter_texts
from cablecli.parse import body, body_lines, parse_text
from tests.conftest import FIXTURES, fixture_cases, generate


def _texts(paths):
    items = [item for item in iter_texts([str(p) for p in paths]) if isinstance(item, CableText)]
    assert items
    return items


def _fixture_paths():
    return [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".txt", ".html", ".csv")]


def _safe_facts(texts):
    return body._Facts(plain=False, footers=True, summary=True, comment=True)


def _disagreements(items, monkeypatch):
    fast = [parse_text(item.text, item.source).to_dict() for item in items]
    with monkeypatch.context() as m:
        m.setattr(body, "_facts", _safe_facts)
        m.setattr(body, "_first_closing", lambda end, text, word: end.search(text))
        m.setattr(body, "_QUIET_FIRST", frozenset())  # every line asked what it is
        m.setattr(body, "_CAPITALS", frozenset())
        safe = [parse_text(item.text, item.source).to_dict() for item in items]
    return [(i.source.path, i.source.index) for i, a, b in zip(items, fast, safe, strict=True) if a != b]


def test_the_shortcuts_change_nothing_on_the_fixtures(monkeypatch):
    items = _texts(_fixture_paths())
    assert len(items) >= 40
    assert _disagreements(items, monkeypatch) == []
    # They hold summaries and comments, marked and unmarked: the sections were sought and found.
    records = [parse_text(item.text, item.source) for item in items]
    assert sum(bool(r.summary) for r in records) >= 20
    assert sum(bool(r.comment) for r in records) >= 10
    assert any(p.code in parse.BODY_PROBLEMS for r in records for p in r.problems)


@pytest.mark.parametrize("cases", ["fragments", "layouts"])
def test_the_shortcuts_change_nothing_on_the_fragments_and_layouts(monkeypatch, cases):
    """The real fragments and the invented layouts: headings, rules, footers, odd sections."""
    items = fixture_cases(cases)
    assert len(items) >= 250
    assert _disagreements(items, monkeypatch) == []


@pytest.mark.parametrize("messy", [0.0, 0.4])
def test_the_shortcuts_change_nothing_on_generated_cables(tmp_path, monkeypatch, messy):
    where = generate(tmp_path, count=150, seed=f"walk-{messy}", fmt="mixed", messy=messy)
    items = _texts([where / "text", where / "html", where / "cables.csv"])
    assert _disagreements(items, monkeypatch) == []


def test_the_facts_of_a_body():
    facts = body._facts(["¶1. (C) Summary: talks.  End summary.", "Visit our Classified Website"])
    assert (facts.plain, facts.footers, facts.summary, facts.comment) == (True, True, True, False)
    facts = body._facts(["1. A tab\there, and an EMBASSY COMMENT."])
    assert (facts.plain, facts.footers, facts.summary, facts.comment) == (False, False, False, True)
    # Not ASCII besides the paragraph marks: the words cannot be sought in small letters.
    facts = body._facts(["Résumé of the talks"])
    assert (facts.plain, facts.summary, facts.comment) == (False, True, True)


# Texts made of the pieces the closing and opening expressions are built from.
_PIECES = ["end", "END", "End", "eNd", "of", "OF", "Of", " ", "  ", "\t", "\x1c", "(", ")", ".", ":", "-",
           "summary", "SUMMARY", "Summary", "sUmMaRy", "comment", "COMMENTS", "Comment", "weekend", "proof",
           "x", "begin", "embassy", "¶", "\u00a0", "ſummary"]  # fmt: skip
_SPACES = st.sampled_from(["", " ", "  ", "\t", "\x1c", "\u00a0"])
# And texts shaped like a closing: `... (End of Summary.) ...`, each part perhaps left out or odd.
_CLOSINGS = st.tuples(
    st.lists(st.sampled_from(_PIECES), max_size=4).map("".join),
    st.sampled_from(["", "(", "x", "((", ".", "("]),
    _SPACES,
    st.sampled_from(["end", "END", "End", "eNd", "weekend", "ends", ""]),
    _SPACES,
    st.sampled_from(["", "of", "OF", "of ", "proof", "off"]),
    _SPACES,
    st.sampled_from(
        ["summary", "SUMMARY", "sUmMaRy", "comment", "Comments", "COMMENTS", "summaryx", "ſummary"]
    ),
    st.sampled_from(["", ".", ")", ":", " -", ".)", "x"]),
    st.lists(st.sampled_from(_PIECES), max_size=4).map("".join),
).map("".join)
_TEXTS = st.one_of(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), _CLOSINGS)


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_first_closing_is_the_expression_search(text):
    for end, word in ((body._SUMMARY_END, "summary"), (body._COMMENT_END, "comment")):
        expected = end.search(text)
        if text.isascii():
            got = body._first_closing(end, text, word)
            assert (got and got.span()) == (expected and expected.span())
        # `_closing` searches only a text holding the word's end in capitals or in small letters.
        if word[1:] not in text and word[1:].upper() not in text:
            expected = None
        got = body._closing(end, text)
        assert (got and got.span()) == (expected and expected.span())


@settings(max_examples=2000, deadline=None)
@given(_TEXTS)
def test_every_section_expression_holds_its_word(text):
    """What lets `_facts` skip the sections: no match without the word, case blind (in ASCII)."""
    summary = (body._SUMMARY_START.search, body._SUMMARY_HEADING.search, body._SUMMARY_END.search)
    comment = (body._COMMENT.search, body._COMMENT_HEADING.search, body._COMMENT_END.search)
    for word, finders in (("summary", summary), ("comment", comment)):
        for find in finders:
            m = find(text)
            found = m.group().replace("¶", "") if m else ""
            if found.isascii():
                assert not m or word in found.lower()


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" ab.¶\u00a0\t", max_size=30))
def test_folding_spaces_is_clean_on_text_whose_only_whitespace_is_the_space(text):
    assert body_lines._clean(text) == " ".join(text.split())
    if not any(c.isspace() and c != " " for c in text):
        assert body_lines._fold_spaces(text) == " ".join(text.split())


_LINES = st.text(alphabet="ab-=_*. ,;:SUMARYENDCOT", max_size=20)


@settings(max_examples=3000, deadline=None)
@given(_LINES.filter(bool), _LINES.map(str.strip), st.booleans(), st.booleans())
def test_only_a_line_after_a_blank_or_over_a_rule_can_be_a_heading(s, nxt, prev_blank, after_rule):
    over = bool(nxt) and nxt[0] in "-=_*"
    if not over:
        # whether the rule ends a block is asked only of a line over one
        assert body._is_heading(s, nxt, prev_blank, after_rule) == body._is_heading(s, nxt, prev_blank, True)
        if not prev_blank:
            assert not body._is_heading(s, nxt, prev_blank, after_rule)


def test_the_comment_word_test_is_case_blind_only_in_ascii():
    # `ſ` is a case-blind `s` for the expressions, which is why non-ASCII bodies are not skipped.
    assert re.search("(?i)summary", "ſummary")
    assert "summary" not in "ſummary".lower()
    assert body._facts(["ſummary: talks"]).summary


def _every_character():
    return (chr(n) for n in range(0x110000) if not 0xD800 <= n < 0xE000)


def test_a_quiet_first_character_starts_nothing_the_walk_tests_for():
    """`_QUIET_FIRST`: no digit (`str.isdigit`, as the paragraph test asks), no `¶`, no capital
    (`str.isupper`, the page-break test), no rule character; `_CAPITALS` are capitals."""
    for c in body._QUIET_FIRST:
        assert not c.isdigit() and c != "¶" and not c.isupper() and c not in "-=_*", repr(c)
    assert all(c.isupper() for c in body._CAPITALS)
    # The sets are ASCII: whatever Unicode calls a digit or a capital elsewhere is asked in full.
    assert all(c.isascii() for c in body._QUIET_FIRST | body._CAPITALS | body._QUIET_LAST)
    # And they leave out no ASCII letter that could be quiet (the shortcut is worth its test).
    assert set("abcdefghijklmnopqrstuvwxyz(\"'") <= body._QUIET_FIRST


def test_a_quiet_last_character_ends_no_page_header():
    """`_QUIET_LAST`: a line in capitals may be a page break only if it ends in a digit or `Z`/`z`
    (or is short, and quiet lines are long)."""
    for c in body._QUIET_LAST:
        assert not c.isdigit() and c not in "Zz", repr(c)
    digits_or_z = [c for c in _every_character() if c.isdigit() or c in "Zz"]
    assert not set(digits_or_z) & body._QUIET_LAST


_QUIET_LINES = st.tuples(
    st.sampled_from(sorted(body._QUIET_FIRST | body._CAPITALS) + ["1", "¶", "-", "=", "Z", "٣", "É", "²"]),
    st.text(alphabet="aB .-=_*0Z\t", min_size=50, max_size=70),
    st.sampled_from(sorted(body._QUIET_LAST) + ["1", "Z", "z", "٣", "²", " "]),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            _QUIET_LINES,
            st.sampled_from(
                ["", "1. (C) Text.", "PAGE 02 RUEHXX 1234 01 OF 02 121212Z", "-----", "SUMMARY", "Heading"]
            ),
        ),
        max_size=12,
    )
)
def test_quiet_lines_go_where_the_full_tests_send_them(lines):
    """A body of long lines around the quiet sets' edges, walked with and without the shortcut."""
    text = "\n".join(["1. (C) Start.", *lines, "", "2. (U) End."])
    fast = body.parse_body(text.split("\n"), 0)
    saved = body._QUIET_FIRST, body._CAPITALS
    try:
        body._QUIET_FIRST = body._CAPITALS = frozenset()
        safe = body.parse_body(text.split("\n"), 0)
    finally:
        body._QUIET_FIRST, body._CAPITALS = saved
    assert fast == safe
