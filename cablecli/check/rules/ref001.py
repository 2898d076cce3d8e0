"""A lettered REF list runs A, B, C ... without gaps, and every item has a text.

Passing:

    C O N F I D E N T I A L BAKU 000187

    SUBJECT: TEST
    REF: A. STATE 21209 B. 08 BAKU 155 C. USNATO 412 (NOTAL)

Failing:

    C O N F I D E N T I A L BAKU 000187

    SUBJECT: TEST
    REF: A. STATE 21209 C. USNATO 412 D.
"""

from __future__ import annotations

import bisect
import re

from cablecli.check import Violation

ID = "REF001"
SEVERITY = "warning"
SUMMARY = "lettered REF list runs A, B, C ... without gaps; each item parses"

_LABEL = re.compile(r"(?:^|(?<=[\s;,]))([A-Z])[.)](?=\s|$)")


def check(cable, lines):
    block = lines.marks.ref_lines
    if not block:
        return
    # The block as one string, with where each of its lines starts, to report a line and column.
    parts, starts, offset = [], [], 0
    for mark in block:
        text = mark.text.replace("¶", " ")
        parts.append(text)
        starts.append(offset)
        offset += len(text) + 1
    flat = " ".join(parts)

    def where(pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(starts, pos) - 1
        return block[k].line, block[k].col + pos - starts[k] + 1

    found = list(_LABEL.finditer(flat))
    if not found or found[0].group(1) != "A" or found[0].start() > 2:
        return  # not a lettered list
    expected = ord("A")
    kept = []
    for m in found:
        code = ord(m.group(1))
        if code == expected:
            kept.append(m)
            expected += 1
        elif expected < code <= expected + 2:
            missing = ", ".join(chr(c) for c in range(expected, code))
            yield Violation(
                ID,
                SEVERITY,
                f"REF list skips {missing}: {chr(expected - 1)} is followed by {m.group(1)}",
                *where(m.start(1)),
            )
            kept.append(m)
            expected = code + 1
        # other capitals followed by a period (`U.S.`) are not labels
    for k, m in enumerate(kept):
        end = kept[k + 1].start() if k + 1 < len(kept) else len(flat)
        if not flat[m.end() : end].strip(" ;,.\t"):
            yield Violation(ID, SEVERITY, f"REF item {m.group(1)} is empty", *where(m.start(1)))
