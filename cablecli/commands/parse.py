"""`cablecli parse`: one structured record per cable, in a format for programs or a table."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    Run,
    cable_source,
    db_default,
    fail,
    output,
    print_table,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    CsvSafeOpt,
    DbOpt,
    FollowOpt,
    InputFormatOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
)


class ParseFormat(enum.StrEnum):
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    parquet = "parquet"


def parse_fields(value: str | None) -> list[str] | None:
    from cablecli.model import FIELDS

    if not value:
        return None
    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        fail(f"unknown field(s) {', '.join(unknown)}; fields are: {', '.join(FIELDS)}")
    return fields


def _record_for_output(cable: Any, fields: list[str] | None, no_body: bool) -> dict[str, Any]:
    from cablecli.render.records import select

    return select(cable.to_dict(), fields, no_body)


def _formatted_record(
    cable: Any, fields: list[str] | None, no_body: bool, fmt: str, columns: list[str]
) -> str:
    # Runs in the worker processes under -j: parsing and formatting both happen there.
    from cablecli.render.records import format_record

    return format_record(fmt, columns, _record_for_output(cable, fields, no_body))


@app.command("parse")
def parse_command(
    paths: PathsArg = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.yaml,
    fields: Annotated[
        str | None,
        typer.Option("--fields", metavar="FIELDS", help="Comma-separated fields to keep, in this order."),
    ] = None,
    no_body: Annotated[bool, typer.Option("--no-body", help="Leave out the body text.")] = False,
    csv_safe: CsvSafeOpt = False,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    db: DbOpt = None,
) -> None:
    """One structured record per cable (see docs/record.md for the fields).

    Examples:

    \b
      cablecli parse examples/08BAKU187.txt -f json
      cablecli parse cables/ -f jsonl --no-body | jq -r .subject
      cablecli parse cables.csv.gz -f csv --fields reference_id,date,tags
    """
    from functools import partial

    from cablecli.model import FIELDS
    from cablecli.parse import BODY_FIELDS

    run = Run()
    selected = parse_fields(fields)
    body = not selected or not BODY_FIELDS.isdisjoint(selected)  # walk the body only when shown
    columns = selected or [f for f in FIELDS if not (no_body and f == "body")]
    db = db_default(db, paths)
    if fmt is ParseFormat.parquet:
        _require_parquet(output_path)
    with (
        cable_source(paths, db, run, input_format, follow) as source,
        output(output_path) as out,
    ):
        records = partial(_record_for_output, fields=selected, no_body=no_body)
        if fmt is ParseFormat.parquet:
            from cablecli.render.parquet import write_parquet

            out.flush()
            write_parquet(source.parsed(records, jobs, body), out.buffer, columns)
        elif fmt is ParseFormat.table:
            from cablecli.render.console import record_table

            rows = list(
                source.parsed(partial(_record_for_output, fields=selected, no_body=no_body), jobs, body)
            )
            shown = selected or ["reference_id", "date", "classification", "origin", "subject"]
            print_table(record_table(rows, shown), out, color, output_path)
        else:
            from cablecli.render.records import WRITERS, join_records

            name = "csv-safe" if csv_safe and fmt is ParseFormat.csv else fmt.value
            writer = WRITERS[name](out, columns)
            formatted = partial(
                _formatted_record, fields=selected, no_body=no_body, fmt=name, columns=columns
            )
            encoding = writer.block_encoding()
            if encoding is None:
                for line in source.parsed(formatted, jobs, body):
                    writer.write_formatted(line)
            else:
                # The records come formatted, joined and encoded, a batch at a time from workers.
                combine = partial(join_records, fmt=name, encoding=encoding[0], errors=encoding[1])
                for block in source.parsed(formatted, jobs, body, combine):
                    writer.write_block(block)
            writer.close()
    raise typer.Exit(run.exit_code())


def _require_parquet(output_path: Path | None) -> None:
    """`-f parquet` needs pyarrow, and writes a file (render/parquet.py)."""
    from cablecli.render.parquet import ParquetUnavailable, require_pyarrow

    try:
        require_pyarrow()
    except ParquetUnavailable as exc:
        fail(str(exc))
    if output_path is None:
        fail("-f parquet writes a file: give -o FILE")
