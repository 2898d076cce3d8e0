"""grep over a stream of inputs: the raw-text test before parsing (`candidates`), then parsing,
filters and the search of each cable (`Search`, picklable for worker processes), in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from cablecli.inputs import CableText, InputError
from cablecli.model import Cable
from cablecli.search.filters import Filters
from cablecli.search.hits import CableHits, SearchOptions, search_body_lines, search_cable
from cablecli.search.matcher import Matcher

# The fields whose values the body walk does not read: searching them needs no body at all.
_OUTSIDE_BODY = frozenset({"subject", "tags", "origin", "to", "info", "references"})


class Search:
    """Parse-and-search work for one cable, picklable so that worker processes can run it."""

    def __init__(
        self,
        matcher: Matcher,
        fields: str,
        filters: Filters,
        context: bool,
        options: SearchOptions | None = None,
    ) -> None:
        self.matcher = matcher
        self.fields = fields
        self.filters = filters
        self.context = context
        self.options = options or SearchOptions()
        if matcher.line_anchored:
            # `^` and `$` speak of lines: a pattern holding them is matched line by line.
            self.options = replace(self.options, unwrap=False)
        # A body search for a pattern that matches within lines: the body searched once, whole.
        self.by_line = fields == "body" and matcher.line_local and not context and not self.options.invert
        # How much of each cable to parse (parse_text's `body`): no body for fields outside it, the
        # body's text without its walk when only the number of hits counts.
        from cablecli.parse import BODY_TEXT

        self.body: bool | str = (
            False
            if fields in _OUTSIDE_BODY
            else BODY_TEXT
            if fields == "body" and self.options.tally
            else True
        )

    def __call__(self, cable: Cable) -> CableHits | None:
        if self.filters and not self.filters.accepts(cable):
            return None
        if self.by_line:
            found = search_body_lines(cable, self.matcher.regex, self.options, self.matcher.literal)
        else:
            found = search_cable(cable, self.matcher.regex, self.fields, self.context, self.options)
        return found if found.hits else None


def candidates(
    items: Iterable[CableText | InputError], matcher: Matcher, fields: str, invert: bool = False
) -> Iterator:
    """The texts worth parsing: for a body search, only those whose raw text can match."""
    if fields != "body" or invert:
        yield from items
        return
    for item in items:
        if isinstance(item, InputError) or matcher.may_match(item.text):
            yield item


def grep(
    items: Iterable[CableText | InputError],
    matcher: Matcher,
    fields: str = "body",
    filters: Filters | None = None,
    context: bool = False,
    jobs: int = 1,
    options: SearchOptions | None = None,
) -> Iterator[CableHits | InputError]:
    """The cables of `items` with hits, in input order, and each InputError where it occurs."""
    from cablecli.parse.pool import parse_stream

    opts = options or SearchOptions()
    work = Search(matcher, fields, filters or Filters(), context, opts)
    for result in parse_stream(candidates(items, matcher, fields, opts.invert), jobs, work, work.body):
        if result is not None:
            yield result
