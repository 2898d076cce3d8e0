"""Preamble fields written run together on one line, and the values of TAGS and REF.

A flattened preamble (`... TAGS: PREL SUBJECT: TALKS WITH EGYPTREF: CAIRO 123 Classified By: ...`)
is cut where a field keyword starts; every field is read with the same splitter.
"""

from __future__ import annotations

from functools import cache

from cablecli import compiled_re as re  # re, with the expressions ready-made

# Where a field starts inside a line. The keywords are case-blind; REF and Classified By may be
# glued to the word before (`EGYPTREF:`, `CAIROClassified By:`) when the colon follows.
_EO_AHEAD = (
    r"(?i:E\.\s?O\.?|EO)\s*:?\s*1\d{4}"
    r"(?=\s*(?i:,?\s*AS\s+AMENDED|:(?!\s*1\s?\.\s?\d)|DECL|DNG|N/?A\b)|\s*$)"
)
# Inside a SUBJECT or REF, E.O. starts a field only before a declassification instruction: a subject
# may name an order (`IMPLEMENTING E.O. 13224: DESIGNATIONS`).
_EO_DECL_AHEAD = (
    r"(?i:E\.\s?O\.?|EO)\s*:?\s*1\d{4}"
    r"(?=\s*(?i:,?\s*AS\s+AMENDED\s*)?:?\s*(?i:DECL|DNG|N/?A\b|OADR|X\d|\d{1,2}/\d{1,2}/\d{2,4}))"
)
_FIELD_START = (
    r"\s+(?=" + _EO_DECL_AHEAD + r")"
    r"|\s*(?<![A-Za-z])(?=(?i:TAGS?|SUBJ(?:ECT)?)\s*:)"
    r"|(?:\s+|(?<=[A-Za-z0-9'’\".)]{2}))(?=(?i:REF(?:S|\(S\)|TELS?|ERENCES?)?)\s*:)"
    r"|\s+(?=(?i:CLASSIFI?ED\s+BY)\s*:|Classifi?ed\s+[Bb]y\b)"
    r"|(?<=[A-Za-z0-9'’\".)])(?<![Dd][Ee])(?<![Nn])(?=(?i:CLASSIFI?ED\s+BY)\s*:)"
)
# The loose form also takes `TAGS` in capitals without a colon (`E.O. 12958: N/A TAGS PREL`), any
# E.O. and CLASSIFIED BY without its colon: used on lines that start a field or hold E.O. or caption
# text, not inside a SUBJECT (`DOCUMENTS CLASSIFIED BY THE MINISTRY`).
FIELD_SPLIT = re.compile(
    _FIELD_START
    + r"|\s+(?="
    + _EO_AHEAD
    + r")|(?<!:)\s+(?=TAGS?\s+[A-Za-z]{2,6}\b)|\s+(?=(?i:CLASSIFI?ED\s+BY)\b)"
)
SUBJECT_FIELD_SPLIT = re.compile(_FIELD_START)
# A handling statement run into the subject: `... ANOTHER CHILD Sensitive but unclassified`.
SUBJECT_STOP = re.compile(
    r"\s+(?i:(?:THIS\s+(?:MESSAGE|CABLE|TELEGRAM|DOCUMENT)\s+IS\s+)?SENSITIVE\s+BUT\b)|\s*\bSBU\s*-?\s*NOT\s+FOR\b"
)
# A page header flattened into a line: `UNCLASSIFIED PAGE 02 ROME 01059 01 OF 04 281501Z`,
# `OTTAWA 00000918 001.2 OF 003`.
FLAT_PAGE_HEADER = re.compile(
    r"(?:\b(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|S\s?E\s?C\s?R\s?E\s?T|LIMITED\s+OFFICIAL\s+USE)\s+)?"
    r"\bPAGE\s+\d{1,3}\s+(?:OF\s+\d{1,3}\s+)?[A-Z][A-Z .'\-]*?\s+\d{3,8}"
    r"(?:\s+\d{1,3}\s+OF\s+\d{1,3})?(?:\s+\d{6}Z)?"
    r"|\b[A-Z][A-Z'\-]*(?:\s[A-Z][A-Z'\-]*){0,3}\s+\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b"
)
_RULE_LINE = re.compile(r"^[-=_*~. ]{3,}$")
_EIGHT_DIGITS = re.compile(r"\d{8}")


def _may_hold_page_header(text: str) -> bool:
    """False when FLAT_PAGE_HEADER cannot match: its forms need `PAGE`, or `OF` and eight digits."""
    return "PAGE" in text or ("OF" in text and _EIGHT_DIGITS.search(text) is not None)


def may_hold_stop(s: str) -> bool:
    """False when SUBJECT_STOP cannot match in `s`: on an ASCII line it needs `SENSITIVE` (in any
    case) or `SBU`; outside ASCII, case folding has exceptions, so the expression decides."""
    if not ascii_like(s):
        return True
    return "SBU" in s or "SENSITIVE" in s.upper()


def find_stop(s: str) -> re.Match[str] | None:
    """`SUBJECT_STOP.search(s)`, run only where it can match."""
    return SUBJECT_STOP.search(s) if may_hold_stop(s) else None


def strip_page_headers(text: str, repl: str = " ") -> str:
    """`FLAT_PAGE_HEADER.sub(repl, text)`, the costly expression run only where it can match."""
    return FLAT_PAGE_HEADER.sub(repl, text) if _may_hold_page_header(text) else text


# Where a field keyword may start: every cut of FIELD_SPLIT (and SUBJECT_FIELD_SPLIT) looks ahead
# at one of these. A cut at the very start of a line only drops leading blanks, so a line with no
# keyword after its first character is one field: the costly split is run on the others only.
_KEYWORD_AHEAD = re.compile(
    r"(?i:E\.\s?O|EO\s*:?\s*1\d{4}|TAGS?\s*:|SUBJ(?:ECT)?\s*:|REF(?:S|\(S\)|TELS?|ERENCES?)?\s*:"
    r"|CLASSIFI?ED\s+BY)|TAGS?\s+[A-Za-z]{2,6}\b"
)


# The same test on an ASCII line in capitals, without `(?i)`: its alternatives then all start with a
# capital letter, and the expression engine skips to the next E, T, S, R or C instead of trying
# every alternative at every position (~1 µs instead of ~10 on a line of prose). It matches
# wherever _KEYWORD_AHEAD does on the line before its case was folded (and more: `tags pr`).
_KEYWORD_AHEAD_CAPS = re.compile(
    r"E\.\s?O|EO\s*:?\s*1\d{4}|TAGS?\s*:|SUBJ(?:ECT)?\s*:|REF(?:S|\(S\)|TELS?|ERENCES?)?\s*:"
    r"|CLASSIFI?ED\s+BY|TAGS?\s+[A-Z]{2,6}\b"
)


# Signs outside ASCII that are not letters, digits or blanks, and that upper-casing leaves alone:
# a line that holds no other character outside ASCII folds its case as an ASCII line does.
_NEUTRAL = "¶§°’‘“”–—"


def ascii_like(s: str) -> bool:
    """True when `s` is ASCII but for signs such as `¶` and curly quotes: upper-casing it changes
    no length, and `(?i)` matches its letters as ASCII letters (unlike `ſ`, `İ`, `ı`, `K`)."""
    if s.isascii():
        return True
    for c in _NEUTRAL:  # (str.translate with a table is slower than these replacements)
        s = s.replace(c, "")
    return s.isascii()


def may_hold_keyword(s: str) -> bool:
    """False when no field keyword starts after the first character of `s` (so no cut but at the
    start). On an ASCII line the cheap test on its capitals rules most lines out first; case folding
    outside ASCII has exceptions (`ſ`, `İ`), so other lines take the full expression alone."""
    start = 1
    if s.isascii() or ascii_like(s):  # (the common case asked first, without a call)
        u = s.upper()
        rest = u[1:]  # each alternative of the test in capitals holds one of these, from its start
        if not (
            "E." in rest
            or "EO" in rest
            or "TAG" in rest
            or "SUBJ" in rest
            or "REF" in rest
            or "CLASSI" in rest
        ):
            return False
        m = _KEYWORD_AHEAD_CAPS.search(u, 1)
        if m is None:
            return False
        start = m.start()  # no keyword starts before the first place the test in capitals found
    return _KEYWORD_AHEAD.search(s, start) is not None


def split_keywords(s: str, no_keyword_after_start: bool = False) -> list[str]:
    """`FIELD_SPLIT.split(s)`, the costly expression run only where it may cut after the first
    character: every cut looks ahead at a keyword, so without one after the first character the
    only cut is an empty one at the very start (`TAGS: PREL`, which `split` gives as `["", s]`).
    A caller that found `may_hold_keyword(s)` False says so with `no_keyword_after_start`."""
    if not no_keyword_after_start and may_hold_keyword(s):
        return FIELD_SPLIT.split(s)
    return ["", s] if FIELD_SPLIT.match(s) else [s]


def split_fields(s: str, loose: bool = True) -> list[str]:
    """`SUBJECT: TALKS WITH EGYPTREF: CAIRO 123` -> [`SUBJECT: TALKS WITH EGYPT`, `REF: CAIRO 123`]."""
    if not may_hold_keyword(s):
        return [s.strip()] if s.strip() else []
    pieces = (FIELD_SPLIT if loose else SUBJECT_FIELD_SPLIT).split(s)
    return [p.strip() for p in pieces if p and p.strip()]


def is_rule_line(s: str) -> bool:
    """`-----------`, `=====`: a rule under a heading, never part of a field."""
    return (
        len(s) >= 3
        and s[0] in _RULE_SIGNS  # (the expression's first character: no other passes it)
        and _RULE_LINE.match(s) is not None
        and any(c in s for c in "-=_*~")
    )


_RULE_SIGNS = "-=_*~. "


_LOWER = bytes(range(ord("a"), ord("z") + 1))
_UPPER = bytes(range(ord("A"), ord("Z") + 1))


def _ascii_case_counts(s: str) -> tuple[int, int]:
    """(lower-case letters, capitals) of an ASCII line, counted in C: its only letters are a-z, A-Z."""
    b = s.encode("ascii")
    return len(b) - len(b.translate(None, _LOWER)), len(b) - len(b.translate(None, _UPPER))


def mostly_lower(s: str) -> bool:
    """A sentence in mixed case (`Welcome to Cairo.`), not a line in capitals."""
    if s.isascii():
        lower, upper = _ascii_case_counts(s)
        return lower + upper >= 8 and lower > (lower + upper) // 2
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 8 and sum(c.islower() for c in letters) > len(letters) // 2


def mostly_upper(s: str) -> bool:
    if s.isascii():
        lower, upper = _ascii_case_counts(s)
        return lower + upper > 0 and upper >= 0.8 * (lower + upper)
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def join_wrapped(lines: list[str]) -> str:
    """Lines of a field joined with single spaces; a word hyphenated at the line end is joined back
    (`US-` + `LATIN` -> `US-LATIN`)."""
    out = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if out and len(out) > 1 and out.endswith("-") and out[-2].isalnum():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


# -- TAGS ------------------------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CODE_SHAPE = re.compile(r"^(?:[A-Z]{2}|K[A-Z]{3}|[ABCELMOPST][A-Z]{3})$")
_TAG_SHAPE = re.compile(r"^[A-Z]{2,6}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
TAG_CAPTIONS = frozenset({"SIPDIS", "NODIS", "EXDIS", "LIMDIS", "NOFORN", "STADIS"})


@cache
def _known_codes() -> frozenset[str]:
    from cablecli.reference.tags import _country_table, _tag_table

    return frozenset(_tag_table()) | frozenset(_country_table())


def is_code(word: str) -> bool:
    """A TAGS code by the reference tables or by its shape (country, program, subject)."""
    # The shape first: a word of a code's shape needs no table (and a parse whose TAGS hold only such
    # words does not load the reference tables).
    return _CODE_SHAPE.match(word) is not None or word in _known_codes()


def _is_phrase_word(word: str) -> bool:
    """A word of a free-text keyword (`COUNTRY`, `CLEARANCE`), not a code."""
    return not is_code(word) and len(word) >= 5 and word.isalpha()


def cut_tags_text(raw: str) -> str:
    """The TAGS text up to a page header flattened into it."""
    u = raw.upper()
    m = FLAT_PAGE_HEADER.search(u) if _may_hold_page_header(u) else None
    return raw[: m.start()] if m else raw


def parse_tags(raw: str) -> list[str]:
    """`[PGOV](#) [PREL](#)`, `PGOV, PREL`, `pgov prel`, `OVIP (CLINTON, HILLARY)` -> list of tags.

    A person in parentheses is a tag of its own after the subject tag (`OVIP`, `CLINTON, HILLARY`);
    `SURNAME, GIVEN` is one tag; a run of words that are not codes (`COUNTRY CLEARANCE`) is one
    keyword; in a list separated by commas an item with such words is kept whole. A line break
    always separates. Caption words (`SIPDIS`) and what follows a flattened page header are not tags.
    """
    text = cut_tags_text(_MD_LINK.sub(r"\1", raw) if "[" in raw else raw).upper().replace(";", ",")
    if "(" not in text and ")" not in text and "\n" not in text:
        # The common case, a line of codes: without parentheses or line breaks the items are the
        # words between blanks and commas, and when every word is a code no rule below joins two.
        words = [
            w for w in (t.strip(".:") for t in text.replace(",", " ").split()) if w and w not in TAG_CAPTIONS
        ]
        if all(is_code(w) for w in words):
            return list(dict.fromkeys(words))
    return _tag_items(text)


def _tag_items(text: str) -> list[str]:
    """parse_tags on the text in capitals, `;` written as `,`: the items, then the tags of each."""
    comma_list = "," in text
    # Items: (words, person) where person is a name in parentheses; "\n" and "," separate items.
    items: list[tuple[list[str], bool, bool]] = []  # (words, in parentheses, after a comma on the line)
    words: list[str] = []
    after_comma = False

    def flush(next_after_comma: bool) -> None:
        nonlocal words, after_comma
        if words:
            items.append((words, False, after_comma))
        words = []
        after_comma = next_after_comma

    for m in re.finditer(r"\(([^()]*)\)?|\n|,|[^\s,()]+", text):
        token = m.group(0)
        if token.startswith("("):
            flush(False)
            name = " ".join(m.group(1).replace(" ,", ",").split()).strip(" ,")
            if name:
                items.append(([name], True, False))
            continue
        if token == "\n":
            flush(False)
            continue
        if token == ",":
            flush(True)
            continue
        token = token.strip(".:")
        if token and token not in TAG_CAPTIONS:
            words.append(token)
    flush(False)
    tags: list[str] = []
    for k, (ws, in_parens, comma_before) in enumerate(items):
        if in_parens:
            tags.append(ws[0])
            continue
        prev = items[k - 1] if k else None
        if (
            comma_before
            and prev is not None
            and not prev[1]
            and len(prev[0]) == 1
            and tags
            and tags[-1] == prev[0][0]
            and _is_surname(prev[0][0])
            and _is_given(ws)
        ):
            tags[-1] = f"{tags[-1]}, {' '.join(ws)}"  # SURNAME, GIVEN
            continue
        if comma_list and len(ws) > 1 and 2 * sum(not is_code(w) for w in ws) > len(ws):
            tags.append(" ".join(ws))  # `PM ECONOMIC AFFAIRS` between commas
            continue
        run: list[str] = []
        for w in [*ws, ""]:
            if w and not is_code(w):
                run.append(w)
                continue
            if len(run) > 1 and any(_is_phrase_word(x) for x in run):
                tags.append(" ".join(run))  # `ECONOMY AND FINANCE`
            else:
                tags.extend(run)
            run = []
            if w:
                tags.append(w)
    return list(dict.fromkeys(t for t in tags if t))


def _is_surname(word: str) -> bool:
    return (
        not is_code(word) and not _TAG_SHAPE.match(word) and word.replace("-", "").replace("'", "").isalpha()
    )


def _is_given(words: list[str]) -> bool:
    """`JAMES`, `JAMES B.`, `J. ROBERT`: given names and initials, not a phrase (`GOI EXTERNAL`)."""
    if not words or len(words) > 3:
        return False
    names = [w for w in words if not _INITIAL.match(w)]
    return len(names) <= 1 and all(w.rstrip(".").replace("-", "").isalpha() for w in names)
