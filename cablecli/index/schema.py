"""The index's tables (DDL), its schema version, and opening a database as a cablecli index."""

from __future__ import annotations

import os
import sqlite3

# Bump when the tables change in a way an older or newer cablecli cannot read; docs/index.md lists
# what each version holds. It lives in `PRAGMA user_version` and, for people, in the meta table.
SCHEMA_VERSION = 1
APPLICATION = "cablecli"

# `cables` stays narrow (scalar fields only) so that counting and filtering scan few pages; the large
# texts live one-to-one beside it in `cable_texts`.
DDL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE cables (
    id INTEGER PRIMARY KEY,
    source_path TEXT NOT NULL,
    source_index INTEGER NOT NULL,
    source_format TEXT,
    content_hash TEXT NOT NULL,
    reference_id TEXT,
    date TEXT,
    year INTEGER,
    classification TEXT,
    origin TEXT,
    sender TEXT,
    precedence TEXT,
    transmission_id TEXT,
    security TEXT,
    executive_order TEXT,
    subject TEXT,
    summary TEXT,
    comment TEXT,
    problem_count INTEGER NOT NULL,
    UNIQUE (source_path, source_index)
);
CREATE INDEX cables_reference_id ON cables (reference_id);
CREATE INDEX cables_date ON cables (date);
CREATE TABLE cable_texts (
    cable_id INTEGER PRIMARY KEY REFERENCES cables (id),
    record_json TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    body_start INTEGER,
    body_end INTEGER
);
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
CREATE INDEX addressees_role ON addressees (role, routing_indicator, name, cable_id);
CREATE TABLE tags (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE INDEX tags_code ON tags (code, cable_id);
CREATE TABLE refs (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    label TEXT,
    text TEXT NOT NULL,
    reference_id TEXT,
    PRIMARY KEY (cable_id, position)
) WITHOUT ROWID;
CREATE INDEX refs_reference_id ON refs (reference_id, cable_id);
CREATE TABLE paragraphs (
    cable_id INTEGER NOT NULL REFERENCES cables (id),
    position INTEGER NOT NULL,
    number INTEGER NOT NULL,
    marking TEXT,
    text TEXT NOT NULL
);
CREATE UNIQUE INDEX paragraphs_cable ON paragraphs (cable_id, position);
CREATE VIRTUAL TABLE cable_search USING fts5 (subject, summary, paragraphs, content = '');
"""


class IndexFileError(Exception):
    """The database cannot be used as a cablecli index: missing, not SQLite, not ours, other version."""


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection in autocommit mode: the build opens its own transaction."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def open_index(path: str | os.PathLike[str], create: bool = False) -> sqlite3.Connection:
    """Open the index at `path`, checking that it is one, of this schema version.

    With `create`, a missing or empty file becomes a new, empty index. Raises IndexFileError.
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
        conn = connect(name)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise IndexFileError(f"{name}: not a cablecli index ({exc})") from exc
    if not tables and version == 0:
        if not create:
            conn.close()
            raise IndexFileError(f"{name}: empty database, not a cablecli index")
        _create(conn)
        return conn
    application = None
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        application = row[0] if row else None
    if application != APPLICATION:
        conn.close()
        raise IndexFileError(f"{name}: not a cablecli index (an SQLite database without cablecli's tables)")
    if version != SCHEMA_VERSION:
        conn.close()
        raise IndexFileError(
            f"{name}: index schema version {version}, but this cablecli reads version {SCHEMA_VERSION}; "
            f"rebuild it: rm {name} && cablecli index build PATH... --db {name}"
        )
    return conn


def _create(conn: sqlite3.Connection) -> None:
    from cablecli import __version__

    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    for statement in DDL.split(";"):
        if statement.strip():
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
