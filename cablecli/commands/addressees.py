"""`cablecli addressees`: who each cable is from and to, or counted (rows from tally.py)."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    Run,
    cable_source,
    db_default,
    output,
    print_table,
    write_rows,
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
    RowFormat,
    RowFormatOpt,
)


class Role(enum.StrEnum):
    from_ = "from"
    to = "to"
    info = "info"
    xmt = "xmt"


@app.command("addressees")
def addressees_command(
    paths: PathsArg = None,
    fmt: RowFormatOpt = RowFormat.table,
    csv_safe: CsvSafeOpt = False,
    count: Annotated[
        bool,
        typer.Option(
            "--count",
            "-c",
            help="Count the cables per addressee and role, most frequent first, with senders.",
        ),
    ] = False,
    roles: Annotated[
        list[Role] | None, typer.Option("--role", "-r", help="Keep only this role; repeatable.")
    ] = None,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    db: DbOpt = None,
) -> None:
    """Who each cable is from (FM), to (TO), for information (INFO) and excepted (XMT).

    Rows: reference_id, role (from, to, info, xmt), routing_indicator, name, station,
    precedence, serial. FM carries the DE line's routing indicator, the date-time group's
    precedence and the DE serial. station is the name the routing indicator stands for:
    from the table cablecli ships, else the name the cables read so far write beside it.

    With --count: role, routing_indicator, name, count (cables), senders (distinct
    originating stations), per role and routing indicator (or name, without one).

    Examples:

    \b
      cablecli addressees examples/08BAKU187.txt
      cablecli addressees --count --role to --role info cables/ -f csv
      cablecli addressees cables.csv -f jsonl | jq -r .station
    """
    from cablecli.render.rows import addressee_counts_table, addressees_table
    from cablecli.tally import ADDRESSEE_COLUMNS, ADDRESSEE_COUNT_COLUMNS, StationNames, addressee_rows

    wanted = frozenset(r.value for r in roles or ())
    run = Run()
    table = fmt is RowFormat.table
    with (
        cable_source(paths, db_default(db, paths), run, input_format, follow) as source,
        output(output_path) as out,
    ):
        if count:
            rows = source.addressee_counts(wanted, jobs)
            if table:
                print_table(addressee_counts_table(rows), out, color, output_path)
            else:
                write_rows(fmt, out, ADDRESSEE_COUNT_COLUMNS, rows, csv_safe)
        else:
            stations = StationNames()  # names learnt in input order, from every cable read so far

            def per_cable() -> Iterator[tuple[Any, list[dict[str, Any]]]]:
                for item in source.addressees(jobs):
                    stations.learn(item)
                    yield item, list(addressee_rows(item, stations, wanted))

            if table:
                groups = [(item.reference_id or item.where, rows) for item, rows in per_cable() if rows]
                print_table(addressees_table(groups), out, color, output_path)
            else:
                flat = (row for _, cable_rows in per_cable() for row in cable_rows)
                write_rows(fmt, out, ADDRESSEE_COLUMNS, flat, csv_safe)
    raise typer.Exit(run.exit_code())
