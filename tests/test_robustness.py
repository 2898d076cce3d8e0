"""Bad, huge and hostile input through every command: one line on stderr per bad input, exit 2,
no traceback, nothing that styles or steers the terminal, inputs untouched, quiet pipes and Ctrl-C.

The property and fuzz tests are in test_fuzz.py; the pathological-size benchmark is
bench/bench_pathological.py.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cablecli.cli import app, main
from tests.conftest import FIXTURES, ROOT, plain_environment

BAKU = FIXTURES / "08BAKU187.txt"
FIVE = FIXTURES / "five.csv"

# Each command as a user runs it over inputs; every one must survive every bad input.
COMMANDS = [
    ["parse", "-f", "jsonl"],
    ["show", "-f", "text", "--no-pager"],
    ["grep", "."],
    ["tags", "-f", "jsonl"],
    ["addressees", "-f", "jsonl"],
    ["check", "-f", "json"],
]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch, ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "TERM", "COLUMNS", "LINES"))


def run_main(*args: str) -> tuple[int, str, str]:
    """`cablecli ARGS` in this process through main(), as the installed command runs it."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", newline="")
    saved = sys.stdout, sys.stderr, signal.getsignal(signal.SIGPIPE)
    sys.stdout, sys.stderr = out, err
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        signal.signal(signal.SIGPIPE, saved[2])
    out.flush()
    err.flush()
    return code, out.buffer.getvalue().decode("utf-8", "surrogateescape"), err.buffer.getvalue().decode()


# -- bad inputs -------------------------------------------------------------------------------------


def _bad_inputs(root: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, the one stderr line expected for it)."""
    cases: dict[str, tuple[Path, str]] = {}

    def case(name: str, path: Path, message: str, where: Path | None = None) -> None:
        cases[name] = (path, f"cablecli: {where or path}: {message}")

    (root / "empty.txt").write_bytes(b"")
    case("empty file", root / "empty.txt", "empty file, no cable")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    case("binary file", root / "image.png", "not a cable (binary data)")
    case("path that does not exist", root / "missing.txt", "No such file or directory")
    loop = root / "tree"
    loop.mkdir()
    (loop / "loop").symlink_to(loop)
    case("directory symlink loop", loop, f"directory loop: links back to {loop}, not followed", loop / "loop")
    (root / "cut.csv.gz").write_bytes(gzip.compress(FIVE.read_bytes())[:-200])
    case(
        "truncated gzip",
        root / "cut.csv.gz",
        "truncated gzip data (compressed file ended before the end-of-stream marker)",
    )
    rows = FIVE.read_bytes().split(b'\n"2","', 1)
    (root / "quote.csv").write_bytes(rows[0] + b'\n"2","' + rows[1].replace(b"SUBJECT", b'SUB"JECT', 1))
    case(
        "CSV with broken quoting",
        root / "quote.csv",
        "row 2: broken quoting: the lines after this row are not rows; skipped to the next row",
    )
    (root / "columns.csv").write_bytes(rows[0] + b'\n"2","d","r","o","c","h","seven columns"\n')
    case("CSV with a wrong column count", root / "columns.csv", "row 2: expected 8 columns, found 7")
    (root / "page.html").write_bytes(b"<html><body><h1>Not found</h1><p>No cable here.</p></body></html>")
    case("HTML page without <pre>", root / "page.html", "no cable text found")
    return cases


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


BAD_CASES = [
    "empty file",
    "binary file",
    "path that does not exist",
    "directory symlink loop",
    "truncated gzip",
    "CSV with broken quoting",
    "CSV with a wrong column count",
    "HTML page without <pre>",
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("case", BAD_CASES)
def test_a_bad_input_is_one_line_on_stderr_and_the_others_are_read(bad_inputs, case: str, command) -> None:
    path, expected = bad_inputs[case]
    follow = ["--follow"] if case == "directory symlink loop" else []  # links are skipped without it
    code, out, err = run_main(*command, *follow, path, BAKU)
    assert code == 2
    assert err.splitlines() == [expected]
    assert "08BAKU187" in out  # the good input after it was read


def test_an_unreadable_file_is_one_line_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, which reads a mode-000 file: refuse the open instead.
    import builtins

    import cablecli.inputs
    import cablecli.inputs.scan

    secret = tmp_path / "secret.txt"
    secret.write_bytes(BAKU.read_bytes())
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(secret))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(cablecli.inputs, "open", refusing_open, raising=False)
    monkeypatch.setattr(cablecli.inputs.scan, "open", refusing_open, raising=False)
    for command in COMMANDS:
        code, out, err = run_main(*command, secret, BAKU)
        assert (code, err.splitlines()) == (2, [f"cablecli: {secret}: Permission denied"]), command
        assert "08BAKU187" in out


def test_all_bad_inputs_at_once_in_a_real_process(bad_inputs) -> None:
    paths = [str(path) for path, _ in bad_inputs.values()]
    proc = subprocess.run(
        [sys.executable, "-m", "cablecli", "parse", "-L", *paths, str(BAKU), "-f", "jsonl", "--no-body"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "CABLECLI_NO_PROGRESS": "1"},
        timeout=60,
    )
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert sorted(stderr.splitlines()) == sorted(expected for _, expected in bad_inputs.values())
    assert json.loads(proc.stdout.splitlines()[-1])["reference_id"] == "08BAKU187"


def test_invalid_utf8_is_read_as_latin1_and_nothing_is_lost(tmp_path: Path) -> None:
    # Not an error: the real files are Latin-1 (design.md). Every byte comes back in the text.
    raw = BAKU.read_bytes().replace(b"Ambassador Derse", b"Ambassador D\xe9rse \xff\xfe\x80 caf\xc3")
    path = tmp_path / "latin1.txt"
    path.write_bytes(raw)
    code, out, err = run_main("parse", path, "-f", "json")
    assert (code, err) == (0, "")
    [record] = json.loads(out)
    assert "D\u00e9rse \u00ff\u00fe\u0080 caf\u00c3" in record["body"]
    from cablecli.inputs import iter_texts

    [item] = iter_texts([path])
    assert item.text.encode("latin-1") == raw


def test_a_100_mb_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    head = BAKU.read_bytes().split(b"\xc2\xb61.")[0]
    with open(path, "wb") as out:
        out.write(head + b"1. (C) ")
        chunk = b"THE-LINE-GOES-ON-" * 4096 + b" "  # long words: splitting into words is measured in bench/
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
        out.write(b"\n\nDERSE\n")
    assert path.stat().st_size > 100 * 1024 * 1024
    code, out, err = run_main("parse", path, "-f", "jsonl", "--fields", "reference_id,subject,signers")
    assert (code, err) == (0, "")
    record = json.loads(out)
    assert record["reference_id"] == "08BAKU187" and record["subject"].startswith("DFM AZIMOV")
    assert record["signers"] == ["DERSE"]  # read past the line to the end


def test_a_file_name_that_is_not_utf8_is_written_back_as_its_bytes(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/odd\xff.txt"
    with open(name, "wb") as out:
        out.write(BAKU.read_bytes())
    target = tmp_path / "out.jsonl"
    code, _, err = run_main("parse", tmp_path, "-f", "jsonl", "--fields", "source", "-o", target)
    assert (code, err) == (0, "")
    assert b"/odd\xff.txt" in target.read_bytes()
    # stdout in a locale whose encoder is strict: the same bytes, not a crash.
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "utf8=0",
            "-m",
            "cablecli",
            "parse",
            name,
            "-f",
            "jsonl",
            "--fields",
            "source",
        ],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", "CABLECLI_NO_PROGRESS": "1"},
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert b"/odd\xff.txt" in proc.stdout


# -- hostile text -----------------------------------------------------------------------------------

# Markup, an SGR sequence no renderer of ours writes (blink + reverse), clear screen, an OSC 8
# hyperlink, a carriage return that would draw over the line, backspace, bell, a bidi override,
# an OSC 52 clipboard write, the bidi marks RLM, LRM and ALM, and characters that draw nothing.
HOSTILE = (
    "[bold red]MARKUP[/] [/] [link=https://e.vil]LINK[/link] \x1b[5;7mSGR\x1b[0m \x1b[2J"
    " \x1b]8;;https://e.vil\x1b\\OSC\x1b]8;;\x1b\\ HIDDEN\rOVER \x08\x07 \u202eRLO \x9b31m"
    " \x1b]52;c;cm0gLXJmIH4=\x07CLIP \u200fRLM\u200eLRM\u061cALM Z\u200bW\u200dJ\ufeffB"
)
# What must never reach a terminal raw (besides our own styles).
UNSAFE = (
    "\x1b",
    "\r",
    "\x08",
    "\x07",
    "\u202e",
    "\x9b",
    "\u200f",
    "\u200e",
    "\u061c",
    "\u200b",
    "\u200d",
    "\ufeff",
)
_OURS = re.compile(r"\x1b\[[0-9;]*m")  # the styles our renderers write themselves


def _hostile_cable() -> str:
    text = BAKU.read_text(encoding="utf-8")
    text = text.replace("TO RUEHC/SECSTATE WASHDC", "TO RUEHC/SECSTATE WASHDC " + HOSTILE)
    text = text.replace("FM AMEMBASSY BAKU", "FM AMEMBASSY \x1b]52;c;cm0gLXJmIH4=\x1b\\\u200f BAKU")
    text = text.replace("TAGS: [PGOV](#)", "TAGS: [PGOV](#) \x1b[5;7mZZ\u202e")
    text = text.replace("NAGORNO-KARABAKH UNGA RESOLUTION", "NAGORNO-KARABAKH " + HOSTILE)
    text = text.replace("REF: STATE 21209", "REF: STATE 21209 " + HOSTILE)
    return text.replace("Azerbaijani Deputy", HOSTILE + " Azerbaijani Deputy")


def assert_harmless(out: str) -> None:
    """Nothing in `out` but our own styles can style, move the cursor or hide text."""
    assert "\x1b[5;7m" not in out and "\x1b[2J" not in out and "\x1b]8;" not in out
    assert "\x1b]52;" not in out
    rest = _OURS.sub("", out)
    for char in UNSAFE:
        assert char not in rest, repr(char)


TERMINAL_COMMANDS = [
    ["parse", "-f", "table", "--fields", "reference_id,subject,to,references"],
    ["show"],
    ["show", "-f", "text"],
    ["show", "--raw"],
    ["grep", "Deputy"],
    ["grep", "-C", "1", "Deputy"],
    ["grep", "--field", "all", "MARKUP"],
    ["grep", "-l", "MARKUP"],
    ["grep", "-c", "MARKUP"],
    ["tags"],
    ["tags", "--count"],
    ["addressees"],
    ["addressees", "--count"],
    ["check"],
    ["check", "--statistics"],
    ["stats"],
]


@pytest.mark.parametrize("command", TERMINAL_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("color", ["always", "never"])
def test_hostile_text_is_shown_literally_never_obeyed(tmp_path: Path, command, color: str) -> None:
    if command == ["show", "--raw"] and color == "never":
        pytest.skip("show --raw to a pipe prints the text as published, like cat (a test below)")
    # The file name is hostile too: it is shown in check's lines, grep -l, and table labels.
    path = tmp_path / "evil\x1b[5;7m\u202e.txt"
    path.write_text(_hostile_cable(), encoding="utf-8")
    result = CliRunner().invoke(
        app, [*command, str(path), "--color", color, *(["--no-pager"] if command[0] == "show" else [])],
        env={"COLUMNS": "400"},
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert_harmless(result.stdout)
    shown = _OURS.sub("", result.stdout)  # without our own highlighting
    if command[0] in ("parse", "show") or command[:2] == ["grep", "--field"]:
        assert "[bold red]MARKUP[/] [/] [link=https://e.vil]LINK[/link]" in shown
        assert "\\x1b[5;7mSGR\\x1b[0m \\x1b[2J \\x1b]8;;https://e.vil\\x1b\\OSC" in shown
        assert "HIDDEN" in shown and "OVER \\x08\\x07 \\u202eRLO \\x9b31m" in shown


def test_machine_formats_keep_hostile_text_exact(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(_hostile_cable(), encoding="utf-8")
    run = CliRunner().invoke
    [record] = json.loads(run(app, ["parse", str(path), "-f", "json"]).stdout)
    assert record["subject"].endswith(" ".join(HOSTILE.replace("\r", "\n").split()))
    assert HOSTILE.replace("\r", "\n") in record["body"]
    assert yaml.safe_load(run(app, ["parse", str(path), "-f", "yaml"]).stdout) == record
    hits = [
        json.loads(line)
        for line in run(app, ["grep", "-f", "jsonl", "MARKUP", str(path)]).stdout.splitlines()
    ]
    assert any(HOSTILE.split("\r")[0] in hit["text"] for hit in hits)
    # show --raw to a pipe (not a terminal) prints the text as published, like cat.
    assert HOSTILE.split("\r")[0] in run(app, ["show", "--raw", "-f", "text", str(path)]).stdout


def test_yaml_tags_in_a_cable_are_text_and_nothing_evaluates_input(tmp_path: Path) -> None:
    payload = '!!python/object/apply:os.system ["echo pwned > pwned"]'
    path = tmp_path / "yaml.txt"
    path.write_text(BAKU.read_text(encoding="utf-8").replace("REF: STATE 21209", f"SUBJECT: {payload}"))
    out = CliRunner().invoke(app, ["parse", str(path), "--fields", "subject,body"]).stdout
    record = yaml.safe_load(out)
    assert payload in record["body"]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    # The package: safe dumping only, no loader, no eval, no pickle of input.
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "cablecli").rglob("*.py"))
    for banned in ("yaml.load(", "unsafe_load", "yaml.Loader", "UnsafeLoader", "FullLoader", "eval(", "exec(",
                   "pickle.load", "yaml.Dumper", "Dumper=yaml.Dumper"):  # fmt: skip
        assert banned not in sources, banned


# -- inputs are never modified -----------------------------------------------------------------------


def _digests(root: Path) -> dict[str, tuple[str, int, int]]:
    return {
        str(p.relative_to(root)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
            p.stat().st_mode,
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_no_command_modifies_its_inputs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "text", corpus / "text")
    shutil.copytree(FIXTURES / "html", corpus / "html")
    shutil.copy(FIVE, corpus / "five.csv")
    (corpus / "five.csv.gz").write_bytes(gzip.compress(FIVE.read_bytes()))
    shutil.copy(FIXTURES / "two-cables.txt", corpus / "two-cables.txt")
    before = _digests(corpus)
    out = tmp_path / "out"
    runs = [
        *(["parse", "-f", fmt] for fmt in ("yaml", "json", "jsonl", "csv", "table")),
        ["parse", "-f", "jsonl", "-j", "2", "-o", str(out)],
        ["show", "-f", "text"],
        ["show", "--raw"],
        ["grep", "-i", "the"],
        ["grep", "-l", "-F", "KOSOVO"],
        ["grep", "-c", "--field", "all", "PGOV", "-f", "json"],
        ["tags"],
        ["tags", "--count", "-f", "csv"],
        ["addressees", "-f", "yaml"],
        ["addressees", "--count"],
        *(["check", "-f", fmt] for fmt in ("text", "json", "github", "sarif")),
        ["check", "--statistics"],
    ]
    for args in runs:
        result = CliRunner().invoke(app, [*args, str(corpus)])
        assert result.exit_code in (0, 1), (args, result.output)
    assert _digests(corpus) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


# -- pipes and signals ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.csv"
    path.write_bytes(FIVE.read_bytes() * 60)  # 300 rows, 3.7 MB: far more than a pipe holds
    return path


def _group_gone(pgid: int, timeout: float = 10.0) -> bool:
    """Whether every process of the group (the command and any workers) has ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_pipe_ends_the_run_quietly(big_csv: Path, jobs: str) -> None:
    # cablecli parse big.csv | head -1
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablecli", "parse", str(big_csv), "-f", "jsonl", "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
    )
    with proc:
        assert json.loads(proc.stdout.readline())["reference_id"]
        proc.stdout.close()
        code = proc.wait(timeout=60)
        gone = _group_gone(proc.pid)
        if not gone:
            os.killpg(proc.pid, signal.SIGKILL)  # so that reading stderr below ends
        err = proc.stderr.read()
    assert err == b""
    assert code in (0, -signal.SIGPIPE)  # a shell shows the latter as 141
    assert gone, "worker processes left behind"


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "-o FILE"])
def test_ctrl_c_exits_130_quietly_and_leaves_no_half_written_output(
    tmp_path: Path, jobs: str, to_file: bool
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    args = ["parse", "-", "-f", "jsonl", "-j", jobs, *(["-o", str(target)] if to_file else [])]
    # Input comes from a pipe kept open, so the run is surely still going when Ctrl-C comes.
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablecli", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,  # its own process group: Ctrl-C goes to the command and its workers
    )
    output = bytearray()

    def feed() -> None:
        # More rows than -j 2 holds back before its first output (8 batches of 64).
        try:
            proc.stdin.write(FIVE.read_bytes() * 120)
            proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    def drain() -> None:
        # Read on, as a terminal or a pager would: the command flushes its output on the way out.
        while chunk := proc.stdout.read1(1 << 16):
            output.extend(chunk)

    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
    with proc:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while not (
            any(p.name.endswith(".tmp") and p.stat().st_size for p in tmp_path.iterdir())
            if to_file
            else output
        ):
            if time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("no output was written")
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        finally:
            gone = _group_gone(proc.pid)
            if not gone:
                os.killpg(proc.pid, signal.SIGKILL)
        err = proc.stderr.read()
        for thread in threads:
            thread.join(timeout=30)
    assert code == 130
    assert b"Traceback" not in err and err.strip() == b""
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    assert gone, "worker processes left behind"


# Run in a child: reads `parse -` from a pipe that stays open and quiet, while SIGINT is handed to
# another thread of the process (as the system may do with a process-directed signal). The main
# thread, blocked in its read, never sees EINTR: only the wait in steps lets Python act on it.
_QUIET_PIPE_CHILD = """
import os, signal, sys, threading, time
from cablecli.cli import main

r, w = os.pipe()
os.write(w, open(sys.argv[1], "rb").read())  # one cable, then nothing more (w stays open)
os.dup2(r, 0)
sys.stdin = open(0, "r", closefd=False)
idle = threading.Event()
other = threading.Thread(target=idle.wait, daemon=True)
other.start()

def interrupt():
    time.sleep(1.0)
    signal.pthread_kill(other.ident, signal.SIGINT)

threading.Thread(target=interrupt, daemon=True).start()
main(["parse", "-", "-f", "jsonl"])
"""


def test_ctrl_c_ends_a_read_of_a_quiet_pipe_even_when_another_thread_takes_the_signal(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _QUIET_PIPE_CHILD, str(FIXTURES / "08BAKU187.txt")],
        capture_output=True,
        cwd=ROOT,
        timeout=30,
    )
    assert proc.returncode == 130, proc.stderr
    assert b"Traceback" not in proc.stderr and proc.stderr.strip() == b""
