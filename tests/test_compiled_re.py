"""cablecli.compiled_re: the parser's expressions built from a table give what re.compile gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cablecli import _re_table, compiled_re

ROOT = Path(__file__).resolve().parents[1]
SAME_ENGINE = _re_table.ENGINE == compiled_re.engine_key()


def _same(built: re.Pattern, pattern: object, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert type(built) is re.Pattern
    # Equal expressions have the same pattern, flags and engine code.
    assert built == expected
    assert (built.pattern, built.flags, built.groups) == (expected.pattern, expected.flags, expected.groups)
    assert built.groupindex == expected.groupindex


@pytest.mark.skipif(not SAME_ENGINE, reason="the table is for another Python: compiled_re does not use it")
def test_every_entry_of_the_table_is_what_re_compile_makes():
    assert len(_re_table.TABLE) > 100
    for pattern, flags in _re_table.TABLE:
        _same(compiled_re.compile(pattern, flags), pattern, flags)


def test_the_parser_modules_hold_the_same_expressions_as_re_compile_gives():
    import cablecli.inputs.csvdump
    import cablecli.inputs.html
    import cablecli.parse
    import cablecli.parse.idfilter  # noqa: F401

    seen = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("cablecli.") and getattr(module, "re", None) is compiled_re:
            for value in vars(module).values():
                if isinstance(value, re.Pattern):
                    _same(value, value.pattern, value.flags)
                    seen += 1
    assert seen > 100


def test_an_expression_not_in_the_table_is_compiled():
    pattern = r"^(?P<word>not in the table)\s+(\d+)$"
    assert (pattern, 0) not in _re_table.TABLE
    _same(compiled_re.compile(pattern), pattern, 0)
    _same(compiled_re.compile(pattern, re.I), pattern, re.I)


def test_a_table_for_another_engine_is_not_used(monkeypatch):
    pattern, flags = next(iter(_re_table.TABLE))
    monkeypatch.setattr(compiled_re, "_table", None)
    monkeypatch.setattr(_re_table, "ENGINE", ("another", (2, 7)))
    _same(compiled_re.compile(pattern, flags), pattern, flags)
    assert compiled_re._entries() == {}


def test_code_the_engine_refuses_falls_back_to_re_compile(monkeypatch):
    pattern = "ab+c"
    broken = {(pattern, 0): (32, (1, 2, 3), 0, {}, (None,))}
    monkeypatch.setattr(compiled_re, "_table", broken)
    _same(compiled_re.compile(pattern), pattern, 0)


def test_it_is_the_re_module_otherwise():
    assert compiled_re.sub is re.sub and compiled_re.I is re.I and compiled_re.Pattern is re.Pattern
    assert compiled_re.escape("a.b") == re.escape("a.b")


@pytest.mark.skipif(not SAME_ENGINE, reason="the table is for another Python")
def test_the_table_holds_every_expression_the_modules_define():
    # After changing an expression of the parser or the readers: `python scripts/re_table.py`.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "re_table.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
