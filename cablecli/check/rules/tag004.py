"""No tag is listed twice.

Passing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL AJ

Failing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL PGOV AJ
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.check.rules._facts import plain_tags

ID = "TAG004"
SEVERITY = "info"
SUMMARY = "no duplicate tags"

_TOKEN = re.compile(r"[^\s,;()\[\]]+")


def check(cable, lines):
    seen: set[str] = set()
    for mark in lines.marks.tags_values:
        for m in _TOKEN.finditer(plain_tags(mark.text)):
            tag = m.group(0).strip(".:").upper()
            if not tag:
                continue
            if tag in seen:
                yield Violation(
                    ID, SEVERITY, f"tag {tag} is listed twice", mark.line, mark.col + m.start() + 1
                )
            seen.add(tag)
