"""Plain-text and markdown cables: decode, normalise line ends, split a file holding several cables.

    >>> import io
    >>> data = b"VZCZCXYZ0001\\r\\nTAGS: PGOV\\r\\n\\r\\nVZCZCXYZ0002\\r\\nTAGS: [PREL](#)\\r\\n"
    >>> [(t.source.format, t.source.index, t.text) for t in read_texts(io.BytesIO(data), "two.txt")]
    [('text', 0, 'VZCZCXYZ0001\\nTAGS: PGOV\\n\\n'), ('markdown', 1, 'VZCZCXYZ0002\\nTAGS: [PREL](#)\\n')]

A file is read line by line and one cable is held at a time. A new cable starts at a line
beginning `VZCZC` (the transmission id that opens every ACP header) once the current one has
some content; or, for cables published without that line, at a date-time group line followed by
an `FM` line once the current cable has had its own FM line and its TAGS or SUBJECT. Nothing
else splits: classification banners and `PAGE 02` lines repeat inside multi-section cables, so a
header-less concatenation stays one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from cablecli.inputs import CableText, InputError
from cablecli.inputs.detect import TAG_LINK, UTF8_BOM
from cablecli.model import Source

_CABLE_START = b"VZCZC"
# `R 251550Z AUG 09` alone on a line, then `FM USEU BRUSSELS`: a header without a VZCZC line.
_DTG_LINE = re.compile(rb"[ZOPR](?:[ \t]+[ZOPR])?[ \t]+\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}\s*$", re.I)
_FM_LINE = re.compile(rb"FM[ \t]+\S", re.I)
_PREAMBLE_LINE = re.compile(rb"\s*(?:TAGS|SUBJECT|SUBJ)\b", re.I)


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
    `[XXXX](#)` tag link. A file with nothing but whitespace yields one InputError.
    """
    index = 0
    line = 1
    for chunk in _split_cables(_lines(stream)):
        data = b"".join(chunk)
        text_form = form or ("markdown" if TAG_LINK.search(data) else "text")
        yield CableText(decode(data), Source(path=path, format=text_form, index=index, line=line))
        index += 1
        line += len(chunk)
    if index == 0:
        yield InputError(path, "empty file, no cable")


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


def _split_cables(lines: Iterator[bytes]) -> Iterator[list[bytes]]:
    chunk: list[bytes] = []
    has_content = False
    has_header = False  # the current cable has had its FM line and then TAGS or SUBJECT
    has_fm = False
    pending: bytes | None = None  # a date-time group line that may open the next cable
    for line in lines:
        if pending is not None:
            if _FM_LINE.match(line):
                yield chunk
                chunk, has_content, has_fm, has_header = [], True, False, False
            chunk.append(pending)
            pending = None
        if has_content and line.startswith(_CABLE_START):
            yield chunk
            chunk = []
            has_content = has_fm = has_header = False
        elif has_header and _DTG_LINE.match(line):
            pending = line  # it opens a cable if an FM line follows
            continue
        chunk.append(line)
        if not has_content and line.strip():
            has_content = True
        if not has_fm:
            has_fm = bool(_FM_LINE.match(line))
        elif not has_header:
            has_header = bool(_PREAMBLE_LINE.match(line))
    if pending is not None:
        chunk.append(pending)
    if has_content:
        yield chunk
