"""Where output goes and how it looks: the stdout/stderr consoles, colour, tables, progress."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from cablecli.render.records import flat_value
from cablecli.render.safe import visible

if TYPE_CHECKING:  # Rich is imported where a console or table is made, not by `use_color`
    from rich.console import Console
    from rich.table import Table


def use_color(choice: str, stream: TextIO) -> bool:
    """`--color auto|always|never`. Auto: never under NO_COLOR; always under FORCE_COLOR (set and
    not empty or 0, as in https://force-color.org); else when `stream` is a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def make_console(stream: TextIO, color: bool, width: int | None = None) -> Console:
    """A Rich console on `stream` that never interprets the text it is given as markup."""
    from rich.console import Console

    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        # `--color always` means colour even where TERM=dumb would make Rich detect none.
        color_system=("standard" if os.environ.get("TERM") == "dumb" else "auto") if color else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=width,
    )


_SHORT_COLUMNS = frozenset({"reference_id", "date", "classification", "precedence", "executive_order"})


def record_table(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> Table:
    """A table with one row per record; every cell is plain Text with control characters shown."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", show_lines=False)
    for column in columns:
        # Identifiers, dates and codes stay whole; free text wraps.
        short = column in _SHORT_COLUMNS
        table.add_column(column, overflow="fold", no_wrap=short, min_width=None)
    for record in records:
        table.add_row(*(Text(visible(flat_value(record.get(c)))) for c in columns))
    return table
