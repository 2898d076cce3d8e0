"""Tables for people of `stats` (a bar chart of cables per year), `refs` and `index info`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cablecli.render.records import flat_value
from cablecli.render.safe import visible

_BAR_WIDTH = 40
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, largest: int, width: int = _BAR_WIDTH) -> str:
    """A horizontal bar of `value` against `largest`, drawn in eighths of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / largest))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _label(value: Any, missing: str = "(none)") -> str:
    return missing if value is None else visible(str(value))


def _text(value: Any, style: str = "") -> Text:
    """A cell from the index or the cables: control characters shown, never obeyed."""
    return Text(visible(flat_value(value)), style=style)


def _counted(title: str, header: str, rows: Iterable[tuple[Any, int]], total: int) -> Table:
    table = Table(title=title, title_justify="left", show_header=True, header_style="bold")
    table.add_column(header, overflow="fold")
    table.add_column("cables", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    for value, n in rows:
        share = f"{100 * n / total:.1f}%" if total else ""
        table.add_row(Text(_label(value)), Text(f"{n:,}"), Text(share))
    return table


def stats_view(summary: dict[str, Any]) -> RenderableType:
    """The corpus at a glance: totals, a bar chart of cables per year, then the ranked tables."""
    total = summary["cables"]
    distinct = summary["distinct"]
    head = Text(
        f"{total:,} cables, {distinct['origins']:,} origins, {distinct['tags']:,} distinct tags", style="bold"
    )
    years = Table(title="cables per year", title_justify="left", show_header=True, header_style="bold")
    years.add_column("year", no_wrap=True)
    years.add_column("cables", justify="right", no_wrap=True)
    years.add_column("", no_wrap=True, style="cyan")
    largest = max((row["count"] for row in summary["years"]), default=0)
    for row in summary["years"]:
        years.add_row(
            Text(_label(row["year"], "(no date)")), Text(f"{row['count']:,}"), bar(row["count"], largest)
        )
    parts: list[RenderableType] = [head, Text(""), years]
    parts.append(
        _counted(
            "per classification",
            "classification",
            ((r["classification"], r["count"]) for r in summary["classifications"]),
            total,
        )
    )
    top = len(summary["origins"])
    parts.append(
        _counted(
            f"top {top} origins", "origin", ((r["origin"], r["count"]) for r in summary["origins"]), total
        )
    )
    top = len(summary["tags"])
    parts.append(_counted(f"top {top} tags", "tag", ((r["tag"], r["count"]) for r in summary["tags"]), total))
    return Group(*parts)


def info_table(info: dict[str, Any]) -> Table:
    """`index info`: one row per fact."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in info.items():
        shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else flat_value(value)
        table.add_row(Text(key), Text(visible(shown)))
    return table


def refs_table(rows: Sequence[dict[str, Any]], reverse: bool) -> Table:
    """`refs`: the references a cable makes (with whether the index holds each), or the cables citing it."""
    table = Table(show_header=True, header_style="bold")
    if reverse:
        table.add_column("cited by", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("subject", overflow="fold")
        table.add_column("as", overflow="fold")
        for row in rows:
            written = f"{row['label']}. {row['text']}" if row["label"] else row["text"]
            table.add_row(
                _text(row["reference_id"]), _text((row["date"] or "")[:10]), _text(row["subject"]),
                _text(written, style="dim"),
            )  # fmt: skip
        return table
    table.add_column("ref", no_wrap=True)
    table.add_column("reference", overflow="fold")
    table.add_column("reference_id", no_wrap=True)
    table.add_column("in index", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("subject", overflow="fold")
    for row in rows:
        table.add_row(
            _text(row["label"]),
            _text(row["text"]),
            _text(row["reference_id"]),
            Text("yes", style="green") if row["in_corpus"] else Text("no", style="dim"),
            _text((row["date"] or "")[:10]),
            _text(row["subject"]),
        )
    return table
