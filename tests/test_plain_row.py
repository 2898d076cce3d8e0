"""The dump reader's one-expression path for common rows (`csvdump._PLAIN_ROW`) stands in front of
the byte scanner (`_parse_row`) only where it is exact: wherever it matches a row, the scanner cuts
the same row at the same place into the same fields; and reading a dump with it gives what reading
without it gives, rows, row numbers and errors alike, for whole dumps built from the characters
that decide quoting (quotes, backslashes, commas, line ends, NULL)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablecli.inputs import csvdump
from cablecli.inputs.csvdump import RawRow, read_csv
from tests.conftest import FIXTURES, generate

# Pieces of field contents: every byte that matters to the quoting, and runs of them; the pieces a
# quoted field may hold come more often, so that many rows are whole ones.
WHOLE = ["a", "B7", " ", '""', '\\"', "\\\\", "\\n", "\\N", ",", "\n", "\r\n", "é", "\\'", '\\"""', '""\\"']
ODD = ['"', "\\", '\\\\"', "\r", '\\\\\\"']
CONTENT = st.lists(st.sampled_from(WHOLE * 6 + ODD), max_size=8).map("".join)


def _field(content: str, quoted: bool) -> str:
    return f'"{content}"' if quoted else content


ANY_ROW = st.builds(
    lambda contents, quoted, sep, end: (
        sep.join(_field(c, q) for c, q in zip(contents, quoted, strict=False)) + end
    ),
    st.lists(CONTENT, min_size=7, max_size=9),
    st.just([True] * 9) | st.lists(st.booleans(), min_size=9, max_size=9),
    st.sampled_from([",", ", "]),
    st.sampled_from(["\n", "\r\n", "\r", ""]),
)
# Rows of eight quoted fields, their contents mostly what a quoted field may hold.
WHOLE_ROW = st.builds(
    lambda contents, end: ",".join(f'"{c}"' for c in contents) + end,
    st.lists(st.lists(st.sampled_from(WHOLE * 20 + ODD), max_size=6).map("".join), min_size=8, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
)
ROW = WHOLE_ROW | ANY_ROW


@settings(max_examples=1000, deadline=None)
@given(ROW, st.sampled_from(["", "\n", '"9","', '"9","1","2","3","4","5","6","7"\n']))
def test_where_the_expression_matches_the_scanner_reads_the_same_row(row, after):
    data = (row + after).encode()
    plain = csvdump._PLAIN_ROW.match(data)
    if plain is None:
        return
    parsed = csvdump._parse_row(data, 0, eof=True)
    assert parsed is not None
    fields, end = parsed
    assert end == plain.end()
    assert csvdump._plain_fields(plain) == fields
    # The worker's side: the row's own bytes, matched again, give the same fields.
    raw = RawRow(data[: plain.end()], "d.csv", 1)
    assert raw.cable_text() == csvdump._cable_text(fields, "d.csv", 1)


def test_the_expression_takes_the_common_rows_and_leaves_the_odd_ones():
    match = csvdump._PLAIN_ROW.match
    assert match(b'"1","2","3","4","5","6","7","8"\n')
    assert match(b'"1","2","3","4","5","6","say \\"hi\\" \\\\ ""x""","8"\r\n')
    assert not match(b'"1","2","3","4","5","6","7","8"\r')  # a lone CR: what follows decides
    assert not match(b'1,"2","3","4","5","6","7","8"\n')  # an unquoted field
    assert not match(b'"1","2","3","4","5","6","7","8\\\\"\n')  # a quote after two backslashes
    assert not match(b'"1","2","3","4","5","6","7"x,"8"\n')  # stray bytes after a quote
    assert not match(b'"1","2","3","4","5","6","7"\n')  # seven columns


def _read_without_the_expression(monkeypatch, data, raw):
    with monkeypatch.context() as m:
        m.setattr(csvdump, "_PLAIN_ROW", re.compile(rb"(?!)"))
        return list(read_csv(io.BytesIO(data), "d.csv", chunk_size=64, raw=raw))


def _texts(items):
    return [item.cable_text() if isinstance(item, RawRow) else item for item in items]


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=6))
def test_a_dump_reads_the_same_with_and_without_the_expression(rows):
    data = "".join(rows).encode()
    monkeypatch = pytest.MonkeyPatch()
    for raw in (False, True):
        expected = _read_without_the_expression(monkeypatch, data, raw)
        got = list(read_csv(io.BytesIO(data), "d.csv", chunk_size=64, raw=raw))
        assert _texts(got) == _texts(expected)


def test_generated_and_fixture_dumps_read_the_same_with_and_without_the_expression(tmp_path, monkeypatch):
    clean = generate(tmp_path / "c", count=60, seed="plain-row", fmt="csv") / "cables.csv"
    messy = generate(tmp_path / "m", count=60, seed="plain-row-messy", fmt="csv", messy=0.5) / "cables.csv"
    for path in (clean, messy, FIXTURES / "five.csv"):
        data = path.read_bytes()
        broken = data[: len(data) // 2] + b'"x",\n' + data[len(data) // 2 :] + b'"1","\\'
        for blob in (data, broken):
            for raw in (False, True):
                expected = _read_without_the_expression(monkeypatch, blob, raw)
                got = list(read_csv(io.BytesIO(blob), "d.csv", chunk_size=64, raw=raw))
                assert _texts(got) == _texts(expected)
                if raw and blob is data:
                    assert any(isinstance(item, RawRow) and isinstance(item.data, bytes) for item in got)


def test_a_row_near_the_size_limit_is_measured_exactly(monkeypatch):
    from cablecli import inputs

    limit = 100
    monkeypatch.setattr(inputs, "_max_cable_size", limit)
    for size in (limit - 2, limit - 1, limit, limit + 1):
        escaped = "x" * (size - 10) + '\\"' * 10  # ten escapes: `size` bytes once decoded
        data = f'"1","2","3","4","5","6","","{escaped}"\n'.encode()
        items = list(read_csv(io.BytesIO(data), "d.csv"))
        assert len(items) == 1
        assert (type(items[0]).__name__ == "InputError") == (size > limit), size
