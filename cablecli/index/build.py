"""Build or update an index from cable texts: parse only what is new or changed, all in one transaction.

    >>> conn = open_index("cables.db", create=True)                    # doctest: +SKIP
    >>> report = build_index(conn, iter_texts(["cables/"]), jobs=2)     # doctest: +SKIP
    >>> report.added, report.replaced, report.unchanged, report.removed  # doctest: +SKIP
    (251287, 0, 0, 0)

A cable is keyed by where it came from: its file's resolved path (symbolic links followed, so that one
file reached two ways is one file; `-` for stdin) and its position in that file (`source.index`). A
cable whose text hashes as before is left alone; a changed one is replaced under the same id; a cable
that its file, read again without error, no longer holds is removed. Cables of files not given to this
build stay, unless `prune` is set. Nothing is committed until the end: an interrupted build leaves the
previous index as it was.

A build into an empty index is a bulk load: the secondary indexes are dropped and made again at the
end. The work per cable that does not need the database (its rows, the hash and the compressed text)
is done in the worker processes with the parsing; the writing process inserts rows a batch at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from cablecli.index.schema import INDEX_NAMES, INDEXES, begin_write, compress_text, statements
from cablecli.inputs import CableText, InputError
from cablecli.model import Cable

# Cables whose rows are written together (executemany per table).
_BATCH = 2000
# The page cache a build may use, in KiB (SQLite's default is 2 MB).
_CACHE_KIB = 64 * 1024


@dataclass
class BuildReport:
    """What a build did, in cables."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed)

    def to_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "errors": self.errors,
        }


@lru_cache(maxsize=4096)
def source_key(path: str | None) -> str:
    """The path a cable is keyed by: absolute and resolved, so that `cables/`, `./cables/` and a
    symbolic link to the folder are the same files."""
    if not path or path == "-":
        return "-"
    return os.path.realpath(path)


@lru_cache(maxsize=4096)
def stored_path(key: str) -> str | bytes:
    """`source_path` as stored: the path as text, or, for a name that is not UTF-8 (held in Python
    with surrogate escapes, as os.fsdecode gives it), its own bytes as a BLOB. SQLite text must be
    UTF-8; a BLOB keeps the name exact, and os.fsdecode brings it back."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(key)
    return key


def source_json(source: dict) -> str:
    """A cable's source as stored: JSON, with the escapes `\\udcXX` for the bytes of a file name
    that is not UTF-8, which json.loads turns back into the same surrogate escapes."""
    text = json.dumps(source, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(source, separators=(",", ":"))
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_text(raw: str) -> str:
    """The text as the parser sees it (parse/__init__.py): one kind of line end, no byte-order mark."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw[1:] if raw.startswith("\ufeff") else raw


def raw_offset(raw: str, offset: int) -> int:
    """Where `offset` of the normalised text (normalise_text) falls in the raw text: each CRLF before
    it is one character longer there (a lone CR is not), and a byte-order mark one more."""
    start = 1 if raw.startswith("\ufeff") else 0
    shift = 0  # CRLFs passed
    at = raw.find("\r\n", start)
    while at >= 0 and at - start - shift < offset:
        shift += 1
        at = raw.find("\r\n", at + 2)
    return start + offset + shift


@dataclass(frozen=True, slots=True)
class IndexedCable:
    """One parsed cable as the rows the index stores; made in the worker processes under -j."""

    path: str | None
    index: int
    cable: tuple
    subject: str | None
    source_json: str
    body_span: tuple[int | None, int | None]  # in the normalised text; the writer maps it to the raw text
    # The normalised text's hash and compressed bytes, made here rather than in the writer's process:
    # they are the raw text's too unless it has a CR or a byte-order mark (see _Writer.add).
    digest: str
    raw_size: int
    raw_zlib: bytes
    addressees: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    refs: list[tuple] = field(default_factory=list)


def indexed_cable(cable: Cable) -> IndexedCable:
    """The rows of one cable (without ids; the writer adds them). Module-level, so workers can run it."""
    from cablecli.tally import cable_addressees

    span: tuple[int | None, int | None] = (None, None)
    if cable.body is not None:
        start = cable.text.find(cable.body)
        if start >= 0:
            span = (start, start + len(cable.body))
    sender = cable_addressees(cable)
    year = int(cable.date[:4]) if cable.date and cable.date[:4].isdigit() else None
    row = (
        cable.reference_id,
        cable.date,
        year,
        cable.classification,
        cable.origin,
        cable.subject,
        sender.sender,
        cable.precedence,
        cable.transmission_id,
        cable.security,
        cable.executive_order,
        len(cable.problems),
        cable.source.format,
    )
    raw_size, raw_zlib = compress_text(cable.text)
    return IndexedCable(
        path=cable.source.path,
        index=cable.source.index,
        cable=row,
        subject=cable.subject,
        source_json=source_json(cable.source.to_dict()),
        body_span=span,
        digest=content_hash(cable.text),
        raw_size=raw_size,
        raw_zlib=raw_zlib,
        addressees=[
            (i, e.role, e.routing_indicator, e.name, e.precedence, e.serial)
            for i, e in enumerate(sender.entries)
        ],
        tags=[(i, tag, tag_code(tag)) for i, tag in enumerate(cable.tags)],
        refs=[(i, r.label, r.text, r.reference_id) for i, r in enumerate(cable.references)],
    )


@lru_cache(maxsize=8192)
def tag_code(tag: str) -> str:
    """The tag as `tags --count` counts it: written case and spacing made canonical."""
    from cablecli.reference import explain_tag

    return explain_tag(tag).code


_CABLE_COLUMNS = (
    "id, source_path, source_index, content_hash, reference_id, date, year, classification, origin, subject, "
    "sender, precedence, transmission_id, security, executive_order, problem_count, source_format"
)


class _Writer:
    """Rows waiting to be written, flushed a batch at a time."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.cables: list[tuple] = []
        self.texts: list[tuple] = []
        self.search: list[tuple] = []
        self.addressees: list[tuple] = []
        self.tags: list[tuple] = []
        self.refs: list[tuple] = []
        self.next_id = (conn.execute("SELECT max(id) FROM cables").fetchone()[0] or 0) + 1

    def add(self, item: IndexedCable, cable_id: int | None, key: str, digest: str | None, raw: str) -> None:
        if cable_id is None:
            cable_id = self.next_id
            self.next_id += 1
        start, end = item.body_span
        raw_size, raw_zlib = item.raw_size, item.raw_zlib
        if raw.startswith("\ufeff") or "\r" in raw:  # the worker saw the text normalised
            if start is not None and end is not None:
                start, end = raw_offset(raw, start), raw_offset(raw, end)
            raw_size, raw_zlib = compress_text(raw)
            digest = digest or content_hash(raw)
        self.cables.append((cable_id, stored_path(key), item.index, digest or item.digest, *item.cable))
        self.texts.append((cable_id, item.subject, start, end, item.source_json, raw_size, raw_zlib))
        self.search.append((cable_id, item.subject, raw, start, end, start))
        self.addressees.extend((cable_id, *row) for row in item.addressees)
        self.tags.extend((cable_id, *row) for row in item.tags)
        self.refs.extend((cable_id, *row) for row in item.refs)
        if len(self.cables) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        c = self.conn
        c.executemany(f"INSERT INTO cables ({_CABLE_COLUMNS}) VALUES ({', '.join('?' * 17)})", self.cables)
        c.executemany(
            "INSERT INTO cable_texts_zlib (cable_id, subject, body_start, body_end, source, raw_size, "
            "raw_zlib) VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.texts,
        )
        c.executemany("INSERT INTO addressees VALUES (?, ?, ?, ?, ?, ?, ?)", self.addressees)
        c.executemany("INSERT INTO tags VALUES (?, ?, ?, ?)", self.tags)
        c.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?)", self.refs)
        # The full-text row must hold what the view cable_texts gives (a later delete reads it there):
        # its body is the same expression over the same text (what the stored bytes inflate to), here
        # taken from the text in hand rather than inflated again.
        c.executemany(
            "INSERT INTO cable_search (rowid, subject, body) VALUES (?, ?, substr(?, ? + 1, ? - ?))",
            self.search,
        )
        for rows in (self.cables, self.texts, self.search, self.addressees, self.tags, self.refs):
            rows.clear()


def delete_cable(conn: sqlite3.Connection, cable_id: int) -> None:
    """Remove a cable and everything stored about it (the full-text row needs its indexed values)."""
    conn.execute(
        "INSERT INTO cable_search (cable_search, rowid, subject, body) "
        "SELECT 'delete', cable_id, subject, body FROM cable_texts WHERE cable_id = ?",
        (cable_id,),
    )
    for table in ("addressees", "tags", "refs"):
        conn.execute(f"DELETE FROM {table} WHERE cable_id = ?", (cable_id,))
    conn.execute("DELETE FROM cable_texts_zlib WHERE cable_id = ?", (cable_id,))
    conn.execute("DELETE FROM cables WHERE id = ?", (cable_id,))


def build_index(
    conn: sqlite3.Connection,
    items: Iterable[CableText | InputError],
    jobs: int = 1,
    prune: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    on_wait: Callable[[float], None] | None = None,
) -> BuildReport:
    """Add the cables of `items` to the index, replacing changed ones; one transaction, all or nothing.

    InputErrors are counted and passed to `on_error`; the cables of a file that had an error are never
    removed. With `prune`, cables of files that this build did not read are removed too. When another
    process is writing to the database, `on_wait(seconds)` is called and the build waits that long for it
    before raising IndexLockedError.
    """
    from cablecli.parse.pool import parse_stream

    report = BuildReport()
    failed: set[str] = set()
    pending: dict[tuple[str, int], tuple[int | None, str | None, str]] = {}
    conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at commit, never corrupt
    begin_write(conn, on_wait)
    try:
        bulk = conn.execute("SELECT 1 FROM cables LIMIT 1").fetchone() is None
        if bulk:
            for name in INDEX_NAMES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        seen: set[tuple[str, int]] = set()

        def changed() -> Iterable[CableText]:
            for item in items:
                if isinstance(item, InputError):
                    if not item.skipped:  # a file without a cable met in a directory is no error
                        report.errors += 1
                        failed.add(source_key(item.path))
                    if on_error is not None:
                        on_error(item)
                    continue
                key = (source_key(item.source.path), item.source.index)
                if key in seen:
                    continue  # the same file given twice
                seen.add(key)
                digest = None  # into an empty index, hashed by the worker (IndexedCable.digest)
                row = None
                if not bulk:
                    digest = content_hash(item.text)
                    row = conn.execute(
                        "SELECT id, content_hash FROM cables WHERE source_path = ? AND source_index = ?",
                        (stored_path(key[0]), key[1]),
                    ).fetchone()
                if row is not None and row[1] == digest:
                    report.unchanged += 1
                    continue
                pending[key] = (row[0] if row else None, digest, item.text)
                yield item

        writer = _Writer(conn)
        for indexed in parse_stream(changed(), jobs, indexed_cable):
            key = (source_key(indexed.path), indexed.index)
            old_id, digest, raw = pending.pop(key)
            if old_id is None:
                report.added += 1
            else:
                delete_cable(conn, old_id)
                report.replaced += 1
            writer.add(indexed, old_id, key[0], digest, raw)
        writer.flush()
        if not bulk:  # an empty index has nothing stale
            report.removed = _remove_stale(conn, seen, failed, prune)
        stations = _sync_stations(conn)
        if not report.changed and not stations:
            conn.execute("ROLLBACK")  # nothing to write: the file stays as it was, byte for byte
            return report
        if bulk:
            for statement in statements(INDEXES):
                conn.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
        if report.changed:
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('updated', ?)", (now,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return report


def _sync_stations(conn: sqlite3.Connection) -> bool:
    """The stations table as the shipped routing-indicator list has it; True when it had to change."""
    from cablecli.reference import routing_indicators

    shipped = sorted(routing_indicators().items())
    if conn.execute("SELECT routing_indicator, name FROM stations ORDER BY 1").fetchall() == shipped:
        return False
    conn.execute("DELETE FROM stations")
    conn.executemany("INSERT INTO stations VALUES (?, ?)", shipped)
    return True


def _remove_stale(conn: sqlite3.Connection, seen: set[tuple[str, int]], failed: set[str], prune: bool) -> int:
    """Cables of the files read that those files no longer hold (and, with prune, of files not read)."""
    conn.execute("DROP TABLE IF EXISTS temp.seen")
    conn.execute(
        "CREATE TEMP TABLE seen (source_path TEXT, source_index INTEGER, "
        "PRIMARY KEY (source_path, source_index)) WITHOUT ROWID"
    )
    conn.executemany("INSERT INTO seen VALUES (?, ?)", [(stored_path(p), i) for p, i in sorted(seen)])
    conn.execute("CREATE TEMP TABLE failed (source_path TEXT PRIMARY KEY)")
    conn.executemany("INSERT INTO failed VALUES (?)", [(stored_path(p),) for p in failed])
    read_files = "SELECT DISTINCT source_path FROM seen"
    if prune:
        scope = "c.source_path NOT IN (SELECT source_path FROM failed)"
    else:
        scope = f"c.source_path IN ({read_files}) AND c.source_path NOT IN (SELECT source_path FROM failed)"
    stale = [
        cable_id
        for (cable_id,) in conn.execute(
            f"SELECT c.id FROM cables c WHERE {scope} AND NOT EXISTS "
            "(SELECT 1 FROM seen s WHERE s.source_path = c.source_path AND s.source_index = c.source_index)"
        )
    ]
    for cable_id in stale:
        delete_cable(conn, cable_id)
    conn.execute("DROP TABLE temp.failed")
    conn.execute("DROP TABLE temp.seen")
    return len(stale)
