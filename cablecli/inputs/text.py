"""Plain-text and markdown cables: decode, normalise line ends, split a file holding several cables.

    >>> import io
    >>> data = b"VZCZCXYZ0001\\r\\nTAGS: PGOV\\r\\n\\r\\nVZCZCXYZ0002\\r\\nTAGS: [PREL](#)\\r\\n"
    >>> [(t.source.format, t.source.index, t.text) for t in read_texts(io.BytesIO(data), "two.txt")]
    [('text', 0, 'VZCZCXYZ0001\\nTAGS: PGOV\\n\\n'), ('markdown', 1, 'VZCZCXYZ0002\\nTAGS: [PREL](#)\\n')]

A file is read line by line and one cable is held at a time. A new cable starts at a line
beginning `VZCZC` (the transmission id that opens every ACP header) once the current one has
some content, unless that line repeats the current cable's own `VZCZC` id (an archive that prints
the header again after its own block) or what came before it is not a cable (a mail-printout cover:
`From DB/Inbox: Search Results`, `Cable Text:`, a `TELEGRAM` form), which then stays with the cable;
or, for cables published without that line, at a date-time group line followed by an `FM` line
once the current cable has had its own FM line and its TAGS or SUBJECT. Nothing else splits:
classification banners and `PAGE 02` lines repeat inside multi-section cables, so a header-less
concatenation stays one text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.inputs import CableText, InputError
from cablecli.inputs.detect import TAG_LINK, UTF8_BOM
from cablecli.model import Source

_CABLE_START = b"VZCZC"
# `R 251550Z AUG 09` alone on a line, then `FM USEU BRUSSELS`: a header without a VZCZC line.
_DTG_LINE = re.compile(rb"[ZOPR](?:[ \t]+[ZOPR])?[ \t]+\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}\s*$", re.I)
_FM_LINE = re.compile(rb"FM[ \t]+\S", re.I)
_PREAMBLE_LINE = re.compile(rb"\s*(?:TAGS|SUBJECT|SUBJ)\b", re.I)
_PARAGRAPH = re.compile(rb"^\s*(?:\xc2?\xb6\s*)?\d{1,3}\s?\.\s")  # `1. (C)`, `¶1.` in UTF-8 or Latin-1
_TEXT_START = frozenset(bytes([c]) for c in b" \t0123456789\xc2\xb6")


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

    limit = max_cable_size()
    index = 0
    line = 1
    for data, lines in _split_cables(_lines(stream, limit), limit):
        if data is None:
            yield InputError(path, f"line {line}: {too_large(limit)}")
        else:
            text_form = form or ("markdown" if TAG_LINK.search(data) else "text")
            yield CableText(decode(bytes(data)), Source(path=path, format=text_form, index=index, line=line))
        index += 1
        line += lines
    if index == 0:
        yield InputError(path, "empty file, no cable")


def too_large(limit: int, what: str = "cable") -> str:
    """The message for a cable (or an HTML page) over the size limit."""
    size = f"{limit // (1024 * 1024):,} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return f"{what} larger than {size}, not read (--max-cable-size raises the limit)"


# What is read at a time of a line longer than any cable may be, to pass over the rest of it.
_SKIP_PIECE = 1 << 20


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The stream's lines, each ending in a single LF (except perhaps the last), BOM removed.

    No line is held whole beyond `limit` bytes (the largest cable): a longer one comes as its
    first `limit + 1` bytes, which put its cable over the limit, and the rest of it is read past
    in pieces (one line of 800 MB in a gzip file of 3.5 MB was held whole). Such a line is not
    split at lone CRs.
    """
    first = True
    readline = stream.readline
    while line := readline(limit + 1):
        overlong = len(line) > limit and not line.endswith(b"\n")
        if first:
            first = False
            if line.startswith(UTF8_BOM) and not overlong:  # an overlong line stays over the limit
                line = line[len(UTF8_BOM) :]
        if overlong:
            while (rest := readline(_SKIP_PIECE)) and not rest.endswith(b"\n"):
                pass
            yield line
        elif b"\r" in line:
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
    count = 0  # lines in chunk
    too_large = False
    has_content = False
    start: bytes | None = None  # the current cable's VZCZC id
    de_line: bytes | None = None  # and its DE line
    repeat: tuple[int, int] | None = None  # where its VZCZC id came again (bytes, lines in)
    has_text = False  # a numbered paragraph seen: a VZCZC line after it starts another cable
    has_header = False  # the current cable has had its FM line and then TAGS or SUBJECT
    has_fm = False
    pending: bytes | None = None  # a date-time group line that may open the next cable

    def cut() -> tuple[bytearray | None, int]:
        return (None if too_large else chunk), count

    for line in lines:
        if pending is not None:
            if _FM_LINE.match(line):
                yield cut()
                chunk, count, too_large = bytearray(), 0, False
                has_content, has_fm, has_header = True, False, False
                start, de_line, repeat, has_text = None, None, None, False
            chunk += pending
            count += 1
            pending = None
        if has_content and line.startswith(_CABLE_START):
            ident = _first_word(line)
            if ident == start and repeat is None and not has_text:
                # The header again before any text (after an archive's block): its DE line will
                # tell whether it is the same cable or another under the same id.
                repeat = (len(chunk), count)
            elif start is None and not too_large and not _holds_cable(chunk):
                pass  # a mail-printout cover before the cable's header belongs to the cable
            else:
                yield cut()
                chunk, count, too_large = bytearray(), 0, False
                has_content, de_line, repeat, has_text = False, None, None, False
            start = ident
            has_fm = has_header = False  # a header (again): its own FM, TAGS and SUBJECT follow
        elif start is None and line.startswith(_CABLE_START):
            start = _first_word(line)
        elif line.startswith(b"DE "):
            if repeat is not None:
                if de_line is not None and line.split() != de_line.split() and not too_large:
                    at, lines_in = repeat
                    yield chunk[:at], lines_in  # another cable under the same VZCZC id
                    chunk, count, has_content, has_text = chunk[at:], count - lines_in, True, False
                repeat = None
            if de_line is None:
                de_line = line
        elif has_header and _DTG_LINE.match(line):
            pending = line  # it opens a cable if an FM line follows
            continue
        if repeat is not None and count - repeat[1] > 12:
            repeat = None  # no DE line after the repeated start line: the same cable
        elif not has_text and line[:1] in _TEXT_START and _PARAGRAPH.match(line):
            has_text = True
        count += 1
        if not too_large:
            chunk += line
            if len(chunk) > limit:
                too_large = True
                chunk = bytearray()
        if not has_content and not line.isspace() and line:
            has_content = True
        if not has_fm:
            has_fm = bool(_FM_LINE.match(line))
        elif not has_header:
            has_header = bool(_PREAMBLE_LINE.match(line))
    if pending is not None:
        chunk += pending
        count += 1
    if has_content:
        yield cut()


def _first_word(line: bytes) -> bytes:
    return line.split(None, 1)[0] if line.strip() else line


def _holds_cable(chunk: bytearray) -> bool:
    """What came before a VZCZC line is a cable of its own, not a cover of the next one."""
    from cablecli.parse.cablelike import is_cover, looks_like_cable

    text = decode(bytes(chunk))
    return looks_like_cable(text) and not is_cover(text)
