"""Cable texts that may hold a byte pattern: whole files searched first, so most bytes are never decoded.

    >>> import re
    >>> for item in iter_candidates(["cables.csv"], re.compile(rb"KOSOVO")):   # doctest: +SKIP
    ...     ...   # only the rows whose raw bytes hold KOSOVO, as CableText (or InputError)

Like `iter_texts`, but a plain file (not stdin, not gzip-compressed) in text, markdown or csv form
is first searched for `needle` as raw bytes, memory-mapped: a file without a match yields nothing,
and in a CSV dump only the rows around a match are read. HTML pages and compressed or piped input
are read as usual. The caller makes sure that `needle` matches the raw bytes of every text that
could match after decoding (see `cablecli.search.Matcher.needle`).

Rows of a dump are found from a match by going back to the line that starts a row (`"123","`,
as every row of the Cablegate dump starts); `source.index` of such a row is its id column.
A row that cannot be read yields an InputError as in `read_csv`; rows that hold no match are not
read at all, so their errors go unreported.
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Callable, Container, Iterator, Sequence

from cablecli.inputs import CableText, InputError, PathArg, _describe, _read_path, expand_inputs, iter_texts
from cablecli.inputs.detect import GZIP_MAGIC, HEAD_SIZE, UTF8_BOM, sniff

__all__ = ["iter_candidates"]

_ROW_START = re.compile(rb'"(\d+)","')


def iter_candidates(
    paths: Sequence[PathArg] | PathArg,
    needle: re.Pattern[bytes] | None,
    input_format: str | None = None,
    on_bytes: Callable[[int], None] | None = None,
    globs: Sequence[str] = (),
    follow: bool = False,
    skip: Container[str] = (),
) -> Iterator[CableText | InputError]:
    """The texts of `paths` (as `iter_texts`), leaving out what cannot match `needle`."""
    from cablecli.inputs.walk import STDIN

    if needle is None:
        yield from iter_texts(paths, input_format, on_bytes=on_bytes, globs=globs, follow=follow, skip=skip)
        return
    for item in expand_inputs(paths, globs, follow, skip):
        if isinstance(item, InputError):
            yield item
        elif item == STDIN:
            yield from _read_path(item, input_format, None, on_bytes)
        else:
            yield from _scan_path(item, needle, input_format, on_bytes)


def _scan_path(
    path: str, needle: re.Pattern[bytes], input_format: str | None, on_bytes: Callable[[int], None] | None
) -> Iterator[CableText | InputError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield InputError(path, _describe(exc))
        return
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(HEAD_SIZE)
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size > len(head) else None
        except (OSError, ValueError):
            data = None
            head = b""
        form = sniff(head, at_eof=data is None) if head else "empty"
        if data is None or head.startswith(GZIP_MAGIC) or form in ("html", "binary", "empty"):
            if data is not None:
                data.close()
            # Small, compressed, HTML or odd files: the ordinary reader says what they are.
            yield from _read_path(path, input_format, None, on_bytes)
            return
        with data:
            form = input_format or form
            if form == "html":
                yield from _read_path(path, input_format, None, on_bytes)
                return
            found = needle.search(data)
            if found is None:
                if on_bytes:
                    on_bytes(size)
                return
            if form != "csv":
                yield from _read_path(path, input_format, None, on_bytes)
                return
            yield from _csv_rows(data, path, needle, found.start(), on_bytes)


def _csv_rows(
    data: mmap.mmap, path: str, needle: re.Pattern[bytes], first: int, on_bytes: Callable[[int], None] | None
) -> Iterator[CableText | InputError]:
    from cablecli.inputs import max_cable_size
    from cablecli.inputs.csvdump import COLUMNS, RowTooLarge, _cable_text, _Truncated, parse_row_within
    from cablecli.inputs.text import too_large

    limit = max_cable_size()
    size = len(data)
    origin = len(UTF8_BOM) if data[: len(UTF8_BOM)] == UTF8_BOM else 0
    done = origin  # everything before this offset has been dealt with
    at = first
    while at >= 0:
        start = max(_row_start(data, at, origin), done)
        pos = start
        while pos <= at:
            while pos < size and data[pos] in (0x0A, 0x0D):
                pos += 1
            if pos >= size:
                break
            try:
                fields, end = parse_row_within(data, pos, limit)
            except _Truncated:
                yield InputError(path, "file ends inside a quoted field")
                return
            except RowTooLarge as row:
                found = _ROW_START.match(data, pos)
                yield InputError(path, too_large(limit), int(found.group(1)) if found else None)
                pos = row.resume if row.resume > pos else size
                continue
            if end > at:
                index = _row_number(fields)
                if len(fields) != COLUMNS:
                    yield InputError(path, f"expected {COLUMNS} columns, found {len(fields)}", index or None)
                else:
                    yield _cable_text(fields, path, index if index is not None else 0)
            pos = end
        if on_bytes:
            on_bytes(pos - done)
        done = max(pos, at + 1)
        found = needle.search(data, done)
        at = found.start() if found else -1
    if on_bytes and size > done:
        on_bytes(size - done)


def _row_start(data: mmap.mmap, at: int, origin: int) -> int:
    """The offset of the row holding offset `at`: the last line start before it that opens a row."""
    pos = at
    while True:
        newline = data.rfind(b'\n"', origin, pos)
        if newline < 0:
            return origin
        if _ROW_START.match(data, newline + 1):
            return newline + 1
        pos = newline


def _row_number(fields: list[bytes]) -> int | None:
    first = fields[0] if fields else b""
    return int(first) if first.isdigit() else None
