"""A reference cited in the text (`REF C`, `reftel B`) exists in the REF list.

Passing:

    C O N F I D E N T I A L BAKU 000187

    SUBJECT: TEST
    REF: A. STATE 21209 B. 08 BAKU 155

    1. (C) As requested in REF B, Embassy raised the issue.

Failing:

    C O N F I D E N T I A L BAKU 000187

    SUBJECT: TEST
    REF: A. STATE 21209 B. 08 BAKU 155

    1. (C) As requested in REF C, Embassy raised the issue.
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "REF002"
SEVERITY = "warning"
SUMMARY = "REF C cited in the text exists in the REF list"

_CITED = re.compile(r"\b(?:REF|Ref|ref|REFTEL|Reftel|reftel|REFS|Refs)\s+([A-Z])(?![\w.'/-]|\.\w)")


def check(cable, lines):
    labels = {r.label for r in cable.references if r.label}
    start = lines.marks.body_start
    reported: set[str] = set()
    for i in range(start, len(lines)):
        raw = lines[i]
        if "ef" not in raw and "EF" not in raw:
            continue
        for m in _CITED.finditer(raw):
            letter = m.group(1)
            if letter in labels or letter in reported:
                continue
            reported.add(letter)
            have = ", ".join(sorted(labels)) if labels else "no lettered references"
            yield Violation(
                ID, SEVERITY, f"REF {letter} is cited but the REF list has {have}", i + 1, m.start() + 1
            )
