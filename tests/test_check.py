"""`check`: every rule's passing and failing example, the runner on fragments, the CLI's options,
formats, exit codes and pyproject settings, and docs/rules.md kept in step with the rules."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablecli.check import RULES, SEVERITIES, example_cable, examples, matches, run_checks, selected_rules
from cablecli.check.config import ConfigError, find_config
from cablecli.cli import app
from cablecli.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]
BAKU = ROOT / "examples" / "08BAKU187.txt"

# A small cable that passes every rule: the failing cases below each break one thing in it.
CLEAN = """\
VZCZCXYZ0659
PP RUEHWEB
DE RUEHKB #0187/01 0641355
ZNY CCCCC ZZH
P 041355Z MAR 08
FM AMEMBASSY BAKU
TO RUEHC/SECSTATE WASHDC PRIORITY 4855
INFO RUCNCIS/CIS COLLECTIVE PRIORITY

C O N F I D E N T I A L BAKU 000187

SIPDIS

E.O. 12958: DECL: 02/21/2018
TAGS: PGOV PREL PBTS UN AJ
SUBJECT: DFM AZIMOV REQUESTS USG SUPPORT

REF: A. STATE 21209 B. 08 BAKU 155

Classified By: Ambassador Anne E. Derse for reasons 1.4 (b) and (d).

1. (C) Summary: As asked in REF A, the minister asked for support. End Summary.

2. (C) Comment: He meant it. End Comment.

DERSE
"""


def write(tmp_path: Path, text: str, name: str = "08BAKU187.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str, env: dict[str, str] | None = None):
    env = {"GITHUB_ACTIONS": "", "NO_COLOR": "", **(env or {})}
    return CliRunner().invoke(app, ["check", *args], env=env)


# --- the rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_module_interface(rule_id):
    rule = RULES[rule_id]
    assert rule.__name__.rsplit(".", 1)[-1] == rule_id.lower()
    assert rule.SEVERITY in SEVERITIES
    assert rule.SUMMARY and "\n" not in rule.SUMMARY
    assert "Passing:" in rule.__doc__ and "Failing:" in rule.__doc__


@pytest.mark.parametrize("rule_id", list(RULES))
def test_passing_example_draws_nothing(rule_id):
    passing, _ = examples(RULES[rule_id])
    assert run_checks(example_cable(passing), select=[rule_id]) == []


@pytest.mark.parametrize("rule_id", list(RULES))
def test_failing_example_is_reported(rule_id):
    _, failing = examples(RULES[rule_id])
    found = run_checks(example_cable(failing), select=[rule_id])
    assert found and {v.rule for v in found} == {rule_id}
    assert all(v.line is None or v.line >= 1 for v in found)
    assert not any("internal error" in v.message for v in found)


def test_the_clean_cable_passes_every_rule():
    assert run_checks(example_cable(CLEAN)) == []


def test_the_reference_example_draws_only_its_iso_tag():
    found = run_checks(parse_text(BAKU.read_text(encoding="utf-8")))
    assert [(v.rule, v.severity) for v in found] == [("TAG003", "warning")]
    assert "AJ" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "VZCZCXYZ0659\n",
        "DE RUEHKB #\nZNY\nP 999999Z XXX 08\nFM\nTO\n",
        "C O N F I D E N T I A L\n",
        "1. (S/NF) A body alone.\n2.\n",
        "TAGS:\nSUBJECT:\nREF: A.\nClassified By:\n",
        "E.O. 12958: DECL: 99/99/9999\n",
        "UNCLAS SECTION 09 OF 02 X 1\n\nX 00000001  003 OF 001\n",
        "\x00\x0c\x1b garbage ¶¶¶ (((\n",
    ],
)
def test_rules_never_crash_on_fragments(text):
    found = run_checks(parse_text(text))
    assert not any("internal error" in v.message for v in found)


def test_violations_are_sorted_by_line():
    text = CLEAN.replace("PP RUEHWEB", "PX RUEHWEB").replace("TAGS: PGOV", "TAGS: pgov")
    lines = [v.line for v in run_checks(example_cable(text))]
    assert lines == sorted(lines) and len(lines) >= 2


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (("PP RUEHWEB", "OO RUEHWEB"), "HDR003"),
        (("#0187/01", "#0188/01"), "HDR005"),
        (("ZNY CCCCC", "ZNY SSSSS"), "HDR007"),
        (("TAGS: PGOV PREL PBTS UN AJ\n", ""), "TAG001"),
        (("TAGS: PGOV", "TAGS PGOV"), "TAG001"),
        (("SUBJECT: DFM", "SUBJ: DFM"), "SUB001"),
        (("1. (C) Summary", "1. (S) Summary"), "CLS003"),
        (("DECL: 02/21/2018", "DECL: 02/21/2006"), "EO002"),
        (("\nDERSE\n", "\n"), "SIG001"),
        (("2. (C) Comment", "2. Comment"), "PAR002"),
        (("2. (C)", "3. (C)"), "PAR001"),
        (("REF A", "REF C"), "REF002"),
        (("End Comment.", "."), "SUM001"),
        (("UN AJ", "UN AZ"), "TAG003"),
        (("UN AJ", "UN AJ PGOV"), "TAG004"),
        (("for reasons 1.4 (b) and (d).", "."), "CBY001"),
        (("DECL: 02/21/2018", "N/A"), "EO001"),
    ],
)
def test_one_defect_one_rule(change, rule):
    found = run_checks(example_cable(CLEAN.replace(*change)))
    assert rule in {v.rule for v in found}, found


def test_severity_floor_and_prefix_selection():
    text = CLEAN.replace("TAGS: PGOV", "TAGS PGOV").replace("UN AJ", "UN AZ")
    cable = example_cable(text)
    assert {v.severity for v in run_checks(cable)} == {"info", "warning"}
    assert {v.severity for v in run_checks(cable, min_severity="warning")} == {"warning"}
    assert {v.rule for v in run_checks(cable, select=["TAG"], ignore=["TAG003"])} == {"TAG001"}
    assert matches("TAG003", ["TAG"]) and matches("TAG003", ["tag003"]) and not matches("TAG003", ["HDR"])
    assert [r.ID for r in selected_rules(["HDR00"], ["HDR001"])][:2] == ["HDR002", "HDR003"]


# --- the command ---------------------------------------------------------------------------------


def test_text_output_and_exit_status_1_on_an_error(tmp_path):
    path = write(tmp_path, CLEAN.replace("TAGS: PGOV PREL PBTS UN AJ\n", ""))
    r = run(path)
    assert r.exit_code == 1
    assert r.stdout == f"{path}:15:1: TAG001 no TAGS line\n"


def test_exit_status_0_on_warnings_and_info_only(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    r = run(path)
    assert r.exit_code == 0
    assert "TAG003" in r.stdout


def test_fail_on_warning(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    assert run(path, "--fail-on", "warning").exit_code == 1
    assert run(path, "--fail-on", "warning", "--ignore", "TAG003").exit_code == 0


def test_severity_hides_but_fail_on_still_counts(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    r = run(path, "--severity", "error", "--fail-on", "warning")
    assert r.stdout == "" and r.exit_code == 1


def test_select_and_ignore_take_prefixes_and_lists(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ PGOV").replace("TAGS: PGOV", "TAGS PGOV"))
    rules = lambda r: sorted({line.split()[1] for line in r.stdout.splitlines()})  # noqa: E731
    assert rules(run(path)) == ["TAG001", "TAG003", "TAG004"]
    assert rules(run(path, "--select", "TAG003,TAG004")) == ["TAG003", "TAG004"]
    assert rules(run(path, "--select", "TAG", "--ignore", "TAG00", "--select", "HDR")) == []
    assert rules(run(path, "--ignore", "TAG001", "--ignore", "TAG004")) == ["TAG003"]


def test_unknown_rule_is_a_usage_error(tmp_path):
    r = run(write(tmp_path, CLEAN), "--select", "HDX")
    assert r.exit_code == 2 and "HDX" in r.stderr


def test_unreadable_input_exits_2_and_others_are_checked(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    r = run(str(tmp_path / "missing.txt"), path)
    assert r.exit_code == 2
    assert "missing.txt" in r.stderr and "TAG003" in r.stdout


def test_json_format(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    r = run(path, "-f", "json")
    records = json.loads(r.stdout)
    assert records == [
        {
            "path": path,
            "index": 0,
            "reference_id": "08BAKU187",
            "rule": "TAG003",
            "severity": "warning",
            "message": records[0]["message"],
            "line": 15,
            "column": 25,
        }
    ]
    assert json.loads(run(write(tmp_path, CLEAN, "clean.txt"), "-f", "json").stdout) == []


def test_github_format_and_its_automatic_choice(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ").replace("TAGS: PGOV", "TAGS PGOV"))
    r = run(path, "-f", "github")
    lines = r.stdout.splitlines()
    notice = "TAGS keyword written 'TAGS', not 'TAGS:'"
    assert lines[0] == f"::notice file={path},line=15,col=1,title=TAG001::{notice}"
    assert lines[1].startswith(f"::warning file={path},line=15,col=24,title=TAG003::AZ is not")
    assert run(path, env={"GITHUB_ACTIONS": "true"}).stdout == r.stdout
    assert run(path, "-f", "text", env={"GITHUB_ACTIONS": "true"}).stdout.startswith(f"{path}:15:1: TAG001")


def test_github_escapes_its_separators(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"), "a,b:c.txt")
    r = run(path, "-f", "github")
    assert "file=" + path.replace(",", "%2C").replace(":", "%3A") + ",line=" in r.stdout


def test_sarif_format(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    log = json.loads(run(path, "-f", "sarif").stdout)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "TAG003" and result["level"] == "warning"
    assert driver["rules"][result["ruleIndex"]]["id"] == "TAG003"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 15, "startColumn": 25}


def test_statistics_replace_the_list(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ AZ PGOV"))
    r = run(path, "--statistics")
    assert r.stdout.splitlines() == [
        f"2  TAG004  {RULES['TAG004'].SUMMARY}",
        f"1  TAG003  {RULES['TAG003'].SUMMARY}",
    ]
    rows = json.loads(run(path, "--statistics", "-f", "json").stdout)
    assert [(x["rule"], x["count"]) for x in rows] == [("TAG004", 2), ("TAG003", 1)]


def test_several_cables_in_a_file_name_their_reference_id(tmp_path):
    second = CLEAN.replace("BAKU 000187", "BAKU 000188").replace("#0187", "#0188").replace("UN AJ", "UN AZ")
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ") + second, "two.txt")
    lines = run(path).stdout.splitlines()
    assert lines == [
        f"{path}:15:25: TAG003 {lines[0].split(' TAG003 ')[1].split(' [')[0]} [08BAKU187]",
        # the second cable's line counts from the top of the file, not of its own text
        f"{path}:{15 + CLEAN.count(chr(10))}:25: TAG003 {lines[1].split(' TAG003 ')[1].split(' [')[0]} [08BAKU188]",
    ]
    records = json.loads(run(path, "-f", "json").stdout)
    assert [(x["index"], x["reference_id"]) for x in records] == [(0, "08BAKU187"), (1, "08BAKU188")]


def test_color_only_when_asked(tmp_path):
    path = write(tmp_path, CLEAN.replace("UN AJ", "UN AZ"))
    assert "\x1b[" not in run(path).stdout
    assert "\x1b[1;33mTAG003\x1b[0m" in run(path, "--color", "always").stdout


def test_list_rules():
    r = run("--list-rules")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == len(RULES)


def test_parallel_workers_give_the_same_output(tmp_path):
    for k in range(5):
        write(tmp_path, CLEAN.replace("UN AJ", "UN AZ").replace("000187", f"00018{k}"), f"c{k}.txt")
    assert run(str(tmp_path), "-j", "2").stdout == run(str(tmp_path)).stdout


# --- pyproject settings ---------------------------------------------------------------------------


def test_pyproject_settings_found_upward(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cablecli.check]\nselect = ["TAG"]\nignore = "TAG004"\n'
        'severity = "warning"\nfail-on = "warning"\n'
    )
    sub = tmp_path / "cables" / "deep"
    sub.mkdir(parents=True)
    path = write(sub, CLEAN.replace("UN AJ", "UN AZ PGOV").replace("TAGS: PGOV", "TAGS PGOV"))
    monkeypatch.chdir(sub)
    config = find_config()
    settings = (config.select, config.ignore, config.severity, config.fail_on)
    assert settings == (["TAG"], ["TAG004"], "warning", "warning")
    r = run(path)
    assert [line.split()[1] for line in r.stdout.splitlines()] == ["TAG003"]
    assert r.exit_code == 1
    # Options override the file.
    r = run(path, "--select", "TAG004", "--severity", "info", "--ignore", "HDR")
    assert [line.split()[1] for line in r.stdout.splitlines()] == ["TAG004"]
    assert r.exit_code == 0  # fail-on still comes from the file (warning); TAG004 is info


def test_pyproject_without_the_table_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.cablecli.check]\nignore = ["TAG"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    monkeypatch.chdir(inner)
    assert find_config().ignore == ["TAG"]


@pytest.mark.parametrize(
    "table",
    ['select = ["NOPE"]', 'severity = "fatal"', 'colour = "always"', "select = 3", "[[broken"],
)
def test_bad_pyproject_settings_are_a_usage_error(tmp_path, monkeypatch, table):
    (tmp_path / "pyproject.toml").write_text(f"[tool.cablecli.check]\n{table}\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError):
        find_config()
    r = run(write(tmp_path, CLEAN))
    assert r.exit_code == 2 and "pyproject.toml" in r.stderr


# --- documentation --------------------------------------------------------------------------------


def _load_script(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_doc_is_up_to_date():
    script = _load_script(ROOT / "scripts" / "gen_rules_doc.py")
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == script.render(), "docs/rules.md is stale: run `python scripts/gen_rules_doc.py`"


def test_pre_commit_hook_runs_check():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: cablecli-check" in text and "entry: cablecli check" in text and "language: python" in text


def test_lines_of_a_later_cable_in_a_text_file_are_the_files_own(tmp_path):
    baku = (Path(__file__).resolve().parents[1] / "examples" / "08BAKU187.txt").read_text(encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(baku + baku, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(two), "--select", "TAG003", "-f", "json"])
    lines = [p["line"] for p in json.loads(r.stdout)]
    file_lines = two.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0] != lines[1]
    assert all(file_lines[n - 1].startswith("TAGS:") for n in lines)


# --- as ruff: extend-select/extend-ignore, --exit-zero, --config, exclude, per-file-ignores, gitlab, junit


AZ_AND_TAGS_KEYWORD = CLEAN.replace("UN AJ", "UN AZ PGOV").replace("TAGS: PGOV", "TAGS PGOV")


def _rules(r) -> list[str]:
    return sorted({line.split()[1] for line in r.stdout.splitlines()})


def test_extend_ignore_adds_to_the_settings_where_ignore_replaces_them(tmp_path, monkeypatch):
    # The documented pre-commit example passes rules to leave out; it must not cancel the project's.
    (tmp_path / "pyproject.toml").write_text('[tool.cablecli.check]\nignore = ["TAG003"]\n')
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, AZ_AND_TAGS_KEYWORD)
    assert _rules(run(path)) == ["TAG001", "TAG004"]
    assert _rules(run(path, "--extend-ignore", "TAG004")) == ["TAG001"]
    assert _rules(run(path, "--ignore", "TAG004")) == ["TAG001", "TAG003"]  # replaces the list


def test_extend_select_adds_to_select(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.cablecli.check]\nselect = ["TAG001"]\n')
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, AZ_AND_TAGS_KEYWORD)
    assert _rules(run(path)) == ["TAG001"]
    assert _rules(run(path, "--extend-select", "TAG003")) == ["TAG001", "TAG003"]
    assert _rules(run(path, "--select", "TAG004", "--extend-select", "TAG003")) == ["TAG003", "TAG004"]
    assert run(path, "--extend-select", "NOPE").exit_code == 2


def test_exit_zero(tmp_path):
    path = write(tmp_path, CLEAN.replace("TAGS: PGOV PREL PBTS UN AJ\n", ""))
    assert run(path).exit_code == 1
    r = run(path, "--exit-zero")
    assert r.exit_code == 0 and "TAG001" in r.stdout
    assert run(path, str(tmp_path / "missing.txt"), "--exit-zero").exit_code == 2


def test_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cablecli.check]\nignore = ["TAG"]\n')
    own = tmp_path / "cablecli.toml"
    own.write_text('select = ["TAG003"]\n')
    path = write(tmp_path, AZ_AND_TAGS_KEYWORD)
    assert _rules(run(path)) == []
    assert _rules(run(path, "--config", str(own))) == ["TAG003"]
    other = tmp_path / "other.toml"
    other.write_text('[tool.cablecli.check]\nselect = ["TAG004"]\n')
    assert _rules(run(path, "--config", str(other))) == ["TAG004"]
    r = run(path, "--config", str(tmp_path / "nope.toml"))
    assert r.exit_code == 2 and "nope.toml" in r.stderr and "Traceback" not in r.stderr


def test_exclude_and_per_file_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cablecli.check]\nexclude = ["drafts", "*.md"]\n'
        '[tool.cablecli.check.per-file-ignores]\n"old/*.txt" = ["TAG003"]\n"08BAKU187.txt" = ["TAG004"]\n'
    )
    for folder in ("cables", "cables/drafts", "cables/old"):
        (tmp_path / folder).mkdir()
    write(tmp_path / "cables", AZ_AND_TAGS_KEYWORD, "a.txt")
    write(tmp_path / "cables", AZ_AND_TAGS_KEYWORD, "b.md")
    write(tmp_path / "cables/drafts", AZ_AND_TAGS_KEYWORD, "c.txt")
    write(tmp_path / "cables/old", AZ_AND_TAGS_KEYWORD, "d.txt")
    write(tmp_path / "cables", AZ_AND_TAGS_KEYWORD, "08BAKU187.txt")
    r = run("cables", "-f", "json")
    found = {(Path(p["path"]).name, p["rule"]) for p in json.loads(r.stdout)}
    assert {name for name, _ in found} == {"a.txt", "d.txt", "08BAKU187.txt"}
    assert ("d.txt", "TAG003") not in found and ("d.txt", "TAG004") in found
    assert ("08BAKU187.txt", "TAG004") not in found and ("08BAKU187.txt", "TAG003") in found
    assert ("a.txt", "TAG003") in found and ("a.txt", "TAG004") in found


def test_gitlab_code_quality_format(tmp_path):
    path = write(tmp_path, AZ_AND_TAGS_KEYWORD)
    r = run(path, "-f", "gitlab")
    report = json.loads(r.stdout)
    assert {p["check_name"] for p in report} == {"TAG001", "TAG003", "TAG004"}
    for p in report:
        assert set(p) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert p["location"]["path"] == path and p["location"]["lines"]["begin"] >= 1
        assert p["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert len({p["fingerprint"] for p in report}) == len(report)
    assert json.loads(run(path, "-f", "gitlab").stdout) == report  # stable across runs
    assert json.loads(run(write(tmp_path, CLEAN, "clean.txt"), "-f", "gitlab").stdout) == []


def test_junit_format(tmp_path):
    from xml.etree import ElementTree as ET

    path = write(tmp_path, AZ_AND_TAGS_KEYWORD)
    root = ET.fromstring(run(path, "-f", "junit").stdout)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [path]
    failures = [c.find("failure").get("type") for c in suites[0].findall("testcase")]
    assert sorted(failures) == ["TAG001", "TAG003", "TAG004"]
    clean = ET.fromstring(run(write(tmp_path, CLEAN, "clean.txt"), "-f", "junit").stdout)
    assert clean.find("testsuite").get("failures") == "0"


def test_pre_commit_hook_files_pattern_leaves_other_files_alone():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hooks[0]["files"])  # pre-commit matches it with re.search
    for name in (
        "cables/notes.txt",
        "archive/cables/x.html",
        "08BAKU187.txt",
        "docs/1974ATHENS02959_b.html",
        "cables.csv",
        "data/cables.csv.gz",
        "09PARIS1007.md.gz",
    ):
        assert pattern.search(name), name
    for name in (
        "README.md",
        "docs/usage.md",
        "requirements.txt",
        "index.html",
        "LICENSE.txt",
        "notes/2024.md",
    ):
        assert not pattern.search(name), name
