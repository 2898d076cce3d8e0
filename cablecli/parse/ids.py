"""Identifiers and dates: date-time groups, declassification dates, offices and reference ids."""

from __future__ import annotations

from datetime import date

from cablecli import compiled_re as re  # re, with the expressions ready-made

MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1
    )
}
MONTH_WORDS = frozenset(MONTHS) | frozenset(
    {
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPT", "SEPTEMBER",
        "OCTOBER", "NOVEMBER", "DECEMBER",
    }
)  # fmt: skip

PRECEDENCE_LETTERS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}

# Prefixes of FM/TO names that are not part of the office as it appears in reference ids.
_OFFICE_PREFIXES = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ", "USOFFICE ", "AMEMB ", "AMCONGEN ", "USLO ")
_STATE_NAMES = frozenset({"SECSTATE", "SECSTATEWASHDC", "SECSTATE WASHDC", "STATE", "DEPTSTATE"})


def full_year(yy: int) -> int:
    """Two-digit years 66..99 are 19xx, 00..65 are 20xx (cable-format.md)."""
    return 1900 + yy if yy >= 66 else 2000 + yy


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def dtg_to_iso(day: int, hour: int, minute: int, month: str, yy: int) -> str | None:
    """`041355Z MAR 08` -> `2008-03-04T13:55:00Z`; None when it is not a real date and time."""
    m = MONTHS.get(month.upper())
    if m is None or hour > 23 or minute > 59:
        return None
    y = full_year(yy)
    if not _valid(y, m, day):
        return None
    return f"{y:04d}-{m:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"


_DECL_DATE = re.compile(
    r"(?<!\d)(?:(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2}))(?!\d)"
)


def parse_decl_date(raw: str) -> str | None:
    """First date in a DECL instruction (`MM/DD/YYYY`, `YYYY/MM/DD`, `MM/DD/YY`) as ISO, or None."""
    m = _DECL_DATE.search(raw)
    if not m:
        return None
    if m.group(1):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        mo, d, ys = int(m.group(4)), int(m.group(5)), m.group(6)
        y = int(ys) if len(ys) == 4 else full_year(int(ys))
    if not _valid(y, mo, d):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def canonical_office(office: str) -> str:
    """`SECSTATE WASHDC` -> `STATE`, `RIO DE JANEIRO` -> `RIODEJANEIRO`, `AMEMBASSY BAKU` -> `BAKU`."""
    o = " ".join(office.upper().split())
    for prefix in _OFFICE_PREFIXES:
        if o.startswith(prefix):
            o = o[len(prefix) :]
            break
    if o in _STATE_NAMES or o.startswith("SECSTATE"):
        return "STATE"
    bare = o.replace(" ", "")
    if bare.isascii() and bare.isalnum():
        return bare  # only A-Z (the text is in capitals) and 0-9 left: what the `sub` keeps
    return re.sub(r"[^A-Z0-9]", "", o)


def make_reference_id(year: int | None, office: str | None, serial: str | None) -> str | None:
    """Two-digit year + office + serial without leading zeros: `08BAKU187`."""
    if year is None or not office or not serial or not serial.isdigit():
        return None
    return f"{year % 100:02d}{canonical_office(office)}{int(serial)}"


def cited_reference_id(text: str, citing_year: int | None) -> str | None:
    """The canonical id of the cable a REF item names first, or None for a non-cable reference
    (see cablecli.parse.refs, which reads REF blocks)."""
    from cablecli.parse.refs import cited_reference_id as first_cited  # refs imports this module

    return first_cited(text, citing_year)
