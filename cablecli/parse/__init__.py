"""Cable text -> record. `parse_text` is lenient: it never raises, and notes what it missed."""

from __future__ import annotations

import re

from cablecli.model import Cable, Problem, Source
from cablecli.parse.body import parse_body
from cablecli.parse.header import parse_header
from cablecli.parse.ids import canonical_office, full_year, make_reference_id
from cablecli.parse.preamble import LEVELS, parse_classified_by, parse_preamble, parse_references

__all__ = ["parse_text"]

_SECURITY_LEVELS = {
    "UUUUU": "UNCLASSIFIED",
    "CCCCC": "CONFIDENTIAL",
    "SSSSS": "SECRET",
    "TTTTT": "TOP SECRET",
}
_META_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})")
_CSV_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})")


def parse_text(text: str, source: Source | None = None) -> Cable:
    """Parse one cable's text into a record. Any text is accepted; nothing raises."""
    source = source or Source()
    try:
        return _parse(text, source)
    except Exception as exc:  # a parser bug must not take down a run over a corpus
        return Cable(
            source=source,
            body=text or None,
            problems=(Problem("internal-error", f"parser failed: {type(exc).__name__}: {exc}"),),
            text=text,
        )


def _parse(text: str, source: Source) -> Cable:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    problems: list[Problem] = []

    h = parse_header(lines)
    problems.extend(h.problems)
    p = parse_preamble(lines, h.end)
    problems.extend(p.problems)
    b = parse_body(lines, p.end)

    cl = p.classification_line
    classification = cl.classification if cl else None
    if classification is None and h.security:
        for key, level in _SECURITY_LEVELS.items():
            if key in h.security:
                classification = level
                break

    year = h.year
    date = h.date
    office = cl.office if cl and cl.office else (canonical_office(h.origin) if h.origin else None)
    serial = cl.serial if cl and cl.serial else (h.station.serial if h.station else None)
    reference_id = make_reference_id(year, office, serial)
    origin = h.origin

    meta = source.metadata or {}
    if meta:
        if meta.get("reference_id") and not (cl and cl.serial):
            # The id was at best guessed from the DE line's serial (the text cut short before
            # its classification line): the page's own table knows it.
            reference_id = meta["reference_id"]
        reference_id = reference_id or meta.get("reference_id") or None
        if date is None:
            date = _metadata_date(meta.get("created") or meta.get("date") or "")
        if year is None and date:
            year = int(date[:4])
        if classification is None and meta.get("classification"):
            level = meta["classification"].split("//")[0].strip().upper()
            classification = LEVELS.get(level.replace(" ", ""), level if level == "TOP SECRET" else None)
        origin = origin or meta.get("origin") or None

    if not lines or not text.strip():
        problems.append(Problem("empty", "no text"))
    else:
        if cl is None:
            problems.append(Problem("no-classification-line", "no classification line found"))
        if date is None and not any(pr.code == "bad-dtg" for pr in problems):
            problems.append(Problem("no-date", "no date-time group found"))
        if reference_id is None:
            problems.append(Problem("no-reference-id", "reference id could not be formed"))
        if p.tags_raw is not None and not p.tags:
            problems.append(Problem("empty-tags", "TAGS line holds no tags", p.tags_lineno))
    if p.declassify and p.declassify.on is None and _looks_dated(p.declassify.raw):
        problems.append(Problem("bad-decl-date", f"declassification date not understood: {p.declassify.raw}"))

    references = tuple(parse_references(p.references_raw, year)) if p.references_raw else ()
    classified_by = parse_classified_by(p.classified_by_raw) if p.classified_by_raw else None

    body_lines = lines[p.end :]
    body = "\n".join(body_lines).strip("\n") or None

    handling = list(dict.fromkeys(p.handling))
    return Cable(
        reference_id=reference_id,
        source=source,
        transmission_id=h.transmission_id,
        routing=h.routing,
        station=h.station,
        security=h.security,
        precedence=h.precedence,
        date=date,
        origin=origin,
        to=tuple(h.to),
        info=tuple(h.info),
        xmt=tuple(h.xmt),
        classification=classification,
        handling=tuple(handling),
        section=cl.section if cl else None,
        captions=tuple(p.captions),
        distribution=tuple(p.distribution),
        executive_order=p.executive_order,
        declassify=p.declassify,
        tags=tuple(p.tags),
        subject=p.subject,
        references=references,
        classified_by=classified_by,
        summary=b.summary,
        comment=b.comment,
        paragraphs=tuple(b.paragraphs),
        signers=tuple(b.signers),
        body=body,
        problems=tuple(problems),
        text=text,
    )


def _looks_dated(raw: str) -> bool:
    return bool(re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", raw))


def _metadata_date(value: str) -> str | None:
    """Page metadata `2004-06-09 09:09` or dump `6/9/2004 09:09` -> ISO 8601 UTC."""
    m = _META_DATE.match(value.strip())
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}:00Z"
    m = _CSV_DATE.match(value.strip())
    if m:
        mo, d, y, hh, mm = (int(x) for x in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z"
    return None


# Re-exported for callers that compute years from two-digit forms.
__all__ += ["full_year"]
