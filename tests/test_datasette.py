"""The index in Datasette: an index built from the fixtures, `cablecli index metadata`, and Datasette driven
through its Python API: the search box runs the same full-text search as `grep --fts`, the facets count
what `tags --count` and `stats` count, and a cable's page shows the cable. Skipped only when the
`datasette` extra is not installed (`make test` installs it)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, plain_environment
from tests.golden_output import invoke

datasette_app = pytest.importorskip("datasette.app", reason="the datasette extra is not installed")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch, ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    where = tmp_path_factory.mktemp("datasette")
    db = where / "cables.db"
    inputs = [str(p) for p in sorted(FIXTURES.glob("*")) if p.suffix in (".txt", ".html", ".csv")]
    inputs.append(str(FIXTURES / "html"))
    built = invoke(["index", "build", *inputs, "--db", str(db), "-f", "json"])
    assert built.exit_code == 0, built.stderr
    assert json.loads(built.stdout)["cables"] >= 10
    meta_file = where / "cables.metadata.json"
    made = invoke(["index", "metadata", "--db", str(db), "-o", str(meta_file)])
    assert made.exit_code == 0, made.stderr
    return db, json.loads(meta_file.read_text(encoding="utf-8"))


def get(db: Path, meta: dict, *urls: str) -> list:
    """The responses of Datasette serving `db` with `meta`, for each URL."""

    async def fetch() -> list:
        ds = datasette_app.Datasette([str(db)], metadata=meta)
        return [await ds.client.get(url) for url in urls]

    return asyncio.run(fetch())


def cli(*args: str) -> str:
    result = invoke([str(a) for a in args])
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("query", ["corridor", '"human rights"', "subject : nuclear OR minist*", "prince"])
def test_the_search_box_finds_what_grep_fts_finds(index: tuple[Path, dict], query: str) -> None:
    db, meta = index
    expected = cli("grep", "--fts", query, "-l", "--db", db).split()
    assert expected, query  # the query finds something in the fixtures
    from urllib.parse import quote

    for table in ("cables", "cables_with_tags"):
        (response,) = get(db, meta, f"/cables/{table}.json?_search={quote(query)}&_shape=array&_size=max")
        assert response.status_code == 200, response.text
        rows = response.json()
        assert len(rows) == len(expected)
        found = sorted(r["reference_id"] for r in rows if r["reference_id"])
        assert found == sorted(name for name in expected if "/" not in name)


def test_search_box_is_offered_on_the_cables_table(index: tuple[Path, dict]) -> None:
    db, meta = index
    (page,) = get(db, meta, "/cables/cables")
    assert page.status_code == 200
    assert 'name="_search"' in page.text


def test_tag_facet_counts_as_tags_count(index: tuple[Path, dict]) -> None:
    db, meta = index
    (response,) = get(db, meta, "/cables/cables_with_tags.json?_size=0")
    facet = response.json()["facet_results"]["tags"]
    counted = {row["value"]: row["count"] for row in facet["results"]}
    expected = {
        row["tag"]: row["count"] for row in json.loads(cli("tags", "--count", "-f", "json", "--db", db))
    }
    assert counted  # the metadata's array facet is on by default
    for tag, count in counted.items():
        assert expected[tag] == count, tag


def test_year_and_classification_facets_count_as_stats(index: tuple[Path, dict]) -> None:
    db, meta = index
    (response,) = get(db, meta, "/cables/cables.json?_size=0")
    facets = response.json()["facet_results"]
    stats = json.loads(cli("stats", "-f", "json", "--db", db))
    years = {r["value"]: r["count"] for r in facets["year"]["results"] if r["value"] is not None}
    assert years == {r["year"]: r["count"] for r in stats["years"] if r["year"] is not None}
    assert len(years) > 3
    levels = Counter({r["value"]: r["count"] for r in facets["classification"]["results"]})
    expected = {r["classification"]: r["count"] for r in stats["classifications"] if r["classification"]}
    assert expected and all(levels[level] == count for level, count in expected.items())


def test_a_cable_page_shows_the_cable(index: tuple[Path, dict]) -> None:
    db, meta = index
    (found,) = get(db, meta, "/cables/cables.json?source_path__endswith=fixtures/08BAKU187.txt&_shape=array")
    cable_id = found.json()[0]["id"]
    records = [json.loads(line) for line in cli("parse", "-f", "jsonl", "--db", db).splitlines()]
    (record,) = [r for r in records if r["source"]["path"].endswith("fixtures/08BAKU187.txt")]
    page, row, text = get(
        db, meta, f"/cables/cables/{cable_id}", f"/cables/cables/{cable_id}.json?_shape=array",
        f"/cables/cable_texts.json?cable_id={cable_id}&_shape=array",
    )  # fmt: skip
    assert page.status_code == 200
    assert "08BAKU187" in page.text and "AZIMOV" in page.text
    assert row.json()[0]["subject"] == record["subject"]
    assert row.json()[0]["date"] == record["date"]
    assert record["paragraphs"][0]["text"].split()[0] in text.json()[0]["body"]


def test_every_column_is_described(index: tuple[Path, dict]) -> None:
    import sqlite3

    db, meta = index
    tables = meta["databases"]["cables"]["tables"]
    from cablecli.index import add_functions

    conn = sqlite3.connect(db)
    add_functions(conn)  # the view cable_texts reads its text with it
    try:
        names = [
            n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            if not n.startswith("cable_search")
        ]  # fmt: skip
        for name in names:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_xinfo({name})")]
            assert set(tables[name]["columns"]) == set(columns), name
    finally:
        conn.close()
