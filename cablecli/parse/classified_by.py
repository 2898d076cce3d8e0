"""The `Classified By` line: who classified the cable (name, title) and under which reasons.

The line is written in many ways: `Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and
(d).`, `CLASSIFIED BY: Jane Roe, Political Counselor, State; REASON: 1.4(B), (D)`, `Classified By:
Acting Pol/Econ Counselor:Jane Roe, reasons 1.4 (b,d)`, and inside paragraph 1 in older cables:
`1. (U) CLASSIFIED BY JOHN ROE, DCM. REASON: 1.5 (D).` Titles are often misspelt or abbreviated
(`Ambasador`, `COUNS.`, `ECMIN`, `LTC`), the name may come first, and archives wrap the line at a
fixed width, sometimes in the middle of a word.

Reading it: join the wrapped lines, cut the reasons and authority tail off at its first sign (a
section number `1.4`, `E.O. 12958`, a word like `reasons` even misspelt), then split the words left
into title and name by their shape: a vocabulary of title words and abbreviations (matched with
a tolerance for misspellings), acronyms, capitalised name words, initials and suffixes (`Jr.`);
that split is in `classified_by_names`. This module reads the line as a whole and finds it: in
the preamble, run into a flattened line, or inside paragraph 1.
"""

from __future__ import annotations

from functools import lru_cache

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import ClassifiedBy
from cablecli.parse.classified_by_names import _FUZZY_TITLES, _TITLES, _distance, _name_and_title, _strip_end
from cablecli.parse.pages import is_page_break

# The keyword, possibly repeated (`Classified By: Classfied By: ...`) after portion marks, a
# paragraph number or `This message classified by`.
_LEAD = re.compile(
    r"\s*(?:[:\-.]|\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)|¶?\s?\d{1,2}\s?\.(?!\d)"
    r"|THIS\s+(?:MESSAGE|CABLE|TELEGRAM)\s+(?:IS\s+|WAS\s+)?|CLA[A-Z]{0,4}F[A-Z]{0,4}E?D\s+BY\b)",
    re.I,
)
# Where the name and title end: the reasons and the authority.
_TAIL = re.compile(
    r"(?<![\d.])1\s?\.\s?\d(?!\d)|\b1\s\.\d\b|\bE\s?\.?\s?O\s?\.?\s*:?\s*1[23]\d{3}\b|\b1[23]\d{3}\b"
    r"|\bSEC(?:TIONS?|\.)?\s*:?\s*(?=1\s?\.\s?\d)|\bPARA(?:GRAPH)?\.?\s*(?=1\s?\.\s?\d)|¶",
    re.I,
)
_WORD = re.compile(r"[A-Za-z0]{4,8}")
# The section number of a reason: `1.4`, `1. 5`, `1 .4`, `14 (b)`. Every form starts with the digit 1,
# written first so that a search skips to each `1` at once; the checks on the character before it
# follow it (`(?<![\d.]1)` is `(?<![\d.])` before the 1, `(?<!\w1)` is `\b` before it).
_SECTION = re.compile(
    r"1(?:(?<![\d.]1)\s?\.\s?([45])(?!\d)\.?|(?<!\w1)\s\.([45])\b\.?|(?<!\w1)([45])(?=\s?\(\s?[A-Ha-h]\s?\)))"
)
# One step of the letters after a section number: `(b)`, `b`, `and`, `,`, `/`, `&`.
_LETTER_STEP = re.compile(
    r"\s*(?:\(\s*[A-Za-z]\s*\)?|\(?\s*(?<![A-Za-z'])[A-Za-z](?![A-Za-z'])\s*\)?|and\b|or\b|[,/&+;])", re.I
)
_LETTER = re.compile(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])")
_A_ND = re.compile(r"\ba\s+nd\b|\ban\s+d(?=\s)", re.I)  # `(b) a nd (d)`: `and` broken by a wrap


def parse_classified_by(raw: str) -> ClassifiedBy:
    """`Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).` -> name, title, reasons.

    `raw` is the line and the lines that continue it, as written (line breaks kept, so that a word
    the archive broke at its wrap width can be joined again)."""
    return read_classified_by(raw)[0]


def read_classified_by(raw: str) -> tuple[ClassifiedBy, str | None]:
    """As `parse_classified_by`, with what was uncertain about the name, if anything: several spans
    of name words, or a name cut from a longer span (`DAS for Central Asia Jane Roe`)."""
    text = " ".join(raw.split())
    joined = " ".join(join_wrapped(raw.split("\n")).split())
    body = joined[_lead_end(joined) :]
    who, tail = _split_tail(body)
    reasons = _reasons(tail)
    name, title, doubt = _name_and_title(who)
    return ClassifiedBy(name, title, tuple(reasons), text), doubt


def _lead_end(text: str) -> int:
    """The end of the keyword and what comes before it (`(U) Classified By: Classified by ...`)."""
    pos = 0
    while m := _LEAD.match(text, pos):
        if m.end() == pos:
            break
        pos = m.end()
    return pos


def _letter_run(text: str, pos: int) -> int:
    """The end of the run of reason letters that starts at `pos`."""
    while m := _LETTER_STEP.match(text, pos):
        if m.end() == pos:
            break
        pos = m.end()
    return pos


# -- wrapped lines ------------------------------------------------------------------------------------


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of a Classified By block into one, mending words broken at the wrap width.

    Archives wrap these lines at 71 characters. One form marks the wrap with a trailing space: a
    71-character line plus a space, followed by a line that does not start with a space, broke a
    word (`Charles O. Blah` + `a,`). The other form does not: a broken word is judged by the
    words on either side (`FO` + `R REASONS`, `Affair` + `s`). A hyphen at the end of a line
    (`rea-` + `sons`) is dropped when it split a known word."""
    out = ""
    for k, line in enumerate(lines):
        if k == 0:
            out = line.rstrip()
            continue
        prev = lines[k - 1]
        nxt = line.rstrip()
        if not nxt.strip():
            continue
        core = prev.rstrip()
        if out.endswith("-") and nxt[:1].isalpha():
            head = re.search(r"([A-Za-z]+)-$", out)
            tail = re.match(r"[A-Za-z]+", nxt)
            if head and tail and _known(head.group(1) + tail.group(0)):
                out = out[:-1] + nxt
            else:
                out += nxt
            continue
        if nxt[:1].isspace() or not core or not (core[-1:].isalnum() or core[-1:] in "(."):
            out += " " + nxt.strip()
            continue
        if len(core) >= 71 and prev.endswith(" ") and len(prev) - len(core) == 1 and _may_join(core, nxt):
            out += nxt  # the archive's wrap with a trailing space: a broken word
            continue
        if len(prev) >= 70 and not prev.endswith(" ") and _broken_word(core, nxt):
            out += nxt
            continue
        out += " " + nxt.strip()
    return out


def _wrap_halves(before: str, after: str) -> tuple[str, str] | None:
    """The letters that end `before` and begin `after`: the two halves of a word a wrap may have broken."""
    head = re.search(r"[A-Za-z]+$", before)
    tail = re.match(r"[A-Za-z]+", after)
    return (head.group(0), tail.group(0)) if head and tail else None


def _may_join(before: str, after: str) -> bool:
    """False when the wrap fell between two words after all (`(b and` + `d)`, `GRAPPO` + `FOR`)."""
    halves = _wrap_halves(before, after)
    if halves is None:
        return True
    a, b = halves
    return _known(a + b) or not (_known(b) or (_known(a) and len(b) == 1))


def _broken_word(before: str, after: str) -> bool:
    halves = _wrap_halves(before, after)
    if halves is None:
        return False
    a, b = halves
    if _known(a + b) and not (_known(a) and _known(b)):
        return True
    return b[0].islower() and not _known(b) and not _known(a) and a[-1].isalpha()


_COMMON = frozenset(
    {"FOR", "REASON", "REASONS", "AND", "PER", "UNDER", "BASED", "DUE", "SECTION", "ON", "TO"}
)


def _known(word: str) -> bool:
    w = word.upper()
    return w in _COMMON or w in _TITLES or w in _FUZZY_TITLES or _is_reason_word(w)


# -- the tail: reasons and authority -----------------------------------------------------------------


@lru_cache(maxsize=8192)
def _is_reason_word(word: str) -> bool:
    w = word.upper().replace("0", "O")
    if w in ("REASON", "REASONS"):
        return True
    return w[:1] == "R" and len(w) >= 5 and min(_distance(w, "REASON"), _distance(w, "REASONS")) <= 1


def _split_tail(body: str) -> tuple[str, str]:
    """`Ambassador Anne E. Derse for reasons 1.4 (b) and (d).` -> the who part and the reasons part."""
    cut = len(body)
    m = _TAIL.search(body)
    if m:
        cut = m.start()
    for w in _WORD.finditer(body, 0, cut):
        if _is_reason_word(w.group(0)) and (w.start() == 0 or not body[w.start() - 1].isalpha()):
            end = w.end()
            if end == len(body) or not body[end].isalpha():
                cut = w.start()
                break
    who, tail = body[:cut], body[cut:]
    # What joins the name to the reasons: `for`, `per`, `under`, `based on`, `due to`, `F0R`, `-`.
    while True:
        # Each joining word ends in one of these letters, before blanks and the end: without one
        # there, the expression cannot match (no other character matches them, case-blind).
        joins = who.rstrip()[-1:] in _JOIN_LAST
        stripped = (
            who
            if not joins
            else re.sub(
                r"(?:\s|^)(?:F[O0]R|PER|UNDER|BASED(?:\s+(?:[O0]N|UPON))?|DUE\s+TO|ACCORDING\s+TO|IAW|IN\s+ACCORDANCE\s+WITH"
                r"|AS\s+PER|CITING|PURSUANT\s+TO)\s*$",
                "",
                who,
                flags=re.I,
            )
        )
        stripped = _strip_end(stripped.rstrip(" ,;:-("))
        if stripped == who:
            break
        who = stripped
    return who, tail


_JOIN_LAST = "RrDdNnOoWwHhGg"  # for, per, under, based, on, upon, to, iaw, with, citing


def _reasons(tail: str) -> list[str]:
    """`reasons 1.4 (b) and (d)` -> ["1.4(b)", "1.4(d)"]; `1.5 B,D.`; `1.4 (B/D)`; `1.4(G)(E)`."""
    tail = _A_ND.sub("and", tail)
    reasons: list[str] = []
    for m in _SECTION.finditer(tail):
        section = "1." + (m.group(1) or m.group(2) or m.group(3))
        for letter in _LETTER.findall(tail[m.end() : _letter_run(tail, m.end())]):
            low = letter.lower()
            if low in "abcdefgh":
                r = f"{section}({low})"
                if r not in reasons:
                    reasons.append(r)
    return reasons


# -- where the line is found ---------------------------------------------------------------------------

_INLINE = re.compile(
    r"(?:^|(?<=\s))(?:\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*)?CLASSI?FI?ED\s+BY\b(\s*:)?", re.I
)
_PARAGRAPH_AFTER = re.compile(r"\s(?=¶\s*\d|\d{1,2}\s?\.\s+\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s)")


def inline_classified_by(line: str) -> list[str] | None:
    """A flattened preamble line with the Classified By text inside it or running on into paragraph 1
    -> its pieces: the text before (`REF: ROME 123`), the Classified By text, the paragraph
    (`¶1. (U) This ...`); None when the line has no such piece to split off."""
    m = _INLINE.search(line)
    if not m:
        return None
    before = line[: m.start()].strip()
    rest = line[m.start() :]
    if before and not m.group(1) and not _SECTION.search(rest):
        return None  # `... was classified by the ministry` is prose
    pieces = [before] if before else []
    p = _PARAGRAPH_AFTER.search(rest)
    if p:
        pieces += [rest[: p.start()].strip(), rest[p.end() :].strip()]
    else:
        pieces.append(rest.strip())
    return pieces if len(pieces) > 1 else None


# 1990s cables put the classification authority in paragraph 1: `1. (U) CLASSIFIED BY JOHN ROE, DCM.
# REASON: 1.5 (D).` or `1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY: ...`.
_PARA_ONE = re.compile(r"^\s*(?:¶\s*)?1\s?\.(?!\d)")
_NEXT_PARAGRAPH = re.compile(r"^\s*(?:¶\s*)?\d{1,3}\s?\.(?!\d)")
_SENTENCE_START = re.compile(
    r"(?:^|[.);:]\s+|-\s*|^\s*(?:¶\s*)?\d{1,2}\s?\.\s*(?:\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*)?)"
    r"(CLASSI?FI?ED\s+BY\b)"
)
_REASON_SIGN = re.compile(r"(?<![\d.])1\s?\.\s?[2-6](?!\d)|\bREASONS?\b|\b1[23]\d{3}\b", re.I)
_LOOK_LINES = 60


def classified_by_in_body(lines: list[str], start: int) -> str | None:
    """The Classified By text inside paragraph 1 (or a `Classified By:` line before it), from line
    `start` on; None when paragraph 1 has none. The text runs to the end of the reasons or, without
    them, to the end of the paragraph."""
    n = min(len(lines), start + _LOOK_LINES)
    i = start
    while i < n and not _PARA_ONE.match(lines[i]):
        if CLASSIFIED_BY_LINE.match(lines[i].strip()):
            break
        i += 1
    if i >= n:
        return None
    para = [lines[i]]
    j = i + 1
    while j < n and lines[j].strip() and not _NEXT_PARAGRAPH.match(lines[j]):
        para.append(lines[j])
        j += 1
    flat = " ".join(" ".join(para).split())
    m = _sentence_start(flat.upper())
    if not m:
        return None
    found = flat[m.start(1) :]
    if ":" not in found[:20] and not _REASON_SIGN.search(found):
        return None  # `1. Classified by the ministry as secret, the report ...` is prose
    end = _reasons_end(found)
    return found[:end].strip() if end else found.strip()


def _sentence_start(u: str) -> re.Match[str] | None:
    """`_SENTENCE_START.search(u)` on a paragraph written on one line with single spaces, without
    trying every position: the keyword starts with `CLASS`; a match either starts the text or starts
    at most two characters before the keyword (`. `, `- `, `-`). So the search may begin two
    characters before the first `CLASS` once no match starts the text. (Single spaces: the text
    was split on the blanks the expression knows, and upper-casing makes no blank.)"""
    k = u.find("CLASS")
    if k < 0:
        return None
    if k <= 2:
        return _SENTENCE_START.search(u)
    return _SENTENCE_START.match(u) or _SENTENCE_START.search(u, k - 2)


CLASSIFIED_BY_LINE = re.compile(
    r"^(?:\(\s*[A-Z]{1,4}(?:/{1,2}[A-Z]+)?\s*\)\s*)?CLASSI?FI?ED\s+BY\b\s*:", re.I
)


def _reasons_end(text: str) -> int | None:
    """Where the reasons of a Classified By text end (after the letters and a full stop)."""
    m = _SECTION.search(text)
    if not m:
        return None
    end = _letter_run(text, m.end())
    if text[end : end + 1] == ".":
        end += 1
    return end


def classified_by_continues(lines: list[str], i: int, block: list[str]) -> int | None:
    """After a blank line in a Classified By block: the line where the block goes on, past page
    headers and banners, when its reasons are still to come (`CLASSIFIED BY AMBASSADOR JANE ROE.`,
    a page break, `REASONS: 1.5 (B) AND (D).`) or a word broken at the wrap goes on (`FOR REA`,
    a blank line, `SONS 1.4 ...`); None when the block ends."""
    if not block or _SECTION.search(" ".join(block)):
        return None
    n = len(lines)
    j, looked = i, 0
    while j < n and looked < 8 and (not lines[j].strip() or is_page_break(lines[j].strip())):
        j += 1
        looked += 1
    if j >= n or looked >= 8 or _NEXT_PARAGRAPH.match(lines[j]):
        return None
    s = lines[j].strip()
    word = re.match(r"[A-Za-z0]+", s)
    if word and _is_reason_word(word.group(0)) or _SECTION.match(s):
        return j
    last = block[-1]
    wrapped = len(last.rstrip()) >= 71 and last.endswith(" ")
    if wrapped and looked == 0 and word and _broken_word(last.rstrip(), s):
        return j
    return None
