"""The precedence prosign is the date-time group's precedence letter doubled.

`PP` goes with `P 041355Z MAR 08`, `OO` with `O ...`. Only cables with both lines are checked.

Passing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08

Failing:

    VZCZCXYZ0659
    OO RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "HDR003"
SEVERITY = "warning"
SUMMARY = "prosign equals the DTG precedence letter doubled"


def check(cable, lines):
    marks = lines.marks
    if marks.prosign is None or marks.dtg_match is None:
        return
    prosign = marks.prosign.text[:2].upper()
    letter = marks.dtg_match.group(1).upper()
    if prosign in ("ZZ", "OO", "PP", "RR") and prosign != letter * 2:
        yield Violation(
            ID,
            SEVERITY,
            f"prosign {prosign} does not match the date-time group's precedence "
            f"{letter} (expected {letter * 2})",
            marks.prosign.line,
            marks.prosign.column,
        )
