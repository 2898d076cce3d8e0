"""Run the shell examples of README.md and docs/*.md and check, or rewrite, the output they show.

    python scripts/update_doc_examples.py            # rewrite the shown outputs from a real run
    python scripts/update_doc_examples.py --check    # exit 1 and print a diff where a doc has drifted
    python scripts/update_doc_examples.py --check docs/usage.md

An example is a line `$ COMMAND` in a fenced block (```console, ```text or plain); the lines after
it, up to the next `$` line or the end of the block, are its output (stdout, then stderr). The
commands of one document
run in order, in one scratch folder holding a copy of `examples/` and `tests/fixtures/`, so that
`examples/08BAKU187.txt` is found and `cables.db` built by one example is there for the next;
`$?` is the status of the command before. The environment is fixed: `COLUMNS=100`, `NO_COLOR=1`,
`TERM=dumb`, `TZ=UTC`, `LC_ALL=C.UTF-8`, no progress bar, `cablecli` this checkout's.

A block that cannot run as written (a hypothetical full dump, a long benchmark) is marked by the
line before its fence:

    <!-- not run: the reason -->

A line `...` alone in a shown output stands for the lines left out (one per example): what is shown
before it must begin the output and what is shown after it must end it.

Lines that differ on every run (the `updated`, `size_bytes`, `sqlite_version` and `created_by` rows
of `index info`) are compared by their name only, and rewritten from the run.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_RUN = re.compile(r"^<!--\s*not run:\s*(?P<reason>\S.*?)\s*-->$")
FENCE = re.compile(r"^```(?P<lang>\w*)\s*$")
VOLATILE = re.compile(r"^(?P<name>updated|size_bytes|sqlite_version|created_by)\s.*$")
COLUMNS = 100
ELISION = "..."
SHELL_BLOCKS = ("console", "text", "", "sh", "shell", "bash")
TIMEOUT = 300


@dataclass
class Example:
    """One `$ command` of a document and the output shown under it (line numbers from 0)."""

    doc: Path
    line: int  # the `$` line
    command: str
    shown: list[str]  # the output lines, without the blank lines that end them
    end: int  # the line after the shown output (blank lines that end it excluded)


@dataclass
class Block:
    doc: Path
    line: int  # the opening fence
    not_run: str | None
    examples: list[Example] = field(default_factory=list)


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def blocks(doc: Path, lines: list[str]) -> list[Block]:
    """The console blocks of a document with their examples."""
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            i += 1
        if m.group("lang") not in SHELL_BLOCKS or not any(x.startswith("$ ") for x in lines[start + 1 : i]):
            i += 1
            continue
        before = lines[start - 1].strip() if start else ""
        marker = NOT_RUN.match(before)
        block = Block(doc, start, marker.group("reason") if marker else None)
        body = range(start + 1, i)
        dollar = [j for j in body if lines[j].startswith("$ ")]
        for k, j in enumerate(dollar):
            stop = dollar[k + 1] if k + 1 < len(dollar) else i
            end = stop
            while end > j + 1 and not lines[end - 1].strip():
                end -= 1
            block.examples.append(Example(doc, j, lines[j][2:], lines[j + 1 : end], end))
        found.append(block)
        i += 1
    return found


def _comparable(lines: list[str]) -> list[str]:
    return [VOLATILE.sub(r"\g<name> ...", line.rstrip()) for line in lines]


def matches(shown: list[str], got: list[str]) -> bool:
    """Whether the output printed is the one shown; a line `...` in what is shown stands for any lines."""
    shown, got = _comparable(shown), _comparable(got)
    if ELISION not in shown:
        return shown == got
    cut = shown.index(ELISION)
    head, tail = shown[:cut], [x for x in shown[cut + 1 :]]
    if ELISION in tail:
        raise ValueError("one `...` per example output")
    return (
        len(got) >= len(head) + len(tail) and got[: len(head)] == head and got[len(got) - len(tail) :] == tail
    )


def elided(shown: list[str], got: list[str]) -> list[str]:
    """The output to show: what was printed, cut where what was shown is cut."""
    if ELISION not in shown:
        return got
    cut = shown.index(ELISION)
    tail = len(shown) - cut - 1
    return [*got[:cut], ELISION, *(got[len(got) - tail :] if tail else [])]


def clean_output(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


class Runner:
    """A scratch folder with the example inputs, where the commands of one document run in order."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="cablecli-docs-"))
        self.work = self.tmp / "work"
        shutil.copytree(ROOT / "examples", self.work / "examples")
        shutil.copytree(ROOT / "tests" / "fixtures", self.work / "tests" / "fixtures")
        bin_dir = self.tmp / "bin"
        bin_dir.mkdir()
        wrapper = bin_dir / "cablecli"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cablecli "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        self.env = {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(self.tmp),
            "PYTHONPATH": str(ROOT),
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "COLUMNS": str(COLUMNS),
            "LINES": "50",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "PAGER": "cat",
            "CABLECLI_NO_PROGRESS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.status = 0

    def run(self, command: str) -> list[str]:
        # In a session of its own, so that a pipeline that hangs is stopped whole.
        proc = subprocess.Popen(
            # The trailing `exit` keeps bash as the parent of the command (bash -c would exec a
            # last simple command), so that what the command finds of its shell (completion)
            # does not depend on what started the run.
            ["bash", "-c", f"(exit {self.status}); {command}\nexit $?"],
            cwd=self.work,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            self.status = 124
            return [f"(no output: the command ran for more than {TIMEOUT} s)"]
        self.status = proc.returncode
        return clean_output(stdout.decode("utf-8", "replace") + stderr.decode("utf-8", "replace"))

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


@dataclass
class Outcome:
    doc: Path
    ran: int
    not_run: list[tuple[int, str]]  # (line, reason) of the blocks marked
    drifted: list[tuple[Example, list[str]]]  # examples whose shown output differs, with the real one


def check_document(doc: Path) -> Outcome:
    lines = doc.read_text(encoding="utf-8").split("\n")
    outcome = Outcome(doc, 0, [], [])
    runner = Runner()
    try:
        for block in blocks(doc, lines):
            if block.not_run is not None:
                outcome.not_run.append((block.line + 1, block.not_run))
                continue
            for example in block.examples:
                got = runner.run(example.command)
                outcome.ran += 1
                if not matches(example.shown, got):
                    outcome.drifted.append((example, elided(example.shown, got)))
    finally:
        runner.close()
    return outcome


def rewrite(doc: Path, outcome: Outcome) -> None:
    """Put the real outputs in place of the shown ones (from the end, so line numbers hold)."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    for example, got in sorted(outcome.drifted, key=lambda pair: -pair[0].line):
        lines[example.line + 1 : example.end] = got
    doc.write_text("\n".join(lines), encoding="utf-8")


def diff(outcome: Outcome) -> str:
    parts = []
    name = outcome.doc.relative_to(ROOT) if outcome.doc.is_relative_to(ROOT) else outcome.doc
    for example, got in outcome.drifted:
        parts.append(f"{name}:{example.line + 1}: $ {example.command}")
        parts.extend(difflib.unified_diff(example.shown, got, "shown", "printed", lineterm="", n=1))
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if an output differs")
    parser.add_argument("docs", nargs="*", type=Path, help="documents (default: README.md and docs/*.md)")
    args = parser.parse_args(argv)
    status = 0
    for doc in [d.resolve() for d in args.docs] or documents():
        outcome = check_document(doc)
        name = doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc
        skipped = f", {len(outcome.not_run)} block(s) not run" if outcome.not_run else ""
        if outcome.drifted and args.check:
            print(diff(outcome))
            status = 1
        elif outcome.drifted:
            rewrite(doc, outcome)
            for example, _ in outcome.drifted:
                print(
                    f"{name}:{example.line + 1}: rewrote the output of $ {example.command}", file=sys.stderr
                )
        verb = "differ" if args.check else "rewritten"
        print(f"{name}: {outcome.ran} examples run, {len(outcome.drifted)} {verb}{skipped}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
