"""The keyword lines of the preamble, each recognised alone: E.O., TAGS, SUBJECT, REF and its items,
Classified By, a numbered paragraph, a heading that opens the body, and a keyword misspelt by one
letter (`SUBJET:`).

The walk in `preamble` tries most of these expressions only on a line whose first character one of
them can match (`_SUBJECT_FIRST`): they are kept anchored at the start of the line.
"""

from __future__ import annotations

from functools import lru_cache

from cablecli import compiled_re as re  # re, with the expressions ready-made

EO_LINE = re.compile(r"^E\.?\s?O\.?\s*:?\s*(\d{5})\b|^EO\s*:?\s*(\d{5})\b")
# Misspelt keywords (`TGS:`, `TAGES:`, `UBJECT:`) only with their colon.
TAGS_LINE = re.compile(r"^(?:TAG[SE]?\b|(?:TAGES|TGS|TAS|TABS|AGS)(?=\s*:))\s*:?\s*", re.I)
SUBJECT_LINE = re.compile(r"^(?:SUBJ(?:ECT)?\b|UBJECT(?=\s*:))\s*:?\s*", re.I)
REF_LINE = re.compile(r"^(?:REF\(S\)|REFS?|REFTELS?|REFERENCES?)(?![A-Za-z])\s*:?\s*", re.I)
CLASSIFIED_BY = re.compile(r"^CLASSIFI?ED\s+BY\b\s*:?\s*", re.I)
# The characters that `(?i)` matches with the first letter of SUBJECT_LINE (`ſ` is an `s`).
_SUBJECT_FIRST = "SsſUu"
_MARKED_CLASSIFIED_BY = re.compile(r"^\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*CLASSIFI?ED\s+BY\b", re.I)
PARAGRAPH_START = re.compile(r"^\s*(?:¶\s*)?(\d{1,3})\s?\.(?!\d)")
_REF_LETTER_LINE = re.compile(r"^\s*¶?\s*[A-Z][.)]\s")
# A REF line without its colon: `REF A. RIYADH 1579`, `REF (A) MADRID 3785`, `REF STATE 12345`.
_REF_START = re.compile(
    r"^(?:¶\s*)?(?:[A-Z1][.):\]]|\([A-Z1]\)|\[[A-Z1]\]|[A-Z]\s+[A-Z]{2,}\s+\d"
    r"|(?:\d{2}\s+)?[A-Z]{3,}(?:\s[A-Z]+){0,3}\s+\d{1,6}\b)"
)
# A REF item on a line of its own after a blank line: a label, or a cited cable.
_REF_ITEM_LINE = re.compile(
    r"^\s*¶?\s*(?:\([A-Z0-9]{1,2}\)|\[[A-Z0-9]{1,2}\]|[A-Z]\s?[.):]|\d{1,7}\b(?!\s?\.)"
    r"|(?:['’]?\d{2}\s+)?[A-Z][A-Z'.\-]+(?:\s[A-Z][A-Z'.\-]+){0,3}\s*[:-]?\s*\d{1,7}\b)"
)
_CORRECTED_COPY = re.compile(r"^C\s*O\s*R\s*R\s*E\s*C\s*T\s*E\s*D\s+C\s*O\s*P\s*Y\b")
_TAGS_CONTINUATION = re.compile(r"^(?:\[?[A-Z]{2,6}(?:\]\(#\))?[,;]?\s*){1,8}$")


# A heading or lead-in that starts the body: `SUMMARY`, `Summary:`, `BACKGROUND AND COMMENT.`
_HEADING_START = re.compile(
    r"^(?:SUMMARY|BACKGROUND|COMMENT|INTRODUCTION|OVERVIEW|ACTION\s+REQUEST)(?:\s+AND\s+[A-Z]+)?\s*(?:[:.\-]|$)",
    re.I,
)
_KEYWORD_WORD = re.compile(r"^([A-Za-z]{3,8})\s*:")


def _one_edit(a: str, b: str) -> bool:
    """`a` differs from `b` by one letter left out, added or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _misspelt_keyword(s: str) -> str | None:
    """`SUBJET:` -> "SUBJECT", `TAGZ:` -> "TAGS": a line-start keyword one letter off, with its colon."""
    m = _KEYWORD_WORD.match(s)
    if not m:
        return None
    return _near_keyword(m.group(1).upper())


@lru_cache(maxsize=4096)
def _near_keyword(word: str) -> str | None:
    """SUBJECT or TAGS when `word` is one letter off it (a pure function of the word: its answers
    are kept, the same few words opening most lines)."""
    for keyword in ("SUBJECT", "TAGS"):
        if _one_edit(word, keyword):
            return keyword
    return None


def _is_field_line(s: str) -> bool:
    u = s.upper()
    return bool(
        SUBJECT_LINE.match(s)
        or CLASSIFIED_BY.match(s)
        or _MARKED_CLASSIFIED_BY.match(s)
        or TAGS_LINE.match(u)
        or EO_LINE.match(u)
        or PARAGRAPH_START.match(s)
    )
