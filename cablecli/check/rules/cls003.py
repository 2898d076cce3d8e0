"""No paragraph is marked above the cable's classification.

Portion markings rank U, SBU < C < S < TS (an unclassified cable may hold SBU paragraphs); NOFORN and
other controls after a slash do not change the level.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    2. (U) Text.

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    2. (S/NF) Text.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import level
from cablecli.reference import marking_level

ID = "CLS003"
SEVERITY = "error"
SUMMARY = "no paragraph marked above the cable's classification (U, SBU < C < S < TS)"

_NAMES = {0: "UNCLASSIFIED", 1: "UNCLASSIFIED", 2: "CONFIDENTIAL", 3: "SECRET", 4: "TOP SECRET"}


def _tier(value: int) -> int:
    return max(value, 1)  # U and SBU both belong in an unclassified cable


def check(cable, lines):
    cable_level = level(cable, lines)
    if cable_level is None:
        return
    for para in cable.paragraphs:
        if not para.marking:
            continue
        marked = marking_level(para.marking)
        if marked is None:
            head = para.marking.replace(" ", "").upper()[:2]
            marked = {"TS": 4, "S": 3, "SN": 3, "C": 2, "CN": 2}.get(head) or {"S": 3, "C": 2}.get(head[:1])
        if marked is not None and _tier(marked) > _tier(cable_level):
            col = lines[para.line - 1].find("(") + 1 if para.line else None
            yield Violation(
                ID,
                SEVERITY,
                f"paragraph {para.number} is marked ({para.marking}), above the "
                f"cable's classification {cable.classification or _NAMES[cable_level]}",
                para.line,
                col or None,
            )
