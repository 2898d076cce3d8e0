"""Records formatted in the workers come back as one block of bytes a batch (render.records.Block):
written by `Writer.write_block`, they give the bytes the writer gives for the records one by one,
framing included (the JSON array's brackets and commas, the CSV header), whatever the cut into
blocks; and `parse -j 2` writes what `parse -j 1` writes, errors in their place, for every format."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablecli.inputs import CableText, iter_texts
from cablecli.model import FIELDS
from cablecli.parse import parse_text
from cablecli.render.records import WRITERS, Block, format_record, join_records, select
from tests.conftest import FIXTURES, ROOT, generate

FORMATS = sorted(WRITERS)
ENV = {**os.environ, "CABLECLI_NO_PROGRESS": "1"}


def _records(tmp_path: Path, count: int = 9) -> list[dict]:
    where = generate(tmp_path, count=count, seed="blocks", fmt="text", messy=0.3)
    records = [
        parse_text(t.text, t.source).to_dict() for t in iter_texts([where]) if isinstance(t, CableText)
    ]
    records[0]["subject"] = "a file name that is not UTF-8: odd\udcff.txt, and =SUM(A1) é ’"
    return records


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape", newline="")


def _one_by_one(fmt: str, columns: list[str], records: list[dict]) -> bytes:
    out = _stream()
    writer = WRITERS[fmt](out, columns)
    for record in records:
        writer.write(record)
    writer.close()
    return out.buffer.getvalue()


def _in_blocks(fmt: str, columns: list[str], records: list[dict], cuts: list[int]) -> bytes:
    out = _stream()
    writer = WRITERS[fmt](out, columns)
    assert writer.block_encoding() == ("utf-8", "surrogateescape")
    texts = [format_record(fmt, columns, r) for r in records]
    for start, end in zip([0, *cuts], [*cuts, len(texts)], strict=True):
        if start < end:
            writer.write_block(join_records(texts[start:end], fmt, "utf-8", "surrogateescape"))
    writer.close()
    return out.buffer.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_write_what_records_one_by_one_write(tmp_path, fmt):
    records = _records(tmp_path)
    for columns in (list(FIELDS), ["reference_id", "subject", "tags"]):
        trimmed = [select(r, columns) for r in records]
        for count in (0, 1, 2, len(trimmed)):
            expected = _one_by_one(fmt, columns, trimmed[:count])
            for cuts in ([], [1], [1, 2], [3, 5, 6], list(range(1, count))):
                cuts = [c for c in cuts if c < count]
                assert _in_blocks(fmt, columns, trimmed[:count], cuts) == expected, (count, cuts)


def test_text_written_before_a_block_goes_first(tmp_path):
    records = _records(tmp_path, count=4)
    out = _stream()
    writer = WRITERS["json"](out, list(FIELDS))
    texts = [format_record("json", list(FIELDS), r) for r in records]
    writer.write_formatted(texts[0])  # held in the text layer
    writer.write_block(join_records(texts[1:3], "json", "utf-8", "surrogateescape"))
    writer.write_formatted(texts[3])
    writer.close()
    assert out.buffer.getvalue() == _one_by_one("json", list(FIELDS), records)


def test_a_block_that_cannot_be_encoded_is_written_record_by_record(tmp_path):
    # A lone surrogate other than an escaped byte: the stream fails on that record, as before,
    # after writing the ones before it.
    texts = ['{"a":1}\n', '{"b":"\ud800"}\n']
    block = join_records(texts, "jsonl", "utf-8", "surrogateescape")
    assert block == Block(None, tuple(texts), 2)
    out = _stream()
    writer = WRITERS["jsonl"](out, ["a"])
    with pytest.raises(UnicodeEncodeError):
        writer.write_block(block)
    out.flush()
    assert out.buffer.getvalue() == b'{"a":1}\n'


def test_blocks_are_for_utf8_streams_with_a_binary_buffer():
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert WRITERS["jsonl"](latin).block_encoding() is None
    assert WRITERS["jsonl"](io.StringIO()).block_encoding() is None
    assert WRITERS["csv"](io.TextIOWrapper(io.BytesIO(), encoding="UTF8")).block_encoding() == (
        "UTF8",
        "strict",
    )


class _Trickle(io.RawIOBase):
    """An unbuffered stream that takes at most 5 bytes a write, as a raw file may."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        taken = bytes(b[:5])
        self.data.extend(taken)
        return len(taken)


def test_an_unbuffered_stream_gets_the_whole_block(tmp_path):
    records = _records(tmp_path, count=3)
    raw = _Trickle()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", write_through=True)  # type: ignore[arg-type]
    writer = WRITERS["jsonl"](out, list(FIELDS))
    writer.write_block(
        join_records(
            [format_record("jsonl", list(FIELDS), r) for r in records], "jsonl", "utf-8", "surrogateescape"
        )
    )
    writer.close()
    assert bytes(raw.data) == _one_by_one("jsonl", list(FIELDS), records)


def _cablecli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cablecli", *args], capture_output=True, cwd=ROOT, env=ENV)


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("dump")
    data = (generate(where, count=150, seed="blocks-dump", fmt="csv", messy=0.3) / "cables.csv").read_bytes()
    cut = data.index(b'\n"100","') + 1
    broken = data[:cut] + b'"100","short row"\n' + data[cut:] + (FIXTURES / "five.csv").read_bytes()
    (where / "d.csv").write_bytes(broken)
    return where / "d.csv"


@pytest.mark.parametrize(
    "options",
    [
        ["-f", "jsonl", "--no-body"],
        ["-f", "jsonl"],
        ["-f", "json", "--fields", "reference_id,subject,source"],
        ["-f", "csv", "--csv-safe"],
        ["-f", "yaml", "--no-body"],
    ],
    ids=" ".join,
)
def test_parse_with_workers_writes_what_one_process_writes(dump, tmp_path, options):
    one = _cablecli("parse", str(dump), *options, "-j", "1")
    two = _cablecli("parse", str(dump), *options, "-j", "2")
    assert one.returncode == two.returncode == 2  # the short row
    assert b"row 100: expected 8 columns, found 2" in one.stderr
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
    target = tmp_path / "out"
    to_file = _cablecli("parse", str(dump), *options, "-j", "2", "-o", str(target))
    assert (to_file.returncode, to_file.stdout, to_file.stderr) == (2, b"", one.stderr)
    assert target.read_bytes() == one.stdout


def test_an_error_comes_between_the_records_around_it(dump):
    # Output and errors to one pipe, unbuffered: the error of row 100 after the 99 records before it.
    merged = subprocess.run(
        [
            sys.executable,
            "-u",
            "-m",
            "cablecli",
            "parse",
            str(dump),
            "-f",
            "jsonl",
            "--fields",
            "reference_id",
            "-j",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env=ENV,
    ).stdout.splitlines()
    at = next(n for n, line in enumerate(merged) if b"expected 8 columns" in line)
    assert at == 99 and all(line.startswith(b'{"reference_id"') for line in merged[:at] + merged[at + 1 :])
