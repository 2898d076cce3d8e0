"""Records as Apache Parquet: one row per cable, the record's lists and objects as nested columns.

    >>> with open("cables.parquet", "wb") as out:              # doctest: +SKIP
    ...     write_parquet(records, out, FIELDS)

Rows are written a row group at a time (ROW_GROUP records), so memory stays flat however many cables
there are. The column types follow docs/record.md: strings, 64-bit integers, lists and structs;
`source.metadata` (a page's table or a CSV row's columns) is a map of strings. pyarrow is an optional
dependency (`pip install 'cablecli[parquet]'`); ParquetUnavailable says so when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

# Records per row group: large enough for good compression and fast scans (about 5 MB of cables of
# the usual size, 1.5 MB compressed), small enough to keep memory flat: a run over 20,000 generated
# cables peaks at about 130 MB, 60 MB of which is pyarrow itself (docs/usage.md).
ROW_GROUP = 400


class ParquetUnavailable(Exception):
    """pyarrow is not installed."""


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise ParquetUnavailable(
            "-f parquet needs pyarrow, which is not installed: pip install 'cablecli[parquet]'"
        ) from exc
    return pyarrow


def require_pyarrow() -> None:
    """Raise ParquetUnavailable now, before any input is read, when pyarrow is missing."""
    _pyarrow()


def record_schema(fields: Sequence[str]) -> Any:
    """The Arrow schema of the record's `fields`, in that order."""
    pa = _pyarrow()
    s = pa.string()
    strings = pa.list_(s)
    addressee = pa.struct([("routing_indicator", s), ("name", s), ("precedence", s), ("serial", s)])
    types = {
        "reference_id": s,
        "source": pa.struct([("path", s), ("format", s), ("index", pa.int64()), ("metadata", pa.map_(s, s))]),
        "transmission_id": s,
        "routing": pa.struct([("precedence", s), ("indicators", strings)]),
        "station": pa.struct([("routing_indicator", s), ("serial", s), ("section", s), ("filed", s)]),
        "security": s,
        "precedence": s,
        "date": s,
        "origin": s,
        "to": pa.list_(addressee),
        "info": pa.list_(addressee),
        "xmt": strings,
        "office_distribution": pa.struct([("action", s), ("origin", s), ("info", strings)]),
        "classification": s,
        "handling": strings,
        "section": pa.struct([("number", pa.int64()), ("total", pa.int64())]),
        "captions": strings,
        "distribution": strings,
        "executive_order": s,
        "declassify": pa.struct([("on", s), ("raw", s)]),
        "tags": strings,
        "subject": s,
        "references": pa.list_(pa.struct([("label", s), ("text", s), ("reference_id", s)])),
        "classified_by": pa.struct([("name", s), ("title", s), ("reasons", strings), ("text", s)]),
        "summary": s,
        "comment": s,
        "paragraphs": pa.list_(pa.struct([("number", pa.int64()), ("marking", s), ("text", s)])),
        "signers": strings,
        "body": s,
        "problems": pa.list_(pa.struct([("code", s), ("message", s), ("line", pa.int64())])),
    }
    return pa.schema([(name, types[name]) for name in fields])


def _row(record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source")
    if source and source.get("metadata") is not None:
        # A map column takes (key, value) pairs.
        record = {**record, "source": {**source, "metadata": list(source["metadata"].items())}}
    return record


def write_parquet(records: Iterable[dict[str, Any]], out: BinaryIO, fields: Sequence[str]) -> int:
    """Write `records` (dicts holding `fields`) to the binary file `out`; returns how many were written."""
    pa = _pyarrow()
    import pyarrow.parquet as pq

    schema = record_schema(fields)
    pool = pa.default_memory_pool()
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_row(record))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
                pool.release_unused()  # hand the row group's buffers back, for a flat memory
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
