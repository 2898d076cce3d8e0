"""The start line, when there is one, is `VZCZC` + 3 letters + 3 or 4 digits.

The start line opens the ACP transmission header: start of message, channel letters (mostly `XYZ` or
`XRO`) and the station's serial. Cables without a header (partial extracts) are not checked.

Passing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355

Failing:

    VZCZCXY0659A
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "HDR001"
SEVERITY = "warning"
SUMMARY = "start line, if present, is VZCZC + 3 letters + 3-4 digits"

_WELL_FORMED = re.compile(r"^VZCZC[A-Z]{3}\d{3,4}$")


def check(cable, lines):
    start = lines.marks.start
    if start is not None and not _WELL_FORMED.match(start.text):
        yield Violation(
            ID,
            SEVERITY,
            f"start line {start.text!r} is not VZCZC + 3 letters + 3-4 digits",
            start.line,
            start.column,
        )
