"""The preamble: the classification line and the block after it (captions, distribution, E.O., TAGS,
SUBJECT, REF, Classified By), walked once up to the first line of the body.

The lines are recognised by `classification` (the classification line, captions, handling marks)
and `keyword_lines` (the field keywords); this module walks them and gathers each field's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Declassify, Problem
from cablecli.parse.classification import (
    _HANDLING_LINES,
    CLASSIFICATION,
    ClassificationLine,
    _closing_banner,
    _is_caption_line,
    parse_classification_line,
)
from cablecli.parse.classified_by import classified_by_continues, inline_classified_by
from cablecli.parse.classified_by import parse_classified_by as parse_classified_by  # re-exported
from cablecli.parse.fields import (
    FLAT_PAGE_HEADER,
    SUBJECT_STOP,
    TAG_CAPTIONS,
    _may_hold_page_header,
    find_stop,
    is_code,
    is_rule_line,
    join_wrapped,
    may_hold_keyword,
    may_hold_stop,
    mostly_lower,
    mostly_upper,
    split_fields,
    split_keywords,
    strip_page_headers,
)
from cablecli.parse.fields import parse_tags as parse_tags
from cablecli.parse.ids import parse_decl_date
from cablecli.parse.keyword_lines import (
    _CORRECTED_COPY,
    _HEADING_START,
    _MARKED_CLASSIFIED_BY,
    _REF_ITEM_LINE,
    _REF_LETTER_LINE,
    _REF_START,
    _SUBJECT_FIRST,
    _TAGS_CONTINUATION,
    CLASSIFIED_BY,
    EO_LINE,
    PARAGRAPH_START,
    REF_LINE,
    SUBJECT_LINE,
    TAGS_LINE,
    _is_field_line,
    _misspelt_keyword,
)
from cablecli.parse.pages import PAGE_WORD, is_page_break
from cablecli.parse.refs import parse_references as parse_references

_EO_AMENDED = re.compile(r"^\s*(?:,\s*)?AS\s+AMENDED", re.I)
_DECL = re.compile(r"\b(DECL|DECLASSIFY|DNG)\b\s*:?\s*(.*)$", re.I)


@dataclass
class Preamble:
    classification_line: ClassificationLine | None = None
    classification_lineno: int | None = None
    captions: list[str] = field(default_factory=list)
    handling: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    executive_order: str | None = None
    declassify: Declassify | None = None
    tags: list[str] = field(default_factory=list)
    tags_raw: str | None = None
    tags_lineno: int | None = None
    subject: str | None = None
    references_raw: str | None = None
    classified_by_raw: str | None = None
    end: int = 0  # first line of the body
    problems: list[Problem] = field(default_factory=list)


def _add(seq: list[str], item: str) -> None:
    if item not in seq:
        seq.append(item)


def parse_declassify(text: str) -> tuple[str | None, Declassify | None]:
    """`E.O. 12958: DECL: 02/21/2018` -> ("12958", Declassify("2018-02-21", "02/21/2018"))."""
    u = text.upper()
    m = EO_LINE.match(u)
    eo = None
    rest = text
    if m:
        eo = m.group(1) or m.group(2)
        rest = text[m.end() :]
        if _EO_AMENDED.match(rest):
            eo += " AS AMENDED"
            rest = rest[_EO_AMENDED.match(rest).end() :]
    rest = rest.strip().lstrip(":").strip()
    d = _DECL.search(rest)
    if d:
        raw = d.group(2).strip().rstrip(".").strip()
        if d.group(1).upper() == "DNG":
            raw = f"DNG: {raw}"
            return eo, Declassify(None, raw)
        return eo, Declassify(parse_decl_date(raw), raw)
    if rest:
        raw = rest.rstrip(".").strip()
        return eo, Declassify(parse_decl_date(raw), raw)
    return eo, None


def parse_preamble(lines: list[str], start: int) -> Preamble:
    """Walk the lines from `start` up to the first body line, collecting the preamble fields."""
    p = Preamble()
    n = len(lines)
    i = start
    # Find the classification line among the first non-blank lines.
    while i < n and not lines[i].strip():
        i += 1
    queue: list[tuple[int, str]] = []  # (line index, text): virtual lines split out of a flat line
    # Archives insert lines before the classification line (a date, an editor's note): look a few
    # non-blank lines ahead, but not past the preamble's own keywords.
    j, seen = i, 0
    while j < n and seen < 6:
        u = lines[j].upper()
        if u.strip():
            seen += 1
            if (
                CLASSIFICATION.match(u)
                or EO_LINE.match(u.strip())
                or TAGS_LINE.match(u.strip())
                or (SUBJECT_LINE.match(u.strip()) and ":" in u[:12])
                or CLASSIFIED_BY.match(u.strip())
                or (REF_LINE.match(u.strip()) and ":" in u[:12])
            ):
                break
            if PARAGRAPH_START.match(u.strip()):
                break  # a body paragraph: a banner after it closes the text, it does not open it
        j += 1
    if j < n and CLASSIFICATION.match(lines[j].upper()) and not (j > i and _closing_banner(lines, j)):
        i = j
    if i < n:
        cl = parse_classification_line(lines[i].upper())
        if cl is not None:
            p.classification_line, p.classification_lineno = cl, i + 1
            p.handling.extend(cl.handling)
            for c in cl.captions:
                _add(p.captions, c)
            if cl.rest:
                queue = [(i, piece) for piece in split_keywords(cl.rest) if piece.strip()]
            i += 1
    block: str | None = None  # "subject", "ref", "classified_by", "tags"
    buf: list[str] = []
    seen_main = False  # E.O., TAGS or SUBJECT seen: distribution lines come before them
    body_start: int | None = None
    one_field: str | None = None  # a line where may_hold_keyword was found False (a pure test of the text)

    def close() -> None:
        nonlocal block, buf
        if block == "subject":
            text = " ".join(strip_page_headers(join_wrapped(buf)).split())
            if text.endswith(("-", "=", "_", "*")):  # what _TRAILING_RULE needs (the text is on one line)
                text = _TRAILING_RULE.sub("", text)  # `WEEKLY NOTES ----------`
            if _holds_rule_sign(text):  # (the expression needs six of these signs in a row)
                text = _INNER_RULE.split(text, maxsplit=1)[
                    0
                ]  # flattened: `PORT STRIKE ENDS ------ 1. (U) ...`
            p.subject = text or p.subject
        elif block == "ref":
            text = "\n".join(line for line in buf if line.strip())
            p.references_raw = f"{p.references_raw}\n{text}".strip() if p.references_raw else text
        elif block == "classified_by":
            p.classified_by_raw = "\n".join(buf)  # line breaks kept: a wrap may have broken a word
        block, buf = None, []

    def stop_subject(s: str) -> str:
        """The subject text before a handling statement run into it (`... Sensitive but unclassified`)."""
        m = find_stop(s)
        if m is None:
            return s
        _add(p.handling, "SBU")
        return s[: m.start()]

    while queue or i < n:
        if queue:
            idx, s = queue.pop(0)
            advance = False
        else:
            s = lines[i].strip()  # `_line(lines[i])`, its steps taken here
            if not s and block is None:
                i += 1  # a blank line outside a field: nothing to close or look past
                continue
            if s.endswith("\\"):
                s = s[:-1].rstrip()
            idx, advance = i, True
            # A flattened preamble: the line is cut where a field starts (`... EGYPTREF: CAIRO 123`).
            # Each expression is tried only on a line whose first character it can match.
            c0 = s[:1]
            if (
                s
                and block != "classified_by"
                and not (c0 in "Cc" and (_CORRECTED_COPY.match(s.upper()) or CLASSIFIED_BY.match(s)))
                and not (c0 == "(" and _MARKED_CLASSIFIED_BY.match(s))
            ):
                if not may_hold_keyword(s):
                    one_field = s  # no keyword after its start: the line is one field, [s]
                else:
                    subject = c0 in _SUBJECT_FIRST and SUBJECT_LINE.match(s)
                    pieces = split_fields(s, loose=block is None and not subject)
                    if len(pieces) > 1:
                        s = pieces[0]
                        queue[:0] = [(idx, piece) for piece in pieces[1:]]
        if advance:
            i += 1
        if not s:
            if block == "ref":
                # REF items split into paragraphs: `¶B. MADRID 919`, `00723  (C) Brasilia 01392`.
                j = i
                while j < n and not _line(lines[j]):
                    j += 1
                if j < n and _ref_item_continues(_line(lines[j]), " ".join(buf)):
                    continue
            if block == "subject" and (j := _subject_continues(lines, i)) is not None:
                i = j  # a page break in the middle of the subject
                continue
            if block == "classified_by" and (j := classified_by_continues(lines, i, buf)) is not None:
                i = j  # a page break between the name and the reasons
                continue
            if block:
                close()
            continue
        u = s.upper()
        if seen_main and (is_page_break(s) or (_may_hold_page_header(u) and _FULL_PAGE_HEADER.match(u))):
            continue  # `NEW DELHI 00005239  001.2 OF 007` between REF and Classified By
        if "CLASSIFIED BY" in u and (split := inline_classified_by(s)):
            # `REF: ROME 123 CLASSIFIED BY: ... ¶1. ...` flattened onto one line
            s, advance = split[0], False
            queue[:0] = [(idx, piece) for piece in split[1:]]
            u = s.upper()
        first = u[:1]  # dispatch on the first letter before trying a keyword's expression
        numbered = (first.isdigit() or first == "¶") and PARAGRAPH_START.match(s) is not None
        if block == "ref" and _REF_LETTER_LINE.match(u) and not numbered:
            buf.append(s)
            continue
        if numbered and (seen_main or p.classification_line):
            close()
            body_start = idx
            break
        if seen_main and block != "classified_by" and is_rule_line(s):
            close()  # a rule under the last field: `-------` over `SUMMARY`
            body_start = idx
            break
        if first == "E" and EO_LINE.match(u):
            close()
            seen_main = True
            pieces = split_keywords(s)
            p.executive_order, p.declassify = parse_declassify(pieces[0])
            queue[:0] = [(idx, piece) for piece in pieces[1:]]
            continue
        if first == "D" and u.startswith("DECL") and p.declassify is None and _DECL.match(s):
            close()
            _, p.declassify = parse_declassify(s)
            continue
        if first.isalpha() and ":" in s[3:10] and not (TAGS_LINE.match(s) or SUBJECT_LINE.match(s)):
            keyword = _misspelt_keyword(s)  # `SUBJET:`, `TAGZ:`: the keyword with one letter wrong
            if keyword:
                s = f"{keyword}: {s[s.index(':') + 1 :].strip()}"
                u, first = s.upper(), keyword[0]
        if first in "TA" and TAGS_LINE.match(s) and (
            u.startswith("TAGS") or ":" in s[:7] or not seen_main
            or _TAGS_CONTINUATION.match(_after_match(TAGS_LINE, u))
        ):  # fmt: skip
            close()
            seen_main = True
            p.tags_raw = s[TAGS_LINE.match(s).end() :]  # the expression is anchored: `sub` cuts the same
            while queue and queue[0][0] == idx and TAGS_LINE.match(queue[0][1]):
                p.tags_raw += " " + queue.pop(0)[1]  # `TAGS: EAID, BA, TAGS: EFIN`: written twice
            # TAGS wrapped onto the next lines: `PREL, IN, IR` under `TAGS: KACT KNNP ...`.
            while not queue and i < n and (joint := _tags_continue(p.tags_raw, _line(lines[i]))):
                p.tags_raw += joint + _line(lines[i])
                i += 1
            if (
                not queue
                and p.tags_raw.rstrip().endswith(",")
                and (j := _after_page_break(lines, i)) is not None
                and (joint := _tags_continue(p.tags_raw, _line(lines[j])))
            ):  # `TAGS: PREL, MARR,`, a page header, `IZ, TU`
                p.tags_raw += joint + _line(lines[j])
                i = j + 1
            tags_upper = p.tags_raw.upper()
            # (a caption found as a word is found as a substring: without one, no word is a caption)
            for word in re.findall(r"[A-Z]+", tags_upper) if _holds_any(tags_upper, TAG_CAPTIONS) else ():
                if word in TAG_CAPTIONS:  # `TAGS: ECON ETRD CA MX SIPDIS`: a caption run into TAGS
                    _add(p.captions, word)
                    if word == "NOFORN":
                        _add(p.handling, word)
            p.tags = parse_tags(p.tags_raw)
            p.tags_lineno = idx + 1
            continue
        if (
            first in "SU"
            and SUBJECT_LINE.match(s)
            and (":" in s[:9] or u.startswith("SUBJECT "))
            and p.subject is None
        ):
            close()
            seen_main = True
            rest = s[SUBJECT_LINE.match(s).end() :]
            kept = stop_subject(rest)
            block, buf = "subject", [kept]
            if kept is not rest:
                close()
            continue
        if first == "R" and (rm := REF_LINE.match(s)):
            rest = s[rm.end() :]
            if ":" in s[:12] or _REF_START.match(rest.upper()):
                close()
                block, buf = "ref", [rest]
                continue
        if first == "(" and _MARKED_CLASSIFIED_BY.match(s):
            s = s[s.index(")") + 1 :].strip()  # `(U) Classified By: ...`
            first = "C"
        if first == "C" and CLASSIFIED_BY.match(s):
            close()
            block, buf = "classified_by", [lines[idx] if advance else s]
            continue
        if block == "classified_by":
            if not is_page_break(s):
                buf.append(lines[idx] if advance else s)
            continue
        if block in ("subject", "ref") and _HEADING_START.match(s):
            close()  # `SUMMARY`, `Summary:` right under the field: the body
            body_start = idx
            break
        if block == "subject":
            if mostly_lower(s) and mostly_upper(" ".join(buf)):
                close()  # a sentence in mixed case under a subject in capitals: the body
                body_start = idx
                break
            stop = may_hold_stop(s)
            if stop and SUBJECT_STOP.match(" " + s):
                close()  # `SENSITIVE BUT UNCLASSIFIED` on the line under the subject: handling
                _add(p.handling, "SBU")
                continue
            kept = stop_subject(s) if stop else s  # (find_stop finds nothing where may_hold_stop is False)
            buf.append(kept)
            if kept is not s:
                close()
            continue
        if block == "ref" and mostly_lower(s) and mostly_upper(" ".join(buf)) and not _REF_ITEM_LINE.match(s):
            close()  # a sentence in mixed case under a REF block in capitals: the body
            body_start = idx
            break
        if block == "ref":
            buf.append(s)
            continue
        if not seen_main:
            pieces = split_keywords(s, no_keyword_after_start=s is one_field)
            if len(pieces) > 1:  # `DEPARTMENT FOR WHA E.O. 12958: DECL: ... TAGS: ...` on one line
                queue[:0] = [(idx, piece) for piece in pieces[1:]]
                s, u = pieces[0].strip(), pieces[0].strip().upper()
            if _CORRECTED_COPY.match(u):
                _add(p.captions, "CORRECTED COPY")
                continue
            caps = _is_caption_line(u)
            if caps is not None:
                for c in caps:
                    _add(p.captions, c)
                    if c == "NOFORN":
                        _add(p.handling, "NOFORN")
                continue
            words = " ".join(u.rstrip(".").split())
            hl = _HANDLING_LINES.get(words)
            if hl:
                _add(p.handling, hl)
                if words == "SENSITIVE":  # written as a caption line, read as the SBU handling mark
                    _add(p.captions, "SENSITIVE")
                continue
            if p.classification_line is None and not p.distribution and CLASSIFICATION.match(u):
                continue
            p.distribution.append(" ".join(s.split()))
            continue
        # The first other line after the preamble fields starts the body.
        body_start = idx
        break
    close()
    if body_start is None:
        body_start = n if seen_main or p.classification_line else start
    p.end = body_start
    if not seen_main and p.classification_line is None:
        # Nothing recognisable: treat all lines after the header as body, keep no distribution.
        p.distribution = []
        p.end = start
    return p


_TRAILING_RULE = re.compile(r"\s*[-=_*]{4,}$")
_INNER_RULE = re.compile(r"\s[-=_*]{6,}\s")


def _holds_rule_sign(text: str) -> bool:
    """False when no sign of a rule (`-`, `=`, `_`, `*`) stands in `text`."""
    return "-" in text or "=" in text or "_" in text or "*" in text


def _holds_any(text: str, words: frozenset[str]) -> bool:
    """True when one of `words` stands in `text` as a substring."""
    return any(word in text for word in words)


def _after_match(rx: re.Pattern[str], s: str) -> str:
    """`rx.sub("", s, count=1)` for an expression anchored at the start, without scanning `s`."""
    m = rx.match(s)
    return s[m.end() :] if m else s


def _line(raw: str) -> str:
    """A line stripped, without the backslash some archives end lines with."""
    s = raw.strip()
    if s.endswith("\\"):
        s = s[:-1].rstrip()
    return s


def _after_page_break(lines: list[str], i: int) -> int | None:
    """The next line of text from line `i` when a page header (and banners, blank lines) come first."""
    j, paged = i, False
    while j < len(lines) and j < i + 8:
        t = lines[j].strip()
        if t and not is_page_break(t):
            break
        paged = paged or bool(t and PAGE_WORD.match(t.upper()))
        j += 1
    return j if paged and j < len(lines) and j < i + 8 else None


def _subject_continues(lines: list[str], i: int) -> int | None:
    """After a blank line in a SUBJECT: the line where the subject goes on past a page header
    (`SUBJECT: GOVERNMENT ANNOUNCES NEW`, banner, `PAGE 02 AMMAN 01234 101010Z`, `FUEL SUBSIDY CUTS`)."""
    j = _after_page_break(lines, i)
    if j is None:
        return None
    t = _line(lines[j])
    if _is_field_line(t) or REF_LINE.match(t.upper()) or _HEADING_START.match(t) or is_rule_line(t):
        return None
    return j


# A page header on a line of its own: `CONFIDENTIAL PAGE 02 ROME 01234 01 OF 02 211833Z`.
_FULL_PAGE_HEADER = re.compile(rf"^(?:{FLAT_PAGE_HEADER.pattern})\s*$")
_LABEL_AT_START = re.compile(r"^¶?\s*(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])\s?[.):])")


def _ref_item_continues(s: str, before: str) -> bool:
    """A line after a blank line inside a REF block that goes on with it: the next label of the list
    (`¶B. MADRID 919` after `A. ...`, not a portion marking `(U)`), or a cited cable."""
    if not s or _is_field_line(s):
        return False
    m = _LABEL_AT_START.match(s.upper())
    if m:
        letter = m.group(1) or m.group(2) or m.group(3)
        if letter == "A":
            return not before.strip()
        prev = chr(ord(letter) - 1)
        return re.search(rf"(?:^|[\s(\[¶]){prev}(?:[.):\]]|\s+[A-Z0-9'])", before.upper()) is not None
    return _REF_ITEM_LINE.match(s) is not None


_TAG_WORDS = re.compile(r"\([^()]*\)|[A-Za-z][A-Za-z.'\-]*|,")


def _tags_continue(tags: str, s: str) -> str | None:
    """How line `s` goes on with the TAGS field `tags`, or None: after a comma or as a line of codes
    (a new item: "\\n"), or as the rest of a keyword phrase (`COUNTRY` / `CLEARANCE`: " ")."""
    if not s or len(s) > 100 or ":" in s or _is_field_line(s) or is_rule_line(s):
        return None
    u = s.upper()
    if CLASSIFICATION.match(u) or _is_caption_line(u) is not None or _CORRECTED_COPY.match(u):
        return None
    tokens = _TAG_WORDS.findall(s)
    if "".join(tokens).replace(" ", "") != re.sub(r"\s+", "", s) and not (
        tags.count("(") > tags.count(")") and ")" in s  # a name in parentheses wrapped over the line end
    ):
        return None  # digits or other signs: not a TAGS line
    words = [t.upper().strip(".") for t in tokens if t != "," and not t.startswith("(")]
    if not words:
        return None
    if tags.rstrip().endswith(",") or all(is_code(w) for w in words):
        return "\n"
    last = re.findall(r"[A-Za-z]+", tags)[-1:]
    if s.isupper() and len(words) <= 3 and last and not is_code(last[0].upper()) and len(last[0]) >= 5:
        return " "
    return None
