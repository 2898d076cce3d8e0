"""Facts about a cable that several rules need: its date, its classification level, its header."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from cablecli.parse.preamble import parse_classified_by
from cablecli.reference import classification_level

if TYPE_CHECKING:
    from cablecli.check import CableLines
    from cablecli.model import Cable, ClassifiedBy, Paragraph

CONFIDENTIAL = 2


def classified_by(cable: Cable, lines: CableLines) -> ClassifiedBy | None:
    """The Classified By line as the record has it, or read from the text when the record missed it
    (`(U) Classified by ...` after a portion mark)."""
    if cable.classified_by is not None:
        return cable.classified_by
    text = lines.marks.classified_by_text
    if not text:
        return None
    return parse_classified_by(re.sub(r"^\([^)]*\)\s*", "", text))


def numbered_paragraphs(cable: Cable, lines: CableLines) -> list[Paragraph]:
    """The record's paragraphs without the numbers that only wrapped to a line start.

    Archives put a `¶` before any number that starts a line, so `on November` / `¶16. His aim ...`
    reads as paragraph 16: an unmarked, out-of-sequence number after a line that does not end a
    sentence is text, not a paragraph.
    """
    kept: list[Paragraph] = []
    for para in cable.paragraphs:
        if kept and not para.marking and para.number != kept[-1].number + 1 and para.line and para.line > 1:
            before = lines[para.line - 2].rstrip()
            if before and not before.endswith((".", ":", ";", "!", "?", '"', ")", "'", "-")):
                continue
        kept.append(para)
    return kept


def cable_date(cable: Cable) -> dt.date | None:
    """The cable's date (from its date-time group, or the page's metadata), or None."""
    if not cable.date:
        return None
    try:
        return dt.date.fromisoformat(cable.date[:10])
    except ValueError:
        return None


# E.O. 11652 (1972-78) governed the 1973-79 telegrams of the archives; E.O. 12065 took over in 1978-79.
ARCHIVE_ERA_END = 1979


def archive_era(cable: Cable) -> bool:
    """A telegram of the 1970s archives (dated before 1979, or under E.O. 11652 when undated).

    Those telegrams have no routing indicators, no Classified By line and no portion markings, and the
    classification line's serial is written as the telegram counts it (`ATHENS 2959`).
    """
    when = cable_date(cable)
    if when is not None:
        return when.year < ARCHIVE_ERA_END
    return (cable.executive_order or "").startswith("11652")


def level(cable: Cable, lines: CableLines) -> int | None:
    """Classification level, 0 (UNCLASSIFIED) to 4 (TOP SECRET), as the text states it.

    The classification line decides; without one, the record's classification (from the security line
    or the page's metadata).
    """
    cl = lines.marks.classification_line
    name = cl.classification if cl is not None else cable.classification
    return classification_level(name) if name else None


def is_classified(cable: Cable, lines: CableLines) -> bool:
    """CONFIDENTIAL or above (an SBU or FOUO cable is unclassified)."""
    found = level(cable, lines)
    return found is not None and found >= CONFIDENTIAL


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain_tags(text: str) -> str:
    """The TAGS text with markdown links undone and `(...)` blanked, every tag kept at its column."""
    return _outside_parentheses(_MD_LINK.sub(lambda m: f" {m.group(1)}".ljust(len(m.group(0))), text))


def _outside_parentheses(text: str) -> str:
    """Blank out `(...)` (person names, link targets) keeping columns."""
    out, depth = [], 0
    for c in text:
        if c == "(":
            depth += 1
        out.append(" " if depth else c)
        if c == ")" and depth:
            depth -= 1
    return "".join(out)


def tag_position(lines: CableLines, tag: str) -> tuple[int | None, int | None]:
    """Line and column of a tag in the TAGS text, or of the TAGS line."""
    first = tag.split()[0].split(",")[0]
    for mark in lines.marks.tags_values:
        at = mark.text.upper().find(first)
        if at >= 0:
            return mark.line, mark.col + at + 1
    mark = lines.marks.tags
    return (mark.line, mark.column) if mark else (None, None)


# A page-break line that starts a later section: `BAKU 00000187  002 OF 003`,
# `PAGE 02 HARARE 06677 01 OF 03 291400Z`.
PAGE_SECTION = re.compile(
    r"^\s*(?:PAGE\s+\d+\s+)?[A-Z][A-Z .'\-]*?\s+\d{5,8}\s+(\d{2,3})\s+OF\s+(\d{2,3})(?:\s+\d{6}Z)?\s*$"
)


def holds_last_section(cable: Cable, lines: CableLines) -> bool:
    """Does the text reach the cable's end: a one-part cable, its last section, or all sections?"""
    section = cable.section
    if section is None or section.number >= section.total:
        return True
    for raw in lines:
        if " OF " in raw.upper():
            m = PAGE_SECTION.match(raw.upper())
            if m and int(m.group(1)) >= int(m.group(2)):
                return True
    return False
