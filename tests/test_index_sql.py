"""The worked SQL queries of docs/index.md run as written: on an index of the test fixtures they give
the columns the doc shows, and on an index of examples/ (as docs/index.md builds it) the very rows
the doc shows."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from cablecli.index import add_functions
from tests.conftest import FIXTURES, ROOT, plain_environment
from tests.golden_output import invoke

DOC = ROOT / "docs" / "index.md"


def worked_queries() -> list[tuple[str, str, str]]:
    """(title, SQL, output) of each query under the doc's "Worked queries" heading."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Worked queries") :]
    section = section[: section.index("\n## ", 1)]
    found = re.findall(r"### (.+?)\n\n```sql\n(.*?)```\n\n```text\n(.*?)```", section, re.S)
    return [(title, sql, out) for title, sql, out in found]


QUERIES = worked_queries()


def table(conn: sqlite3.Connection, sql: str) -> str:
    """The rows as the doc prints them: a header, then one line a row, columns joined by ` | `."""
    cursor = conn.execute(sql)
    lines = [" | ".join(d[0] for d in cursor.description)]
    lines += [" | ".join("" if v is None else str(v) for v in row) for row in cursor]
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, *inputs: str) -> sqlite3.Connection:
    db = tmp_path / "cables.db"
    result = invoke(["index", "build", *inputs, "--db", str(db), "-j", "2"])
    assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(db)
    add_functions(conn)  # what the sqlite3 shell has built in: the view cable_texts needs it
    return conn


def test_the_doc_has_five_worked_queries() -> None:
    assert len(QUERIES) == 5


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch)


def test_the_queries_run_on_an_index_of_the_fixtures(tmp_path: Path) -> None:
    conn = build(tmp_path, *[str(p) for p in sorted(FIXTURES.glob("*")) if p.suffix in (".txt", ".html")])
    try:
        for title, sql, out in QUERIES:
            assert table(conn, sql).splitlines()[0] == out.splitlines()[0], title
    finally:
        conn.close()


def test_the_queries_give_the_output_the_doc_shows(tmp_path: Path) -> None:
    examples = ROOT / "examples"
    conn = build(tmp_path, str(examples / "cables"), str(examples / "08BAKU187.txt"))
    try:
        for title, sql, out in QUERIES:
            assert table(conn, sql) == out, title
    finally:
        conn.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed")
def test_the_sqlite3_shell_runs_them_as_written(tmp_path: Path) -> None:
    # The shell has sqlar_uncompress built in: the view cable_texts and snippet() need nothing more.
    examples = ROOT / "examples"
    build(tmp_path, str(examples / "cables"), str(examples / "08BAKU187.txt")).close()
    db = tmp_path / "cables.db"
    for title, sql, out in QUERIES:
        shell = subprocess.run(
            ["sqlite3", "-readonly", "-header", "-separator", " | ", str(db), sql],
            capture_output=True, text=True, encoding="utf-8", check=True,
        )  # fmt: skip
        assert shell.stdout == out, title
    text = subprocess.run(
        ["sqlite3", "-readonly", str(db), "SELECT raw_text FROM cable_texts JOIN cables ON id = cable_id "
         "WHERE reference_id = '08BAKU187'"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert text == (examples / "08BAKU187.txt").read_bytes() + b"\n"
