"""The signature: the name in capitals that ends a cable's text (`DERSE`, `SMITH / JONES`, or run
into the last line: `... End Comment. PEDERSON`), found from the end, past the banners, end marks
and archive notes that may follow it.
"""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.parse.body_lines import _FOOTER, PARAGRAPH, _is_address, is_rule
from cablecli.parse.pages import is_page_break

_SIGNER = re.compile(
    r"^[A-Z][A-Z'\-]*(?:\.? [A-Z][A-Z'\-]*\.?){0,3}(?:\s*/\s*[A-Z][A-Z'\-]*(?:\.? [A-Z][A-Z'\-]*){0,3})*$"
)
_NOT_SIGNERS = frozenset({"END", "BT", "NNNN", "SIPDIS", "SUMMARY", "COMMENT", "UNCLASSIFIED", "CONFIDENTIAL",
                          "SECRET", "NOFORN", "END SUMMARY", "END COMMENT", "END NOTE", "BACKGROUND",
                          "CONCLUSION", "ACTION REQUEST", "NEXT STEPS"})  # fmt: skip
_TITLE_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?$")
# Lines that may follow the signature: banners, end-of-message marks, archive notes.
_TRAILER = re.compile(
    r"(?i)^(?:bt|nnnn|sipdis|[.>#*\-]+|gp-\d|end\s+(?:of\s+)?cable(?:\s+text)?"
    r"|declassified\s*/\s*released\b.*|(?:eo\s+)?systematic\s+review\b.*|review\s+\d{1,2}\s+[a-z]{3}\s+\d{2,4}"
    r"|\d{2,4}[a-z]+\d+\s*-\s*[a-z ]+"  # an archive line: `2004ROME01234 - UNCLASSIFIED`
    r")\s*$"
)
# A classification banner: `CONFIDENTIAL`, `SECRET//NOFORN`, `LIMITED OFFICIAL USE`, `UNCLAS SIPDIS`.
_BANNER_WORDS = frozenset(
    "UNCLAS UNCLASSIFIED CONFIDENTIAL SECRET TOP LIMITED OFFICIAL USE SENSITIVE BUT FOR ONLY EYES "
    "NOFORN NODIS EXDIS LIMDIS SIPDIS ORCON FOUO SBU NF REL".split()
)
_BANNER_SPLIT = re.compile(r"[\s/,]+")
_OC_NOTE = re.compile(r"(?i)^note\s+by\s+oc\s*/?\s*t\b")
# A signature at the end of the last line of text: `... End Comment. PEDERSON`, `CONSIDERED.  EAGLETON`.
_SIGNER_AFTER = re.compile(
    r"(?P<before>.*\S)(?P<gap>\s+)"
    r"(?P<name>[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2}|[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\.?$"
)
_CLOSING = re.compile(
    r"(?i)(?:\bend\s+(?:of\s+)?(?:comments?|text|summary|note|message)|\bminimize\s+considered|\bgp-\d)"
    r"[.)]*$"
)
# A closing phrase before the name on a line in capitals: `END COMMENT. DURAND`, `GP-3. DURAND`.
_CLOSED_BY = re.compile(
    r"^(?:END (?:OF )?(?:COMMENTS?|TEXT|SUMMARY|NOTE|MESSAGE)|MINIMIZE CONSIDERED|GP-\d)\.? "
)
_NOT_SIGNER_WORDS = frozenset(
    "THANKS REGARDS END NOTE BT OK YES NO NONE TEXT SIPDIS NNNN PAGE STATE ENDS FIN CHEERS BEST TBD UNQUOTE "
    "ENDIT".split()
) | {"THANK YOU", "END TEXT", "END NOTE", "END QUOTE"}


def _is_trailer(s: str) -> bool:
    """A line that may follow the signature and is not it: a banner, `NNNN`, an archive note."""
    if _FOOTER.match(s) or s.startswith("#") or is_page_break(s):
        return True
    if len(s) > 90:
        return False
    if s[0].islower() and len(s) > 8 and s[1] == " " and s[3] == " ":
        s = s.replace(" ", "")  # `c o n f i d e n t i a l`, as some archives print the banner
    words = _BANNER_SPLIT.split(s.upper().strip(" /,"))
    if words[0] in _BANNER_WORDS and all(
        w in _BANNER_WORDS or (len(w) in (2, 3) and w.isalpha()) for w in words
    ):
        return words[0] not in ("FOR", "BUT", "ONLY", "USE", "REL", "TOP") or len(words) > 1
    return bool(_TRAILER.match(s))


def find_signers(lines: list[str], start: int) -> tuple[list[str], int | None, str | None]:
    """The signature: the last line of text when it is a name in capitals (`DERSE`, `SMITH / JONES`).

    Banners, `NNNN`, `SIPDIS`, declassification and archive notes after it are set aside. The name
    may end the last line of text (`... End Comment. PEDERSON`): the third value is then the text
    before it, else None.
    """
    j = len(lines) - 1
    floor = max(start, j - 40)
    while j >= start:
        s = lines[j].strip()
        if not s or _is_trailer(s):
            j -= 1
            continue
        break
    # `NOTE BY OC/T: ...` (and its wrapped lines) closes some cables after the signature.
    for k in range(j, max(floor, j - 6) - 1, -1):
        if _OC_NOTE.match(lines[k].lstrip()):
            j = k - 1
            while j >= start and (not lines[j].strip() or _is_trailer(lines[j].strip())):
                j -= 1
            break
    if j < start:
        return [], None, None
    s = " ".join(lines[j].split()).rstrip(".#")
    prev = lines[j - 1].strip() if j - 1 >= start else ""
    if _TITLE_NAME.match(s) and (
        not prev or prev.endswith((".", "!", "?", '"', ")")) or _is_address(prev) or _is_trailer(prev)
    ):
        s = s.upper()  # `Murray` alone after a blank line or a sentence, as some posts sign
    if len(s) > 40 or not _SIGNER.match(s) or s in _NOT_SIGNERS or _CLOSED_BY.match(s) or _CLOSING.match(s):
        return _signer_after_text(lines[j].strip().rstrip(".#"), j)
    # A wrapped last line of an all-capitals paragraph is not a signature.
    if (
        prev
        and not prev.endswith((".", ":", "!", "?", '"', ")", "'", "#"))
        and not is_rule(prev)
        and not _is_trailer(prev)
        and not _is_address(prev)
    ):
        return [], None, None
    names = [n.strip() for n in s.split("/") if n.strip()]
    return names, j, None


def _signer_after_text(s: str, j: int) -> tuple[list[str], int | None, str | None]:
    """`... End Comment. PEDERSON`, `MINIMIZE CONSIDERED.  EAGLETON`: the name that ends the text."""
    if len(s) < 6 or not s[-1].isalpha():
        return [], None, None
    cut = max(0, len(s) - 60)  # the pattern looks at the end of the line only
    m = _SIGNER_AFTER.match(s, cut)
    if m is None:
        return [], None, None
    name = m.group("name").upper()
    if name in _NOT_SIGNER_WORDS or name in _NOT_SIGNERS or len(name) < 3 or "XXX" in name:
        return [], None, None
    before = s[: m.end("before")]
    # After a closing phrase (`End Comment.`) any name is a signature; after any other sentence, only
    # a name set apart by two spaces, or one in capitals after a sentence that is not.
    p = PARAGRAPH.match(before)
    if p is not None and p.end() >= len(before.rstrip()):
        return [], None, None  # `3. (C) More.`: a paragraph of one word
    titled = not m.group("name").isupper()
    if titled and not before.endswith((".", "!", "?", '"')):
        return [], None, None  # `Koenig` alone after a sentence, in a text in mixed case
    if (
        not titled
        and not _CLOSING.search(before[-40:])
        and not (
            before.endswith((".", "!", "?", ")", '"', "'"))
            and (len(m.group("gap")) > 1 or any(c.islower() for c in m.group("before")[-60:]))
        )
    ):
        return [], None, None
    return [name], j, before.rstrip()
