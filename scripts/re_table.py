"""Write cablecli/_re_table.py: the compiled form of every expression the modules that use
`cablecli.compiled_re` define, for the Python running this script (see cablecli/compiled_re.py).

    python scripts/re_table.py            # write the table
    python scripts/re_table.py --check    # exit 1 if the table lacks an expression or is for another Python

Run it after changing an expression of the parser or the readers: an expression missing from the
table is compiled at import as before (slower, the same result).
"""

from __future__ import annotations

import _sre
import argparse
import importlib
import pkgutil
import pprint
import re
import sys
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "cablecli" / "_re_table.py"


def asked_patterns() -> set[tuple[object, int]]:
    """Every (pattern, flags) given to compiled_re.compile by importing the whole package."""
    sys.path.insert(0, str(ROOT))
    from cablecli import compiled_re

    compiled_re.asked = set()
    import cablecli

    for info in pkgutil.walk_packages(cablecli.__path__, "cablecli."):
        if info.name != "cablecli.__main__":
            importlib.import_module(info.name)
    return compiled_re.asked


def entry(pattern: object, flags: int) -> tuple[object, ...]:
    """What re.compile passes to the engine for this pattern (re._compiler.compile, step by step)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    code = tuple(int(op) for op in code)  # the opcodes are named ints: written as plain numbers
    made = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    built = _sre.compile(pattern, made[0], list(made[1]), made[2], dict(made[3]), made[4])
    if built != re.compile(pattern, flags) or built.groupindex != re.compile(pattern, flags).groupindex:
        raise SystemExit(f"re_table: {pattern!r} does not come out as re.compile makes it")
    return made


def render(table: dict[tuple[object, int], tuple[object, ...]]) -> str:
    from cablecli.compiled_re import engine_key

    lines = [
        '"""Compiled expressions for cablecli.compiled_re, written by scripts/re_table.py: do not edit."""',
        "",
        "# fmt: off",
        f"ENGINE = {engine_key()!r}",
        "",
        "TABLE = {",
    ]
    for key in sorted(table, key=repr):
        lines.append(f"    {key!r}: {pprint.pformat(table[key], width=10**9, compact=True)},")
    lines += ["}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is not up to date")
    args = parser.parse_args()
    asked = asked_patterns()
    text = render({key: entry(*key) for key in asked})
    if args.check:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != text:
            print(
                f"{TABLE.relative_to(ROOT)} is out of date: run python scripts/re_table.py", file=sys.stderr
            )
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"{TABLE.relative_to(ROOT)}: {len(asked)} expressions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
