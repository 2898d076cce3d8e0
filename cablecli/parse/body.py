"""The body: numbered paragraphs with portion markings, summary, comment, signature; page breaks dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablecli.model import Paragraph
from cablecli.parse.pages import is_page_break

# `1. (C) text`, `¶1. (S/NF) text`, `12.(SBU) text`; not `1.4 (b)` or `2.7 million`.
PARAGRAPH = re.compile(
    r"^\s*(¶\s*)?(\d{1,3})\s?\.(?!\d)\s*(?:\(\s*([A-Z]{1,4}(?:\s*/{1,2}\s*[A-Z]+)*|[A-Z]{1,4} NF)\s*\))?\s*"
)
_MARKING_OK = re.compile(
    r"^(?:U|SBU|LOU|C|S|TS|FOUO|SNF|CNF|UNCLASSIFIED|CONFIDENTIAL|SECRET|NF|[UCS]\s?NF|TS\s?NF)"
)
_SIGNER = re.compile(
    r"^[A-Z][A-Z'\-]*(?:\.? [A-Z][A-Z'\-]*\.?){0,3}(?:\s*/\s*[A-Z][A-Z'\-]*(?:\.? [A-Z][A-Z'\-]*){0,3})*$"
)
_NOT_SIGNERS = frozenset({"END", "BT", "NNNN", "SIPDIS", "SUMMARY", "COMMENT", "UNCLASSIFIED", "CONFIDENTIAL",
                          "SECRET", "NOFORN", "END SUMMARY", "END COMMENT", "END NOTE", "BACKGROUND",
                          "CONCLUSION", "ACTION REQUEST", "NEXT STEPS"})  # fmt: skip
_TITLE_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?$")
_FOOTER = re.compile(
    r"(?i)^(?:visit .*|.*classified website.*|https?://\S+|www\.\S+|\S+\.(?:gov|sgov|smil)\S*)$"
)
_SUMMARY_START = re.compile(r"(?i)^\s*(?:begin\s+)?summary(?:\s+and\s+comment)?\s*(?:[:.\-]+|$)\s*")
_SUMMARY_END = re.compile(r"(?i)\(?\s*\bend\s+(?:of\s+)?summary\b[\s.):\-]*")
_COMMENT = re.compile(r"(?i)(?<![\w])(?:begin\s+)?comment\s*:\s*")
_COMMENT_END = re.compile(r"(?i)\(?\s*\bend\s+comment\b[\s.):\-]*")
_DASHES = re.compile(r"^\s*[-=_*]{3,}\s*$")


@dataclass
class Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    summary: str | None = None
    comment: str | None = None
    signers: list[str] = field(default_factory=list)
    signer_line: int | None = None


# ASCII whitespace other than the space; str.split() folds all of these.
_ASCII_SPACES = ("\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _clean(text: str) -> str:
    """Fold runs of whitespace to one space and strip: `" ".join(text.split())`, faster in the
    common case of ASCII text whose only whitespace is spaces (double spaces after sentences)."""
    if text.isascii() and not any(c in text for c in _ASCII_SPACES):
        text = text.strip(" ")
        while "  " in text:
            text = text.replace("  ", " ")
        return text
    return " ".join(text.split())


def find_signers(lines: list[str], start: int) -> tuple[list[str], int | None]:
    """The signature: the last non-blank line when it is a name in capitals (`DERSE`, `SMITH / JONES`)."""
    j = len(lines) - 1
    while j >= start:
        s = lines[j].strip()
        if not s or _FOOTER.match(s) or s.upper() in ("BT", "NNNN") or s.startswith("#") or is_page_break(s):
            j -= 1
            continue
        break
    if j < start:
        return [], None
    s = " ".join(lines[j].split()).rstrip(".")
    prev = lines[j - 1].strip() if j - 1 >= start else ""
    if _TITLE_NAME.match(s) and not prev:
        s = s.upper()  # `Murray` alone after a blank line, as some posts sign
    if len(s) > 40 or not _SIGNER.match(s) or s in _NOT_SIGNERS:
        return [], None
    # A wrapped last line of an all-capitals paragraph is not a signature.
    if (
        prev
        and not prev.endswith((".", ":", "!", "?", '"', ")", "'"))
        and not _DASHES.match(prev)
        and not _FOOTER.match(prev)
    ):
        return [], None
    names = [n.strip() for n in s.split("/") if n.strip()]
    return names, j


def parse_body(lines: list[str], start: int) -> Body:
    """Walk the body lines once: paragraphs (unwrapped, page breaks dropped), then summary and comment."""
    b = Body()
    b.signers, b.signer_line = find_signers(lines, start)
    end = b.signer_line if b.signer_line is not None else len(lines)
    number: int | None = None
    marking: str | None = None
    parts: list[str] = []
    para_line = 0
    heading_before: dict[int, str] = {}  # paragraph index -> heading line just above it
    last_heading: str | None = None
    prev_blank = True
    for k in range(start, end):
        s = lines[k].strip()
        if not s:
            prev_blank = True
            continue
        c = s[0]
        if c.isdigit() or c == "¶":
            m = PARAGRAPH.match(s)
            if m and (prev_blank or m.group(3) or number is None or int(m.group(2)) == number + 1):
                mk = m.group(3)
                if mk and not _MARKING_OK.match(mk):
                    mk = None
                    rest = s[m.end() :] if not m.group(3) else s[s.index("(", m.start(2)) :]
                else:
                    rest = s[m.end() :]
                if number is not None:
                    b.paragraphs.append(Paragraph(number, marking, _clean(" ".join(parts)), para_line))
                number = int(m.group(2))
                marking = " ".join(mk.split()) if mk else None
                parts = [rest]
                para_line = k + 1
                if last_heading is not None:
                    heading_before[len(b.paragraphs)] = last_heading
                last_heading = None
                prev_blank = False
                continue
        if c.isupper() and (s[-1].isdigit() or s[-1] in "Zz" or len(s) < 40) and is_page_break(s):
            continue
        if c in "-=_*" and _DASHES.match(s):
            prev_blank = True
            continue
        if prev_blank and len(s) < 60 and not s.endswith((".", ",", ";")):
            nxt = lines[k + 1].strip() if k + 1 < end else ""
            if not nxt or (nxt[0] in "-=_*" and _DASHES.match(nxt)):
                # A heading between paragraphs (`Madagascar` over a rule, `SUMMARY` alone).
                last_heading = s
                prev_blank = True
                continue
        if number is not None:
            parts.append(s)
        prev_blank = False
    if number is not None:
        b.paragraphs.append(Paragraph(number, marking, _clean(" ".join(parts)), para_line))
    b.summary = _find_summary(b.paragraphs, heading_before)
    if b.summary is None and not b.paragraphs:
        b.summary = _find_unnumbered_summary(lines, start, end)
    b.comment = _find_comment(b.paragraphs)
    return b


def _find_summary(paragraphs: list[Paragraph], heading_before: dict[int, str]) -> str | None:
    for idx, para in enumerate(paragraphs):
        m = _SUMMARY_START.match(para.text)
        heading = heading_before.get(idx, "")
        if not m and not _SUMMARY_START.fullmatch(heading.strip(" -")):
            continue
        collected: list[str] = []
        text = para.text[m.end() :] if m else para.text
        for follow in [text] + [p.text for p in paragraphs[idx + 1 : idx + 8]]:
            e = _SUMMARY_END.search(follow)
            if e:
                collected.append(follow[: e.start()])
                return _clean(" ".join(collected)) or None
            collected.append(follow)
        # No `End Summary`: the summary is that paragraph alone.
        return _clean(text) or None
    return None


def _find_unnumbered_summary(lines: list[str], start: int, end: int) -> str | None:
    """`SUMMARY: ...` in a body without numbered paragraphs: up to `End Summary` or a blank line."""
    for k in range(start, end):
        m = _SUMMARY_START.match(lines[k])
        if not m or not lines[k][m.end() :].strip():
            continue
        collected = [lines[k][m.end() :]]
        for j in range(k + 1, min(end, k + 80)):
            s = lines[j].strip()
            e = _SUMMARY_END.search(s)
            if e:
                collected.append(s[: e.start()])
                break
            if not s:
                break
            collected.append(s)
        return _clean(" ".join(collected)) or None
    return None


def _find_comment(paragraphs: list[Paragraph]) -> str | None:
    for idx, para in enumerate(paragraphs):
        if "omment" not in para.text and "OMMENT" not in para.text:
            continue  # a plain substring test is far cheaper than the case-blind search
        m = _COMMENT.search(para.text)
        if not m:
            continue
        head = para.text[: m.start()].rstrip().upper()
        if head.endswith(("SUMMARY AND", "END", "NO", "FOR")):
            continue
        if m.start() > 0 and not para.text[: m.start()].rstrip().endswith((".", ")", '"', ":", "--")):
            continue
        collected: list[str] = []
        for follow in [para.text[m.end() :]] + [p.text for p in paragraphs[idx + 1 : idx + 8]]:
            e = _COMMENT_END.search(follow)
            if e:
                collected.append(follow[: e.start()])
                return _clean(" ".join(collected)) or None
            collected.append(follow)
        return _clean(para.text[m.end() :]) or None
    return None
