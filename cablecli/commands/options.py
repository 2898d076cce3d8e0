"""The options the commands share, defined once: each command's signature names these types."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class InputFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    csv = "csv"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH...",
        help="Files, directories (walked recursively) or - for stdin; no path reads stdin.",
        show_default=False,
    ),
]
InputFormatOpt = Annotated[
    InputFormat | None,
    typer.Option("--input-format", help="Read every input as this form instead of detecting it."),
]


def _cap_jobs(value: int) -> int:
    from cablecli.parse.pool import max_jobs

    most = max_jobs()
    if value > most:
        sys.stderr.write(f"cablecli: -j {value}: using {most} worker processes (at most 4 per core)\n")
        return most
    return value


JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=0,
        callback=_cap_jobs,
        help="Worker processes for parsing; 0 means one per core, at most 4 per core.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: a temporary file renamed at the end).",
    ),
]
FollowOpt = Annotated[
    bool,
    typer.Option(
        "--follow",
        "-L",
        help="Follow symbolic links inside walked directories (skipped by default, as ripgrep does).",
    ),
]
CsvSafeOpt = Annotated[
    bool,
    typer.Option(
        "--csv-safe",
        help="With -f csv: put a ' before a cell a spreadsheet would run as a formula (=, +, -, @).",
    ),
]
NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Never page the output.")]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color", help="Colour: auto (a terminal or FORCE_COLOR, and NO_COLOR unset), always or never."
    ),
]


DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Answer from this index (made by cablecli index build) instead of reading PATHs; "
        "default: CABLECLI_DB when no PATH is given.",
    ),
]
DbRequiredOpt = Annotated[
    Path,
    typer.Option(
        "--db", metavar="FILE", envvar="CABLECLI_DB", help="The index file (SQLite).", show_default=False
    ),
]


class RowFormat(enum.StrEnum):
    table = "table"
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


RowFormatOpt = Annotated[
    RowFormat,
    typer.Option(
        "--format", "-f", help="Output format: a table for people, or rows as yaml, json, jsonl, csv."
    ),
]

# The filters of the commands that search: each a condition a cable must meet.
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", metavar="TAG", help="Only cables with this tag (repeat: all of them)."),
]
OriginOpt = Annotated[
    str | None,
    typer.Option("--origin", metavar="TEXT", help="Only cables whose origin contains this (any case)."),
]
ClassificationOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--classification",
        metavar="LEVEL",
        help="Only cables of this level: unclassified, 'limited official use' (or lou), confidential,"
        " secret, top secret (repeat: any).",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Only cables dated on or after DATE (2008, 2008-03, ...)."),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="Only cables dated on or before DATE (2008-03 takes in March)."
    ),
]
