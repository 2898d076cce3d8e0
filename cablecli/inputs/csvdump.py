r"""The Cablegate dump `cables.csv`, read row by row from a byte stream without loading the file.

    >>> import io
    >>> row = b'"1","3/4/2008 13:55","08BAKU187","Embassy Baku","CONFIDENTIAL","08STATE21209",'
    >>> row += b'"VZCZCXYZ0659\nPP RUEHWEB","SUBJECT: A \\"QUOTED\\" WORD"\n'
    >>> [(t.source.index, t.text) for t in read_csv(io.BytesIO(row), "cables.csv")]
    [(1, 'VZCZCXYZ0659\nPP RUEHWEB\n\nSUBJECT: A "QUOTED" WORD')]

The dump is a MySQL export: no header row; eight columns (id, date `M/D/YYYY HH:MM`, reference
id, origin, classification, references, header, content); every field in double quotes with `\"`
and `\\` backslash escapes (and MySQL's `\n`, `\t`, `\r`, `\0`, `\Z`, `\b`); literal newlines
inside fields; fields of any size. Doubled quotes (`""`) are read too.

The csv module cannot take it (its field size limit, and it knows no backslash escapes), so this
is a scanner over buffered chunks that jumps from one quote or backslash to the next with a
regular expression.

A row becomes a CableText whose text is header, a blank line, content (just the content when the
header is empty), line ends normalised; `source.index` is the row number from 1 and
`source.metadata` holds the other six columns verbatim under "id", "date", "reference_id",
"origin", "classification", "references". A row with another number of columns yields
InputError "expected 8 columns, found N" with its row number, and reading goes on at the next
line that starts a row (`"123","`): a stray quote inside a field throws the quoting out of step
until then, and the lines in between are one broken row, not a hundred. After MAX_ROW_ERRORS
such errors in one file the rest are counted and reported in one last InputError. A file that
ends inside a quoted field yields an InputError for that row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.inputs import CableText, InputError
from cablecli.inputs.detect import UTF8_BOM
from cablecli.inputs.text import decode, normalise_newlines, too_large
from cablecli.model import Source

COLUMNS = 8
MAX_ROW_ERRORS = 10
METADATA_KEYS = ("id", "date", "reference_id", "origin", "classification", "references")
CHUNK_SIZE = 1 << 20
# Room for the six short columns of a row beside its cable text, within the size limit.
ROW_OVERHEAD = 64 * 1024

_QUOTE = 0x22
_BACKSLASH = 0x5C
_COMMA = 0x2C
_LF = 0x0A
_CR = 0x0D
_UNQUOTED_END = re.compile(rb"[,\r\n]")
# A line that starts a row of the dump: where reading picks up again after a broken row.
_ROW_START = re.compile(rb'"\d{1,12}","')
_NEXT_ROW_OVERLAP = 20  # bytes kept when a chunk holds no row start: one may begin at its end
_ESCAPES = {
    ord("n"): b"\n",
    ord("t"): b"\t",
    ord("r"): b"\r",
    ord("0"): b"\x00",
    ord("Z"): b"\x1a",
    ord("b"): b"\b",
}
_NULL = b"\\N"  # MySQL's unquoted NULL


class _Truncated(Exception):
    """The data ended inside a quoted field."""


class RawRow(NamedTuple):
    """A row of the dump as read, its fields not yet decoded: `cable_text()` gives its CableText.

    Parallel parsing hands these to the worker processes, which decode them: the process that
    reads the dump then only cuts it into rows, and sends bytes (cheap to pickle) rather than
    CableTexts. A named tuple: both sides pay less for it than for a frozen dataclass (pickled in
    ~4 µs a row against 5, unpickled in ~2 against 3.7).
    """

    fields: tuple[bytes, ...]
    path: str
    row: int

    def cable_text(self) -> CableText:
        return _cable_text(list(self.fields), self.path, self.row)


def read_csv(
    stream: BinaryIO, path: str, chunk_size: int = CHUNK_SIZE, raw: bool = False
) -> Iterator[CableText | RawRow | InputError]:
    """Yield one CableText per row of the dump (a RawRow with `raw`), or an InputError for a row
    that cannot be read.

    A row larger than `cablecli.inputs.max_cable_size()` (and ROW_OVERHEAD for its other
    columns), or whose cable text is, yields an InputError naming its row as soon as that much of
    it is held; reading goes on at the next row start, as after a broken row.
    """
    from cablecli.inputs import max_cable_size

    limit = max_cable_size()
    row_limit = limit + ROW_OVERHEAD
    buffer = b""
    pos = 0
    eof = False
    row = 0
    errors = 0
    resync = False  # after a broken row: skipping to the next line that starts a row
    while True:
        if resync:
            found = _next_row(buffer, pos)
            if found != -1:
                pos = found
                resync = False
            elif eof:
                yield from _more_errors(path, errors)
                return
            else:
                data = stream.read(chunk_size)
                keep = max(pos, len(buffer) - _NEXT_ROW_OVERLAP)
                buffer = buffer[keep:] + data
                pos = 0
                eof = not data
                continue
        # Skip the line ends between rows (and blank lines).
        end = len(buffer)
        while pos < end and buffer[pos] in (_LF, _CR):
            pos += 1
        parsed = None
        if pos < end:
            try:
                parsed = _parse_row(buffer, pos, eof)
            except _Truncated:
                yield InputError(path, "file ends inside a quoted field", row + 1)
                yield from _more_errors(path, errors)
                return
        if parsed is None:
            if eof:
                yield from _more_errors(path, errors)
                return
            held = end - pos
            if held > row_limit:
                row += 1
                errors += 1
                if errors <= MAX_ROW_ERRORS:
                    yield InputError(path, too_large(limit), row)
                resync = True
                continue
            # Not a whole row in the buffer: read more, as much as is held (so that a huge field
            # is rescanned a bounded number of times) but not much past the limit.
            data = stream.read(max(chunk_size, min(held, row_limit + 1 - held)))
            if data:
                if row == 0 and not buffer and data.startswith(UTF8_BOM):
                    data = data[len(UTF8_BOM) :]
                buffer = buffer[pos:] + data
                pos = 0
            else:
                eof = True
            continue
        start = pos
        fields, pos = parsed
        row += 1
        if len(fields) != COLUMNS:
            errors += 1
            if _ROW_START.match(buffer, start) or row == 1:
                message = f"expected {COLUMNS} columns, found {len(fields)}"
            else:
                # Not a row at all: the rest of the previous row, whose quoting went wrong.
                row -= 1
                message = "broken quoting: the lines after this row are not rows; skipped to the next row"
            if errors <= MAX_ROW_ERRORS:
                yield InputError(path, message, row)
            # Read on from the first row start after this row's own (which may lie inside what
            # was taken for this row, when a stray quote opened a field).
            pos = start
            resync = True
            continue
        if cable_too_large(fields, limit):
            errors += 1
            if errors <= MAX_ROW_ERRORS:
                yield InputError(path, too_large(limit), row)
            continue
        yield RawRow(tuple(fields), path, row) if raw else _cable_text(fields, path, row)


def cable_too_large(fields: list[bytes], limit: int) -> bool:
    """Whether a row's cable (its header and text columns) is larger than `limit` bytes."""
    return len(fields) == COLUMNS and len(fields[6]) + len(fields[7]) > limit


def _next_row(buffer: bytes, pos: int) -> int:
    """Where the first row start on a line after `pos` begins (after its line end), or -1.

    A search for the row start itself, then a look at the byte before it: ten times faster than an
    expression starting with the line end (a row of 400 MB over the size limit is passed so).
    """
    search = _ROW_START.search
    while (found := search(buffer, pos + 1)) is not None:
        if buffer[found.start() - 1] in (_LF, _CR):
            return found.start()
        pos = found.start()
    return -1


def _more_errors(path: str, errors: int) -> Iterator[InputError]:
    if errors > MAX_ROW_ERRORS:
        yield InputError(path, f"{errors - MAX_ROW_ERRORS} more rows could not be read")


def _cable_text(fields: list[bytes], path: str, row: int) -> CableText:
    values = [decode(field) for field in fields]
    header, content = values[6], values[7]
    text = header.rstrip("\r\n") + "\n\n" + content if header.strip() else content
    metadata = dict(zip(METADATA_KEYS, values[:6], strict=True))
    return CableText(normalise_newlines(text), Source(path=path, format="csv", index=row, metadata=metadata))


def _parse_row(buf: bytes, pos: int, eof: bool, stop: int | None = None) -> tuple[list[bytes], int] | None:
    """Parse the row starting at `pos`: its fields and the position after its line end.

    None when the buffer (or its part before `stop`) ends before the row does and more data may
    come; _Truncated when the data has ended inside a quoted field.
    """
    n = len(buf) if stop is None else min(stop, len(buf))
    fields: list[bytes] = []
    find = buf.find
    while True:
        if pos < n and buf[pos] == _QUOTE:
            # Jump from quote to quote with bytes.find (memchr), looking for a backslash only
            # between here and the next quote, so that each byte is scanned about once.
            parts: list[bytes] = []
            start = pos + 1
            quote = -1
            while True:
                if quote < start:
                    quote = find(b'"', start, n)
                    if quote == -1:
                        if eof:
                            raise _Truncated
                        return None
                backslash = find(b"\\", start, quote)
                if backslash != -1:
                    parts.append(buf[start:backslash])
                    escaped = buf[backslash + 1]
                    parts.append(_ESCAPES.get(escaped) or buf[backslash + 1 : backslash + 2])
                    start = backslash + 2
                    continue
                if quote + 1 >= n:
                    if not eof:
                        return None  # a quote last in the buffer: what follows decides
                elif buf[quote + 1] == _QUOTE:
                    parts.append(buf[start : quote + 1])  # a doubled quote
                    start = quote + 2
                    continue
                parts.append(buf[start:quote])
                pos = quote + 1
                break
            if pos < n and buf[pos] not in (_COMMA, _LF, _CR):
                # Stray bytes after the closing quote: keep them, up to the next separator.
                match = _UNQUOTED_END.search(buf, pos, n)
                if match is None and not eof:
                    return None
                stop = match.start() if match else n
                parts.append(buf[pos:stop])
                pos = stop
            field = parts[0] if len(parts) == 1 else b"".join(parts)
        else:
            match = _UNQUOTED_END.search(buf, pos, n)
            if match is None and not eof:
                return None
            stop = match.start() if match else n
            field = buf[pos:stop]
            if field == _NULL:
                field = b""
            pos = stop
        fields.append(field)
        if pos >= n:
            return (fields, pos) if eof else None
        byte = buf[pos]
        if byte == _COMMA:
            pos += 1
            continue
        if byte == _LF:
            return fields, pos + 1
        # CR: CRLF ends the row; a lone CR ends it too.
        if pos + 1 >= n:
            return (fields, pos + 1) if eof else None
        return fields, pos + 2 if buf[pos + 1] == _LF else pos + 1
