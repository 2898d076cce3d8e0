"""`SUMMARY:` is closed by `END SUMMARY`, and `COMMENT:` by `END COMMENT`.

A summary or comment opened with its keyword and a colon runs until its closing words; the next
opening of the same kind, or the end of the cable, without them is reported. `SUMMARY AND COMMENT:`
is closed by `END SUMMARY (AND COMMENT)`.

Passing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Summary: The minister asked for support. End Summary.

    2. (C) Comment: He meant it. End Comment.

Failing:

    C O N F I D E N T I A L BAKU 000187

    1. (C) Summary: The minister asked for support.

    2. (C) Comment: He meant it.
"""

from __future__ import annotations

import bisect
import re

from cablecli.check import Violation

ID = "SUM001"
SEVERITY = "warning"
SUMMARY = "SUMMARY: closed by END SUMMARY, COMMENT: by END COMMENT"

_EVENT = re.compile(
    r"(?i)\b(?:(end\s+(?:of\s+)?)(summary(?:\s+and\s+comment)?|comment)\b"
    r"|(summary\s+and\s+comment|summary|comment)\s*:)"
)

_CLOSES = {
    "summary": ("summary", "summary and comment"),
    "comment": ("comment", "summary and comment"),
    "summary and comment": ("summary", "comment", "summary and comment"),
}
_NOT_OPENING = re.compile(r"(?i)(?:\bno|\bfor|\bwithout|\bsee)\s*$")


def check(cable, lines):
    # One string for the body, so that `End` / `Summary.` wrapped over two lines still closes.
    start = lines.marks.body_start
    text = "\n".join(lines[start:])
    low = text.lower()
    if "summary" not in low and "comment" not in low:
        return
    line_starts = [0]
    for k, c in enumerate(text):
        if c == "\n":
            line_starts.append(k + 1)

    def where(offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(line_starts, offset) - 1
        return start + k + 1, offset - line_starts[k] + 1

    open_at: dict[str, tuple[int, int]] = {}  # kind -> (line, col) of the unclosed opening
    for m in _EVENT.finditer(text):
        if m.group(1):  # a closing
            for kind in _CLOSES[" ".join(m.group(2).lower().split())]:
                open_at.pop(kind, None)
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _NOT_OPENING.search(text[line_start : m.start()]):
            continue
        kind = " ".join(m.group(3).lower().split())
        if kind in open_at:
            yield _unclosed(kind, *open_at[kind])
        open_at[kind] = where(m.start(3))
    for kind, (line, col) in open_at.items():
        yield _unclosed(kind, line, col)


def _unclosed(kind: str, line: int, col: int) -> Violation:
    return Violation(
        ID, SEVERITY, f"{kind.upper()}: is not closed by END {kind.split()[0].upper()}", line, col
    )
