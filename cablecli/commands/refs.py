"""`cablecli refs`: the cables a cable cites, or that cite it, resolved in an index."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    ExitCode,
    Run,
    open_db,
    output,
    print_table,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    DbRequiredOpt,
    OutputOpt,
)


class RefsFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command("refs")
def refs_command(
    ref_id: Annotated[str, typer.Argument(metavar="REFID", help="The cable's reference id, e.g. 08BAKU187.")],
    db: DbRequiredOpt = ...,  # type: ignore[assignment]
    reverse: Annotated[
        bool, typer.Option("--reverse", "-r", help="List the cables in the index that cite REFID instead.")
    ] = False,
    fmt: Annotated[RefsFormat, typer.Option("--format", "-f", help="Output format.")] = RefsFormat.table,
    output_path: OutputOpt = None,
    color: ColorOpt = Color.auto,
) -> None:
    """The cables REFID cites (its REF lines), resolved inside the index; --reverse: the cables citing it.

    Rows: label, text, reference_id, in_corpus, date, subject (the cited cable's, when the index
    holds it). With --reverse: reference_id, date, subject (of each citing cable), label, text
    (how it writes the reference). A cable held several times (the same cable in several files)
    is listed once. Exit status 1 when there is nothing to list.

    Examples:

    \b
      cablecli refs 08BAKU187 --db cables.db
      cablecli refs 08STATE21209 --db cables.db --reverse -f jsonl
    """
    from cablecli.index import query
    from cablecli.render.records import ROW_WRITERS

    wanted = ref_id.strip().upper()
    with open_db(db) as conn:
        if reverse:
            rows = query.citing(conn, wanted)
            columns: tuple[str, ...] = ("reference_id", "date", "subject", "label", "text")
        else:
            if not query.cable_exists(conn, wanted):
                Run().warn(f"{wanted}: no cable with this reference id in {db}")
                raise typer.Exit(int(ExitCode.NOT_FOUND))
            rows = query.cited_by(conn, wanted)
            columns = ("label", "text", "reference_id", "in_corpus", "date", "subject")
    with output(output_path) as out:
        if fmt is RefsFormat.table:
            from cablecli.render.stats import refs_table

            print_table(refs_table(rows, reverse), out, color, output_path)
        else:
            writer = ROW_WRITERS[fmt.value](out, columns)
            for row in rows:
                writer.write(row)
            writer.close()
    raise typer.Exit(int(ExitCode.OK if rows else ExitCode.NOT_FOUND))
