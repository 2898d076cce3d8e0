"""Cable text made safe for a terminal: control characters and escape sequences shown, not obeyed."""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, and C1 controls (ESC starts every ANSI sequence).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    r"""`text` with each control character written as an escape: ESC [ 3 1 m becomes `\x1b[31m`."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
