"""What every command uses: exit codes, the run's error reporting, inputs and output, usage errors."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import typer

from cablecli.commands.options import Color, InputFormat, RowFormat


class ExitCode(enum.IntEnum):
    OK = 0
    NOT_FOUND = 1  # grep matched nothing; check found a violation
    ERROR = 2  # bad usage, or an input that could not be read
    INTERRUPTED = 130


class Run:
    """What one command invocation has seen: input errors are reported once, on stderr, and counted."""

    def __init__(self) -> None:
        self.errors = 0

    def error(self, message: Any) -> None:
        """Report `message` (a string or an InputError); a skipped input is not counted as an error."""
        if not getattr(message, "skipped", False):
            self.errors += 1
        sys.stderr.write(f"cablecli: {one_line(str(message))}\n")
        sys.stderr.flush()

    def warn(self, message: str) -> None:
        sys.stderr.write(f"cablecli: {one_line(message)}\n")

    def exit_code(self, ok: ExitCode = ExitCode.OK) -> int:
        return int(ExitCode.ERROR) if self.errors else int(ok)


def one_line(message: str) -> str:
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
def cable_source(
    paths: list[str] | None,
    db: Path | None,
    run: Run,
    input_format: InputFormat | None = None,
    follow: bool = False,
    globs: Iterable[str] = (),
    skip_non_cables: bool = False,
    skip: Iterable[str] = (),
) -> Iterator[Any]:
    """The cables of the run (cablecli.sources): the index `db`, or the files of `paths` with a
    progress bar on a terminal's stderr. Inputs that cannot be read go to `run.error`, a note
    to stderr when the files held no cable. `follow` follows links met while walking (-L); `skip`
    names files a walk leaves out besides the output being written (an index's own files).
    """
    from cablecli.sources import FileSource, IndexSource

    if db is not None:
        with open_db(db, paths) as conn:
            yield IndexSource(conn, on_error=run.error)
        return
    paths = paths or []
    with _progress(paths, follow) as advance:
        yield FileSource(
            paths,
            input_format.value if input_format else None,
            globs=tuple(globs),
            skip_non_cables=skip_non_cables,
            follow=follow,
            skip=_Skipped(skip),
            on_bytes=advance,
            on_error=run.error,
            on_empty=lambda: run.warn(f"no cables found in {' '.join(paths)}"),
        )


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
    sys.stderr.write(f"cablecli: {one_line(message)}\n")
    raise typer.Exit(int(ExitCode.ERROR))


def cable_filters(
    tags: list[str] | None,
    origin: str | None,
    classifications: list[str] | None,
    since: str | None,
    until: str | None,
) -> Any:
    """--tag, --origin, --classification, --since and --until as cablecli.search.Filters; a usage
    error for a level or a date that is none."""
    from cablecli.reference import LEVEL_NAMES, level_name
    from cablecli.search import Filters, parse_date

    levels = []
    for value in classifications or []:
        level = level_name(value)
        if level is None:
            known = ", ".join(s.lower() for s in LEVEL_NAMES)
            fail(f"--classification: unknown level {value!r}; levels are: {known}")
        levels.append(level)

    def day(value: str | None, option: str, end: bool = False) -> Any:
        if value is None:
            return None
        try:
            return parse_date(value, end=end)
        except ValueError:
            fail(f"{option}: not a date: {value!r} (try 2008-03-04, 2008-03 or 'March 2008')")

    return Filters(
        tags=tuple(tags or ()),
        origin=origin,
        classifications=tuple(levels),
        since=day(since, "--since"),
        until=day(until, "--until", end=True),
    )


def print_table(table: Any, out: TextIO, color: Color, output_path: Path | None) -> None:
    from cablecli.render.console import make_console, use_color

    make_console(out, use_color(color.value, out) and output_path is None).print(table)


def write_rows(
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
        fail(one_line(str(exc)))
    try:
        yield conn
    finally:
        conn.close()
