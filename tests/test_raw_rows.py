"""Rows of a dump handed over undecoded (`iter_texts(..., raw_rows=True)`), as parallel parsing
takes them: each decodes to the CableText the ordinary reading gives, and parsing them in worker
processes gives the same output as parsing the texts in one process."""

from __future__ import annotations

import io
import json
import pickle

from cablecli.inputs import CableText, InputError, iter_texts
from cablecli.inputs.csvdump import RawRow, read_csv
from cablecli.parse.pool import parse_stream
from tests.conftest import FIXTURES, generate


def _as_texts(items):
    return [item.cable_text() if isinstance(item, RawRow) else item for item in items]


def test_raw_rows_decode_to_the_texts_read(tmp_path):
    dump = generate(tmp_path, count=40, seed="raw-rows", fmt="csv", messy=0.5) / "cables.csv"
    data = dump.read_bytes()
    broken = data + b'"41","x"\n"42","1/1/2000 00:00","","","","","",""\n'  # a short row
    for blob in (data, broken, (FIXTURES / "five.csv").read_bytes()):
        texts = list(read_csv(io.BytesIO(blob), "d.csv"))
        raw = list(read_csv(io.BytesIO(blob), "d.csv", raw=True))
        assert any(isinstance(item, RawRow) for item in raw)
        assert _as_texts(raw) == texts
        assert pickle.loads(pickle.dumps(raw)) == raw
    assert any(isinstance(item, InputError) for item in read_csv(io.BytesIO(broken), "d.csv", raw=True))


def test_iter_texts_gives_raw_rows_for_dumps_only(tmp_path):
    where = generate(tmp_path, count=12, seed="raw-mixed", fmt="mixed")
    paths = [where / "cables.csv", where / "text", where / "html"]
    plain = list(iter_texts(paths))
    raw = list(iter_texts(paths, raw_rows=True))
    assert {type(item) for item in raw} == {RawRow, CableText}
    assert all(item.path.endswith("cables.csv") for item in raw if isinstance(item, RawRow))
    assert _as_texts(raw) == plain


def _line(cable):
    return json.dumps(cable.to_dict())


def test_workers_parse_raw_rows_as_one_process_parses_texts(tmp_path):
    dump = generate(tmp_path, count=150, seed="raw-pool", fmt="csv", messy=0.3) / "cables.csv"
    one = list(parse_stream(iter_texts([dump]), 1, _line))
    two = list(parse_stream(iter_texts([dump], raw_rows=True), 2, _line))
    assert len(one) == 150 and two == one
    assert list(parse_stream(iter_texts([dump], raw_rows=True), 1, _line)) == one
