"""The transmission header: start line, prosigns, DE, security, DTG, FM, TO, INFO, XMT."""

from __future__ import annotations

from dataclasses import dataclass, field

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Addressee, OfficeDistribution, Problem, Routing, Station
from cablecli.parse.classification import CLASSIFICATION
from cablecli.parse.ids import MONTHS, PRECEDENCE_LETTERS, dtg_to_iso

START = re.compile(r"^VZCZC[A-Z0-9]*$")
PROSIGN = re.compile(r"^(ZZ|OO|PP|RR)((?:\s+[A-Z0-9]{4,8})*)\s*$")
DE_LINE = re.compile(r"^DE\s+([A-Z0-9]{3,8})\s*(?:#\s*(\d{1,6})(?:\s*/\s*(\d{1,3}))?)?\s*(\d{7})?")
SECURITY = re.compile(r"^ZN[RY]\b")
DTG = re.compile(r"^([ZOPR])(?:\s+([ZOPR]))?\s+(\d{2})(\d{2})(\d{2})\s?Z\s+([A-Z]{3})\s+(\d{2})\b", re.I)
# A DTG without precedence letter, alone on its line (`291359Z Nov 00` after a partial-extract notice).
BARE_DTG = re.compile(
    r"^(?:(?:DATE|DTG|CREATED)\s*:?\s*)?(\d{2})(\d{2})(\d{2})\s?Z\s+([A-Z]{3})\s+(\d{2})\s*$", re.I
)
# The same at the end of the partial-extract notice's line.
_TRAILING_DTG = re.compile(r"\s(\d{2})(\d{2})(\d{2})\s?Z\s+([A-Z]{3})\s+(\d{2})\s*$", re.I)
# The archive's own date line above a cable: `Wednesday, 29 November 2000, 13:59`.
ARCHIVE_DATE = re.compile(
    r"^(?:(?:MON|TUE|WED|THU|FRI|SAT|SUN)[A-Z]*\.?,?\s+)?(\d{1,2})\s+([A-Z]{3})[A-Z]*\.?,?\s+(\d{4}),?\s+"
    r"(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:UTC|GMT|Z)?\s*$",
    re.I,
)
PARTIAL_EXTRACT = "THIS RECORD IS A PARTIAL EXTRACT"
# Page headers that interrupt addressee lists: `TO PAGE 02  STATE 015113 182333Z`.
PAGE_HEADER = re.compile(r"^(?:(?:TO|INFO|XMT)\s+)?PAGE\s+\d+\b")
PRECEDENCE_WORDS = ("NIACT IMMEDIATE", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")
_PRECEDENCE_ENDINGS = tuple(" " + word for word in PRECEDENCE_WORDS)
_RI = re.compile(r"^([A-Z]{4,8})\s*/\s*(.+)$")
_RI_ENTRY = re.compile(r"^R[A-Z]{3,7}/")
_RI_ONLY = re.compile(r"^R[A-Z]{3,7}(?: R[A-Z]{3,7})*$")
_KEYWORD = re.compile(r"^(TO|INFO|XMT|BT|FM)\b")
_LOG_BLOCK = re.compile(r"^INFO\s+LOG-\d+")
# The office-distribution block that archive copies print above the DTG: an office code with its
# copy count (`EUR-25`, `LOG-00`), the total closing the list (`/096 W`, `/028  R`, `/012W`).
_OFFICE_CODE = re.compile(r"^[A-Z][A-Z0-9/]{0,9}-\d{1,3}$")
_OFFICE_TOTAL = re.compile(r"^/\d{1,4}[A-Z]?$")
_OFFICE_ROLE = re.compile(r"^(ACTION|ORIGIN)\s+(\S.*)$")
# Drafting lines of an outgoing telegram; the lines after them (clearances, a bare serial or date)
# run up to the separator rule.
_DRAFTING = re.compile(r"^(?:DRAFTED|APPROVED|CLEARED|CLEARANCES?|DESIRED\s+DISTRIBUTION)\b")
_COUNT = re.compile(r"^\d{1,3}$")  # the bare line count under `PAGE 01`
_CAPTION_WORDS = frozenset({"NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "SIPDIS", "CHEROKEE", "EYES"})
_PARAGRAPH = re.compile(r"^\d{1,3}\.\s")
_CONTROL = re.compile(r"^[A-Z]{2,4}\d{3,6}$")
# The characters a classification level can start with in CLASSIFICATION (`O N F I D E N T I A L`
# has lost its C), or a blank before it.
_BANNER_FIRST = "TSCOUL"
# The first letters of the precedence in DTG (`(?i)` takes no other character for them).
_DTG_FIRST = "ZOPRzopr"  # `CONFIDENTIAL PTQ1234`: a banner with a control number


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
    office_distribution: OfficeDistribution | None = None
    page_header: bool = False  # the text is an archive printout with `PAGE 01 ...` headers
    end: int = 0  # index of the first line after the header
    problems: list[Problem] = field(default_factory=list)


def parse_addressee(entry: str) -> Addressee:
    """`RUEHC/SECSTATE WASHDC PRIORITY 4855` -> Addressee(RUEHC, SECSTATE WASHDC, PRIORITY, 4855)."""
    entry = " ".join(entry.split())
    ri = None
    m = _RI.match(entry)
    if m:
        ri, entry = m.groups()
    # Peel the serial and the precedence off the end (no regular expression: lines can be huge).
    name, precedence, serial = entry, None, None
    if len(name) > 5 and name[-5] == " " and name[-4:].isdigit():
        name, serial = name[:-5], name[-4:]
    if name.endswith(_PRECEDENCE_ENDINGS):
        for word, ending in zip(PRECEDENCE_WORDS, _PRECEDENCE_ENDINGS, strict=True):
            if name.endswith(ending):
                name, precedence = name[: -len(ending)], word
                break
    if not name:  # a bare `PRIORITY 1234` line: keep it visible rather than lose it
        name, precedence, serial = entry, None, None
    return Addressee(ri, name, precedence, serial)


def _is_header_line(u: str) -> bool:
    return bool(
        START.match(u) or PROSIGN.match(u) or u.startswith("DE ") or SECURITY.match(u) or DTG.match(u)
        or _KEYWORD.match(u)
    )  # fmt: skip


def _office_codes(u: str) -> list[str] | None:
    """The office codes of a distribution line (`OCT-01 EA-11 ... /096 W`), or None if it is not one."""
    codes: list[str] = []
    total = False
    for token in u.split():
        if "-" in token and _OFFICE_CODE.match(token):  # (each expression needs its sign: `-`, `/`)
            codes.append(token)
        elif token[:1] == "/" and _OFFICE_TOTAL.match(token):
            total = True
        elif not (total and len(token) == 1 and token.isalpha()):  # the `W` of `/096 W`
            return None
    return codes if codes or total else None


class _Offices:
    """Collects the office-distribution block while the header is read."""

    def __init__(self) -> None:
        self.action: str | None = None
        self.origin: str | None = None
        self.info: list[str] = []
        self.seen = False

    def result(self) -> OfficeDistribution | None:
        if not self.seen:
            return None
        return OfficeDistribution(self.action, self.origin, tuple(self.info))


def _archive_date(m: re.Match[str]) -> tuple[str | None, int]:
    day, mon, year, hour, minute = (
        int(m.group(1)),
        m.group(2),
        int(m.group(3)),
        int(m.group(4)),
        int(m.group(5)),
    )
    if MONTHS.get(mon.upper()) is None or not 1900 <= year <= 2065:
        return None, year
    return dtg_to_iso(day, hour, minute, mon, year % 100), year


def _set_dtg(h: Header, parts: tuple[str, ...], line: str, i: int) -> None:
    """Day, hour, minute, month, two-digit year of a DTG -> the header's date and year."""
    day, hour, minute, mon, yy = int(parts[0]), int(parts[1]), int(parts[2]), parts[3], int(parts[4])
    h.date = dtg_to_iso(day, hour, minute, mon, yy)
    h.year = 1900 + yy if yy >= 66 else 2000 + yy
    if h.date is None:
        h.problems.append(Problem("bad-dtg", f"date-time group is not a real date: {line}", i + 1))


def _is_banner(u: str) -> bool:
    """A classification banner alone on its line, or with a control number (`CONFIDENTIAL PTQ1234`)."""
    c = u[:1]
    if c not in _BANNER_FIRST and not c.isspace():
        return False  # no level starts so
    m = CLASSIFICATION.match(u)
    if not m:
        return False
    rest = m.group(2).split()
    return not rest or (len(rest) == 1 and bool(_CONTROL.match(rest[0])))


def parse_header(lines: list[str]) -> Header:
    """Read the header lines at the top of a cable; stop at the first line that is not one."""
    h = Header()
    n = len(lines)
    i = 0
    current: list[Addressee] | list[str] | None = None  # the list that continuation lines extend
    seen_any = False
    offices = _Offices()
    office_lines = False  # the last non-blank line was an office-distribution line
    drafting = 0  # inside the drafting lines (DRAFTED BY ... up to the rule): lines read so far
    after_page = False  # the line before was `PAGE 01 ...` (a bare line count may follow)
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if not s:
            resume = _list_after_page_break(lines, i) if current is not None and h.origin else None
            if resume is not None:
                i = resume  # the list goes on after a page break
                continue
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
        was_page, after_page = after_page, False
        was_offices, office_lines = office_lines, False
        if h.origin is None and not h.to and h.precedence is None:
            # Before the DTG: the parts of an archive printout (banner, page header, office distribution).
            if u[:1] in _BANNER_FIRST and _is_banner(u):  # (`s` is stripped: no blank comes first)
                i += 1
                continue
            if was_page and _COUNT.match(u):
                i += 1
                continue
            if drafting and drafting < 16 and not (_is_rule(u) or _is_dtg(s) or u.startswith("FM ")):
                drafting += 1  # clearances, `05/22/73 EXT 23262`: up to the rule
                i += 1
                continue
            if u[:1] in "DAC" and _DRAFTING.match(u):
                drafting, seen_any = 1, True
                i += 1
                continue
            role = _OFFICE_ROLE.match(u) if u[:1] in "AO" else None
            info = u.startswith("INFO ")
            # (the codes are read only where they are taken: after ACTION, ORIGIN, INFO or a code line)
            codes = (
                _office_codes(role.group(2) if role else u[5:] if info else u)
                if role or info or was_offices
                else None
            )
            if codes is not None:
                if role and codes:
                    if role.group(1) == "ACTION":
                        offices.action = offices.action or codes[0]
                    else:
                        offices.origin = offices.origin or codes[0]
                    codes = codes[1:]
                offices.info.extend(codes)
                offices.seen = office_lines = seen_any = True
                i += 1
                continue
            if u.startswith("-----"):  # _is_rule(u)
                drafting = 0
                seen_any = True
                i += 1
                continue
            if h.date is None and not seen_any and u.startswith(PARTIAL_EXTRACT):
                tm = _TRAILING_DTG.search(s)
                if tm:
                    _set_dtg(h, tm.group(1, 2, 3, 4, 5), s, i)
                seen_any = True
                i += 1
                continue
            am = ARCHIVE_DATE.match(s) if h.date is None and s[:1].isalnum() and len(s) < 60 else None
            if am:
                h.date, h.year = _archive_date(am)
                seen_any = True
                i += 1
                continue
            bm = BARE_DTG.match(s) if h.date is None and (s[:1].isdigit() or s[:1] in "DdCc") else None
            if bm:
                _set_dtg(h, bm.group(1, 2, 3, 4, 5), s, i)
                seen_any = True
                i += 1
                continue
        if was_offices and h.origin is not None:
            codes = _office_codes(u)
            if codes is not None:  # an `INFO LOG-00 ...` block after FM, wrapped
                offices.info.extend(codes)
                office_lines = True
                i += 1
                continue
        if current is not None and h.origin is not None and u[:1] in _BANNER_FIRST and _is_banner(u):
            resume = _list_after_page_break(lines, i)
            if resume is not None:
                i = resume  # a page break inside an addressee list
                continue
        if u.startswith("VZCZC") and START.match(u):
            if seen_any:
                break  # the next cable's start line
            h.transmission_id = s
        elif h.routing is None and h.station is None and u[:2] in _PROSIGNS and PROSIGN.match(u):
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
        elif u.startswith("ZN") and SECURITY.match(u) and h.security is None:
            h.security = " ".join(s.split())
        elif h.precedence is None and (h.date is None or h.origin is None) and _is_dtg(s):
            m = DTG.match(s)
            h.precedence = PRECEDENCE_LETTERS[m.group(1).upper()]
            _set_dtg(h, m.group(3, 4, 5, 6, 7), s, i)
        elif u[:1] in "TIXP" and PAGE_HEADER.match(u):
            # `TO PAGE 02  STATE 015113 182333Z`: the keyword of a list's first line merged with the next
            # page's header; the list it names starts there. TO never follows INFO or XMT, nor INFO XMT:
            # there the keyword is debris and the open list goes on.
            if u.startswith("TO ") and current is None:
                current = h.to
            elif u.startswith("INFO ") and current is not h.xmt and (current is not h.info or not h.info):
                current = h.info
            elif u.startswith("XMT"):
                current = h.xmt
            elif not u.startswith(("TO ", "INFO ")):
                h.page_header = True
                after_page = not seen_any or h.origin is None
            if u.startswith(("TO ", "INFO ", "XMT")):
                while i + 1 < n and not lines[i + 1].strip():
                    i += 1  # blank lines under the merged page header: the list starts below them
        elif u.startswith("FM "):
            h.origin = " ".join(s[3:].split())
            current = None
        elif u.startswith("TO ") or u == "TO":
            current = h.to
            if s[2:].strip():
                h.to.append(parse_addressee(s[2:].strip()))
        elif u.startswith("INFO") and _LOG_BLOCK.match(u):
            # A distribution log (`INFO  LOG-00 AF-00 ...`) precedes some cables; it lists offices,
            # not addressees.
            codes = _office_codes(u[5:]) or []
            offices.info.extend(codes)
            offices.seen = office_lines = True
            current = None
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
    h.office_distribution = offices.result()
    return h


_PROSIGNS = ("ZZ", "OO", "PP", "RR")


def _is_rule(u: str) -> bool:
    """`--------------------- 064536`, `------------------A54E38  291401Z /38`: five dashes or more."""
    return u.startswith("-----")


def _is_dtg(s: str) -> bool:
    return s[:1] in _DTG_FIRST and DTG.match(s) is not None


def _header_resumes(lines: list[str], i: int) -> bool:
    """After a blank line inside the header: does the next non-blank line carry on the header?"""
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return False
    u = lines[i].strip().upper()
    return bool(DTG.match(u) or u.startswith(("FM ", "TO ", "INFO ", "XMT", "DE ")) or SECURITY.match(u))


def _list_after_page_break(lines: list[str], i: int) -> int | None:
    """In a printout a page break (blank lines, banners, `PAGE 02  STATE 097844`) may cut an addressee
    list: the index of the line where the list goes on, or None when there is no page break at `i` or
    the line after it starts the cable proper."""
    broke = False
    n = len(lines)
    while i < n:
        u = lines[i].strip().upper()
        if u and not (_is_banner(u) or (u.startswith("PAGE") and PAGE_HEADER.match(u))):
            break
        broke = broke or bool(u)
        i += 1
    if not broke or i >= n:
        return None
    u = lines[i].strip().upper()
    if _looks_like_body(u) or _PARAGRAPH.match(u) or u.split()[0] in _CAPTION_WORDS:
        return None
    return i


def _looks_like_body(u: str) -> bool:
    """A line after an addressee list that starts the cable proper (classification line and the like)."""
    return bool(CLASSIFICATION.match(u)) or u.startswith(("SUBJECT", "E.O.", "TAGS", "SIPDIS"))
