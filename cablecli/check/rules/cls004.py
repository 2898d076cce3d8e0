"""A paragraph marked NOFORN implies a NOFORN caption or handling mark on the cable.

`(S/NF)`, `(C//NF)` and `(S/NOFORN)` paragraphs belong in a cable whose classification line or captions
say `NOFORN`.

Passing:

    S E C R E T NOFORN BAKU 000187

    1. (S/NF) Text.

Failing:

    S E C R E T BAKU 000187

    1. (S/NF) Text.
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "CLS004"
SEVERITY = "warning"
SUMMARY = "a paragraph marked NOFORN implies a NOFORN caption or handling"

_NOFORN = re.compile(r"(?:/|\b|(?<=[CS]))(?:NF|NOFORN)\b")


def check(cable, lines):
    if "NOFORN" in cable.handling or "NOFORN" in cable.captions:
        return
    cl = lines.marks.classification
    if cl is not None and re.search(r"\bNOFOR[NM]\b", cl.text.upper()):
        return  # `S E C R E T NOFORN BAKU 000187`: the record may have taken NOFORN for the office
    for para in cable.paragraphs:
        if para.marking and _NOFORN.search(para.marking.upper()):
            col = lines[para.line - 1].find("(") + 1 if para.line else None
            yield Violation(
                ID,
                SEVERITY,
                f"paragraph {para.number} is marked ({para.marking}) but the cable "
                "carries no NOFORN caption or handling mark",
                para.line,
                col or None,
            )
            return  # one is enough: the fix is one caption
