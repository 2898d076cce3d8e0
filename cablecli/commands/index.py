"""`cablecli index build|info|metadata`: the SQLite index of cablecli/index/ (docs/index.md)."""

from __future__ import annotations

import enum
import os
import sys
from typing import Annotated

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    ExitCode,
    Run,
    cable_source,
    fail,
    open_db,
    output,
    print_table,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    DbRequiredOpt,
    FollowOpt,
    InputFormatOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
)

index_app = typer.Typer(
    name="index",
    help="An embedded SQLite index of parsed cables, for instant search and counts (see docs/index.md).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(index_app, name="index")


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"


@index_app.command("build")
def index_build_command(
    paths: PathsArg = None,
    db: DbRequiredOpt = ...,  # type: ignore[assignment]
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Also remove the cables of files that this build was not given."),
    ] = False,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="How to report the counts.")
    ] = ReportFormat.text,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """Parse PATHs into the index DB, creating it if needed; run again to bring it up to date.

    Each cable is keyed by its file (absolute path) and position in it. Cables whose text is
    unchanged (same SHA-256) are skipped without parsing, changed ones replaced, new ones added;
    cables that a file read again no longer holds are removed. Cables of files not given stay,
    unless --prune. Everything happens in one transaction: an interrupted build leaves the index
    as it was. Prints added, replaced, unchanged, removed.

    Examples:

    \b
      cablecli index build cables.csv --db cables.db -j 2
      cablecli index build cables/ more-cables/ --db cables.db
      cablecli index build cables/ --db cables.db --prune -f json
    """
    import json

    from cablecli.index import IndexLockedError, build_index

    def waiting(seconds: float) -> None:
        sys.stderr.write(f"cablecli: {db}: another process is writing to it; waiting up to {seconds:g} s\n")

    run = Run()
    index_files = [os.path.realpath(f"{db}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]
    with (
        open_db(db, create=True, on_wait=waiting) as conn,
        cable_source(paths, None, run, input_format, follow, skip=index_files) as source,
    ):
        try:
            report = build_index(conn, source.texts(), jobs, prune=prune, on_error=run.error, on_wait=waiting)
        except IndexLockedError as exc:
            fail(f"{db}: {exc}")
        total = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    if fmt is ReportFormat.json:
        print(json.dumps({**report.to_dict(), "cables": total, "db": str(db)}))
    else:
        print(
            f"{db}: {report.added:,} added, {report.replaced:,} replaced, {report.unchanged:,} unchanged, "
            f"{report.removed:,} removed; {total:,} cables in the index"
        )
    raise typer.Exit(run.exit_code())


@index_app.command("info")
def index_info_command(
    db: DbRequiredOpt = ...,  # type: ignore[assignment]
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.text,
    color: ColorOpt = Color.auto,
) -> None:
    """What the index DB holds: counts of cables, files, tags, references..., and its schema version.

    Examples:

    \b
      cablecli index info --db cables.db
      cablecli index info --db cables.db -f json | jq .cables
    """
    import json

    from cablecli.index import query

    with open_db(db) as conn:
        info = query.index_info(conn, db)
    if fmt is ReportFormat.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        from cablecli.render.stats import info_table

        print_table(info_table(info), sys.stdout, color, None)
    raise typer.Exit(int(ExitCode.OK))


@index_app.command("metadata")
def index_metadata_command(
    db: DbRequiredOpt = ...,  # type: ignore[assignment]
    output_path: OutputOpt = None,
) -> None:
    """Datasette metadata for the index DB (JSON): title, source, column descriptions, facets, search.

    Examples:

      cablecli index metadata --db cables.db -o cables.metadata.json

      datasette cables.db -m cables.metadata.json
    """
    import json

    from cablecli.index.metadata import datasette_metadata

    with open_db(db) as conn:
        meta = datasette_metadata(conn, db)
    with output(output_path) as out:
        out.write(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(int(ExitCode.OK))
