"""Searching cables for `grep`: the pattern, the raw-text test that spares parsing, filters, hits.

A cable is parsed only when its raw text can match (`Matcher.may_match`, and for whole files
`Matcher.needle`, see inputs/scan.py); filters need the record, so they run after parsing.

The package's modules: `engine` (a pattern compiled for RE2, or `re` when RE2 cannot run it),
`words` (grep -w), `matcher` (the Matcher: -e, -F, -i, -S, -w and the raw-text tests), `hits`
(one parsed cable searched: body lines, paragraphs unwrapped, field values, hits), `filters`
(conditions on the record, dates), `run` (grep over a stream of inputs) and `reference_id`
(the test that spares parsing in `show --id`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Each name and its module, imported on first use: `show` needs `body_lines` alone, and a command
# should not load the whole grep engine for it.
_MODULES = {
    "compile_pattern": "engine",
    "Filters": "filters",
    "parse_date": "filters",
    "FIELD_NAMES": "hits",
    "BodyLine": "hits",
    "CableHits": "hits",
    "Hit": "hits",
    "SearchOptions": "hits",
    "body_lines": "hits",
    "field_values": "hits",
    "match_spans": "hits",
    "paragraph_blocks": "hits",
    "search_cable": "hits",
    "Matcher": "matcher",
    "reference_id_test": "reference_id",
    "Search": "run",
    "candidates": "run",
    "grep": "run",
    "WordMatch": "words",
    "WordPattern": "words",
    "compile_word_pattern": "words",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "FIELD_NAMES",
    "BodyLine",
    "CableHits",
    "Filters",
    "Hit",
    "Matcher",
    "Search",
    "SearchOptions",
    "WordMatch",
    "WordPattern",
    "body_lines",
    "candidates",
    "compile_pattern",
    "compile_word_pattern",
    "field_values",
    "grep",
    "match_spans",
    "paragraph_blocks",
    "parse_date",
    "reference_id_test",
    "search_cable",
]
