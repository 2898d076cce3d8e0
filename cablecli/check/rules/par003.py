"""Portion markings are spelled canonically: `U`, `SBU`, `LOU`, `C`, `S`, `TS`, with controls after a slash.

`(C/NF)`, `(S//NF)`, `(S/NOFORN)`, `(U//FOUO)` and `(SBU)` are canonical; `(SNF)`, `(C NF)`,
`(CONFIDENTIAL)` and `(NF)` are not.

Passing:

    S E C R E T NOFORN BAKU 000187

    1. (S/NF) Text.

    2. (C//NF) Text.

Failing:

    S E C R E T NOFORN BAKU 000187

    1. (SNF) Text.

    2. (C NF) Text.
"""

from __future__ import annotations

import re

from cablecli.check import Violation

ID = "PAR003"
SEVERITY = "warning"
SUMMARY = "portion marking spelled canonically (C/NF, S//NF, not SNF)"

_CANONICAL = re.compile(
    r"^(?:U|SBU|LOU|C|S|TS)(?:/{1,2}(?:NF|NOFORN|FOUO|SBU|REL(?: TO)? [A-Z, ]+|ORCON|OC|PROPIN|PR|FGI))*$"
)
_SUGGEST = {
    "SNF": "S/NF",
    "CNF": "C/NF",
    "S NF": "S/NF",
    "C NF": "C/NF",
    "TSNF": "TS/NF",
    "TS NF": "TS/NF",
    "UNCLASSIFIED": "U",
    "CONFIDENTIAL": "C",
    "SECRET": "S",
    "FOUO": "U//FOUO",
    "NF": "?/NF",
}


def check(cable, lines):
    for para in cable.paragraphs:
        marking = para.marking
        if not marking:
            continue
        compact = re.sub(r"\s*(/{1,2})\s*", r"\1", marking.upper())
        if _CANONICAL.match(compact):
            continue
        hint = _SUGGEST.get(marking.upper())
        raw = lines[para.line - 1] if para.line else ""
        col = raw.find("(") + 1 if "(" in raw else None
        yield Violation(
            ID,
            SEVERITY,
            f"portion marking ({marking}) is not canonical"
            + (f" (write ({hint}))" if hint and "?" not in hint else ""),
            para.line,
            col,
        )
