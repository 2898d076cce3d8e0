"""Classification levels, portion markings, handling marks and the E.O. reasons for classifying."""

from __future__ import annotations

import re
from functools import cache

from cablecli.reference._data import read_rows

# Portion markings in ascending order: a paragraph may not be marked above its cable.
CLASSIFICATION_LEVELS: dict[str, int] = {"U": 0, "SBU": 1, "LOU": 1, "C": 2, "S": 3, "TS": 4}

# Classification names (as on the classification line or in the record) -> level.
_NAMED_LEVELS = {
    "UNCLASSIFIED": 0,
    "UNCLAS": 0,
    "SBU": 1,
    "SENSITIVE BUT UNCLASSIFIED": 1,
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": 1,
    "UNCLASSIFIED//FOUO": 1,
    "UNCLASSIFIED//SBU": 1,
    "LIMITED OFFICIAL USE": 1,
    "LOU": 1,
    "CONFIDENTIAL": 2,
    "SECRET": 3,
    "TOP SECRET": 4,
}

# The levels as the record names them, lowest first: what a search by level (grep --classification) takes.
LEVEL_NAMES = ("UNCLASSIFIED", "LIMITED OFFICIAL USE", "CONFIDENTIAL", "SECRET", "TOP SECRET")

_MARKING = re.compile(r"^\(?\s*(TS|SBU|LOU|S|C|U)\s*(?:/{1,2}\s*[A-Z][A-Z /-]*)?\)?$")
_REASON = re.compile(r"^(1\.[45])\s*\(?\s*([A-Ha-h])\s*\)?$")


def marking_level(marking: str) -> int | None:
    """Level of a portion marking: U 0, SBU and LOU 1, C 2, S 3, TS 4.

    Control markings after one or two slashes do not change the level: `S/NF`, `C//NF`, `(S/NOFORN)`,
    `U//FOUO`. A malformed marking (`SNF`, `C NF`) gives None.
    """
    m = _MARKING.match(marking.strip().upper())
    return CLASSIFICATION_LEVELS[m.group(1)] if m else None


def classification_level(name: str) -> int | None:
    """Level of a classification name: UNCLASSIFIED 0, SBU 1, CONFIDENTIAL 2, SECRET 3, TOP SECRET 4.

    LIMITED OFFICIAL USE (the 1970s control for sensitive unclassified information) ranks with SBU: below
    CONFIDENTIAL, so an LOU cable may hold unmarked or (LOU) paragraphs but none marked (C).

    Spaced-out spellings (`C O N F I D E N T I A L`) and handling after `//` (`SECRET//NOFORN`) are accepted.
    """
    text = " ".join(name.strip().upper().split())
    if text in _NAMED_LEVELS:
        return _NAMED_LEVELS[text]
    base = text.split("//")[0].strip()
    if base in _NAMED_LEVELS:
        return _NAMED_LEVELS[base]
    squeezed = base.replace(" ", "")
    if squeezed == "TOPSECRET":
        return 4
    return _NAMED_LEVELS.get(squeezed)


def level_name(value: str) -> str | None:
    """The record's name of a level as a person types it (any case, _ or - for spaces, lou, unclas),
    one of LEVEL_NAMES; None for anything else."""
    level = " ".join(value.upper().replace("_", " ").replace("-", " ").split())
    level = {"LOU": "LIMITED OFFICIAL USE", "UNCLAS": "UNCLASSIFIED"}.get(level, level)
    return level if level in LEVEL_NAMES else None


@cache
def _marks() -> tuple[dict[str, str], dict[str, str]]:
    handling: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for section, code, meaning in read_rows("classification.tsv"):
        (handling if section == "handling" else reasons)[code] = meaning
    return handling, reasons


def handling_marks() -> dict[str, str]:
    """Handling and caption marks (NOFORN, SIPDIS, NODIS, EXDIS, SBU, FOUO ...) with their meanings."""
    return dict(_marks()[0])


def handling_meaning(mark: str) -> str | None:
    """The meaning of one handling or caption mark; None if it is not listed."""
    return _marks()[0].get(" ".join(mark.strip().upper().split()))


def reason_meaning(reason: str) -> str | None:
    """What a classification reason stands for: `1.4(b)` -> "Foreign government information".

    Section 1.4 (a)-(h) is E.O. 12958 as amended and E.O. 13526; section 1.5 (a)-(g) is E.O. 12958
    before 2003.
    Spaces and the letter's case do not matter (`1.4 (B)`, `1.5d`).
    """
    m = _REASON.match(reason.strip())
    if not m:
        return None
    return _marks()[1].get(f"{m.group(1)}({m.group(2).lower()})")
