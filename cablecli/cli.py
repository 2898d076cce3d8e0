"""The command line: options in, one call into the core, output out. Errors become exit codes here."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from cablecli import __version__


class ExitCode(enum.IntEnum):
    OK = 0
    NOT_FOUND = 1  # grep matched nothing; check found a violation
    ERROR = 2  # bad usage, or an input that could not be read
    INTERRUPTED = 130


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class InputFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class ParseFormat(enum.StrEnum):
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    parquet = "parquet"


app = typer.Typer(
    name="cablecli",
    help="Inspect US State Department telegrams (cables): parse, show, grep, tags, addressees, check.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _keep_option_names_whole() -> None:
    """Help text is wrapped at spaces only: `--fail-on` must not become `--fail-` and `on`."""
    try:
        from typer._click import _textwrap  # the Click that Typer 0.28 carries
    except ImportError:  # another Typer: its wrapping stands
        return
    wrapper = _textwrap.TextWrapper
    if getattr(wrapper, "_whole_words", False):
        return
    init = wrapper.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("break_on_hyphens", False)
        init(self, *args, **kwargs)

    wrapper.__init__ = __init__  # type: ignore[method-assign]
    wrapper._whole_words = True  # type: ignore[attr-defined]


_keep_option_names_whole()

# Options shared by the commands that read cables.
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
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color", help="Colour: auto (a terminal or FORCE_COLOR, and NO_COLOR unset), always or never."
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"cablecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    max_cable_size: Annotated[
        int,
        typer.Option(
            "--max-cable-size",
            min=1,
            metavar="MB",
            help="Largest cable read, in MB; a larger one is reported and skipped.",
        ),
    ] = 256,
) -> None:
    """Inspect US State Department telegrams (cables): parse, show, grep, tags, addressees, check."""
    from cablecli.inputs import set_max_cable_size

    set_max_cable_size(max_cable_size * 1024 * 1024)


class Run:
    """What one command invocation has seen: input errors are reported once, on stderr, and counted."""

    def __init__(self) -> None:
        self.errors = 0

    def error(self, message: Any) -> None:
        """Report `message` (a string or an InputError); a skipped input is not counted as an error."""
        if not getattr(message, "skipped", False):
            self.errors += 1
        sys.stderr.write(f"cablecli: {_one_line(str(message))}\n")
        sys.stderr.flush()

    def warn(self, message: str) -> None:
        sys.stderr.write(f"cablecli: {_one_line(message)}\n")

    def exit_code(self, ok: ExitCode = ExitCode.OK) -> int:
        return int(ExitCode.ERROR) if self.errors else int(ok)


def _one_line(message: str) -> str:
    # Messages name files and quote input: keep them on one line and free of control characters.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in " ".join(str(message).split()))


def input_size(paths: list[str], follow: bool = False) -> int | None:
    """Total size of the regular files among `paths` (walking directories), for a progress bar."""
    from cablecli.inputs.walk import STDIN, expand_paths

    total = 0
    for p in expand_paths(paths or [STDIN], follow=follow):
        if p == STDIN:
            return None
        if isinstance(p, str):
            try:
                total += os.path.getsize(p)
            except OSError:
                continue
    return total


class _Skipped:
    """The files a walk leaves out: `extra` (an index's own files) and the output being written."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        self.extra = frozenset(extra)
        self.outputs: frozenset[str] | None = None

    def __contains__(self, path: object) -> bool:
        if self.outputs is None:  # the output is open by the time the walk starts
            from cablecli.outfile import output_paths

            self.outputs = output_paths()
        return path in self.extra or path in self.outputs


@contextmanager
def reading(
    paths: list[str],
    input_format: InputFormat | None,
    run: Run,
    globs: Iterable[str] = (),
    skip_non_cables: bool = False,
    follow: bool = False,
    skip: Iterable[str] = (),
    raw_rows: bool = False,
) -> Iterator[Iterator[Any]]:
    """The cable texts of `paths` as a stream, with a progress bar on a terminal's stderr.

    InputErrors stay in the stream (so that parallel parsing keeps them in place); callers pass
    each to `run.error`. `follow` follows links met while walking (-L); `skip` names files a walk
    leaves out besides the output being written (an index's own files).
    """
    from cablecli.inputs import iter_texts

    with _progress(paths, follow) as advance:
        items = iter_texts(
            paths,
            input_format.value if input_format else None,
            on_bytes=advance,
            globs=tuple(globs),
            skip_non_cables=skip_non_cables,
            follow=follow,
            skip=_Skipped(skip),
            raw_rows=raw_rows,
        )
        yield _noting_emptiness(items, paths, None, run)


@contextmanager
def _candidate_texts(
    paths: list[str],
    input_format: InputFormat | None,
    needle: Any,
    globs: Iterable[str],
    run: Run,
    follow: bool = False,
) -> Iterator[Iterator[Any]]:
    """As `reading`, but files whose raw bytes cannot hold `needle` are skipped unread."""
    from cablecli.inputs.scan import iter_candidates

    with _progress(paths, follow) as advance:
        form = input_format.value if input_format else None
        items = iter_candidates(
            paths, needle, form, on_bytes=advance, globs=tuple(globs), follow=follow, skip=_Skipped()
        )
        yield _noting_emptiness(items, paths, tuple(globs), run)


@contextmanager
def _progress(paths: list[str], follow: bool = False) -> Iterator[Any]:
    """A progress bar on a terminal's stderr for large inputs; a note when stdin is a terminal."""
    from cablecli.render.progress import progress

    if (not paths or "-" in paths) and sys.stdin is not None and sys.stdin.isatty():
        # A bare `cablecli parse` would otherwise wait without a word.
        sys.stderr.write("cablecli: reading cables from stdin (end with Ctrl-D; --help for usage)\n")
    show = sys.stderr.isatty() and not os.environ.get("CABLECLI_NO_PROGRESS")
    total = input_size(paths, follow) if show else None
    with progress(total, show and bool(total and total > 8 * 1024 * 1024)) as advance:
        yield advance


def _noting_emptiness(
    items: Iterator[Any], paths: list[str], globs: tuple[str, ...] | None, run: Run
) -> Iterator[Any]:
    """`items`, and a note on stderr when they held no cable (with `globs`, when the inputs
    hold no file at all: the texts of grep are only those that can match)."""
    from cablecli.inputs import expand_inputs

    empty = True
    for item in items:
        empty = False
        yield item
    if empty and (globs is None or next(iter(expand_inputs(paths, globs)), None) is None):
        run.warn(f"no cables found in {' '.join(paths)}")


@contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or FILE: see cablecli.outfile (atomic replace of a regular file, devices in place)."""
    from cablecli.outfile import open_output

    with open_output(path) as out:
        yield out


def db_default(db: Path | None, paths: list[str] | None) -> Path | None:
    """`--db`, or the index named by CABLECLI_DB when neither --db nor a PATH is given."""
    if db is None and not paths and os.environ.get("CABLECLI_DB"):
        return Path(os.environ["CABLECLI_DB"])
    return db


def fail(message: str) -> None:
    """A usage error: one line on stderr, exit status 2."""
    sys.stderr.write(f"cablecli: {_one_line(message)}\n")
    raise typer.Exit(int(ExitCode.ERROR))


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

    from cablecli.inputs import InputError
    from cablecli.model import FIELDS
    from cablecli.parse import BODY_FIELDS
    from cablecli.parse.pool import parse_stream
    from cablecli.render.records import WRITERS

    run = Run()
    selected = parse_fields(fields)
    body = not selected or not BODY_FIELDS.isdisjoint(selected)  # walk the body only when shown
    columns = selected or [f for f in FIELDS if not (no_body and f == "body")]
    db = db_default(db, paths)
    if fmt is ParseFormat.parquet:
        raise typer.Exit(
            parse_to_parquet(paths, db, input_format, jobs, selected, no_body, columns, output_path, follow)
        )
    if db is not None:
        raise typer.Exit(
            parse_from_index(db, paths, fmt, selected, no_body, columns, output_path, color, jobs)
        )
    transform = partial(_record_for_output, fields=selected, no_body=no_body)
    with (
        reading(paths or [], input_format, run, follow=follow, raw_rows=True) as items,
        output(output_path) as out,
    ):
        if fmt is ParseFormat.table:
            from cablecli.render.console import make_console, record_table, use_color

            rows = []
            for item in parse_stream(items, jobs, transform, body):
                if isinstance(item, InputError):
                    run.error(item)
                else:
                    rows.append(item)
            shown = selected or ["reference_id", "date", "classification", "origin", "subject"]
            console = make_console(out, use_color(color.value, out) and output_path is None)
            console.print(record_table(rows, shown))
        else:
            name = "csv-safe" if csv_safe and fmt is ParseFormat.csv else fmt.value
            writer = WRITERS[name](out, columns)
            formatted = partial(
                _formatted_record, fields=selected, no_body=no_body, fmt=name, columns=columns
            )
            for item in parse_stream(items, jobs, formatted, body):
                if isinstance(item, InputError):
                    run.error(item)
                else:
                    writer.write_formatted(item)
            writer.close()
    raise typer.Exit(run.exit_code())


# --- show and grep -------------------------------------------------------------------------------
# Options in, one call into cablecli.search (grep) or cablecli.render.show (show), output out.


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


def _grep_date(value: str | None, option: str, end: bool = False) -> Any:
    from cablecli.search import parse_date

    if value is None:
        return None
    try:
        return parse_date(value, end=end)
    except ValueError:
        fail(f"{option}: not a date: {value!r} (try 2008-03-04, 2008-03 or 'March 2008')")


_LEVELS = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")


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
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Only cables with this tag (repeat: all of them)."),
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option("--origin", metavar="TEXT", help="Only cables whose origin contains this (any case)."),
    ] = None,
    classification: Annotated[
        list[str] | None,
        typer.Option(
            "--classification",
            metavar="LEVEL",
            help="Only cables of this level: unclassified, 'limited official use' (or lou), confidential,"
            " secret, top secret (repeat: any).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only cables dated on or after DATE (2008, 2008-03, ...)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Only cables dated on or before DATE (2008-03 takes in March)."
        ),
    ] = None,
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

    from cablecli.inputs import InputError
    from cablecli.render.grep import GrepLayout
    from cablecli.search import Filters, Matcher, SearchOptions, grep

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
    filters = Filters(
        tags=tuple(tag or ()),
        origin=origin,
        classifications=tuple(_grep_levels(classification)),
        since=_grep_date(since, "--since"),
        until=_grep_date(until, "--until", end=True),
    )
    options = SearchOptions(unwrap=not lines_only, invert=invert, max_count=max_count)
    layout = GrepLayout(
        fmt.value, files_with_matches, count, only_matching and not invert, quiet,
        context if before is None else before, context if after is None else after,
    )  # fmt: skip
    if db is not None:
        raise typer.Exit(
            grep_from_index(
                db,
                paths,
                patterns,
                fts,
                fixed,
                matcher.ignore_case,
                matcher,
                field.value,
                filters,
                options,
                layout,
                output_path,
                jobs,
                color,
            )
        )
    run = Run()
    needle = matcher.needle if field is GrepField.body and not invert else None
    with (
        _candidate_texts(paths or [], input_format, needle, globs or (), run, follow) as items,
        output(output_path) as out,
    ):
        writer = layout.writer(out, _grep_color(layout, color, out, output_path))
        for item in grep(items, matcher, field.value, filters, layout.wants_lines, jobs, options):
            if isinstance(item, InputError):
                run.error(item)
            elif quiet:
                raise typer.Exit(int(ExitCode.OK))
            else:
                writer.write(item)
        writer.close()
    raise typer.Exit(run.exit_code(ExitCode.OK if writer.matched else ExitCode.NOT_FOUND))


def _grep_color(layout: Any, color: Color, out: TextIO, output_path: Path | None) -> bool:
    from cablecli.render.console import use_color

    return layout.fmt == "text" and output_path is None and use_color(color.value, out)


def _grep_levels(values: list[str] | None) -> list[str]:
    levels = []
    for value in values or []:
        level = " ".join(value.upper().replace("_", " ").replace("-", " ").split())
        level = {"LOU": "LIMITED OFFICIAL USE", "UNCLAS": "UNCLASSIFIED"}.get(level, level)
        if level not in _LEVELS:
            known = ", ".join(s.lower() for s in _LEVELS)
            fail(f"--classification: unknown level {value!r}; levels are: {known}")
        levels.append(level)
    return levels


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
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page the output.")] = False,
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
    from cablecli.search import reference_id_test

    run = Run()
    db = db_default(db, paths)
    wanted = _wanted_ids(ref_ids, stdin_holds_cables=db is None and (not paths or "-" in paths))
    if db is not None and wanted is None:
        fail("show --db needs --id REFID: the index is looked up by reference id")
    test = reference_id_test(wanted) if wanted else None
    may_be = reference_id_filter(wanted) if wanted else None
    missing = dict.fromkeys(wanted or ())

    def cables(items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, InputError):
                run.error(item)
                continue
            if may_be is not None and not may_be(item.text, item.source.metadata):
                continue  # cannot be one of the cables asked for: not parsed
            if test is not None and not test[1].search(item.text):
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

    if db is not None:
        source: Any = _texts_by_ids(db, paths, wanted or [])
    else:
        source = _candidate_texts(paths or [], input_format, test[0] if test else None, (), run, follow)
    with source as items, output(output_path) as out:
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


@contextmanager
def _texts_by_ids(db: Path, paths: list[str] | None, wanted: list[str]) -> Iterator[Iterator[Any]]:
    """`show --db`: the texts of the cables named by --id, looked up in the index, in that order."""
    from cablecli.index import query

    with open_db(db, paths) as conn:
        yield iter([text for ref in wanted for text in query.texts_by_id(conn, ref)[:1]])


# --- end of show and grep ------------------------------------------------------------------------


# --- tags, addressees ----------------------------------------------------------------------------------
# Both commands emit rows (one per cable and tag, or per cable and addressee) or, with --count, tallies.
# The rows and tallies are built in cablecli/tally.py, the tables in cablecli/render/rows.py.


class RowFormat(enum.StrEnum):
    table = "table"
    yaml = "yaml"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class TagKind(enum.StrEnum):
    subject = "subject"
    program = "program"
    organization = "organization"
    country = "country"
    person = "person"


class Role(enum.StrEnum):
    from_ = "from"
    to = "to"
    info = "info"
    xmt = "xmt"


RowFormatOpt = Annotated[
    RowFormat,
    typer.Option(
        "--format", "-f", help="Output format: a table for people, or rows as yaml, json, jsonl, csv."
    ),
]


def _cables(items: Iterator[Any], run: Run) -> Iterator[Any]:
    """Parsed items with the inputs that could not be read reported (and left out)."""
    from cablecli.inputs import InputError

    for item in items:
        if isinstance(item, InputError):
            run.error(item)
        else:
            yield item


def _print_table(table: Any, out: TextIO, color: Color, output_path: Path | None) -> None:
    from cablecli.render.console import make_console, use_color

    make_console(out, use_color(color.value, out) and output_path is None).print(table)


def _write_rows(
    fmt: RowFormat,
    out: TextIO,
    columns: tuple[str, ...],
    rows: Iterable[dict[str, Any]],
    csv_safe: bool = False,
) -> None:
    from cablecli.render.records import ROW_WRITERS

    writer = ROW_WRITERS["csv-safe" if csv_safe and fmt is RowFormat.csv else fmt.value](out, columns)
    for row in rows:
        writer.write(row)
    writer.close()


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
    from functools import partial

    from cablecli.parse.pool import parse_stream
    from cablecli.render.rows import explain_table, tag_counts_table, tags_table
    from cablecli.tally import (
        EXPLAIN_COLUMNS,
        TAG_COLUMNS,
        TAG_COUNT_COLUMNS,
        TagTally,
        cable_tags,
        explain_rows,
        tag_rows,
    )

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
                _print_table(explain_table(rows), out, color, output_path)
            else:
                _write_rows(fmt, out, EXPLAIN_COLUMNS, rows, csv_safe)
        raise typer.Exit(int(ExitCode.OK))

    db = db_default(db, args)
    if db is not None:
        raise typer.Exit(tags_from_index(db, args, fmt, count, wanted, output_path, color))
    run = Run()
    transform = partial(cable_tags, kinds=wanted)
    with reading(args or [], input_format, run, follow=follow) as items, output(output_path) as out:
        cables = _cables(parse_stream(items, jobs, transform, body=False), run)
        if count:
            tally = TagTally()
            for item in cables:
                tally.add(item)
            if table:
                _print_table(tag_counts_table(tally.rows()), out, color, output_path)
            else:
                _write_rows(fmt, out, TAG_COUNT_COLUMNS, tally.rows(), csv_safe)
        elif table:
            groups = [(item.reference_id or item.where, list(tag_rows(item))) for item in cables if item.tags]
            _print_table(tags_table(groups), out, color, output_path)
        else:
            _write_rows(fmt, out, TAG_COLUMNS, (row for item in cables for row in tag_rows(item)), csv_safe)
    raise typer.Exit(run.exit_code())


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
    from cablecli.parse.pool import parse_stream
    from cablecli.render.rows import addressee_counts_table, addressees_table
    from cablecli.tally import (
        ADDRESSEE_COLUMNS,
        ADDRESSEE_COUNT_COLUMNS,
        AddresseeTally,
        StationNames,
        addressee_rows,
        cable_addressees,
    )

    wanted = frozenset(r.value for r in roles or ())
    db = db_default(db, paths)
    if db is not None:
        raise typer.Exit(addressees_from_index(db, paths, fmt, count, wanted, output_path, color))
    run = Run()
    stations = StationNames()
    table = fmt is RowFormat.table
    with reading(paths or [], input_format, run, follow=follow) as items, output(output_path) as out:
        cables = _cables(parse_stream(items, jobs, cable_addressees, body=False), run)
        if count:
            tally = AddresseeTally(wanted)
            for item in cables:
                stations.learn(item)
                tally.add(item)
            if table:
                _print_table(addressee_counts_table(tally.rows(stations)), out, color, output_path)
            else:
                _write_rows(fmt, out, ADDRESSEE_COUNT_COLUMNS, tally.rows(stations), csv_safe)
        else:

            def per_cable() -> Iterator[tuple[Any, list[dict[str, Any]]]]:
                for item in cables:
                    stations.learn(item)
                    yield item, list(addressee_rows(item, stations, wanted))

            if table:
                groups = [(item.reference_id or item.where, rows) for item, rows in per_cable() if rows]
                _print_table(addressees_table(groups), out, color, output_path)
            else:
                _write_rows(
                    fmt, out, ADDRESSEE_COLUMNS, (row for _, rows in per_cable() for row in rows), csv_safe
                )
    raise typer.Exit(run.exit_code())


# --- end of tags, addressees ---------------------------------------------------------------------------


# --- check -------------------------------------------------------------------------------------------
# `cablecli check`: the rules live in cablecli/check/, the output writers in cablecli/render/problems.py.


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"


class Severity(enum.StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


def _check_patterns(values: list[str] | None) -> list[str] | None:
    """Repeated and comma-separated `--select`/`--ignore` values; None when the option was not given."""
    if not values:
        return None
    from cablecli.check import unknown_patterns
    from cablecli.check.config import split_patterns

    patterns = split_patterns(values)
    bad = unknown_patterns(patterns)
    if bad:
        fail(f"no rule matches {', '.join(bad)}; see `cablecli check --list-rules`")
    return patterns


def _list_rules(out: TextIO) -> None:
    from cablecli.check import RULES

    for rule_id, rule in RULES.items():
        out.write(f"{rule_id:<6}  {rule.SEVERITY:<7}  {rule.SUMMARY}\n")


@app.command("check")
def check_command(
    paths: PathsArg = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Rules to run, in place of the settings': ids or prefixes (HDR,TAG003).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="RULES", help="Rules to leave out, in place of the settings' (SIG001,REF)."
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", metavar="RULES", help="Rules to run besides those selected."),
    ] = None,
    extend_ignore: Annotated[
        list[str] | None,
        typer.Option("--extend-ignore", metavar="RULES", help="Rules to leave out besides those ignored."),
    ] = None,
    severity: Annotated[
        Severity | None,
        typer.Option("--severity", help="Least severe problem shown [default: info]."),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Least severe problem that makes the exit status 1 [default: error]."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found (2 still on errors).")
    ] = False,
    config_path: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml."
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Output format [default: github under GITHUB_ACTIONS, else text]."
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print how often each rule fired instead of the problems.")
    ] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    skip_non_cables: Annotated[
        bool,
        typer.Option(
            "--skip-non-cables",
            help="Pass over a named file that holds no cable (a README) with a notice, not an error.",
        ),
    ] = False,
) -> None:
    """Check cables against the format rules (docs/rules.md); for CI, like ruff or yamllint.

    Prints path:line:col: ID message per problem. Settings come from [tool.cablecli.check] in the
    nearest pyproject.toml, or --config FILE: select, ignore, extend-select, extend-ignore,
    severity, fail-on, exclude (globs of files and folders to skip) and per-file-ignores. Options
    override them: --select and --ignore replace the settings' lists, --extend-select and
    --extend-ignore add to them. Exit status: 0 no problem at or above --fail-on, 1 one or more,
    2 an input could not be read.

    Examples:

    \b
      cablecli check cables/
      cablecli check cables/ --select HDR,TAG --extend-ignore TAG004
      cablecli check cables.csv -f sarif -o check.sarif
      cablecli check cables/ -f gitlab -o gl-code-quality-report.json --exit-zero
      cablecli check cables/ --statistics
    """
    from collections import Counter
    from dataclasses import replace
    from functools import partial

    from cablecli.check import RULES, check_cable, matches, severity_rank
    from cablecli.check.config import ConfigError, find_config, load_config
    from cablecli.inputs import InputError
    from cablecli.parse.pool import parse_stream
    from cablecli.render import problems

    if list_rules:
        _list_rules(sys.stdout)
        raise typer.Exit(int(ExitCode.OK))
    try:
        config = load_config(config_path) if config_path is not None else find_config()
    except ConfigError as exc:
        fail(_one_line(str(exc)))
    chosen = _check_patterns(select)
    chosen = config.select if chosen is None else chosen
    left_out = _check_patterns(ignore)
    left_out = config.ignore if left_out is None else left_out
    more = config.extend_select + (_check_patterns(extend_select) or [])
    if chosen and more:
        chosen = chosen + more
    left_out = left_out + config.extend_ignore + (_check_patterns(extend_ignore) or [])
    report_at = severity_rank(severity.value if severity else config.severity or "info")
    fail_at = severity_rank(fail_on.value if fail_on else config.fail_on or "error")
    if fmt is None:
        fmt = CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    excluded = ["!" + glob for glob in config.exclude]

    run = Run()
    counts: Counter[str] = Counter()
    failed = False
    transform = partial(
        check_cable,
        select=chosen,
        ignore=left_out,
        min_severity=("info", "warning", "error")[min(report_at, fail_at)],
    )
    with (
        reading(paths or [], input_format, run, excluded, skip_non_cables, follow) as items,
        output(output_path) as out,
    ):
        if statistics:
            writer: Any = None
        elif fmt is CheckFormat.text:
            from cablecli.render.console import use_color

            writer = problems.TextWriter(out, use_color(color.value, out) and output_path is None)
        elif fmt is CheckFormat.json:
            writer = problems.JsonWriter(out)
        elif fmt is CheckFormat.github:
            writer = problems.GithubWriter(out)
        elif fmt is CheckFormat.gitlab:
            writer = problems.GitlabWriter(out)
        elif fmt is CheckFormat.junit:
            writer = problems.JunitWriter(out)
        else:
            writer = problems.SarifWriter(out, RULES, __version__)

        pending = None  # one result held back, to learn whether its file holds several cables
        several_in = None  # the path known to hold several cables

        def emit(result: Any) -> None:
            nonlocal failed
            off = config.ignored_for(result.path)
            found = [v for v in result.violations if not (off and matches(v.rule, off))]
            if any(severity_rank(v.severity) >= fail_at for v in found):
                failed = True
            shown = [v for v in found if severity_rank(v.severity) >= report_at]
            counts.update(v.rule for v in shown)
            if writer is not None and shown:
                several = result.format == "csv" or (result.path is not None and result.path == several_in)
                writer.write(replace(result, violations=tuple(shown)), several)

        for item in parse_stream(items, jobs, transform):
            if isinstance(item, InputError):
                run.error(item)
                continue
            if pending is not None:
                if pending.path == item.path and item.path is not None:
                    several_in = item.path
                emit(pending)
            pending = item
        if pending is not None:
            emit(pending)
        if writer is not None:
            writer.close()
        else:
            problems.write_statistics(out, counts, RULES, as_json=fmt is CheckFormat.json)
    if sys.stderr.isatty() and fmt is CheckFormat.text and not statistics:
        total = sum(counts.values())
        sys.stderr.write(f"cablecli: {total} problem{'s' if total != 1 else ''}\n" if total else "")
    raise typer.Exit(run.exit_code(ExitCode.NOT_FOUND if failed and not exit_zero else ExitCode.OK))


# --- end of check --------------------------------------------------------------------------------------


# --- index, stats, refs, and --db for the reading commands ---------------------------------------------
# The index lives in cablecli/index/ (schema, build, query); docs/index.md describes it. Commands given
# --db answer from the index instead of reading PATHs, in the same shapes as when they read files.

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


class StatsFormat(enum.StrEnum):
    table = "table"
    json = "json"


class RefsFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@contextmanager
def open_db(
    db: Path, paths: list[str] | None = None, create: bool = False, on_wait: Any = None
) -> Iterator[Any]:
    """The index at `db` as a connection; a usage error when PATHs come with it or it is not an index."""
    from cablecli.index import IndexFileError, open_index

    if paths:
        fail(f"--db and PATH... do not go together (got {' '.join(paths)})")
    try:
        conn = open_index(db, create=create, on_wait=on_wait, readonly=not create)
    except IndexFileError as exc:
        fail(_one_line(str(exc)))
    try:
        yield conn
    finally:
        conn.close()


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
        reading(paths or [], input_format, run, follow=follow, skip=index_files) as items,
    ):
        try:
            report = build_index(conn, items, jobs, prune=prune, on_error=run.error, on_wait=waiting)
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

        _print_table(info_table(info), sys.stdout, color, None)
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


def parse_from_index(
    db: Path,
    paths: list[str] | None,
    fmt: ParseFormat,
    fields: list[str] | None,
    no_body: bool,
    columns: list[str],
    output_path: Path | None,
    color: Color,
    jobs: int = 1,
) -> int:
    """`parse --db`: the records parsed again from the index's texts, written as `parse` writes them."""
    from cablecli.index import query
    from cablecli.render.records import WRITERS, select

    with open_db(db, paths) as conn, output(output_path) as out:
        records = (select(record, fields, no_body) for record in query.records(conn, jobs))
        if fmt is ParseFormat.table:
            from cablecli.render.console import record_table

            shown = fields or ["reference_id", "date", "classification", "origin", "subject"]
            _print_table(record_table(list(records), shown), out, color, output_path)
        else:
            writer = WRITERS[fmt.value](out, columns)
            for record in records:
                writer.write(record)
            writer.close()
    return int(ExitCode.OK)


def tags_from_index(
    db: Path,
    paths: list[str] | None,
    fmt: RowFormat,
    count: bool,
    kinds: frozenset[str],
    output_path: Path | None,
    color: Color,
) -> int:
    """`tags --db`: per cable from the tags table, or --count as one SQL aggregate."""
    from cablecli.index import query
    from cablecli.render.rows import tag_counts_table, tags_table
    from cablecli.tally import TAG_COLUMNS, TAG_COUNT_COLUMNS, tag_rows

    table = fmt is RowFormat.table
    with open_db(db, paths) as conn, output(output_path) as out:
        if count:
            rows = query.tag_count_rows(conn, kinds)
            if table:
                _print_table(tag_counts_table(rows), out, color, output_path)
            else:
                _write_rows(fmt, out, TAG_COUNT_COLUMNS, rows)
        elif table:
            items = query.tag_items(conn, kinds)
            groups = [(item.reference_id or item.where, list(tag_rows(item))) for item in items if item.tags]
            _print_table(tags_table(groups), out, color, output_path)
        else:
            items = query.tag_items(conn, kinds)
            _write_rows(fmt, out, TAG_COLUMNS, (row for item in items for row in tag_rows(item)))
    return int(ExitCode.OK)


def addressees_from_index(
    db: Path,
    paths: list[str] | None,
    fmt: RowFormat,
    count: bool,
    roles: frozenset[str],
    output_path: Path | None,
    color: Color,
) -> int:
    """`addressees --db`: per cable from the addressees table, or --count as one SQL aggregate."""
    from cablecli.index import query
    from cablecli.render.rows import addressee_counts_table, addressees_table
    from cablecli.tally import ADDRESSEE_COLUMNS, ADDRESSEE_COUNT_COLUMNS, StationNames, addressee_rows

    table = fmt is RowFormat.table
    with open_db(db, paths) as conn, output(output_path) as out:
        if count:
            rows = query.addressee_count_rows(conn, roles)
            if table:
                _print_table(addressee_counts_table(rows), out, color, output_path)
            else:
                _write_rows(fmt, out, ADDRESSEE_COUNT_COLUMNS, rows)
            return int(ExitCode.OK)
        # Station names are learnt in input order, as when reading files.
        stations = StationNames()

        def per_cable() -> Iterator[tuple[Any, list[dict[str, Any]]]]:
            for item in query.addressee_items(conn):
                stations.learn(item)
                yield item, list(addressee_rows(item, stations, roles))

        if table:
            groups = [(item.reference_id or item.where, rows) for item, rows in per_cable() if rows]
            _print_table(addressees_table(groups), out, color, output_path)
        else:
            _write_rows(fmt, out, ADDRESSEE_COLUMNS, (row for _, rows in per_cable() for row in rows))
    return int(ExitCode.OK)


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

    from cablecli.stats import CorpusCounts, cable_facts

    run = Run()
    db = db_default(db, paths)
    if db is not None:
        from cablecli.index import query

        with open_db(db, paths) as conn:
            counts = query.corpus_counts(conn)
    else:
        from cablecli.parse.pool import parse_stream

        counts = CorpusCounts()
        with reading(paths or [], input_format, run, follow=follow) as items:
            for facts in _cables(parse_stream(items, jobs, cable_facts), run):
                counts.add(facts)
    summary = counts.summary(top)
    with output(output_path) as out:
        if fmt is StatsFormat.json:
            out.write(json.dumps(summary, ensure_ascii=False) + "\n")
        else:
            from cablecli.render.stats import stats_view

            _print_table(stats_view(summary), out, color, output_path)
    raise typer.Exit(run.exit_code())


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

            _print_table(refs_table(rows, reverse), out, color, output_path)
        else:
            writer = ROW_WRITERS[fmt.value](out, columns)
            for row in rows:
                writer.write(row)
            writer.close()
    raise typer.Exit(int(ExitCode.OK if rows else ExitCode.NOT_FOUND))


def grep_from_index(
    db: Path,
    paths: list[str] | None,
    patterns: list[str] | None,
    fts: str | None,
    fixed: bool,
    ignore_case: bool,
    matcher: Any,
    fields: str,
    filters: Any,
    options: Any,
    layout: Any,
    output_path: Path | None,
    jobs: int,
    color: Color,
) -> int:
    """`grep --db`: the filters, --fts and a plain-string PATTERN answered by SQL; the candidates parsed
    and searched as `grep` searches files, so that the output is the same."""
    import sqlite3

    from cablecli.index import query
    from cablecli.search import Search

    every = patterns is None  # --fts alone: every cable it finds is a hit
    if every and fields == "body":
        fields = "all"
    body_only = fields == "body" and not every and not options.invert
    pattern = patterns[0] if patterns and len(patterns) == 1 else None
    text = query.text_conditions(pattern, fixed, ignore_case) if body_only else {}
    conditions = query.Conditions(
        tags=filters.tags,
        origin=filters.origin if filters.origin and filters.origin.isascii() else None,
        classifications=filters.classifications,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        fts=fts,
        may_match=body_only and not text and matcher.prefilter is not None,
        **text,
    )
    with open_db(db, paths) as conn, output(output_path) as out:
        interrupted: list[bool] = []
        if conditions.may_match:

            def may_match(raw: str) -> bool:
                # SQLite turns an exception in a function into "user-defined function raised
                # exception": remember Ctrl-C, to end with status 130 rather than an error.
                try:
                    return matcher.may_match(raw)
                except KeyboardInterrupt:
                    interrupted.append(True)
                    raise

            query.register_may_match(conn, may_match)
        writer = layout.writer(out, _grep_color(layout, color, out, output_path))
        work: Any = Search(matcher, fields, filters, layout.wants_lines, options)
        if every:
            work = query.EveryCandidate(work)
        # --fts -l asks only which cables: when SQL did every filter, nothing needs parsing.
        names_only = every and layout.names and conditions.origin == filters.origin
        try:
            if names_only:
                from cablecli.search import CableHits, Hit

                for ref_id, path in query.candidate_names(conn, conditions):
                    if layout.quiet:
                        return int(ExitCode.OK)
                    writer.write(CableHits(ref_id, path, [Hit("subject", None, None, "", ())]))
            else:
                from cablecli.parse.pool import parse_stream

                for found in parse_stream(query.candidate_texts(conn, conditions), jobs, work):
                    if found is not None:
                        if layout.quiet:
                            return int(ExitCode.OK)
                        writer.write(found)
        except sqlite3.OperationalError as exc:
            if interrupted:
                raise KeyboardInterrupt from None
            fail(_one_line(f"--fts {fts!r}: {exc}") if fts else _one_line(str(exc)))
        writer.close()
    return int(ExitCode.OK if writer.matched else ExitCode.NOT_FOUND)


def parse_to_parquet(
    paths: list[str] | None,
    db: Path | None,
    input_format: InputFormat | None,
    jobs: int,
    fields: list[str] | None,
    no_body: bool,
    columns: list[str],
    output_path: Path | None,
    follow: bool = False,
) -> int:
    """`parse -f parquet -o FILE`: the records as one Parquet file (render/parquet.py), from PATHs or --db."""
    from functools import partial

    from cablecli.render.parquet import ParquetUnavailable, require_pyarrow, write_parquet

    try:
        require_pyarrow()
    except ParquetUnavailable as exc:
        fail(str(exc))
    if output_path is None:
        fail("-f parquet writes a file: give -o FILE")
    run = Run()
    if db is not None:
        from cablecli.index import query
        from cablecli.render.records import select

        with open_db(db, paths) as conn, output(output_path) as out:
            out.flush()
            records = (select(r, fields, no_body) for r in query.records(conn, jobs))
            write_parquet(records, out.buffer, columns)
        return int(ExitCode.OK)
    from cablecli.parse.pool import parse_stream

    def records(items: Iterator[Any]) -> Iterator[dict[str, Any]]:
        for item in parse_stream(items, jobs, partial(_record_for_output, fields=fields, no_body=no_body)):
            if isinstance(item, dict):
                yield item
            else:
                run.error(item)

    with reading(paths or [], input_format, run, follow=follow) as items, output(output_path) as out:
        out.flush()
        write_parquet(records(items), out.buffer, columns)
    return run.exit_code()


# --- end of index, stats, refs -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app, turns every failure into a message and an exit status."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Like other Unix filters, end silently when the reader of our output goes away (`| head`).
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _check_columns()
    code: Any = 0
    try:
        code = app(args=argv, prog_name="cablecli", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("\n")
        code = ExitCode.INTERRUPTED
    except typer.Exit as exc:
        code = getattr(exc, "exit_code", 0)
    except BrokenPipeError:
        _quiet_stdout()
        code = 0
    except OSError as exc:
        if _is_broken_pipe(exc):
            _quiet_stdout()
            code = 0
        else:
            sys.stderr.write(f"cablecli: {_one_line(str(exc))}\n")
            code = ExitCode.ERROR
    except Exception as exc:  # never show a traceback to a user
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from the option parser
            exc.show()
            sys.exit(exc.exit_code)
        sys.stderr.write(f"cablecli: internal error: {_one_line(f'{type(exc).__name__}: {exc}')}\n")
        code = ExitCode.ERROR
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        _quiet_stdout()
    sys.exit(int(code or 0))


def _check_columns() -> None:
    """COLUMNS (and LINES) that is not a usable width is ignored, as if unset: COLUMNS=0 laid every
    table out in no columns at all."""
    for name, least in (("COLUMNS", 20), ("LINES", 1)):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) >= least):
            del os.environ[name]


def _is_broken_pipe(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EPIPE, errno.EINVAL) and not getattr(exc, "filename", None)


def _quiet_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that fails quietly too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
