"""`cablecli grep`: options in, one call into cablecli.search, hits out (render/grep.py)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from cablecli.commands.app import app
from cablecli.commands.common import (
    ExitCode,
    Run,
    cable_filters,
    cable_source,
    db_default,
    fail,
    output,
)
from cablecli.commands.options import (
    ClassificationOpt,
    Color,
    ColorOpt,
    DbOpt,
    FollowOpt,
    InputFormatOpt,
    JobsOpt,
    OriginOpt,
    PathsArg,
    SinceOpt,
    TagOpt,
    UntilOpt,
)


class GrepFormat(enum.StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class GrepField(enum.StrEnum):
    body = "body"
    subject = "subject"
    tags = "tags"
    origin = "origin"
    to = "to"
    info = "info"
    references = "references"
    summary = "summary"
    comment = "comment"
    all = "all"


@app.command("grep")
def grep_command(
    pattern: Annotated[
        str | None,
        typer.Argument(
            metavar="PATTERN",
            help="Regular expression (RE2 syntax, run in linear time; Python's re only for "
            "backreferences and lookaround), or a string with -F; optional with -e or --fts.",
            show_default=False,
        ),
    ] = None,
    paths: PathsArg = None,
    regexps: Annotated[
        list[str] | None,
        typer.Option(
            "--regexp", "-e", metavar="PATTERN", help="A pattern; repeat for several (a match of any)."
        ),
    ] = None,
    fixed: Annotated[bool, typer.Option("--fixed-strings", "-F", help="PATTERN is a plain string.")] = False,
    ignore_case: Annotated[bool, typer.Option("--ignore-case", "-i", help="Ignore case.")] = False,
    smart_case: Annotated[
        bool, typer.Option("--smart-case", "-S", help="Ignore case unless PATTERN holds a capital.")
    ] = False,
    word: Annotated[
        bool, typer.Option("--word-regexp", "-w", help="Match only where no letter, digit or _ adjoins.")
    ] = False,
    invert: Annotated[
        bool, typer.Option("--invert-match", "-v", help="Print the lines (or values) that do not match.")
    ] = False,
    lines_only: Annotated[
        bool,
        typer.Option(
            "--lines", help="Match each line as written; by default a paragraph is matched unwrapped."
        ),
    ] = False,
    field: Annotated[
        GrepField, typer.Option("--field", help="Where to search: the body, a field, or all.")
    ] = GrepField.body,
    tag: TagOpt = None,
    origin: OriginOpt = None,
    classification: ClassificationOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    globs: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            "-g",
            metavar="GLOB",
            help="In directories, read only files matching GLOB; !GLOB leaves files or folders out.",
        ),  # fmt: skip
    ] = None,
    files_with_matches: Annotated[
        bool, typer.Option("--files-with-matches", "-l", help="Print reference ids of matching cables only.")
    ] = False,
    count: Annotated[
        bool, typer.Option("--count", "-c", help="Print REFID:N, matching lines per cable.")
    ] = False,
    only_matching: Annotated[
        bool, typer.Option("--only-matching", "-o", help="Print each match alone, not its line.")
    ] = False,
    max_count: Annotated[
        int | None,
        typer.Option("--max-count", "-m", metavar="N", min=0, help="At most N matching lines per cable."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; exit 0 at the first match.")
    ] = False,
    after: Annotated[
        int | None,
        typer.Option("--after-context", "-A", metavar="N", min=0, help="Show N body lines after a match."),
    ] = None,
    before: Annotated[
        int | None,
        typer.Option("--before-context", "-B", metavar="N", min=0, help="Show N body lines before a match."),
    ] = None,
    context: Annotated[
        int, typer.Option("--context", "-C", metavar="N", min=0, help="Show N body lines around each match.")
    ] = 0,
    fmt: Annotated[GrepFormat, typer.Option("--format", "-f", help="Output format.")] = GrepFormat.text,
    output_path: Annotated[
        Path | None,
        typer.Option(
            "--output", metavar="FILE", help="Write to FILE (atomically); grep's -o is --only-matching."
        ),
    ] = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    db: DbOpt = None,
    fts: Annotated[
        str | None,
        typer.Option(
            "--fts",
            metavar="QUERY",
            help="With --db: only cables that this full-text query finds in subject and body "
            '(SQLite FTS5 syntax: lachin AND corridor, "lachin corridor", corrid*).',
        ),
    ] = None,
) -> None:
    """Search cables for PATTERN: like ripgrep, but by cable, paragraph and field.

    Prints REFID:PARA: line for each matching body line (PARA is the paragraph number, - before
    the first), REFID:FIELD: value for other fields. A paragraph is matched unwrapped, so a phrase
    is found where the cable wraps it, and the lines it covers are printed; a PATTERN with ^ or $
    is matched line by line. Exit status 0 when something matched, 1 when nothing did, 2 on an
    error. A cable whose raw text cannot match is not parsed.

    With --db INDEX the cables come from an index (cablecli index build): the filters run in
    SQL, and --fts QUERY keeps the cables a full-text query finds; given --fts alone, without
    PATTERN, each of those is printed with the lines and fields that hold the query's words.

    Examples:

    \b
      cablecli grep -i "lachin corridor" examples/08BAKU187.txt
      cablecli grep -l -F KOSOVO cables.csv | cablecli show cables.csv --id -
      cablecli grep -c -w NK --tag PGOV --since 2008-01 --until 2008-06 cables/
      cablecli grep -e Kosovo -e Serbia -g '*.txt' -g '!drafts' cables/
      cablecli grep --field subject -S nuclear cables/ -f jsonl | jq .date
      cablecli grep --fts 'lachin AND corridor' --db cables.db
    """
    import re

    from cablecli.render.grep import GrepLayout
    from cablecli.search import Matcher, SearchOptions
    from cablecli.sources import GrepQuery, SourceError

    if regexps:
        # As in grep: with -e, every argument is a path.
        paths = ([pattern] if pattern is not None else []) + list(paths or [])
        patterns: list[str] | None = list(regexps)
    else:
        patterns = [pattern] if pattern is not None else None
    db = db_default(db, paths)
    if patterns is None and fts is None:
        fail("missing PATTERN (or -e PATTERN, or --fts QUERY with --db); see cablecli grep --help")
    if fts is not None and db is None:
        fail("--fts searches an index: give --db INDEX")
    try:
        if patterns is None:
            from cablecli.index.query import fts_words_pattern

            matcher = Matcher.build(fts_words_pattern(fts or ""), ignore_case=True)
        else:
            matcher = Matcher.build(
                patterns, fixed=fixed, ignore_case=ignore_case, word=word, smart_case=smart_case
            )
    except re.error as exc:
        shown = patterns[0] if patterns and len(patterns) == 1 else patterns
        fail(f"bad regular expression {shown!r}: {exc}")
    filters = cable_filters(tag, origin, classification, since, until)
    options = SearchOptions(
        unwrap=not lines_only, invert=invert, max_count=max_count, tally=count or files_with_matches or quiet
    )
    layout = GrepLayout(
        fmt.value, files_with_matches, count, only_matching and not invert, quiet,
        context if before is None else before, context if after is None else after,
    )  # fmt: skip
    query = GrepQuery(
        matcher, field.value, filters, layout.wants_lines, options,
        patterns=patterns, fixed=fixed, fts=fts, names=layout.names,
    )  # fmt: skip
    run = Run()
    with (
        cable_source(paths, db, run, input_format, follow, globs or ()) as source,
        output(output_path) as out,
    ):
        writer = layout.writer(out, _grep_color(layout, color, out, output_path))
        try:
            for found in source.grep(query, jobs):
                if quiet:
                    raise typer.Exit(int(ExitCode.OK))
                writer.write(found)
        except SourceError as exc:
            fail(str(exc))
        writer.close()
    raise typer.Exit(run.exit_code(ExitCode.OK if writer.matched else ExitCode.NOT_FOUND))


def _grep_color(layout: Any, color: Color, out: TextIO, output_path: Path | None) -> bool:
    from cablecli.render.console import use_color

    return layout.fmt == "text" and output_path is None and use_color(color.value, out)
