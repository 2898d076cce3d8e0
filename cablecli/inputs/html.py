"""Cablegate cable pages: the metadata table and the cable text from the `<pre>` blocks, via html.parser.

    >>> import io
    >>> page = (b"<table class='cable'><tr><th>Reference ID</th><th>Origin</th></tr>"
    ...         b"<tr><td><a href='#'>08BAKU187</a></td><td>Embassy Baku</td></tr></table>"
    ...         b"<pre>VZCZCXYZ0659&#x000A;PP RUEHWEB</pre>"
    ...         b"<pre>TAGS: <a href='/tag/PGOV_0.html'>PGOV</a>&#x000A;"
    ...         b"<a id='par1' href='#par1'>\\xc2\\xb6</a>1. Text</pre>")
    >>> [cable] = read_html(io.BytesIO(page), "p.html")
    >>> cable.text
    'VZCZCXYZ0659\\nPP RUEHWEB\\n\\nTAGS: PGOV\\n\\xb61. Text'
    >>> cable.source.metadata
    {'reference_id': '08BAKU187', 'origin': 'Embassy Baku'}

The text is the `<pre>` blocks in order, link texts kept (tag codes, `¶` marks) and entities
decoded (`&#x000A;` is a newline), joined with a blank line; the "partial extract" notice that
some pages put in the first block is left out.

`source.metadata` holds the table's cells, whitespace-trimmed but otherwise verbatim, under
"reference_id", "created", "released", "classification", "origin". Columns are matched by their
header text, so a layout without one of them (the 4-column table) simply lacks that key. The
classification is the link's text: its `title` attribute is wrong on many pages.

Archive pages of the older PlusD site (no `<pre>`) are read best effort: the text is the
"text-header" block and the "tagged-text" block, and metadata holds the synopsis fields under
their labels in snake case ("canonical_id", "date", "original_classification", "from", ...),
never under the Cablegate keys, since their values are not in the same form; the parser fills from
them what the text lacks (cablecli.parse.archive).

A Cablegate page is ~900 lines of navigation around ~30 lines of cable: only the span from the
first `<pre` or `<table` to the last `</pre>` or `</table>` is read when the rest of the page is
shown to hold nothing the reader takes (see `_read_page`), and the span itself, when its markup
is plain (tags with quoted attributes, text without `<`), by one regular expression that gives
the events html.parser would give (`_read_span`); anything else goes to html.parser. Both give
the same result as the walk over the whole page (tests/test_html_span.py).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import BinaryIO

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.inputs import CableText, InputError
from cablecli.inputs.text import decode, normalise_newlines, too_large
from cablecli.model import Source

COLUMNS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}
# A table without header cells: the 2010 order, and the 4-column one without "Released".
_POSITIONAL = {
    5: ("reference_id", "created", "released", "classification", "origin"),
    4: ("reference_id", "created", "classification", "origin"),
}
PARTIAL_EXTRACT = "This record is a partial extract of the original cable"


def read_html(stream: BinaryIO, path: str) -> Iterator[CableText | InputError]:
    """Yield the one cable of a page, or an InputError "no cable text found".

    A page larger than `cablecli.inputs.max_cable_size()` yields an InputError, read no further.
    """
    from cablecli.inputs import max_cable_size

    limit = max_cable_size()
    page = stream.read(limit + 1)
    if len(page) > limit:
        yield InputError(path, too_large(limit, "page"))
        return
    text, metadata = _read_page(decode(page))
    if text is None:
        yield InputError(path, "no cable text found")
        return
    yield CableText(normalise_newlines(text), Source(path=path, format="html", index=0, metadata=metadata))


# Elements whose content html.parser reads as raw text (script, style; newer versions add the
# others), and the markup that can hide a `<pre` or `<table` from it.
_RAW_TEXT = (
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"plaintext",
)
_HIDING = (b"!--", b"![")
_HIDING_OR_RAW = re.compile(rb"<(/?)(" + b"|".join(re.escape(m) for m in _HIDING + _RAW_TEXT) + rb")")
# Text and whole tags only, as html.parser reads them (a start tag's quoted values may hold `>`;
# a declaration, a processing instruction or an end tag ends at the first `>`): the span is
# entered only when the part of the page before it is exactly such a sequence.
_TEXT_AND_TAGS = re.compile(
    rb"""[^<]*+(?:<(?:[a-zA-Z][^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+|/[^>]*+|[!?][^>]*+)>[^<]*+)*+"""
)
_NOT_LATIN1 = "cablecli-not-latin1"
codecs.register_error(_NOT_LATIN1, lambda exc: ("\x80" * (exc.end - exc.start), exc.end))  # type: ignore[arg-type]


def _read_page(page: str) -> tuple[str | None, dict[str, str] | None]:
    """The cable text and metadata of a page: `_CablePage` fed only the span from the first `<pre`
    or `<table` to the end of the last `</pre>` or `</table>` (a Cablegate page is ~900 lines of
    navigation around ~30 lines of cable), when the rest of the page provably holds nothing the
    reader takes: no pre or table, and nothing that could hide one. Otherwise, whenever the span
    leaves an element open, and when it holds no cable block (a PlusD page's text is in divs,
    which the reader takes only then), the whole page is walked."""
    span = _cable_span(page)
    if span is not None:
        reader = _read_span(page, span[0], span[1])
        if reader is None:  # markup the short reader does not take: html.parser reads the span
            reader = _CablePage()
            reader.feed(page[span[0] : span[1]])
            reader.close()
        if reader.closed_cleanly() and reader.cable_blocks():
            return reader.result()
    reader = _CablePage()
    reader.feed(page)
    reader.close()
    return reader.result()


def _cable_span(page: str) -> tuple[int, int] | None:
    # The page's characters as bytes, one for one: ASCII letters in lower case (as html.parser
    # lowers tag names), other characters never ASCII (beyond Latin-1: 0x80). Every test below
    # is about ASCII markup, so it reads the same here as in the page, faster.
    low = page.encode("latin-1", _NOT_LATIN1).lower()
    starts = [i for i in (low.find(b"<pre"), low.find(b"<table")) if i >= 0]
    ends = [i for i in (low.rfind(b"</pre"), low.rfind(b"</table")) if i >= 0]
    if not starts or not ends:
        return None
    start, last = min(starts), max(ends)
    end = low.find(b">", last)
    if end < 0 or last < start:
        return None
    end += 1
    if low.find(b"<pre", end) >= 0 or low.find(b"<table", end) >= 0:
        return None
    opened: dict[bytes, int] = {}
    for m in _HIDING_OR_RAW.finditer(low, 0, end):
        name = m.group(2)
        if name in _HIDING:
            return None  # a comment or a marked section may hide a block
        if m.start() < start:
            opened[name] = opened.get(name, 0) + (-1 if m.group(1) else 1)
        elif not m.group(1):
            return None  # a raw-text element inside the span
    if any(opened.values()):
        return None  # a raw-text element before the span must be closed before it
    if not _TEXT_AND_TAGS.fullmatch(low, 0, start):
        return None  # the span might start inside a tag or an attribute value
    return start, end


# The span's markup, when it is made only of these: start tags with quoted (or plain word) attribute
# values, end tags, and text without `<`. For them html.parser gives the same events as below.
_BLANK = "[ \\t\\n\\r\\f]"
_TAG = re.compile(
    rf"<(?:([a-zA-Z][a-zA-Z0-9]*)((?:{_BLANK}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    rf"(?:{_BLANK}*={_BLANK}*(?:'[^']*'|\"[^\"]*\"|[a-zA-Z0-9_.:-]+(?={_BLANK}|>)))?)*){_BLANK}*(/?)"
    rf"|/([a-zA-Z][a-zA-Z0-9]*){_BLANK}*)>"
)
_ATTR = re.compile(
    rf"{_BLANK}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:{_BLANK}*={_BLANK}*('[^']*'|\"[^\"]*\"|[a-zA-Z0-9_.:-]+))?"
)
# The tags `_CablePage` acts on; the others (links, code) change nothing.
_STARTS = frozenset({"pre", "br", "table", "tr", "th", "td", "div"})
_ENDS = frozenset({"pre", "table", "tr", "th", "td", "div"})
_NEWLINE_REF = "&#x000A;"  # the pages' newline, most of the references: replaced before unescape


def _read_span(page: str, start: int, end: int) -> _CablePage | None:
    """`_CablePage` given the events html.parser would give for `page[start:end]`, found by one
    regular expression; None when the span holds markup outside the simple forms of `_TAG`.

    html.parser (with convert_charrefs) passes each run of text between two tags to handle_data
    through html.unescape, and a start tag with its name and attribute names in lower case and
    its attribute values unquoted and unescaped; a tag ending in `/>` goes to handle_startendtag.
    """
    from html import unescape

    reader = _CablePage()
    at = start
    for m in _TAG.finditer(page, start, end):
        if m.start() > at:
            text = page[at : m.start()]
            if "<" in text:
                return None  # a `<` that starts no simple tag
            if reader._pre is not None or reader._cell is not None or reader._div is not None:
                if "&" in text:
                    text = text.replace(_NEWLINE_REF, "\n")
                    if "&" in text:
                        text = unescape(text)
                reader.handle_data(text)
        at = m.end()
        name = m.group(1)
        if name is None:
            name = m.group(4).lower()
            if name in _ENDS:
                reader.handle_endtag(name)
            continue
        name = name.lower()
        if name not in _STARTS:
            continue
        attrs: list[tuple[str, str | None]] = []
        for a in _ATTR.finditer(m.group(2)):
            value = a.group(2)
            if value is not None and value[:1] in ("'", '"'):
                value = value[1:-1]
            attrs.append((a.group(1).lower(), unescape(value) if value else value))
        if m.group(3):
            reader.handle_startendtag(name, attrs)
        else:
            reader.handle_starttag(name, attrs)
    if at < end:
        return None  # text after the last tag: the span ends with one
    return reader


def _classes(attrs: list[tuple[str, str | None]]) -> list[str]:
    return next(((value or "").split() for name, value in attrs if name == "class"), [])


def _attr(attrs: list[tuple[str, str | None]], wanted: str) -> str | None:
    return next((value for name, value in attrs if name == wanted), None)


class _CablePage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pres: list[str] = []
        self._pre: list[str] | None = None
        self._pre_depth = 0
        # The metadata table: rows of (tag, text, colspan) cells.
        self.rows: list[list[tuple[str, str, bool]]] = []
        self._table_depth = 0
        self._row: list[tuple[str, str, bool]] | None = None
        self._cell: list[str] | None = None
        self._cell_tag = ""
        self._cell_span = False
        # PlusD pages: named divs captured whole, and the synopsis key/value pairs.
        self.divs: dict[str, str] = {}
        self._div: list[str] | None = None
        self._div_name = ""
        self._div_depth = 0
        self.synopsis: list[tuple[str, str]] = []
        self._synopsis_key: str | None = None

    # -- events ---------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._pre_depth += 1
            if self._pre_depth == 1:
                self._pre = []
        elif tag == "br" and self._pre is not None:
            self._pre.append("\n")
        elif tag == "table":
            if self._table_depth or "cable" in _classes(attrs):
                self._table_depth += 1
        elif self._table_depth == 1 and tag in ("tr", "th", "td"):
            self._table_tag(tag, attrs)
        elif tag == "div":
            self._div_start(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
            if self._pre_depth == 0 and self._pre is not None:
                self.pres.append("".join(self._pre))
                self._pre = None
        elif tag == "table" and self._table_depth:
            if self._table_depth == 1:
                self._end_row()
            self._table_depth -= 1
        elif self._table_depth == 1 and tag in ("th", "td"):
            self._end_cell()
        elif self._table_depth == 1 and tag == "tr":
            self._end_row()
        elif tag == "div":
            self._div_end()

    def handle_data(self, data: str) -> None:
        if self._pre is not None:
            self._pre.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._div is not None:
            self._div.append(data)

    # -- the metadata table ---------------------------------------------------------------------

    def _table_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._end_row()
            self._row = []
            return
        self._end_cell()
        if self._row is None:
            self._row = []
        self._cell = []
        self._cell_tag = tag
        self._cell_span = (_attr(attrs, "colspan") or "1").strip() not in ("", "1")

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append((self._cell_tag, "".join(self._cell).strip(), self._cell_span))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row:
            self.rows.append(self._row)
        self._row = None

    def metadata(self) -> dict[str, str] | None:
        headers: list[str] | None = None
        for row in self.rows:
            if all(tag == "th" for tag, _, _ in row):
                if headers is None:
                    headers = [text for _, text, _ in row]
                continue
            if any(span for _, _, span in row):
                continue  # "Appears in these articles" and the like
            values = [text for _, text, _ in row]
            if headers is not None:
                keys = [COLUMNS.get(" ".join(h.lower().split())) for h in headers]
            else:
                keys = list(_POSITIONAL.get(len(values), ()))
            return {key: value for key, value in zip(keys, values, strict=False) if key is not None}
        return None

    # -- PlusD pages ----------------------------------------------------------------------------

    def _div_start(self, attrs: list[tuple[str, str | None]]) -> None:
        if self._div is not None:
            self._div_depth += 1
            return
        classes = _classes(attrs)
        if "text-header" in classes:
            name = "text-header"
        elif _attr(attrs, "id") == "tagged-text":
            name = "tagged-text"
        elif "s_key" in classes:
            name = "s_key"
        elif "s_val" in classes:
            name = "s_val"
        else:
            return
        if name in self.divs and name not in ("s_key", "s_val"):
            return  # the first one only; the "Raw content" tab repeats the text
        self._div = []
        self._div_name = name
        self._div_depth = 1

    def _div_end(self) -> None:
        if self._div is None:
            return
        self._div_depth -= 1
        if self._div_depth:
            return
        text = "".join(self._div)
        self._div = None
        if self._div_name == "s_key":
            self._synopsis_key = text
        elif self._div_name == "s_val":
            if self._synopsis_key is not None:
                self.synopsis.append((self._synopsis_key, text.strip()))
            self._synopsis_key = None
        else:
            self.divs[self._div_name] = text

    def plusd_metadata(self) -> dict[str, str]:
        metadata: dict[str, str] = {}
        for label, value in self.synopsis:
            key = re.sub(r"[^a-z0-9]+", "_", label.strip().rstrip(":").lower()).strip("_")
            if key and key not in metadata:
                metadata[key] = value
        return metadata

    # -- result ---------------------------------------------------------------------------------

    def closed_cleanly(self) -> bool:
        """No pre, table or div left open: what follows the span could not have changed the result."""
        return self._pre is None and not self._pre_depth and not self._table_depth and self._div is None

    def cable_blocks(self) -> list[str]:
        """The `<pre>` blocks of the cable text. When there are some, the PlusD divs are not read."""
        return [pre for pre in self.pres if not pre.lstrip().startswith(PARTIAL_EXTRACT)]

    def result(self) -> tuple[str | None, dict[str, str] | None]:
        blocks = self.cable_blocks()
        if blocks:
            return _join(blocks), self.metadata()
        names = ("text-header", "tagged-text")
        plusd = [self.divs[name].strip("\r\n") for name in names if name in self.divs]
        if any(block.strip() for block in plusd):
            return _join(plusd), self.plusd_metadata()
        return None, None


def _join(blocks: list[str]) -> str:
    """Blocks joined with one blank line between them: trailing newlines of a block are dropped first."""
    return "\n\n".join([block.rstrip("\r\n") for block in blocks[:-1]] + [blocks[-1]])
