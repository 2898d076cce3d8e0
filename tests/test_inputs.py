"""The inputs layer: detection, each form, gzip, errors as items, walking paths, streaming."""

from __future__ import annotations

import gzip
import io
import os
import random
import re
import sys
import tracemalloc
import types
from pathlib import Path

import pytest

from cablecli.inputs import FORMATS, CableInputError, CableText, InputError, iter_texts, read
from cablecli.inputs.csvdump import read_csv
from cablecli.inputs.detect import peek_head, sniff
from cablecli.inputs.walk import expand_paths
from tests.conftest import generate

FIXTURES = Path(__file__).parent / "fixtures"
HTML = FIXTURES / "html"
TEXT = FIXTURES / "text"

CABLE = (
    "VZCZCXYZ0659\n"
    "PP RUEHWEB\n"
    "DE RUEHKB #0187 0641355\n"
    "FM AMEMBASSY BAKU\n"
    "\n"
    "C O N F I D E N T I A L BAKU 000187\n"
    "\n"
    "TAGS: PGOV PREL\n"
    "SUBJECT: A SUBJECT\n"
    "\n"
    "\u00b61. (C) A paragraph.\n"
)
HTML_PAGE = (
    "<?xml version='1.0' encoding='utf-8' ?>\n<html><body>\n"
    "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n"
    "<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n"
    "<td>\n<a href='/cable/2008/03/08BAKU187.html'>08BAKU187</a>\n</td>\n"
    "<td>\n<a href='/date/2008-03_0.html'>2008-03-04 13:55</a>\n</td>\n"
    "<td>\n<a href='/reldate/2010-12-01_0.html'>2010-12-01 12:00</a>\n</td>\n"
    "<td>\n<a href='/classification/1_0.html' title='unclassified'>CONFIDENTIAL</a>\n</td>\n"
    "<td>\n<a href='/origin/7_0.html'>Embassy Baku</a>\n</td>\n</tr>\n</table>\n"
    "<code><pre>VZCZCXYZ0659&#x000A;PP RUEHWEB</pre></code>\n"
    "<code><pre>TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> <a href='/tag/PREL_0.html'>PREL</a>&#x000A;"
    "&#x000A;<a id='par1' href='#par1'>\u00b6</a>1. (C) It is &quot;quoted&quot; &amp; fine.</pre></code>\n"
    "</body></html>\n"
)
CSV_ROW = (
    b'"1","3/4/2008 13:55","08BAKU187","Embassy Baku","CONFIDENTIAL","08STATE21209",'
    b'"VZCZCXYZ0659\nPP RUEHWEB","TAGS: PGOV\n\nSUBJECT: A \\"QUOTED\\" WORD"\n'
)


def texts(items) -> list[CableText]:
    items = list(items)
    assert not [item for item in items if isinstance(item, InputError)], items
    return items


def errors(items) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


class Pipe:
    """A non-seekable, non-peekable byte stream that hands out a few bytes at a time, like a pipe."""

    def __init__(self, data: bytes, step: int = 5) -> None:
        self._data = io.BytesIO(data)
        self._step = step
        self.consumed = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self._step
        chunk = self._data.read(min(n, self._step))
        self.consumed += len(chunk)
        return chunk


# -- detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "form"),
    [
        (CABLE.encode(), "text"),
        (b"\r\n\r\nVZCZCXRO4815\r\nPP RUEHBZ\r\n", "text"),
        (b"UNCLAS SECTION 01 OF 03 MADRID 002164\n", "text"),
        (b"TAGS: [PGOV](#) [PREL](#)\n", "markdown"),
        (HTML_PAGE.encode(), "html"),
        (b"<!DOCTYPE html>\n<html>", "html"),
        (b"  \n<html lang='en'>", "html"),
        (b"\xef\xbb\xbf<?xml version='1.0'?>", "html"),
        (CSV_ROW, "csv"),
        (b'"251287","2/28/2010 18:15","10STATE19133",', "csv"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"", "empty"),
        (b" \n\r\n", "empty"),
    ],
)
def test_sniff(head: bytes, form: str) -> None:
    assert sniff(head) == form


def test_peek_head_does_not_consume() -> None:
    data = CSV_ROW * 3
    head, stream, at_eof = peek_head(Pipe(data), 16)
    assert head == data[:16]
    assert not at_eof
    assert stream.read() == data
    head, stream, at_eof = peek_head(io.BufferedReader(io.BytesIO(data)), 16)
    assert (head, stream.read(), at_eof) == (data[:16], data, False)
    head, stream, at_eof = peek_head(Pipe(b"short"), 16)
    assert (head, stream.read(), at_eof) == (b"short", b"short", True)


@pytest.mark.parametrize(
    ("data", "form"),
    [
        (CABLE.encode(), "text"),
        (CABLE.replace("TAGS: PGOV PREL", "TAGS: [PGOV](#) [PREL](#)").encode(), "markdown"),
        (HTML_PAGE.encode(), "html"),
        (CSV_ROW, "csv"),
    ],
)
@pytest.mark.parametrize("compress", [False, True])
def test_stdin_pipe_each_form(data: bytes, form: str, compress: bool) -> None:
    if compress:
        data = gzip.compress(data)
    [item] = texts(iter_texts([], stdin=Pipe(data)))
    assert item.source.format == form
    assert item.source.path == "-"
    assert "TAGS: " in item.text
    assert "VZCZCXYZ0659\n" in item.text


def test_dash_means_stdin_among_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CABLE)
    items = texts(iter_texts([str(tmp_path / "a.txt"), "-"], stdin=io.BytesIO(CSV_ROW)))
    assert [(t.source.path, t.source.format) for t in items] == [
        (str(tmp_path / "a.txt"), "text"),
        ("-", "csv"),
    ]


def test_input_format_overrides_detection(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE)
    [forced] = texts(iter_texts([page], input_format="text"))
    assert forced.source.format == "text"
    assert forced.text.startswith("<?xml")
    [forced] = texts(iter_texts([page], input_format="markdown"))
    assert forced.source.format == "markdown"
    md = tmp_path / "md.txt"
    md.write_text(CABLE.replace("TAGS: PGOV PREL", "TAGS: [PGOV](#)"))
    [plain] = texts(iter_texts([md], input_format="text"))
    assert plain.source.format == "text"
    odd = tmp_path / "odd.txt"
    odd.write_bytes(CSV_ROW.replace(b'"1",', b"1,"))  # not recognised as csv without the quote
    [row] = texts(iter_texts([odd], input_format="csv"))
    assert row.source.metadata["reference_id"] == "08BAKU187"


def test_unknown_input_format() -> None:
    assert FORMATS == ("text", "markdown", "html", "csv")
    with pytest.raises(ValueError, match="unknown input format"):
        list(iter_texts(["x"], input_format="pdf"))


# -- gzip -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "form"),
    [
        ("cable.txt", CABLE.encode("latin-1"), "text"),
        ("cable.md", CABLE.replace("PGOV", "[PGOV](#)").encode(), "markdown"),
        ("page.html", HTML_PAGE.encode(), "html"),
        ("cables.csv", CSV_ROW * 2, "csv"),
    ],
)
def test_gzip_of_each_form(tmp_path: Path, name: str, data: bytes, form: str) -> None:
    plain = tmp_path / name
    plain.write_bytes(data)
    packed = tmp_path / (name + ".gz")
    packed.write_bytes(gzip.compress(data))
    unnamed = tmp_path / "no-suffix"  # gzip is known by its magic bytes, not by its name
    unnamed.write_bytes(gzip.compress(data))
    expected = [
        (t.text, t.source.format, t.source.index, t.source.metadata) for t in texts(iter_texts([plain]))
    ]
    assert expected and expected[0][1] == form
    for path in (packed, unnamed):
        got = texts(iter_texts([path]))
        assert [(t.text, t.source.format, t.source.index, t.source.metadata) for t in got] == expected
        assert got[0].source.path == str(path)


def test_truncated_gzip_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv.gz"
    bad.write_bytes(gzip.compress(CSV_ROW * 50)[:-30])
    good = tmp_path / "b.txt"
    good.write_text(CABLE)
    items = list(iter_texts([bad, good]))
    assert all(isinstance(item, CableText) for item in items[:-2])  # rows before the cut are read
    error, last = items[-2:]
    assert isinstance(error, InputError)
    assert error.path == str(bad)
    assert "truncated gzip" in error.message
    assert isinstance(last, CableText) and last.source.path == str(good)


def test_corrupt_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "x.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 40)
    [error] = list(iter_texts([bad]))
    assert isinstance(error, InputError) and error.path == str(bad)
    assert "gzip" in error.message


# -- text -----------------------------------------------------------------------------------------


def test_latin1_crlf_file() -> None:
    path = TEXT / "09PARIS997.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\xb6" in raw
    [cable] = texts(iter_texts([path]))
    assert cable.source.format == "text"
    assert cable.source.index == 0 and cable.source.metadata is None
    assert "\r" not in cable.text
    assert "\n\u00b61.  (C)  SUMMARY:" in cable.text
    assert cable.text == raw.decode("latin-1").replace("\r\n", "\n")


def test_utf8_file_and_lone_cr(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(b"\xef\xbb\xbf" + CABLE.replace("\n", "\r").encode("utf-8"))
    [cable] = texts(iter_texts([path]))
    assert cable.text == CABLE


def test_markdown_file() -> None:
    [cable] = texts(iter_texts([TEXT / "08BAKU187.txt"]))
    assert cable.source.format == "markdown"
    assert "TAGS: [PGOV](#) [PREL](#) [PBTS](#) [UN](#) [AZ](#)" in cable.text


def test_several_cables_in_one_file(tmp_path: Path) -> None:
    one = (TEXT / "09PARIS997.txt").read_bytes()
    two = CABLE.replace("TAGS: PGOV PREL", "TAGS: [PGOV](#)").encode()
    path = tmp_path / "several.txt"
    path.write_bytes(one + b"\r\n" + two + b"\r\n" + one)  # 09PARIS997 has no final newline
    items = texts(iter_texts([path]))
    assert [(t.source.index, t.source.format) for t in items] == [(0, "text"), (1, "markdown"), (2, "text")]
    assert items[0].text == "\n" + items[2].text + "\n"
    assert items[0].text.startswith("\nVZCZCXRO4815\n")  # leading blank line stays with its cable
    assert items[1].text.startswith("VZCZCXYZ0659\n")
    assert items[2].text.startswith("VZCZCXRO4815\n")
    assert all(t.source.path == str(path) for t in items)


def test_headerless_concatenation_is_not_split_on_banners(tmp_path: Path) -> None:
    body = (
        "C O N F I D E N T I A L SECTION 01 OF 02 PARIS 000997\n\nTAGS: PREL\n\n1. (C) One.\n"
        "C O N F I D E N T I A L\n\nPAGE 02 PARIS 00000997 001.2 OF 002\n\n"
        "C O N F I D E N T I A L SECTION 02 OF 02 PARIS 000997\n\n2. (C) Two.\n"
    )
    path = tmp_path / "sections.txt"
    path.write_text(body)
    [cable] = texts(iter_texts([path]))
    assert cable.text == body


def test_text_that_is_not_a_cable_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\nabout nothing\n")
    [item] = list(iter_texts([path]))
    assert isinstance(item, InputError) and item.message.startswith("not a cable") and not item.skipped
    [forced] = texts(iter_texts([path], input_format="text"))  # a form given by the user is taken as is
    assert forced.text == "just some notes\nabout nothing\n"


@pytest.mark.parametrize("data", [b"", b"\n \r\n\t\n", gzip.compress(b"")])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert list(iter_texts([path])) == [InputError(str(path), "empty file, no cable")]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    packed = tmp_path / "image.png.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert list(iter_texts([path, packed])) == [
        InputError(str(path), "not a cable (binary data)"),
        InputError(str(packed), "not a cable (binary data)"),
    ]


# -- html -----------------------------------------------------------------------------------------


def test_html_2010_layout() -> None:
    [cable] = texts(iter_texts([HTML / "10BELGRADE3.html"]))
    assert cable.source.format == "html"
    assert cable.source.index == 0
    assert cable.source.metadata == {
        "reference_id": "10BELGRADE3",
        "created": "2010-01-12 13:01",
        "released": "2010-12-09 21:09",
        "classification": "CONFIDENTIAL//NOFORN",  # the link's title says "secret"
        "origin": "Embassy Belgrade",
    }
    text = cable.text
    assert text.startswith("VZCZCXRO5704\nRR RUEHAG ")
    assert "\nDE RUEHBW #0003/01 0121330\n" in text
    # the header block and the body block, with a blank line between them
    assert "\nRUCNDT/USMISSION USUN NEW YORK 0010\n\nTuesday, 12 January 2010, 13:30\n" in text
    assert "\nC O N F I D E N T I A L SECTION 01 OF 04 BELGRADE 000003 \n" in text
    assert "\nTAGS PGOV, PREL, KV, SR \n" in text
    assert "\n\u00b61. (C) We expect Serbia" in text
    assert "<a" not in text and "&#x" not in text and "\r" not in text


def test_html_2011_layout_classification_from_link_text() -> None:
    [cable] = texts(iter_texts([HTML / "08TRIPOLI220.html"]))
    assert cable.source.metadata == {
        "reference_id": "08TRIPOLI220",
        "created": "2008-03-13 15:03",
        "released": "2011-01-31 21:09",
        "classification": "CONFIDENTIAL",  # the link's title says "unclassified"
        "origin": "Embassy Tripoli",
    }
    assert cable.text.startswith("VZCZCXRO4024\nOO RUEHTRO\nDE RUEHTRO #0220/01 0731503\n")
    assert (
        "\nRUEHTRO/AMEMBASSY TRIPOLI 3706\n\nC O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220\n"
        in cable.text
    )
    assert "\nTAGS: PGOV PREL PHUM PINR LY\n" in cable.text


def test_html_partial_extract() -> None:
    [cable] = texts(iter_texts([HTML / "04OTTAWA3115.html"]))
    assert cable.source.metadata == {
        "reference_id": "04OTTAWA3115",
        "created": "2004-11-18 19:07",
        "released": "2010-12-01 18:06",
        "classification": "SECRET//NOFORN",
        "origin": "Embassy Ottawa",
    }  # the "Appears in these articles" row is not metadata
    assert "partial extract" not in cable.text
    assert cable.text.startswith("S E C R E T SECTION 01 OF 04 OTTAWA 003115\n\nSIPDIS\n")
    assert "\nTAGS: CA PGOV PREL\n" in cable.text
    assert "\n\u00b61. (C/NF) The Canadian Government" in cable.text


def test_html_four_column_layout(tmp_path: Path) -> None:
    page = (HTML / "10BELGRADE3.html").read_text(encoding="utf-8")
    page, n = re.subn(r"<th>Released</th>\n", "", page)
    assert n == 1
    page, n = re.subn(r"<td>\n<a href='/reldate/[^']*'>[^<]*</a>\n</td>\n", "", page)
    assert n == 1
    path = tmp_path / "four.html"
    path.write_text(page, encoding="utf-8")
    [cable] = texts(iter_texts([path]))
    assert cable.source.metadata == {
        "reference_id": "10BELGRADE3",
        "created": "2010-01-12 13:01",
        "classification": "CONFIDENTIAL//NOFORN",
        "origin": "Embassy Belgrade",
    }


def test_html_entities_links_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE.replace("&#x000A;", "&#x000D;&#x000A;").replace("\n", "\r\n").encode())
    [cable] = texts(iter_texts([path]))
    assert cable.text == (
        'VZCZCXYZ0659\nPP RUEHWEB\n\nTAGS: PGOV PREL\n\n\u00b61. (C) It is "quoted" & fine.'
    )
    assert cable.source.metadata["classification"] == "CONFIDENTIAL"


def test_html_without_pre(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<!DOCTYPE html><html><body><p>Nothing here</p></body></html>")
    assert list(iter_texts([path])) == [InputError(str(path), "no cable text found")]


def test_html_plusd_page_best_effort() -> None:
    [cable] = texts(iter_texts([HTML / "1973STATE097844_b.html"]))
    assert cable.source.format == "html"
    assert cable.source.metadata["canonical_id"] == "1973STATE097844_b"
    assert cable.source.metadata["original_classification"] == "LIMITED OFFICIAL USE"
    assert "reference_id" not in cable.source.metadata
    assert "\nFM SECSTATE WASHDC\n" in cable.text
    assert "\nTAGS:   SPOP  IT\n" in cable.text
    assert "\n1.   PLEASE INFORM TYDINGS" in cable.text
    assert cable.text.count("PLEASE INFORM TYDINGS") == 1  # the "Raw content" tab is not repeated


# -- csv ------------------------------------------------------------------------------------------


def mysql_field(value: str) -> bytes:
    return b'"' + value.replace("\\", "\\\\").replace('"', '\\"').encode() + b'"'


def csv_row(values: list[str], quote=mysql_field) -> bytes:
    return b",".join(quote(v) for v in values) + b"\n"


def test_csv_escapes_and_metadata() -> None:
    big = "X" * 200_000 + "\n" + "Y" * 1000
    rows = [
        [
            "1",
            "3/4/2008 13:55",
            "08BAKU187",
            "Embassy Baku",
            "CONFIDENTIAL",
            "08STATE21209,08BAKU100",
            "VZCZCXYZ0659\nPP RUEHWEB",
            'He said "no".\nA back\\slash \\"x\\" and \\\\ two.',
        ],
        ["2", "12/31/2009 23:59", "09STATE1", "Secretary of State", "UNCLASSIFIED", "", "", big],
    ]
    data = b"".join(csv_row(r) for r in rows)
    items = texts(read_csv(io.BytesIO(data), "cables.csv"))
    assert [t.source.index for t in items] == [1, 2]
    first, second = items
    assert first.source.format == "csv"
    assert first.source.path == "cables.csv"
    assert first.source.metadata == {
        "id": "1",
        "date": "3/4/2008 13:55",
        "reference_id": "08BAKU187",
        "origin": "Embassy Baku",
        "classification": "CONFIDENTIAL",
        "references": "08STATE21209,08BAKU100",
    }
    assert first.text == 'VZCZCXYZ0659\nPP RUEHWEB\n\nHe said "no".\nA back\\slash \\"x\\" and \\\\ two.'
    assert second.text == big  # no header: the content alone
    assert len(second.text) > 131072


def test_csv_doubled_quotes_mysql_escapes_and_crlf() -> None:
    data = (
        b'"7","1/2/2003 04:05","03ROME1","Embassy Rome","SECRET","",'
        b'"HEADER\r\nLINE 2\r\n","say ""hi"" \\ttab \\n\\Z end"""\r\n'
        b'"8","1/2/2003 04:06","03ROME2","Embassy Rome","SECRET","","H","""quoted"""'
    )
    first, second = texts(read_csv(io.BytesIO(data), "d.csv"))
    assert first.text == 'HEADER\nLINE 2\n\nsay "hi" \ttab \n\x1a end"'
    assert second.text == 'H\n\n"quoted"'
    assert second.source.index == 2


def test_csv_after_a_byte_order_mark() -> None:
    [item] = texts(iter_texts([], stdin=io.BytesIO(b"\xef\xbb\xbf" + CSV_ROW)))
    assert item.source.metadata["id"] == "1"


def test_no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert list(iter_texts([])) == [InputError("-", "no standard input")]


def test_csv_wrong_column_count_then_next_rows() -> None:
    rows = [
        csv_row(["1", "d", "r", "o", "c", "", "h", "body one"]),
        csv_row(["2", "d", "r", "o", "c", "h", "body, two"]),  # 7 columns
        csv_row(["3", "d", "r", "o", "c", "", "h", "x", "extra"]),  # 9 columns
        csv_row(["4", "d", "r", "o", "c", "", "h", "body four"]),
    ]
    items = list(read_csv(io.BytesIO(b"".join(rows)), "cables.csv"))
    assert items[1] == InputError("cables.csv", "expected 8 columns, found 7", 2)
    assert items[2] == InputError("cables.csv", "expected 8 columns, found 9", 3)
    assert [t.source.index for t in items if isinstance(t, CableText)] == [1, 4]
    assert items[3].text == "h\n\nbody four"
    assert str(items[1]) == "cables.csv: row 2: expected 8 columns, found 7"


def _stray_quote_dump(text: bytes) -> bytes:
    body = b"line one\n" * 50
    return (
        csv_row(["1", "d", "r1", "o", "c", "", "h", "one"])
        + b'"2","d","r2","o","c","","h","' + text + b"\n" + body + b'"\n'
        + csv_row(["3", "d", "r3", "o", "c", "", "h", "three"])
        + csv_row(["4", "d", "r4", "o", "c", "", "h", "four"])
    )  # fmt: skip


@pytest.mark.parametrize("chunk_size", [7, 1 << 20])
def test_csv_stray_quote_is_one_error_and_the_row_numbers_stay_right(chunk_size: int) -> None:
    # An unescaped quote closes the field early: the rest of it is not rows, but one broken row.
    items = list(read_csv(io.BytesIO(_stray_quote_dump(b'SUB"JECT')), "c.csv", chunk_size=chunk_size))
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors == [
        InputError(
            "c.csv", "broken quoting: the lines after this row are not rows; skipped to the next row", 2
        )
    ]
    got = [(t.source.index, t.source.metadata["reference_id"]) for t in items if isinstance(t, CableText)]
    assert got == [(1, "r1"), (2, "r2"), (3, "r3"), (4, "r4")]
    # A quote and a comma: the row has a column too many, then the same.
    items = list(read_csv(io.BytesIO(_stray_quote_dump(b'SUB",JECT')), "c.csv", chunk_size=chunk_size))
    assert [i for i in items if isinstance(i, InputError)] == [
        InputError("c.csv", "expected 8 columns, found 9", 2)
    ]
    got = [(t.source.index, t.source.metadata["reference_id"]) for t in items if isinstance(t, CableText)]
    assert got == [(1, "r1"), (3, "r3"), (4, "r4")]


def test_csv_stray_opening_quote_does_not_swallow_the_next_rows() -> None:
    data = (
        csv_row(["1", "d", "r1", "o", "c", "", "h", "one"])
        + b'"2","d","r2","o","c","","h",x"open\n'
        + csv_row(["3", "d", "r3", "o", "c", "", "h", "three"])
        + csv_row(["4", "d", "r4", "o", "c", "", "h", "four"])
    )
    items = list(read_csv(io.BytesIO(data), "c.csv"))
    got = [t.source.metadata["reference_id"] for t in items if isinstance(t, CableText)]
    assert got[0] == "r1" and got[-2:] == ["r3", "r4"]


def test_csv_of_another_layout_gives_a_bounded_number_of_messages() -> None:
    from cablecli.inputs.csvdump import MAX_ROW_ERRORS

    data = b"".join(csv_row([str(i), "a", "b"]) for i in range(1, 501))
    items = list(read_csv(io.BytesIO(data), "other.csv"))
    assert len(items) == MAX_ROW_ERRORS + 1
    assert items[0] == InputError("other.csv", "expected 8 columns, found 3", 1)
    assert items[-1] == InputError("other.csv", f"{500 - MAX_ROW_ERRORS} more rows could not be read")


def test_csv_ends_inside_quoted_field(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes(
        csv_row(["1", "d", "r", "o", "c", "", "h", "one"]) + b'"2","d","r","o","c","","h","cut sho'
    )
    items = list(iter_texts([path]))
    assert isinstance(items[0], CableText)
    assert items[1:] == [InputError(str(path), "file ends inside a quoted field", 2)]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 64, 1 << 20])
def test_csv_chunk_boundaries(chunk_size: int) -> None:
    rng = random.Random(chunk_size)
    alphabet = ['"', "\\", ",", "\n", "\r\n", "a", "b", " ", "\u00b6", '""', "\\n"]
    rows = []
    for i in range(40):
        values = [str(i + 1), "1/1/2001 00:00", f"01X{i}", "o", "c", ""]
        values += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(2)]
        rows.append(values)
    data = b"".join(csv_row(r) for r in rows)
    items = texts(read_csv(io.BytesIO(data), "c.csv", chunk_size=chunk_size))
    assert len(items) == len(rows)
    for item, values in zip(items, rows, strict=True):
        header, content = values[6], values[7]
        expected = header.rstrip("\r\n") + "\n\n" + content if header.strip() else content
        assert item.text == expected.replace("\r\n", "\n").replace("\r", "\n")
        assert item.source.metadata["reference_id"] == values[2]


def test_csv_is_read_lazily() -> None:
    row = csv_row(["1", "d", "r", "o", "c", "", "h", "z" * 5000])
    pipe = Pipe(row * 1000, step=1 << 16)
    stream = iter_texts([], stdin=pipe)
    first = next(stream)
    assert isinstance(first, CableText)
    assert pipe.consumed < len(row) * 1000 / 2
    assert sum(1 for _ in stream) == 999


class _RowSource(io.RawIOBase):
    """An endless-looking dump, made up row by row, so that memory is the reader's alone."""

    def __init__(self, rows: int) -> None:
        self._rows = rows
        self._row = 0
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and self._row < self._rows:
            self._row += 1
            body = f'{self._row} \\"quoted\\" text\n' + "plain text of a paragraph\n" * 300
            self._pending = (
                f'"{self._row}","1/1/2001 00:00","01X{self._row}","o","c","","HEADER","{body}"\n'.encode()
            )
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _peak_while_reading(rows: int) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_texts([], stdin=io.BufferedReader(_RowSource(rows))))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_csv_memory_is_flat() -> None:
    small_count, small_peak = _peak_while_reading(500)
    large_count, large_peak = _peak_while_reading(5000)  # about 40 MB of rows
    assert (small_count, large_count) == (500, 5000)
    assert large_peak < 12 * 1024 * 1024
    assert large_peak < small_peak * 1.5 + 1024 * 1024


# -- errors and paths -----------------------------------------------------------------------------


def test_missing_file_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CABLE)
    missing = tmp_path / "missing.txt"
    items = list(iter_texts([missing, good]))
    assert items[0] == InputError(str(missing), "No such file or directory")
    assert isinstance(items[1], CableText)


def test_unreadable_file_chmod(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(CABLE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file")
        assert list(iter_texts([path])) == [InputError(str(path), "Permission denied")]
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cablecli.inputs

    path = tmp_path / "secret.txt"
    path.write_text(CABLE)
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(cablecli.inputs, "open", refusing_open, raising=False)
    other = tmp_path / "other.txt"
    other.write_text(CABLE)
    items = list(iter_texts([path, other]))
    assert items[0] == InputError(str(path), "Permission denied")
    assert isinstance(items[1], CableText)


def test_read_error_midway_is_an_item() -> None:
    class Failing(Pipe):
        def read(self, n: int = -1) -> bytes:
            if self.consumed > 100:
                raise OSError(5, "Input/output error")
            return super().read(n)

    items = list(iter_texts([], stdin=Failing(CABLE.encode() * 20, step=64)))
    assert items == [InputError("-", "Input/output error")]


def make_tree(root: Path) -> None:
    for rel in ["b/2.txt", "b/1.txt", "a.txt", "c/d/3.txt", ".hidden.txt", ".git/x.txt", "b/.swp", "B.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CABLE)


def test_walk_order_and_hidden_entries(tmp_path: Path) -> None:
    make_tree(tmp_path)
    root = str(tmp_path)
    assert list(expand_paths([root])) == [
        os.path.join(root, name) for name in ["B.txt", "a.txt", "b/1.txt", "b/2.txt", "c/d/3.txt"]
    ]
    # a hidden file named explicitly is read; the order of arguments is kept
    hidden = os.path.join(root, ".hidden.txt")
    assert list(expand_paths([hidden, os.path.join(root, "c")])) == [hidden, os.path.join(root, "c/d/3.txt")]
    paths = [t.source.path for t in texts(iter_texts([tmp_path]))]
    assert paths == [os.path.join(root, n) for n in ["B.txt", "a.txt", "b/1.txt", "b/2.txt", "c/d/3.txt"]]


def test_walk_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text(CABLE)
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "up").symlink_to(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "e").symlink_to(tmp_path / "d")  # a second way into d: read once, quietly
    # Without -L/--follow the links inside a walk are skipped, as ripgrep skips them.
    assert [t.source.path for t in texts(iter_texts([tmp_path]))] == [str(tmp_path / "d" / "x.txt")]
    items = list(iter_texts([tmp_path], follow=True))
    assert [str(i.path if isinstance(i, InputError) else i.source.path) for i in items] == [
        str(tmp_path / "d" / "loop"),
        str(tmp_path / "d" / "x.txt"),
        str(tmp_path / "dangling.txt"),
        str(tmp_path / "up"),
    ]
    # A loop is reported, as ripgrep and find report it, and the walk goes on.
    assert items[0] == InputError(
        str(tmp_path / "d" / "loop"), f"directory loop: links back to {tmp_path / 'd'}, not followed"
    )
    assert items[2] == InputError(str(tmp_path / "dangling.txt"), "No such file or directory")
    assert items[3] == InputError(
        str(tmp_path / "up"), f"directory loop: links back to {tmp_path}, not followed"
    )


def test_walk_skips_fifos(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "x.txt").write_text(CABLE)
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "x.txt")]


def test_walk_without_recursion_2000_nested_directories(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(2000):
        deep = deep / "d"
        deep.mkdir()
    (deep / "x.txt").write_text(CABLE)
    (tmp_path / "z.txt").write_text(CABLE)  # read after the deep branch
    try:
        found = list(expand_paths([str(tmp_path)]))
        assert found == [str(deep / "x.txt"), str(tmp_path / "z.txt")]
    finally:  # shutil.rmtree, which cleans tmp_path up, recurses: take the tree down from below
        (deep / "x.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


def test_walk_skips_a_link_to_a_fifo_also_when_following(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.txt").symlink_to(tmp_path / "pipe")
    (tmp_path / "x.txt").write_text(CABLE)
    assert list(expand_paths([str(tmp_path)], follow=True)) == [str(tmp_path / "x.txt")]
    assert list(expand_paths([str(tmp_path)])) == [str(tmp_path / "x.txt")]


def test_walk_follows_links_out_of_the_tree_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(CABLE)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text(CABLE)
    (tree / "passwd").symlink_to(outside / "secret.txt")
    (tree / "etc").symlink_to(outside)
    assert list(expand_paths([str(tree)])) == [str(tree / "a.txt")]
    assert list(expand_paths([str(tree)], follow=True)) == [
        str(tree / "a.txt"),
        str(tree / "etc" / "secret.txt"),
        str(tree / "passwd"),
    ]
    # A link named on the command line is followed, as ripgrep follows it.
    assert list(expand_paths([str(tree / "etc")])) == [str(tree / "etc" / "secret.txt")]


def test_walk_leaves_out_the_paths_to_skip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CABLE)
    (tmp_path / "out.txt").write_text(CABLE)
    skip = {os.path.realpath(tmp_path / "out.txt")}
    assert list(expand_paths([str(tmp_path)], skip=skip)) == [str(tmp_path / "a.txt")]


def test_on_bytes_counts_raw_bytes(tmp_path: Path) -> None:
    plain = tmp_path / "c.csv"
    plain.write_bytes(CSV_ROW * 5000)
    packed = tmp_path / "c.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    calls: list[int] = []
    assert len(texts(iter_texts([plain, packed], on_bytes=calls.append))) == 10000
    assert sum(calls) == plain.stat().st_size + packed.stat().st_size
    assert len(calls) < 100  # in chunks


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    make_tree(tmp_path)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}
    list(iter_texts([tmp_path]))
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()}


# -- read() ---------------------------------------------------------------------------------------


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch):
    module = types.ModuleType("cablecli.parse")
    module.parse_text = lambda text, source=None: ("parsed", text[:12], source)
    monkeypatch.setitem(sys.modules, "cablecli.parse", module)
    return module


def test_read_parses_each_text(tmp_path: Path, fake_parser) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(CSV_ROW * 2)
    records = list(read(str(path)))
    assert [(r[0], r[1], r[2].index) for r in records] == [
        ("parsed", "VZCZCXYZ0659", 1),
        ("parsed", "VZCZCXYZ0659", 2),
    ]


def test_read_errors(tmp_path: Path, fake_parser) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CABLE)
    missing = tmp_path / "missing.txt"
    seen: list[InputError] = []
    assert len(list(read([missing, good], on_error=seen.append))) == 1
    assert seen == [InputError(str(missing), "No such file or directory")]
    with pytest.raises(CableInputError) as caught:
        list(read([missing, good]))
    assert caught.value.error == InputError(str(missing), "No such file or directory")
    assert str(caught.value) == f"{missing}: No such file or directory"


# -- a generated corpus in all three forms --------------------------------------------------------

_TAG_LINK = re.compile(r"\[([^\[\]\n]+)\]\(#\)")


def _comparable(text: str) -> str:
    text = _TAG_LINK.sub(r"\1", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def test_generated_corpus_same_texts_in_every_form(tmp_path: Path) -> None:
    out = generate(tmp_path / "corpus", 50, seed="7", fmt="mixed", messy=0.3)
    by_form: dict[str, dict[str, str]] = {}
    for name, form in (("text", "text"), ("html", "html"), ("cables.csv", "csv")):
        items = texts(iter_texts([out / name]))
        assert len(items) == 50
        assert {t.source.format for t in items} <= ({"text", "markdown"} if form == "text" else {form})
        if form == "csv":
            keyed = {t.source.metadata["reference_id"]: t.text for t in items}
        else:
            keyed = {Path(t.source.path).stem: t.text for t in items}
        by_form[form] = {key: _comparable(text) for key, text in keyed.items()}
    assert by_form["text"].keys() == by_form["html"].keys() == by_form["csv"].keys()
    for key, text in by_form["text"].items():
        assert by_form["html"][key] == text, key
        assert by_form["csv"][key] == text, key


# Cables published without the VZCZC line, one after another (`cat text/*.txt | cablecli parse`).

_NO_VZCZC = """\
R 251550Z AUG 09
FM USEU BRUSSELS
TO SECSTATE WASHDC
UNCLAS USEU BRUSSELS 00{serial}

E.O. 12958: N/A
TAGS: OTRA ETRD
SUBJECT: TEST CABLE {serial}

1. A paragraph that quotes a date-time group:
R 011200Z JAN 09
and goes on without an FM line.

MURRAY
"""


def test_cables_without_vzczc_are_split_at_their_header(tmp_path: Path) -> None:
    first, second = _NO_VZCZC.format(serial="1177"), _NO_VZCZC.format(serial="1178")
    path = tmp_path / "two.txt"
    path.write_text(first + "\n" + second, encoding="utf-8")
    items = texts(iter_texts([path]))
    assert [t.text for t in items] == [first + "\n", second]
    assert [t.source.line for t in items] == [1, first.count("\n") + 2]


def test_a_vzczc_cable_then_one_without(tmp_path: Path) -> None:
    first = CABLE if CABLE.endswith("\n") else CABLE + "\n"
    second = _NO_VZCZC.format(serial="1177")
    path = tmp_path / "mixed.txt"
    path.write_text(first + "\n" + second, encoding="utf-8")
    items = texts(iter_texts([path]))
    assert len(items) == 2 and items[1].text == second


def test_a_dtg_line_inside_a_body_does_not_split(tmp_path: Path) -> None:
    one = _NO_VZCZC.format(serial="1177")
    path = tmp_path / "one.txt"
    path.write_text(one, encoding="utf-8")
    assert [t.text for t in texts(iter_texts([path]))] == [one]


def test_cat_of_cables_without_vzczc_parses_to_one_record_each() -> None:
    import json

    from typer.testing import CliRunner

    from cablecli.cli import app

    data = "".join(_NO_VZCZC.format(serial=n) for n in ("1177", "1178", "1179")).encode()
    result = CliRunner().invoke(app, ["parse", "-f", "jsonl", "--fields", "reference_id,signers"], input=data)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == [
        {"reference_id": f"09USEUBRUSSELS{n}", "signers": ["MURRAY"]} for n in (1177, 1178, 1179)
    ]
