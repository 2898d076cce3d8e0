"""`cablecli show`: one cable for a person to read (render/show.py lays it out)."""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    Run,
    cable_source,
    db_default,
    fail,
    output,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    DbOpt,
    FollowOpt,
    InputFormatOpt,
    NoPagerOpt,
    OutputOpt,
    PathsArg,
)


class ShowFormat(enum.StrEnum):
    rich = "rich"
    text = "text"


@app.command("show")
def show_command(
    paths: PathsArg = None,
    ref_ids: Annotated[
        list[str] | None,
        typer.Option(
            "--id",
            metavar="REFID",
            help="Show the cable with this reference id (e.g. 08BAKU187); repeat for several; "
            "- reads ids from stdin, one a line (as grep -l prints them).",
        ),  # fmt: skip
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the text as published.")] = False,
    fmt: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="rich (for a terminal) or text (plain).")
    ] = ShowFormat.rich,
    no_pager: NoPagerOpt = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", metavar="N", min=20, help="Lay out for this many columns (default: the terminal's)."
        ),
    ] = None,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    color: ColorOpt = Color.auto,
    db: DbOpt = None,
) -> None:
    """One cable for a person to read.

    A classification banner at top and bottom, the header facts, addressees with routing
    indicators, TAGS with their meanings, subject, references, then the paragraphs with their
    numbers and portion markings, summary and comment marked, redactions marked, and the signer.
    Paged when taller than the terminal; plain text when piped. A file holding several cables
    shows each in turn as it is read, or those named by --id.

    Examples:

    \b
      cablecli show examples/08BAKU187.txt
      cablecli show cables.csv --id 08BAKU187 --raw
      cablecli grep -l KOSOVO cables.csv | cablecli show cables.csv --id -
      cablecli show examples/08BAKU187.txt -f text --width 100 > view.txt
      cablecli show --db cables.db --id 08BAKU187
    """
    from cablecli.inputs import InputError
    from cablecli.parse import parse_text
    from cablecli.parse.idfilter import reference_id_filter
    from cablecli.render.console import use_color
    from cablecli.render.show import write_cables

    run = Run()
    db = db_default(db, paths)
    wanted = _wanted_ids(ref_ids, stdin_holds_cables=db is None and (not paths or "-" in paths))
    if db is not None and wanted is None:
        fail("show --db needs --id REFID: the index is looked up by reference id")
    test = may_be = None
    if wanted:  # cablecli.search (the grep engine) is loaded for --id only
        from cablecli.search import reference_id_test

        test, may_be = reference_id_test(wanted), reference_id_filter(wanted)
    missing = dict.fromkeys(wanted or ())

    def cables(items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, InputError):
                run.error(item)
                continue
            # Cannot be one of the cables asked for: not parsed. The serial's expression first (a
            # search in C), then the id filter (which reads the lines that can give the id).
            if test is not None and not test[1].search(item.text):
                continue
            if may_be is not None and not may_be(item.text, item.source.metadata):
                continue
            if wanted is not None:  # the id first, without the body walk; the body for the match only
                found = parse_text(item.text, item.source, body=False)
                if (found.reference_id or "").upper() not in missing:
                    continue
            cable = parse_text(item.text, item.source)
            ref = (cable.reference_id or "").upper()
            if wanted is None or ref in missing:
                yield cable
            if wanted is not None:
                missing.pop(ref, None)
                if not missing:
                    return

    with (
        cable_source(paths, db, run, input_format, follow) as source,
        output(output_path) as out,
    ):
        needle = test[0] if test else None
        items = source.candidates(needle) if wanted is None else source.texts_by_ids(wanted, needle)
        terminal = output_path is None and out.isatty()
        colored = use_color(color.value, out) and output_path is None
        write_cables(
            cables(items),
            out,
            raw=raw,
            plain=fmt is ShowFormat.text or not colored,
            color=colored,
            width=width,
            pager=terminal and not no_pager,
            terminal=terminal,
        )
    for ref in missing:
        run.error(f"no cable with reference id {ref} in the inputs")
    raise typer.Exit(run.exit_code())


def _wanted_ids(values: list[str] | None, stdin_holds_cables: bool) -> list[str] | None:
    """The reference ids of `show --id`, upper case, in order; `-` reads them from stdin."""
    if not values:
        return None
    wanted: list[str] = []
    for value in values:
        if value.strip() == "-":
            if stdin_holds_cables:
                fail("--id - reads the ids from stdin: give the cables as PATHs or --db")
            wanted.extend(line.strip().upper() for line in sys.stdin if line.strip())
        elif value.strip():
            wanted.append(value.strip().upper())
    return list(dict.fromkeys(wanted))
