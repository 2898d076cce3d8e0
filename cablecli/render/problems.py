"""`check` output: text lines, a JSON array, GitHub workflow commands, SARIF 2.1.0, GitLab, JUnit.

Every writer takes CheckResults one cable at a time (`write(result, several)`, where `several` says
that the cable's file holds more than one, so its reference id is shown) and finishes with `close()`.
Only the standard library is used: the output is for tools as much as for people.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import PurePath
from types import ModuleType
from typing import TextIO
from urllib.parse import quote

from cablecli.check import CheckResult
from cablecli.render.safe import visible

_ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_GITHUB = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _one_line(text: str) -> str:
    return " ".join(visible(text).split())


def _path(result: CheckResult) -> str:
    return result.path or "-"


class TextWriter:
    """`path:line:col: ID message`, the rule id coloured by severity on a terminal."""

    def __init__(self, out: TextIO, color: bool = False) -> None:
        self.out, self.color = out, color

    def write(self, result: CheckResult, several: bool = False) -> None:
        # Paths and reference ids (a CSV row's column) may hold control characters too.
        suffix = f" [{_one_line(result.reference_id or f'#{result.index}')}]" if several else ""
        for v in result.violations:
            rule = f"{_ANSI[v.severity]}{v.rule}{_RESET}" if self.color else v.rule
            where = f"{visible(_path(result))}:{v.line or 1}:{v.column or 1}:"
            if self.color:
                where = f"{_BOLD}{where}{_RESET}"
            self.out.write(f"{where} {rule} {_one_line(v.message)}{suffix}\n")

    def close(self) -> None:
        pass


class JsonWriter:
    """One JSON array, streamed: an object per problem."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.first = out, True
        out.write("[")

    def write(self, result: CheckResult, several: bool = False) -> None:
        for v in result.violations:
            record = {"path": result.path, "index": result.index, "reference_id": result.reference_id,
                      **v.to_dict()}  # fmt: skip
            self.out.write(("\n" if self.first else ",\n") + json.dumps(record, ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubWriter:
    """GitHub Actions workflow commands: `::error file=...,line=N,col=C,title=ID::message`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, result: CheckResult, several: bool = False) -> None:
        suffix = f" [{result.reference_id or f'#{result.index}'}]" if several else ""
        for v in result.violations:
            props = f"file={_github_property(_path(result))},line={v.line or 1},col={v.column or 1}"
            props += f",title={_github_property(v.rule)}"
            self.out.write(f"::{_GITHUB[v.severity]} {props}::{_github_data(v.message + suffix)}\n")

    def close(self) -> None:
        pass


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def sarif_rules(rules: Mapping[str, ModuleType]) -> list[dict[str, object]]:
    return [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": rule.SUMMARY},
            "fullDescription": {"text": _first_paragraph(rule.__doc__)},
            "defaultConfiguration": {"level": _SARIF[rule.SEVERITY]},
            "properties": {"severity": rule.SEVERITY},
        }
        for rule_id, rule in rules.items()
    ]


class SarifWriter:
    """SARIF 2.1.0 for code-scanning tools: one run, the rule registry as `tool.driver.rules`."""

    def __init__(self, out: TextIO, rules: Mapping[str, ModuleType], version: str) -> None:
        self.out, self.rules, self.version = out, rules, version
        self.index = {rule_id: k for k, rule_id in enumerate(rules)}
        self.results: list[dict[str, object]] = []

    def write(self, result: CheckResult, several: bool = False) -> None:
        uri = quote(os.fsencode(PurePath(_path(result)).as_posix()))
        for v in result.violations:
            entry: dict[str, object] = {
                "ruleId": v.rule,
                "level": _SARIF[v.severity],
                "message": {"text": v.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {"startLine": v.line or 1, "startColumn": v.column or 1},
                        }
                    }
                ],
            }
            if v.rule in self.index:
                entry["ruleIndex"] = self.index[v.rule]
            if several or result.reference_id:
                entry["properties"] = {"referenceId": result.reference_id, "index": result.index}
            self.results.append(entry)

    def close(self) -> None:
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "cablecli",
                            "version": self.version,
                            "rules": sarif_rules(self.rules),
                        }
                    },
                    "results": self.results,
                }
            ],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


_GITLAB = {"error": "major", "warning": "minor", "info": "info"}


class GitlabWriter:
    """GitLab code quality report: a JSON array of {description, check_name, fingerprint, severity,
    location: {path, lines: {begin}}}, streamed; the fingerprint is stable across runs."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.first = out, True
        self.seen: Counter[str] = Counter()
        out.write("[")

    def write(self, result: CheckResult, several: bool = False) -> None:
        import hashlib

        suffix = f" [{result.reference_id or f'#{result.index}'}]" if several else ""
        for v in result.violations:
            key = "\0".join((_path(result), str(result.index), v.rule, v.message))
            self.seen[key] += 1  # the same problem twice in a cable still needs two fingerprints
            digest = hashlib.sha256(f"{key}\0{self.seen[key]}".encode("utf-8", "surrogateescape"))
            record = {
                "description": f"{v.rule} {v.message}{suffix}",
                "check_name": v.rule,
                "fingerprint": digest.hexdigest()[:32],
                "severity": _GITLAB[v.severity],
                "location": {"path": _path(result), "lines": {"begin": v.line or 1}},
            }
            self.out.write(("\n" if self.first else ",\n") + json.dumps(record, ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


class JunitWriter:
    """JUnit XML for CI test reports: a test suite per file, a failing test case per problem."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.suites: dict[str, list[tuple[CheckResult, object]]] = {}

    def write(self, result: CheckResult, several: bool = False) -> None:
        self.suites.setdefault(_path(result), []).extend((result, v) for v in result.violations)

    def close(self) -> None:
        from xml.etree import ElementTree as ET

        total = sum(len(cases) for cases in self.suites.values())
        root = ET.Element("testsuites", name="cablecli check", tests=str(total), failures=str(total))
        if not self.suites:
            suite = ET.SubElement(root, "testsuite", name="cablecli check", tests="1", failures="0")
            ET.SubElement(suite, "testcase", name="no problems", classname="cablecli.check")
        for path, cases in self.suites.items():
            suite = ET.SubElement(
                root, "testsuite", name=_xml_safe(path), tests=str(len(cases)), failures=str(len(cases))
            )
            for result, v in cases:
                where = f"{path}:{v.line or 1}:{v.column or 1}"  # type: ignore[attr-defined]
                label = f" [{result.reference_id}]" if result.reference_id else ""
                case = ET.SubElement(
                    suite, "testcase", name=_xml_safe(f"{v.rule} {where}{label}"),  # type: ignore[attr-defined]
                    classname=f"cablecli.check.{v.rule}",  # type: ignore[attr-defined]
                )  # fmt: skip
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=v.rule,
                    message=_xml_safe(v.message),  # type: ignore[attr-defined]
                )
                failure.text = _xml_safe(f"{where}: {v.rule} {v.message}")  # type: ignore[attr-defined]
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot hold most control characters, even escaped: show them as visible() does.
    return visible(text)


def write_statistics(
    out: TextIO, counts: Counter[str], rules: Mapping[str, ModuleType], as_json: bool = False
) -> None:
    """`count  ID  summary` per rule that fired, most frequent first (ruff's --statistics)."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        rows = [
            {
                "rule": rule_id,
                "severity": _severity(rules, rule_id),
                "count": n,
                "summary": _summary(rules, rule_id),
            }
            for rule_id, n in ordered
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return
    width = max((len(str(n)) for _, n in ordered), default=1)
    for rule_id, n in ordered:
        out.write(f"{n:>{width}}  {rule_id:<6}  {_summary(rules, rule_id)}\n")


def _summary(rules: Mapping[str, ModuleType], rule_id: str) -> str:
    return rules[rule_id].SUMMARY if rule_id in rules else ""


def _severity(rules: Mapping[str, ModuleType], rule_id: str) -> str | None:
    return rules[rule_id].SEVERITY if rule_id in rules else None
