"""`cablecli check`: the rules live in cablecli/check/, the output writers in render/problems.py."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from cablecli import __version__
from cablecli.commands.app import app
from cablecli.commands.common import (
    ExitCode,
    Run,
    cable_source,
    fail,
    one_line,
    output,
)
from cablecli.commands.options import (
    Color,
    ColorOpt,
    FollowOpt,
    InputFormatOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
)


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"


class Severity(enum.StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


def _check_patterns(values: list[str] | None) -> list[str] | None:
    """Repeated and comma-separated `--select`/`--ignore` values; None when the option was not given."""
    if not values:
        return None
    from cablecli.check import unknown_patterns
    from cablecli.check.config import split_patterns

    patterns = split_patterns(values)
    bad = unknown_patterns(patterns)
    if bad:
        fail(f"no rule matches {', '.join(bad)}; see `cablecli check --list-rules`")
    return patterns


def _list_rules(out: TextIO) -> None:
    from cablecli.check import RULES

    for rule_id, rule in RULES.items():
        out.write(f"{rule_id:<6}  {rule.SEVERITY:<7}  {rule.SUMMARY}\n")


@app.command("check")
def check_command(
    paths: PathsArg = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="RULES",
            help="Rules to run, in place of the settings': ids or prefixes (HDR,TAG003).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", metavar="RULES", help="Rules to leave out, in place of the settings' (SIG001,REF)."
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", metavar="RULES", help="Rules to run besides those selected."),
    ] = None,
    extend_ignore: Annotated[
        list[str] | None,
        typer.Option("--extend-ignore", metavar="RULES", help="Rules to leave out besides those ignored."),
    ] = None,
    severity: Annotated[
        Severity | None,
        typer.Option("--severity", help="Least severe problem shown [default: info]."),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option("--fail-on", help="Least severe problem that makes the exit status 1 [default: error]."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when problems are found (2 still on errors).")
    ] = False,
    config_path: Annotated[
        Path | None,
        typer.Option(
            "--config", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml."
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Output format [default: github under GITHUB_ACTIONS, else text]."
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print how often each rule fired instead of the problems.")
    ] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    output_path: OutputOpt = None,
    input_format: InputFormatOpt = None,
    follow: FollowOpt = False,
    jobs: JobsOpt = 1,
    color: ColorOpt = Color.auto,
    skip_non_cables: Annotated[
        bool,
        typer.Option(
            "--skip-non-cables",
            help="Pass over a named file that holds no cable (a README) with a notice, not an error.",
        ),
    ] = False,
) -> None:
    """Check cables against the format rules (docs/rules.md); for CI, like ruff or yamllint.

    Prints path:line:col: ID message per problem. Settings come from [tool.cablecli.check] in the
    nearest pyproject.toml, or --config FILE: select, ignore, extend-select, extend-ignore,
    severity, fail-on, exclude (globs of files and folders to skip) and per-file-ignores. Options
    override them: --select and --ignore replace the settings' lists, --extend-select and
    --extend-ignore add to them. Exit status: 0 no problem at or above --fail-on, 1 one or more,
    2 an input could not be read.

    Examples:

    \b
      cablecli check cables/
      cablecli check cables/ --select HDR,TAG --extend-ignore TAG004
      cablecli check cables.csv -f sarif -o check.sarif
      cablecli check cables/ -f gitlab -o gl-code-quality-report.json --exit-zero
      cablecli check cables/ --statistics
    """
    from collections import Counter
    from dataclasses import replace
    from functools import partial

    from cablecli.check import RULES, check_cable, matches, severity_rank
    from cablecli.check.config import ConfigError, find_config, load_config
    from cablecli.render import problems

    if list_rules:
        _list_rules(sys.stdout)
        raise typer.Exit(int(ExitCode.OK))
    try:
        config = load_config(config_path) if config_path is not None else find_config()
    except ConfigError as exc:
        fail(one_line(str(exc)))
    chosen = _check_patterns(select)
    chosen = config.select if chosen is None else chosen
    left_out = _check_patterns(ignore)
    left_out = config.ignore if left_out is None else left_out
    more = config.extend_select + (_check_patterns(extend_select) or [])
    if chosen and more:
        chosen = chosen + more
    left_out = left_out + config.extend_ignore + (_check_patterns(extend_ignore) or [])
    report_at = severity_rank(severity.value if severity else config.severity or "info")
    fail_at = severity_rank(fail_on.value if fail_on else config.fail_on or "error")
    if fmt is None:
        fmt = CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text
    excluded = ["!" + glob for glob in config.exclude]

    run = Run()
    counts: Counter[str] = Counter()
    failed = False
    transform = partial(
        check_cable,
        select=chosen,
        ignore=left_out,
        min_severity=("info", "warning", "error")[min(report_at, fail_at)],
    )
    with (
        cable_source(paths, None, run, input_format, follow, excluded, skip_non_cables) as source,
        output(output_path) as out,
    ):
        if statistics:
            writer: Any = None
        elif fmt is CheckFormat.text:
            from cablecli.render.console import use_color

            writer = problems.TextWriter(out, use_color(color.value, out) and output_path is None)
        elif fmt is CheckFormat.json:
            writer = problems.JsonWriter(out)
        elif fmt is CheckFormat.github:
            writer = problems.GithubWriter(out)
        elif fmt is CheckFormat.gitlab:
            writer = problems.GitlabWriter(out)
        elif fmt is CheckFormat.junit:
            writer = problems.JunitWriter(out)
        else:
            writer = problems.SarifWriter(out, RULES, __version__)

        pending = None  # one result held back, to learn whether its file holds several cables
        several_in = None  # the path known to hold several cables

        def emit(result: Any) -> None:
            nonlocal failed
            off = config.ignored_for(result.path)
            found = [v for v in result.violations if not (off and matches(v.rule, off))]
            if any(severity_rank(v.severity) >= fail_at for v in found):
                failed = True
            shown = [v for v in found if severity_rank(v.severity) >= report_at]
            counts.update(v.rule for v in shown)
            if writer is not None and shown:
                several = result.format == "csv" or (result.path is not None and result.path == several_in)
                writer.write(replace(result, violations=tuple(shown)), several)

        for item in source.parsed(transform, jobs):
            if pending is not None:
                if pending.path == item.path and item.path is not None:
                    several_in = item.path
                emit(pending)
            pending = item
        if pending is not None:
            emit(pending)
        if writer is not None:
            writer.close()
        else:
            problems.write_statistics(out, counts, RULES, as_json=fmt is CheckFormat.json)
    if sys.stderr.isatty() and fmt is CheckFormat.text and not statistics:
        total = sum(counts.values())
        sys.stderr.write(f"cablecli: {total} problem{'s' if total != 1 else ''}\n" if total else "")
    raise typer.Exit(run.exit_code(ExitCode.NOT_FOUND if failed and not exit_zero else ExitCode.OK))
