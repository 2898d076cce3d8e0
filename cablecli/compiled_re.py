"""The `re` module, whose `compile` takes the parser's expressions ready-made from a table.

Compiling the ~120 expressions the parser's and readers' modules define at import was a tenth of
the time of `cablecli parse` of one cable: Python's `re` parses and compiles each pattern in
Python. `cablecli/_re_table.py`, written by `scripts/re_table.py`, holds what `re.compile` makes
of each (the engine's code, its groups), for one version of Python's regular expression engine;
`compile` here builds the expression from it directly. The result is the very expression
`re.compile` gives: a test compares each entry with it (`==` on two expressions compares their
pattern, flags and code). A pattern not in the table, another Python, or a table that does not
fit gets `re.compile`'s own: an out-of-date table costs time, never a different result.

A module that writes `from cablecli import compiled_re as re` keeps its `re.compile(...)` lines;
everything else (`re.sub`, `re.I`, `re.Pattern`, ...) is the standard module's own.
"""

from __future__ import annotations

import re as _re
import sys
from re import *  # noqa: F403 (this module stands for `re`)
from re import __all__  # noqa: F401
from typing import Any

try:
    import _sre
except ImportError:  # pragma: no cover - not CPython
    _sre = None  # type: ignore[assignment]

# Set to a set by scripts/re_table.py: each (pattern, flags) asked for, to write the table.
asked: set[tuple[Any, int]] | None = None


def engine_key() -> tuple[Any, ...] | None:
    """What a table of compiled code is valid for: this Python and its engine's code format."""
    if _sre is None:
        return None
    return (
        sys.implementation.name,
        sys.version_info[:2],
        _sre.MAGIC,
        _sre.CODESIZE,
        _sre.MAXREPEAT,
        _sre.MAXGROUPS,
    )


_table: dict[tuple[Any, int], tuple[Any, ...]] | None = None


def _entries() -> dict[tuple[Any, int], tuple[Any, ...]]:
    global _table
    if _table is None:
        try:
            from cablecli._re_table import ENGINE, TABLE
        except ImportError:
            ENGINE, TABLE = None, {}
        _table = TABLE if ENGINE is not None and ENGINE == engine_key() else {}
    return _table


def compile(pattern: Any, flags: int = 0) -> _re.Pattern:  # noqa: A001 (stands for re.compile)
    """`re.compile(pattern, flags)`, from the table when it holds the pattern."""
    flags = int(flags)
    if asked is not None:
        asked.add((pattern, flags))
    entry = _entries().get((pattern, flags))
    if entry is not None:
        all_flags, code, groups, groupindex, indexgroup = entry
        try:
            return _sre.compile(pattern, all_flags, list(code), groups, dict(groupindex), indexgroup)
        except (RuntimeError, TypeError, ValueError):  # code the engine refuses: compile it
            pass
    return _re.compile(pattern, flags)
