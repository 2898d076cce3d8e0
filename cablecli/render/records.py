"""Record writers for machine formats: yaml, json (one array), jsonl, csv."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TextIO

from cablecli.model import FIELDS


def select(record: dict[str, Any], fields: Sequence[str] | None, no_body: bool = False) -> dict[str, Any]:
    """The record restricted to `fields` (in that order), without `body` when asked."""
    if fields:
        return {name: record.get(name) for name in fields}
    if no_body:
        trimmed = dict(record)  # a copy in the same order, then without the one key
        trimmed.pop("body", None)
        return trimmed
    return record


def flat_value(value: Any) -> str:
    """One CSV or table cell: lists of strings joined by '; ', objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_line(record: dict[str, Any]) -> str:
    """One JSON lines record: compact JSON (no space after `,` and `:`, as `jq -c` prints) and a
    newline; by orjson when installed, else by the standard library, the same bytes either way."""
    return _encoded(record, "OPT_APPEND_NEWLINE", json_line_std)


def json_line_std(record: dict[str, Any]) -> str:
    """`json_line` with the standard library: what orjson gives, byte for byte."""
    return _COMPACT.encode(record) + "\n"


# json.dumps(record, ensure_ascii=False, separators=(",", ":")), without building an encoder a call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json_item(record: dict[str, Any]) -> str:
    return _encoded(record, "OPT_INDENT_2", json_item_std)


def _encoded(record: dict[str, Any], option: str, fallback: Callable[[dict[str, Any]], str]) -> str:
    """`record` by orjson with its `option` when orjson is installed, else by `fallback`."""
    if _orjson is not None:
        try:
            return _orjson.dumps(record, option=getattr(_orjson, option)).decode()
        except TypeError:  # orjson refuses what json accepts: a lone surrogate, a huge int
            pass
    return fallback(record)


def json_item_std(record: dict[str, Any]) -> str:
    """`-f json`'s item with the standard library: what orjson's OPT_INDENT_2 gives, byte for byte."""
    return json.dumps(record, ensure_ascii=False, indent=2)


def _load_orjson() -> Any:
    """orjson (the `cablecli[fast]` extra) when installed: about 8x faster than json on a record.

    `-f json` (indented by two spaces) and `-f jsonl` (compact) use it; both forms are ones
    orjson and json write alike, byte for byte.
    """
    if os.environ.get("CABLECLI_NO_ORJSON"):
        return None
    try:
        import orjson
    except ImportError:
        return None
    return orjson


_orjson = _load_orjson()


def _yaml_document(record: dict[str, Any]) -> str:
    return _yaml_dump(record, explicit_start=True)


# A file name that is not UTF-8 reaches us with each odd byte as a lone surrogate (U+DC80-U+DCFF),
# which a YAML emitter refuses. They travel through it as private-use characters (U+F780-U+F7FF)
# and are turned back afterwards, so that the name is written as its own bytes.
_SURROGATE = re.compile("[\udc80-\udcff]")
_STAND_IN = re.compile("[\uf780-\uf7ff]")


def _yaml_dump(data: Any, **options: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    try:
        return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, **options)
    except UnicodeEncodeError:
        pass
    shifted = _map_strings(data, _to_stand_ins)
    text = yaml.dump(shifted, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, **options)
    return _STAND_IN.sub(lambda m: chr(ord(m.group()) - 0xF700 + 0xDC00), text)


def _to_stand_ins(text: str) -> str:
    return _SURROGATE.sub(lambda m: chr(ord(m.group()) - 0xDC00 + 0xF700), text)


def _map_strings(data: Any, change: Any) -> Any:
    if isinstance(data, str):
        return change(data)
    if isinstance(data, dict):
        return {_map_strings(k, change): _map_strings(v, change) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_map_strings(v, change) for v in data]
    return data


def _csv_row(record: dict[str, Any], columns: Sequence[str], safe: bool = False) -> str:
    buffer = io.StringIO()
    cells = [flat_value(record.get(c)) for c in columns]
    if safe:
        cells = [formula_safe(cell) for cell in cells]
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


# What a spreadsheet reads as the start of a formula (=HYPERLINK(...), +, -, @, and a tab or CR
# before one).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(cell: str) -> str:
    """`cell` with a quote in front when a spreadsheet would read it as a formula (`--csv-safe`).

    >>> formula_safe('=HYPERLINK("http://e.vil")'), formula_safe("PGOV")
    ('\'=HYPERLINK("http://e.vil")', 'PGOV')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def format_record(fmt: str, columns: Sequence[str], record: dict[str, Any]) -> str:
    """One record as the text a writer of `fmt` puts out for it; pure, so workers can run it."""
    if fmt == "jsonl":
        return json_line(record)
    if fmt == "json":
        return _json_item(record)
    if fmt == "yaml":
        return _yaml_document(record)
    if fmt == "csv":
        return _csv_row(record, columns)
    if fmt == "csv-safe":
        return _csv_row(record, columns, safe=True)
    raise ValueError(f"unknown format {fmt!r}")


class Block(NamedTuple):
    """Records formatted for a writer of `fmt` and joined (`join_records`), as worker processes
    return them: `data` is their text encoded, each record after the writer's separator; None
    when the text could not be encoded so, and then `texts` holds the records' texts."""

    data: bytes | None
    texts: tuple[str, ...]
    count: int


def join_records(texts: list[str], fmt: str, encoding: str, errors: str) -> Block:
    """`texts` (records formatted by `format_record`) as one Block for a writer of `fmt` whose
    stream encodes with `encoding` and `errors` (see `Writer.block_encoding`); pure, so that
    workers can run it."""
    separator = WRITERS[fmt].separator
    joined = separator + separator.join(texts) if separator else "".join(texts)
    try:
        return Block(joined.encode(encoding, errors), (), len(texts))
    except UnicodeEncodeError:  # written one record at a time, the stream raises where it did
        return Block(None, tuple(texts), len(texts))


class Writer:
    """Writes formatted records (see `format_record`) to a stream, with the framing the format
    needs: `opening()` before the first record, `separator` before each other one, `close()`'s
    text at the end. Records come one at a time (`write`, `write_formatted`) or as Blocks
    (`write_block`), written as bytes to the stream's binary buffer."""

    fmt = ""
    separator = ""

    def __init__(self, out: TextIO, columns: Sequence[str] | None = None) -> None:
        self.out = out
        self.columns = list(columns) if columns else list(FIELDS)
        self.count = 0
        self._text_written = True  # text may be held in the stream's text layer (not yet flushed)

    def opening(self) -> str:
        return ""

    def format(self, record: dict[str, Any]) -> str:
        return format_record(self.fmt, self.columns, record)

    def write(self, record: dict[str, Any]) -> None:
        self.write_formatted(self.format(record))

    def write_formatted(self, text: str) -> None:
        framing = self.separator if self.count else self.opening()
        if framing:
            self.out.write(framing)
        self.out.write(text)
        self._text_written = True
        self.count += 1

    def block_encoding(self) -> tuple[str, str] | None:
        """(encoding, errors) for `join_records` when Blocks can be written to this stream as
        bytes, the same bytes its text layer would write: a UTF-8 stream with a binary buffer,
        on a system whose line end is LF (the text layer writes "\n" as it is). None otherwise."""
        import codecs

        encoding = getattr(self.out, "encoding", None)
        if os.linesep != "\n" or not hasattr(self.out, "buffer") or not encoding:
            return None
        try:
            if codecs.lookup(encoding).name != "utf-8":
                return None
        except LookupError:
            return None
        return encoding, self.out.errors or "strict"

    def write_block(self, block: Block) -> None:
        """The records of `block`, with their framing, as `write_formatted` writes them one by one."""
        if block.data is None:
            for text in block.texts:
                self.write_formatted(text)
            return
        data: bytes | memoryview = block.data
        if self.count == 0:
            opening = self.opening()
            if opening:
                self.out.write(opening)
                self._text_written = True
            data = memoryview(block.data)[len(self.separator) :]  # ASCII: one byte a character
        if self._text_written:
            self.out.flush()  # what the text layer holds goes first
            self._text_written = False
        _write_all(self.out.buffer, data)
        if getattr(self.out, "line_buffering", False):
            self.out.buffer.flush()  # a terminal sees each block as it comes
        self.count += block.count

    def close(self) -> None:
        self.out.flush()


def _write_all(stream: Any, data: bytes | memoryview) -> None:
    """Write all of `data`: an unbuffered stream (python -u) may take only part of it at a time."""
    view = memoryview(data)
    while view:
        written = stream.write(view)  # None: a non-blocking stream that takes nothing now
        view = view[written or 0 :]


class JsonlWriter(Writer):
    fmt = "jsonl"


class YamlWriter(Writer):
    """One YAML document per record (`---` before each), safe dumping only."""

    fmt = "yaml"


class JsonWriter(Writer):
    """A JSON array, streamed: `[` first, records separated by commas, `]` at the end."""

    fmt = "json"
    separator = ",\n"

    def opening(self) -> str:
        return "[\n"

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class CsvWriter(Writer):
    """A header row, then one row per record; nested values flattened by `flat_value`."""

    fmt = "csv"

    def opening(self) -> str:
        return _csv_row(dict(zip(self.columns, self.columns, strict=True)), self.columns)

    def close(self) -> None:
        if self.count == 0:
            self.out.write(self.opening())
        super().close()


class SafeCsvWriter(CsvWriter):
    """CSV with formula cells quoted for spreadsheets (`--csv-safe`)."""

    fmt = "csv-safe"


WRITERS: dict[str, type[Writer]] = {
    "yaml": YamlWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "csv-safe": SafeCsvWriter,
}


class YamlListWriter(Writer):
    """One YAML list, streamed: each record dumped as a one-item list, so the items join into one."""

    fmt = "yaml-list"

    def format(self, record: dict[str, Any]) -> str:
        return _yaml_dump([record])

    def close(self) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        super().close()


# Writers for commands whose YAML output is one list of rows (tags, addressees).
ROW_WRITERS: dict[str, type[Writer]] = {**WRITERS, "yaml": YamlListWriter}
