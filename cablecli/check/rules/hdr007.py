"""The security line is `ZNR UUUUU` or `ZNY CCCCC`/`SSSSS`/`TTTTT`, and agrees with the classification.

`ZNR UUUUU` marks an unclassified message, `ZNY CCCCC` a confidential one, `ZNY SSSSS` secret and
`ZNY TTTTT` top secret; operating signals (`ZZH`) may follow. Only cables with a transmission header
are checked; in those, a missing security line is reported too.

Passing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08

    C O N F I D E N T I A L BAKU 000187

Failing:

    VZCZCXYZ0659
    PP RUEHWEB
    DE RUEHKB #0187/01 0641355
    ZNR UUUUU ZZH
    P 041355Z MAR 08

    C O N F I D E N T I A L BAKU 000187
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.reference import classification_level

ID = "HDR007"
SEVERITY = "error"
SUMMARY = "security line is ZNR UUUUU or ZNY CCCCC/SSSSS/TTTTT and agrees with the classification"

_SECURITY = re.compile(r"^(ZNR\s+UUUUU|ZNY\s+(CCCCC|SSSSS|TTTTT))\b")
_LEVELS = {"UUUUU": 0, "CCCCC": 2, "SSSSS": 3, "TTTTT": 4}
_NAMES = {0: "UNCLASSIFIED", 1: "UNCLASSIFIED", 2: "CONFIDENTIAL", 3: "SECRET", 4: "TOP SECRET"}


def check(cable, lines):
    marks = lines.marks
    if not marks.has_transmission_header:
        return
    sec = marks.security
    if sec is None:
        if marks.de is not None:
            yield Violation(ID, SEVERITY, "no security line (ZNR UUUUU, ZNY CCCCC ...)", marks.de.line + 1, 1)
        return
    text = " ".join(sec.text.upper().split())
    m = _SECURITY.match(text)
    if m is None:
        yield Violation(
            ID,
            SEVERITY,
            f"security line {sec.text!r} is not ZNR UUUUU or ZNY CCCCC/SSSSS/TTTTT",
            sec.line,
            sec.column,
        )
        return
    cl = marks.classification_line
    if cl is None:
        return
    stated = classification_level(cl.classification)
    signal = _LEVELS[m.group(1).split()[-1]]
    if stated is not None and _NAMES[stated] != _NAMES[signal]:
        yield Violation(
            ID,
            SEVERITY,
            f"security line {m.group(1).split()[-1]} says {_NAMES[signal]} but the "
            f"classification line says {cl.classification}",
            sec.line,
            sec.column,
        )
