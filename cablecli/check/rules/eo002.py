"""The declassification date parses and lies after the cable's date.

`DECL: 02/21/2018` on a cable of 4 March 2008 is ten years on. Instructions without a date (`1.6X1`,
`OADR`, `DNG: ...` downgrades) are not checked.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2007
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.check.rules._facts import cable_date

ID = "EO002"
SEVERITY = "error"
SUMMARY = "declassification date parses and lies after the cable's date"

_DATED = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def check(cable, lines):
    decl = cable.declassify
    if decl is None or decl.raw.upper().startswith("DNG"):
        return
    eo = lines.marks.eo
    line, col = (eo.line, eo.column) if eo else (None, None)
    if eo is not None:
        at = eo.text.upper().find("DECL")
        col = eo.col + at + 1 if at >= 0 else col
    if decl.on is None:
        if _DATED.search(decl.raw):
            yield Violation(ID, SEVERITY, f"declassification date {decl.raw!r} is not a real date", line, col)
        return
    when = cable_date(cable)
    if when is not None and decl.on <= when.isoformat():
        yield Violation(
            ID,
            SEVERITY,
            f"declassification date {decl.on} is not after the cable's date {when.isoformat()}",
            line,
            col,
        )
