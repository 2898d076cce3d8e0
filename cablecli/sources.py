"""Where the cables come from: files (walked, read and parsed) or an index, behind one interface.

    >>> source = from_paths(["cables/"], on_error=print)           # doctest: +SKIP
    >>> rows = source.tag_counts()                                  # doctest: +SKIP
    >>> with from_index("cables.db") as source:                     # doctest: +SKIP
    ...     rows = source.tag_counts()                              # the same rows, from one SQL aggregate

Both give every answer in input order and in the same shapes: parsed cables through a transform
(`parsed`), tally.py's items and rows (`tags`, `tag_counts`, `addressees`, `addressee_counts`),
stats.py's counts (`corpus_counts`) and search/'s hits (`grep`). An index answers from SQL what
it can (counts, grep's filters, full-text search) and parses the rest from the texts it stores.

An input that cannot be read is passed to `on_error` and left out; only the raw text streams
(`texts`, `candidates`, `texts_by_ids`) keep each InputError in place, for callers that need to
know where it occurred (an index build keeps the cables of such a file).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from cablecli.inputs import CableText, InputError

if TYPE_CHECKING:
    import os
    import re
    import sqlite3

    from cablecli.search import CableHits, Filters, Matcher, SearchOptions
    from cablecli.stats import CorpusCounts
    from cablecli.tally import CableAddressees, CableTags

__all__ = [
    "CableSource", "FileSource", "GrepQuery", "IndexSource", "SourceError", "from_index", "from_paths",
]  # fmt: skip

# Modules are imported where they are used, so that reading one text file loads only what it needs.


class SourceError(Exception):
    """A question the source cannot answer (a full-text query SQLite rejects): one line for the user."""


def _identity(cable: Any) -> Any:
    return cable


def _ignore(error: InputError) -> None:
    pass


class CableSource:
    """The cables of a run: what every command reads, whether from files or from an index."""

    def __init__(self, on_error: Callable[[InputError], None] | None = None) -> None:
        self.on_error = on_error or _ignore

    # --- raw texts, InputErrors in place (each source defines these) ------------------------------

    def texts(self, raw_rows: bool = False) -> Iterator[CableText | InputError]:
        """Every cable text, in input order; with `raw_rows` the rows of a CSV dump may come
        undecoded (`csvdump.RawRow`), for cablecli.parse.pool.parse_stream to decode."""
        raise NotImplementedError

    def candidates(self, needle: re.Pattern[bytes] | None) -> Iterator[CableText | InputError]:
        """The texts that may hold `needle` in their raw bytes (all of them without one)."""
        return self.texts()

    def texts_by_ids(
        self, reference_ids: Sequence[str], needle: re.Pattern[bytes] | None = None
    ) -> Iterator[CableText | InputError]:
        """The texts among which the cables with these reference ids are (`needle` finds their ids)."""
        return self.candidates(needle)

    # --- parsed answers, InputErrors reported to on_error -----------------------------------------

    def _reported(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            if isinstance(item, InputError):
                self.on_error(item)
            else:
                yield item

    def parsed(
        self,
        transform: Callable[[Any], Any] = _identity,
        jobs: int = 1,
        body: bool = True,
        combine: Callable[[list[Any]], Any] | None = None,
    ) -> Iterator[Any]:
        """`transform(cable)` for each cable, in input order; with `jobs` > 1 in worker processes
        (see cablecli.parse.pool.parse_stream: the transform must then be picklable); with
        `combine`, runs of results combined as parse_stream says."""
        from cablecli.parse.pool import parse_stream, resolve_jobs

        # Rows of a dump are decoded where they are parsed: in the workers when there are some.
        raw_rows = resolve_jobs(jobs) > 1
        return self._reported(parse_stream(self.texts(raw_rows=raw_rows), jobs, transform, body, combine))

    def tags(self, kinds: Collection[str] = frozenset(), jobs: int = 1) -> Iterator[CableTags]:
        """Each cable's tags, explained (tally.cable_tags), only those of `kinds` when given."""
        from cablecli.tally import cable_tags

        return self.parsed(partial(cable_tags, kinds=kinds), jobs, body=False)

    def tag_counts(self, kinds: Collection[str] = frozenset(), jobs: int = 1) -> list[dict[str, Any]]:
        """`tags --count`: the rows of tally.TagTally."""
        from cablecli.tally import TagTally

        tally = TagTally()
        for item in self.tags(kinds, jobs):
            tally.add(item)
        return tally.rows()

    def addressees(self, jobs: int = 1) -> Iterator[CableAddressees]:
        """Each cable's FM/TO/INFO/XMT entries (tally.cable_addressees)."""
        from cablecli.tally import cable_addressees

        return self.parsed(cable_addressees, jobs, body=False)

    def addressee_counts(self, roles: Collection[str] = frozenset(), jobs: int = 1) -> list[dict[str, Any]]:
        """`addressees --count`: the rows of tally.AddresseeTally, station names learnt from every cable."""
        from cablecli.tally import AddresseeTally, StationNames

        stations = StationNames()
        tally = AddresseeTally(roles)
        for item in self.addressees(jobs):
            stations.learn(item)
            tally.add(item)
        return tally.rows(stations)

    def corpus_counts(self, jobs: int = 1) -> CorpusCounts:
        """The counts `stats` shows (stats.CorpusCounts)."""
        from cablecli.stats import CorpusCounts, cable_facts

        counts = CorpusCounts()
        for facts in self.parsed(cable_facts, jobs):
            counts.add(facts)
        return counts

    def grep(self, query: GrepQuery, jobs: int = 1) -> Iterator[CableHits]:
        """The cables with hits for `query`, in input order (search/'s CableHits)."""
        from cablecli.search import grep

        needle = query.matcher.needle if query.fields == "body" and not query.options.invert else None
        items = grep(
            self.candidates(needle),
            query.matcher,
            query.fields,
            query.filters,
            query.context,
            jobs,
            query.options,
        )
        return self._reported(items)


@dataclass(frozen=True)
class GrepQuery:
    """What grep looks for: the matcher and where (`fields`), the filters, whether body lines around
    hits are wanted (`context`); over an index also the patterns as given (a plain string is tested
    in SQL) and a full-text query, which without patterns makes every cable it finds a hit (the
    matcher then finds its words). `names`: only the cables' names are wanted (grep -l)."""

    matcher: Matcher
    fields: str
    filters: Filters
    context: bool
    options: SearchOptions
    patterns: Sequence[str] | None = None
    fixed: bool = False
    fts: str | None = None
    names: bool = False


class FileSource(CableSource):
    """Cables read from files, directories (walked) and stdin, parsed as they come.

    `globs` choose the files of walked directories (!GLOB leaves out), `skip` names files a walk
    passes over, `follow` follows symbolic links met while walking; `on_bytes(n)` is called as
    bytes are read (a progress bar), `on_empty()` when the inputs held no cable.
    """

    def __init__(
        self,
        paths: Sequence[str],
        input_format: str | None = None,
        *,
        globs: Sequence[str] = (),
        skip_non_cables: bool = False,
        follow: bool = False,
        skip: Container[str] = (),
        on_bytes: Callable[[int], None] | None = None,
        on_error: Callable[[InputError], None] | None = None,
        on_empty: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(on_error)
        self.paths = list(paths)
        self.input_format = input_format
        self.globs = tuple(globs)
        self.skip_non_cables = skip_non_cables
        self.follow = follow
        self.skip = skip
        self.on_bytes = on_bytes
        self.on_empty = on_empty

    def texts(self, raw_rows: bool = False) -> Iterator[CableText | InputError]:
        from cablecli.inputs import iter_texts

        items = iter_texts(
            self.paths, self.input_format, on_bytes=self.on_bytes, globs=self.globs,
            skip_non_cables=self.skip_non_cables, follow=self.follow, skip=self.skip,
            raw_rows=raw_rows,
        )  # fmt: skip
        return self._noting_emptiness(items, any_input=False)

    def candidates(self, needle: re.Pattern[bytes] | None) -> Iterator[CableText | InputError]:
        """Files whose raw bytes cannot hold `needle` are skipped unread (cablecli.inputs.scan)."""
        from cablecli.inputs.scan import iter_candidates

        items = iter_candidates(
            self.paths, needle, self.input_format, on_bytes=self.on_bytes, globs=self.globs,
            follow=self.follow, skip=self.skip,
        )  # fmt: skip
        return self._noting_emptiness(items, any_input=True)

    def _noting_emptiness(self, items: Iterator[Any], any_input: bool) -> Iterator[Any]:
        """`items`, and on_empty() when they held no cable (with `any_input`, when the inputs hold
        no file at all: the candidates are only the texts that can match)."""
        from cablecli.inputs import expand_inputs

        empty = True
        for item in items:
            empty = False
            yield item
        if empty and self.on_empty is not None:
            if not any_input or next(iter(expand_inputs(self.paths, self.globs)), None) is None:
                self.on_empty()


class IndexSource(CableSource):
    """Cables from an index (cablecli.index): counts and filters in SQL, texts parsed again."""

    def __init__(
        self, conn: sqlite3.Connection, on_error: Callable[[InputError], None] | None = None
    ) -> None:
        super().__init__(on_error)
        self.conn = conn

    def texts(self, raw_rows: bool = False) -> Iterator[CableText | InputError]:
        from cablecli.index import query

        return query.texts(self.conn)

    def texts_by_ids(
        self, reference_ids: Sequence[str], needle: re.Pattern[bytes] | None = None
    ) -> Iterator[CableText | InputError]:
        """The first text held for each reference id, in the order of the ids."""
        from cablecli.index import query

        return iter([text for ref in reference_ids for text in query.texts_by_id(self.conn, ref)[:1]])

    def tags(self, kinds: Collection[str] = frozenset(), jobs: int = 1) -> Iterator[CableTags]:
        from cablecli.index import query

        return query.tag_items(self.conn, kinds)

    def tag_counts(self, kinds: Collection[str] = frozenset(), jobs: int = 1) -> list[dict[str, Any]]:
        from cablecli.index import query

        return query.tag_count_rows(self.conn, kinds)

    def addressees(self, jobs: int = 1) -> Iterator[CableAddressees]:
        from cablecli.index import query

        return query.addressee_items(self.conn)

    def addressee_counts(self, roles: Collection[str] = frozenset(), jobs: int = 1) -> list[dict[str, Any]]:
        from cablecli.index import query

        return query.addressee_count_rows(self.conn, roles)

    def corpus_counts(self, jobs: int = 1) -> CorpusCounts:
        from cablecli.index import query

        return query.corpus_counts(self.conn)

    def grep(self, query: GrepQuery, jobs: int = 1) -> Iterator[CableHits]:
        from cablecli.index.grep import index_grep

        return index_grep(self.conn, query, jobs)


def from_paths(paths: Sequence[str], input_format: str | None = None, **options: Any) -> FileSource:
    """The cables of `paths` (files, directories, - for stdin); options as FileSource takes them."""
    return FileSource(paths, input_format, **options)


@contextmanager
def from_index(
    db: str | os.PathLike[str], on_error: Callable[[InputError], None] | None = None
) -> Iterator[IndexSource]:
    """The cables of the index at `db`, opened read-only (IndexFileError when it is not an index)."""
    from cablecli.index import open_index

    conn = open_index(db, readonly=True)
    try:
        yield IndexSource(conn, on_error)
    finally:
        conn.close()
