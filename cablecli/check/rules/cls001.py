"""The classification line is present and recognised, and its serial has 6 digits.

`C O N F I D E N T I A L BAKU 000187`, `UNCLAS SECTION 01 OF 02 PARIS 001234`: the level (letter-spaced
or `UNCLAS`), an optional section clause and handling marks, the office and a 6-digit serial.

Era: a 1973-79 telegram writes its serial as counted (`LIMITED OFFICIAL USE ATHENS 2959`); its width is
not checked.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 187
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import archive_era

ID = "CLS001"
SEVERITY = "error"
SUMMARY = "classification line present and recognised, serial 6 digits"


def check(cable, lines):
    marks = lines.marks
    cl = marks.classification_line
    if cl is None:
        # Where it should be: the first line after the header.
        k = marks.header_end
        while k < len(lines) and not lines[k].strip():
            k += 1
        where = k + 1 if k < len(lines) else None
        yield Violation(
            ID,
            SEVERITY,
            "no classification line (such as C O N F I D E N T I A L BAKU 000187)",
            where,
            1 if where else None,
        )
        return
    mark = marks.classification
    if not cl.serial:
        yield Violation(
            ID, SEVERITY, "classification line names no office and serial", mark.line, mark.column
        )
    elif len(cl.serial) != 6 and not archive_era(cable):
        col = mark.text.upper().find(cl.serial)
        yield Violation(
            ID,
            SEVERITY,
            f"classification-line serial {cl.serial} does not have 6 digits",
            mark.line,
            mark.col + (col if col >= 0 else 0) + 1,
        )
