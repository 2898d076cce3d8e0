"""Cable texts that may hold a byte pattern: whole files searched first, so most bytes are never decoded.

    >>> import re
    >>> for item in iter_candidates(["cables.csv"], re.compile(rb"KOSOVO")):   # doctest: +SKIP
    ...     ...   # only the rows whose raw bytes hold KOSOVO, as CableText (or InputError)

Like `iter_texts`, but a plain file (not stdin, not gzip-compressed) in text, markdown or csv form
is first searched for `needle` as raw bytes, a large chunk at a time: a file without a match yields
nothing, and in a CSV dump only the rows around a match are read. HTML pages and compressed or piped
input are read as usual. The caller makes sure that `needle` matches the raw bytes of every text that
could match after decoding (see `cablecli.search.Matcher.needle`).

The file is read, never memory-mapped: a file that another process cuts short while it is searched
then simply ends sooner (a row cut in two is reported as any truncated row is), where a memory map
would kill the process with SIGBUS. A needle that RE2 can run is searched by RE2 (in Latin-1 mode,
one character a byte), which is many times faster than Python's `re` on a case-insensitive needle.

Rows of a dump are found from a match by going back to the line that starts a row (`"123","`,
as every row of the Cablegate dump starts); `source.index` of such a row is its id column.
A row that cannot be read yields an InputError as in `read_csv`; rows that hold no match are not
read at all, so their errors go unreported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterator, Sequence
from typing import BinaryIO

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.inputs import CableText, InputError, PathArg, _describe, _read_path, expand_inputs, iter_texts
from cablecli.inputs.detect import GZIP_MAGIC, HEAD_SIZE, UTF8_BOM, sniff

__all__ = ["iter_candidates"]

_ROW_START = re.compile(rb'"(\d+)","')
# Bytes read at a time. A CSV row that runs past a chunk is read on until it ends.
_CHUNK = 16 << 20

# (buffer, start) -> offset of the first match at or after start, or -1.
Search = Callable[[bytes, int], int]


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
    search = byte_search(needle)
    for item in expand_inputs(paths, globs, follow, skip):
        if isinstance(item, InputError):
            yield item
        elif item == STDIN:
            yield from _read_path(item, input_format, None, on_bytes)
        else:
            yield from _scan_path(item, needle, search, input_format, on_bytes)


def byte_search(needle: re.Pattern[bytes]) -> Search:
    """A search for `needle` over bytes: RE2's when RE2 takes the pattern, else the pattern's own."""
    try:
        compiled = _re2_bytes(needle.pattern, needle.flags)
    except Exception:  # noqa: BLE001 - no RE2, or a pattern it lacks (lookaround): Python's re runs it
        compiled = needle

    def search(buf: bytes, start: int) -> int:
        found = compiled.search(buf, start)
        return found.start() if found is not None else -1

    folds = sorted(set(_FOLD.findall(needle.pattern))) if compiled is not needle else []
    return _fold_search(needle, search, folds) if folds else search


# A case-blind needle also takes, for i, k and s, the UTF-8 bytes of the characters Python folds
# onto them (`(?:k|\xe2\x84\xaa)`, see search.Matcher.needle): the alternatives in bytes >= 0x80.
_FOLD = re.compile(rb"\|([\x80-\xff]+)")


def _fold_search(needle: re.Pattern[bytes], search: Search, folds: list[bytes]) -> Search:
    """`search` for a needle with such alternatives, run as RE2 runs the needle without them.

    Those alternatives cost RE2 its fast scan for the needle's first bytes (4x slower over a dump),
    and the characters they stand for (Kelvin sign, long s, dotted and dotless i) hardly ever
    occur. A match that holds one of them starts less than the needle's length before it, so the
    first match without them is the first match when no such character comes within the needle's
    length after it; else the whole needle is searched. Where the characters are is found by
    RE2 too (a search for a string runs at memchr speed), once for each stretch of a buffer.
    """
    plain = _re2_bytes(_FOLD.sub(b"", needle.pattern), needle.flags)
    marks = [_re2_bytes(re.escape(fold), 0) for fold in folds]
    longest = len(needle.pattern)  # no match is longer than the pattern that finds it
    seen: list = [None, 0, -1]  # a buffer, an offset, and where the first mark at or after it is

    def next_mark(buf: bytes, start: int) -> int:
        known, since, at = seen
        if known is buf and since <= start and (at < 0 or at >= start):
            return at
        found = [m.start() for mark in marks if (m := mark.search(buf, start)) is not None]
        at = min(found) if found else -1
        seen[:] = [buf, start, at]
        return at

    def fold_search(buf: bytes, start: int) -> int:
        found = plain.search(buf, start)
        first = found.start() if found is not None else -1
        mark = next_mark(buf, start)
        if mark < 0 or 0 <= first <= mark - longest:
            return first
        return search(buf, start)

    return fold_search


def _re2_bytes(pattern: bytes, flags: int):  # noqa: ANN202 - an re2 pattern
    """`pattern` compiled by RE2 over bytes as Latin-1 (one character a byte); raises without RE2."""
    import re2

    options = re2.Options()
    options.encoding = re2.Options.Encoding.LATIN1
    options.log_errors = False
    return re2.compile(b"(?i)" + pattern if flags & re.IGNORECASE else pattern, options)


def _read(handle: BinaryIO, size: int) -> bytes:
    return handle.read(size)


class _Window:
    """A stretch of the file, `buf` holding its bytes from offset `base` on, read a chunk at a time."""

    def __init__(self, handle: BinaryIO, head: bytes) -> None:
        self.handle = handle
        self.buf = head
        self.base = 0
        self.eof = False

    def more(self, keep: int) -> bool:
        """Drop the bytes before offset `keep` and read on; False at the end of the file.

        The bytes kept are read again with the new ones (from offset `keep`), rather than joined
        to them: a join copies the whole chunk once more into fresh memory, which costs more than
        the read itself (page faults), while the bytes kept are few (a row's start). A buffer
        that must grow (a row longer than a chunk) grows by a chunk."""
        if self.eof:
            return False
        kept = self.end - keep
        self.handle.seek(keep)
        data = _read(self.handle, _CHUNK if kept <= _CHUNK // 2 else kept + _CHUNK)
        if len(data) <= kept:  # nothing new: the end (or a file cut short meanwhile)
            self.eof = True
            return False
        self.buf = data
        self.base = keep
        return True

    @property
    def end(self) -> int:
        return self.base + len(self.buf)


def _scan_path(
    path: str,
    needle: re.Pattern[bytes],
    search: Search,
    input_format: str | None,
    on_bytes: Callable[[int], None] | None,
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
        except (OSError, ValueError):
            size, head = 0, b""
        small = size <= len(head)
        form = sniff(head, at_eof=small) if head else "empty"
        if small or head.startswith(GZIP_MAGIC) or form in ("html", "binary", "empty"):
            # Small, compressed, HTML or odd files: the ordinary reader says what they are.
            yield from _read_path(path, input_format, None, on_bytes)
            return
        form = input_format or form
        if form == "html":
            yield from _read_path(path, input_format, None, on_bytes)
            return
        window = _Window(handle, head)
        try:
            if form == "csv":
                yield from _csv_rows(window, path, search, on_bytes)
                return
            if _holds(window, search, len(needle.pattern)):
                yield from _read_path(path, input_format, None, on_bytes)
            elif on_bytes:
                on_bytes(window.end)
        except OSError as exc:
            yield InputError(path, _describe(exc))


def _holds(window: _Window, search: Search, longest: int) -> bool:
    """Whether the file holds a match; `longest` bounds the length of one, so that a match across two
    chunks is found in the bytes kept from the first."""
    start = 0
    while True:
        if search(window.buf, start - window.base) >= 0:
            return True
        keep = max(window.end - longest, window.base)
        if not window.more(keep):
            return False
        start = keep


def _csv_rows(
    window: _Window, path: str, search: Search, on_bytes: Callable[[int], None] | None
) -> Iterator[CableText | InputError]:
    from cablecli.inputs import max_cable_size
    from cablecli.inputs.csvdump import (
        COLUMNS,
        ROW_OVERHEAD,
        _cable_text,
        _parse_row,
        _Truncated,
        cable_too_large,
    )
    from cablecli.inputs.text import too_large

    limit = max_cable_size()
    row_limit = limit + ROW_OVERHEAD
    origin = len(UTF8_BOM) if window.buf.startswith(UTF8_BOM) else 0
    done = origin  # everything before this offset has been dealt with
    while True:
        found = search(window.buf, done - window.base)
        if found < 0:
            # A match further on may lie in the last row begun here (a needle holds no quote, so no
            # match runs over the start of a row): keep that row, or what is left of it to look at.
            keep = max(window.base + _row_start(window.buf, len(window.buf), _origin(window, origin)), done)
            if window.end - keep > row_limit:  # a row too large to hold: passed, not held
                label = _row_label(window.buf, keep - window.base)
                resume, matched = _past_row(window, keep, search)
                if matched:
                    yield InputError(path, too_large(limit), label)
                if resume < 0:
                    break
                done = resume
                continue
            if not window.more(keep):
                break
            continue
        at = window.base + found
        pos = max(window.base + _row_start(window.buf, found, _origin(window, origin)), done)
        while pos <= at:
            rel = pos - window.base
            buf = window.buf
            while rel < len(buf) and buf[rel] in (0x0A, 0x0D):
                rel += 1
            pos = window.base + rel
            if rel >= len(buf):
                if window.more(pos):
                    continue
                break
            try:
                parsed = _parse_row(buf, rel, window.eof)
            except _Truncated:
                yield InputError(path, "file ends inside a quoted field")
                return
            if parsed is None:
                if window.eof:
                    break
                if len(buf) - rel > row_limit:  # too large: passed, not held
                    yield InputError(path, too_large(limit), _row_label(buf, rel))
                    pos, _ = _past_row(window, pos)
                    if pos < 0:
                        break
                    continue
                window.more(pos)  # the row runs on past what was read: read on, and parse it again
                continue
            fields, end = parsed
            end += window.base
            if cable_too_large(fields, limit):
                yield InputError(path, too_large(limit), _row_number(fields))
                pos = end
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
    if on_bytes and window.end > done:
        on_bytes(window.end - done)


def _row_label(buf: bytes, rel: int) -> int | None:
    """The row number a row starting at `rel` gives itself (`"123","`), if any."""
    found = _ROW_START.match(buf, rel)
    return int(found.group(1)) if found else None


def _past_row(window: _Window, pos: int, search: Search | None = None) -> tuple[int, bool]:
    """The offset of the next row start after the row at `pos` (-1 at the end of the file), reading
    on and dropping what is passed (a row over the size limit is never held whole); and whether
    `search` matches in the bytes passed."""
    from cablecli.inputs.csvdump import _next_row

    matched = False
    while True:
        found = _next_row(window.buf, pos - window.base)
        if search is not None and not matched:
            hit = search(window.buf, pos - window.base)
            matched = hit >= 0 and (found < 0 or hit < found)
        if found >= 0:
            return window.base + found, matched
        keep = max(window.end - 4096, pos)  # a row start or match cut by the chunk's end is found next time
        if not window.more(keep):
            return -1, matched
        pos = keep


def _origin(window: _Window, origin: int) -> int:
    """Where rows may start in the window's buffer: after a byte-order mark, or anywhere."""
    return origin if window.base == 0 else 0


def _row_start(data: bytes, at: int, origin: int) -> int:
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
