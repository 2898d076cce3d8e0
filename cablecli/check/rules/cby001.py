"""A classified cable has a `Classified By` line naming who classified it and the reasons.

`Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).`

Era: not applied to 1973-79 telegrams, which name no classifying officer.

Passing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018
    SUBJECT: TEST

    Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).

Failing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018
    SUBJECT: TEST

    Classified By: Ambassador Anne E. Derse.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import archive_era, classified_by, is_classified

ID = "CBY001"
SEVERITY = "error"
SUMMARY = "classified cable has Classified By with a name and reasons"


def check(cable, lines):
    if not is_classified(cable, lines) or archive_era(cable):
        return
    mark = lines.marks.classified_by
    by = classified_by(cable, lines)
    if by is None:
        where = lines.marks.subject or lines.marks.eo or lines.marks.classification
        yield Violation(
            ID,
            SEVERITY,
            f"{cable.classification} cable has no Classified By line",
            where.line if where else None,
            where.column if where else None,
        )
        return
    line, col = (mark.line, mark.column) if mark else (None, None)
    if not (by.name or by.title):
        yield Violation(ID, SEVERITY, "Classified By names no one", line, col)
    if not by.reasons:
        yield Violation(ID, SEVERITY, "Classified By gives no reasons (such as 1.4 (b) and (d))", line, col)
