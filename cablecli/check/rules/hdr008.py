"""The date-time group is present and is a real date and time.

`P 041355Z MAR 08`: precedence letter, day, hour and minute in UTC, month, two-digit year. The day must
exist in its month, the hour be below 24 and the minute below 60. Cables with no header lines at all
(partial extracts) are not checked.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

Failing:

    P 311355Z FEB 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.parse.ids import dtg_to_iso

ID = "HDR008"
SEVERITY = "error"
SUMMARY = "DTG present and a real date and time (day within month, hour < 24)"


def check(cable, lines):
    marks = lines.marks
    if not marks.has_header:
        return
    m = marks.dtg_match
    if m is None:
        where = marks.fm or marks.to or marks.security or marks.de
        yield Violation(
            ID,
            SEVERITY,
            "no date-time group (such as P 041355Z MAR 08)",
            where.line if where else None,
            1 if where else None,
        )
        return
    day, hour, minute, month, yy = (
        int(m.group(3)),
        int(m.group(4)),
        int(m.group(5)),
        m.group(6),
        int(m.group(7)),
    )
    if dtg_to_iso(day, hour, minute, month, yy) is None:
        group = m.group(0)[m.start(3) :]
        yield Violation(
            ID,
            SEVERITY,
            f"date-time group {group!r} is not a real date and time",
            marks.dtg.line,
            marks.dtg.col + m.start(3) + 1,
        )
