"""The date-time group's year equals the year of the cable's reference id.

The reference id (`08BAKU187`) starts with the two-digit year; archives give it in their metadata
(the page's table, the dump's column) or as the file name. A text without such an id is not checked,
since its id is made from the date-time group itself. (The examples are checked as the file
`08BAKU187.txt`.)

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU

Failing:

    P 041355Z MAR 07
    FM AMEMBASSY BAKU
"""

from __future__ import annotations

import os
import re

from cablecli.check import Violation

ID = "HDR009"
SEVERITY = "warning"
SUMMARY = "DTG year equals the reference id's year"

_REFERENCE_ID = re.compile(r"^(\d{2})[A-Z][A-Z0-9]*?\d+$")


def _published_id(cable) -> str | None:
    meta = cable.source.metadata or {}
    if meta.get("reference_id"):
        return meta["reference_id"].strip().upper()
    if cable.source.path:
        stem = os.path.basename(cable.source.path).split(".")[0].upper()
        if _REFERENCE_ID.match(stem):
            return stem
    return None


def check(cable, lines):
    m = lines.marks.dtg_match
    if m is None:
        return
    refid = _published_id(cable)
    if not refid or not _REFERENCE_ID.match(refid):
        return
    if refid[:2] != m.group(7):
        dtg = lines.marks.dtg
        yield Violation(
            ID,
            SEVERITY,
            f"date-time group year {m.group(7)} differs from the year of the reference id {refid}",
            dtg.line,
            dtg.col + m.start(7) + 1,
        )
