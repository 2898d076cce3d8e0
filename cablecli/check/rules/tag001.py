"""The cable has a TAGS line, with the keyword written `TAGS:`.

A missing TAGS line, or one that holds no tags, is an error. Variant keywords (`TAGS` without its colon,
`TAG:`, `TAGE:`) are reported as information.

Passing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018
    TAGS: PGOV PREL PBTS UN AJ
    SUBJECT: TEST

Failing:

    C O N F I D E N T I A L BAKU 000187

    E.O. 12958: DECL: 02/21/2018
    SUBJECT: TEST
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "TAG001"
SEVERITY = "error"
SUMMARY = "TAGS present (keyword TAGS:; TAGS without colon is info)"


def check(cable, lines):
    mark = lines.marks.tags
    if mark is None:
        if not cable.tags:
            where = lines.marks.eo or lines.marks.classification
            yield Violation(
                ID, SEVERITY, "no TAGS line", where.line + 1 if where else None, 1 if where else None
            )
        return
    if not cable.tags:
        yield Violation(ID, SEVERITY, "TAGS line holds no tags", mark.line, mark.column)
    keyword = " ".join(mark.keyword.split())
    if keyword != "TAGS:":
        shown = keyword or mark.text.split()[0]
        yield Violation(ID, "info", f"TAGS keyword written {shown!r}, not 'TAGS:'", mark.line, mark.column)
