"""Cable text made safe for a terminal: control characters and escape sequences shown, not obeyed.

Every renderer that puts cable text (or a path, or a value from a CSV row) in front of a person
passes it through `visible`: show, grep's text output, check's text output and every table.
Machine formats (json, jsonl, csv, yaml, sarif, github) are data and keep the text exact.
"""

from __future__ import annotations

from cablecli import compiled_re as re  # re, with the expressions ready-made

# C0 controls other than tab and newline (CR, BS and ESC among them: ESC starts every ANSI, OSC 8
# and OSC 52 sequence), DEL, C1 controls; the Unicode bidirectional embeddings, overrides,
# isolates and marks (LRM, RLM, ALM), which reorder how the rest of a line is drawn and so can
# hide what it says; and the characters that draw nothing (zero-width space, joiners, word
# joiner, invisible operators, BOM, Mongolian vowel separator, line and paragraph separators).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\u206a-\u206f\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""`text` with each control character written as an escape: ESC [ 3 1 m becomes `\x1b[31m`.

    >>> visible("bell\x07 \x1b[2J \u202eevil")
    'bell\\x07 \\x1b[2J \\u202eevil'
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)
