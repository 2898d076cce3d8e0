"""Bytes on disk -> cable texts: walking paths, detecting the form, and one reader per form.

    >>> for item in iter_texts(["cables/"]):             # doctest: +SKIP
    ...     if isinstance(item, InputError):
    ...         print(item, file=sys.stderr)             # "cables/x.gz: truncated gzip data ..."
    ...     else:
    ...         print(item.source.path, item.source.format, item.source.index, len(item.text))

Everything is a generator and holds one cable at a time, however large the input. A file that
cannot be read becomes an InputError item in the stream, and the stream goes on with the next
input (or, in a CSV dump, the next row); the caller decides what to print and the exit status.

Forms (`FORMATS`), detected from the first bytes of each file or stream unless forced:

- text, markdown (`text.py`): one or more cables per file; UTF-8 or Latin-1, any line ends.
- html (`html.py`): a Cablegate cable page; `source.metadata` from its table.
- csv (`csvdump.py`): the Cablegate dump `cables.csv`; `source.metadata` from each row.
- any of these gzip-compressed.

`Source.index` is the position of the cable in its file from 0, or the CSV row number from 1.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from cablecli.model import Source

if TYPE_CHECKING:
    from cablecli.model import Cable

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "csv")

__all__ = ["FORMATS", "CableInputError", "CableText", "InputError", "iter_texts", "read"]


@dataclass(frozen=True, slots=True)
class CableText:
    """One cable's text as published, and where it came from."""

    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read; the run goes on without it."""

    path: str
    message: str
    row: int | None = None
    # A file without a cable met while walking a directory (or any, with skip_non_cables): reported,
    # but not an error of the run.
    skipped: bool = False

    def __str__(self) -> str:
        where = f"{self.path}: row {self.row}" if self.row is not None else self.path
        return f"{where}: {self.message}"


class CableInputError(Exception):
    """Raised by `read` for an input that could not be read, when no `on_error` is given."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


PathArg = str | os.PathLike[str]

# The largest cable read (its text, in bytes): the longest real cable is under 1 MB; without a
# bound one hostile input could take all the memory. `--max-cable-size` changes it.
DEFAULT_MAX_CABLE_SIZE = 256 * 1024 * 1024
_max_cable_size = DEFAULT_MAX_CABLE_SIZE


def max_cable_size() -> int:
    return _max_cable_size


def set_max_cable_size(size: int) -> None:
    """Set the largest cable (in bytes) the readers accept; a larger one becomes an InputError."""
    global _max_cable_size
    _max_cable_size = size


def iter_texts(
    paths: Sequence[PathArg] | PathArg = (),
    input_format: str | None = None,
    stdin: BinaryIO | None = None,
    on_bytes: Callable[[int], None] | None = None,
    globs: Sequence[str] = (),
    skip_non_cables: bool = False,
    follow: bool = False,
    skip: Container[str] = (),
    raw_rows: bool = False,
) -> Iterator[CableText | InputError]:
    """Yield each cable text of `paths`, in input order, with an InputError for each bad input.

    `paths` are files, directories (walked recursively, sorted, hidden entries skipped) or "-" for
    `stdin` (default `sys.stdin.buffer`); no paths means stdin. `input_format` (one of FORMATS)
    forces the form of every input instead of detecting it; gzip is always undone by its magic
    bytes. `on_bytes(n)` is called with the size of each chunk of raw bytes read, for progress.
    `globs` choose among the files found in directories (`*.txt`, `!drafts`; see walk.PathGlobs).

    A text that is not a cable (`cablecli.parse.cablelike.looks_like_cable`: a README, notes, a
    PDF) yields an InputError "not a cable"; for a file met while walking a directory, or any file
    with `skip_non_cables`, that InputError is marked `skipped`.

    `follow` and `skip` are as in `cablecli.inputs.walk.expand_paths` (links inside a walked
    directory followed; real paths left out).

    With `raw_rows` the rows of a CSV dump come as `csvdump.RawRow`, to be decoded by their
    `cable_text()` where they are parsed (`cablecli.parse.pool.parse_stream` takes both).
    """
    from cablecli.inputs.walk import WalkedPath

    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; expected one of {', '.join(FORMATS)}")
    for item in expand_inputs(paths, globs, follow, skip):
        if isinstance(item, InputError):
            yield item
        else:
            if skip_non_cables and not isinstance(item, WalkedPath):
                item = WalkedPath(item)
            yield from _read_path(item, input_format, stdin, on_bytes, raw_rows)


def expand_inputs(
    paths: Sequence[PathArg] | PathArg,
    globs: Sequence[str] = (),
    follow: bool = False,
    skip: Container[str] = (),
) -> Iterator[str | InputError]:
    """The files to read, in order: directories walked, "-" for stdin, stdin when there are no paths."""
    from cablecli.inputs.walk import STDIN, expand_paths

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    yield from expand_paths([os.fspath(path) for path in paths] or [STDIN], globs, follow, skip)


def read(
    paths: Sequence[PathArg] | PathArg,
    *,
    input_format: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Cable]:
    """Yield one parsed record per cable in `paths` (see iter_texts).

    An input that cannot be read is passed to `on_error` and skipped, or, without `on_error`,
    raised as CableInputError.
    """
    from cablecli.parse import parse_text

    for item in iter_texts(paths, input_format):
        if isinstance(item, InputError):
            if on_error is None:
                raise CableInputError(item)
            on_error(item)
            continue
        yield parse_text(item.text, item.source)


def _read_path(
    path: str,
    input_format: str | None,
    stdin: BinaryIO | None,
    on_bytes: Callable[[int], None] | None,
    raw_rows: bool = False,
) -> Iterator[CableText | InputError]:
    from cablecli.inputs.detect import BUFFER_SIZE, CountingReader
    from cablecli.inputs.walk import STDIN

    opened = None
    try:
        if path == STDIN:
            raw = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if raw is None:
                raise OSError(0, "no standard input")
            if stdin is None and isinstance(getattr(raw, "raw", None), io.FileIO):
                # Nothing has read standard input before: its buffer is empty, and the descriptor
                # below shows when data comes (CountingReader waits on it).
                raw = raw.raw
        else:
            opened = raw = open(path, "rb", buffering=0)  # noqa: SIM115 - closed below
    except OSError as exc:
        yield InputError(path, _describe(exc))
        return
    try:
        stream = io.BufferedReader(CountingReader(raw, on_bytes), BUFFER_SIZE)
        yield from read_stream(stream, path, input_format, raw_rows)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(path, _describe(exc))
    finally:
        if opened is not None:
            opened.close()


def read_stream(
    stream: BinaryIO, path: str, input_format: str | None = None, raw_rows: bool = False
) -> Iterator[CableText | InputError]:
    """The cable texts of one byte stream: gzip undone, form detected (or forced), read by its reader.

    Errors from reading the stream itself (OSError, a truncated or corrupt gzip) propagate; the
    caller turns them into an InputError.
    """
    from cablecli.inputs.detect import peek_head, sniff
    from cablecli.inputs.walk import WalkedPath

    walked = isinstance(path, WalkedPath)
    path = str(path)
    head, stream, at_eof = peek_head(stream)
    form = sniff(head, at_eof)
    layers = 0
    while form == "gzip" and layers < 4:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
        head, stream, at_eof = peek_head(stream)
        form = sniff(head, at_eof)
        layers += 1
    if form == "empty":
        yield InputError(path, "empty file, no cable")
        return
    if form in ("binary", "gzip"):
        yield InputError(path, "not a cable (binary data)" + (", skipped" if walked else ""), skipped=walked)
        return
    forced, form = input_format is not None, input_format or form
    # Each reader is imported when its form is met (html.parser costs a text-only run ~5 ms).
    if form == "html":
        from cablecli.inputs.html import read_html

        texts = read_html(stream, path)
    elif form == "csv":
        from cablecli.inputs.csvdump import read_csv

        yield from read_csv(stream, path, raw=raw_rows)  # the rows of a dump are cables by its own account
        return
    else:
        from cablecli.inputs.text import read_texts

        texts = read_texts(stream, path, input_format)
    # A form given by the user: the file is taken as cables in that form.
    yield from texts if forced else _cables_only(texts, path, walked)


def _cables_only(
    items: Iterator[CableText | InputError], path: str, walked: bool
) -> Iterator[CableText | InputError]:
    """The texts of a file that are cables; a text that is not one becomes an InputError."""
    from cablecli.parse.cablelike import looks_like_cable

    for item in items:
        if isinstance(item, CableText) and not looks_like_cable(item.text):
            yield InputError(path, f"{NOT_A_CABLE}, skipped" if walked else NOT_A_CABLE, skipped=walked)
        else:
            yield item


NOT_A_CABLE = "not a cable (no header, preamble, marked paragraph or signature)"


def _describe(exc: BaseException) -> str:
    """A one-line message for an error met while opening or reading an input."""
    if isinstance(exc, EOFError):
        return "truncated gzip data (compressed file ended before the end-of-stream marker)"
    if isinstance(exc, gzip.BadGzipFile):
        return f"bad gzip data ({exc})"
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
