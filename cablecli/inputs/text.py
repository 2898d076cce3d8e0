"""Plain-text and markdown cables: decode, normalise line ends, split a file holding several cables.

    >>> import io
    >>> data = b"VZCZCXYZ0001\\r\\nTAGS: PGOV\\r\\n\\r\\nVZCZCXYZ0002\\r\\nTAGS: [PREL](#)\\r\\n"
    >>> [(t.source.format, t.source.index, t.text) for t in read_texts(io.BytesIO(data), "two.txt")]
    [('text', 0, 'VZCZCXYZ0001\\nTAGS: PGOV\\n\\n'), ('markdown', 1, 'VZCZCXYZ0002\\nTAGS: [PREL](#)\\n')]

A file is read line by line and one cable is held at a time. A new cable starts at a line
beginning `VZCZC` (the transmission id that opens every ACP header) once the current one has
some content. Nothing else splits: classification banners and `PAGE 02` lines repeat inside
multi-section cables, so a header-less concatenation stays one text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from cablecli.inputs import CableText, InputError
from cablecli.inputs.detect import TAG_LINK, UTF8_BOM
from cablecli.model import Source

_CABLE_START = b"VZCZC"


def decode(data: bytes) -> str:
    """UTF-8 if the bytes are valid UTF-8, else Latin-1 (which never fails): the real files are Latin-1."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_texts(stream: BinaryIO, path: str, form: str | None = None) -> Iterator[CableText | InputError]:
    """Yield one CableText per cable in a text file.

    `form` forces "text" or "markdown"; None decides per cable: "markdown" when it holds a
    `[XXXX](#)` tag link. A file with nothing but whitespace yields one InputError. A cable
    larger than `cablecli.inputs.max_cable_size()` yields an InputError instead (naming its first
    line), and reading goes on at the next cable.
    """
    from cablecli.inputs import max_cable_size

    index = 0
    line = 1
    for data, lines in _split_cables(_lines(stream), max_cable_size()):
        if data is None:
            yield InputError(path, _too_large(line, max_cable_size()))
        else:
            text_form = form or ("markdown" if TAG_LINK.search(data) else "text")
            yield CableText(decode(bytes(data)), Source(path=path, format=text_form, index=index, line=line))
        index += 1
        line += lines
    if index == 0:
        yield InputError(path, "empty file, no cable")


def _too_large(line: int, limit: int) -> str:
    return (
        f"line {line}: cable larger than {limit // (1024 * 1024):,} MB, not read "
        "(--max-cable-size raises the limit)"
    )


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """The stream's lines, each ending in a single LF (except perhaps the last), BOM removed."""
    first = True
    for line in stream:
        if first:
            first = False
            if line.startswith(UTF8_BOM):
                line = line[len(UTF8_BOM) :]
        if b"\r" in line:
            # bytes.splitlines splits on \n, \r\n and \r only, so a lone CR ends a line too.
            for part in line.splitlines(keepends=True):
                yield part.rstrip(b"\r\n") + b"\n" if part.endswith((b"\r", b"\n")) else part
        else:
            yield line


def _split_cables(lines: Iterator[bytes], limit: int) -> Iterator[tuple[bytearray | None, int]]:
    """Each cable's bytes (None when it passed `limit`, its bytes then dropped) and its line count.

    The bytes go into one buffer, not a list of lines: a line costs its bytes and no more (a list
    of 100 MB of blank lines took 9 GB).
    """
    chunk = bytearray()
    count = 0
    too_large = False
    has_content = False
    for line in lines:
        if has_content and line.startswith(_CABLE_START):
            yield (None if too_large else chunk), count
            chunk = bytearray()
            count = 0
            too_large = has_content = False
        count += 1
        if not too_large:
            chunk += line
            if len(chunk) > limit:
                too_large = True
                chunk = bytearray()
        if not has_content and not line.isspace() and line:
            has_content = True
    if has_content:
        yield (None if too_large else chunk), count
