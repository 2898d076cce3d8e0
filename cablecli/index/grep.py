"""grep over an index: the filters, --fts and a plain-string PATTERN answered by SQL; the candidates
parsed and searched as files are (cablecli.search), so that the hits are the same.

    >>> with from_index("cables.db") as source:                          # doctest: +SKIP
    ...     hits = list(source.grep(GrepQuery(matcher, "body", filters, False, options)))
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cablecli.index import query as q

if TYPE_CHECKING:
    from cablecli.search import CableHits
    from cablecli.sources import GrepQuery


def index_grep(conn: sqlite3.Connection, query: GrepQuery, jobs: int = 1) -> Iterator[CableHits]:
    """The cables of the index with hits for `query`, in input order.

    Without patterns (a full-text query alone) every cable the query finds is a hit, shown by the
    lines and fields holding its words; when only their names are wanted and SQL did every filter,
    nothing is parsed. Raises SourceError when SQLite rejects the query (a malformed --fts).
    """
    from cablecli.search import Search
    from cablecli.sources import SourceError

    matcher, filters, options = query.matcher, query.filters, query.options
    every = query.patterns is None and query.fts is not None  # --fts alone: every cable it finds is a hit
    fields = "all" if every and query.fields == "body" else query.fields
    body_only = fields == "body" and not every and not options.invert
    pattern = query.patterns[0] if query.patterns and len(query.patterns) == 1 else None
    text = q.text_conditions(pattern, query.fixed, matcher.ignore_case) if body_only else {}
    conditions = q.Conditions(
        tags=filters.tags,
        origin=filters.origin if filters.origin and filters.origin.isascii() else None,
        classifications=filters.classifications,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        fts=query.fts,
        may_match=body_only and not text and matcher.prefilter is not None,
        **text,
    )
    interrupted: list[bool] = []
    if conditions.may_match:

        def may_match(raw: str) -> bool:
            # SQLite turns an exception in a function into "user-defined function raised
            # exception": remember Ctrl-C, to end with status 130 rather than an error.
            try:
                return matcher.may_match(raw)
            except KeyboardInterrupt:
                interrupted.append(True)
                raise

        q.register_may_match(conn, may_match)
    work: Any = Search(matcher, fields, filters, query.context, options)
    if every:
        work = q.EveryCandidate(work)
    try:
        # --fts -l asks only which cables: when SQL did every filter, nothing needs parsing.
        if every and query.names and conditions.origin == filters.origin:
            from cablecli.search import CableHits, Hit

            for ref_id, path in q.candidate_names(conn, conditions):
                yield CableHits(ref_id, path, [Hit("subject", None, None, "", ())])
        else:
            from cablecli.parse.pool import parse_stream

            for found in parse_stream(q.candidate_texts(conn, conditions), jobs, work):
                if found is not None:
                    yield found
    except sqlite3.OperationalError as exc:
        if interrupted:
            raise KeyboardInterrupt from None
        raise SourceError(f"--fts {query.fts!r}: {exc}" if query.fts else str(exc)) from None
