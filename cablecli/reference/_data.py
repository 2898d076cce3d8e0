"""Read the reference data files shipped in cablecli/reference/data (tab-separated, '#' comment lines)."""

from __future__ import annotations

import os

# The package's own directory on disk. importlib.resources (with zipfile, which it loads) costs
# more to import than reading the files does; it is needed only when the package is not files on
# disk (a zip archive), and is then used.
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_rows(name: str) -> list[list[str]]:
    """Rows of data/<name> as lists of fields; comment and blank lines are skipped."""
    return [line.split("\t") for line in _read_text(name).splitlines() if line and not line.startswith("#")]


def _read_text(name: str) -> str:
    if os.path.isdir(_DATA):
        # What importlib.resources' read_text gives for a file on disk: text mode, UTF-8.
        with open(os.path.join(_DATA, name), encoding="utf-8") as file:
            return file.read()
    from importlib.resources import files

    return files("cablecli.reference").joinpath("data", name).read_text(encoding="utf-8")
