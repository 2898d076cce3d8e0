"""`cablecli stats`: the corpus at a glance, from PATHs or an index."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    Run,
    cable_source,
    db_default,
    output,
    print_table,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    DbOpt,
    FollowOpt,
    InputFormatOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
)


class StatsFormat(enum.StrEnum):
    table = "table"
    json = "json"


@app.command("stats")
def stats_command(
    paths: PathsArg = None,
    db: DbOpt = None,
    fmt: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="A table and bar chart for people, or json.")
    ] = StatsFormat.table,
    top: Annotated[
        int, typer.Option("--top", "-n", metavar="N", min=1, help="How many origins and tags to list.")
    ] = 10,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
) -> None:
    """The corpus at a glance: cables per year (a bar chart), per classification, top origins and tags.

    Reads PATHs (streaming: only the counts are kept) or answers from an index with --db. A tag
    counts once per cable; a cable without a date counts under "(no date)".

    JSON: {"cables": N, "years": [{"year", "count"}], "classifications": [{"classification",
    "count"}], "origins": [{"origin", "count"}], "tags": [{"tag", "count"}], "distinct":
    {"origins", "tags"}}.

    Examples:

    \b
      cablecli stats cables.csv -j 2
      cablecli stats --db cables.db --top 20
      cablecli stats --db cables.db -f json | jq '.years[]'
    """
    import json

    run = Run()
    with cable_source(paths, db_default(db, paths), run, input_format, follow) as source:
        counts = source.corpus_counts(jobs)
    summary = counts.summary(top)
    with output(output_path) as out:
        if fmt is StatsFormat.json:
            out.write(json.dumps(summary, ensure_ascii=False) + "\n")
        else:
            from cablecli.render.stats import stats_view

            print_table(stats_view(summary), out, color, output_path)
    raise typer.Exit(run.exit_code())
