"""Read the reference data files shipped in cablecli/reference/data (tab-separated, '#' comment lines)."""

from __future__ import annotations

from importlib.resources import files


def read_rows(name: str) -> list[list[str]]:
    """Rows of data/<name> as lists of fields; comment and blank lines are skipped."""
    text = files("cablecli.reference").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
