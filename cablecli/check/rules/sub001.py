"""The cable has a SUBJECT line that is not empty, with the keyword written `SUBJECT:`.

A missing or empty subject is an error. Variant keywords (`SUBJ:`, `SUBJECT :`, `SUBJECT` without its
colon) are reported as information: they are valid, but a collection may want one spelling.

Passing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL AJ
    SUBJECT: DFM AZIMOV REQUESTS USG SUPPORT ON NAGORNO-KARABAKH UNGA
    RESOLUTION

Failing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL AJ

    1. (C) Text.
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "SUB001"
SEVERITY = "error"
SUMMARY = "SUBJECT present and not empty"


def check(cable, lines):
    marks = lines.marks
    mark = marks.subject
    if mark is None:
        if cable.subject:
            return
        where = marks.tags or marks.eo or marks.classification
        yield Violation(
            ID, SEVERITY, "no SUBJECT line", where.line + 1 if where else None, 1 if where else None
        )
        return
    if not (cable.subject or "").strip():
        yield Violation(ID, SEVERITY, "SUBJECT line is empty", mark.line, mark.column)
    keyword = mark.keyword.upper()
    if keyword != "SUBJECT:":
        yield Violation(
            ID, "info", f"SUBJECT keyword written {mark.keyword!r}, not 'SUBJECT:'", mark.line, mark.column
        )
