"""Geographic tags use the State Department (FIPS 10-4) country code, not the ISO 3166 one.

`AJ` is Azerbaijan and `GM` Germany; `AZ` and `DE` are ISO codes that are no TAGS codes. A code that is
a TAGS code of one country and the ISO code of another (`AU`: Austria in TAGS, Australia in ISO) is
taken as the TAGS code and not reported.

Passing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL AJ

Failing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL AZ
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import tag_position
from cablecli.reference import country_name, iso_confusion

ID = "TAG003"
SEVERITY = "warning"
SUMMARY = "geographic tags use the State/FIPS code, not ISO (AJ, not AZ)"


def check(cable, lines):
    for tag in cable.tags:
        if len(tag) != 2 or country_name(tag) is not None:
            continue
        message = iso_confusion(tag)
        if message:
            line, col = tag_position(lines, tag)
            yield Violation(ID, SEVERITY, message, line, col)
