"""`[tool.cablecli.check]` in the nearest pyproject.toml, upward from the working directory.

    [tool.cablecli.check]
    select = ["HDR", "TAG"]      # or "HDR,TAG"
    ignore = ["SIG001"]
    severity = "warning"         # the least severe problem to report
    fail-on = "error"            # the least severe problem that fails the run

Like ruff, the nearest pyproject.toml that has the table wins; options on the command line override
it. Anything wrong in the table is a ConfigError, which the CLI reports as a usage error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cablecli.check import SEVERITIES, unknown_patterns

KEYS = ("select", "ignore", "severity", "fail-on")


class ConfigError(ValueError):
    """The `[tool.cablecli.check]` table has an unknown key or a bad value."""


@dataclass(frozen=True)
class CheckConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: str | None = None
    fail_on: str | None = None
    path: Path | None = None  # the pyproject.toml it came from


def find_config(start: Path | None = None) -> CheckConfig:
    """The settings of the nearest pyproject.toml with a `[tool.cablecli.check]` table, or defaults."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{candidate}: {exc}") from exc
        table = data.get("tool", {}).get("cablecli", {}).get("check")
        if table is not None:
            return parse_table(table, candidate)
    return CheckConfig()


def split_patterns(value: object, where: str = "") -> list[str]:
    """`"HDR,TAG003"`, `["HDR", "TAG003"]` or repeated options -> ["HDR", "TAG003"]."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{where}expected a rule id, a prefix, or a list of them")
    return [p.strip().upper() for item in items for p in item.split(",") if p.strip()]


def check_severity(value: object, where: str) -> str:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise ConfigError(f"{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return value.lower()


def parse_table(table: object, path: Path | None = None) -> CheckConfig:
    where = f"{path}: [tool.cablecli.check] " if path else "[tool.cablecli.check] "
    if not isinstance(table, dict):
        raise ConfigError(f"{where}is not a table")
    unknown = [k for k in table if k.replace("_", "-") not in KEYS]
    if unknown:
        raise ConfigError(f"{where}unknown key(s) {', '.join(unknown)}; keys are {', '.join(KEYS)}")
    values = {k.replace("_", "-"): v for k, v in table.items()}
    select = split_patterns(values.get("select"), f"{where}select: ")
    ignore = split_patterns(values.get("ignore"), f"{where}ignore: ")
    bad = unknown_patterns(select + ignore)
    if bad:
        raise ConfigError(f"{where}no rule matches {', '.join(bad)}")
    severity = check_severity(values["severity"], f"{where}severity") if "severity" in values else None
    fail_on = check_severity(values["fail-on"], f"{where}fail-on") if "fail-on" in values else None
    return CheckConfig(select, ignore, severity, fail_on, path)
