"""Tables for people of the `tags` and `addressees` rows: per cable (grouped), explained, or counted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from cablecli.render.records import flat_value
from cablecli.render.safe import visible

KIND_STYLES = {
    "subject": "cyan",
    "program": "magenta",
    "organization": "yellow",
    "country": "green",
    "person": "blue",
    "unknown": "red",
}
ROLE_STYLES = {"from": "bold", "to": "", "info": "dim", "xmt": "red"}

# Columns: (row key, header, is a code that must not wrap)
_TAGS = (("tag", "tag", True), ("kind", "kind", True), ("meaning", "meaning", False))
_ADDRESSEES = (
    ("role", "role", True),
    ("routing_indicator", "RI", True),
    ("name", "name", False),
    ("station", "station", False),
    ("precedence", "precedence", False),
    ("serial", "serial", True),
)
_TAG_COUNTS = (*_TAGS, ("count", "count", True))
_ADDRESSEE_COUNTS = (
    ("role", "role", True),
    ("routing_indicator", "RI", True),
    ("name", "name", False),
    ("count", "count", True),
    ("senders", "senders", True),
)
_NUMBERS = {"count", "senders"}


def _cell(key: str, value: Any) -> Text:
    # Plain Text, never markup, with control characters shown: a cable cannot style the table.
    if key == "kind":
        return Text(visible(flat_value(value)), style=KIND_STYLES.get(value, ""))
    if key == "role":
        return Text(visible(flat_value(value)), style=ROLE_STYLES.get(value, ""))
    return Text(visible(flat_value(value)))


def _table(columns: Sequence[tuple[str, str, bool]], first: str | None = None) -> Table:
    table = Table(show_header=True, header_style="bold", show_lines=False)
    if first:
        table.add_column(first, no_wrap=True, overflow="ellipsis")
    for key, header, code in columns:
        table.add_column(
            header,
            no_wrap=code,
            overflow="ellipsis" if code else "fold",
            justify="right" if key in _NUMBERS else "left",
        )
    return table


def _grouped(
    groups: Iterable[tuple[str, Sequence[dict[str, Any]]]], columns: Sequence[tuple[str, str, bool]]
) -> Table:
    """One block of rows per cable: the cable named on its first row, a rule between cables."""
    table = _table(columns, first="cable")
    for label, rows in groups:
        for i, row in enumerate(rows):
            table.add_row(
                Text(visible(label) if i == 0 else ""),
                *(_cell(key, row.get(key)) for key, _, _ in columns),
                end_section=i == len(rows) - 1,
            )
    return table


def _flat(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str, bool]]) -> Table:
    table = _table(columns)
    for row in rows:
        table.add_row(*(_cell(key, row.get(key)) for key, _, _ in columns))
    return table


def tags_table(groups: Iterable[tuple[str, Sequence[dict[str, Any]]]]) -> Table:
    """Tags per cable: groups of (cable label, rows of tag, kind, meaning)."""
    return _grouped(groups, _TAGS)


def explain_table(rows: Iterable[dict[str, Any]]) -> Table:
    """TAGS codes explained: tag, kind, meaning."""
    return _flat(rows, _TAGS)


def tag_counts_table(rows: Iterable[dict[str, Any]]) -> Table:
    """Tags counted across cables: tag, kind, meaning, count."""
    return _flat(rows, _TAG_COUNTS)


def addressees_table(groups: Iterable[tuple[str, Sequence[dict[str, Any]]]]) -> Table:
    """Addressees per cable: groups of (cable label, rows of role, RI, name, station, precedence, serial)."""
    return _grouped(groups, _ADDRESSEES)


def addressee_counts_table(rows: Iterable[dict[str, Any]]) -> Table:
    """Addressees counted across cables: role, RI, name, count, senders."""
    return _flat(rows, _ADDRESSEE_COUNTS)
