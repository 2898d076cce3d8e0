"""The index's tables (DDL), its schema version, and opening a database as a cablecli index."""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Callable

# Bump when the tables change in a way an older or newer cablecli cannot read; docs/index.md lists
# what each version holds. It lives in `PRAGMA user_version` and, for people, in the meta table.
SCHEMA_VERSION = 3
APPLICATION = "cablecli"

# What each older version was, for the message that asks to rebuild it.
_OLD_VERSIONS = {
    1: "cablecli 0.1 (each cable's text stored three times, full-text search contentless)",
    2: "cablecli 0.1 (each cable's text stored uncompressed)",
}

# The text of a cable is stored once, as read, compressed with zlib in `cable_texts_zlib` (as the
# SQLite archive format stores a file: `sqlar_uncompress(raw_zlib, raw_size)` gives its UTF-8 bytes
# back, a function the sqlite3 shell has built in and `add_functions` gives any other connection).
# The view `cable_texts` shows it as text; the full-text index reads its subject and body from that
# view (an external-content FTS5 table; `body` is a span of the raw text). The record itself is
# rebuilt on demand by parsing the raw text again. `cables` stays narrow (short scalar fields only)
# so that counting and filtering scan few pages.
TABLES = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE cables (
    id INTEGER PRIMARY KEY,
    reference_id TEXT,
    date TEXT,
    year INTEGER,
    classification TEXT,
    origin TEXT,
    subject TEXT,
    sender TEXT,
    precedence TEXT,
    transmission_id TEXT,
    security TEXT,
    executive_order TEXT,
    problem_count INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    source_index INTEGER NOT NULL,
    source_format TEXT,
    content_hash TEXT NOT NULL,
    UNIQUE (source_path, source_index)
);
CREATE TABLE cable_texts_zlib (
    cable_id INTEGER PRIMARY KEY REFERENCES cables (id),
    subject TEXT,
    body_start INTEGER,
    body_end INTEGER,
    source TEXT NOT NULL,
    raw_size INTEGER NOT NULL,
    raw_zlib BLOB NOT NULL
);
CREATE VIEW cable_texts AS
SELECT cable_id, subject, body_start, body_end, source,
       CAST(sqlar_uncompress(raw_zlib, raw_size) AS TEXT) AS raw_text,
       substr(CAST(sqlar_uncompress(raw_zlib, raw_size) AS TEXT), body_start + 1, body_end - body_start)
           AS body
FROM cable_texts_zlib;
CREATE TABLE addressees (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    routing_indicator TEXT,
    name TEXT,
    precedence TEXT,
    serial TEXT,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE TABLE tags (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE TABLE refs (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    label TEXT,
    text TEXT NOT NULL,
    reference_id TEXT,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE TABLE stations (
    routing_indicator TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE cable_search USING fts5 (
    subject, body, content="cable_texts", content_rowid="cable_id"
);
CREATE VIEW cables_with_tags AS
SELECT c.id, c.reference_id, c.date, c.year, c.classification, c.origin, c.subject,
       (SELECT json_group_array(code) FROM (SELECT g.code FROM tags g WHERE g.cable_id = c.id
        ORDER BY g.position)) AS tags
FROM cables c;
CREATE VIEW tagged_cables AS
SELECT g.code AS tag, c.id AS cable_id, c.reference_id, c.date, c.year, c.classification, c.origin,
       c.subject
FROM tags g JOIN cables c ON c.id = g.cable_id;
CREATE VIEW addressees_named AS
SELECT a.cable_id, c.reference_id, c.date, c.year, c.origin, c.sender, a.role, a.routing_indicator,
       a.name, s.name AS station
FROM addressees a JOIN cables c ON c.id = a.cable_id
LEFT JOIN stations s ON s.routing_indicator = a.routing_indicator;
"""

# Secondary indexes: dropped before a bulk load into an empty index and made again after it.
INDEXES = """
CREATE INDEX cables_reference_id ON cables (reference_id);
CREATE INDEX cables_date ON cables (date);
CREATE INDEX tags_code ON tags (code, cable_id);
CREATE INDEX refs_reference_id ON refs (reference_id, cable_id);
"""

DDL = TABLES + INDEXES

# Every table, view and index this schema makes: `index build` touches nothing else in the database.
OWN_TABLES = ("meta", "cables", "cable_texts_zlib", "addressees", "tags", "refs", "stations", "cable_search")
OWN_VIEWS = ("cable_texts", "cables_with_tags", "tagged_cables", "addressees_named")
INDEX_NAMES = ("cables_reference_id", "cables_date", "tags_code", "refs_reference_id")


def statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


class IndexFileError(Exception):
    """The database cannot be used as a cablecli index: missing, not SQLite, not ours, other version."""


class IndexLockedError(IndexFileError):
    """Another process kept the database locked for writing longer than we would wait."""


# How long a build waits for another process that is writing to the same database.
LOCK_WAIT = 60.0


def compress_text(text: str) -> tuple[int, bytes]:
    """(raw_size, raw_zlib) of a text as `cable_texts_zlib` stores it: its UTF-8 bytes compressed with
    zlib, or the bytes themselves when compressing does not make them shorter (as sqlar_compress)."""
    data = text.encode("utf-8")
    packed = zlib.compress(data, 1)  # level 1: 2/3 of the time of the default level, 10% larger
    return len(data), (packed if len(packed) < len(data) else data)


def sqlar_uncompress(data: bytes | None, size: int | None) -> bytes | None:
    """The sqlite3 shell's `sqlar_uncompress(X, SZ)`: X itself when SZ is its length (stored as is),
    else X inflated with zlib."""
    if data is None or size is None or size < 0 or size == len(data):
        return data
    return zlib.decompress(data)


def add_functions(conn: sqlite3.Connection) -> None:
    """Give a connection the SQL function the view `cable_texts` reads the text with. The sqlite3
    shell has it built in; Python's sqlite3 and Datasette (through cablecli's plugin) need this."""
    conn.create_function("sqlar_uncompress", 2, sqlar_uncompress, deterministic=True)


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection in autocommit mode: the build opens its own transaction."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    add_functions(conn)
    return conn


def connect_readonly(path: str | os.PathLike[str], immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write: for the commands that only ask. `immutable` is for a database on
    read-only storage, where SQLite cannot even make the shared-memory file a WAL database reads with."""
    from urllib.parse import quote

    uri = f"file:{quote(os.path.abspath(os.fspath(path)))}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    add_functions(conn)
    return conn


def begin_write(
    conn: sqlite3.Connection, on_wait: Callable[[float], None] | None = None, wait: float | None = None
) -> None:
    """BEGIN IMMEDIATE: take the write lock, waiting up to `wait` seconds (after telling `on_wait`) when
    another process holds it. Raises IndexLockedError when it is still held."""
    wait = LOCK_WAIT if wait is None else wait
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
        if on_wait is not None:
            on_wait(wait)
        conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
            raise IndexLockedError(
                f"another process is still writing to it after {wait:g} s (another `index build`?); "
                "try again when it has finished"
            ) from exc
    finally:
        conn.execute("PRAGMA busy_timeout = 5000")


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def open_index(
    path: str | os.PathLike[str],
    create: bool = False,
    on_wait: Callable[[float], None] | None = None,
    readonly: bool = False,
) -> sqlite3.Connection:
    """Open the index at `path`, checking that it is one, of this schema version.

    With `readonly` the connection cannot write (and works on read-only storage). With `create`, a
    missing or empty file becomes a new, empty index; two processes creating the same index at once
    make it once (the second waits for the first, see begin_write). Raises IndexFileError.
    """
    name = os.fspath(path)
    exists = os.path.exists(name) and os.path.getsize(name) > 0
    if not exists and not create:
        raise IndexFileError(
            f"{name}: no such index (build one with: cablecli index build PATH... --db {name})"
        )
    if os.path.isdir(name):
        raise IndexFileError(f"{name}: is a directory, not an index")
    try:
        conn = _open_readonly(name) if readonly and not create else connect(name)
        version, tables = _version_and_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise IndexFileError(f"{name}: not a cablecli index ({exc})") from exc
    if not tables and version == 0:
        if not create:
            conn.close()
            raise IndexFileError(f"{name}: empty database, not a cablecli index")
        try:
            begin_write(conn, on_wait)
        except IndexLockedError as exc:
            conn.close()
            raise IndexLockedError(f"{name}: {exc}") from exc
        version, tables = _version_and_tables(conn)
        if not tables and version == 0:
            _create(conn)
            return conn
        conn.execute("COMMIT")  # another process made it meanwhile: check it as any other
    application = None
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        application = row[0] if row else None
    if application != APPLICATION:
        conn.close()
        raise IndexFileError(f"{name}: not a cablecli index (an SQLite database without cablecli's tables)")
    if version != SCHEMA_VERSION:
        conn.close()
        made = f" (made by {_OLD_VERSIONS[version]})" if version in _OLD_VERSIONS else ""
        raise IndexFileError(
            f"{name}: index schema version {version}{made}, but this cablecli reads version "
            f"{SCHEMA_VERSION}; rebuild it: rm {name} && cablecli index build PATH... --db {name}"
        )
    return conn


def _open_readonly(name: str) -> sqlite3.Connection:
    conn = connect_readonly(name)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            conn.close()
            raise
        # A WAL database on read-only storage: no shared-memory file can be made beside it, and no
        # process can be writing to it either, so it can be read as immutable.
        conn.close()
        return connect_readonly(name, immutable=True)


def _version_and_tables(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return version, tables


def _create(conn: sqlite3.Connection) -> None:
    """Make the tables in the transaction begin_write opened, commit, and switch to WAL."""
    from cablecli import __version__

    try:
        for statement in statements(TABLES):  # the indexes come with the first load (build.py)
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("application", APPLICATION),
                ("schema_version", str(SCHEMA_VERSION)),
                ("created_by", f"cablecli {__version__}"),
            ],
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("PRAGMA journal_mode = WAL")
