"""A Cablegate page is read from the span that holds its table and `<pre>` blocks when the rest of
the page provably holds nothing the reader takes; the result is always the whole-page walk's."""

from __future__ import annotations

import pytest

from cablecli.inputs import html
from cablecli.inputs.text import decode
from tests.conftest import FIXTURES, generate

TABLE = (
    "<table class='cable'><tr><th>Reference ID</th><th>Created</th><th>Origin</th></tr>"
    "<tr><td><a href='#'>99ATLANTIS12</a></td><td>1999-01-02 03:04</td><td>Embassy Atlantis</td></tr></table>"
)
PRES = "<pre>UNCLAS ATLANTIS 000012&#x000A;&#x000A;SUBJECT: A TEST</pre>\n<pre>1. Text &amp; more.</pre>"


def _whole(page: str):
    reader = html._CablePage()
    reader.feed(page)
    reader.close()
    return reader.result()


def _page(before: str = "", after: str = "") -> str:
    nav = "".join(f"<li><a href='/tag/T{i}.html' title='a > b'>T{i}</a></li>\n" for i in range(300))
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE html><html><head><title>99ATLANTIS12</title>"
        f"</head><body><ul>{nav}</ul>{before}{TABLE}\n{PRES}{after}<p>footer</p></body></html>"
    )


def test_span_of_a_plain_page_is_read_alone():
    page = _page()
    span = html._cable_span(page)
    assert span is not None and page[span[0] :].startswith("<table") and page[: span[1]].endswith("</pre>")
    text, metadata = html._read_page(page)
    assert (text, metadata) == _whole(page)
    assert text == "UNCLAS ATLANTIS 000012\n\nSUBJECT: A TEST\n\n1. Text & more."
    assert metadata == {
        "reference_id": "99ATLANTIS12",
        "created": "1999-01-02 03:04",
        "origin": "Embassy Atlantis",
    }


@pytest.mark.parametrize(
    "before, after",
    [
        ("<!-- <pre>hidden</pre> -->", ""),  # a comment could hide a block
        ("<script>var s = '<table>';</script>", ""),  # raw text before the table
        ("<title>unclosed", ""),
        ("<a title='x <table class=cable>'>", ""),  # the first `<table` is inside an attribute
        ("", "<pre>a block never closed"),  # an element left open after the span
        ("", "<table class='cable'><tr><td>x"),
        ("", "<script>document.write('</pre>')</script>"),
    ],
)
def test_pages_the_span_cannot_prove_are_walked_whole(before, after):
    page = _page(before, after)
    assert html._cable_span(page) is None
    assert html._read_page(page) == _whole(page)


def test_plusd_divs_beside_cable_blocks_change_nothing():
    # The reader takes a PlusD page's divs only when there is no cable block: here there is one.
    page = _page(
        "<div class='s_key'>From:</div><div class='s_val'>X</div><div class='text-header'>T", "</div>"
    )
    assert html._cable_span(page) is not None
    assert html._read_page(page) == _whole(page)
    assert html._read_page(page)[0].startswith("UNCLAS ATLANTIS")


def test_a_span_without_cable_block_is_walked_whole():
    page = _page().replace("<pre>", "<p>").replace("</pre>", "</p>")
    page = page.replace("</body>", "<div class='text-header'>UNCLAS X 000001</div></body>")
    text, _ = html._read_page(page)
    assert (text, _) == _whole(page) and text == "UNCLAS X 000001"


def test_an_unfinished_tag_before_the_span_forces_the_whole_walk():
    assert html._cable_span("<p><a href='x" + TABLE + PRES + "'>") is None
    assert html._cable_span('<p><a title="a>b ' + TABLE + PRES + '">') is None


def _fixture_pages():
    return sorted(FIXTURES.rglob("*.html"))


@pytest.mark.parametrize("path", _fixture_pages(), ids=lambda p: p.name)
def test_fixture_pages_read_as_the_whole_walk(path):
    page = decode(path.read_bytes())
    assert html._read_page(page) == _whole(page)


def test_real_cablegate_pages_take_the_span():
    taken = [p for p in _fixture_pages() if html._cable_span(decode(p.read_bytes())) is not None]
    assert len(taken) >= 4


def test_generated_pages_read_as_the_whole_walk(tmp_path):
    where = generate(tmp_path, count=150, seed="span", fmt="html", messy=0.3)
    pages = sorted(where.rglob("*.html"))
    assert len(pages) == 150
    for path in pages:
        page = decode(path.read_bytes())
        assert html._read_page(page) == _whole(page), path.name


SHARED_HTML = FIXTURES.parents[2] / "shared" / "corpus" / "html"


def _fast(page: str) -> bool:
    """Is the span read by the regular expression (rather than handed to html.parser)?"""
    span = html._cable_span(page)
    return span is not None and html._read_span(page, *span) is not None


@pytest.mark.parametrize(
    "table, pres, fast",
    [
        # Upper case names, entities in attribute values (`&#99;able` is `cable`), plain values.
        (
            "<TABLE CLASS='&#99;able'><TR><TH>Origin</TH></TR><TR><TD>Embassy &amp; X</TD></TR></TABLE>",
            "",
            True,
        ),
        ("<table class=cable><tr><td colspan=2>x</td></tr><tr><td>A</td></tr></table>", "", True),
        ("<table class=\"cable\"\n><tr\n><td\tclass = 'x' >A&nbsp;B</td ></tr></table>", "", True),
        # Line breaks as tags, references of every form, a `>` in a quoted value.
        ("", "<pre>A<br>B<BR/>C<br />D&#10;E&#x000a;F&#X0A;G&&#x000A;H&amp&lt;I&notit;J</pre>", True),
        ("", "<pre/><pre>A <a title='a>b' href=\"/x\">LINK</a> B</pre>", True),
        ("<table class='cable'><tr><td><pre>IN A CELL</pre></td></tr></table>", "", True),
        (
            "<table class='cable'><tr><td><table><tr><td>inner</td></tr></table>outer</td></tr></table>",
            "",
            True,
        ),
        # Markup the expression does not take: html.parser reads the span.
        ("", "<pre>a < b and a<b</pre>", False),
        ("<table class='cable'><tr><td colspan=2/>x</td></tr></table>", "", False),
        ("", "<pre>A<a:b>B</a:b><x-y>C</x-y></pre>", False),
        ("", "<pre>A<a\x0bhref='x'>B</a></pre>", False),
        ("", "<pre>A<a href='x'title='y'>B</a></pre>", False),
        ("", "<pre>A<?php echo 1 ?>B</pre>", False),
        ("", "<pre>A<!DOCTYPE x>B</pre>", False),
    ],
)
def test_the_span_reads_as_html_parser(table, pres, fast):
    page = _page().replace(TABLE, table or TABLE).replace(PRES, pres or PRES)
    assert html._cable_span(page) is not None
    assert _fast(page) is fast
    assert html._read_page(page) == _whole(page)


def test_generated_pages_take_the_regular_expression(tmp_path):
    where = generate(tmp_path, count=60, seed="span-fast", fmt="html", messy=0.5)
    pages = [decode(path.read_bytes()) for path in sorted(where.rglob("*.html"))]
    assert sum(_fast(page) for page in pages) >= 0.95 * len(pages)
    assert all(html._read_page(page) == _whole(page) for page in pages)


def test_real_pages_read_as_the_whole_walk():
    # The 400 pages of ../shared/corpus beside a checkout; the 30 of examples/ in a clone alone.
    where = SHARED_HTML if SHARED_HTML.is_dir() else FIXTURES.parents[1] / "examples" / "cables" / "html"
    pages = [decode(path.read_bytes()) for path in sorted(where.glob("*.html"))]
    assert len(pages) >= (400 if where == SHARED_HTML else 30)
    assert sum(_fast(page) for page in pages) >= 0.95 * len(pages)
    assert [i for i, page in enumerate(pages) if html._read_page(page) != _whole(page)] == []
