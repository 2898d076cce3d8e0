"""Every numbered paragraph of a classified cable has a portion marking.

In a CONFIDENTIAL, SECRET or TOP SECRET cable each paragraph opens with its marking: `1. (C)`,
`2. (S/NF)`, `3. (U)`.

Era: not applied to 1973-79 telegrams, written before portion markings were required.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    2. (U) Text.

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    2. Text.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import archive_era, is_classified, numbered_paragraphs

ID = "PAR002"
SEVERITY = "error"
SUMMARY = "every numbered paragraph of a classified cable has a portion marking"


def check(cable, lines):
    if not is_classified(cable, lines) or archive_era(cable):
        return
    for para in numbered_paragraphs(cable, lines):
        if para.marking:
            continue
        raw = lines[para.line - 1] if para.line else ""
        if "(" in raw[:12]:
            continue  # marked, but not in a form the parser takes (`(SNF)`, `(X)`): PAR003
        yield Violation(ID, SEVERITY, f"paragraph {para.number} has no portion marking", para.line, 1)
