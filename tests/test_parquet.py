"""parse -f parquet: read back with pyarrow, the same records as -f jsonl, row groups, field selection,
the index as a source, and a clear error without pyarrow or without -o."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, generate, plain_environment
from tests.golden_output import invoke

INPUTS = [str(p) for p in sorted(FIXTURES.glob("*")) if p.suffix in (".txt", ".html", ".csv")] + [
    str(FIXTURES / "html")
]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch)


def run(*args: str):
    return invoke([str(a) for a in args])


def read_back(path: Path) -> list[dict]:
    """The rows of a Parquet file as records: the metadata map back to a dict."""
    pq = pytest.importorskip("pyarrow.parquet")
    rows = pq.read_table(path).to_pylist()
    for row in rows:
        source = row.get("source")
        if source and source["metadata"] is not None:
            source["metadata"] = dict(source["metadata"])
    return rows


def jsonl(*args: str) -> list[dict]:
    result = run("parse", *args, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def parquet(tmp_path: Path, *args: str, name: str = "cables.parquet") -> list[dict]:
    target = tmp_path / name
    result = run("parse", *args, "-f", "parquet", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return read_back(target)


def test_the_same_records_as_jsonl(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    expected = jsonl(*INPUTS)
    assert len(expected) > 10
    assert any(r["source"]["metadata"] for r in expected)  # the CSV and HTML metadata maps
    assert any(r["paragraphs"] and r["references"] and r["to"] for r in expected)
    assert parquet(tmp_path, *INPUTS) == expected
    assert parquet(tmp_path, *INPUTS, "-j", "2", name="j2.parquet") == expected


def test_fields_and_no_body(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    rows = parquet(tmp_path, *INPUTS, "--fields", "reference_id,date,tags,references")
    assert rows == jsonl(*INPUTS, "--fields", "reference_id,date,tags,references")
    assert list(rows[0]) == ["reference_id", "date", "tags", "references"]
    parquet(tmp_path, *INPUTS, "--no-body", name="nobody.parquet")
    names = pq.read_schema(tmp_path / "nobody.parquet").names
    assert "body" not in names and "paragraphs" in names


def test_streamed_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from cablecli.render import parquet as writer

    monkeypatch.setattr(writer, "ROW_GROUP", 7)
    rows = parquet(tmp_path, *INPUTS)
    assert rows == jsonl(*INPUTS)
    groups = pq.ParquetFile(tmp_path / "cables.parquet").metadata.num_row_groups
    assert groups == -(-len(rows) // 7)


def test_a_generated_dump_reads_back_with_the_same_ids_dates_and_tags(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    where = generate(tmp_path / "gen", 300, seed="parquet", fmt="csv")
    dump = where / "cables.csv"
    fields = "reference_id,date,tags,references"
    expected = jsonl(str(dump), "--fields", fields)
    assert len(expected) == 300
    assert parquet(tmp_path, str(dump), "--fields", fields, "-j", "2") == expected


def test_from_an_index(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    db = tmp_path / "cables.db"
    assert run("index", "build", *INPUTS, "--db", db).exit_code == 0
    assert parquet(tmp_path, "--db", db) == jsonl("--db", db)


def test_without_output_file(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    result = run("parse", FIXTURES / "08BAKU187.txt", "-f", "parquet")
    assert result.exit_code == 2
    assert result.stderr == "cablecli: -f parquet writes a file: give -o FILE\n"


def test_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    target = tmp_path / "out.parquet"
    result = run("parse", FIXTURES / "08BAKU187.txt", "-f", "parquet", "-o", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "cablecli: -f parquet needs pyarrow, which is not installed: pip install 'cablecli[parquet]'"
    ]
    assert not target.exists()
