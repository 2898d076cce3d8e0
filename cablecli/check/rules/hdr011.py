"""Addressee precedence words are valid, and no information addressee has a higher precedence than the
action addressees.

Valid words are `FLASH`, `NIACT IMMEDIATE`, `IMMEDIATE`, `PRIORITY` and `ROUTINE`; a misspelt one
(`PRIORTY`) is reported. The action precedence is the highest among the `TO` entries, or the
date-time group's when they name none.

Passing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855
    INFO RUCNCIS/CIS COLLECTIVE ROUTINE

Failing:

    P 041355Z MAR 08
    FM AMEMBASSY BAKU
    TO RUEHC/SECSTATE WASHDC PRIORITY 4855
    INFO RUCNCIS/CIS COLLECTIVE IMMEDIATE
    RUEHFR/AMEMBASSY PARIS PRIORTY 0486
"""

from __future__ import annotations

import difflib

from cablecli.check import Violation

ID = "HDR011"
SEVERITY = "warning"
SUMMARY = "addressee precedence words valid; info precedence not above action precedence"

RANK = {"ROUTINE": 1, "PRIORITY": 2, "IMMEDIATE": 3, "NIACT IMMEDIATE": 4, "FLASH": 5}
_LETTER_RANK = {"R": 1, "P": 2, "O": 3, "Z": 5}
_WORDS = ("ROUTINE", "PRIORITY", "IMMEDIATE", "FLASH", "NIACT")


def _misspelt(name: str) -> str | None:
    """The last word of an addressee name when it looks like a precedence word misspelt."""
    words = name.split()
    if len(words) < 2:
        return None
    last = words[-1].upper()
    if last.isdigit() and len(words) > 2:
        last = words[-2].upper()
    if len(last) < 5 or last in _WORDS:
        return None
    close = difflib.get_close_matches(last, _WORDS, n=1, cutoff=0.8)
    return close[0] if close else None


def _where(lines, name: str):
    for _, mark in lines.marks.addressees:
        if name in mark.text:
            return mark.line, mark.col + mark.text.find(name) + 1
    return None, None


def check(cable, lines):
    for entry in (*cable.to, *cable.info):
        guess = _misspelt(entry.name)
        if guess:
            line, col = _where(lines, entry.name)
            yield Violation(
                ID,
                SEVERITY,
                f"addressee {entry.name!r}: precedence word misspelt (meant {guess}?)",
                line,
                col,
            )
    action = [RANK[a.precedence] for a in cable.to if a.precedence in RANK]
    m = lines.marks.dtg_match
    if action:
        top = max(action)
    elif m is not None:
        top = _LETTER_RANK.get(m.group(1).upper(), 0)
    else:
        return
    for entry in cable.info:
        if entry.precedence in RANK and RANK[entry.precedence] > top:
            line, col = _where(lines, entry.name)
            yield Violation(
                ID,
                SEVERITY,
                f"information addressee {entry.name} is {entry.precedence}, above the action precedence",
                line,
                col,
            )
