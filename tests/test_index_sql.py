"""The worked SQL queries of docs/index.md run as written: on an index of the test fixtures they give
the columns the doc shows, and on an index of examples/ (as docs/index.md builds it) the very rows
the doc shows."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

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
    return sqlite3.connect(db)


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
