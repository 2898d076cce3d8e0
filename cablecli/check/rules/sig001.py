"""The cable ends with a signature: the signer's name in capitals on the last line.

Some archives append a footer after it, which is skipped. A section other than the last of a
multi-section cable, read on its own (no page break of the last section in the text), is not checked.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    DERSE

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.
"""

from __future__ import annotations

from cablecli.check import Violation
from cablecli.check.rules._facts import holds_last_section

ID = "SIG001"
SEVERITY = "info"
SUMMARY = "the cable ends with a signature"


def check(cable, lines):
    if cable.signers or not cable.paragraphs:
        return
    if not holds_last_section(cable, lines):
        return
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    yield Violation(ID, SEVERITY, "no signature at the end of the cable", last + 1 if last is not None else None,
                    1 if last is not None else None)
