"""The classification line and the block after it: captions, distribution, E.O., TAGS, SUBJECT, REF,
Classified By."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablecli.model import Declassify, Problem, Reference, Section
from cablecli.parse.classified_by import classified_by_continues, inline_classified_by
from cablecli.parse.classified_by import parse_classified_by as parse_classified_by  # re-exported
from cablecli.parse.ids import cited_reference_id, parse_decl_date

# Matched against the upper-cased line. The level may be letter-spaced and, in real data, may
# have lost its first letter (`O N F I D E N T I A L`); `SECRETARY` is not a level.
CLASSIFICATION = re.compile(
    r"^\s*(T\s?O\s?P\s+S\s?E\s?C\s?R\s?E\s?T|S?S\s?E\s?C\s?R\s?E\s?T"
    r"|C?\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|UNCLAS(?:SIFIED)?|LIMITED\s+OFFICIAL\s+USE)(?=$|[\s/])(.*)$"
)
LEVELS = {
    "TOPSECRET": "TOP SECRET", "SECRET": "SECRET", "SSECRET": "SECRET", "CONFIDENTIAL": "CONFIDENTIAL",
    "ONFIDENTIAL": "CONFIDENTIAL", "UNCLAS": "UNCLASSIFIED", "UNCLASSIFIED": "UNCLASSIFIED",
    "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE",
}  # fmt: skip
_SECTION = re.compile(r"\b[A-Z]*C\s?TION\s*0*(\d{1,3})\s*OF\s*0*(\d{1,3})\b")
_HANDLING = re.compile(
    r"(?:/{1,2}\s*)?\b(NOFORN|NOFORM|FOUO|SBU|SENSITIVE|E\s?F\s?T\s?O|FOR OFFICIAL USE ONLY|FGI|ORCON|PROPIN"
    r"|SIPDIS|NODIS|EXDIS|LIMDIS|STADIS|REL\s+[A-Z]{2,3}(?:[ ,]+[A-Z]{2,3})*)\b"
)
_HANDLING_CANON = {"SENSITIVE": "SBU", "FOR OFFICIAL USE ONLY": "FOUO", "NOFORM": "NOFORN"}
_OFFICE_SERIAL = re.compile(r"([A-Z][A-Z.'\-]*(?:\s+[A-Z][A-Z.'\-]*){0,4})\s+(\d{3,8})\b")

CAPTIONS = frozenset(
    {"SIPDIS", "NODIS", "EXDIS", "LIMDIS", "STADIS", "NOFORN", "CHEROKEE", "ROGER", "DECAPTIONED",
     "NOCONTRACT", "ORCON", "PROPIN", "SPECAT", "EXCLUSIVE", "ONLY", "NIACT", "CORRECTED", "COPY",
     "TERREP", "VISAS", "DIRECTIVE", "NOTE", "LIMITED", "OFFICIAL", "USE", "DS", "CA", "SIPRNET"}
)  # fmt: skip
_CAPTION_WORDS = frozenset({"SIPDIS", "NODIS", "EXDIS", "LIMDIS", "STADIS", "NOFORN", "CHEROKEE", "ROGER",
                            "DECAPTIONED", "SPECAT", "NIACT", "TERREP"})  # fmt: skip
_HANDLING_LINES = {"SENSITIVE": "SBU", "SBU": "SBU", "NOFORN": "NOFORN", "FOR OFFICIAL USE ONLY": "FOUO",
                   "FOUO": "FOUO", "E F T O": "EFTO", "EFTO": "EFTO",
                   "SENSITIVE BUT UNCLASSIFIED": "SBU"}  # fmt: skip

EO_LINE = re.compile(r"^E\.?\s?O\.?\s*:?\s*(\d{5})\b|^EO\s*:?\s*(\d{5})\b")
_EO_AMENDED = re.compile(r"^\s*(?:,\s*)?AS\s+AMENDED", re.I)
_DECL = re.compile(r"\b(DECL|DECLASSIFY|DNG)\b\s*:?\s*(.*)$", re.I)
TAGS_LINE = re.compile(r"^TAG[SE]?\b\s*:?\s*", re.I)
SUBJECT_LINE = re.compile(r"^SUBJ(?:ECT)?\b\s*:?\s*", re.I)
REF_LINE = re.compile(r"^(?:REFS?|REFTELS?|REFERENCES?)\b\s*:?\s*", re.I)
CLASSIFIED_BY = re.compile(r"^CLASSIFI?ED\s+BY\b\s*:?\s*", re.I)
_MARKED_CLASSIFIED_BY = re.compile(r"^\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*CLASSIFI?ED\s+BY\b", re.I)
PARAGRAPH_START = re.compile(r"^\s*(?:¶\s*)?(\d{1,3})\s?\.(?!\d)")
_REF_LETTER_LINE = re.compile(r"^\s*¶?\s*[A-Z][.)]\s")
_KEYWORD_SPLIT = re.compile(r"\s(?=(?:E\.\s?O\.|EO\s+1\d{4}|TAGS?\b|SUBJ(?:ECT)?\s*:))")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CORRECTED_COPY = re.compile(r"^C\s*O\s*R\s*R\s*E\s*C\s*T\s*E\s*D\s+C\s*O\s*P\s*Y\b")
_TAG_SHAPE = re.compile(r"^[A-Z]{2,6}$")
_TAGS_CONTINUATION = re.compile(r"^(?:\[?[A-Z]{2,6}(?:\]\(#\))?[,;]?\s*){1,8}$")


def _canonical_handling(written: str) -> str:
    word = " ".join(written.split())
    return "EFTO" if word.replace(" ", "") == "EFTO" else _HANDLING_CANON.get(word, word)


@dataclass
class ClassificationLine:
    classification: str
    handling: list[str]
    captions: list[str]
    section: Section | None
    office: str | None
    serial: str | None
    rest: str  # text after the serial (flattened preamble)


def parse_classification_line(u: str) -> ClassificationLine | None:
    """`C O N F I D E N T I A L SECTION 01 OF 03 BAKU 000187` (upper-cased) -> its parts."""
    m = CLASSIFICATION.match(u)
    if not m:
        return None
    level = LEVELS.get(m.group(1).replace(" ", ""), "UNCLASSIFIED")
    rest = m.group(2)
    section = None
    sm = _SECTION.search(rest)
    if sm:
        section = Section(int(sm.group(1)), int(sm.group(2)))
        rest = rest[: sm.start()] + " " + rest[sm.end() :]
    handling: list[str] = []
    captions: list[str] = []
    office = serial = None
    tail = ""
    # Handling marks before the office (`UNCLAS E F T O KABUL 000123`) are not part of it.
    rest = rest[:300]  # a classification line is short; bound the work on a pathological one
    digits = re.search(r"\d{3,8}", rest)
    cut = digits.start() if digits else len(rest)
    for hm in _HANDLING.finditer(rest[:cut]):
        handling.append(_canonical_handling(hm.group(1)))
    rest = _HANDLING.sub(lambda m: " " * len(m.group(0)), rest[:cut]) + rest[cut:]
    om = _OFFICE_SERIAL.search(rest)
    if om:
        tail = rest[om.end() :]
        office_words = [w for w in om.group(1).split() if not _HANDLING.fullmatch(w)]
        office = " ".join(office_words) or None
        serial = om.group(2)
    # After the serial, captions and handling marks stand in the order written (flattened preamble).
    for hm in _HANDLING.finditer(tail.split(" E.O", 1)[0].split(" TAGS", 1)[0]):
        written = " ".join(hm.group(1).split())
        word = _canonical_handling(written)
        if word in _CAPTION_WORDS or written == "SENSITIVE":
            captions.append(written)
        if word not in _CAPTION_WORDS or word == "NOFORN":
            handling.append(word)
    return ClassificationLine(level, handling, captions, section, office, serial, tail.strip())


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


def parse_tags(raw: str) -> list[str]:
    """`[PGOV](#) [PREL](#)`, `PGOV, PREL`, `pgov prel`, `OVIP (CLINTON, HILLARY)` -> list of tags."""
    text = _MD_LINK.sub(r"\1", raw).upper().replace(";", ",")
    tags: list[str] = []
    depth = 0
    after_comma = False
    person: list[str] = []
    for token in re.findall(r"\(|\)|,|[^\s,()]+", text):
        if token == "(":
            depth += 1
            person = []
            continue
        if token == ")":
            depth = max(0, depth - 1)
            if person:
                name = " ".join(person).replace(" ,", ",").strip(" ,")
                if tags and tags[-1] in ("OVIP", "KVIP"):
                    tags[-1] = f"{tags[-1]} ({name})"
                else:
                    tags.append(name)
            person = []
            continue
        if depth:
            person.append(token)
            continue
        if token == ",":
            after_comma = True
            continue
        token = token.strip(".:")
        if not token:
            continue
        surname_before = bool(tags) and "," not in tags[-1] and not _TAG_SHAPE.match(tags[-1])
        if surname_before and (after_comma or not _TAG_SHAPE.match(token)):
            tags[-1] = f"{tags[-1]}, {token}"  # SURNAME, GIVEN
        else:
            tags.append(token)
        after_comma = False
    return list(dict.fromkeys(tags))


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


def parse_references(raw: str, year: int | None) -> list[Reference]:
    """A REF block -> references, lettered (`A. STATE 1234 B. 08 BAKU 155`) or single."""
    text = " ".join(raw.replace("¶", " ").split())
    labels = []
    expected = ord("A")
    for m in re.finditer(r"(?:^|(?<=[\s;,]))([A-Z])[.)]\s", text):
        if ord(m.group(1)) == expected:
            labels.append(m)
            expected += 1
    refs: list[Reference] = []
    if labels and labels[0].start() == 0:
        for k, m in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
            item = text[m.end() : end].strip().rstrip(";,").strip()
            refs.append(Reference(m.group(1), item, cited_reference_id(item, year)))
        return refs
    pieces = [p.strip() for p in re.split(r"[;,]|\s+AND\s+(?=\d|[A-Z]+\s+\d)", text) if p.strip()]
    ids = [cited_reference_id(p, year) for p in pieces]
    if len(pieces) > 1 and all(ids):
        return [Reference(None, p, i) for p, i in zip(pieces, ids, strict=True)]
    item = text.strip().rstrip(".").strip()
    return [Reference(None, item, cited_reference_id(item, year))] if item else []


def _is_caption_line(u: str) -> list[str] | None:
    words = u.replace(",", " ").split()
    if words and all(w in CAPTIONS for w in words) and any(w in _CAPTION_WORDS for w in words):
        return [w for w in words if w in _CAPTION_WORDS]
    return None


def parse_preamble(lines: list[str], start: int) -> Preamble:
    """Walk the lines from `start` up to the first body line, collecting the preamble fields."""
    from cablecli.parse.pages import is_page_break  # pages reads CLASSIFICATION from this module

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
            ):
                break
        j += 1
    if j < n and CLASSIFICATION.match(lines[j].upper()):
        i = j
    if i < n:
        cl = parse_classification_line(lines[i].upper())
        if cl is not None:
            p.classification_line, p.classification_lineno = cl, i + 1
            p.handling.extend(cl.handling)
            for c in cl.captions:
                _add(p.captions, c)
            if cl.rest:
                queue = [(i, piece) for piece in _KEYWORD_SPLIT.split(cl.rest) if piece.strip()]
            i += 1
    block: str | None = None  # "subject", "ref", "classified_by", "tags"
    buf: list[str] = []
    seen_main = False  # E.O., TAGS or SUBJECT seen: distribution lines come before them
    body_start: int | None = None

    def close() -> None:
        nonlocal block, buf
        text = " ".join(" ".join(buf).split())
        if block == "subject":
            p.subject = text or p.subject
        elif block == "ref":
            p.references_raw = f"{p.references_raw} {text}".strip() if p.references_raw else text
        elif block == "classified_by":
            p.classified_by_raw = "\n".join(buf)  # line breaks kept: a wrap may have broken a word
        block, buf = None, []

    while queue or i < n:
        if queue:
            idx, s = queue.pop(0)
            advance = False
        else:
            idx, s = i, lines[i].strip()
            advance = True
        if advance:
            i += 1
        if not s:
            if block == "ref":
                # Lettered REF items are sometimes split into paragraphs: `¶B. MADRID 919`.
                j = i
                while j < n and not lines[j].strip():
                    j += 1
                if j < n and _REF_LETTER_LINE.match(lines[j].upper()) and not PARAGRAPH_START.match(lines[j]):
                    continue
            if block == "classified_by" and (j := classified_by_continues(lines, i, buf)) is not None:
                i = j  # a page break between the name and the reasons
                continue
            if block:
                close()
            continue
        u = s.upper()
        if seen_main and is_page_break(s):
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
        if first == "E" and EO_LINE.match(u):
            close()
            seen_main = True
            pieces = _KEYWORD_SPLIT.split(s)
            p.executive_order, p.declassify = parse_declassify(pieces[0])
            queue[:0] = [(idx, piece) for piece in pieces[1:]]
            continue
        if first == "D" and u.startswith("DECL") and p.declassify is None and _DECL.match(s):
            close()
            _, p.declassify = parse_declassify(s)
            continue
        if first == "T" and TAGS_LINE.match(s) and (
            u.startswith("TAGS") or ":" in s[:6] or not seen_main
            or _TAGS_CONTINUATION.match(TAGS_LINE.sub("", u, count=1))
        ):  # fmt: skip
            close()
            seen_main = True
            p.tags_raw = TAGS_LINE.sub("", s, count=1)
            # TAGS wrapped onto the next line: `PREL, IN, IR` under `TAGS: KACT KNNP ...`.
            while advance and i < n and _TAGS_CONTINUATION.match(lines[i].strip()):
                p.tags_raw += " " + lines[i].strip()
                i += 1
            p.tags = parse_tags(p.tags_raw)
            p.tags_lineno = idx + 1
            continue
        if (
            first == "S"
            and SUBJECT_LINE.match(s)
            and (":" in s[:9] or u.startswith("SUBJECT "))
            and p.subject is None
        ):
            close()
            seen_main = True
            block, buf = "subject", [SUBJECT_LINE.sub("", s, count=1)]
            continue
        if (
            first == "R"
            and REF_LINE.match(s)
            and (":" in s[:12] or _REF_LETTER_LINE.match(REF_LINE.sub("", s, count=1) + " "))
        ):
            close()
            block, buf = "ref", [REF_LINE.sub("", s, count=1)]
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
        if block in ("subject", "ref"):
            buf.append(s)
            continue
        if not seen_main:
            pieces = _KEYWORD_SPLIT.split(s)
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
