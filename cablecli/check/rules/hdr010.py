"""The header has an originator (`FM`) and action addressees (`TO` with at least one entry).

Cables with no header lines at all (partial extracts) are not checked.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    INFO RUCNCIS/CIS COLLECTIVE PRIORITY
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "HDR010"
SEVERITY = "error"
SUMMARY = "FM present; TO present with at least one addressee"


def check(cable, lines):
    marks = lines.marks
    if not marks.has_header:
        return
    after = marks.dtg or marks.security or marks.de or marks.prosign or marks.start
    if marks.fm is None:
        yield Violation(
            ID, SEVERITY, "no FM line (originator)", after.line + 1 if after else None, 1 if after else None
        )
    if marks.to is None:
        where = marks.fm or after
        yield Violation(
            ID,
            SEVERITY,
            "no TO line (action addressees)",
            where.line + 1 if where else None,
            1 if where else None,
        )
    elif not cable.to and not any(role == "to" for role, _ in marks.addressees):
        yield Violation(ID, SEVERITY, "TO line names no addressee", marks.to.line, marks.to.column)
