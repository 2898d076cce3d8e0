"""The body: numbered paragraphs with portion markings, summary, comment, signature; page breaks dropped.

The body is walked once here, and its summary and comment are found among the blocks of text the
walk gathers. The shapes of single lines are in `body_lines`, the signature in `signers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cablecli import compiled_re as re  # re, with the expressions ready-made
from cablecli.model import Paragraph, Problem
from cablecli.parse.body_lines import (
    _FOOTER,
    _MARKING_OK,
    _RULE_CHARS,
    PARAGRAPH,
    _clean,
    _fold_spaces,
    _is_address,
    _plain,
    is_rule,
)
from cablecli.parse.pages import is_page_break
from cablecli.parse.signers import find_signers

# What may open a summary, in a paragraph or as a heading: `Summary:`, `SUMMARY AND COMMENT:`,
# `Summary and Action Request.`, `Introduction and Summary:`, `Summary/Comment:`, `BEGIN SUMMARY`.
_SUMMARY_WORDS = (
    r"(?:(?:begin|executive|introduction\s+and|overview\s+and|background\s+and)\s+)?summary"
    r"(?:\s*(?:and|/|&)\s*[a-z]+(?:\s+[a-z]+){0,3})?"
)
_SUMMARY_START = re.compile(r"(?i)^\s*(?:\([^()]{1,24}\)\s*)?" + _SUMMARY_WORDS + r"\s*(?:[:.\-]+|$)\s*")
_SUMMARY_HEADING = re.compile(r"(?i)" + _SUMMARY_WORDS)
_SUMMARY_END = re.compile(r"(?i)\(?\s*\bend\s+(?:of\s+)?summary\b[\s.):\-]*")
# `Comment:`, `(Comment: ...`, `EMBASSY COMMENT:`, `Embassy comment. ...`, `COMMENT -- ...`.
_COMMENT_WORDS = r"(?:(?:begin|embassy|post|mission|consulate|our|final|overall|general)\s+)?comments?"
_COMMENT = re.compile(r"(?i)(?<![\w])" + _COMMENT_WORDS + r"\s*(?::|\.(?=\s)|--?(?=\s))\s*")
_COMMENT_HEADING = re.compile(r"(?i)" + _COMMENT_WORDS + r"(?:\s*(?:and|/|&)\s*[a-z]+(?:\s+[a-z]+){0,2})?")
_COMMENT_END = re.compile(r"(?i)\(?\s*\bend\s+(?:of\s+)?comments?\b[\s.):\-]*")
# The first characters of a line of running text: none is a digit, `¶`, a capital or a rule's
# character, so a line starting with one is no paragraph start, page break, rule or heading when it
# is long (`parse_body`). A line in capitals is such a line when its last character is in
# `_QUIET_LAST`: no digit, no `Z`, so no page header either.
_QUIET_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz\"'([{<!#$%&+,./:;>?@\\^`|}~")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_QUIET_LAST = frozenset(
    "abcdefghijklmnopqrstuvwxyABCDEFGHIJKLMNOPQRSTUVWXY\"'()[]{}<>!#$%&*+,-./:;=?@\\^_`|~"
)
# A rule inside a line of text: a heading flattened into the paragraph (`... -------- Training ----`).
_INLINE_RULE = re.compile(r"\s[-=_*]{4,}(?:\s|$)")


@dataclass
class Body:
    paragraphs: list[Paragraph] = field(default_factory=list)
    summary: str | None = None
    comment: str | None = None
    signers: list[str] = field(default_factory=list)
    signer_line: int | None = None
    problems: list[Problem] = field(default_factory=list)


def parse_body(lines: list[str], start: int) -> Body:
    """Walk the body lines once: paragraphs (unwrapped, page breaks dropped), then summary and comment."""
    b = Body()
    b.signers, b.signer_line, before = find_signers(lines, start)
    end = b.signer_line if b.signer_line is not None else len(lines)
    if before is not None and b.signer_line is not None:
        lines = lines[: b.signer_line] + [before]  # the name ends the last line of text
        end += 1
    # Each line stripped once; the walk and its look-ahead and look-back read these. Line `i` here
    # is line `start + i` of the cable.
    texts = [line.strip() for line in lines[start:end]]
    count = len(texts)
    facts = _facts(texts)
    join = _join_plain if facts.plain else _join
    footers = facts.footers
    # Without a footer a long line that starts in small letters (or in capitals and does not end
    # like a page header) is running text: it goes to the paragraph with no other test.
    quiet = not footers
    number: int | None = None
    marking: str | None = None
    parts: list[str] = []
    para_line = 0
    para_heading: str | None = None
    paragraphs = b.paragraphs
    # The text in blocks for the summary and comment: blank-line blocks before the first numbered
    # paragraph (or in a body without numbers), then the paragraphs; each with the heading above it.
    # A paragraph is its own block: it has the block's heading, text and line.
    blocks: list[_Block | Paragraph] = []
    lead: list[str] = []
    lead_line = 0
    lead_heading: str | None = None
    last_heading: str | None = None
    prev_blank = True
    footer = False
    under_rule = -1  # the index of the last rule line
    for i, s in enumerate(texts):
        if not s:
            prev_blank = True
            if lead:
                blocks.append(_Block(lead_heading, join(lead), lead_line))
                lead = []
            continue
        c = s[0]
        if not (quiet and len(s) >= 60 and (c in _QUIET_FIRST or c in _CAPITALS and s[-1] in _QUIET_LAST)):
            # Not a line of running text (`_QUIET_FIRST`): ask it what it is.
            if c.isdigit() or c == "¶":
                m = PARAGRAPH.match(s)
                if m and (prev_blank or m.group(3) or number is None or int(m.group(2)) == number + 1):
                    mk = m.group(3)
                    if mk and not _MARKING_OK.match(mk):
                        mk = None
                        rest = s[m.end() :] if not m.group(3) else s[s.index("(", m.start(2)) :]
                    else:
                        rest = s[m.end() :]
                    if lead:
                        blocks.append(_Block(lead_heading, join(lead), lead_line))
                        lead = []
                    if number is not None:
                        paragraph = Paragraph(number, marking, join(parts), para_line, para_heading)
                        paragraphs.append(paragraph)
                        blocks.append(paragraph)
                    number = int(m.group(2))
                    marking = " ".join(mk.split()) if mk else None
                    parts = [rest]
                    para_line = start + i + 1
                    para_heading = last_heading
                    last_heading = None
                    prev_blank = False
                    continue
            if c.isupper() and (s[-1].isdigit() or s[-1] in "Zz" or len(s) < 40) and is_page_break(s):
                continue
            if footer:
                if " " not in s and len(s) <= 24 or _is_address(s) or _FOOTER.match(s):
                    continue  # the address after a footer, or the end of it wrapped (`index.c` / `fm`)
                footer = False
            if footers and "ebsite" in s and _FOOTER.match(s):
                footer = prev_blank = True  # `Visit ... Classified Website: ...`: not text
                continue
            if c in "-=_*" and is_rule(s):
                title = s.strip(_RULE_CHARS)
                if title and len(title) < 60 and prev_blank:
                    last_heading = title  # `------- SUMMARY -------`
                prev_blank = True
                under_rule = i
                continue
            if len(s) < 60:
                nxt = texts[i + 1] if i + 1 < count else ""
                # Only a line after a blank line, or one over a rule, can be a heading (`_is_heading`);
                # whether the rule ends a block is asked only of a line over one.
                over = bool(nxt) and nxt[0] in "-=_*"
                if (
                    (prev_blank or over)
                    and _is_heading(
                        s,
                        nxt,
                        prev_blank,
                        not over or i + 2 >= count or not texts[i + 2] or bool(PARAGRAPH.match(texts[i + 2])),
                    )
                    and not _ends_with_end(parts if number is not None else lead)
                ):
                    # A heading between paragraphs (`Madagascar` over a rule, `SUMMARY` alone).
                    if lead:
                        blocks.append(_Block(lead_heading, join(lead), lead_line))
                        lead = []
                    last_heading = s.strip(_RULE_CHARS) or s
                    if _first_heading_line(texts, i, under_rule):
                        # A heading over two lines between rules: its first line went into the text.
                        held = parts if number is not None and len(parts) > 1 else lead
                        if held and held[-1] == texts[i - 1]:
                            last_heading = f"{held.pop()} {last_heading}"
                    prev_blank = True
                    continue
        if number is not None:
            parts.append(s)
        else:
            if not lead:
                lead_line = start + i + 1
                lead_heading = last_heading
                last_heading = None
            lead.append(s)
        prev_blank = False
    if lead:
        blocks.append(_Block(lead_heading, join(lead), lead_line))
    if number is not None:
        paragraph = Paragraph(number, marking, join(parts), para_line, para_heading)
        paragraphs.append(paragraph)
        blocks.append(paragraph)
    if facts.summary:
        b.summary = _section(b, blocks, "summary", (_SUMMARY_START, _SUMMARY_HEADING, _SUMMARY_END))
    if facts.comment:
        b.comment = _section(b, blocks, "comment", (None, _COMMENT_HEADING, _COMMENT_END))
    return b


@dataclass(slots=True)
class _Facts:
    """What the whole body tells the walk it may skip; each True is the safe answer."""

    plain: bool  # the only whitespace is the space: a join of lines needs only its spaces folded
    footers: bool  # a line may be a `Visit ... Classified Website` footer
    summary: bool  # a summary may be marked (its word is there)
    comment: bool  # a comment may be marked


def _facts(texts: list[str]) -> _Facts:
    """One look at the body's lines as one text: a word, or a character, missing from it is missing
    from every line and from every join of lines (joins add spaces only, and `_clean` only folds
    whitespace), so the tests that need it can be skipped.

    Every expression that opens or closes a summary or a comment holds its word, case blind: in an
    ASCII text, that is the word in `text.lower()`. `¶` (paragraph marks) is set aside: it is not
    whitespace, nor a letter of those words.
    """
    whole = "".join(texts)
    if not whole.isascii():
        whole = whole.replace("¶", "")
    low = whole.lower() if whole.isascii() else None
    return _Facts(
        plain=_plain(whole),
        footers="ebsite" in whole,
        summary=low is None or "summary" in low,
        comment=low is None or "comment" in low,
    )


def _section(b: Body, blocks: list[_Block | Paragraph], name: str, marks: tuple) -> str | None:
    """The summary or comment text; known only from its End line, with an `unmarked-NAME` problem."""
    found = _find_section(blocks, *marks)
    if found is None:
        return None
    text, unmarked = found
    if unmarked is not None:
        b.problems.append(
            Problem(
                f"unmarked-{name}",
                f"{name} known only from its End {name.title()}: taken from its paragraph",
                unmarked,
            )
        )
    return text


@dataclass(slots=True)
class _Block:
    heading: str | None
    text: str
    line: int


def _join(parts: list[str]) -> str:
    """The text of a paragraph or block from its lines, whitespace folded."""
    return _clean(" ".join(parts))


def _join_plain(parts: list[str]) -> str:
    """`_join` of lines whose only whitespace is the space."""
    return _fold_spaces(" ".join(parts))


def _first_heading_line(texts: list[str], i: int, under_rule: int) -> bool:
    """The line before heading line `i` (of the stripped lines) is the heading's first line: set
    between rules, or alone after a blank line and too short to be a sentence of text."""
    if i < 2:
        return False
    prev = texts[i - 1]
    if not prev:
        return False
    if under_rule == i - 2:
        return True
    return not texts[i - 2] and len(prev) < 50 and not prev.endswith((".", ":", ";", ",", ")"))


def _ends_with_end(parts: list[str]) -> bool:
    """The text so far ends in `END`: the next line (`SUMMARY.`) closes a section, it is no heading."""
    return bool(parts) and parts[-1].upper().endswith("END") and parts[-1][-4:-3] in ("", " ", "(", ".")


def _is_heading(s: str, nxt: str, prev_blank: bool, after_rule: bool = True) -> bool:
    """A heading: a short line alone after a blank line or over a rule (`Madagascar`, `SUMMARY`), or
    a summary or comment heading on its own line (`SUMMARY AND INTRODUCTION`, `Summary =====`)."""
    if s.endswith((",", ";")) or s[:4].upper() in ("END ", "(END", "END:"):
        return False  # `END TEXT OF NON-PAPER`, `END SUMMARY` alone close a section: they are text
    if ".  " in s or ((" END" in s or " End" in s) and (_SUMMARY_END.search(s) or _COMMENT_END.search(s))):
        return False  # sentences, and the close of a summary or comment
    over_rule = bool(nxt) and nxt[0] in "-=_*" and is_rule(nxt)
    if prev_blank and (not nxt or over_rule) and not s.endswith("."):
        return True
    if over_rule and after_rule and s[0].isupper() and not s.endswith("."):
        return True  # a heading right under the text, over its rule, before a blank line
    if not prev_blank:
        return False
    title = s.strip(_RULE_CHARS)
    return bool(title) and bool(_SUMMARY_HEADING.fullmatch(title) or _COMMENT_HEADING.fullmatch(title))


def _find_section(
    blocks: list[_Block | Paragraph],
    start: re.Pattern[str] | None,
    heading: re.Pattern[str],
    end: re.Pattern[str],
) -> tuple[str, int | None] | None:
    """The first summary (or comment): after its heading or its opening words, to its closing words.

    Without closing words it is the block it opens (cut at a rule flattened into the text), or,
    after a heading, the blocks up to the next heading. Closing words with no opening before them
    give the text of their block up to them; the second value is then that block's line.
    """
    upper, lower, _ = _words(end)
    for idx, block in enumerate(blocks):
        text = block.text
        if (
            block.heading is None
            and upper not in text
            and lower not in text
            and (start is None or start.match(text) is None)
        ):
            # Nothing opens or closes here: with neither form of the word in the text (the test
            # `_opening` makes for a comment, `_closing` for both), and no opening words.
            continue
        begin, close = _opening(text, start, heading)
        by_heading = False
        if begin is None and block.heading is not None and _opens(heading, block.heading.strip(_RULE_CHARS)):
            begin, by_heading = 0, True
        if begin is None:
            e = _closing(end, text)
            if e is None or e.start() == 0:
                continue
            found = _cut_rule(text[: e.start()])
            return (found, block.line) if found else None
        first = text[begin:]
        if close is not None and not _closing(end, first[: close - begin]):
            # `(Comment: ...)` without closing words ends with its parenthesis.
            return (_clean(text[begin:close]), None) if _clean(text[begin:close]) else None
        collected: list[str] = []
        for n, follow in enumerate([first] + [x.text for x in blocks[idx + 1 : idx + 8]]):
            if n and blocks[idx + n].heading is not None and (by_heading or not collected):
                break
            if n and by_heading and _FOOTER.match(follow[:200]):
                break  # `Visit ... Classified Website`: the end of the text
            e = _closing(end, follow)
            if e:
                collected.append(follow[: e.start()])
                return (_clean(" ".join(collected)), None) if _clean(" ".join(collected)) else None
            collected.append(follow)
        if by_heading:
            return (_clean(" ".join(collected)), None) if _clean(" ".join(collected)) else None
        found = _cut_rule(first)
        return (found, None) if found else None
    return None


def _closing(end: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`end` searched in `text`, when the word it closes is there at all (a plain substring test
    is far cheaper than the case-blind search)."""
    upper, lower, word = _words(end)
    if upper not in text and lower not in text:
        return None
    if not text.isascii():
        return end.search(text)
    return _first_closing(end, text, word)


def _words(end: re.Pattern[str]) -> tuple[str, str, str]:
    """The word a closing expression closes, for the substring tests: its end in capitals and in
    small letters, and whole in small letters. (A test of identity: hashing a pattern hashes its
    compiled code.)"""
    return ("UMMARY", "ummary", "summary") if end is _SUMMARY_END else ("OMMENT", "omment", "comment")


def _first_closing(end: re.Pattern[str], text: str, word: str) -> re.Match[str] | None:
    """`end.search(text)` for an ASCII text, found from the closed word rather than tried at every
    position (the expression's optional `(` and spaces in front make that search slow).

    A match of `end` is `(`, spaces, `end`, spaces, perhaps `of` and spaces, then the word; in ASCII
    its case-blind letters are the letters of `text.lower()`. So each place of the word, in order,
    gives the one place its match could start, where `end` decides; the first that matches is the
    leftmost match (the matches of two places cannot overlap: only spaces and `of` stand between
    `end` and its word).
    """
    low = text.lower()
    at = low.find(word)
    while at >= 0:
        k = at
        while k and low[k - 1].isspace():
            k -= 1
        if k < at and low.endswith("of", 0, k):  # `end of summary`
            gap = k - 2
            k = gap
            while k and low[k - 1].isspace():
                k -= 1
            if k == gap:
                k = -1  # `proof summary`
        if 0 < k < at and low.endswith("end", 0, k):
            start = k - 3
            while start and low[start - 1].isspace():
                start -= 1
            if start and low[start - 1] == "(":
                start -= 1
            m = end.match(text, start)
            if m is not None:
                return m
        at = low.find(word, at + 1)
    return None


def _opens(heading: re.Pattern[str], title: str) -> bool:
    """A heading that opens the section: `Comment`, `SUMMARY AND COMMENT`, `Comment: A Stormy Session`."""
    m = heading.match(title)
    return m is not None and (m.end() == len(title) or title[m.end() :].lstrip()[:1] in (":", "-"))


def _opening(
    text: str, start: re.Pattern[str] | None, heading: re.Pattern[str]
) -> tuple[int | None, int | None]:
    """Where the section's own text begins after its opening words in `text` (or None), and, for
    one opened inside parentheses (`(Comment: ...)`), where its closing parenthesis stands."""
    if start is not None:
        m = start.match(text)
        return (m.end() if m else None), None
    # A comment opens anywhere a sentence may: `Comment: ...`, `... talks. (Comment: ...`.
    if "omment" not in text and "OMMENT" not in text:
        return None, None  # a plain substring test is far cheaper than the case-blind search
    for m in _COMMENT.finditer(text):
        head = text[: m.start()].rstrip()
        upper = head.upper()
        if upper.endswith(("SUMMARY AND", "SUMMARY/", "SUMMARY &", "END", "NO", "FOR", "TO", "END OF")):
            continue
        if head and not head.endswith((".", ")", '"', ":", "--", "(")):
            continue
        return m.end(), (_closing_paren(text, m.end()) if head.endswith("(") else None)
    return None, None


def _closing_paren(text: str, at: int) -> int | None:
    depth = 0
    for i in range(at, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
    return None


def _cut_rule(text: str) -> str:
    """The text before a rule flattened into it (`... -------- Training --------`), spaces folded."""
    if "---" in text or "===" in text or "___" in text or "***" in text:
        r = _INLINE_RULE.search(text)
        if r:
            text = text[: r.start()]
    return _clean(text)
