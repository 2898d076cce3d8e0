"""Archive printouts of telegrams (PlusD, 1973-79 and later): the trailer, the page breaks in the body,
and the page's metadata table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Problem
from cablecli.parse.classification import CLASSIFICATION, LEVELS
from cablecli.parse.ids import MONTHS, make_reference_id
from cablecli.parse.pages import is_page_break

# The archive's notes after the text: `*** Current Classification ***   LIMITED OFFICIAL USE`,
# `Declassified/Released US Department of State EO Systematic Review 30 JUN 2005` (wrapped or not).
_ARCHIVE_NOTE = re.compile(
    r"^(?:\*{3}.*\*{3}.*|Declassified/Released\b.*|Review \d{1,2} [A-Z]{3} \d{4})$", re.I
)
# The end-of-message mark, as printed (`NNN`, `NNNN`) or garbled into a run of capitals (`NMAFVVZCZ`).
_END_MARK = re.compile(r"^N{3,4}$")
_GARBLED = re.compile(r"^[A-Z]{3,12}$")
# A signature run onto the last line of the text: `... FOREIGN AFFAIRS.    PORTER`.
_RUN_ON_SIGNER = re.compile(r"^(.*[.)\"])\s{2,}([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?)$")
_NOT_NAMES = frozenset({"END", "THANKS", "BT", "NNNN", "NNN", "SIPDIS", "NOFORN", "UNCLASSIFIED"})


def _bare_banner(s: str) -> bool:
    m = CLASSIFICATION.match(s.upper())
    return bool(m) and not m.group(2).strip()


def trailer_start(lines: list[str], start: int) -> int:
    """Index of the first line of the trailer an archive printout ends with, or len(lines) if none.

    The trailer is what follows the text: the classification banner, the end-of-message mark (`NNN`, or
    a garbled run of capitals right after the banner) and the archive's notes (`*** ... ***`).
    """
    j = len(lines) - 1
    cut = len(lines)
    garbled = False
    while j >= start:
        s = lines[j].strip()
        if not s:
            j -= 1
            continue
        if _ARCHIVE_NOTE.match(s) or _END_MARK.match(s) or _bare_banner(s):
            cut = j
        elif not garbled and cut < len(lines) and _GARBLED.match(s) and _banner_above(lines, j, start):
            # A garbled end mark (`NMAFVVZCZ`): only between the banner and the archive's notes.
            garbled, cut = True, j
        else:
            break
        j -= 1
    return cut


def _banner_above(lines: list[str], j: int, start: int) -> bool:
    k = j - 1
    while k >= start and not lines[k].strip():
        k -= 1
    return k >= start and _bare_banner(lines[k].strip())


def split_run_on_signer(lines: list[str], end: int, start: int) -> list[str]:
    """The lines, with a signature run onto the last text line (`...AFFAIRS.    PORTER`) on its own."""
    j = end - 1
    while j >= start and not lines[j].strip():
        j -= 1
    if j < start:
        return lines
    s = lines[j].rstrip()
    if len(s) > 120 or "  " not in s:
        return lines
    m = _RUN_ON_SIGNER.match(s.strip())
    if not m or m.group(2) in LEVELS or m.group(2).split()[0] in _NOT_NAMES:
        return lines
    return lines[:j] + [m.group(1), m.group(2)] + lines[j + 1 :]


def clean_body(lines: list[str]) -> str | None:
    """The body text without page breaks (banners, `PAGE 02 ...` headers): a page break inside a sentence
    joins its two halves; one between sentences leaves a blank line."""
    out: list[str] = []
    k = 0
    n = len(lines)
    while k < n:
        s = lines[k].strip()
        if s and is_page_break(s):
            while out and not out[-1].strip():
                out.pop()
            k += 1
            while k < n and (not lines[k].strip() or is_page_break(lines[k].strip())):
                k += 1
            if out and out[-1].rstrip().endswith((".", ":", '"', ")")):
                out.append("")
            continue
        out.append(lines[k])
        k += 1
    return "\n".join(out).strip("\n") or None


# ---- the PlusD page's metadata table --------------------------------------------------------------

_CANONICAL_ID = re.compile(r"^(\d{4}|\d{2})([A-Z][A-Z-]*?)(\d+)(?:_[A-Za-z0-9]+)?$")
_PLUSD_DATE = re.compile(r"^(\d{4})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{1,2}):(\d{2}))?")
_BLANK = "-- N/A or Blank --"


def is_plusd(meta: dict[str, str]) -> bool:
    return "canonical_id" in meta or "original_classification" in meta


def plusd_reference_id(canonical: str) -> str | None:
    """`1974ATHENS02959_b` -> `74ATHENS2959`; `08BAKU187_a` -> `08BAKU187`."""
    m = _CANONICAL_ID.match(canonical.strip())
    if not m:
        return None
    year = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
    return make_reference_id(year, m.group(2), m.group(3))


def plusd_date(value: str) -> str | None:
    """`1974 May 17, 16:00 (Friday)` -> `1974-05-17T16:00:00Z`; without a time, `1974-05-17`."""
    m = _PLUSD_DATE.match(value.strip())
    if not m:
        return None
    month = MONTHS.get(m.group(2).upper())
    if month is None:
        return None
    y, d = int(m.group(1)), int(m.group(3))
    try:
        day = datetime.date(y, month, d).isoformat()
    except ValueError:
        return None
    if m.group(4) is None:
        return day
    hh, mm = int(m.group(4)), int(m.group(5))
    return f"{day}T{hh:02d}:{mm:02d}:00Z" if hh < 24 and mm < 60 else day


def plusd_classification(value: str) -> str | None:
    level = " ".join(value.split("//")[0].upper().split())
    return LEVELS.get(level.replace(" ", "")) or ("TOP SECRET" if level == "TOP SECRET" else None)


def plusd_tags(value: str) -> list[str]:
    """`AMBATIELOS, ANTHONY | GR - Greece; Crete | PINS - Political Affairs--Internal Security`
    -> `["AMBATIELOS, ANTHONY", "GR", "PINS"]` (the code of a tag with its meaning, a person as written)."""
    tags = []
    for item in value.split("|"):
        item = " ".join(item.split())
        if not item or item == _BLANK:
            continue
        code, sep, _meaning = item.partition(" - ")
        tags.append(code.strip() if sep else item)
    return tags


@dataclass
class Filled:
    """Record fields as the text gave them, completed from a PlusD page's metadata."""

    reference_id: str | None
    date: str | None
    classification: str | None
    origin: str | None
    tags: list[str]
    problems: list[Problem] = field(default_factory=list)


def fill_from_plusd(filled: Filled, meta: dict[str, str]) -> Filled:
    """Fill what the text lacks from the metadata; where both have a value and they differ, the text's
    stays and a `metadata-disagrees` problem says so (reference id, date to the minute, classification)."""
    pairs = (
        ("reference_id", plusd_reference_id(meta.get("canonical_id", ""))),
        ("date", plusd_date(meta.get("date", ""))),
        ("classification", plusd_classification(meta.get("original_classification", ""))),
    )
    for name, from_meta in pairs:
        if from_meta is None:
            continue
        from_text = getattr(filled, name)
        if from_text is None:
            setattr(filled, name, from_meta)
        elif (from_text[:10] if name == "date" and len(from_meta) == 10 else from_text) != from_meta:
            filled.problems.append(
                Problem(
                    "metadata-disagrees",
                    f"{name.replace('_', ' ')}: the text says {from_text}, the page's metadata {from_meta}",
                )
            )
    origin = meta.get("from", "")
    if filled.origin is None and origin and origin != _BLANK:
        filled.origin = " ".join(origin.split())
    if not filled.tags and meta.get("tags"):
        filled.tags = plusd_tags(meta["tags"])
    return filled
