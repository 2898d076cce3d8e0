"""The format rules behind `cablecli check`: a registry of rule modules and the code that runs them.

    >>> from cablecli.parse import parse_text
    >>> cable = parse_text("UNCLAS BAKU 000187\\n\\nE.O. 12958: N/A\\nSUBJECT: TEST\\n\\n1. (U) Text.\\n")
    >>> [(v.rule, v.line) for v in run_checks(cable, select=["TAG"])]
    [('TAG001', None)]

Each rule is a module of `cablecli.check.rules` named after its id (`hdr004.py`) with `ID`,
`SEVERITY` ("error", "warning" or "info"), `SUMMARY` (one line), a docstring holding a
"Passing:" and a "Failing:" example, and `check(cable, lines)`, a generator of Violations. `lines`
is the cable text split into lines (`CableLines`), which also carries the line numbers of the
header and preamble parts (`lines.marks`), found in one pass over the text when a rule first asks.
Rules read the parsed record and the raw text; on a partial cable they skip what they need and
do not have.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cablecli.check.marks import Marks
    from cablecli.model import Cable

__all__ = [
    "RULES",
    "SEVERITIES",
    "CableLines",
    "CheckResult",
    "Violation",
    "check_cable",
    "example_cable",
    "examples",
    "matches",
    "run_checks",
    "selected_rules",
    "severity_rank",
]

# Ascending: `--severity warning` reports warnings and errors.
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem a rule found: 1-based line and column in the cable text (None: the whole cable)."""

    rule: str
    severity: str
    message: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


class CableLines(list[str]):
    """The cable text split into lines, with the header and preamble landmarks found on first use."""

    def __init__(self, cable: Cable) -> None:
        super().__init__(cable.text.split("\n"))
        self._cable = cable

    @cached_property
    def marks(self) -> Marks:
        from cablecli.check.marks import find_marks

        return find_marks(self, self._cable)


def _load_rules() -> dict[str, ModuleType]:
    from cablecli.check import rules as package

    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found[module.ID] = module
    return dict(sorted(found.items(), key=lambda item: _rule_order(item[0])))


# Areas in the order of cable-format.md section 5; rules of another area come after them.
_AREAS = ("HDR", "CLS", "EO", "CBY", "TAG", "SUB", "REF", "PAR", "SUM", "SIG", "TXT")


def _rule_order(rule_id: str) -> tuple[int, str]:
    area = rule_id.rstrip("0123456789")
    return (_AREAS.index(area) if area in _AREAS else len(_AREAS), rule_id)


RULES: dict[str, ModuleType] = _load_rules()


def matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """Does `rule_id` match one of `patterns`, each a rule id or a prefix (`HDR`, `TAG00`, `ALL`)?"""
    for pattern in patterns:
        p = pattern.strip().upper()
        if p == "ALL" or (p and rule_id.startswith(p)):
            return True
    return False


def selected_rules(
    select: Sequence[str] | None = None, ignore: Sequence[str] | None = None, min_severity: str = "info"
) -> list[ModuleType]:
    """The rules to run: those `select` names (all when it is empty), minus `ignore`, at `min_severity`+."""
    floor = severity_rank(min_severity)
    return [
        rule
        for rule_id, rule in RULES.items()
        if (not select or matches(rule_id, select))
        and not (ignore and matches(rule_id, ignore))
        and severity_rank(rule.SEVERITY) >= floor
    ]


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    """The patterns that match no rule (a typo in `--select HDX`)."""
    return [p for p in patterns if p.strip() and not any(matches(r, [p]) for r in RULES)]


def _run(rule: ModuleType, cable: Cable, lines: CableLines) -> Iterator[Violation]:
    try:
        yield from rule.check(cable, lines)
    except Exception as exc:  # a rule bug must not end a run over a corpus: report it as a finding
        yield Violation(rule.ID, "error", f"internal error in rule: {type(exc).__name__}: {exc}")


def run_checks(
    cable: Cable,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    min_severity: str = "info",
    rules: Sequence[ModuleType] | None = None,
) -> list[Violation]:
    """Every violation of the selected rules in one cable, sorted by line, column and rule id."""
    lines = CableLines(cable)
    chosen = rules if rules is not None else selected_rules(select, ignore, min_severity)
    floor = severity_rank(min_severity)
    found = [v for rule in chosen for v in _run(rule, cable, lines) if severity_rank(v.severity) >= floor]
    return sorted(found, key=lambda v: (v.line or 0, v.column or 0, v.rule))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The violations of one cable and where the cable came from; small and picklable for workers."""

    path: str | None
    format: str | None
    index: int
    reference_id: str | None
    violations: tuple[Violation, ...]


def check_cable(
    cable: Cable,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    min_severity: str = "info",
) -> CheckResult:
    """run_checks, packed with the cable's source: the transform that `check` hands to parse_stream."""
    found = run_checks(cable, select, ignore, min_severity)
    s = cable.source
    if s.line > 1:  # a later cable of a text file: report the file's own line numbers
        found = [replace(v, line=v.line + s.line - 1) if v.line else v for v in found]
    return CheckResult(s.path, s.format, s.index, cable.reference_id, tuple(found))


_EXAMPLE_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")


def examples(rule: ModuleType) -> tuple[str, str]:
    """The "Passing:" and "Failing:" example texts of a rule's docstring (indented blocks, dedented)."""
    doc = rule.__doc__ or ""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.split("\n"):
        if line.strip() in ("Passing:", "Failing:"):
            current = blocks.setdefault(line.strip()[:-1], [])
        elif current is not None:
            if line.strip() and not line.startswith("    "):
                current = None
            else:
                current.append(line)
    return tuple(
        textwrap.dedent("\n".join(blocks.get(k, []))).strip("\n") + "\n" for k in ("Passing", "Failing")
    )


def example_cable(text: str) -> Cable:
    """An example text as a cable, read as the file `08BAKU187.txt`; `\\xNN` stands for that character."""
    from cablecli.model import Source
    from cablecli.parse import parse_text

    text = _EXAMPLE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return parse_text(text, Source(path="08BAKU187.txt", format="text", index=0))
