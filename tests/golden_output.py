"""Golden output files for CLI commands: run at width 100 with colour off, compare byte for byte.

Set CABLECLI_UPDATE_GOLDEN=1 to (re)write the files instead of comparing; inspect the diff by eye.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from cablecli.cli import app
from tests.conftest import FIXTURES

# Fixed width, no colour, whatever the environment of the test run says.
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "FORCE_COLOR": None, "CABLECLI_NO_PROGRESS": "1"}
EXTENSIONS = {"table": "txt", "yaml": "yaml", "json": "json", "jsonl": "jsonl", "csv": "csv"}


def invoke(args: list[str], input: bytes | str | None = None):
    return CliRunner(env=ENV).invoke(app, args, input=input)


def golden_path(command: str, case: str, fmt: str) -> Path:
    return FIXTURES / "golden" / command / f"{case}--{fmt}.{EXTENSIONS[fmt]}"


def check_golden(command: str, case: str, fmt: str, args: list[str]) -> None:
    """Run `command args -f fmt` from the fixtures folder and compare stdout with its golden file."""
    result = invoke([command, *args, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    path = golden_path(command, case, fmt)
    if os.environ.get("CABLECLI_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with CABLECLI_UPDATE_GOLDEN=1"
    assert result.stdout == path.read_text(encoding="utf-8")


def orphans(command: str, cases: dict[str, list[str]]) -> list[str]:
    """Golden files of `command` that no case produces."""
    expected = {golden_path(command, case, fmt).name for case in cases for fmt in EXTENSIONS}
    return sorted(p.name for p in (FIXTURES / "golden" / command).glob("*") if p.name not in expected)
