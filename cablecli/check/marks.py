"""Where the header and preamble parts stand in a cable text: one pass over its lines, for the rules.

The record holds what the parts say; the rules also need where they are (to report a line and a
column) and how they were written (`TAGS` without a colon, `SUBJ:`, tags in lower case). This walks
the header and the preamble once, with the parser's own patterns, and records both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cablecli.parse.classification import CLASSIFICATION, ClassificationLine, parse_classification_line
from cablecli.parse.fields import FIELD_SPLIT
from cablecli.parse.header import DTG, PAGE_HEADER, SECURITY, START
from cablecli.parse.keyword_lines import (
    _REF_LETTER_LINE,
    _TAGS_CONTINUATION,
    CLASSIFIED_BY,
    EO_LINE,
    PARAGRAPH_START,
    REF_LINE,
    SUBJECT_LINE,
    TAGS_LINE,
)

if TYPE_CHECKING:
    from cablecli.model import Cable

# A prosign line as written, right or wrong: two letters and routing indicators (`PP RUEHWEB`).
PROSIGN_LIKE = re.compile(r"^([A-Z]{2})((?:\s+[A-Z0-9]{3,9})+)\s*$")
_ADDRESSEE_KEYWORD = re.compile(r"^(TO|INFO|XMT)\b[\s/]*", re.I)
_HEADER_KEYWORD = re.compile(r"^(?:FM|TO|INFO|XMT|BT|DE)\b", re.I)
_LOG_BLOCK = re.compile(r"^INFO\s+LOG-\d+", re.I)
_PORTION_PREFIX = re.compile(r"^\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*")  # `(U) Classified by ...`


@dataclass
class Mark:
    """A part of the cable found at `index` (0-based line), starting at `col` (0-based) in that line."""

    index: int
    col: int = 0
    text: str = ""  # the part as written, from `col`
    keyword: str = ""  # the keyword as written (`TAGS:`, `SUBJ:`), for preamble parts

    @property
    def line(self) -> int:
        return self.index + 1

    @property
    def column(self) -> int:
        return self.col + 1


@dataclass
class Marks:
    start: Mark | None = None
    prosign: Mark | None = None
    de: Mark | None = None
    security: Mark | None = None
    dtg: Mark | None = None
    dtg_match: re.Match[str] | None = None
    fm: Mark | None = None
    to: Mark | None = None
    info: Mark | None = None
    addressees: list[tuple[str, Mark]] = field(default_factory=list)  # ("to" | "info" | "xmt", line)
    classification: Mark | None = None
    classification_line: ClassificationLine | None = None
    eo: Mark | None = None
    tags: Mark | None = None
    tags_values: list[Mark] = field(default_factory=list)  # the TAGS text, its continuation lines
    subject: Mark | None = None
    ref: Mark | None = None
    ref_lines: list[Mark] = field(default_factory=list)
    classified_by: Mark | None = None
    classified_by_text: str = ""  # the Classified By line and the lines that continue it
    header_end: int = 0  # first line after the transmission header
    body_start: int = 0  # first line of the body (the first numbered paragraph), or len(lines)

    @property
    def has_transmission_header(self) -> bool:
        """The ACP format lines (start line, prosign, DE, security line): partial extracts lack them."""
        return any((self.start, self.prosign, self.de, self.security))

    @property
    def has_header(self) -> bool:
        """Any header line at all: the format lines, the date-time group, FM or TO."""
        return self.has_transmission_header or any((self.dtg, self.fm, self.to))


def find_marks(lines: list[str], cable: Cable) -> Marks:
    """Walk the header, then the preamble, once."""
    m = Marks()
    n = len(lines)
    m.body_start = next((p.line - 1 for p in cable.paragraphs if p.line), n)
    # The classification line: the first one before the body; a bare banner above it (archive
    # printouts start with one) counts only when no line with an office and serial follows.
    cls_index = None
    for i in range(min(n, m.body_start)):
        u = lines[i].upper()
        if CLASSIFICATION.match(u):
            cl = parse_classification_line(u)
            if cl is not None:
                banner = cl.serial is None and not cl.rest
                if cls_index is None or not banner:
                    cls_index = i
                    m.classification_line = cl
                    m.classification = Mark(i, len(u) - len(u.lstrip()), lines[i].strip())
                if not banner:
                    break
    header_limit = cls_index if cls_index is not None else min(n, m.body_start, 80)
    _walk_header(lines, header_limit, m)
    preamble_from = cls_index if cls_index is not None else m.header_end
    _walk_preamble(lines, preamble_from, m.body_start, m)
    return m


def _walk_header(lines: list[str], limit: int, m: Marks) -> None:
    role: str | None = None
    last = 0
    for i in range(limit):
        raw = lines[i]
        s = raw.strip()
        if not s:
            role = None  # a blank line ends an addressee list
            continue
        u = s.upper()
        col = len(raw) - len(raw.lstrip())
        mark = Mark(i, col, s)
        if START.match(u) and m.start is None:
            m.start = mark
        elif (
            m.prosign is None
            and m.de is None
            and m.dtg is None
            and PROSIGN_LIKE.match(u)
            and not _HEADER_KEYWORD.match(u)
        ):
            m.prosign = mark
        elif u.startswith("DE ") and m.de is None:
            m.de = mark
        elif SECURITY.match(u) and m.security is None:
            m.security = mark
        elif m.dtg is None and DTG.match(s):
            m.dtg, m.dtg_match = mark, DTG.match(s)
        elif PAGE_HEADER.match(u):
            continue
        elif u.startswith("FM ") or u == "FM":
            m.fm = m.fm or mark
            role = None
        elif _LOG_BLOCK.match(u):
            role = "log"
        elif kw := _ADDRESSEE_KEYWORD.match(u):
            role = kw.group(1).lower()
            if role == "to":
                m.to = m.to or mark
            elif role == "info":
                m.info = m.info or mark
            rest = s[kw.end() :]
            if rest.strip():
                m.addressees.append((role, Mark(i, col + kw.end(), rest.strip())))
        elif u in ("BT", "NNNN"):
            role = None
        elif role in ("to", "info", "xmt"):
            m.addressees.append((role, mark))
        elif role == "log":
            pass
        else:
            continue
        last = i + 1
    m.header_end = last


def _pieces(line: str) -> list[tuple[int, str]]:
    """A line split where a preamble keyword starts (flattened preambles): (column, text) pieces."""
    starts = [0] + [k.end() for k in FIELD_SPLIT.finditer(line)]
    return [(a, line[a:b].rstrip()) for a, b in zip(starts, starts[1:] + [len(line)], strict=True)]


def _walk_preamble(lines: list[str], start: int, end: int, m: Marks) -> None:
    seen_main = False
    i = start
    while i < end:
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        for col, piece in _pieces(raw):
            s = piece.lstrip()
            col += len(piece) - len(s)
            if not s:
                continue
            u = s.upper()
            if m.eo is None and EO_LINE.match(u):
                m.eo = Mark(i, col, s)
                seen_main = True
            elif (
                m.tags is None
                and (kw := TAGS_LINE.match(s))
                and (u.startswith("TAGS") or ":" in s[:6] or not seen_main)
            ):
                m.tags = Mark(i, col, s, s[: kw.end()].rstrip())
                m.tags_values = [Mark(i, col + kw.end(), s[kw.end() :])]
                seen_main = True
                j = i + 1
                while j < end and col == 0 and _TAGS_CONTINUATION.match(lines[j].strip()):
                    lead = len(lines[j]) - len(lines[j].lstrip())
                    m.tags_values.append(Mark(j, lead, lines[j].strip()))
                    j += 1
            elif (
                m.subject is None
                and (kw := SUBJECT_LINE.match(s))
                and (":" in s[:9] or u.startswith("SUBJECT "))
            ):
                m.subject = Mark(i, col, s[kw.end() :].strip(), s[: kw.end()].rstrip())
                seen_main = True
            elif m.ref is None and (kw := REF_LINE.match(s)) and ":" in s[:12]:
                m.ref = Mark(i, col, s, s[: kw.end()].rstrip())
                m.ref_lines = _ref_block(lines, i, col + kw.end(), end)
            elif m.classified_by is None and CLASSIFIED_BY.match(_PORTION_PREFIX.sub("", s, count=1)):
                m.classified_by = Mark(i, col, s)
                block = [s]
                j = i + 1
                while j < end and lines[j].strip() and not PARAGRAPH_START.match(lines[j]):
                    block.append(lines[j].strip())
                    j += 1
                m.classified_by_text = " ".join(block)
        i += 1


def _ref_block(lines: list[str], i: int, col: int, end: int) -> list[Mark]:
    """The REF block: its first line from after the keyword, and the lines that continue it."""
    block = [Mark(i, col, lines[i][col:])]
    j = i + 1
    while j < end:
        s = lines[j].strip()
        if not s:
            k = j
            while k < end and not lines[k].strip():
                k += 1
            # Lettered items are sometimes split into paragraphs: `¶B. MADRID 919`.
            if k < end and _REF_LETTER_LINE.match(lines[k].upper()) and not PARAGRAPH_START.match(lines[k]):
                j = k
                continue
            break
        u = s.upper()
        if (
            SUBJECT_LINE.match(s)
            or CLASSIFIED_BY.match(s)
            or TAGS_LINE.match(u)
            or EO_LINE.match(u)
            or PARAGRAPH_START.match(s)
        ):
            break
        block.append(Mark(j, len(lines[j]) - len(lines[j].lstrip()), s))
        j += 1
    return block
