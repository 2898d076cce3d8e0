"""The REF block: its items, their labels, and the cables they cite.

Labels come in many forms (`A.`, `A)`, `(A)`, `[A]`, `A:`, `A.)`, `(1)`, a bare `A`, doubled as
`A. (A)`); items may also be separated only by `;`, `:`, double spaces or line breaks. Each cited
cable is found by its shape, `[year] OFFICE serial [(year)]`, so that one malformed item does not
void the list.
"""

from __future__ import annotations

from functools import cache

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Reference
from cablecli.parse.fields import find_stop, strip_page_headers
from cablecli.parse.ids import MONTH_WORDS, canonical_office, full_year, make_reference_id

# A cited cable: a year before (`08`, `2008`, `'08`, `(08)`, `08-`, glued `08STATE`), office words,
# the serial, a year after (`ROME 12 (08)`). Nothing may continue the serial (`3/4`, `1.4`, `021601Z`).
_CITATION = re.compile(
    r"(?<![A-Z0-9'’])"
    r"(?:(?P<pre>(?:19|20)\d\d|['’]?\d\d|\(\d\d\))[\s-]*)?"
    r"(?P<office>[A-Z][A-Z'’.&-]*[A-Z]\.?(?:\s+[A-Z][A-Z'’.&-]*[A-Z]\.?){0,5})"
    r"\s*[:-]?\s*(?P<serial>\d{1,7})"
    r"(?:\s*\((?P<post>(?:19|20)\d\d|\d\d)\))?"
    r"(?![\w/%]|[.:,\-]\d|\s*Z\b)"
)
# More serials of the same office: `BRASILIA 2799 AND 2764`, `STATE 12, 34`.
_MORE = re.compile(
    r"\s*(?:,|&|AND)\s*(\d{1,7})"
    r"(?![\w/%]|[.:,\-]\d|\s*(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
    r"|\s*-?\s*(?!AND\b)[A-Z][A-Z'’.&-]*[A-Z](?:\s+[A-Z][A-Z'’.&-]*[A-Z]){0,5}\s*[:-]?\s*\d)"
)
_STOP_WORDS = frozenset(
    {
        "DTG", "MSG", "EMAIL", "E-MAIL", "MAIL", "POINTS", "REPORT", "MEMO", "MEMCON", "TELCON", "LETTER",
        "FAX", "PARA", "PARAS", "PARAGRAPH", "SECTION", "PAGE", "NOTE", "DATED", "DTD", "ON", "AND", "TO",
        "FROM", "IN", "NO", "NUMBER", "DAILY", "BRIEFING", "RESOLUTION", "UNSCR", "TREATY", "ARTICLE",
        "CODEL", "LAW", "DECREE", "USC", "ACT", "PUBLIC", "EO", "E.O.", "FY", "EXCHANGE", "OF", "REF", "REFS",
        "REFTEL", "REFTELS", "SEE", "ALSO", "AS", "AT", "THE", "FOR", "BY", "WITH", "OR", "PREVIOUS",
        "NOTAL", "CIRCULAR", "TEL", "TELEGRAM", "CABLE", "DEPTEL", "EMBTEL", "PRIORITY", "IMMEDIATE",
        "ROUTINE", "LINE", "ITEM", "ANNEX", "VOL", "VOLUME", "CHAPTER", "TABLE", "ROOM", "PHONE", "TEL.",
        "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "PART", "PARTS", "STEP", "PHASE", "ROUND", "GROUP",
        "UNCLAS", "NO.", "NR", "NUM", "SERIAL", "CASE", "FILE", "ID", "EMBASSY", "CONSULATE", "POST",
        "YOUR", "OUR", "MY", "FAM", "FAH", "CFR", "INA", "IIR", "STAT", "PL", "HR", "SEC", "TITLE", "RES",
    }
)  # fmt: skip
# Offices as cited that the reference id writes otherwise (the id keeps the post's full name).
_CITED_ALIASES = {
    "HAGUE": "THEHAGUE", "UNVIE": "UNVIEVIENNA", "USUN": "USUNNEWYORK", "USUNNY": "USUNNEWYORK",
    "USEU": "USEUBRUSSELS", "HCMC": "HOCHIMINHCITY", "HOCHIMINH": "HOCHIMINHCITY", "RIO": "RIODEJANEIRO",
    "SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "DEPT": "STATE", "DEPTSTATE": "STATE",
    "STATEDEPT": "STATE",
    "USINTHAVANA": "HAVANA", "MEXICOCITY": "MEXICO", "UNMISSIONGENEVA": "GENEVA",
    "USMISSIONGENEVA": "GENEVA", "USMISSIONUSNATO": "USNATO", "USMISSIONUSOSCE": "USOSCE",
}  # fmt: skip
_STATION_PREFIX = re.compile(r"^(?:AMEMBASSY|AMCONSUL|USMISSION|AMCONGEN|USOFFICE|USLO|AMEMB)\s+")


@cache
def _known_offices() -> frozenset[str]:
    """Offices of known posts as reference ids write them (`THEHAGUE`, `SAOPAULO`, `STATE`)."""
    from cablecli.reference.stations import routing_indicators

    known = {"STATE", "HAVANA", "TAIPEI"}
    for name in routing_indicators().values():
        if "COLLECTIVE" in name or "WASH" in name:
            continue
        known.add(canonical_office(_STATION_PREFIX.sub("", name)))
    return frozenset(known)


def _office(words: list[str]) -> str | None:
    """The office named by the words before a serial, or None when they do not name one.

    The words after any that cannot be part of an office (`REF`, `AND`, a month) name it whole when
    they are one word, a known post (`PORT OF SPAIN`), or a known post with a qualifier before it
    (`CD GENEVA`, `AIT TAIPEI`, `USAU ADDIS ABABA`, as reference ids write them).
    """
    words = [w.strip(".'’") for w in words][-8:]
    if len(words) == 1 and len(words[0]) >= 3 and words[0] not in _STOP_WORDS and words[0] not in MONTH_WORDS:
        # One word names the office whether or not it is a known post (both ways below give this),
        # so the table of posts is not needed (nor loaded, for a cable citing one-word offices).
        office = canonical_office(words[0])
        return _CITED_ALIASES.get(office, office)
    return _office_by_table(words)


def _office_by_table(words: list[str]) -> str | None:
    """_office on the words stripped and cut to the last eight, with the table of posts."""
    known = _known_offices()
    for j in range(len(words)):
        tail = canonical_office(" ".join(words[j:]))
        if _CITED_ALIASES.get(tail, tail) in known:
            q = j
            while q > 0 and j - q < 2 and words[q - 1] not in _STOP_WORDS and words[q - 1] not in MONTH_WORDS:
                q -= 1
            office = canonical_office(" ".join(words[q:]))
            return _CITED_ALIASES.get(office, office)
    k = len(words)
    while k > 0 and words[k - 1] not in _STOP_WORDS and words[k - 1] not in MONTH_WORDS:
        k -= 1
    if len(words) - k != 1 or len(words[k]) < 3:
        return None
    office = canonical_office(words[k])
    return _CITED_ALIASES.get(office, office)


def _year(written: str | None, citing_year: int | None) -> int | None:
    if written is None:
        return citing_year
    digits = written.strip("()'’")
    return int(digits) if len(digits) == 4 else full_year(int(digits))


def _upper(s: str) -> str:
    u = s.upper()
    return u if len(u) == len(s) else "".join(c.upper() if len(c.upper()) == 1 else c for c in s)


def find_citations(text: str, citing_year: int | None) -> list[tuple[int, int, str | None]]:
    """Every cable cited in the text: (start, end, reference id or None when no year is known)."""
    u = re.sub(r"(?<![A-Z0-9])O(\d)(?=[\s-]*[A-Z]{2})", r"0\1", _upper(text))  # `O4 CHENNAI`: a letter O
    found: list[tuple[int, int, str | None]] = []
    pos = 0
    while True:
        m = _CITATION.search(u, pos)
        if not m:
            break
        pos = m.end()
        office = _office(m.group("office").split())
        if office is None:
            continue
        written = m.group("post") or m.group("pre")
        year = _year(written, citing_year)
        start = m.start() if m.group("pre") else m.start("office")
        found.append((start, m.end(), make_reference_id(year, office, m.group("serial")) if year else None))
        while more := _MORE.match(u, pos):
            pos = more.end()
            found.append(
                (more.start(1), more.end(), make_reference_id(year, office, more.group(1)) if year else None)
            )
    return found


def cited_reference_id(text: str, citing_year: int | None) -> str | None:
    """The canonical id of the cable a REF item names first, or None for a non-cable reference."""
    found = find_citations(text, citing_year)
    return found[0][2] if found else None


# Labels: `A.`, `A.ROME`, `A)`, `A:`, `A.)`, `(A)`, `[A]`, `(1)`, `1.`, a bare `A` followed by a word; `D.01`
# (the year glued to the label).
_LABEL = re.compile(
    r"(?:^|(?<=[\s;,:¶]))"
    r"(?:\((?P<p>[A-Z]|\d{1,2})\)|\[(?P<b>[A-Z]|\d{1,2})\]"
    r"|(?P<d>[A-Z])\s?[.):]\)?(?=\s|\d|\(|$|(?<=\.)[A-Z]{3})|(?P<n>\d{1,2})[.)](?=\s)"
    r"|(?P<e>[A-Z])(?=\s+(?:['’]?\d|[A-Z]{2})))"
)
_LEADING_REF = re.compile(r"^\s*(?:REF(?:S|\(S\)|TELS?|ERENCES?)?\b\s*:?\s*)+")


def _labels(u: str) -> list[tuple[int, int, str]]:
    """The labels of a lettered (or numbered) list in order: (start, end, label)."""
    out: list[tuple[int, int, str]] = []
    expected: str | None = None
    bare_ok = False
    for m in _LABEL.finditer(u):
        label = m.group("p") or m.group("b") or m.group("d") or m.group("n") or m.group("e")
        bare = m.group("e") is not None
        if expected is None:
            if label not in ("A", "1") or (bare and m.start() > 0):
                continue
            bare_ok = bare
        elif label != expected:
            near = bool(out) and label == out[-1][2] and m.start() - out[-1][1] <= 6
            if near and not u[out[-1][1] : m.start()].replace("REF", "").strip():
                out[-1] = (out[-1][0], m.end(), label)  # doubled: `A. (A) ROME 12`, `A. REF A ROME 12`
            continue
        if bare and not bare_ok:
            continue
        out.append((m.start(), m.end(), label))
        expected = chr(ord(label) + 1) if label.isalpha() else str(int(label) + 1)
    return out


def _clean(raw: str) -> str:
    text = raw.replace("¶", " ").replace("\\n", "\n")  # a line break written as `\n`
    text = strip_page_headers(text)
    stop = find_stop(text)  # `... This message is Sensitive but Unclassified`
    if stop:
        text = text[: stop.start()]
    return _LEADING_REF.sub("", text)


def parse_references(raw: str, year: int | None) -> list[Reference]:
    """A REF block -> references: lettered (`A. STATE 1234 B. 08 BAKU 155`), listed or single."""
    text = _clean(raw)
    u = _upper(text)
    labels = _labels(u)
    refs: list[Reference] = []
    if labels and labels[0][0] > 0 and text[: labels[0][0]].strip(" \n:;,.-"):
        refs.extend(_items(None, text[: labels[0][0]], year))  # text before `A.`
    if labels:
        for k, (_, end, label) in enumerate(labels):
            stop = labels[k + 1][0] if k + 1 < len(labels) else len(text)
            refs.extend(_items(label, text[end:stop], year))
        return refs
    return _items(None, text, year)


def _tidy(s: str) -> str:
    return " ".join(s.split()).strip(" ;,:").strip()


def _items(label: str | None, text: str, year: int | None) -> list[Reference]:
    """One labelled item (or the whole unlabelled block) -> one reference per cited cable, or one
    reference without an id when it cites none."""
    found = find_citations(text, year)
    if not found:
        item = _tidy(text) if label else _tidy(text).rstrip(".").strip()
        return [Reference(label, item, None)] if item else []
    refs: list[Reference] = []
    lead = _tidy(text[: found[0][0]])
    for k, (start, end, rid) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else len(text)
        extra: list[str] = []
        if label is None and ";" in text[end:stop]:
            # `BRASILIA 1124; IIR 6 809 0156 10`: what follows a semicolon is an item of its own.
            cut = text.index(";", end)
            extra = [x for x in (_tidy(e) for e in text[cut + 1 : stop].split(";")) if x]
            stop = cut
        piece = _tidy(text[start:stop])
        if k + 1 < len(found) and not extra:
            piece = re.sub(r"\s*(?:,|&|\bAND)$", "", piece, flags=re.I).strip()
        if k == 0 and lead:
            if label is None and re.search(r"[;\n]\s*$", text[: found[0][0]]):
                refs.append(Reference(None, lead, None))  # a non-cable item before the first cable
            else:
                piece = f"{lead} {piece}"
        if k + 1 == len(found) and label is None and not extra:
            piece = piece.rstrip(".").strip()
        refs.append(Reference(label, piece, rid))
        for k2, e in enumerate(extra):
            refs.append(Reference(None, e.rstrip(".").strip() if k2 + 1 == len(extra) else e, None))
    return refs
