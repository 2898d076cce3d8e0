"""Cable text -> record. `parse_text` is lenient: it never raises, and notes what it missed."""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Cable, Problem, Source
from cablecli.parse.archive import (
    Filled,
    clean_body,
    fill_from_plusd,
    is_plusd,
    split_run_on_signer,
    trailer_start,
)
from cablecli.parse.body import Body, parse_body
from cablecli.parse.cablelike import cover_end, looks_like_cable
from cablecli.parse.classification import LEVELS
from cablecli.parse.classified_by import classified_by_in_body, read_classified_by
from cablecli.parse.header import parse_header
from cablecli.parse.ids import canonical_office, full_year, make_reference_id
from cablecli.parse.preamble import parse_preamble, parse_references

__all__ = ["BODY_FIELDS", "BODY_PROBLEMS", "BODY_TEXT", "WALK_FIELDS", "looks_like_cable", "parse_text"]

# The record fields read from the body's lines: a caller that needs none of them can pass
# `body=False` to parse_text and skip the body walk (the other fields come out the same).
BODY_FIELDS = frozenset({"summary", "comment", "paragraphs", "signers", "body"})
# The fields the body walk reads: with `body=BODY_TEXT` the walk is skipped and these are empty,
# while `body` (the body's text) comes out as the full parse gives it.
WALK_FIELDS = BODY_FIELDS - {"body"}
BODY_TEXT = "text"
# The problem codes that only the body walk finds.
BODY_PROBLEMS = frozenset({"unmarked-summary", "unmarked-comment"})

_SECURITY_LEVELS = {
    "UUUUU": "UNCLASSIFIED",
    "CCCCC": "CONFIDENTIAL",
    "SSSSS": "SECRET",
    "TTTTT": "TOP SECRET",
}
_META_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})")
_REDACTED = re.compile(r"^X{4,}$")
_CSV_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})")
_NO_BODY = Body()


def parse_text(text: str, source: Source | None = None, *, body: bool | str = True) -> Cable:
    """Parse one cable's text into a record. Any text is accepted; nothing raises.

    With `body=False` the body is not walked: the fields of BODY_FIELDS are left empty, and
    `problems` lacks those the body walk finds (BODY_PROBLEMS); every other field is what the full
    parse gives. With `body=BODY_TEXT` the body is not walked either, but its text is kept: only
    the fields of WALK_FIELDS are left empty (grep -c and -l search the body's lines alone).
    """
    source = source or Source()
    try:
        return _parse(text, source, body)
    except Exception as exc:  # a parser bug must not take down a run over a corpus
        return Cable(
            source=source,
            body=text or None,
            problems=(Problem("internal-error", f"parser failed: {type(exc).__name__}: {exc}"),),
            text=text,
        )


def _parse(text: str, source: Source, want_body: bool | str = True) -> Cable:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    problems: list[Problem] = []

    skip = cover_end(lines) if lines and not lines[0].startswith("VZCZC") else 0
    h = parse_header([""] * skip + lines[skip:] if skip else lines)  # a mail-printout cover is not the header
    problems.extend(h.problems)
    p = parse_preamble(lines, h.end)
    problems.extend(p.problems)
    if want_body:
        # An archive printout ends with a trailer (banner, `NNN`, the archive's notes): not the body.
        body_end = trailer_start(lines, p.end)
        if want_body == BODY_TEXT:
            b = _NO_BODY
        else:
            body_lines = split_run_on_signer(lines[:body_end], body_end, p.end)
            b = parse_body(body_lines, p.end)
            problems.extend(b.problems)
    else:
        body_end, b = p.end, _NO_BODY

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
    if office and _REDACTED.match(office):
        # `C O N F I D E N T I A L XXXXXXXXXXXX 000004`: the office is redacted; FM names it.
        problems.append(Problem("redacted-office", f"office redacted on the classification line: {office}"))
        office = canonical_office(h.origin) if h.origin else None
    serial = cl.serial if cl and cl.serial else (h.station.serial if h.station else None)
    reference_id = make_reference_id(year, office, serial)
    origin = h.origin

    meta = source.metadata or {}
    tags = list(p.tags)
    if meta and is_plusd(meta):
        f = fill_from_plusd(Filled(reference_id, date, classification, origin, tags), meta)
        reference_id, date, classification, origin, tags = (f.reference_id, f.date, f.classification,
                                                            f.origin, f.tags)  # fmt: skip
        if year is None and date:
            year = int(date[:4])
        problems.extend(f.problems)
    elif meta:
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

    if not lines or not text or text.isspace():  # `not text.strip()` without copying the text
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
    cby_raw = p.classified_by_raw or classified_by_in_body(lines, p.end)  # 1990s: inside paragraph 1
    classified_by = None
    if cby_raw:
        classified_by, doubt = read_classified_by(cby_raw)
        if doubt:
            problems.append(Problem("classified-by-unsure", f"Classified By: {doubt}"))

    if not want_body:
        body = None
    elif h.page_header or h.office_distribution or (meta and is_plusd(meta)):
        body = clean_body(lines[p.end : body_end])  # an archive printout: page breaks are not text
    else:
        body = "\n".join(lines[p.end : body_end]).strip("\n") or None

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
        office_distribution=h.office_distribution,
        classification=classification,
        handling=tuple(handling),
        section=cl.section if cl else None,
        captions=tuple(p.captions),
        distribution=tuple(p.distribution),
        executive_order=p.executive_order,
        declassify=p.declassify,
        tags=tuple(tags),
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
