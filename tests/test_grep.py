"""`cablecli grep`: every option, format and exit code; the raw-bytes fast path against a plain scan."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from tests.conftest import generate, plain_environment

FIXTURES = Path(__file__).parent / "fixtures"
BAKU = str(FIXTURES / "08BAKU187.txt")
TWO = str(FIXTURES / "two-cables.txt")
FIVE = str(FIXTURES / "five.csv")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch, ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM"))


def grep(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, ["grep", *args], input=input)


def test_match_prints_refid_paragraph_line() -> None:
    result = grep("Lachin corridor", BAKU)
    assert result.exit_code == 0
    assert result.stdout.startswith('08BAKU187:3: ¶3. (C) Azimov said that "based on')
    assert result.stdout.count("\n") == 1


def test_nothing_matched_exits_1() -> None:
    result = grep("zebra crossing", BAKU)
    assert result.exit_code == 1 and result.stdout == "" and result.stderr == ""


def test_fixed_string() -> None:
    assert grep("2/29.)", BAKU).exit_code == 2  # unbalanced parenthesis: a bad regular expression
    result = grep("-F", "2/29.)", BAKU)
    assert result.exit_code == 0 and result.stdout.startswith("08BAKU187:1:")


def test_bad_regex_is_a_usage_error() -> None:
    result = grep("(unclosed", BAKU)
    assert result.exit_code == 2 and result.stderr.startswith("cablecli: bad regular expression")


def test_ignore_case() -> None:
    assert grep("LACHIN", BAKU).exit_code == 1
    assert grep("-i", "LACHIN", BAKU).stdout.startswith("08BAKU187:3:")
    assert grep("-i", "-F", "LACHIN CORRIDOR", BAKU).exit_code == 0


def test_word() -> None:
    assert grep("-w", "-c", "NK", BAKU).stdout == "08BAKU187:5\n"
    words = grep("-w", "-f", "jsonl", "Azerbaijan", BAKU).stdout.splitlines()
    anywhere = grep("-f", "jsonl", "Azerbaijan", BAKU).stdout.splitlines()
    assert len(anywhere) - len(words) == 2  # "Azerbaijani" twice
    assert grep("-w", "Kosov", BAKU).exit_code == 1
    assert grep("Kosov", BAKU).exit_code == 0


def test_lines_before_the_first_paragraph_have_no_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text(
        "UNCLAS BAKU 000001\n\nSUBJECT: X\n\nLead text here.\n\n1. (U) First.\n", encoding="utf-8"
    )
    out = grep("Lead|First", str(path)).stdout
    assert out == f"{path}:-: Lead text here.\n{path}:1: 1. (U) First.\n"


def test_continuation_lines_belong_to_their_paragraph() -> None:
    out = grep("^absolute and governing", BAKU).stdout
    assert out.startswith("08BAKU187:4: absolute and governing")


def test_body_is_searched_not_the_header() -> None:
    assert grep("RUEHKB", BAKU).exit_code == 1
    assert grep("SECSTATE", BAKU).exit_code == 1


@pytest.mark.parametrize(
    ("field", "pattern", "expected"),
    [
        (
            "subject",
            "NAGORNO",
            "08BAKU187:subject: DFM AZIMOV REQUESTS USG SUPPORT ON NAGORNO-KARABAKH UNGA RESOLUTION\n",
        ),
        ("tags", "^P", "08BAKU187:tags: PGOV\n08BAKU187:tags: PREL\n08BAKU187:tags: PBTS\n"),
        ("origin", "BAKU", "08BAKU187:origin: AMEMBASSY BAKU\n"),
        ("to", "SECSTATE", "08BAKU187:to: RUEHC/SECSTATE WASHDC\n"),
        ("info", "PARIS", "08BAKU187:info: RUEHFR/AMEMBASSY PARIS\n"),
        ("references", "21209", "08BAKU187:references: STATE 21209\n"),
    ],
)
def test_fields(field: str, pattern: str, expected: str) -> None:
    result = grep("--field", field, pattern, BAKU)
    assert result.exit_code == 0 and result.stdout == expected


def test_summary_and_comment_fields() -> None:
    summary = grep("--field", "summary", "-c", ".", FIVE)
    comment = grep("--field", "comment", "-c", ".", FIVE)
    assert summary.exit_code == 0 and comment.exit_code == 0
    assert all(line.endswith(":1") for line in summary.stdout.splitlines())
    assert ":summary: " in grep("--field", "summary", "Post", FIVE).stdout
    assert grep("--field", "summary", "Lachin", BAKU).exit_code == 1


def test_field_all() -> None:
    out = grep("--field", "all", "-i", "azimov", BAKU).stdout
    assert "08BAKU187:1: " in out and "08BAKU187:subject: DFM AZIMOV" in out


def test_unknown_field_is_a_usage_error() -> None:
    assert grep("--field", "nowhere", "x", BAKU).exit_code == 2


def test_files_with_matches() -> None:
    result = grep("-l", "the", TWO, BAKU)
    assert result.stdout == "09PARIS1007\n09PARIS997\n08BAKU187\n"
    assert grep("-l", "Lachin", TWO, BAKU).stdout == "08BAKU187\n"


def test_files_with_matches_names_the_path_without_a_reference_id(tmp_path: Path) -> None:
    path = tmp_path / "fragment.txt"
    path.write_text("1. (U) A fragment without a header.\n", encoding="utf-8")
    assert grep("-l", "fragment", str(path)).stdout == f"{path}\n"


def test_count() -> None:
    assert grep("-c", "Kosovo", BAKU).stdout == "08BAKU187:5\n"


def test_context() -> None:
    out = grep("-C", "1", "^absolute", BAKU).stdout
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0] == "08BAKU187-4- " and lines[2] == "08BAKU187-4- "
    assert lines[1].startswith("08BAKU187:4: absolute and governing")
    wider = grep("-C", "2", "^absolute", BAKU).stdout.splitlines()
    assert wider[0].startswith("08BAKU187-4- ¶4. (C) In addition") and wider[4].startswith("08BAKU187-5- ¶5.")


def test_context_groups_are_separated() -> None:
    out = grep("-C", "1", "Lachin|^absolute", BAKU).stdout.splitlines()
    assert [line[:13] for line in out] == [
        "08BAKU187-2- ",
        "08BAKU187:3: ",
        "08BAKU187-3- ",
        "--",
        "08BAKU187-4- ",
        "08BAKU187:4: ",
        "08BAKU187-4- ",
    ]
    two = grep("-C", "1", "Lachin", BAKU, BAKU).stdout.splitlines()
    assert two.count("--") == 1


def test_json_is_one_object_per_match() -> None:
    result = grep("-f", "json", "Lachin corridor", BAKU)
    assert result.exit_code == 0
    matches = json.loads(result.stdout)
    assert len(matches) == 2
    first = matches[0]
    assert set(first) == {"reference_id", "path", "field", "paragraph", "line", "text", "span"}
    assert first["reference_id"] == "08BAKU187" and first["field"] == "body" and first["paragraph"] == 3
    assert first["line"] == 42 and first["path"] == BAKU
    start, end = first["span"]
    assert first["text"][start:end] == "Lachin corridor"
    published = (FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8").split("\n")
    assert published[first["line"] - 1] == first["text"]


def test_json_when_nothing_matched() -> None:
    result = grep("-f", "json", "zebra", BAKU)
    assert result.exit_code == 1 and json.loads(result.stdout) == []


def test_jsonl() -> None:
    result = grep("-f", "jsonl", "--field", "tags", "^P", BAKU)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["PGOV", "PREL", "PBTS"]
    assert all(r["field"] == "tags" and r["paragraph"] is None and r["line"] is None for r in rows)
    assert all(r["span"] == [0, 1] for r in rows)


def test_json_with_names_and_counts() -> None:
    assert json.loads(grep("-f", "json", "-l", "Lachin", BAKU).stdout) == [
        {"reference_id": "08BAKU187", "path": BAKU}
    ]
    rows = [json.loads(x) for x in grep("-f", "jsonl", "-c", "Kosovo", BAKU).stdout.splitlines()]
    assert rows == [{"reference_id": "08BAKU187", "path": BAKU, "count": 5}]


def test_highlight_only_with_colour() -> None:
    plain = grep("Lachin", BAKU).stdout
    assert "\x1b" not in plain
    assert "\x1b" not in grep("--color", "never", "Lachin", BAKU).stdout
    colored = grep("--color", "always", "Lachin", BAKU).stdout
    assert "\x1b[1;31mLachin\x1b[0m" in colored
    assert "\x1b" not in grep("--color", "always", "-f", "jsonl", "Lachin", BAKU).stdout


def test_control_characters_are_shown_in_text_output_and_kept_in_json(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("UNCLAS BAKU 000001\n\n1. (U) bell\x07 \x1b[2J here\n", encoding="utf-8")
    colored = grep("--color", "always", "here", str(tmp_path / "c.txt")).stdout
    assert "\\x07" in colored and "\\x1b[2J" in colored and "\x07" not in colored
    # Text output on a pipe too: it ends up in a terminal through less or cat.
    piped = grep("here", str(tmp_path / "c.txt")).stdout
    assert "\\x07" in piped and "\x07" not in piped and "\x1b" not in piped
    # JSON is data: the text exactly as written.
    [match] = [
        json.loads(line) for line in grep("-f", "jsonl", "here", str(tmp_path / "c.txt")).stdout.splitlines()
    ]
    assert match["text"] == "1. (U) bell\x07 \x1b[2J here"


def test_filter_tag() -> None:
    assert grep("-l", "--tag", "pgov", "Kosovo", BAKU).stdout == "08BAKU187\n"
    assert grep("-l", "--tag", "PGOV", "--tag", "UN", "Kosovo", BAKU).exit_code == 0
    assert grep("-l", "--tag", "PGOV", "--tag", "ECON", "Kosovo", BAKU).exit_code == 1


def test_filter_origin() -> None:
    assert grep("-l", "--origin", "baku", "Kosovo", BAKU).exit_code == 0
    assert grep("-l", "--origin", "PARIS", "Kosovo", BAKU).exit_code == 1


def test_filter_classification() -> None:
    assert grep("-l", "--classification", "confidential", "Kosovo", BAKU).exit_code == 0
    assert (
        grep("-l", "--classification", "secret", "--classification", "CONFIDENTIAL", "Kosovo", BAKU).exit_code
        == 0
    )
    assert grep("-l", "--classification", "top secret", "Kosovo", BAKU).exit_code == 1
    bad = grep("--classification", "restricted", "Kosovo", BAKU)
    assert bad.exit_code == 2 and "unknown level" in bad.stderr


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [
        ("--since", "2008-03-04", 0),
        ("--since", "2008-03-05", 1),
        ("--since", "March 2008", 0),
        ("--since", "2008", 0),
        ("--since", "2009", 1),
        ("--until", "2008-03", 0),
        ("--until", "2008-02", 1),
        ("--until", "4 Mar 2008", 0),
        ("--until", "2007", 1),
    ],
)
def test_filter_dates(option: str, value: str, code: int) -> None:
    assert grep("-l", option, value, "Kosovo", BAKU).exit_code == code


def test_bad_date_is_a_usage_error() -> None:
    result = grep("--since", "not a date", "Kosovo", BAKU)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "--since" in result.stderr


def test_input_error_wins_over_a_match() -> None:
    result = grep("-l", "Kosovo", BAKU, str(FIXTURES / "no-such-file.txt"))
    assert result.exit_code == 2 and result.stdout == "08BAKU187\n" and "no-such-file.txt" in result.stderr


def test_stdin_and_output_file(tmp_path: Path) -> None:
    data = (FIXTURES / "08BAKU187.txt").read_bytes()
    assert grep("-l", "Lachin", input=data).stdout == "08BAKU187\n"
    target = tmp_path / "hits.txt"
    result = grep("-c", "Kosovo", BAKU, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == "" and target.read_text() == "08BAKU187:5\n"


def test_crlf_latin1_text_and_line_anchors() -> None:
    path = str(FIXTURES / "06NEWDELHI5138.txt")
    out = grep("-c", "they were $", path)  # lines end in CR LF in the file
    assert out.exit_code == 0 and out.stdout == "06NEWDELHI5138:1\n"
    assert grep("-l", "-F", "NEW DELHI", path).exit_code == 0


def test_jobs_give_the_same_output() -> None:
    one = grep("-i", "the", TWO, BAKU, FIVE).stdout
    assert grep("-j", "2", "-i", "the", TWO, BAKU, FIVE).stdout == one


def test_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["grep", "--help"])
    assert result.exit_code == 0 and "cablecli grep -l -F KOSOVO cables.csv" in result.stdout


# The raw-bytes fast path over a CSV dump.


def _scan_ids(path: Path, literal: str, ignore_case: bool = False) -> set[str]:
    """The plain way: parse every cable and look for the literal in its body's paragraphs, unwrapped."""
    import re

    from cablecli import read
    from cablecli.parse.pages import is_page_break

    found = set()
    want = literal.lower() if ignore_case else literal
    for cable in read([path]):
        body = (cable.body or "").lower() if ignore_case else (cable.body or "")
        lines = [x.strip() for x in body.split("\n")]
        texts = [x for x in lines if x and is_page_break(x)]
        for block in re.split(r"\n\s*\n", body):
            texts.append(
                " ".join(x.strip() for x in block.split("\n") if x.strip() and not is_page_break(x.strip()))
            )
        if any(want in text for text in texts):
            found.add(cable.reference_id or str(path))
    return found


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dump") / "cables.csv"
    generate(out, 2000, seed="grep", fmt="csv")
    return out


@pytest.mark.parametrize(
    ("literal", "flags"),
    [("Kosovo", ()), ("KOSOVO", ()), ("detainee transfer", ()), ("kosovo", ("-i",)), ("no such words", ())],
)
def test_files_with_matches_over_a_dump_equals_a_plain_scan(dump: Path, literal: str, flags: tuple) -> None:
    result = grep("-l", "-F", *flags, literal, str(dump))
    found = set(result.stdout.split())
    expected = _scan_ids(dump, literal, ignore_case="-i" in flags)
    assert found == expected
    assert result.exit_code == (0 if expected else 1)
    # The same through stdin, where no file can be searched as a whole.
    piped = grep("-l", "-F", *flags, literal, "-", input=dump.read_bytes())
    assert set(piped.stdout.split()) == expected


def test_rows_at_both_ends_of_a_dump(tmp_path: Path) -> None:
    from cablecli import read

    cables = list(read([FIVE]))
    first, last = cables[0], cables[-1]
    for cable in (first, last):
        line = next(x for x in (cable.body or "").split("\n") if len(x) > 40)
        literal = line[5:35]
        assert cable.reference_id in grep("-l", "-F", literal, FIVE).stdout.split()
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + Path(FIVE).read_bytes())
    assert grep("-l", "the", str(bom)).stdout == grep("-l", "the", FIVE).stdout


def test_a_dump_row_cut_short_is_an_error(tmp_path: Path) -> None:
    data = Path(FIVE).read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: len(data) - 200])
    result = grep("-l", "-F", "the", str(cut))
    assert result.exit_code == 2 and "cut.csv" in result.stderr


def test_needle_only_for_safe_literals() -> None:
    from cablecli.search import Matcher

    assert Matcher.build("Kosovo").needle is not None
    assert Matcher.build("Kos.vo").needle is None
    assert Matcher.build('"quoted"', fixed=True).needle is None  # escaped as \" in a dump
    assert Matcher.build("Erdoğan", fixed=True).needle is None  # bytes depend on the encoding
    needle = Matcher.build("kiss", ignore_case=True).needle
    assert needle is not None and needle.search("\u212aISS".encode()) and needle.search(b"KISS")


@pytest.mark.skipif(shutil.which("rg") is None, reason="ripgrep not installed")
def test_ripgrep_agrees_on_which_files_hold_a_literal(tmp_path: Path) -> None:
    # A sanity check of the fast path's file skipping against ripgrep over a directory.
    for name in ("08BAKU187.txt", "two-cables.txt", "five.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    rg = subprocess.run(["rg", "-l", "-F", "Paris", str(tmp_path)], capture_output=True, text=True).stdout
    ours = grep("-l", "-F", "Paris", str(tmp_path)).stdout
    assert ("two-cables.txt" in rg) == bool({"09PARIS1007", "09PARIS997"} & set(ours.split()))


# Cable-aware search: paragraphs unwrapped, and the flags a grep or ripgrep user types.


def test_a_phrase_is_found_where_the_cable_wraps_it() -> None:
    # "impasse in" ends line 119 of the file and "Madagascar;" starts line 120.
    result = grep("impasse in Madagascar", TWO)
    assert result.exit_code == 0
    assert result.stdout == (
        "09PARIS997:1: July 21 expressed frustration with the political impasse in \n"
        "09PARIS997:1: Madagascar; relief that elections had transpired relatively \n"
    )
    assert grep("--lines", "impasse in Madagascar", TWO).exit_code == 1
    spans = [
        json.loads(x)["span"] for x in grep("-f", "jsonl", "impasse in Madagascar", TWO).stdout.splitlines()
    ]
    assert spans == [[49, 59], [0, 10]]  # "impasse in" (the trailing space is the wrap), "Madagascar"


def test_unwrapped_search_on_made_up_text(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text(
        "UNCLAS BAKU 000001\n\nSUBJECT: X\n\n1. (U) The minister spoke of the Lachin\n"
        "   corridor twice.  Nothing else.\n\n2. (U) A new paragraph: the Lachin\n\n"
        "corridor is in another one.\n",
        encoding="utf-8",
    )
    out = grep("-i", "lachin corridor", str(path)).stdout.splitlines()
    assert out == [
        f"{path}:1: 1. (U) The minister spoke of the Lachin",
        f"{path}:1:    corridor twice.  Nothing else.",
    ]
    assert grep("-o", "Lachin corridor", str(path)).stdout == f"{path}:1: Lachin corridor\n"
    # ^ and $ speak of lines: such a pattern is matched line by line.
    assert grep("-c", "Lachin$", str(path)).stdout == f"{path}:2\n"


def test_only_matching_is_o_and_the_output_file_is_output_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = grep("-o", "-w", "NK", BAKU)
    lines = grep("-w", "NK", BAKU).stdout.splitlines()
    expected = [line.split(": ")[0] + ": NK" for line in lines for _ in range(line.count("NK"))]
    assert result.exit_code == 0 and result.stdout.splitlines() == expected and len(expected) >= 5
    assert not (tmp_path / "NK").exists()  # -o once wrote a file named after the pattern and read stdin
    assert "--only-matching" in CliRunner().invoke(app, ["grep", "--help"]).stdout


def test_several_patterns_with_e() -> None:
    one = grep("-c", "Kosovo", BAKU).stdout
    both = grep("-c", "-e", "Kosovo", "-e", "Minsk Group", BAKU)
    assert both.exit_code == 0 and int(both.stdout.split(":")[1]) > int(one.split(":")[1])
    # With -e, the first argument is a path, as in grep.
    assert grep("-e", "Kosovo", BAKU, "-l").stdout == "08BAKU187\n"


def test_invert_match() -> None:
    total = grep("-c", "--lines", "", BAKU).stdout
    hits = grep("-c", "--lines", "Kosovo", BAKU).stdout
    misses = grep("-c", "-v", "--lines", "Kosovo", BAKU).stdout
    assert int(misses.split(":")[1]) == int(total.split(":")[1]) - int(hits.split(":")[1])
    assert all("Kosovo" not in line for line in grep("-v", "Kosovo", BAKU).stdout.splitlines())
    assert grep("-v", "-l", "zebra", BAKU).stdout == "08BAKU187\n"  # every line misses: no raw-text skip


def test_max_count_and_quiet() -> None:
    assert grep("-c", "-m", "2", "NK", BAKU).stdout == "08BAKU187:2\n"
    assert len(grep("-m", "1", "NK", BAKU).stdout.splitlines()) == 1
    quiet = grep("-q", "NK", BAKU)
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert grep("-q", "zebra", BAKU).exit_code == 1


def test_after_and_before_context() -> None:
    after = grep("-A", "1", "impasse in Madagascar", TWO).stdout.splitlines()
    assert len(after) == 3 and after[-1].startswith("09PARIS997-1- ")
    before = grep("-B", "2", "-m", "1", "Madagascar", TWO).stdout.splitlines()
    assert len(before) == 3 and before[-1].startswith("09PARIS997:1: Madagascar;")
    assert before[1].startswith("09PARIS997-1- July 21")


def test_smart_case() -> None:
    assert grep("-S", "-c", "lachin", BAKU).exit_code == 0  # all lower case: case ignored
    assert grep("-S", "LACHIN", BAKU).exit_code == 1  # a capital: case counts
    assert grep("-S", r"\Wlachin", BAKU).exit_code == 0  # an escape is not a capital


@pytest.mark.parametrize(
    ("pattern", "text", "hit"),
    [
        ("(C)", "Text (C) here.", True),
        ("U.S.", "the U.S. position", True),
        ("U.S.", "the U.S.A. position", False),
        ("(C)", "ABC(C)D", False),
        ("-30", "a -30 b", True),
        ("NK", "NKR and NK.", True),
    ],
)
def test_word_matches_as_grep_does_at_non_word_ends(
    tmp_path: Path, pattern: str, text: str, hit: bool
) -> None:
    path = tmp_path / "c.txt"
    path.write_text(f"UNCLAS BAKU 000001\n\nSUBJECT: X\n\n1. (U) {text}\n", encoding="utf-8")
    result = grep("-F", "-w", "-o", "-e", pattern, str(path))
    assert (result.exit_code == 0) == hit, result.stdout
    if hit:
        assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [pattern]


def test_globs_choose_files_in_directories(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    for name in ("a.txt", "b.md", "drafts/c.txt"):
        shutil.copy(FIXTURES / "08BAKU187.txt", tmp_path / name)

    def files(*globs: str) -> int:
        args = [x for g in globs for x in ("-g", g)]
        return grep("-l", "Kosovo", *args, str(tmp_path)).stdout.count("\n")

    assert files() == 3
    assert files("*.txt") == 2
    assert files("!drafts") == 2
    assert files("*.txt", "!drafts") == 1
    assert files("drafts/*.txt") == 1
    # A file named on the command line is always read.
    assert grep("-l", "-g", "!*.txt", "Kosovo", str(tmp_path / "a.txt")).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "-i", "lachin corridor"],
        ["-c", "impasse in Madagascar"],
        ["-S", "-l", "kosovo"],
        ["-m", "1", "-w", "NK"],
        ["-v", "-c", "--lines", "Kosovo"],
        ["-e", "Kosovo", "-e", "Madagascar", "-l"],
        ["-F", "-w", "-c", "(C)"],
        ["-A", "1", "-B", "1", "impasse"],
    ],
)
def test_the_index_answers_as_the_files_do(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(app, ["index", "build", BAKU, TWO, "--db", str(db)]).exit_code == 0
    files = grep(*args, BAKU, TWO)
    index = grep(*args, "--db", str(db))
    assert files.exit_code == 0 and files.stdout
    assert (index.exit_code, index.stdout) == (files.exit_code, files.stdout)
