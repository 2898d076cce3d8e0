"""Record writers for machine formats: yaml, json (one array), jsonl, csv."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from cablecli.model import FIELDS


def select(record: dict[str, Any], fields: Sequence[str] | None, no_body: bool = False) -> dict[str, Any]:
    """The record restricted to `fields` (in that order), without `body` when asked."""
    if fields:
        return {name: record.get(name) for name in fields}
    if no_body:
        return {k: v for k, v in record.items() if k != "body"}
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


class Writer:
    """Writes records one at a time to a text stream; `close()` finishes the document."""

    def __init__(self, out: TextIO, columns: Sequence[str] | None = None) -> None:
        self.out = out
        self.columns = list(columns) if columns else None
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JsonlWriter(Writer):
    def write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1


class JsonWriter(Writer):
    """A JSON array, streamed: `[` first, records separated by commas, `]` at the end."""

    def write(self, record: dict[str, Any]) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(json.dumps(record, ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class YamlWriter(Writer):
    """One YAML document per record (`---` before each), safe dumping only."""

    def __init__(self, out: TextIO, columns: Sequence[str] | None = None) -> None:
        super().__init__(out, columns)
        import yaml

        self._yaml = yaml
        self._dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def write(self, record: dict[str, Any]) -> None:
        text = self._yaml.dump(
            record, Dumper=self._dumper, sort_keys=False, allow_unicode=True, explicit_start=True, width=100
        )
        self.out.write(text)
        self.count += 1


class CsvWriter(Writer):
    """A header row, then one row per record; nested values flattened by `flat_value`."""

    def __init__(self, out: TextIO, columns: Sequence[str] | None = None) -> None:
        super().__init__(out, columns or FIELDS)
        self._csv = csv.writer(out, lineterminator="\n")

    def write(self, record: dict[str, Any]) -> None:
        if self.count == 0:
            self._csv.writerow(self.columns)
        self._csv.writerow([flat_value(record.get(c)) for c in self.columns])
        self.count += 1

    def close(self) -> None:
        if self.count == 0:
            self._csv.writerow(self.columns)
        super().close()


WRITERS: dict[str, type[Writer]] = {
    "yaml": YamlWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
}


class YamlListWriter(Writer):
    """One YAML list, streamed: each record dumped as a one-item list, so the items join into one."""

    def __init__(self, out: TextIO, columns: Sequence[str] | None = None) -> None:
        super().__init__(out, columns)
        import yaml

        self._yaml = yaml
        self._dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def write(self, record: dict[str, Any]) -> None:
        text = self._yaml.dump([record], Dumper=self._dumper, sort_keys=False, allow_unicode=True, width=100)
        self.out.write(text)
        self.count += 1

    def close(self) -> None:
        if self.count == 0:
            self.out.write("[]\n")
        super().close()


# Writers for commands whose YAML output is one list of rows (tags, addressees).
ROW_WRITERS: dict[str, type[Writer]] = {**WRITERS, "yaml": YamlListWriter}
