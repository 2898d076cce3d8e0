"""A classified cable has an E.O. line with a declassification instruction; `N/A` only on unclassified ones.

`E.O. 12958: DECL: 02/21/2018`, `DECL: 1.6X1`, `DECL: OADR` are instructions; `E.O. 12958: N/A` says
there is nothing to declassify, which is true only of an unclassified cable.

Passing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018
    TAGS: PGOV PREL

Failing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: N/A
    TAGS: PGOV PREL
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import is_classified

ID = "EO001"
SEVERITY = "error"
SUMMARY = "classified cable has an E.O. line with a declassification instruction; N/A only on unclassified"


def check(cable, lines):
    if not is_classified(cable, lines):
        return
    marks = lines.marks
    eo, decl = marks.eo, cable.declassify
    if eo is None and decl is None:
        where = marks.classification
        yield Violation(
            ID,
            SEVERITY,
            f"{cable.classification} cable has no E.O. line",
            where.line + 1 if where else None,
            1 if where else None,
        )
        return
    line, col = (eo.line, eo.column) if eo else (None, None)
    if decl is None or not decl.raw.strip():
        yield Violation(ID, SEVERITY, "E.O. line has no declassification instruction (DECL: ...)", line, col)
    elif decl.raw.strip().upper().replace(" ", "") in ("N/A", "NA"):
        yield Violation(ID, SEVERITY, f"E.O. line says N/A on a {cable.classification} cable", line, col)
