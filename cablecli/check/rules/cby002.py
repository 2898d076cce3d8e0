"""The reasons are section 1.4 (1.5 before 2003) with letters a to h.

E.O. 12958 listed the reasons in section 1.5 until its 2003 amendment moved them to 1.4; E.O. 13526
keeps 1.4. During 2003 either is accepted. Letters run from a to h.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855

    C O N F I D E N T I A L BAKU 000187

    Classified By: Ambassador Anne E. Derse for reasons 1.5 (b) and (k).
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.check.rules._facts import cable_date, classified_by

ID = "CBY002"
SEVERITY = "warning"
SUMMARY = "reasons are 1.4 (1.5 before 2003) with letters a-h"

_SECTION = re.compile(r"(?<![\d.])1\s?\.\s?(\d)(?![\d.])")
# What follows the section: letters in parentheses or alone, joined by commas, slashes, `and`, `&`.
# Matched at the section's end (match(text, pos), not a slice: a slice per section made a long
# line quadratic).
_LETTER_RUN = re.compile(
    r"(?:\s*(?:\(\s*[A-Za-z]\s*\)|(?<![A-Za-z])[A-Za-z](?![A-Za-z'])|and\b|or\b|[,/&;]))+"
)
_LETTER = re.compile(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])")


def check(cable, lines):
    by = classified_by(cable, lines)
    if by is None:
        return
    mark = lines.marks.classified_by
    line, col = (mark.line, mark.column) if mark else (None, None)
    text = by.text
    when = cable_date(cable)
    for m in _SECTION.finditer(text):
        section = m.group(1)
        if section not in ("4", "5"):
            yield Violation(ID, SEVERITY, f"reason section 1.{section} is neither 1.4 nor 1.5", line, col)
            continue
        if when is not None:
            if section == "5" and when.year > 2003:
                yield Violation(
                    ID,
                    SEVERITY,
                    f"reasons cite section 1.5 on a cable of {when.year}; since 2003 they are section 1.4",
                    line,
                    col,
                )
            elif section == "4" and when.year < 2003:
                yield Violation(
                    ID,
                    SEVERITY,
                    f"reasons cite section 1.4 on a cable of {when.year}; before 2003 they are section 1.5",
                    line,
                    col,
                )
        run = _LETTER_RUN.match(text, m.end())
        if run:
            bad = [x for x in _LETTER.findall(run.group(0)) if x.lower() > "h"]
            if bad:
                yield Violation(ID, SEVERITY, f"reason letter(s) {', '.join(bad)} outside a-h", line, col)
