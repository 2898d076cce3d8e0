"""The DE line is `DE RI #NNNN[/NN] JJJHHMM`.

The originating station's routing indicator, `#` and a 4-digit serial, an optional `/` and 2-digit
part, then the Julian day (001-366) and time filed (HHMM). Only cables with a transmission header are
checked; in those, a missing DE line is reported too.

Passing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH

Failing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB 0187 064
    ZNY CCCCC ZZH
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "HDR004"
SEVERITY = "error"
SUMMARY = "DE line is DE RI #NNNN[/NN] JJJHHMM"

_DE = re.compile(r"^DE\s+[A-Z]{4,7}\s+#\d{4}(?:/\d{2})?\s+(\d{3})(\d{2})(\d{2})$")


def check(cable, lines):
    marks = lines.marks
    if not marks.has_transmission_header:
        return
    de = marks.de
    if de is None:
        after = marks.prosign or marks.start
        if after is not None:
            yield Violation(
                ID, SEVERITY, "no DE line (originating station, serial, time filed)", after.line + 1, 1
            )
        return
    text = " ".join(de.text.upper().split())
    m = _DE.match(text)
    if m is None:
        yield Violation(
            ID, SEVERITY, f"DE line {de.text!r} is not DE RI #NNNN[/NN] JJJHHMM", de.line, de.column
        )
        return
    day, hour, minute = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= day <= 366 or hour > 23 or minute > 59:
        yield Violation(
            ID,
            SEVERITY,
            f"DE line time filed {m.group(1)}{m.group(2)}{m.group(3)} is not a real day of year and time",
            de.line,
            de.column,
        )
