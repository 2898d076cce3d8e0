"""The classification line and the caption lines under it.

`C O N F I D E N T I A L SECTION 01 OF 03 BAKU 000187` gives the level, the section, the office and
its serial, the handling marks (`NOFORN`, `SBU`, `E F T O`) and, on a flattened preamble, the
captions and the text after the serial. Also here: the caption and handling words that stand on
lines of their own (`SIPDIS`, `NODIS`, `SENSITIVE`), and the test of a banner that closes the text
rather than opening it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Section

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
_DIGITS = re.compile(r"\d{3,8}")
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
    sm = _SECTION.search(rest) if "TION" in rest else None  # (the expression needs `TION`)
    if sm:
        section = Section(int(sm.group(1)), int(sm.group(2)))
        rest = rest[: sm.start()] + " " + rest[sm.end() :]
    handling: list[str] = []
    captions: list[str] = []
    office = serial = None
    tail = ""
    # Handling marks before the office (`UNCLAS E F T O KABUL 000123`) are not part of it.
    rest = rest[:300]  # a classification line is short; bound the work on a pathological one
    digits = _DIGITS.search(rest)
    cut = digits.start() if digits else len(rest)
    for hm in _HANDLING.finditer(rest[:cut]):
        handling.append(_canonical_handling(hm.group(1)))
    if handling:  # (`sub` finds the matches `finditer` found: without one it leaves `rest` as it is)
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


def _is_caption_line(u: str) -> list[str] | None:
    words = u.replace(",", " ").split()
    # (`all(w in CAPTIONS ...)` and `any(w in _CAPTION_WORDS ...)` as set operations, in C)
    if words and CAPTIONS.issuperset(words) and not _CAPTION_WORDS.isdisjoint(words):
        return [w for w in words if w in _CAPTION_WORDS]
    return None


# What may follow a closing banner: the end mark, the archive's notes and stamps, a lone `>` or `.`.
_TRAILER_LINE = re.compile(
    r"(?i)^(?:NNNN|[>.]|DECLASSIFIED/RELEASED\b.*|REVIEW\s+\d.*|NOTE\s+BY\s+OC/T\b.*|\d{4}[A-Z]+\d+\s+-\s+.*"
    r"|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED\s+OFFICIAL\s+USE)\s*)$"
)


def _closing_banner(lines: list[str], j: int) -> bool:
    """True when the banner at line `j`, found after other lines, is followed only by a trailer."""
    after = [s for s in (line.strip() for line in lines[j + 1 : j + 12]) if s]
    return len(lines) <= j + 12 and all(_TRAILER_LINE.match(s) for s in after)
