"""Every command's --help reads cleanly at 80 columns: nothing eaten, defaults shown, nothing split."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from cablecli.cli import app


def _commands(command, path=()):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_command_is_covered():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"parse", "show", "grep", "tags", "addressees", "check", "stats", "refs", "index build"} <= names


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_help_reads_cleanly_at_80_columns(path, command):
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0
    out = result.stdout
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    assert "``" not in out and "\x1b" not in out
    flat = _flat(out)
    for line in lines:
        # A choice list <a|b|c> is never split over two lines.
        assert not re.search(r"<[\w|]*$", line) and not re.match(r"\s*[\w|]+>", line), line
        # Option names are never split at their hyphens.
        assert not re.search(r"--[a-z]+-$", line), line
    for param in command.params:
        if param.help:
            assert _flat(param.help) in flat, param.help
        shown = getattr(param, "show_default", False)
        default = param.default
        if (
            shown and default not in (None, False, "", ()) and not param.is_flag
            if hasattr(param, "is_flag")
            else False
        ):
            value = default.value if hasattr(default, "value") else default
            assert f"[default: {value}" in flat, (param.name, value)
    # The examples of the docstring are shown whole, one a line.
    for example in re.findall(r"^\s+(cablecli .+)$", command.help or "", re.M):
        assert any(line.strip() == example.strip() for line in lines), example


def test_bracketed_text_survives():
    out = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "80"}).stdout
    flat = _flat(out)
    assert "[tool.cablecli.check]" in flat
    assert "[default: info]" in flat and "[default: error]" in flat
    assert (
        "<yaml|json|jsonl|csv|table|parquet>"
        in CliRunner().invoke(app, ["parse", "--help"], env={"COLUMNS": "80"}).stdout
    )
