"""Conditions on the parsed record for grep (--tag, --origin, --classification, --since, --until),
and the reading of a date as a person writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cablecli.model import Cable


@dataclass(frozen=True)
class Filters:
    """Conditions on the record: every given tag, an origin substring, any of the levels, a date range."""

    tags: tuple[str, ...] = ()
    origin: str | None = None
    classifications: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return bool(self.tags or self.origin or self.classifications or self.since or self.until)

    def accepts(self, cable: Cable) -> bool:
        if self.tags:
            have = {t.upper() for t in cable.tags}
            if not all(t.upper() in have for t in self.tags):
                return False
        if self.origin and (not cable.origin or self.origin.lower() not in cable.origin.lower()):
            return False
        if self.classifications:
            level = (cable.classification or "").upper()
            if level not in {c.upper() for c in self.classifications}:
                return False
        if self.since or self.until:
            day = _cable_day(cable.date)
            if day is None:
                return False
            if self.since and day < self.since:
                return False
            if self.until and day > self.until:
                return False
        return True


def _cable_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def parse_date(value: str, end: bool = False) -> date:
    """A date as a person writes it (`2008-03`, `March 2008`, `4 Mar 2008`); ValueError if none.

    A partial date means its first day, or with `end` its last: `--until 2008-03` takes in March.
    A date without a year (`March 4`) or a negative one (`-1`) is refused.
    """
    from dateutil import parser

    text = value.strip()
    if not text or text.isdigit() and len(text) != 4 and len(text) != 8 or text.startswith(("-", "+")):
        raise ValueError(f"not a date: {value!r}")
    try:
        low = parser.parse(text, default=datetime(1, 1, 1))
        high = parser.parse(text, default=datetime(9999, 12, 28))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc
    # Fields the text did not give take their largest value: year alone -> Dec 31, month -> its last day.
    import calendar

    if low.year != high.year:  # "March 4": no year given, which would read as year 1 or 9999
        raise ValueError(f"not a date (no year): {value!r}")
    if not end:
        return low.date()
    year = low.year
    month = low.month if low.month == high.month else 12
    day = low.day if low.day == high.day else calendar.monthrange(year, month)[1]
    return date(year, month, day)
