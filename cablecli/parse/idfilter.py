"""Which texts can hold the cable of a given reference id: a cheap test that never rules out a match.

    >>> may_be = reference_id_filter(["08BAKU187"])
    >>> may_be("DE RUEHKB #0187 0641355\\nO 041355Z MAR 08\\nFM AMEMBASSY BAKU\\n", None)
    True
    >>> may_be("DE RUEHKB #0187 0641355\\nO 041355Z MAR 08\\nFM AMEMBASSY PARIS\\n", None)
    False

`show --id` over a dump would otherwise parse every cable before the one sought. The record's
reference id (`cablecli.parse.parse_text`) is `year % 100`, the canonical office and the serial
without its leading zeros, or the source's metadata's. Where each part comes from:

- the year: two digits written in the text (the DTG's `08`, an archive date's `2008`);
- the office and the serial: the office and serial of the classification line, read by the
  parser's own `parse_classification_line`; or, when that line names no office, the FM line's
  office, with the classification line's serial or the DE line's, both written in the text.

So a text can give the id only if the year's digits are in it, and either a line holding the
serial's digits reads as a classification line of that office and serial, or an FM line names
that office and the serial's digits are in the text. A few substring searches find the lines;
only those are read. An id may be cut into office and serial in several ways (an FM line's office
may end in digits: `08FOO1234` may be `FOO1` and `234`): each is tried. Digits of another script
(which the parser reads as digits) make a text always pass, as do PlusD pages (whose id comes
from their canonical id). `tests/test_idfilter.py` checks that every cable of the fixtures, of
generated dumps and of the real pages passes the test for its own id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.parse.classification import parse_classification_line
from cablecli.parse.ids import canonical_office

__all__ = ["reference_id_filter"]

# The form of every id built from a text: two digits, the office, the serial.
_BUILT_ID = re.compile(r"(\d{2})([A-Z0-9]*)")
_REDACTED = re.compile(r"^X{4,}$")  # as in cablecli.parse: a redacted office gives way to FM


def reference_id_filter(reference_ids: Iterable[str]) -> Callable[[str, Mapping[str, str] | None], bool]:
    """A test `may_be(text, metadata)`: False only when the cable cannot have one of `reference_ids`.

    The ids are compared in upper case, as `show --id` compares them.
    """
    wanted = {ref.strip().upper() for ref in reference_ids}
    # Each way of cutting each id: (year digits, office, serial, the digits a classification
    # line's serial (3 to 8 digits, leading zeros kept) must hold).
    cuts: list[tuple[str, str, str, str]] = []
    for ref in sorted(wanted):
        m = _BUILT_ID.fullmatch(ref)
        if m is None:
            continue  # not an id a text gives; only metadata can
        yy, rest = m.groups()
        for split in range(len(rest) - 1, -1, -1):
            serial, office = rest[split:], rest[:split]
            if not serial.isdigit():
                break
            if serial[0] == "0" and serial != "0":
                continue  # the serial is written without its leading zeros
            if office:
                cuts.append((yy, office, serial, "0" * max(0, 3 - len(serial)) + serial))

    def may_be(text: str, metadata: Mapping[str, str] | None = None) -> bool:
        if metadata:
            if "canonical_id" in metadata or "original_classification" in metadata:
                return True  # a PlusD page: its id comes from its canonical id
            if (metadata.get("reference_id") or "").upper() in wanted:
                return True
        if not cuts:
            return False
        if "\r" in text:  # the lines as the parser splits them
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        try:
            # Latin-1 (as most texts are) holds no other digits than ASCII's, and no character
            # whose upper case is F, M or a blank: its bytes, upper-cased, show where FM lines are.
            latin: bytes | None = text.encode("latin-1")
        except UnicodeEncodeError:
            if any(c.isdecimal() for c in set(text) if c > "\x7f"):
                return True  # digits of another script: int() and `\\d` take them for digits
            latin = None
        fm_offices: set[str] | None = None
        for yy, office, serial, digits in cuts:
            if yy not in text or serial not in text:
                continue
            on_line = digits in text  # a classification line's serial may give it
            if not on_line and not _de_serial(text, serial):
                continue  # nor the DE line's
            if fm_offices is None:
                fm_offices = _fm_offices(text, latin)
            if office in fm_offices:
                return True
            if on_line and _classification_line_gives(text, digits, office, serial):
                return True
        return False

    return may_be


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _fm_offices(text: str, latin: bytes | None) -> set[str]:
    """The canonical offices of the text's FM lines, as the record takes them; `latin` is the
    text in Latin-1, or None for a text beyond it."""
    offices = set()
    if latin is None:
        for line in text.split("\n"):
            s = line.strip()
            if s.upper().startswith("FM ") and s[3:].strip():
                offices.add(canonical_office(canonical_office(" ".join(s[3:].split()))))
        return offices
    upper = latin.upper()
    at = upper.find(b"FM ")
    while at >= 0:
        start, end = _line(text, at)
        if not text[start:at].strip():
            origin = " ".join(text[at + 3 : end].split())
            if origin:
                offices.add(canonical_office(canonical_office(origin)))
        at = upper.find(b"FM ", at + 1)
    return offices


def _de_serial(text: str, serial: str) -> bool:
    """Can a DE line's serial (`#0187`: up to six digits after `#`) give `serial`?"""
    at = text.find("#")
    while at >= 0:
        window = text[at + 1 : at + 200]
        rest = window.lstrip() or (text[at + 1 :].lstrip() if len(window) == 199 else "")
        n = 0
        while n < 6 and n < len(rest) and "0" <= rest[n] <= "9":
            n += 1
        if n and str(int(rest[:n])) == serial:
            return True
        at = text.find("#", at + 1)
    return False


def _classification_line_gives(text: str, digits: str, office: str, serial: str) -> bool:
    """Does a line holding `digits` read as a classification line of `office` and `serial`?"""
    at = text.find(digits)
    seen = -1
    while at >= 0:
        start, end = _line(text, at)
        if start != seen:
            seen = start
            cl = parse_classification_line(text[start:end].upper())
            if (
                cl is not None
                and cl.office
                and cl.serial
                and not _REDACTED.match(cl.office)
                and str(int(cl.serial)) == serial
                and canonical_office(cl.office) == office
            ):
                return True
        at = text.find(digits, end)
    return False
