"""The transmission header: start line, prosigns, DE, security, DTG, FM, TO, INFO, XMT."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablecli.model import Addressee, Problem, Routing, Station
from cablecli.parse.ids import PRECEDENCE_LETTERS, dtg_to_iso
from cablecli.parse.preamble import CLASSIFICATION

START = re.compile(r"^VZCZC[A-Z0-9]*$")
PROSIGN = re.compile(r"^(ZZ|OO|PP|RR)((?:\s+[A-Z0-9]{4,8})*)\s*$")
DE_LINE = re.compile(r"^DE\s+([A-Z0-9]{3,8})\s*(?:#\s*(\d{1,6})(?:\s*/\s*(\d{1,3}))?)?\s*(\d{7})?")
SECURITY = re.compile(r"^ZN[RY]\b")
DTG = re.compile(r"^([ZOPR])(?:\s+([ZOPR]))?\s+(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2})\b", re.I)
# Page headers that interrupt addressee lists: `TO PAGE 02  STATE 015113 182333Z`.
PAGE_HEADER = re.compile(r"^(?:(?:TO|INFO|XMT)\s+)?PAGE\s+\d+\b")
PRECEDENCE_WORDS = ("NIACT IMMEDIATE", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")
_RI = re.compile(r"^([A-Z]{4,8})\s*/\s*(.+)$")
_RI_ENTRY = re.compile(r"^R[A-Z]{3,7}/")
_RI_ONLY = re.compile(r"^R[A-Z]{3,7}(?: R[A-Z]{3,7})*$")
_KEYWORD = re.compile(r"^(TO|INFO|XMT|BT|FM)\b")
_LOG_BLOCK = re.compile(r"^INFO\s+LOG-\d+")


@dataclass
class Header:
    transmission_id: str | None = None
    routing: Routing | None = None
    station: Station | None = None
    security: str | None = None
    precedence: str | None = None
    date: str | None = None
    year: int | None = None
    origin: str | None = None
    to: list[Addressee] = field(default_factory=list)
    info: list[Addressee] = field(default_factory=list)
    xmt: list[str] = field(default_factory=list)
    end: int = 0  # index of the first line after the header
    problems: list[Problem] = field(default_factory=list)


def parse_addressee(entry: str) -> Addressee:
    """`RUEHC/SECSTATE WASHDC PRIORITY 4855` -> Addressee(RUEHC, SECSTATE WASHDC, PRIORITY, 4855)."""
    entry = " ".join(entry.split())
    ri = None
    m = _RI.match(entry)
    if m:
        ri, entry = m.group(1), m.group(2)
    # Peel the serial and the precedence off the end (no regular expression: lines can be huge).
    name, precedence, serial = entry, None, None
    if len(name) > 5 and name[-5] == " " and name[-4:].isdigit():
        name, serial = name[:-5], name[-4:]
    for word in PRECEDENCE_WORDS:
        if name.endswith(" " + word):
            name, precedence = name[: -len(word) - 1], word
            break
    if not name:  # a bare `PRIORITY 1234` line: keep it visible rather than lose it
        name, precedence, serial = entry, None, None
    return Addressee(ri, name, precedence, serial)


def _is_header_line(u: str) -> bool:
    return bool(
        START.match(u) or PROSIGN.match(u) or u.startswith("DE ") or SECURITY.match(u) or DTG.match(u)
        or _KEYWORD.match(u)
    )  # fmt: skip


def parse_header(lines: list[str]) -> Header:
    """Read the header lines at the top of a cable; stop at the first line that is not one."""
    h = Header()
    n = len(lines)
    i = 0
    current: list[Addressee] | list[str] | None = None  # the list that continuation lines extend
    seen_any = False
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s:
            if current is not None and seen_any and not _header_resumes(lines, i + 1):
                # A blank line ends an addressee list, and with it the header.
                break
            current = None
            i += 1
            continue
        if current is not None and current is not h.xmt and _RI_ENTRY.match(s):
            current.append(parse_addressee(s))  # the common case: `RUEHFR/AMEMBASSY PARIS 0486`
            seen_any = True
            i += 1
            continue
        u = s.upper()
        if START.match(u):
            if seen_any:
                break  # the next cable's start line
            h.transmission_id = s
        elif h.routing is None and h.station is None and PROSIGN.match(u):
            m = PROSIGN.match(u)
            indicators = m.group(2).split()
            # A long relay list wraps: `RUEHLA RUEHLN RUEHLZ ...` on the lines after the prosign.
            while i + 1 < n and _RI_ONLY.match(lines[i + 1].strip()):
                i += 1
                indicators += lines[i].split()
            h.routing = Routing(m.group(1), tuple(indicators))
        elif u.startswith("DE ") and h.station is None:
            m = DE_LINE.match(u)
            if m:
                h.station = Station(m.group(1), m.group(2), m.group(3), m.group(4))
            else:
                h.problems.append(Problem("bad-de-line", f"DE line not understood: {s}", i + 1))
        elif SECURITY.match(u) and h.security is None:
            h.security = " ".join(s.split())
        elif h.date is None and h.precedence is None and DTG.match(s):
            m = DTG.match(s)
            h.precedence = PRECEDENCE_LETTERS[m.group(1).upper()]
            day, hour, minute, mon, yy = (int(m.group(3)), int(m.group(4)), int(m.group(5)), m.group(6),
                                          int(m.group(7)))  # fmt: skip
            h.date = dtg_to_iso(day, hour, minute, mon, yy)
            h.year = 1900 + yy if yy >= 66 else 2000 + yy
            if h.date is None:
                h.problems.append(Problem("bad-dtg", f"date-time group is not a real date: {s}", i + 1))
        elif PAGE_HEADER.match(u):
            pass
        elif u.startswith("FM "):
            h.origin = " ".join(s[3:].split())
            current = None
        elif u.startswith("TO ") or u == "TO":
            current = h.to
            if s[2:].strip():
                h.to.append(parse_addressee(s[2:].strip()))
        elif _LOG_BLOCK.match(u):
            # A distribution log (`INFO  LOG-00 AF-00 ...`) precedes some cables; it lists offices,
            # not addressees.
            current = []
        elif u.startswith("INFO ") or u == "INFO":
            current = h.info
            if s[4:].strip():
                h.info.append(parse_addressee(s[4:].strip()))
        elif u.startswith("XMT"):
            current = h.xmt
            rest = s[3:].lstrip("/ ").strip()
            if rest:
                h.xmt.append(" ".join(rest.split()))
        elif u == "BT" or u == "NNNN":
            pass
        elif current is not None and seen_any and not _looks_like_body(u):
            if current is h.xmt:
                h.xmt.append(" ".join(s.split()))
            else:
                current.append(parse_addressee(s))
        else:
            break
        seen_any = True
        i += 1
    h.end = i if seen_any else 0
    return h


def _header_resumes(lines: list[str], i: int) -> bool:
    """After a blank line inside the header: does the next non-blank line carry on the header?"""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return False
    u = lines[i].strip().upper()
    return bool(DTG.match(u) or u.startswith(("FM ", "TO ", "INFO ", "XMT", "DE ")) or SECURITY.match(u))


def _looks_like_body(u: str) -> bool:
    """A line after an addressee list that starts the cable proper (classification line and the like)."""
    return bool(CLASSIFICATION.match(u)) or u.startswith(("SUBJECT", "E.O.", "TAGS", "SIPDIS"))
