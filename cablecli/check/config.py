"""`[tool.cablecli.check]` in the nearest pyproject.toml, upward from the working directory.

    [tool.cablecli.check]
    select = ["HDR", "TAG"]      # or "HDR,TAG"
    ignore = ["SIG001"]
    extend-select = ["SUB"]      # added to select (rarely needed in a file; the CLI has it too)
    extend-ignore = ["REF"]      # added to ignore
    severity = "warning"         # the least severe problem to report
    fail-on = "error"            # the least severe problem that fails the run
    exclude = ["drafts", "*.html"]           # files and folders skipped while walking
    per-file-ignores = {"old/*.txt" = ["SIG001"]}

Like ruff, the nearest pyproject.toml that has the table wins (or the file given with `--config`:
a pyproject.toml, or a TOML file whose top level holds these keys); options on the command line
override it. Anything wrong in the table is a ConfigError, which the CLI reports as a usage error.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from cablecli.check import SEVERITIES, unknown_patterns

KEYS = (
    "select", "ignore", "extend-select", "extend-ignore", "severity", "fail-on",
    "exclude", "per-file-ignores",
)  # fmt: skip


class ConfigError(ValueError):
    """The `[tool.cablecli.check]` table has an unknown key or a bad value."""


@dataclass(frozen=True)
class CheckConfig:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: str | None = None
    fail_on: str | None = None
    path: Path | None = None  # the pyproject.toml it came from
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)

    def ignored_for(self, path: str | None) -> list[str]:
        """The rules `per-file-ignores` turns off for the file at `path`.

        A glob without `/` is matched against the file name, one with `/` against the end of the
        path below the settings file's folder (`old/*.txt` takes in `cables/old/a.txt`).
        """
        if not self.per_file_ignores or not path:
            return []
        name = os.path.basename(path)
        relative = path
        if self.path is not None:
            try:
                relative = os.path.relpath(os.path.abspath(path), self.path.parent.resolve())
            except ValueError:  # another drive
                relative = path
        relative = relative.replace(os.sep, "/")
        found: list[str] = []
        for glob, rules in self.per_file_ignores.items():
            if "/" in glob.rstrip("/"):
                g = glob.removeprefix("./").removeprefix("**/")
                hit = fnmatchcase(relative, g) or fnmatchcase(relative, "*/" + g)
            else:
                hit = fnmatchcase(name, glob)
            if hit:
                found.extend(rules)
        return found


def load_config(path: Path) -> CheckConfig:
    """The settings of the file given with `--config`: a pyproject.toml or a TOML file of the keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{path}: {reason}") from exc
    table = data.get("tool", {}).get("cablecli", {}).get("check")
    if table is None:
        if "tool" in data:
            raise ConfigError(f"{path}: no [tool.cablecli.check] table")
        table = data
    return parse_table(table, path)


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
    extend_select = split_patterns(values.get("extend-select"), f"{where}extend-select: ")
    extend_ignore = split_patterns(values.get("extend-ignore"), f"{where}extend-ignore: ")
    per_file = values.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}per-file-ignores: expected a table of glob = [rule ids]")
    per_file_ignores = {
        str(glob): split_patterns(rules, f"{where}per-file-ignores {glob!r}: ")
        for glob, rules in per_file.items()
    }
    bad = unknown_patterns(
        select + ignore + extend_select + extend_ignore + [r for rs in per_file_ignores.values() for r in rs]
    )
    if bad:
        raise ConfigError(f"{where}no rule matches {', '.join(bad)}")
    exclude = values.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(isinstance(g, str) for g in exclude):
        raise ConfigError(f"{where}exclude: expected a list of globs")
    severity = check_severity(values["severity"], f"{where}severity") if "severity" in values else None
    fail_on = check_severity(values["fail-on"], f"{where}fail-on") if "fail-on" in values else None
    return CheckConfig(
        select, ignore, severity, fail_on, path, extend_select, extend_ignore, exclude, per_file_ignores
    )
