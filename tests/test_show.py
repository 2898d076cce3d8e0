"""`cablecli show`: golden renderings at a fixed width without colour, options, exit codes, the corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from tests.conftest import EXAMPLES, plain_environment

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden" / "show"
BAKU = str(FIXTURES / "08BAKU187.txt")
TWO = str(FIXTURES / "two-cables.txt")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(
        monkeypatch, ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER", "TERM", "LESS", "CABLECLI_DB")
    )


def show(*args: str):
    return CliRunner().invoke(app, ["show", *args])


def _fixture_for(golden: Path) -> Path:
    stem = golden.name.split("--")[0]
    return next(p for p in FIXTURES.iterdir() if p.is_file() and p.stem == stem)


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*--text.txt")), ids=lambda p: p.name)
def test_golden_text(golden: Path) -> None:
    result = show(str(_fixture_for(golden)), "-f", "text", "--width", "100")
    assert result.exit_code == 0, result.output
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_goldens_exist() -> None:
    assert len(list(GOLDEN.glob("*--text.txt"))) >= 5


def test_parts_of_the_view() -> None:
    out = show(BAKU, "-f", "text", "--width", "100").stdout
    lines = out.splitlines()
    assert "CONFIDENTIAL" in lines[0] and lines[0].startswith("=") and lines[-1] == lines[0]
    assert "2008-03-04T13:55:00Z  (041355Z MAR 08)" in out
    assert "RUEHC    SECSTATE WASHDC" in out
    assert "PGOV  subject       Internal governmental affairs" in out
    assert "reason 1.4(b)" in out
    assert "DFM AZIMOV REQUESTS USG SUPPORT ON NAGORNO-KARABAKH UNGA RESOLUTION" in out
    assert "08STATE21209" in out
    assert "1. (C) Azerbaijani Deputy" in out
    assert "    DERSE" in out
    assert "¶" not in out  # paragraph marks are shown as numbers


def test_summary_comment_and_redactions_are_marked() -> None:
    five = (GOLDEN / "five--text.txt").read_text(encoding="utf-8")
    assert "[summary] Summary:" in five and "[comment] Comment:" in five
    jeddah = show(str(FIXTURES / "06JEDDAH700.html"), "-f", "text").stdout
    assert "[redacted]" in jeddah and "XXXXXXXXXXXX" not in jeddah


def test_page_breaks_are_gone() -> None:
    out = show(str(FIXTURES / "06NEWDELHI5138.txt"), "-f", "text", "--width", "100").stdout
    assert "Section         1 of 3" in out
    assert "NEW DELHI 00005138  001 OF 003" not in out


def test_raw_prints_the_text_as_published() -> None:
    result = show(BAKU, "--raw")
    assert result.exit_code == 0
    published = (FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8")
    assert result.stdout.strip("\n") == published.strip("\n")


def test_raw_of_a_latin1_crlf_file_is_decoded_with_unix_line_ends() -> None:
    result = show(str(FIXTURES / "06NEWDELHI5138.txt"), "--raw")
    assert result.exit_code == 0 and "\r" not in result.stdout and "NEW DELHI 005138" in result.stdout


def test_several_cables_are_shown_in_turn() -> None:
    out = show(TWO, "-f", "text", "--width", "100").stdout
    assert "09PARIS1007" in out and "09PARIS997" in out
    assert out.index("09PARIS1007") < out.index("─" * 100) < out.index("09PARIS997")


def test_id_picks_one_cable() -> None:
    out = show(TWO, "--id", "09paris997", "-f", "text").stdout
    assert "09PARIS997" in out and "09PARIS1007" not in out


def test_id_picks_a_row_of_a_dump() -> None:
    result = show(str(FIXTURES / "five.csv"), "--id", "05ROME1108", "--raw")
    assert result.exit_code == 0 and "ROME 001108" in result.stdout


def test_unknown_id_is_an_error() -> None:
    result = show(TWO, "--id", "99NOWHERE1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "cablecli: no cable with reference id 99NOWHERE1 in the inputs\n"


def test_missing_input_is_an_error() -> None:
    result = show(str(FIXTURES / "no-such-file.txt"))
    assert result.exit_code == 2 and "no-such-file.txt" in result.stderr


def test_bad_format_is_a_usage_error() -> None:
    assert show(BAKU, "-f", "yaml").exit_code == 2


def test_stdin() -> None:
    result = CliRunner().invoke(
        app, ["show", "-", "-f", "text"], input=(FIXTURES / "08BAKU187.txt").read_bytes()
    )
    assert result.exit_code == 0 and "08BAKU187" in result.stdout


def test_plain_when_piped_and_colour_never() -> None:
    for args in ((), ("--color", "never"), ("-f", "text", "--color", "always")):
        out = show(BAKU, *args).stdout
        assert "\x1b" not in out and "CONFIDENTIAL" in out


def test_colour_always_gives_the_banner_its_colour() -> None:
    out = show(BAKU, "--color", "always", "--no-pager", "--width", "80").stdout
    assert "\x1b[" in out
    assert "44m" in out.splitlines()[0]  # blue background for CONFIDENTIAL


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("UNCLAS", "48;5;28m"),
        ("C O N F I D E N T I A L", "44m"),
        ("S E C R E T", "48;5;160m"),
        ("T O P S E C R E T", "48;5;208m"),
    ],
)
def test_banner_colours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: str, code: str) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    (tmp_path / "c.txt").write_text(f"{level} BAKU 000001\n\n1. (U) Text.\n", encoding="utf-8")
    out = show(str(tmp_path / "c.txt"), "--color", "always", "--no-pager").stdout
    assert code in out.splitlines()[0]


def test_cable_text_cannot_style_or_control_the_terminal(tmp_path: Path) -> None:
    text = (FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8")
    text = text.replace("Azerbaijani Deputy", "[bold red]Azerbaijani[/bold red] \x1b[31mDeputy\x07")
    (tmp_path / "evil.txt").write_text(text, encoding="utf-8")
    for args in (("--color", "always", "--no-pager"), ("-f", "text")):
        out = show(str(tmp_path / "evil.txt"), *args).stdout
        assert "[bold red]Azerbaijani[/bold red]" in out
        assert "\\x1b[31mDeputy\\x07" in out
        assert "\x1b[31mDeputy" not in out and "\x07" not in out


def test_raw_on_a_pipe_is_byte_for_byte_but_shown_safely_on_a_terminal(tmp_path: Path) -> None:
    from cablecli.parse import parse_text
    from cablecli.render.show import write_cables

    cable = parse_text("UNCLAS BAKU 000001\n\n1. (U) bell\x07 and \x1b[2J\n")
    piped = io.StringIO()
    write_cables([cable], piped, raw=True, plain=True, color=False, width=80, pager=False, terminal=False)
    assert "\x07" in piped.getvalue()
    tty = io.StringIO()
    write_cables([cable], tty, raw=True, plain=False, color=True, width=80, pager=False, terminal=True)
    assert "\\x07" in tty.getvalue() and "\\x1b[2J" in tty.getvalue() and "\x07" not in tty.getvalue()


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "view.txt"
    result = show(BAKU, "-f", "text", "--width", "100", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "08BAKU187--text.txt").read_text(encoding="utf-8")


def _fake_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """PAGER as a shell command that notes its LESS and keeps what it is given."""
    seen, got = tmp_path / "less-env", tmp_path / "paged"
    monkeypatch.setenv("PAGER", f'printf %s "${{LESS-unset}}" > {seen}; cat > {got}')
    return seen, got


def _show_on_a_terminal(cables: list, **options) -> str:
    from cablecli.render.show import write_cables

    out = io.StringIO()
    settings = {"raw": False, "plain": False, "color": True, "width": 80, "pager": True, "terminal": True}
    write_cables(cables, out, height=24, **{**settings, **options})
    return out.getvalue()


def test_pager_used_when_taller_than_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cablecli.parse import parse_text

    seen, got = _fake_pager(tmp_path, monkeypatch)
    cable = parse_text((FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8"))
    assert _show_on_a_terminal([cable]) == ""
    assert "CONFIDENTIAL" in got.read_text(encoding="utf-8") and "\x1b[" in got.read_text(encoding="utf-8")
    got.unlink()
    short = parse_text("UNCLAS BAKU 000001\n\n1. (U) short.\n")
    assert "UNCLASSIFIED" in _show_on_a_terminal([short]) and not got.exists()


def test_pager_gets_less_frx_when_less_is_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without R, less shows colour codes as ESC[1;37;44m; git sets LESS=FRX for the same reason.
    from cablecli.parse import parse_text

    cable = parse_text((FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8"))
    seen, _ = _fake_pager(tmp_path, monkeypatch)
    monkeypatch.delenv("LESS", raising=False)
    _show_on_a_terminal([cable])
    assert seen.read_text() == "FRX"
    monkeypatch.setenv("LESS", "-S")  # the user's own choice is kept
    _show_on_a_terminal([cable])
    assert seen.read_text() == "-S"


def test_colour_off_still_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # NO_COLOR, --color never and -f text only turn colour off: a long cable is still paged.
    from cablecli.parse import parse_text

    cable = parse_text((FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8"))
    _, got = _fake_pager(tmp_path, monkeypatch)
    assert _show_on_a_terminal([cable], plain=True, color=False) == ""
    paged = got.read_text(encoding="utf-8")
    assert "CONFIDENTIAL" in paged and "\x1b" not in paged
    got.unlink()
    assert _show_on_a_terminal([cable], raw=True, plain=True, color=False) == ""
    assert "SUBJECT" in got.read_text(encoding="utf-8")


def test_no_pager_when_pager_is_cat_or_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    from cablecli.parse import parse_text

    cable = parse_text((FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8"))
    for value in ("cat", ""):
        monkeypatch.setenv("PAGER", value)
        assert "CONFIDENTIAL" in _show_on_a_terminal([cable])


def test_the_first_cable_is_written_before_the_next_is_parsed() -> None:
    # show streams: each cable is printed (and flushed) as soon as it is laid out.
    from cablecli.parse import parse_text
    from cablecli.render.show import write_cables

    out = io.StringIO()
    seen_before_second: list[str] = []

    def cables():
        yield parse_text("UNCLAS BAKU 000001\n\n1. (U) First cable.\n")
        seen_before_second.append(out.getvalue())
        yield parse_text("UNCLAS BAKU 000002\n\n1. (U) Second cable.\n")

    for raw in (False, True):
        out.seek(0)
        out.truncate()
        seen_before_second.clear()
        write_cables(cables(), out, raw=raw, plain=True, color=False, width=80, pager=False, terminal=False)
        assert "First cable" in seen_before_second[0] and "Second" not in seen_before_second[0]


def test_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["show", "--help"])
    assert result.exit_code == 0 and "cablecli show examples/08BAKU187.txt" in result.stdout


def _corpus_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".gz"))


def test_show_every_cable_of_the_examples() -> None:
    files = _corpus_files()
    assert len(files) == 37
    runner = CliRunner()
    for i, path in enumerate(files):
        # Plain text for every cable; the coloured layout (the same renderables) for a sample.
        runs = [["-f", "text", "--width", "100"]] + (
            [["--color", "always", "--no-pager"]] if i % 5 == 0 else []
        )
        for args in runs:
            result = runner.invoke(app, ["show", str(path), *args])
            assert result.exit_code == 0, (path, result.stderr)
            assert "internal error" not in result.stderr
            assert result.stdout.strip()


# --id: several, from stdin, and only the texts that can be the cable are parsed.

FIVE = str(FIXTURES / "five.csv")


def _shown_ids(out: str) -> list[str]:
    return [line.split()[-1] for line in out.splitlines() if line.startswith("Reference id")]


def test_several_ids_show_each_in_input_order() -> None:
    result = show(FIVE, "-f", "text", "--id", "10ASHGABAT65", "--id", "05ROME1108")
    assert result.exit_code == 0 and _shown_ids(result.stdout) == ["05ROME1108", "10ASHGABAT65"]


def test_ids_from_stdin_as_grep_prints_them() -> None:
    result = CliRunner().invoke(
        app, ["show", FIVE, "-f", "text", "--id", "-"], input="07jakarta3936\n\n08CAPETOWN103\n"
    )
    assert result.exit_code == 0 and _shown_ids(result.stdout) == ["07JAKARTA3936", "08CAPETOWN103"]
    missing = CliRunner().invoke(
        app, ["show", FIVE, "-f", "text", "--id", "-"], input="08CAPETOWN103\n09NOWHERE1\n"
    )
    assert missing.exit_code == 2 and _shown_ids(missing.stdout) == ["08CAPETOWN103"]
    assert "09NOWHERE1" in missing.stderr
    assert show("--id", "-").exit_code == 2  # stdin cannot hold both the ids and the cables


def test_grep_l_piped_into_show() -> None:
    ids = CliRunner().invoke(app, ["grep", "-l", "-i", "government", FIVE]).stdout
    assert ids.count("\n") >= 2
    result = CliRunner().invoke(app, ["show", FIVE, "-f", "text", "--id", "-"], input=ids)
    assert result.exit_code == 0 and _shown_ids(result.stdout) == ids.split()


def test_id_skips_texts_that_cannot_be_the_cable(monkeypatch: pytest.MonkeyPatch) -> None:
    import cablecli.parse

    parsed: list[str] = []
    real = cablecli.parse.parse_text
    monkeypatch.setattr(
        cablecli.parse,
        "parse_text",
        lambda text, source=None, **kw: parsed.append(text) or real(text, source, **kw),
    )
    result = show(FIVE, "-f", "text", "--id", "08CAPETOWN103")
    assert result.exit_code == 0 and _shown_ids(result.stdout) == ["08CAPETOWN103"]
    assert len(set(parsed)) == 1  # only the cable asked for is parsed (its id first, then whole)


def test_reference_id_test() -> None:
    from cablecli.search import reference_id_test

    test = reference_id_test(["08BAKU187"])
    assert test is not None
    scan, exact = test
    for text in ("BAKU 000187", "#0187/01", '"08BAKU187","'):
        assert scan.search(text.encode()) and exact.search(text)
    for text in ("BAKU 001870", "1187", "BAKU 00018"):
        assert not exact.search(text)
    assert scan.search(b"10187") and not exact.search("10187")  # the scan may let more through
    assert reference_id_test(["not an id"]) is None


def test_reference_id_test_when_the_office_ends_in_digits(tmp_path: Path) -> None:
    """An office may end in digits (GENEVA2): 08GENEVA277 is serial 77, written 0077 in the text."""
    from cablecli.search import reference_id_test

    test = reference_id_test(["08GENEVA277"])
    assert test is not None
    scan, exact = test
    assert scan.search(b"GENEVA2 0077") and exact.search("DE RUEHGV #0077/01 0451200")
    cable = (
        "VZCZC\nPP RUEHC\nDE RUEHGV #0077/01 0451200\nZNY CCCCC ZZH\nP 141200Z FEB 08\n"
        "FM USMISSION GENEVA2\nTO RUEHC/SECSTATE WASHDC PRIORITY 0001\nBT\n"
        "C O N F I D E N T I A L GENEVA2 000077\n\nSIPDIS\n\nE.O. 12958: DECL: 02/14/2018\n"
        "TAGS: PREL\nSUBJECT: AN OFFICE ENDING IN A DIGIT\n\n1. (C) Text.\n\nSMITH\n"
    )
    path = tmp_path / "g.txt"
    path.write_text(cable)
    result = show(str(path), "-f", "text", "--id", "08GENEVA277")
    assert result.exit_code == 0, result.stderr
    assert "Reference id    08GENEVA277" in result.stdout


def test_ids_from_stdin_against_an_index(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(app, ["index", "build", FIVE, "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(
        app, ["show", "--db", str(db), "-f", "text", "--id", "-"], input="10ASHGABAT65\n05ROME1108\n"
    )
    assert result.exit_code == 0 and _shown_ids(result.stdout) == ["10ASHGABAT65", "05ROME1108"]
