"""`cablecli tags`: the TAGS of each cable, counted, or explained (rows from tally.py)."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    ExitCode,
    Run,
    cable_source,
    db_default,
    fail,
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
    RowFormat,
    RowFormatOpt,
)


class TagKind(enum.StrEnum):
    subject = "subject"
    program = "program"
    organization = "organization"
    country = "country"
    person = "person"


@app.command("tags")
def tags_command(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH|CODE",
            help="Files, directories (walked recursively) or - for stdin; no path reads stdin. "
            "With --explain: the TAGS codes to explain.",
            show_default=False,
        ),
    ] = None,
    fmt: RowFormatOpt = RowFormat.table,
    csv_safe: CsvSafeOpt = False,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Count the cables carrying each tag, most frequent first.")
    ] = False,
    kinds: Annotated[
        list[TagKind] | None, typer.Option("--kind", "-k", help="Keep only tags of this kind; repeatable.")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", "-e", help="Explain the TAGS codes given as arguments; reads no input."),
    ] = False,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    db: DbOpt = None,
) -> None:
    """TAGS of each cable with their kind and meaning, counted across cables, or explained.

    Kinds: subject (PGOV), program (KDEM), organization (UN), country (AJ, the State
    Department's FIPS-based code), person (OVIP (CLINTON, HILLARY)); unknown for the rest.

    Rows: reference_id, tag, kind, meaning; with --count: tag, kind, meaning, count
    (cables carrying the tag); with --explain: tag, kind, meaning.

    Examples:

    \b
      cablecli tags examples/08BAKU187.txt
      cablecli tags --count cables/ --kind country -f csv
      cablecli tags --explain PGOV AJ KDEM
    """
    from cablecli.render.rows import explain_table, tag_counts_table, tags_table
    from cablecli.tally import EXPLAIN_COLUMNS, TAG_COLUMNS, TAG_COUNT_COLUMNS, explain_rows, tag_rows

    wanted = frozenset(k.value for k in kinds or ())
    table = fmt is RowFormat.table
    if explain:
        if count:
            fail("--explain and --count do not go together")
        if not args:
            fail("--explain needs TAGS codes, e.g. cablecli tags --explain PGOV AJ KDEM")
        with output(output_path) as out:
            rows = explain_rows(args or [], wanted)
            if table:
                print_table(explain_table(rows), out, color, output_path)
            else:
                write_rows(fmt, out, EXPLAIN_COLUMNS, rows, csv_safe)
        raise typer.Exit(int(ExitCode.OK))

    run = Run()
    with (
        cable_source(args, db_default(db, args), run, input_format, follow) as source,
        output(output_path) as out,
    ):
        if count:
            rows = source.tag_counts(wanted, jobs)
            if table:
                print_table(tag_counts_table(rows), out, color, output_path)
            else:
                write_rows(fmt, out, TAG_COUNT_COLUMNS, rows, csv_safe)
        elif table:
            cables = source.tags(wanted, jobs)
            groups = [(item.reference_id or item.where, list(tag_rows(item))) for item in cables if item.tags]
            print_table(tags_table(groups), out, color, output_path)
        else:
            rows = (row for item in source.tags(wanted, jobs) for row in tag_rows(item))
            write_rows(fmt, out, TAG_COLUMNS, rows, csv_safe)
    raise typer.Exit(run.exit_code())
