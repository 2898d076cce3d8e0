"""Every tag is known, or at least well formed, and written in capitals.

Known tags are those of the reference data (subject, program, organization, country and person
tags). Others pass when their shape fits a kind: two letters a country, K + three letters a program,
four letters of a subject category, another acronym an organization. A tag in lower case is reported
too: TAGS are capitals.

Passing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: PGOV PREL KDEM UN AJ OVIP (CLINTON, HILLARY)

Failing:

    C O N F I D E N T I A L BAKU 000187

    TAGS: pgov PREL P-GOV
"""

from __future__ import annotations

import re

from cablecli.check import Violation
from cablecli.check.rules._facts import plain_tags, tag_position
from cablecli.reference import explain_tag

ID = "TAG002"
SEVERITY = "warning"
SUMMARY = "every tag known or well formed (subject, program, organization, country, person)"

_TOKEN = re.compile(r"[^\s,;()]+")


def check(cable, lines):
    for mark in lines.marks.tags_values:
        for m in _TOKEN.finditer(plain_tags(mark.text)):
            word = m.group(0).strip(".:")
            if word and any(c.islower() for c in word):
                yield Violation(
                    ID,
                    SEVERITY,
                    f"tag {word!r} is not written in capitals",
                    mark.line,
                    mark.col + m.start() + 1,
                )
    for tag in cable.tags:
        if explain_tag(tag).kind == "unknown":
            line, col = tag_position(lines, tag)
            yield Violation(
                ID, SEVERITY, f"tag {tag!r} is neither a known tag nor shaped like one", line, col
            )
