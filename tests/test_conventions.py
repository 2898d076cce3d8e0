"""What users of other command-line tools expect: shell completion, CABLECLI_DB, FORCE_COLOR,
a word when reading a terminal's stdin, a word when there is nothing to read."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from tests.conftest import plain_environment

FIXTURES = Path(__file__).parent / "fixtures"
BAKU = str(FIXTURES / "08BAKU187.txt")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(
        monkeypatch, ("NO_COLOR", "FORCE_COLOR", "CABLECLI_DB", "COLUMNS", "TERM", "GITHUB_ACTIONS")
    )


def cablecli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablecli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


# --- shell completion -----------------------------------------------------------------------------


def test_bash_completion_of_commands_and_options() -> None:
    env = {"_CABLECLI_COMPLETE": "complete_bash", "COMP_WORDS": "cablecli gr", "COMP_CWORD": "1"}
    assert cablecli(env=env).stdout.split() == ["grep"]
    env = {"_CABLECLI_COMPLETE": "complete_bash", "COMP_WORDS": "cablecli grep --only", "COMP_CWORD": "2"}
    assert cablecli(env=env).stdout.split() == ["--only-matching"]


def test_zsh_completion() -> None:
    env = {"_CABLECLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "cablecli ch"}
    assert '"check"' in cablecli(env=env).stdout


def test_fish_completion_of_choices() -> None:
    env = {
        "_CABLECLI_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": "cablecli check -f ",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }
    assert {"text", "github", "sarif", "gitlab", "junit"} <= set(cablecli(env=env).stdout.split())


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete -o default -F"), ("zsh", "compdef"),
                                               ("fish", "complete --command cablecli")])  # fmt: skip
def test_show_completion_script(shell: str, marker: str) -> None:
    # From a given shell, `cablecli --show-completion` prints its script; here the shell is named.
    result = cablecli("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0 and marker in result.stdout


# --- environment variables ------------------------------------------------------------------------


def test_cablecli_db_is_the_default_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "cables.db"
    runner = CliRunner()
    assert runner.invoke(app, ["index", "build", BAKU, "--db", str(db)]).exit_code == 0
    monkeypatch.setenv("CABLECLI_DB", str(db))
    stats = runner.invoke(app, ["stats", "-f", "json"])
    assert stats.exit_code == 0 and json.loads(stats.stdout)["cables"] == 1
    assert runner.invoke(app, ["grep", "-l", "Lachin"]).stdout == "08BAKU187\n"
    assert runner.invoke(app, ["show", "--id", "08BAKU187", "-f", "text"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["index", "info", "-f", "json"]).stdout)["cables"] == 1
    # A PATH wins over the variable; --db over both.
    two = runner.invoke(app, ["stats", "-f", "json", str(FIXTURES / "two-cables.txt")])
    assert two.exit_code == 0 and json.loads(two.stdout)["cables"] == 2


def test_force_color_colours_a_pipe_and_no_color_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert "\x1b[" not in runner.invoke(app, ["grep", "Lachin", BAKU]).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in runner.invoke(app, ["grep", "Lachin", BAKU]).stdout
    assert "\x1b[" not in runner.invoke(app, ["grep", "--color", "never", "Lachin", BAKU]).stdout
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert "\x1b[" not in runner.invoke(app, ["grep", "Lachin", BAKU]).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(app, ["grep", "Lachin", BAKU]).stdout


def test_every_environment_variable_is_documented_in_one_place() -> None:
    usage = (Path(__file__).resolve().parents[1] / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    for name in ("CABLECLI_DB", "CABLECLI_NO_PROGRESS", "NO_COLOR", "FORCE_COLOR", "PAGER", "LESS",
                 "COLUMNS", "GITHUB_ACTIONS", "TERM"):  # fmt: skip
        assert f"`{name}`" in section, name
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).resolve().parents[1] / "cablecli").rglob("*.py")
    )
    import re

    for name in set(re.findall(r'environ(?:\.get)?\(\s*"([A-Z_]+)"|environ\["([A-Z_]+)"\]', source)):
        for n in name:
            if n:
                assert f"`{n}`" in section, n


# --- stdin on a terminal, and nothing to read ----------------------------------------------------


def _parse_on_a_terminal(typed: bytes) -> tuple[bytes, bytes]:
    """Run `cablecli parse -f jsonl` with a terminal as stdin, type `typed` and one Ctrl-D."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablecli", "parse", "-f", "jsonl", "--fields", "subject"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CABLECLI_NO_PROGRESS": "1"},
    )
    os.close(terminal)
    assert proc.stderr is not None
    deadline = time.monotonic() + 30
    said = b""
    while b"\n" not in said and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1)
        if ready:
            said += os.read(proc.stderr.fileno(), 200)
    os.write(controller, typed + b"\x04")  # one Ctrl-D ends the input, as for cat
    try:
        out, rest = proc.communicate(timeout=30)
    finally:
        proc.kill()
        os.close(controller)
    return said + rest, out


def test_a_bare_parse_on_a_terminal_says_it_reads_stdin() -> None:
    said, out = _parse_on_a_terminal(b"")
    assert b"cablecli: reading cables from stdin" in said and out == b""


def test_one_ctrl_d_ends_the_input_typed_on_a_terminal() -> None:
    said, out = _parse_on_a_terminal(b"SUBJECT: HELLO\n")
    assert out == b'{"subject":"HELLO"}\n'


def test_an_empty_folder_says_no_cables_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for args in (["parse"], ["tags"], ["check"], ["grep", "x"], ["stats"]):
        result = CliRunner().invoke(app, [*args, str(tmp_path / "empty")])
        assert f"cablecli: no cables found in {tmp_path / 'empty'}\n" in result.stderr, args
        assert "Traceback" not in result.stderr
    # A folder with cables says nothing of the kind.
    assert "no cables found" not in CliRunner().invoke(app, ["parse", str(FIXTURES / "golden")]).stderr
