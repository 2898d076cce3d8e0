"""Page headers and repeated banners inside a cable's text: not text, wherever they stand."""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.parse.classification import CLASSIFICATION

# `REYKJAVIK 00000195  002 OF 002`, `PAGE 02 HARARE 06677 01 OF 03 291400Z`,
# `TO PAGE 02 STATE 015113 182333Z`.
PAGE_BREAK = re.compile(
    r"^\s*[A-Z][A-Z .'\-]*?\s+(?:\d{5,8}\s+\d{2,3}(?:\.\d)?\s+OF\s+\d{2,3}(?:\s+\d{6}Z)?|0\d{7})\s*$"
)
PAGE_WORD = re.compile(r"^\s*(?:(?:TO|INFO)\s+)?PAGE\s+\d+\b")
_PARAGRAPH_NUMBER = re.compile(r"^\s*¶?\s*\d{1,3}\s?\.(?!\d)")


def is_page_break(s: str) -> bool:
    """A page header or repeated classification banner inside the text; not cable text."""
    last = s[-1:]
    if not (last.isdigit() or last in "Zz") and "PAGE" not in s[:12].upper():
        # Page headers end with a serial, page count or time; a bare banner has no office.
        c = s[:1].upper()[:1]  # (`str.upper` maps each character alone: the first of `s.upper()`)
        if len(s) >= 40 or not (c in _BANNER_FIRST or c.isspace()):
            return False  # CLASSIFICATION sees a blank or a level's first letter first
        m = CLASSIFICATION.match(s.upper())
        return bool(m and not m.group(2).strip())
    if len(s) > 120:
        return False  # page headers are short; and a long line must never reach PAGE_BREAK's backtracking
    u = s.upper()
    if PAGE_WORD.match(u):
        return True
    if " OF " in u or u[-1:].isdigit():
        if PAGE_BREAK.match(u) and not _PARAGRAPH_NUMBER.match(u):
            return True
    if CLASSIFICATION.match(u):
        rest = CLASSIFICATION.match(u).group(2)
        return bool(re.search(r"\d{4,8}\s*$", rest)) or not rest.strip()
    return False


# The characters CLASSIFICATION can see first on a line in capitals: a blank or the first letter of
# a level (`O N F I D E N T I A L` has lost its C).
_BANNER_FIRST = "TSCOUL"
