"""`OADR` is used only before 14 October 1995, and E.O. 13526 only from its signing (29 December 2009).

E.O. 12958 ended "Originating Agency's Determination Required" from 14 October 1995; E.O. 13526
replaced E.O. 12958 and was signed on 29 December 2009.

Passing:

    P 041355Z MAR 94
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    E.O. 12356: DECL: OADR

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    E.O. 13526: DECL: OADR
"""

from __future__ import annotations

import datetime as dt

from cablecli.check import Violation
from cablecli.check.rules._facts import cable_date

ID = "EO003"
SEVERITY = "warning"
SUMMARY = "OADR only before 14 Oct 1995; 13526 not before 2010"

OADR_ENDS = dt.date(1995, 10, 14)
EO_13526_SIGNED = dt.date(2009, 12, 29)


def check(cable, lines):
    when = cable_date(cable)
    if when is None:
        return
    eo = lines.marks.eo
    line, col = (eo.line, eo.column) if eo else (None, None)
    if cable.executive_order and cable.executive_order.startswith("13526") and when < EO_13526_SIGNED:
        yield Violation(
            ID,
            SEVERITY,
            f"E.O. 13526 cited on a cable of {when.isoformat()}, before it was signed (29 December 2009)",
            line,
            col,
        )
    if cable.declassify and "OADR" in cable.declassify.raw.upper() and when >= OADR_ENDS:
        yield Violation(
            ID,
            SEVERITY,
            f"DECL: OADR on a cable of {when.isoformat()}, after OADR ended (14 October 1995)",
            line,
            col,
        )
