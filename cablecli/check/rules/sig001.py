"""The cable ends with a signature: the signer's name on the last line.

The name is usually in capitals (`DERSE`, `SMITH / JONES`); a short line of capitalised names
(`Stapleton`) is taken as a signature too. Some archives append a footer after it, which is skipped.
A section other than the last of a multi-section cable, read on its own (no page break of the last
section in the text), is not checked.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.

    DERSE

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Text.
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.check.rules._facts import holds_last_section
from cablecli.parse.body_lines import _FOOTER as FOOTER

ID = "SIG001"
SEVERITY = "info"
SUMMARY = "the cable ends with a signature"


# A signature the record did not take because it is not in capitals: `Stapleton`, `Van Voorst`.
_NAME_LINE = re.compile(r"^[A-Z][A-Za-z'\-]+(?:(?:\s*/\s*|\s+)[A-Z][A-Za-z.'\-]*[A-Za-z])*$")


def check(cable, lines):
    if cable.signers or not cable.paragraphs or not holds_last_section(cable, lines):
        return
    last = None
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].strip()
        if s and not FOOTER.match(s):
            last = i
            break
    if last is not None and _looks_signed(lines, last):
        return
    yield Violation(
        ID,
        SEVERITY,
        "no signature at the end of the cable",
        last + 1 if last is not None else None,
        1 if last is not None else None,
    )


def _looks_signed(lines, last: int) -> bool:
    s = lines[last].strip()
    if len(s) > 40 or len(s.split()) > 4 or s.upper().startswith("END "):
        return False
    if not (_NAME_LINE.match(s) or (s.isalpha() and s.islower())):  # `curran`
        return False
    k = last - 1
    while k >= 0 and FOOTER.match(lines[k].strip()):
        k -= 1  # a footer between the text and the name: `Visit London's Classified Website ...`
    before = lines[k].rstrip() if k >= 0 else ""
    if k < last - 1 or not before:
        return True
    # The last line of a wrapped sentence is not a signature.
    return before.endswith((".", ":", "!", "?", '"', ")", "'")) or before.upper().endswith(
        ("END COMMENT", "END SUMMARY")
    )
