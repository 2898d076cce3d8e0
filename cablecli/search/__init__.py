"""Searching cables for `grep`: the pattern, the raw-text test that spares parsing, filters, hits.

A cable is parsed only when its raw text can match (`Matcher.may_match`, and for whole files
`Matcher.needle`, see inputs/scan.py); filters need the record, so they run after parsing.

The package's modules: `engine` (a pattern compiled for RE2, or `re` when RE2 cannot run it),
`words` (grep -w), `matcher` (the Matcher: -e, -F, -i, -S, -w and the raw-text tests), `hits`
(one parsed cable searched: body lines, paragraphs unwrapped, field values, hits), `filters`
(conditions on the record, dates), `run` (grep over a stream of inputs) and `reference_id`
(the test that spares parsing in `show --id`).
"""

from cablecli.search.engine import compile_pattern
from cablecli.search.filters import Filters, parse_date
from cablecli.search.hits import (
    FIELD_NAMES,
    BodyLine,
    CableHits,
    Hit,
    SearchOptions,
    body_lines,
    field_values,
    match_spans,
    paragraph_blocks,
    search_cable,
)
from cablecli.search.matcher import Matcher
from cablecli.search.reference_id import reference_id_test
from cablecli.search.run import Search, candidates, grep
from cablecli.search.words import WordMatch, WordPattern, compile_word_pattern

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
