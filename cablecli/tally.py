"""Tags and addressees of cables as rows, and their tallies across many cables (only counts kept).

    >>> from cablecli import parse_text                     # doctest: +SKIP
    >>> cable = parse_text(open("examples/08BAKU187.txt").read())  # doctest: +SKIP
    >>> [row["kind"] for row in tag_rows(cable_tags(cable))]  # doctest: +SKIP
    ['subject', 'subject', 'subject', 'organization', 'country']

The per-cable functions (`cable_tags`, `cable_addressees`) are module-level so that parse/pool.py can
run them in worker processes; everything that needs the whole stream (`TagTally`, `AddresseeTally`,
`StationNames`) runs in the reading process and holds counts, never cables.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cablecli.model import Cable
from cablecli.reference import TagInfo, explain_tag, station_name

# Output columns, in order; docs/usage.md documents them.
TAG_COLUMNS = ("reference_id", "tag", "kind", "meaning")
TAG_COUNT_COLUMNS = ("tag", "kind", "meaning", "count")
EXPLAIN_COLUMNS = ("tag", "kind", "meaning")
ADDRESSEE_COLUMNS = ("reference_id", "role", "routing_indicator", "name", "station", "precedence", "serial")
ADDRESSEE_COUNT_COLUMNS = ("role", "routing_indicator", "name", "count", "senders")

ROLES = ("from", "to", "info", "xmt")
TAG_KINDS = ("subject", "program", "organization", "country", "person", "unknown")

_RI = re.compile(r"^R[A-Z]{4,6}$")
_XMT_WITH_RI = re.compile(r"^(R[A-Z]{4,6})/(.+)$")


def _where(cable: Cable) -> str:
    """Where a cable came from, for people, when it has no reference id: `file#index`.

    The file name without its folders keeps a table's first column narrow; the index is the
    cable's position in its file, or its row in a CSV dump.
    """
    name = os.path.basename(cable.source.path) if cable.source.path else "-"
    return f"{name or cable.source.path}#{cable.source.index}"


# --- tags -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CableTags:
    """One cable's tags, explained; `where` names the cable for people when reference_id is None."""

    reference_id: str | None
    where: str
    tags: tuple[TagInfo, ...]


# A corpus uses a few thousand distinct tags at most; explaining each once saves a third of the time.
_explain = lru_cache(maxsize=8192)(explain_tag)


def cable_tags(cable: Cable, kinds: Collection[str] | None = None) -> CableTags:
    """The cable's tags in the order written, each with kind and meaning; only `kinds` if given."""
    infos = (_explain(tag) for tag in cable.tags)
    kept = tuple(info for info in infos if not kinds or info.kind in kinds)
    return CableTags(cable.reference_id, _where(cable), kept)


def tag_rows(item: CableTags) -> Iterator[dict[str, Any]]:
    """One row per (cable, tag): reference_id, tag, kind, meaning."""
    for info in item.tags:
        yield {
            "reference_id": item.reference_id,
            "tag": info.code,
            "kind": info.kind,
            "meaning": info.meaning,
        }


def explain_rows(codes: Iterable[str], kinds: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """One row per code given: tag, kind, meaning (None when the code is not listed)."""
    for code in codes:
        info = explain_tag(code)
        if not kinds or info.kind in kinds:
            yield {"tag": info.code, "kind": info.kind, "meaning": info.meaning}


class TagTally:
    """How many cables carry each tag (a tag written twice in one cable counts once)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.infos: dict[str, TagInfo] = {}

    def add(self, item: CableTags) -> None:
        for info in {info.code: info for info in item.tags}.values():
            self.counts[info.code] += 1
            self.infos.setdefault(info.code, info)

    def rows(self) -> list[dict[str, Any]]:
        """tag, kind, meaning, count; most frequent first, then by tag."""
        ordered = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            {"tag": code, "kind": self.infos[code].kind, "meaning": self.infos[code].meaning, "count": n}
            for code, n in ordered
        ]


# --- addressees -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One FM, TO, INFO or XMT entry of a cable's header."""

    role: str
    routing_indicator: str | None
    name: str | None
    precedence: str | None = None
    serial: str | None = None


@dataclass(frozen=True, slots=True)
class CableAddressees:
    """One cable's addressees; `sender` (the DE line's RI, else FM) tells origins apart in tallies."""

    reference_id: str | None
    where: str
    sender: str | None
    entries: tuple[Entry, ...]


def _entry(role: str, routing_indicator: str | None, name: str | None, precedence=None, serial=None) -> Entry:
    # A list entry that is a bare routing indicator (`TO RUEHC`) reaches us as a name; when the shipped
    # table knows it, it is an RI without a name of its own.
    if routing_indicator is None and name and _RI.match(name) and station_name(name) is not None:
        routing_indicator, name = name, None
    return Entry(role, routing_indicator, name or None, precedence, serial)


def cable_addressees(cable: Cable) -> CableAddressees:
    """FM (the origin, with the DE line's RI, the DTG precedence and the DE serial), TO, INFO, XMT."""
    entries: list[Entry] = []
    de = cable.station
    de_ri = de.routing_indicator if de else None
    if cable.origin or de_ri:
        entries.append(Entry("from", de_ri, cable.origin, cable.precedence, de.serial if de else None))
    for role, addressees in (("to", cable.to), ("info", cable.info)):
        for a in addressees:
            entries.append(_entry(role, a.routing_indicator, a.name, a.precedence, a.serial))
    for written in cable.xmt:
        m = _XMT_WITH_RI.match(written)
        entries.append(_entry("xmt", m.group(1), m.group(2)) if m else _entry("xmt", None, written))
    return CableAddressees(cable.reference_id, _where(cable), de_ri or cable.origin, tuple(entries))


class StationNames:
    """Routing indicator -> station name: the shipped table first, else what the cables read pair it with.

    Only indicators the table lacks are remembered, each with the names written beside it (`RI/NAME`
    in TO and INFO, the DE line's RI with FM); the most frequent name wins, ties by name.
    """

    def __init__(self) -> None:
        self.seen: dict[str, Counter[str]] = {}

    def learn(self, item: CableAddressees) -> None:
        for e in item.entries:
            if e.routing_indicator and e.name and station_name(e.routing_indicator) is None:
                self.seen.setdefault(e.routing_indicator, Counter())[e.name] += 1

    def resolve(self, routing_indicator: str | None) -> str | None:
        if not routing_indicator:
            return None
        shipped = station_name(routing_indicator)
        if shipped is not None:
            return shipped
        names = self.seen.get(routing_indicator)
        if not names:
            return None
        return min(names.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def addressee_rows(
    item: CableAddressees, stations: StationNames, roles: Collection[str] | None = None
) -> Iterator[dict[str, Any]]:
    """One row per (cable, role, entry), with the station its RI resolves to."""
    for e in item.entries:
        if roles and e.role not in roles:
            continue
        yield {
            "reference_id": item.reference_id,
            "role": e.role,
            "routing_indicator": e.routing_indicator,
            "name": e.name,
            "station": stations.resolve(e.routing_indicator),
            "precedence": e.precedence,
            "serial": e.serial,
        }


class AddresseeTally:
    """Per (role, RI or, without one, name): in how many cables it appears, and from how many origins."""

    def __init__(self, roles: Collection[str] | None = None) -> None:
        self.roles = roles
        self.counts: Counter[tuple[str, str | None, str | None]] = Counter()
        self.senders: dict[tuple[str, str | None, str | None], set[str]] = {}

    def add(self, item: CableAddressees) -> None:
        keys = {
            (e.role, e.routing_indicator, None if e.routing_indicator else e.name)
            for e in item.entries
            if not self.roles or e.role in self.roles
        }
        for key in keys:
            self.counts[key] += 1
            senders = self.senders.setdefault(key, set())
            if item.sender:
                senders.add(item.sender)

    def rows(self, stations: StationNames) -> list[dict[str, Any]]:
        """role, routing_indicator, name (the station, for an RI), count, senders; most frequent first."""

        def order(kv: tuple[tuple[str, str | None, str | None], int]) -> tuple:
            (role, ri, name), n = kv
            return (-n, ROLES.index(role), ri or "", name or "")

        return [
            {
                "role": role,
                "routing_indicator": ri,
                "name": stations.resolve(ri) if ri else name,
                "count": n,
                "senders": len(self.senders[(role, ri, name)]),
            }
            for (role, ri, name), n in sorted(self.counts.items(), key=order)
        ]
