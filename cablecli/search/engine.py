"""The engine under grep's patterns: a user's regular expression compiled for RE2 (linear time), or for
Python's `re` when RE2 cannot run it (backreferences, lookaround) and the pattern cannot backtrack
for ever.
"""

from __future__ import annotations

import re
from typing import Any


def compile_re2(sources: list[str], flags: int = 0) -> list[Any] | None:
    """Each of `sources` compiled by RE2 with the flags (re.IGNORECASE, re.MULTILINE) written in,
    or None when RE2 is missing or cannot run one of them (a backreference, a lookaround)."""
    re2 = _re2()
    if re2 is None:  # pragma: no cover - google-re2 is a dependency
        return None
    options = re2.Options()
    options.log_errors = False
    prefix = ("i" if flags & re.IGNORECASE else "") + ("m" if flags & re.MULTILINE else "")
    try:
        return [re2.compile(f"(?{prefix}){source}" if prefix else source, options) for source in sources]
    except re2.error:
        return None


def compile_pattern(source: str, flags: int = 0) -> Any:
    """A user's regular expression, compiled for a linear-time engine (RE2) when it can be.

    RE2 never backtracks: `(a+)+$` against a long line costs what the line costs. What RE2 lacks
    (backreferences, lookahead and lookbehind) falls back to Python's `re`, and then only for a
    pattern without a repeat inside a repeat (the shape whose backtracking explodes): that one is
    refused with re.error. Flags are re.IGNORECASE and re.MULTILINE.
    """
    compiled = compile_re2([source], flags)
    if compiled is not None:
        return compiled[0]
    fallback = re.compile(source, flags)
    if _re2() is not None and _nested_repeat(re._parser.parse(source, flags)):  # type: ignore[attr-defined]
        raise re.error("a repeat inside a repeat, with backreferences or lookaround, could run for ever")
    return fallback


def _re2() -> Any:
    """The RE2 module, or None where it is not installed."""
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    return re2


def _nested_repeat(parsed: Any, inside: bool = False) -> bool:
    """Whether a parsed pattern holds an unbounded repeat inside another repeat."""
    for op, value in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = value
            unbounded = high == re._constants.MAXREPEAT or high > 1000  # type: ignore[attr-defined]
            if unbounded and inside:
                return True
            if _nested_repeat(item, inside or unbounded):
                return True
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            if _nested_repeat(value[-1], inside):
                return True
        elif name == "BRANCH":
            if any(_nested_repeat(branch, inside) for branch in value[1]):
                return True
        elif name in ("ASSERT", "ASSERT_NOT"):
            if _nested_repeat(value[1], inside):
                return True
    return False
