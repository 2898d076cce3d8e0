"""`SECTION n OF m`: n is at most m, and m is the same in every section.

Multi-section cables carry the clause on the classification line and repeat it, or a page-break line
`BAKU 00000187  002 OF 003`, where each later section begins.

Passing:

    C O N F I D E N T I A L SECTION 01 OF 02 BAKU 000187

    1. (C) Text.

    BAKU 00000187  002 OF 002

    2. (C) Text.

Failing:

    C O N F I D E N T I A L SECTION 03 OF 02 BAKU 000187

    1. (C) Text.

    BAKU 00000187  002 OF 003

    2. (C) Text.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import PAGE_SECTION
from cablecli.parse.classification import _SECTION, CLASSIFICATION

ID = "CLS002"
SEVERITY = "error"
SUMMARY = "SECTION n OF m: n <= m, m the same in every section"


def check(cable, lines):
    total_seen: tuple[int, int] | None = None  # (m, line)
    for i, raw in enumerate(lines):
        if " OF " not in raw.upper():
            continue
        u = raw.upper()
        m = PAGE_SECTION.match(u)
        if m is None and CLASSIFICATION.match(u):
            m = _SECTION.search(u)
        if m is None:
            continue
        n, total = int(m.group(1)), int(m.group(2))
        col = m.start(1) + 1
        if n < 1 or n > total:
            yield Violation(ID, SEVERITY, f"section {n} of {total}: the number is out of range", i + 1, col)
        if total_seen is None:
            total_seen = (total, i + 1)
        elif total != total_seen[0]:
            yield Violation(
                ID,
                SEVERITY,
                f"section count {total} differs from {total_seen[0]} on line {total_seen[1]}",
                i + 1,
                m.start(2) + 1,
            )
