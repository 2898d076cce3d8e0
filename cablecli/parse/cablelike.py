"""Is a text a cable at all? The one decision every reader and command uses.

    >>> looks_like_cable("TAGS: PREL, IT\\nSUBJECT: TALKS\\n")
    True
    >>> looks_like_cable("# cablecli\\n\\nA command-line tool.\\n\\n```\\npip install cablecli\\n```\\n")
    False

A text is a cable when one of its lines is a mark that only cables carry (outside a Markdown code
block): the `VZCZC` start line or a date-time group, `FM`/`TO` lines, a classification line with
its office and serial (`C O N F I D E N T I A L BAKU 000187`), an `E.O. 12958` line, `TAGS`,
`REF`, `Classified By`, `SIPDIS`, a page header (`ROME 00001234  002 OF 003`), a numbered paragraph
with a portion marking (`1. (C) ...`, also flattened into a line), a paragraph opened by a marking
other than a bare letter (`(SBU) Post will ...`), `End Summary` or `End Comment`, a State Department release
stamp; or a classification banner together with a `SUBJECT` line. Failing those, a text that ends
with a signature (a name in capitals on its last line, `LAINGEN`) and reads like a telegram (no
Markdown headings or code blocks, no tab-separated columns) is a cable too: the last lines of a
cable alone are one. A README, a notes file, a table of file names or a PDF is not.

`cover_end` finds a mail-printout cover (`From DB/Inbox: Search Results`, `Cable Text:`, a
`TELEGRAM ... To: ... Subject:` form) before the cable's `VZCZC` line.
"""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made

__all__ = ["cover_end", "is_cover", "looks_like_cable"]

# Marks that only a cable carries, each at the start of a line. Checked in order of how often they
# open a cable, so that most cables are decided on one of their first lines.
_MARK = re.compile(
    r"""(?x)^\s*(?:
        VZCZC
      | [ZOPR]\s+(?:[ZOPR]\s+)?\d{6}Z\s+[A-Z]{3}\s+\d{2}\b      # O 041355Z MAR 08
      | \d{6}Z\s+[A-Za-z]{3}\s+\d{2}\b                         # 291359Z Nov 00
      | (?:FM|TO|INFO)\s+(?:R[A-Z]{3,7}/)?[A-Z]{3,}\b           # FM AMEMBASSY ROME
      | (?i:E\.?\s?O\.?)\s*1[23]\d{3}\b                         # E.O. 12958, EO 12958
      | .*\sE\.\s?O\.\s*1[23]\d{3}\b                            # DEPT FOR WHA/BSC E.O. 12958
      | (?i:(?:TAGS?|TAS|TABS|TGS|TAGES|AGS)\s*:)
      | (?i:TAGS)\s+[A-Za-z]
      | SUBJ(?:ECT)?\s*:
      | (?i:SUBJ(?:ECT)?\s*:.*\s(?:REF(?:S|TELS?)?|TAGS|CLASSIFIED\s+BY)\s*:)      # Subject: ... Ref: ...
      | (?i:REF(?:S|TEL|TELS|ERENCES?|\(S\))?\s*:)
      | REF(?:S|TEL|TELS)?\s+(?:[A-Z][.)]\s*)?[A-Z]{3,}[\s\-]+\d{1,6}\b
      | (?:\d{1,3}\.\s*)?(?:\([A-Za-z/]{1,8}\)\s*)?(?i:CLASSIFIED\s+BY)\b
      | \d{1,3}\.\s+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\b
      | SIPDIS\s*$
      | (?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED\s+OFFICIAL\s+USE)\b[A-Z/ ]{0,40}?
        \s[A-Z][A-Z.']+(?:\s[A-Z][A-Z.']+){0,3}\s\d{3,8}\b      # CONFIDENTIAL ROME 001234
      | [CSU](?:\s[A-Z]){6,}\s                                # C O N F I D E N T I A L ...
      | (?i:[cs](?:\s[a-z]){6,})\s                             # c o n f i d e n t i a l ...
      | PAGE\s+\d{2}\s+[A-Z]
      | [A-Z][A-Z.'\-]*(?:\s[A-Z][A-Z.'\-]*){0,3}\s\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}
      | ¶?\s*\d{1,3}\s?\.\s*\((?:U|C|S|SBU|TS|S/NF|C/NF|S//NF|C//NF|U//FOUO|SBU/NF)\)
      | .*\s¶?\d{1,3}\.\s\s?\((?:U|C|S|SBU|TS|S/NF|C/NF|S//NF|C//NF|SBU/NF)\)\s  # flattened: `... 1. (C) The`
      | \((?:SBU|U|S/NF|C/NF|S//NF|C//NF|SBU/NF|U//FOUO)\)\s+[A-Z][a-z]                # (SBU) Post will ...
      | (?:.*\s)?\(?(?i:END\s+(?:OF\s+)?(?:SUMMARY|COMMENT|TEXT))\b(?!`)
      | Declassified/Released\s+US\s+Department\s+of\s+State
    )"""
)
_SUBJECT = re.compile(r"(?i)^\s*SUBJ(?:ECT)?\s*:")
_BANNER = re.compile(r"^\s*(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\b")
_MARKDOWN = re.compile(r"^(?:#{1,6}\s|```|~~~|\s*[-*]\s+\[.\]|\s*!\[|<!--)")
_COVER = re.compile(r"(?i)(?:\bfrom\s+db/inbox\b|^cable\s+text\s*:|^telegram\s+\w)")
_NUMBERED = re.compile(r"^¶?\d{1,3}\.\s+[A-Z(]")
_SCAN_LINES = 600  # marks are looked for in the first lines; the signature in the last ones


def looks_like_cable(text: str) -> bool:
    """True when `text` holds a cable, or a piece of one (see the module's description)."""
    lines = text.split("\n", _SCAN_LINES)[:_SCAN_LINES]
    fenced = False
    markdown = tabbed = banner = subject = False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith(("```", "~~~")):
            fenced = not fenced
            markdown = True
            continue
        if fenced:
            continue
        if s[0] == "|" or s.count("`") > 1:
            markdown = True
            continue  # Markdown prose and tables may quote a cable's marks (`TAGS:`)
        if _MARK.match(line[:300]):  # a mark stands at the start of a line; bound the work on a long one
            return True
        if "\t" in s:
            tabbed = True
        if s[0] in "#-*!<" and _MARKDOWN.match(line):
            markdown = True
        if not banner and _BANNER.match(line):
            banner = True
        if not subject and _SUBJECT.match(line):
            subject = True
        if banner and subject:
            return True
    if markdown or tabbed or text.startswith("%PDF"):
        return False
    return _ends_signed(text)


def _ends_signed(text: str) -> bool:
    """The text ends with a signature (`LAINGEN`, `... END OF TEXT. BAKER`), and is written in
    capitals or in numbered paragraphs, as telegrams are."""
    from cablecli.parse.signers import find_signers

    tail = text[-3000:].split("\n")
    names, at, _ = find_signers(tail, 0)
    if not names or at is None:
        return False
    text_lines = [s for s in tail[:at] if s.strip()][-12:]
    letters = [c for c in " ".join(text_lines) if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return True
    return any(_NUMBERED.match(line.strip()) for line in text_lines)


def cover_end(lines: list[str], limit: int = 80) -> int:
    """The index of the `VZCZC` line after a mail-printout cover, or 0 when the text has none."""
    if not _opens_with_cover(lines):
        return 0
    for i, line in enumerate(lines[:limit]):
        if line.lstrip().startswith("VZCZC"):
            return i
    return 0


def is_cover(text: str) -> bool:
    """Text that opens with a mail-printout cover (`From DB/Inbox: Search Results`, `Cable Text:`)."""
    return _opens_with_cover(text.split("\n", 12)[:12])


def _opens_with_cover(lines: list[str]) -> bool:
    """One of the first three lines of text is a cover's: the printout's title, `Cable Text:`, `TELEGRAM`."""
    seen = 0
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if _COVER.search(s):
            return True
        seen += 1
        if seen == 3:
            break
    return False
