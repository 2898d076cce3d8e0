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
    labels = []  # (letter, line, col, end in text, mark)
    for mark in block:
        text = mark.text.replace("¶", " ")
        for m in _LABEL.finditer(text):
            labels.append((m.group(1), mark, m.start(1), m.end()))
    if not labels or labels[0][0] != "A" or labels[0][2] > 2:
        return  # not a lettered list
    expected = ord("A")
    kept = []
    for letter, mark, col, end in labels:
        code = ord(letter)
        if code == expected:
            kept.append((letter, mark, col, end))
            expected += 1
        elif expected < code <= expected + 2:
            missing = ", ".join(chr(c) for c in range(expected, code))
            yield Violation(ID, SEVERITY, f"REF list skips {missing}: {chr(expected - 1)} is followed by {letter}",
                            mark.line, mark.col + col + 1)
            kept.append((letter, mark, col, end))
            expected = code + 1
        # other capitals followed by a period (`U.S.`) are not labels
    for k, (letter, mark, col, end) in enumerate(kept):
        if k + 1 < len(kept) and kept[k + 1][1] is mark:
            item = mark.text[end : kept[k + 1][2]]
        else:
            item = mark.text[end:]
            if k + 1 < len(kept):  # the item may run on over the next lines
                following = [m.text for m in block if mark.index < m.index < kept[k + 1][1].index]
                item += " ".join(following)
        if not item.strip(" ;,.\t"):
            yield Violation(ID, SEVERITY, f"REF item {letter} is empty", mark.line, mark.col + col + 1)
