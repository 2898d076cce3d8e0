"""The precedence prosign line is `ZZ`, `OO`, `PP` or `RR` followed by routing indicators.

The line after the start line doubles the precedence letter (flash, immediate, priority, routine) and
names the relay stations. Only cables with a transmission header are checked.

Passing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355

Failing:

    VZCZCXYZ0659
    PX RUEHWEB
    DE RUEHKB #0187/01 0641355
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "HDR002"
SEVERITY = "error"
SUMMARY = "precedence prosign is ZZ/OO/PP/RR followed by routing indicators"

_PROSIGNS = ("ZZ", "OO", "PP", "RR")


def check(cable, lines):
    marks = lines.marks
    if not marks.has_transmission_header:
        return
    prosign = marks.prosign
    if prosign is None:
        where = marks.start or marks.de
        if where is not None and (marks.start is not None or marks.de is not None):
            line = where.line + 1 if where is marks.start else where.line
            yield Violation(
                ID, SEVERITY, "no precedence prosign line (ZZ/OO/PP/RR and routing indicators)", line, 1
            )
        return
    letters = prosign.text[:2].upper()
    if letters not in _PROSIGNS:
        yield Violation(
            ID,
            SEVERITY,
            f"precedence prosign {letters!r} is not ZZ, OO, PP or RR",
            prosign.line,
            prosign.column,
        )
