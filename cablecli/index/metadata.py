"""Datasette metadata for an index: title, source, column descriptions, facets, full-text search.

    >>> conn = open_index("cables.db")                   # doctest: +SKIP
    >>> meta = datasette_metadata(conn, "cables.db")      # doctest: +SKIP
    >>> meta["databases"]["cables"]["tables"]["cables"]["fts_table"]  # doctest: +SKIP
    'cable_search'

`cablecli index metadata --db cables.db -o cables.metadata.json` writes it; `datasette cables.db -m
cables.metadata.json` then shows the search box on `cables` and on `cables_with_tags`, taking FTS5
syntax as `grep --fts` does ("raw" search mode), the facets below, and a description of every column.
The column descriptions follow docs/record.md.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

_SCALAR = {
    "reference_id": "Two-digit year + office + serial, e.g. 08BAKU187 (not unique: real corpora repeat ids)",
    "date": "The date-time group in UTC, ISO 8601",
    "year": "Year of the date",
    "classification": "UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET",
    "origin": "The FM line (from a page or CSV row without one: its origin column)",
    "subject": "SUBJECT: and its continuation lines, joined",
    "sender": "The DE line's routing indicator, else the origin: who sent it",
    "precedence": "From the date-time group's letter: FLASH, IMMEDIATE, PRIORITY, ROUTINE",
    "transmission_id": "The start-of-message line (VZCZC...)",
    "security": "The security line, spaces folded",
    "executive_order": "The executive order's number (12958)",
    "problem_count": "How many things the parser could not make sense of (cablecli parse shows them)",
    "source_path": "The file the cable was read from (absolute, links resolved)",
    "source_index": "Position of the cable in its file from 0, or the CSV row number from 1",
    "source_format": "text, markdown, html or csv",
    "content_hash": "SHA-256 of the raw text, hex: a rebuild skips cables whose text is unchanged",
}

_TABLES: dict[str, dict[str, Any]] = {
    "cables": {
        "description": "One row per cable: the record's short fields. The text is in cable_texts; "
        "cablecli parse --db gives whole records.",
        "columns": {"id": "Row id, which every other table refers to as cable_id", **_SCALAR},
        "facets": ["year", "classification", "origin"],
        "fts_table": "cable_search",
        "fts_pk": "id",
        "searchmode": "raw",
        "label_column": "reference_id",
        "sort_desc": "date",
    },
    "cables_with_tags": {
        "description": "Cables with their TAGS as a list: facet by tag, search subject and body.",
        "columns": {
            "id": "cables.id",
            **{
                k: _SCALAR[k] for k in ("reference_id", "date", "year", "classification", "origin", "subject")
            },
            "tags": "TAGS codes as tags --count counts them (upper case, spaces collapsed), in order",
        },
        "facets": [{"array": "tags"}, "year", "classification", "origin"],
        "fts_table": "cable_search",
        "fts_pk": "id",
        "searchmode": "raw",
        "sort_desc": "date",
    },
    "cable_texts": {
        "description": "Each cable's text, as read (a view of cable_texts_zlib, where it is stored once, "
        "compressed); the full-text index reads subject and body here.",
        "columns": {
            "cable_id": "cables.id",
            "subject": "The subject, as in cables",
            "body_start": "Where the body starts in raw_text (0-based, characters)",
            "body_end": "Where the body ends in raw_text",
            "source": "Where the cable came from, as the record's source field: path as given, format, "
            "index, and the page's or CSV row's metadata (JSON)",
            "raw_text": "The text as read, for show --raw and grep",
            "body": "The text after the header block (a span of raw_text)",
        },
        "fts_table": "cable_search",
        "fts_pk": "cable_id",
        "searchmode": "raw",
        "label_column": "subject",
    },
    "cable_texts_zlib": {
        "description": "Each cable's text as stored: its UTF-8 bytes compressed with zlib, as an SQLite "
        "archive stores a file; the view cable_texts reads it.",
        "columns": {
            "cable_id": "cables.id",
            "subject": "The subject, as in cables",
            "body_start": "Where the body starts in the text (0-based, characters)",
            "body_end": "Where the body ends in the text",
            "source": "Where the cable came from, as the record's source field (JSON)",
            "raw_size": "Length of the text in UTF-8 bytes",
            "raw_zlib": "The text's UTF-8 bytes compressed with zlib, or the bytes themselves when that "
            "is not shorter: sqlar_uncompress(raw_zlib, raw_size) gives them back",
        },
        "hidden": True,
    },
    "addressees": {
        "description": "FM, TO, INFO and XMT entries of each cable, as cablecli addressees prints them.",
        "columns": {
            "cable_id": "cables.id",
            "position": "Order in the cable from 0",
            "role": "from, to, info or xmt",
            "routing_indicator": "The station's routing indicator (RUEHKB), or null",
            "name": "The addressee as written (AMEMBASSY BAKU)",
            "precedence": "FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE or null",
            "serial": "Four digits as written, or null",
        },
        "facets": ["role", "name"],
    },
    "addressees_named": {
        "description": "Addressees with their cable's id, date and sender, and the station name of their "
        "routing indicator: who writes to whom.",
        "columns": {
            "cable_id": "cables.id",
            "reference_id": _SCALAR["reference_id"],
            "date": _SCALAR["date"],
            "year": _SCALAR["year"],
            "origin": _SCALAR["origin"],
            "sender": _SCALAR["sender"],
            "role": "from, to, info or xmt",
            "routing_indicator": "The addressee's routing indicator, or null",
            "name": "The addressee as written",
            "station": "The station the routing indicator names (cablecli's shipped table), or null",
        },
        "facets": ["role", "origin", "station"],
    },
    "tags": {
        "description": "TAGS of each cable, one row per tag.",
        "columns": {
            "cable_id": "cables.id",
            "position": "Order on the TAGS line from 0",
            "tag": "As the record has it",
            "code": "As tags --count counts it: upper case, spaces collapsed",
        },
        "facets": ["code"],
    },
    "tagged_cables": {
        "description": "One row per cable and tag, with the cable's fields: tags over time, by origin.",
        "columns": {
            "tag": "TAGS code",
            "cable_id": "cables.id",
            **{
                k: _SCALAR[k] for k in ("reference_id", "date", "year", "classification", "origin", "subject")
            },
        },
        "facets": ["tag", "year", "origin"],
    },
    "refs": {
        "description": "The REF lines of each cable: the cables (and other documents) it cites.",
        "columns": {
            "cable_id": "cables.id (the citing cable)",
            "position": "Order in the REF block from 0",
            "label": "A, B, ... or null",
            "text": "The reference as written (STATE 21209)",
            "reference_id": "Canonical id of the cited cable (08STATE21209), or null for a non-cable",
        },
        "facets": ["reference_id"],
    },
    "stations": {
        "description": "Routing indicators and the stations they name, as shipped with cablecli.",
        "columns": {"routing_indicator": "RUEHKB", "name": "AMEMBASSY BAKU"},
    },
    "meta": {
        "description": "Facts about the index: application, schema_version, created_by, updated.",
        "columns": {"key": "The fact", "value": "Its value"},
        "hidden": True,
    },
}


def datasette_metadata(conn: sqlite3.Connection, db: str | os.PathLike[str]) -> dict[str, Any]:
    """Metadata for `datasette DB -m FILE`: keyed by the database's name as Datasette gives it (the stem)."""
    from cablecli import __version__

    cables, files = conn.execute("SELECT count(*), count(DISTINCT source_path) FROM cables").fetchone()
    first, last = conn.execute("SELECT min(source_path), max(source_path) FROM cables").fetchone()
    where = ""
    if first and last:
        try:
            where = " under " + os.path.commonpath([os.fsdecode(first), os.fsdecode(last)])
        except ValueError:  # stdin beside files
            where = ""
    updated = dict(conn.execute("SELECT key, value FROM meta")).get("updated")
    source = f"{cables:,} cables from {files:,} file{'s' if files != 1 else ''}{where}"
    return {
        "title": f"Cables: {Path(db).name}",
        "description": "US State Department telegrams parsed by cablecli into an SQLite index "
        f"(schema version {conn.execute('PRAGMA user_version').fetchone()[0]}). Search subject and "
        "body with SQLite FTS5 syntax, as cablecli grep --fts does.",
        "source": source + (f", indexed {updated}" if updated else ""),
        "about": f"cablecli {__version__}",
        "databases": {Path(db).stem: {"tables": _TABLES}},
    }
