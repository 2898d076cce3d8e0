"""The shortcuts of grep for plain strings without blanks (search.search_body_lines, the body
searched once instead of paragraph by paragraph) and for -c, -l and -q (the body's text parsed
without its walk): each is checked against what it stands for, the paragraph-by-paragraph
search of the fully parsed cable (search_cable), on real and generated cables and on bodies
built to trip it (blank and page-break lines, wrapped words, Unicode blanks, case folds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.inputs import CableText, iter_texts
from cablecli.parse import BODY_TEXT, parse_text
from cablecli.search import Matcher, SearchOptions, search_cable
from cablecli.search.hits import search_body_lines
from tests.conftest import FIXTURES, generate, plain_environment

# (patterns, Matcher.build options): plain strings without blanks, so every one is line-local.
PATTERNS = [
    ("Kosovo", {}),
    ("kosovo", {"ignore_case": True}),
    ("kosovo", {"ignore_case": True, "word": True}),
    ("the", {}),
    ("the", {"word": True}),
    ("U.S.", {"fixed": True}),
    ("U.S.", {"fixed": True, "word": True}),
    (["Kosovo", "Serbia"], {}),
    (["ab", "abc"], {}),
    ("e", {}),
    ("s", {"ignore_case": True}),
    ("(C)", {"fixed": True, "word": True}),
    ("EMBASSY", {"smart_case": True}),
    ("embassy", {"smart_case": True}),
    ("--", {"fixed": True}),
    ("i", {"ignore_case": True, "word": True}),
]
OPTIONS = [
    SearchOptions(),
    SearchOptions(unwrap=False),
    SearchOptions(max_count=0),
    SearchOptions(max_count=1),
    SearchOptions(max_count=2, unwrap=False),
]


def _cables(paths: list[Path]) -> list:
    items = [x for x in iter_texts([str(p) for p in paths]) if isinstance(x, CableText)]
    assert items
    return [parse_text(x.text, x.source) for x in items]


@pytest.fixture(scope="module")
def cables(tmp_path_factory: pytest.TempPathFactory) -> list:
    out = tmp_path_factory.mktemp("lines")
    generate(out / "clean", 30, seed="lines", fmt="mixed")
    generate(out / "messy", 30, seed="lines-messy", fmt="mixed", messy=0.4)
    paths = [out / "clean", out / "messy", *sorted(FIXTURES.glob("*.txt")), *sorted(FIXTURES.glob("*.html"))]
    return _cables(paths + [FIXTURES / "five.csv", *sorted((FIXTURES / "html").glob("*.html"))])


def test_which_patterns_are_line_local() -> None:
    for pattern, options in PATTERNS:
        assert Matcher.build(pattern, **options).line_local, pattern
    for pattern, options in [
        ("lachin corridor", {"ignore_case": True}),  # a blank may be the join of two lines
        ("Kos.vo", {}),
        ("", {"fixed": True}),  # matches blank lines, which no paragraph holds
        ("a\tb", {"fixed": True}),
        (["Kosovo", "Serbia Montenegro"], {}),
    ]:
        assert not Matcher.build(pattern, **options).line_local, pattern
    assert Matcher.build("Kosovo", fixed=True).literal == "Kosovo"
    assert Matcher.build("Kosovo", ignore_case=True).literal is None
    assert Matcher.build("Kosovo", word=True).literal is None
    assert Matcher.build(["Kosovo", "Serbia"]).literal is None


@pytest.mark.parametrize(("pattern", "options"), PATTERNS)
def test_the_body_searched_whole_gives_the_hits_of_its_paragraphs(cables: list, pattern, options) -> None:
    matcher = Matcher.build(pattern, **options)
    for opts in OPTIONS:
        for cable in cables:
            expected = search_cable(cable, matcher.regex, "body", options=opts)
            assert search_body_lines(cable, matcher.regex, opts, matcher.literal) == expected


_PIECES = st.sampled_from(
    ["Kosovo", "KOSOVO", "kosovo", "Kosovo's", "xKosovo", "Kosovo_", "the", "THE", "\u212aosovo", "\u017f",
     "1.", "(C)", "U.S.", "U.S", "--", "PAGE 02", "STATE 12345 01 OF 02 121314Z", "CONFIDENTIAL",
     "lachin", "corridor", " ", "  ", "\t", "\xa0", "\u2003", "é", "ß"]
)  # fmt: skip
_LINES = st.lists(st.lists(_PIECES, max_size=6).map("".join), max_size=14)


@settings(max_examples=150, deadline=None)
@given(lines=_LINES, which=st.integers(0, len(PATTERNS) - 1), unwrap=st.booleans())
def test_bodies_built_to_trip_it(lines: list[str], which: int, unwrap: bool) -> None:
    text = "\n".join(["VZCZCXYZ0001", "R 121314Z MAR 08", "FM AMEMBASSY PRISTINA", "TO SECSTATE WASHDC 1234",
                      "C O N F I D E N T I A L PRISTINA 000123", "", "SUBJECT: A TEST", "", *lines])  # fmt: skip
    cable = parse_text(text)
    pattern, options = PATTERNS[which]
    matcher = Matcher.build(pattern, **options)
    opts = SearchOptions(unwrap=unwrap)
    assert search_body_lines(cable, matcher.regex, opts, matcher.literal) == search_cable(
        cable, matcher.regex, "body", options=opts
    )


def test_counts_without_the_body_walk_are_the_counts_of_the_full_parse(cables: list) -> None:
    # -c and -l parse the body's text without its walk: the walk gives paragraph numbers only.
    for pattern, options in [*PATTERNS[:4], ("lachin corridor", {"ignore_case": True}), ("Kos.vo", {})]:
        matcher = Matcher.build(pattern, **options)
        for opts in (SearchOptions(), SearchOptions(invert=True), SearchOptions(max_count=1)):
            for cable in cables:
                lean = parse_text(cable.text, cable.source, body=BODY_TEXT)
                full = search_cable(cable, matcher.regex, "body", options=opts)
                found = search_cable(lean, matcher.regex, "body", options=opts)
                assert [(h.line, h.text, h.spans) for h in found.hits] == [
                    (h.line, h.text, h.spans) for h in full.hits
                ]


@pytest.mark.parametrize(
    "args",
    [
        ["-c", "-F", "Kosovo"],
        ["-c", "-i", "kosovo"],
        ["-l", "-i", "-w", "the"],
        ["-c", "-i", "lachin corridor"],
        ["-c", "-v", "-F", "the"],
        ["-c", "-m", "1", "-F", "the"],
        ["-c", "--field", "subject", "-i", "the"],
        ["-c", "--lines", "-F", "the"],
    ],
)
def test_grep_counts_are_those_of_the_fully_parsed_cables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    plain_environment(monkeypatch)
    dump = generate(tmp_path, 40, seed="counts", fmt="csv", messy=0.3) / "cables.csv"
    result = CliRunner().invoke(app, ["grep", *args, "-f", "jsonl", str(dump)])
    assert result.exit_code in (0, 1), result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    # The same counts from the full parse and the paragraph-by-paragraph search.
    flags = {"-i": "ignore_case", "-w": "word", "-F": "fixed", "-v": "invert"}
    options = {flags[a]: True for a in args if a in flags and a != "-v"}
    field = args[args.index("--field") + 1] if "--field" in args else "body"
    matcher = Matcher.build(args[-1], **options)
    opts = SearchOptions(
        unwrap="--lines" not in args, invert="-v" in args, max_count=1 if "-m" in args else None
    )
    expected = []
    for item in iter_texts([str(dump)]):
        assert isinstance(item, CableText)
        found = search_cable(parse_text(item.text, item.source), matcher.regex, field, options=opts)
        if found.hits:
            record = {"reference_id": found.reference_id, "path": found.path}
            expected.append(record if "-l" in args else {**record, "count": len(found.hits)})
    assert got == expected
