"""Questions answered from an index: records, tags and addressees, counts, references, search candidates.

    >>> conn = open_index("cables.db")                   # doctest: +SKIP
    >>> tag_count_rows(conn)[0]                          # doctest: +SKIP
    {'tag': 'PREL', 'kind': 'subject', 'meaning': 'External political relations', 'count': 118823}

Everything comes back in the shapes the commands print when they read files (`Cable.to_dict()`,
tally.py's rows and items, stats.py's counts), in input order: by source path, then position in it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cablecli.index.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from cablecli.inputs import CableText
    from cablecli.model import Source
    from cablecli.stats import CorpusCounts
    from cablecli.tally import CableAddressees, CableTags, StationNames

# Modules are imported where they are used, so that an indexed query starts fast.

_ORDER = "c.source_path, c.source_index"


def index_info(conn: sqlite3.Connection, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Counts of what the index holds, its schema version and size."""

    def count(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    meta = dict(conn.execute("SELECT key, value FROM meta"))
    info: dict[str, Any] = {
        "path": os.fspath(path) if path is not None else None,
        "schema_version": SCHEMA_VERSION,
        "cables": count("SELECT count(*) FROM cables"),
        "reference_ids": count("SELECT count(DISTINCT reference_id) FROM cables"),
        "files": count("SELECT count(DISTINCT source_path) FROM cables"),
        "addressees": count("SELECT count(*) FROM addressees"),
        "tags": count("SELECT count(*) FROM tags"),
        "distinct_tags": count("SELECT count(DISTINCT code) FROM tags"),
        "references": count("SELECT count(*) FROM refs"),
        "first_date": conn.execute("SELECT min(date) FROM cables").fetchone()[0],
        "last_date": conn.execute("SELECT max(date) FROM cables").fetchone()[0],
        "created_by": meta.get("created_by"),
        "updated": meta.get("updated"),
        "sqlite_version": sqlite3.sqlite_version,
    }
    if path is not None:
        name = os.fspath(path)
        info["size_bytes"] = sum(os.path.getsize(p) for p in (name, name + "-wal") if os.path.exists(p))
    return info


# --- whole records ----------------------------------------------------------------------------------


def _source(source_json: str) -> Source:
    from cablecli.model import Source

    s = json.loads(source_json)
    return Source(s.get("path"), s.get("format"), s.get("index", 0), s.get("metadata"))


def texts(conn: sqlite3.Connection) -> Iterator[CableText]:
    """Every cable's text as read when indexed, with its source, in input order."""
    from cablecli.inputs import CableText

    rows = conn.cursor().execute(
        f"SELECT t.source, t.raw_text FROM cables c JOIN cable_texts t ON t.cable_id = c.id ORDER BY {_ORDER}"
    )
    for source_json, raw in rows:
        yield CableText(raw, _source(source_json))


def _record_dict(cable) -> dict[str, Any]:
    return cable.to_dict()


def records(conn: sqlite3.Connection, jobs: int = 1) -> Iterator[dict[str, Any]]:
    """Every cable's record (`Cable.to_dict()`), parsed again from the text the index stores once,
    in input order; with `jobs` > 1 in that many worker processes."""
    from cablecli.parse.pool import parse_stream

    yield from parse_stream(texts(conn), jobs, _record_dict)


def texts_by_id(conn: sqlite3.Connection, reference_id: str) -> list[CableText]:
    """The texts of the cables with this reference id (case-insensitive), as read when indexed."""
    from cablecli.inputs import CableText

    rows = conn.execute(
        "SELECT t.source, t.raw_text FROM cables c JOIN cable_texts t ON t.cable_id = c.id "
        f"WHERE c.reference_id = ? ORDER BY {_ORDER}",
        (reference_id.strip().upper(),),
    )
    return [CableText(raw, _source(source_json)) for source_json, raw in rows]


# --- search candidates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conditions:
    """grep's filters as SQL: every tag, origin substring, any of the levels, ISO date range (inclusive)."""

    tags: Sequence[str] = ()
    origin: str | None = None
    classifications: Sequence[str] = ()
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    fts: str | None = None  # an FTS5 query over subject and body
    contains: str | None = None  # the raw text holds this string (case-sensitive)
    contains_ascii_nocase: str | None = None  # ... ignoring ASCII case (SQLite's LIKE)
    may_match: bool = False  # test the raw text with cablecli_may_match (see register_may_match)

    def sql(self) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for tag in self.tags:
            from cablecli.index.build import tag_code

            where.append("EXISTS (SELECT 1 FROM tags g WHERE g.cable_id = c.id AND g.code = ?)")
            params.append(tag_code(tag))
        if self.origin:
            where.append("instr(lower(c.origin), ?) > 0")
            params.append(self.origin.lower())
        if self.classifications:
            where.append(f"upper(c.classification) IN ({', '.join('?' * len(self.classifications))})")
            params.extend(c.upper() for c in self.classifications)
        if self.since:
            where.append("substr(c.date, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            where.append("substr(c.date, 1, 10) <= ?")
            params.append(self.until)
        if self.fts:
            where.append("c.id IN (SELECT rowid FROM cable_search WHERE cable_search MATCH ?)")
            params.append(self.fts)
        if self.contains:
            where.append("instr(t.raw_text, ?) > 0")
            params.append(self.contains)
        if self.may_match:
            where.append("cablecli_may_match(t.raw_text)")
        if self.contains_ascii_nocase:
            escaped = self.contains_ascii_nocase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("t.raw_text LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        return (" AND ".join(where) or "1"), params


def candidate_texts(conn: sqlite3.Connection, conditions: Conditions) -> Iterator[CableText]:
    """The texts of the cables that meet `conditions`, in input order, to be parsed and searched."""
    from cablecli.inputs import CableText

    where, params = conditions.sql()
    rows = conn.cursor().execute(
        "SELECT t.source, t.raw_text FROM cables c JOIN cable_texts t ON t.cable_id = c.id "
        f"WHERE {where} ORDER BY {_ORDER}",
        params,
    )
    for source_json, raw in rows:
        yield CableText(raw, _source(source_json))


def candidate_names(
    conn: sqlite3.Connection, conditions: Conditions
) -> Iterator[tuple[str | None, str | None]]:
    """(reference_id, source path as given) of the cables that meet `conditions`, without reading texts."""
    where, params = conditions.sql()
    rows = conn.cursor().execute(
        "SELECT c.reference_id, CASE WHEN c.reference_id IS NULL THEN t.source END "
        f"FROM cables c JOIN cable_texts t ON t.cable_id = c.id WHERE {where} ORDER BY {_ORDER}",
        params,
    )
    # The path from the JSON in Python: SQLite's json_extract would turn the escapes of a name that
    # is not UTF-8 into text that is not UTF-8 either.
    for reference_id, source in rows:
        yield reference_id, (_source(source).path if source is not None else None)


def fts_ids(conn: sqlite3.Connection, query: str, limit: int | None = None) -> list[str | None]:
    """Reference ids of the cables a full-text query finds, in input order."""
    sql = (
        "SELECT c.reference_id FROM cables c WHERE c.id IN "
        f"(SELECT rowid FROM cable_search WHERE cable_search MATCH ?) ORDER BY {_ORDER}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in conn.execute(sql, (query,))]


# --- tags and addressees ----------------------------------------------------------------------------


def _where(path: str | bytes, index: int) -> str:
    # Named as tally.py names a cable without reference id: file name#index. A name that is not
    # UTF-8 is stored as its bytes (build.stored_path).
    path = os.fsdecode(path)
    return f"{os.path.basename(path) or path}#{index}"


def tag_items(conn: sqlite3.Connection, kinds: Collection[str] | None = None) -> Iterator[CableTags]:
    """Each cable's tags, explained, as `tally.cable_tags` gives them; cables without tags left out."""
    from cablecli.tally import CableTags, _explain

    rows = conn.cursor().execute(
        "SELECT c.id, c.reference_id, c.source_path, c.source_index, g.tag FROM cables c "
        f"JOIN tags g ON g.cable_id = c.id ORDER BY {_ORDER}, g.position"
    )
    current = None
    infos: list = []
    for cable_id, reference_id, path, index, tag in rows:
        if current is not None and current[0] != cable_id:
            yield CableTags(current[1], current[2], tuple(infos))
            infos = []
        if current is None or current[0] != cable_id:
            current = (cable_id, reference_id, _where(path, index))
        info = _explain(tag)
        if not kinds or info.kind in kinds:
            infos.append(info)
    if current is not None:
        yield CableTags(current[1], current[2], tuple(infos))


def tag_count_rows(conn: sqlite3.Connection, kinds: Collection[str] | None = None) -> list[dict[str, Any]]:
    """`tags --count`: tag, kind, meaning, count (cables), most frequent first, as TagTally.rows()."""
    from cablecli.tally import _explain

    rows = []
    for code, n in conn.execute("SELECT code, count(DISTINCT cable_id) FROM tags GROUP BY code"):
        info = _explain(code)
        if not kinds or info.kind in kinds:
            rows.append({"tag": code, "kind": info.kind, "meaning": info.meaning, "count": n})
    rows.sort(key=lambda r: (-r["count"], r["tag"]))
    return rows


def addressee_items(conn: sqlite3.Connection) -> Iterator[CableAddressees]:
    """Each cable's FM/TO/INFO/XMT entries, as `tally.cable_addressees` gives them."""
    from cablecli.tally import CableAddressees, Entry

    rows = conn.cursor().execute(
        "SELECT c.id, c.reference_id, c.source_path, c.source_index, c.sender, "
        "a.role, a.routing_indicator, a.name, a.precedence, a.serial FROM cables c "
        f"JOIN addressees a ON a.cable_id = c.id ORDER BY {_ORDER}, a.position"
    )
    current = None
    entries: list[Entry] = []
    for cable_id, reference_id, path, index, sender, *entry in rows:
        if current is not None and current[0] != cable_id:
            yield CableAddressees(current[1], current[2], current[3], tuple(entries))
            entries = []
        if current is None or current[0] != cable_id:
            current = (cable_id, reference_id, _where(path, index), sender)
        entries.append(Entry(*entry))
    if current is not None:
        yield CableAddressees(current[1], current[2], current[3], tuple(entries))


def station_names(conn: sqlite3.Connection) -> StationNames:
    """Routing indicators the shipped table lacks, with the names the whole index pairs them with."""
    from cablecli.reference import station_name
    from cablecli.tally import StationNames

    stations = StationNames()
    rows = conn.execute(
        "SELECT routing_indicator, name, count(*) FROM addressees "
        "WHERE routing_indicator <> '' AND name <> '' GROUP BY routing_indicator, name"
    )
    for ri, name, n in rows:
        if station_name(ri) is None:
            stations.seen.setdefault(ri, Counter())[name] = n
    return stations


def addressee_count_rows(
    conn: sqlite3.Connection, roles: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """`addressees --count`: role, routing_indicator, name, count, senders, as AddresseeTally.rows()."""
    from cablecli.tally import ROLES

    stations = station_names(conn)
    where = f"WHERE a.role IN ({', '.join('?' * len(roles))})" if roles else ""
    rows = conn.execute(
        "SELECT a.role, nullif(a.routing_indicator, '') AS ri, "
        "CASE WHEN coalesce(a.routing_indicator, '') = '' THEN a.name END AS nm, "
        "count(DISTINCT a.cable_id), count(DISTINCT nullif(c.sender, '')) "
        f"FROM addressees a JOIN cables c ON c.id = a.cable_id {where} GROUP BY 1, 2, 3",
        list(roles or ()),
    ).fetchall()
    rows.sort(key=lambda r: (-r[3], ROLES.index(r[0]), r[1] or "", r[2] or ""))
    return [
        {
            "role": role,
            "routing_indicator": ri,
            "name": stations.resolve(ri) if ri else name,
            "count": n,
            "senders": senders,
        }
        for role, ri, name, n, senders in rows
    ]


# --- stats and references ---------------------------------------------------------------------------


def corpus_counts(conn: sqlite3.Connection) -> CorpusCounts:
    """The counts `stats` shows, from SQL aggregates."""
    from cablecli.stats import CorpusCounts

    counts = CorpusCounts()
    counts.cables = conn.execute("SELECT count(*) FROM cables").fetchone()[0]
    counts.years.update(dict(conn.execute("SELECT year, count(*) FROM cables GROUP BY year")))
    counts.classifications.update(
        dict(conn.execute("SELECT classification, count(*) FROM cables GROUP BY classification"))
    )
    counts.origins.update(dict(conn.execute("SELECT origin, count(*) FROM cables GROUP BY origin")))
    counts.tags.update(dict(conn.execute("SELECT code, count(DISTINCT cable_id) FROM tags GROUP BY code")))
    return counts


def _cited(conn: sqlite3.Connection, reference_id: str | None) -> tuple[bool, str | None, str | None]:
    if not reference_id:
        return False, None, None
    row = conn.execute(
        "SELECT date, subject FROM cables WHERE reference_id = ? ORDER BY subject IS NULL, id LIMIT 1",
        (reference_id,),
    ).fetchone()
    return (True, row[0], row[1]) if row else (False, None, None)


def cable_exists(conn: sqlite3.Connection, reference_id: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM cables WHERE reference_id = ? LIMIT 1", (reference_id,)).fetchone()
        is not None
    )


def cited_by(conn: sqlite3.Connection, reference_id: str) -> list[dict[str, Any]]:
    """The references of the cable(s) with this id, each once, with whether the index holds the cited cable.

    Rows: label, text, reference_id (of the cited cable, when the reference names one), in_corpus,
    date, subject.
    """
    rows = conn.execute(
        "SELECT r.label, r.text, r.reference_id FROM refs r JOIN cables c ON c.id = r.cable_id "
        "WHERE c.reference_id = ? ORDER BY c.id, r.position",
        (reference_id,),
    )
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for label, text, cited in rows:
        if (label, text, cited) in seen:
            continue
        seen.add((label, text, cited))
        found, date, subject = _cited(conn, cited)
        out.append(
            {"label": label, "text": text, "reference_id": cited, "in_corpus": found, "date": date,
             "subject": subject}
        )  # fmt: skip
    return out


def citing(conn: sqlite3.Connection, reference_id: str) -> list[dict[str, Any]]:
    """The cables in the index that cite this id, each once, oldest first.

    Rows: reference_id (of the citing cable, or file#index without one), date, subject, label, text
    (how the citing cable writes the reference).
    """
    rows = conn.execute(
        "SELECT c.reference_id, c.source_path, c.source_index, c.date, c.subject, r.label, r.text "
        "FROM refs r JOIN cables c ON c.id = r.cable_id WHERE r.reference_id = ? "
        "ORDER BY c.date IS NULL, c.date, c.reference_id, c.id, r.position",
        (reference_id,),
    )
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for ref_id, path, index, date, subject, label, text in rows:
        name = ref_id or _where(path, index)
        if name in seen:
            continue
        seen.add(name)
        out.append({"reference_id": name, "date": date, "subject": subject, "label": label, "text": text})
    return out


# --- grep over the index ----------------------------------------------------------------------------

_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# Characters Python's re folds onto i, k, s under IGNORECASE (search/matcher.py's _UNICODE_FOLDS):
# SQLite's LIKE does not, so a literal holding these letters is tested in Python.
_FOLDED = frozenset("iksIKS")


def fts_words_pattern(query: str) -> str:
    """A regular expression for the words of an FTS5 query (prefix words `corrid*` as prefixes).

    Used to show where a cable holds them when `grep --fts` is given without PATTERN.
    """
    import re

    text = re.sub(r"\b\w+\s*:", " ", query)  # column filters: subject:word
    words: list[str] = []
    for m in re.finditer(r"(\w+)(\*?)", text):
        word, prefix = m.group(1), m.group(2)
        if word in _FTS_OPERATORS or (word.isdigit() and text[: m.start()].rstrip().endswith(",")):
            continue
        words.append(re.escape(word) + (r"\w*" if prefix else r"\b"))
    return r"\b(?:" + "|".join(dict.fromkeys(words)) + ")" if words else r"(?!)"


def text_conditions(pattern: str | None, fixed: bool, ignore_case: bool) -> dict[str, str]:
    """The raw-text test SQLite can do itself for a PATTERN that is a plain string, as Conditions fields.

    Empty when the pattern is a regular expression, or a case-insensitive string that SQLite's LIKE
    would fold differently from Python (non-ASCII, or holding i, k or s): those are tested in Python.
    """
    from cablecli.search.matcher import _REGEX_SYNTAX

    if not pattern:
        return {}
    literal = pattern if fixed or not _REGEX_SYNTAX.search(pattern) else None
    if literal is None or any(c.isspace() for c in literal):
        # A phrase may wrap in the raw text: Python tests it on the unwrapped paragraphs.
        return {}
    if not ignore_case:
        return {"contains": literal}
    if literal.isascii() and not (_FOLDED & set(literal)):
        return {"contains_ascii_nocase": literal}
    return {}


def register_may_match(conn: sqlite3.Connection, may_match) -> None:
    """Make `may_match(raw_text)` callable from SQL, for patterns SQLite cannot test itself."""
    conn.create_function("cablecli_may_match", 1, lambda raw: 1 if may_match(raw) else 0, deterministic=True)


class EveryCandidate:
    """Search work for `grep --fts` without PATTERN: each cable the query found is a hit.

    Its lines and values that hold the query's words are the hits shown; a cable whose words the
    full-text tokenizer matched differently (accents, say) is shown by its subject. Picklable.
    """

    def __init__(self, search) -> None:
        self.search = search

    def __call__(self, cable):
        from cablecli.search import CableHits, Hit, search_cable

        work = self.search
        if work.filters and not work.filters.accepts(cable):
            return None
        found: CableHits = search_cable(cable, work.matcher.regex, work.fields, work.context)
        if not found.hits:
            found.hits.append(Hit("subject", None, None, cable.subject or "", ()))
        return found
