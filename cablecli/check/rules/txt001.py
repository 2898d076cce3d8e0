r"""The text holds no control characters other than tab and line ends.

Form feeds, escapes, backspaces, bells, DEL and the like are debris of conversion or transmission; they
hide in terminals and break other tools. This rule is not in cable-format.md section 5: it covers what
the parser cannot see. (In the examples `\x0c` stands for the form feed character.)

Passing:

    1. (C) Azerbaijani Deputy Foreign Minister Araz Azimov asked for support.

Failing:

    1. (C) Azerbaijani Deputy Foreign\x0c Minister Araz Azimov asked for support.
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "TXT001"
SEVERITY = "warning"
SUMMARY = "no control characters in the text (other than tab and line ends)"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check(cable, lines):
    if not _CONTROL.search(cable.text):
        return
    for i, raw in enumerate(lines):
        for m in _CONTROL.finditer(raw):
            yield Violation(
                ID,
                SEVERITY,
                f"control character {m.group(0)!r} (U+{ord(m.group(0)):04X})",
                i + 1,
                m.start() + 1,
            )
