"""grep -w: a pattern matched only as a whole word, run by RE2 with its neighbouring characters
taken in (WordPattern), or by `re` with lookaround when RE2 cannot run it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cablecli.search.engine import compile_pattern, compile_re2

# A word constituent for grep -w, as GNU grep and ripgrep have it: a letter, a digit or `_`. It is
# what Python's `\w` matches on text (str.isalnum() and `_`), written so that RE2 runs it.
_WORD_CHAR = r"\pL\pN_"


def compile_word_pattern(source: str, flags: int = 0) -> Any:
    r"""`source` matched only as a whole word (grep -w): no word character right before or after.

    Python's `re` says it with lookaround, `(?<!\w)(?:source)(?!\w)`, which RE2 lacks, and `\b` in
    RE2 knows only ASCII letters. So RE2 runs the pattern with the neighbouring characters taken in,
    `(?:^|[^\pL\pN_])(source)(?:[^\pL\pN_]|$)`, and the match is its group (WordPattern): linear time
    like any other RE2 pattern. A source RE2 cannot run (a backreference) falls back to `re` with the
    lookaround, as compile_pattern does.
    """
    after = f"[^{_WORD_CHAR}]({source})(?:[^{_WORD_CHAR}]|$)"
    around = f"(?:^|[^{_WORD_CHAR}])({source})(?:[^{_WORD_CHAR}]|$)"
    compiled = compile_re2([around, after], flags)
    if compiled is not None:
        return WordPattern(*compiled, rf"(?<!\w)(?:{source})(?!\w)")
    return compile_pattern(rf"(?<!\w)(?:{source})(?!\w)", flags)


@dataclass(frozen=True)
class WordMatch:
    """A match of a WordPattern: its span in the text searched, and its text."""

    text: str
    begin: int
    finish: int

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text[self.begin : self.finish]


class WordPattern:
    """An RE2 pattern whose group 1 is a whole-word match (see compile_word_pattern), searched as
    Python's `re` searches the lookaround form: `search` and `finditer` give the same spans.

    The text is encoded to UTF-8 once per call and RE2 searched over the bytes, each search from
    where the last match ended less one character (the one the next match may take as its left
    neighbour); byte offsets are turned into character offsets as the matches go, so finditer is
    linear in the text."""

    def __init__(self, compiled: Any, after: Any, pattern: str) -> None:
        self.compiled = compiled
        self.after = after  # the same without `^`: a match that starts after a character
        self.pattern = pattern  # the lookaround form, as Python's re would write it

    def search(self, text: str, pos: int = 0) -> WordMatch | None:
        return next(self._matches(text, pos), None)

    def finditer(self, text: str) -> Iterator[WordMatch]:
        return self._matches(text, 0)

    def _matches(self, text: str, pos: int) -> Iterator[WordMatch]:
        ascii_only = text.isascii()
        # A lone surrogate cannot be encoded: `?` stands for it, one character for one, and like it
        # is no word character.
        data = text.encode("ascii") if ascii_only else text.encode("utf-8", "replace")
        chars = _CharOffsets(data, ascii_only)
        at = len(text[:pos].encode("utf-8", "replace")) if pos and not ascii_only else pos
        must_advance = False
        while at <= len(data):
            # From one character back, which the next match may take as its left neighbour; `^`
            # only at the very start.
            found = self.after.search(data, at - 1) if at else self.compiled.search(data, 0)
            if found is None:
                return
            start, end = found.span(1)
            if must_advance and start == end == at:
                # An empty match where the last one ended: look again one character on.
                found = self.after.search(data, at)
                if found is None:
                    return
                start, end = found.span(1)
            yield WordMatch(text, chars.of(start), chars.of(end))
            must_advance = start == end
            at = end


class _CharOffsets:
    """Character offsets of increasing byte offsets into UTF-8 `data`, each found from the last."""

    def __init__(self, data: bytes, ascii_only: bool) -> None:
        self.data = data
        self.ascii_only = ascii_only
        self.byte = 0
        self.char = 0

    def of(self, byte: int) -> int:
        if self.ascii_only:
            return byte
        if byte < self.byte:
            self.byte = self.char = 0
        self.char += len(self.data[self.byte : byte].decode("utf-8", "replace"))
        self.byte = byte
        return self.char
