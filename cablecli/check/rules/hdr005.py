"""The DE serial equals the last four digits of the classification-line serial.

`DE RUEHKB #0187` goes with `C O N F I D E N T I A L BAKU 000187`, `#2174` with `ISLAMABAD 022174`.
A handful of real cables disagree. Cables without a DE line or a classification-line serial are not
checked.

Passing:

    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

Failing:

    DE RUEHKB #0178/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187
"""

from __future__ import annotations

from cablecli.check import Violation

ID = "HDR005"
SEVERITY = "error"
SUMMARY = "DE serial equals the classification-line serial (last 4 digits)"


def check(cable, lines):
    marks = lines.marks
    station, cl = cable.station, marks.classification_line
    if marks.de is None or station is None or not station.serial or cl is None or not cl.serial:
        return
    de_serial, cl_serial = station.serial, cl.serial
    if int(de_serial) % 10000 != int(cl_serial) % 10000:
        col = marks.de.text.find("#")
        yield Violation(
            ID,
            SEVERITY,
            f"DE serial #{de_serial} does not match the classification-line serial "
            f"{cl_serial} (expected #{int(cl_serial) % 10000:04d})",
            marks.de.line,
            marks.de.col + (col if col >= 0 else 0) + 1,
        )
