"""grep -w in RE2: the whole-word pattern (cablecli.search.compile_word_pattern) gives the spans that
Python's lookaround form gives, Unicode letters and digits counting as word characters, and runs
in linear time where the lookaround form could only be refused."""

from __future__ import annotations

import pickle
import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli.search import Matcher, WordPattern, compile_word_pattern
from tests.test_robustness import run_main

ROOT = Path(__file__).resolve().parents[1]
BAKU = ROOT / "examples" / "08BAKU187.txt"

# Letters, digits and `_` of several scripts and kinds (a superscript digit, a Kelvin sign, CJK),
# non-word characters, a line end and a lone surrogate (text read with surrogateescape).
_ALPHABET = list("abAB _.-()C1\n") + ["é", "É", "ß", "\u00b2", "中", "\u212a", "\u0663", "\udcff", "\u00a0"]
_PATTERNS = [
    "a",
    "ab",
    "a+",
    "a*",
    "b|ab",
    "é",
    r"\(C\)",
    r"\.",
    "a.",
    "[ab]+",
    "x*",
    "",
    r"U\.S\.",
    "a|",
    "b*a",
]


@settings(max_examples=400, deadline=None)
@given(
    pattern=st.sampled_from(_PATTERNS),
    ignore_case=st.booleans(),
    text=st.lists(st.sampled_from(_ALPHABET), max_size=14).map("".join),
)
def test_the_word_pattern_finds_what_the_lookaround_form_finds(
    pattern: str, ignore_case: bool, text: str
) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    word = compile_word_pattern(pattern, flags)
    assert isinstance(word, WordPattern)  # RE2 runs it
    reference = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)
    assert [m.span() for m in word.finditer(text)] == [m.span() for m in reference.finditer(text)]
    assert [m.group() for m in word.finditer(text)] == [m.group() for m in reference.finditer(text)]
    found, expected = word.search(text), reference.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_word_characters_are_unicode_letters_digits_and_underscore() -> None:
    word = compile_word_pattern("paris", re.IGNORECASE)
    assert [m.group() for m in word.finditer("Paris, PARIS_ éParis Paris2 Paris\u00b2 (paris) parisé")] == [
        "Paris",
        "paris",
    ]
    assert [m.span() for m in compile_word_pattern(r"U\.S\.").finditer("U.S.U.S. the U.S.")] == [
        (4, 8),
        (13, 17),
    ]


def test_the_word_pattern_survives_pickling_for_worker_processes() -> None:
    matcher = Matcher.build("Kosovo", word=True)
    again = pickle.loads(pickle.dumps(matcher))
    assert [m.span() for m in again.regex.finditer("in Kosovo, Kosovos")] == [(3, 9)]


def test_a_backreference_with_w_falls_back_to_re() -> None:
    regex = Matcher.build(r"(\w)\1", word=True).regex
    assert isinstance(regex, re.Pattern)
    assert [m.group() for m in regex.finditer("aa abb cc")] == ["aa", "cc"]


def test_a_pathological_pattern_with_w_runs_in_linear_time(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_bytes(
        BAKU.read_bytes().replace(b"Azerbaijani Deputy", b"a" * 100_000 + b"! Azerbaijani Deputy")
    )
    started = time.monotonic()
    # The lookaround form needs Python's re, which refused this pattern (it backtracks for ever).
    code, out, err = run_main("grep", "-c", "-w", "(a+)+b", long)
    assert (code, out, err) == (1, "", "")
    code, out, err = run_main("grep", "-c", "-w", "(a|aa)+!?", long)
    assert (code, err) == (0, "") and out.startswith("08BAKU187:")
    assert time.monotonic() - started < 10
