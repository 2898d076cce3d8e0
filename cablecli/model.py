"""The cable record: frozen dataclasses whose to_dict() is the shape design.md fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The record's top-level field names, in output order.
FIELDS: tuple[str, ...] = (
    "reference_id",
    "source",
    "transmission_id",
    "routing",
    "station",
    "security",
    "precedence",
    "date",
    "origin",
    "to",
    "info",
    "xmt",
    "office_distribution",
    "classification",
    "handling",
    "section",
    "captions",
    "distribution",
    "executive_order",
    "declassify",
    "tags",
    "subject",
    "references",
    "classified_by",
    "summary",
    "comment",
    "paragraphs",
    "signers",
    "body",
    "problems",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a cable text came from: file path, input form, position, and page or row metadata."""

    path: str | None = None
    format: str | None = None
    index: int = 0
    metadata: dict[str, str] | None = None
    # Not part of the record: the line of the file where this cable's text starts (several cables
    # in one text file), so that `check` can point at the file's own lines.
    line: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "index": self.index,
            "metadata": dict(self.metadata) if self.metadata is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Routing:
    """The precedence prosign line: `PP RUEHWEB`."""

    precedence: str | None
    indicators: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"precedence": self.precedence, "indicators": list(self.indicators)}


@dataclass(frozen=True, slots=True)
class Station:
    """The DE line: `DE RUEHKB #0187/01 0641355`."""

    routing_indicator: str | None
    serial: str | None
    section: str | None
    filed: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "routing_indicator": self.routing_indicator,
            "serial": self.serial,
            "section": self.section,
            "filed": self.filed,
        }


@dataclass(frozen=True, slots=True)
class Addressee:
    """One FM/TO/INFO entry: `RUEHC/SECSTATE WASHDC PRIORITY 4855`."""

    routing_indicator: str | None
    name: str
    precedence: str | None = None
    serial: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "routing_indicator": self.routing_indicator,
            "name": self.name,
            "precedence": self.precedence,
            "serial": self.serial,
        }


@dataclass(frozen=True, slots=True)
class OfficeDistribution:
    """The offices a telegram went to inside the Department, printed above its DTG in archive copies:
    `ACTION EUR-25` (incoming) or `ORIGIN SPM-01` (outgoing), then `INFO OCT-01 EA-11 ... /096 W`."""

    action: str | None = None
    origin: str | None = None
    info: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action, "origin": self.origin, "info": list(self.info)}


@dataclass(frozen=True, slots=True)
class Section:
    """`SECTION 01 OF 03` on the classification line."""

    number: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "total": self.total}


@dataclass(frozen=True, slots=True)
class Declassify:
    """The declassification instruction: the date when there is one, and the text as written."""

    on: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"on": self.on, "raw": self.raw}


@dataclass(frozen=True, slots=True)
class Reference:
    """One REF item: its letter, its text, and the canonical id of the cited cable if it is one."""

    label: str | None
    text: str
    reference_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "reference_id": self.reference_id}


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    """The `Classified By:` line: who classified the cable and under which reasons."""

    name: str | None
    title: str | None
    reasons: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "reasons": list(self.reasons), "text": self.text}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered body paragraph with its portion marking and unwrapped text."""

    number: int
    marking: str | None
    text: str
    line: int | None = None  # 1-based line of the paragraph's start in the cable text
    heading: str | None = None  # the heading line just above it (`Summary`), for display; not a record field

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "marking": self.marking, "text": self.text}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not make sense of; `line` is 1-based in the cable text."""

    code: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line}


@dataclass(frozen=True, slots=True)
class Cable:
    """One parsed cable. Every field may be missing (None, or empty) on a fragment."""

    reference_id: str | None = None
    source: Source = field(default_factory=Source)
    transmission_id: str | None = None
    routing: Routing | None = None
    station: Station | None = None
    security: str | None = None
    precedence: str | None = None
    date: str | None = None
    origin: str | None = None
    to: tuple[Addressee, ...] = ()
    info: tuple[Addressee, ...] = ()
    xmt: tuple[str, ...] = ()
    office_distribution: OfficeDistribution | None = None
    classification: str | None = None
    handling: tuple[str, ...] = ()
    section: Section | None = None
    captions: tuple[str, ...] = ()
    distribution: tuple[str, ...] = ()
    executive_order: str | None = None
    declassify: Declassify | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    classified_by: ClassifiedBy | None = None
    summary: str | None = None
    comment: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    signers: tuple[str, ...] = ()
    body: str | None = None
    problems: tuple[Problem, ...] = ()
    # Not part of the record: the text the cable was parsed from, for `show --raw`,
    # `grep` and `check`, and where its lines start.
    text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The record as design.md defines it: plain dicts, lists, strings, ints and None."""
        # Written out, without helpers: this runs once per cable on every output path.
        routing, station, office = self.routing, self.station, self.office_distribution
        section, declassify, classified_by = self.section, self.declassify, self.classified_by
        return {
            "reference_id": self.reference_id,
            "source": self.source.to_dict(),
            "transmission_id": self.transmission_id,
            "routing": None if routing is None else routing.to_dict(),
            "station": None if station is None else station.to_dict(),
            "security": self.security,
            "precedence": self.precedence,
            "date": self.date,
            "origin": self.origin,
            "to": [a.to_dict() for a in self.to],
            "info": [a.to_dict() for a in self.info],
            "xmt": list(self.xmt),
            "office_distribution": None if office is None else office.to_dict(),
            "classification": self.classification,
            "handling": list(self.handling),
            "section": None if section is None else section.to_dict(),
            "captions": list(self.captions),
            "distribution": list(self.distribution),
            "executive_order": self.executive_order,
            "declassify": None if declassify is None else declassify.to_dict(),
            "tags": list(self.tags),
            "subject": self.subject,
            "references": [r.to_dict() for r in self.references],
            "classified_by": None if classified_by is None else classified_by.to_dict(),
            "summary": self.summary,
            "comment": self.comment,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "signers": list(self.signers),
            "body": self.body,
            "problems": [p.to_dict() for p in self.problems],
        }
