"""Paragraphs are numbered 1, 2, 3 ... without gaps or repeats.

A later section of a multi-section cable, read on its own, may start at any number.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    2. (C) Text.

    3. (C) Text.

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    3. (C) Text.

    3. (C) Text.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import numbered_paragraphs

ID = "PAR001"
SEVERITY = "warning"
SUMMARY = "paragraphs numbered 1, 2, 3 ... without gaps or repeats"


def check(cable, lines):
    paragraphs = numbered_paragraphs(cable, lines)
    if not paragraphs:
        return
    first = paragraphs[0]
    later_section = cable.section is not None and cable.section.number > 1
    if first.number != 1 and not later_section:
        yield Violation(ID, SEVERITY, f"paragraphs start at {first.number}, not 1", first.line, 1)
    previous = first.number
    for para in paragraphs[1:]:
        if para.number == previous:
            yield Violation(ID, SEVERITY, f"paragraph {para.number} repeated", para.line, 1)
        elif para.number != previous + 1:
            if para.number > previous:
                gap = (
                    f"paragraph {previous + 1} missing"
                    if para.number == previous + 2
                    else (f"paragraphs {previous + 1}-{para.number - 1} missing")
                )
                yield Violation(ID, SEVERITY, f"{gap}: {previous} is followed by {para.number}", para.line, 1)
            else:
                yield Violation(
                    ID, SEVERITY, f"paragraph {para.number} out of order after {previous}", para.line, 1
                )
        previous = para.number
