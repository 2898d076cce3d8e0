"""What `show` needs beyond the record: the date as written, body text outside paragraphs, roles, redactions.

    >>> from cablecli.parse import parse_text
    >>> v = cable_view(parse_text(open("examples/08BAKU187.txt").read()))   # doctest: +SKIP
    >>> v.written_date, [p.role for p in v.paragraphs][:2]                # doctest: +SKIP
    ('041355Z MAR 08', [None, None])

Kept apart from the renderer so that the renderer knows nothing of cable syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Cable
from cablecli.parse.body_lines import HEADING_EDGE, is_rule
from cablecli.parse.header import DTG
from cablecli.parse.pages import is_page_break

# `xxxxxx`, `XXXXXXXXXXXX`: how the publishers blanked out names.
REDACTION = re.compile(r"(?<![A-Za-z])[xX]{4,}(?![A-Za-z])")
_DTG_TEXT = re.compile(r"\d{6}\s?Z\s+[A-Z]{3}\s+\d{2}", re.I)


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph as shown: number (None for text before the first), marking, text, role, redactions."""

    number: int | None
    marking: str | None
    text: str
    role: str | None  # "summary", "comment" or None
    redactions: tuple[tuple[int, int], ...]
    heading: str | None = None  # the heading above it (`Summary`), shown on its own line


@dataclass(frozen=True)
class CableView:
    written_date: str | None
    paragraphs: tuple[ParagraphView, ...]


def cable_view(cable: Cable) -> CableView:
    """The parts of `cable` that `show` lays out and that the record does not hold as such."""
    lines = cable.text.split("\n")
    return CableView(_written_date(lines), tuple(_paragraphs(cable, lines)))


def _written_date(lines: list[str]) -> str | None:
    for line in lines[:80]:
        s = line.strip()
        if DTG.match(s):
            m = _DTG_TEXT.search(s)
            return " ".join(m.group().upper().split()) if m else s
    return None


def _paragraphs(cable: Cable, lines: list[str]) -> list[ParagraphView]:
    from cablecli.search import body_lines

    views: list[ParagraphView] = []
    body = body_lines(cable)
    signer_line = _signer_line(cable, body)
    headings = {p.heading for p in cable.paragraphs if p.heading}
    lead = [
        b.text.strip()
        for b in body
        if b.paragraph is None
        and b.text.strip()
        and b.line != signer_line
        and not is_page_break(b.text.strip())
        and not is_rule(b.text)
        and not _in_heading(b.text, headings)
    ]
    if lead:
        views.append(_view(None, None, " ".join(" ".join(lead).split()), None))
    roles = _roles(cable)
    for i, p in enumerate(cable.paragraphs):
        views.append(_view(p.number, p.marking, p.text, roles.get(i), p.heading))
    return views


def _in_heading(line: str, headings: set[str]) -> bool:
    """A line of a heading (one line of a heading set over two lines too)."""
    s = line.strip(HEADING_EDGE)
    return bool(s) and any(s == h or (s in h and (h.startswith(s) or h.endswith(s))) for h in headings)


def _signer_line(cable: Cable, body) -> int | None:
    if not cable.signers:
        return None
    for b in reversed(body):
        if b.text.strip():
            return b.line
    return None


def _view(
    number: int | None, marking: str | None, text: str, role: str | None, heading: str | None = None
) -> ParagraphView:
    spans = tuple(m.span() for m in REDACTION.finditer(text))
    return ParagraphView(number, marking, text, role, spans, heading)


def _roles(cable: Cable) -> dict[int, str]:
    """Paragraph index -> "summary" or "comment", for the paragraphs the summary and comment come from."""
    roles: dict[int, str] = {}
    for role, value in (("summary", cable.summary), ("comment", cable.comment)):
        if not value:
            continue
        head, tail = value[:60], value[-40:]
        start = next((i for i, p in enumerate(cable.paragraphs) if head in p.text), None)
        if start is None:
            continue
        end = start
        for j in range(start, min(start + 8, len(cable.paragraphs))):
            if tail in cable.paragraphs[j].text:
                end = j
                break
        for j in range(start, end + 1):
            roles.setdefault(j, role)
    return roles
