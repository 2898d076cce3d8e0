"""The DE line's day of year equals the date-time group's day of year.

The day filed (`0641355`: day 064) is normally the DTG's day (`041355Z MAR 08`: 4 March, day 064);
the time often differs. A message filed just after midnight is a day later, so one day apart is
accepted.

Passing:

    DE RUEHKB #0187/01 0641355
    ZNY CCCCC ZZH
    P 041355Z MAR 08

Failing:

    DE RUEHKB #0187/01 0701355
    ZNY CCCCC ZZH
    P 041355Z MAR 08
"""

from __future__ import annotations

import datetime as dt

from cablecli.check import Violation
from cablecli.parse.ids import MONTHS, full_year

ID = "HDR006"
SEVERITY = "warning"
SUMMARY = "DE day of year equals the DTG's day of year"


def check(cable, lines):
    marks = lines.marks
    station, m = cable.station, marks.dtg_match
    if marks.de is None or station is None or not station.filed or m is None:
        return
    try:
        when = dt.date(full_year(int(m.group(7))), MONTHS[m.group(6).upper()], int(m.group(3)))
    except (KeyError, ValueError):
        return  # not a real date: HDR008
    de_day = int(station.filed[:3])
    dtg_day = when.timetuple().tm_yday
    days_in_year = 366 if when.year % 4 == 0 and (when.year % 100 or when.year % 400 == 0) else 365
    apart = min((de_day - dtg_day) % days_in_year, (dtg_day - de_day) % days_in_year)
    if apart > 1:
        col = marks.de.text.find(station.filed)
        yield Violation(
            ID,
            SEVERITY,
            f"DE day of year {station.filed[:3]} differs from the date-time "
            f"group's day {dtg_day:03d} ({when.isoformat()})",
            marks.de.line,
            marks.de.col + (col if col >= 0 else 0) + 1,
        )
