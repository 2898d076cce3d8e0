"""Routing indicators: which station or collective an RI such as RUEHKB or RUEHC stands for."""

from __future__ import annotations

from functools import cache

from cablecli.reference._data import read_rows


@cache
def _stations() -> dict[str, tuple[str, tuple[str, ...], str]]:
    """RI -> (name, other names seen with it, note)."""
    table = {}
    for row in read_rows("stations.tsv"):
        others = tuple(n for n in row[2].split("; ") if n) if len(row) > 2 else ()
        table[row[0]] = (row[1], others, row[4] if len(row) > 4 else "")
    return table


def station_name(ri: str) -> str | None:
    """The station or collective a routing indicator names ("RUEHKB" -> "AMEMBASSY BAKU"); None if unknown."""
    entry = _stations().get(ri.strip().upper())
    return entry[0] if entry else None


def station_other_names(ri: str) -> tuple[str, ...]:
    """Other addressee names that real headers carry with this indicator (RUEKJCS: JOINT STAFF WASHDC ...)."""
    entry = _stations().get(ri.strip().upper())
    return entry[1] if entry else ()


def station_note(ri: str) -> str | None:
    """A remark on an indicator: a former name, or doubt about the identification; None if there is none."""
    entry = _stations().get(ri.strip().upper())
    return (entry[2] or None) if entry else None


def routing_indicators() -> dict[str, str]:
    """Every known routing indicator with its name."""
    return {ri: entry[0] for ri, entry in _stations().items()}
