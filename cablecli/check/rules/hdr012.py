"""Routing indicators are well formed: `R` and 4 to 6 capital letters.

Checked on the prosign line, the DE line and the `RI/` prefixes of addressees. State posts are `RUEH`
+ station (`RUEHKB`), other agencies and collectives `RUEK`, `RHMF`, `RUCN`, `RUEA` ...

Passing:

    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

Failing:

    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEH/SECSTATE WASHDC PRIORITY 4855
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "HDR012"
SEVERITY = "warning"
SUMMARY = "routing indicators well formed (R + 4-6 capitals)"

_RI = re.compile(r"^R[A-Z]{4,6}$")


def _at(mark, ri: str):
    col = mark.text.find(ri)
    return mark.line, mark.col + (col if col >= 0 else 0) + 1


def check(cable, lines):
    marks = lines.marks
    found: list[tuple[str, object]] = []
    if cable.routing is not None and marks.prosign is not None:
        found += [(ri, marks.prosign) for ri in cable.routing.indicators]
    if cable.station is not None and cable.station.routing_indicator and marks.de is not None:
        found.append((cable.station.routing_indicator, marks.de))
    by_name = {}
    for _, mark in marks.addressees:
        by_name.setdefault(mark.text.split("/")[0].strip(), mark)
    for entry in (*cable.to, *cable.info):
        if entry.routing_indicator:
            mark = by_name.get(entry.routing_indicator)
            found.append((entry.routing_indicator, mark))
    seen = set()
    for ri, mark in found:
        if ri in seen or _RI.match(ri):
            continue
        seen.add(ri)
        line, col = _at(mark, ri) if mark is not None else (None, None)
        yield Violation(ID, SEVERITY, f"routing indicator {ri!r} is not R + 4-6 capital letters", line, col)
