"""The Matcher: grep's patterns (-e, -F, -i, -S, -w) compiled, with the cheaper tests on a raw text
(`prefilter`) and on the raw bytes of a whole file (`needle`) that spare parsing a cable that cannot
match.

    >>> m = Matcher.build("lachin corridor", ignore_case=True)
    >>> m.may_match("...the Lachin corridor cannot...")
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cablecli.search.engine import compile_pattern
from cablecli.search.words import compile_word_pattern

# Characters that Python's re folds onto an ASCII letter under IGNORECASE, by their bytes in UTF-8.
_UNICODE_FOLDS = {
    "i": (b"\xc4\xb0", b"\xc4\xb1"),  # İ ı
    "k": (b"\xe2\x84\xaa",),  # Kelvin sign
    "s": (b"\xc5\xbf",),  # long s
}
# A pattern that is a plain string when written as a regular expression.
_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")
# Regular expression features whose meaning differs between one line and a whole text, or that
# may match across a line end (a wrapped paragraph is searched unwrapped).
_MAY_SPAN = re.compile(r"\\[AZzsWDxuUN0-7]|\(\?|[\s.]|\[\^")
_ESCAPE = re.compile(r"\\.")
_CLASS = re.compile(r"\[\^?\]?[^\]]*\]")
_ANCHOR = re.compile(r"[\^$]")


@dataclass(frozen=True)
class Matcher:
    """The compiled pattern, and the cheaper tests that tell when a raw text cannot match.

    `regex` is what paragraphs, lines and values are searched with. `prefilter` (or None)
    searches a whole raw cable text: it matches whenever the text could match, its paragraphs
    unwrapped or not. `needle` (or None) is a bytes pattern for whole files: it matches the raw
    bytes of any file holding a match, whatever its encoding (UTF-8 or Latin-1) and CSV escaping;
    it is only made for ASCII literals without quotes, backslashes or control characters.
    A literal that holds spaces may wrap in the raw text: its tests look for its longest word.
    """

    regex: Any  # a compiled pattern: RE2's, or re.Pattern (see compile_pattern)
    prefilter: Any
    needle: re.Pattern[bytes] | None
    line_anchored: bool = False  # a `^` or `$` in the pattern: search line by line
    ignore_case: bool = False  # -i, or -S on a pattern without capitals
    # Every match lies inside one line and holds a character that is not blank: plain strings
    # without blanks (see hits.search_body_lines).
    line_local: bool = False
    # The one pattern as a plain string when str.find finds what `regex` finds (no -i, no -w).
    literal: str | None = None

    @classmethod
    def build(
        cls,
        pattern: str | Sequence[str],
        fixed: bool = False,
        ignore_case: bool = False,
        word: bool = False,
        smart_case: bool = False,
    ) -> Matcher:
        """Compile `pattern`, or several (a match of any), as grep -e does (raises re.error when bad).

        `word` matches only where no word character comes right before or after, as grep -w does
        (so `(C)` and `U.S.` work too). `smart_case` ignores case when no pattern holds a capital.
        """
        patterns = [pattern] if isinstance(pattern, str) else list(pattern)
        if smart_case and not ignore_case:
            ignore_case = not any(_has_capital(p, fixed) for p in patterns)
        sources = [re.escape(p) if fixed else p for p in patterns]
        source = sources[0] if len(sources) == 1 else "|".join(f"(?:{s})" for s in sources)
        flags = re.IGNORECASE if ignore_case else 0
        regex = compile_word_pattern(source, flags) if word else compile_pattern(source, flags)
        literals = [p if fixed else (None if _REGEX_SYNTAX.search(p) else p) for p in patterns]
        if all(literals) and patterns:
            words = [_longest_word(lit) for lit in literals if lit]
            prefilter = re.compile("|".join(re.escape(w) for w in words), flags)
            needles = [_needle(w, ignore_case) for w in words]
            needle = None if None in needles else _either(needles)  # type: ignore[arg-type]
        else:
            # A regular expression that may span a line end, or whose meaning differs between one
            # line and a whole text, cannot be tried on the raw text.
            spans_lines = any(_MAY_SPAN.search(p) for p in patterns)
            compile_prefilter = compile_word_pattern if word else compile_pattern
            prefilter = None if spans_lines else compile_prefilter(source, flags | re.MULTILINE)
            needle = None
        anchored = not fixed and any(_ANCHOR.search(_CLASS.sub("", _ESCAPE.sub("", p))) for p in patterns)
        local = bool(patterns) and all(lit and not any(c.isspace() for c in lit) for lit in literals)
        literal = patterns[0] if local and len(patterns) == 1 and not ignore_case and not word else None
        return cls(regex, prefilter, needle, anchored, ignore_case, local, literal)

    def may_match(self, raw: str) -> bool:
        """False only when no paragraph, line or value of `raw` can match."""
        if self.prefilter is None:
            return True
        if "\r" in raw:
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        return self.prefilter.search(raw) is not None


def _has_capital(pattern: str, fixed: bool) -> bool:
    # Escapes such as \W or \S are syntax, not letters (ripgrep's smart case reads them so too).
    return any(c.isupper() for c in (pattern if fixed else _ESCAPE.sub("", pattern)))


def _longest_word(literal: str) -> str:
    return max(literal.split(), key=len, default=literal) if literal.strip() else literal


def _either(needles: list[re.Pattern[bytes]]) -> re.Pattern[bytes]:
    if len(needles) == 1:
        return needles[0]
    flags = re.IGNORECASE if any(n.flags & re.IGNORECASE for n in needles) else 0
    return re.compile(b"|".join(b"(?:" + n.pattern + b")" for n in needles), flags)


def _needle(literal: str, ignore_case: bool) -> re.Pattern[bytes] | None:
    if not literal.isascii() or not literal.isprintable() or '"' in literal or "\\" in literal:
        return None
    parts = []
    for char in literal:
        folds = _UNICODE_FOLDS.get(char.lower()) if ignore_case else None
        if char == "'":  # a MySQL dump writes it \'
            parts.append(rb"\\?'")
        elif folds:
            options = [re.escape(char.encode("ascii")), *(re.escape(f) for f in folds)]
            parts.append(b"(?:" + b"|".join(options) + b")")
        else:
            parts.append(re.escape(char.encode("ascii")))
    return re.compile(b"".join(parts), re.IGNORECASE if ignore_case else 0)
