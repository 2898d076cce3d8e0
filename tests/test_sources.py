"""cablecli.sources: files and an index behind one interface, giving the same answers in the same shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablecli.index import build_index, open_index
from cablecli.inputs import InputError, iter_texts
from cablecli.search import Filters, Matcher, SearchOptions
from cablecli.sources import GrepQuery, SourceError, from_index, from_paths
from tests.conftest import FIXTURES

# In the order of their paths, which is the order an index keeps.
INPUTS = [
    str(FIXTURES / name) for name in ("06JEDDAH700.html", "08BAKU187.txt", "five.csv", "two-cables.txt")
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "cables.db"
    conn = open_index(path, create=True)
    try:
        build_index(conn, iter_texts(INPUTS))
    finally:
        conn.close()
    return path


def answers(source) -> dict:
    matcher = Matcher.build(["the"], ignore_case=True)  # over an index, tested in SQL first
    query = GrepQuery(matcher, "body", Filters(), False, SearchOptions(), patterns=["the"])
    return {
        "records": list(source.parsed(lambda cable: cable.to_dict())),
        "tags": list(source.tags({"country"})),
        "tag_counts": source.tag_counts(),
        "addressees": list(source.addressees()),
        "addressee_counts": source.addressee_counts({"to"}),
        "counts": source.corpus_counts().summary(),
        "grep": [(found.name, len(found.hits)) for found in source.grep(query)],
    }


def test_files_and_index_give_the_same_answers(db: Path) -> None:
    from_files = answers(from_paths(INPUTS))
    with from_index(db) as source:
        from_db = answers(source)
    assert from_files["records"] and from_files["tag_counts"] and from_files["grep"]
    assert len(from_files["records"]) == from_files["counts"]["cables"] >= 8
    assert from_db == from_files


def test_errors_go_to_on_error_and_stay_in_place_in_the_texts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not a cable \x00" * 3)
    paths = [INPUTS[1], str(bad), INPUTS[3]]
    errors: list[InputError] = []
    source = from_paths(paths, on_error=errors.append)
    texts = list(source.texts())
    assert [type(t).__name__ for t in texts] == ["CableText", "InputError", "CableText", "CableText"]
    assert errors == []  # the raw stream reports nothing
    assert [c.reference_id for c in source.parsed()] == ["08BAKU187", "09PARIS1007", "09PARIS997"]
    assert len(errors) == 1 and "bad.txt" in str(errors[0])


def test_an_empty_input_is_noted(tmp_path: Path) -> None:
    notes: list[str] = []
    (tmp_path / "empty").mkdir()
    source = from_paths([str(tmp_path / "empty")], on_empty=lambda: notes.append("empty"))
    assert list(source.parsed()) == [] and notes == ["empty"]


def test_a_malformed_full_text_query_is_a_source_error(db: Path) -> None:
    query = GrepQuery(Matcher.build(["x"]), "body", Filters(), False, SearchOptions(), fts='emb"')
    with from_index(db) as source, pytest.raises(SourceError, match="--fts"):
        list(source.grep(query))
