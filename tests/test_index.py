"""The SQLite index: build, info, incremental rebuilds, interrupted builds, the schema version check, and
that every command given --db answers as it does reading the files the index was built from."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from cablecli.index import SCHEMA_VERSION, add_functions, build_index, open_index, query
from cablecli.inputs import CableText, iter_texts
from tests.conftest import generate, plain_environment
from tests.golden_output import invoke

COUNT = 200  # cables generated; the mixed form writes each as text, as HTML and as a CSV row


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    plain_environment(monkeypatch, ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("corpus")
    generate(where / "cables", COUNT, seed="index", fmt="mixed")
    (where / "cables" / "truth.jsonl").rename(where / "truth.jsonl")  # not a cable
    return where / "cables"


@pytest.fixture(scope="module")
def db(corpus: Path) -> Path:
    path = corpus.parent / "cables.db"
    result = invoke(["index", "build", str(corpus), "--db", str(path), "-j", "2"])
    assert result.exit_code == 0, result.stderr
    return path


def run(*args: str):
    return invoke([str(a) for a in args])


def build_json(*args: str) -> dict:
    result = run("index", "build", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    """The index as SQL, for comparing two states of it."""
    conn = sqlite3.connect(path)
    add_functions(conn)  # the full-text table reads its text through the view cable_texts
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# --- build and info --------------------------------------------------------------------------------


def test_build_reports_what_it_added(corpus: Path, tmp_path: Path) -> None:
    report = build_json(corpus, "--db", tmp_path / "new.db")
    assert report["added"] == 3 * COUNT
    assert report["cables"] == 3 * COUNT
    assert (report["replaced"], report["unchanged"], report["removed"], report["errors"]) == (0, 0, 0, 0)


def test_build_text_report(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    result = run("index", "build", corpus / "text", "--db", target)
    assert result.exit_code == 0
    assert (
        result.stdout
        == f"{target}: {COUNT} added, 0 replaced, 0 unchanged, 0 removed; {COUNT} cables in the index\n"
    )


def test_info(db: Path) -> None:
    result = run("index", "info", "--db", db, "-f", "json")
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["cables"] == 3 * COUNT
    assert info["reference_ids"] == COUNT
    assert info["files"] == 2 * COUNT + 1
    assert info["tags"] > COUNT and info["addressees"] > COUNT
    table = run("index", "info", "--db", db).stdout
    assert re.search(rf"^schema_version\s+{SCHEMA_VERSION}\s*$", table, re.M)
    assert re.search(rf"^cables\s+{3 * COUNT}\s*$", table, re.M)


def test_parallel_build_stores_the_same(corpus: Path, db: Path, tmp_path: Path) -> None:
    single = tmp_path / "single.db"
    build_json(corpus, "--db", single, "-j", "1")
    assert _same_but_time(single, db)


def _same_but_time(a: Path, b: Path) -> bool:
    strip = re.compile(r"'updated','[^']*'")
    return [strip.sub("", x) for x in dump(a)] == [strip.sub("", x) for x in dump(b)]


# --- incremental builds ----------------------------------------------------------------------------


@pytest.fixture
def small(corpus: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Six text cables in a folder of their own, and an index of them."""
    folder = tmp_path / "small"
    folder.mkdir()
    for path in sorted((corpus / "text").rglob("*.txt"))[:6]:
        shutil.copy(path, folder / path.name)
    target = tmp_path / "small.db"
    assert build_json(folder, "--db", target)["added"] == 6
    return folder, target


def test_rebuild_over_the_same_inputs_changes_nothing(corpus: Path, db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    before = file_hash(copy)
    report = build_json(corpus, "--db", copy)
    assert report == {
        "added": 0, "replaced": 0, "unchanged": 3 * COUNT, "removed": 0, "errors": 0,
        "cables": 3 * COUNT, "db": str(copy),
    }  # fmt: skip
    assert file_hash(copy) == before


def test_a_changed_file_is_replaced(small: tuple[Path, Path]) -> None:
    folder, target = small
    path = sorted(folder.iterdir())[2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("SUBJECT: ", "SUBJECT: REVISED ", 1), encoding="utf-8")
    report = build_json(folder, "--db", target)
    assert (report["added"], report["replaced"], report["unchanged"], report["removed"]) == (0, 1, 5, 0)
    conn = open_index(target)
    subjects = [s for (s,) in conn.execute("SELECT subject FROM cables")]
    assert sum(1 for s in subjects if s.startswith("REVISED ")) == 1
    # The full-text index forgot the old text and knows the new.
    assert len(query.fts_ids(conn, "revised")) == 1
    conn.execute("INSERT INTO cable_search (cable_search) VALUES ('integrity-check')")  # agrees with the text
    conn.close()


def test_a_new_file_is_added(small: tuple[Path, Path], corpus: Path) -> None:
    folder, target = small
    extra = sorted((corpus / "text").rglob("*.txt"))[10]
    shutil.copy(extra, folder / extra.name)
    report = build_json(folder, "--db", target)
    assert (report["added"], report["replaced"], report["unchanged"], report["removed"]) == (1, 0, 6, 0)


def test_cables_of_files_not_given_stay_unless_pruned(small: tuple[Path, Path]) -> None:
    folder, target = small
    gone = sorted(folder.iterdir())[0]
    gone.unlink()
    report = build_json(folder, "--db", target)
    assert (report["removed"], report["cables"]) == (0, 6)
    report = build_json(folder, "--db", target, "--prune")
    assert (report["removed"], report["cables"]) == (1, 5)
    conn = open_index(target)
    conn.execute("INSERT INTO cable_search (cable_search) VALUES ('integrity-check')")
    conn.close()


def test_a_cable_its_file_no_longer_holds_is_removed(small: tuple[Path, Path]) -> None:
    folder, target = small
    first, second = sorted(folder.iterdir())[:2]
    both = folder / "both.txt"
    both.write_text(
        first.read_text(encoding="utf-8") + "\n" + second.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert build_json(both, "--db", target)["added"] == 2
    both.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    report = build_json(both, "--db", target)
    # The first cable stays (its text may differ by the line that separated the two); the second goes.
    assert (report["unchanged"] + report["replaced"], report["removed"], report["cables"]) == (1, 1, 7)


def test_an_interrupted_build_leaves_the_index_as_it_was(small: tuple[Path, Path]) -> None:
    folder, target = small
    before = dump(target)

    def interrupted():
        for n, item in enumerate(iter_texts([str(folder)])):
            if n == 4:
                raise KeyboardInterrupt
            yield CableText(item.text.replace("SUBJECT: ", "SUBJECT: CHANGED ", 1), item.source)

    conn = open_index(target)
    with pytest.raises(KeyboardInterrupt):
        build_index(conn, interrupted())
    conn.close()
    assert dump(target) == before
    report = build_json(folder, "--db", target)
    assert report["unchanged"] == 6


def test_the_same_file_given_twice_is_indexed_once(small: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = small
    report = build_json(folder, folder, "--db", tmp_path / "twice.db")
    assert (report["added"], report["cables"]) == (6, 6)


def test_unreadable_input_is_reported_and_the_rest_indexed(small: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = small
    result = run("index", "build", folder, tmp_path / "missing.txt", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert "6 added" in result.stdout


# --- the schema version and bad databases ----------------------------------------------------------


def test_schema_version_mismatch_is_refused(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(db, old)
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    for args in (["index", "info"], ["tags", "--count"], ["index", "build", str(tmp_path / "none")]):
        result = run(*args, "--db", old)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert str(old) in result.stderr and "schema version 99" in result.stderr


def test_not_an_index(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just some text that is long enough" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    for path in (text, other, tmp_path / "missing.db"):
        result = run("stats", "--db", path)
        assert result.exit_code == 2
        assert str(path) in result.stderr and len(result.stderr.splitlines()) == 1


def test_db_and_paths_do_not_go_together(db: Path, corpus: Path) -> None:
    for command in (["parse"], ["tags"], ["addressees"], ["stats"], ["grep", "x"], ["show", "--id", "X"]):
        result = run(*command, corpus, "--db", db)
        assert result.exit_code == 2, command
        assert "do not go together" in result.stderr


# --- the index answers as the files do -------------------------------------------------------------

SAME = [
    ["parse", "-f", "jsonl"],
    ["parse", "-f", "jsonl", "-j", "2"],
    ["parse", "--fields", "reference_id,date,tags", "-f", "csv"],
    ["parse", "--no-body", "-f", "yaml"],
    ["tags", "-f", "jsonl"],
    ["tags", "--count", "-f", "json"],
    ["tags", "--count", "--kind", "country", "-f", "csv"],
    ["tags", "--count"],
    ["addressees", "-f", "jsonl"],
    ["addressees", "--count", "-f", "jsonl"],
    ["addressees", "--count", "--role", "to", "--role", "info", "-f", "csv"],
    ["grep", "-l", "-F", "ELECTION"],
    ["grep", "-c", "-i", "election"],
    ["grep", "-w", "-i", "elect.on commission"],
    ["grep", "-l", "-i", "minist(er|ry)", "--tag", "PREL"],
    ["grep", "-l", "-i", "the", "--since", "2008", "--until", "2009-06"],
    ["grep", "-l", "-i", "the", "--classification", "secret"],
    ["grep", "-l", "-i", "department", "--origin", "secstate"],
    ["grep", "--field", "subject", "-i", "nuclear", "-f", "jsonl"],
    ["grep", "-C", "1", "-i", "minister", "--tag", "ECON"],
    ["grep", "-i", "sis", "-f", "json", "--origin", "bogota"],
    ["grep", "-l", "nothing-matches-this"],
    ["stats", "-f", "json"],
    ["stats", "--top", "3"],
]


@pytest.mark.parametrize("args", SAME, ids=[" ".join(a) for a in SAME])
def test_index_answers_as_the_files_do(args: list[str], corpus: Path, db: Path) -> None:
    scanned = run(*args, corpus)
    indexed = run(*args, "--db", db)
    assert scanned.exit_code in (0, 1), scanned.stderr
    assert (indexed.exit_code, indexed.stdout) == (scanned.exit_code, scanned.stdout)


def test_the_equivalence_queries_find_something(corpus: Path) -> None:
    # Guard against a comparison of two empty outputs.
    for args in SAME[:-3]:
        if "nothing-matches-this" not in args:
            assert run(*args, corpus).stdout.strip(), args


def test_show_by_id(corpus: Path, db: Path) -> None:
    ref_id = run("parse", corpus / "cables.csv", "--fields", "reference_id", "-f", "csv").stdout.split()[5]
    for extra in (["-f", "text", "--width", "100"], ["--raw"]):
        scanned = run("show", corpus / "cables.csv", "--id", ref_id, *extra)
        indexed = run("show", "--db", db, "--id", ref_id.lower(), *extra)
        assert scanned.exit_code == indexed.exit_code == 0
        assert indexed.stdout == scanned.stdout
    assert run("show", "--db", db, "--id", "99NOWHERE1").exit_code == 2
    assert run("show", "--db", db).exit_code == 2


def _words(record: dict) -> set[str]:
    texts = [record["subject"] or "", record["summary"] or ""] + [p["text"] for p in record["paragraphs"]]
    return {w.lower() for text in texts for w in re.findall(r"\w+", text)}


def test_fts_finds_the_cables_holding_the_words(corpus: Path, db: Path) -> None:
    records = [json.loads(line) for line in run("parse", corpus, "-f", "jsonl").stdout.splitlines()]
    expected = sorted({r["reference_id"] for r in records if {"election", "commission"} <= _words(r)})
    assert expected
    result = run("grep", "--fts", "election AND commission", "-l", "--db", db)
    assert result.exit_code == 0
    assert sorted(set(result.stdout.split())) == expected
    lines = run("grep", "--fts", "election AND commission", "--db", db).stdout.splitlines()
    assert lines and all(re.search(r"(?i)election|commission", line) for line in lines)


def test_fts_with_a_pattern_and_filters(db: Path) -> None:
    both = run("grep", "-l", "-i", "chairman", "--fts", "election", "--tag", "PGOV", "--db", db)
    alone = run("grep", "-l", "-i", "chairman", "--tag", "PGOV", "--db", db)
    assert set(both.stdout.split()) <= set(alone.stdout.split())


def test_fts_syntax_error_and_fts_without_db(db: Path, corpus: Path) -> None:
    result = run("grep", "--fts", "AND AND", "--db", db)
    assert result.exit_code == 2 and "syntax error" in result.stderr
    assert run("grep", "--fts", "election", corpus).exit_code == 2
    assert run("grep").exit_code == 2


# --- refs ------------------------------------------------------------------------------------------


def _cited_in_corpus(db: Path) -> str:
    """The reference id of the cable of the corpus that most others cite."""
    conn = sqlite3.connect(db)
    (cited,) = conn.execute(
        "SELECT reference_id FROM refs WHERE reference_id IN (SELECT reference_id FROM cables) "
        "GROUP BY reference_id ORDER BY count(*) DESC, reference_id LIMIT 1"
    ).fetchone()
    conn.close()
    return cited


def test_refs_reverse_lists_the_citing_cables(corpus: Path, db: Path) -> None:
    cited = _cited_in_corpus(db)
    records = [json.loads(line) for line in run("parse", corpus, "-f", "jsonl").stdout.splitlines()]
    expected = {
        r["reference_id"] for r in records if any(x["reference_id"] == cited for x in r["references"])
    }
    result = run("refs", cited, "--db", db, "--reverse", "-f", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {row["reference_id"] for row in rows} == expected
    assert len(rows) == len(expected)  # a cable held in three forms is listed once
    assert all(row["subject"] for row in rows)


def test_refs_lists_what_a_cable_cites_resolved_in_the_index(db: Path) -> None:
    cited = _cited_in_corpus(db)
    citing = json.loads(run("refs", cited, "--db", db, "--reverse", "-f", "json").stdout)[0]["reference_id"]
    rows = json.loads(run("refs", citing, "--db", db, "-f", "json").stdout)
    row = next(r for r in rows if r["reference_id"] == cited)
    assert row["in_corpus"] is True and row["subject"]
    table = run("refs", citing, "--db", db)
    assert table.exit_code == 0 and cited in table.stdout


def test_refs_of_an_unknown_cable(db: Path) -> None:
    result = run("refs", "99NOWHERE1", "--db", db)
    assert result.exit_code == 1
    assert "99NOWHERE1" in result.stderr
    assert run("refs", "99NOWHERE1", "--db", db, "--reverse", "-f", "jsonl").exit_code == 1


# --- stats -----------------------------------------------------------------------------------------


def test_stats_numbers(db: Path) -> None:
    stats = json.loads(run("stats", "--db", db, "-f", "json", "--top", "5").stdout)
    assert stats["cables"] == 3 * COUNT
    assert sum(row["count"] for row in stats["years"]) == 3 * COUNT
    assert sum(row["count"] for row in stats["classifications"]) == 3 * COUNT
    assert len(stats["origins"]) == len(stats["tags"]) == 5
    counts = [row["count"] for row in stats["tags"]]
    assert counts == sorted(counts, reverse=True)
    years = [row["year"] for row in stats["years"]]
    assert years == sorted(years)


def test_stats_table_has_a_bar_per_year(db: Path) -> None:
    result = run("stats", "--db", db)
    assert result.exit_code == 0
    assert "cables per year" in result.stdout and "█" in result.stdout
    assert "top 10 tags" in result.stdout


def test_fts_names_without_parsing_agree_with_the_parsed_search(db: Path) -> None:
    args = ["grep", "--fts", "election", "--tag", "PGOV", "--classification", "confidential", "--db", db]
    names = run(*args, "-l").stdout.split()
    parsed = [json.loads(line)["reference_id"] for line in run(*args, "-f", "jsonl").stdout.splitlines()]
    # One jsonl record per match: a cable's records come together.
    assert names and names == [ref_id for ref_id, _ in itertools.groupby(parsed)]


# --- paths, storage, read-only indexes, concurrent builds, a user's own tables --------------------------


def test_a_corpus_reached_through_a_symbolic_link_is_the_same_files(
    small: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, target = small
    link = tmp_path / "link"
    link.symlink_to(folder)
    report = build_json(link, "--db", target)
    assert (report["added"], report["unchanged"], report["cables"]) == (0, 6, 6)
    one = sorted(folder.iterdir())[0]
    (tmp_path / "one.txt").symlink_to(one)
    report = build_json(tmp_path / "one.txt", folder, "--db", target)
    assert (report["added"], report["unchanged"], report["cables"]) == (0, 6, 6)


def test_the_text_is_stored_once(db: Path) -> None:
    conn = sqlite3.connect(db)
    add_functions(conn)
    try:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "paragraphs" not in tables
        columns = {row[1] for row in conn.execute("PRAGMA table_info(cable_texts)")}
        assert "record_json" not in columns
        # The full-text index has no copy of its own: it reads cable_texts.
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'cable_search'").fetchone()[0]
        assert 'content="cable_texts"' in sql
        conn.execute("INSERT INTO cable_search (cable_search) VALUES ('integrity-check')")
        # ... stored compressed, and the view gives back the very text each input holds.
        stored, size = conn.execute(
            "SELECT sum(length(raw_zlib)), sum(raw_size) FROM cable_texts_zlib"
        ).fetchone()
        assert stored < size / 2
        texts = {
            (t.source.path, t.source.index): t.text
            for t in iter_texts([str(db.parent / "cables")])
            if isinstance(t, CableText)
        }
        rows = conn.execute("SELECT source, raw_text, body FROM cable_texts").fetchall()
        assert len(rows) == len(texts) > 0
        for source, raw, body in rows:
            where = json.loads(source)
            assert raw == texts[(where["path"], where["index"])]
            assert body is None or body in raw
    finally:
        conn.close()


@pytest.mark.parametrize(
    "text",
    ["", "x", "08BAKU187 " * 200, "é\x00ü\u2019 \U0001f600", "".join(chr(c) for c in range(32, 2000, 7))],
)
def test_a_text_comes_back_from_its_stored_bytes_compressed_or_not(text: str) -> None:
    from cablecli.index.schema import compress_text, sqlar_uncompress

    size, stored = compress_text(text)
    assert size == len(text.encode("utf-8"))
    assert sqlar_uncompress(stored, size).decode("utf-8") == text
    assert len(stored) <= max(size, 1) and (
        len(stored) < size / 10 if len(set(text)) < 12 and size > 500 else True
    )
    if len(stored) == size:  # stored as is: what compressing did not shorten
        assert stored == text.encode("utf-8")


def test_line_ends_and_byte_order_mark_keep_the_body_span_right(tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    target = tmp_path / "crlf.db"
    assert build_json(crlf, "--db", target)["added"] == 1
    (record,) = [json.loads(line) for line in run("parse", "-f", "jsonl", crlf).stdout.splitlines()]
    conn = open_index(target)
    (raw, body) = conn.execute("SELECT raw_text, body FROM cable_texts").fetchone()
    assert raw == next(iter_texts([str(crlf)])).text  # as read
    assert body.replace("\r\n", "\n") == record["body"]
    last_word = record["body"].split()[-1].strip(".")
    assert query.fts_ids(conn, f"body : {last_word}") == ["08BAKU187"]
    conn.close()
    crlf.write_bytes(crlf.read_bytes().replace(b"Lachin", b"Lachine"))
    assert build_json(crlf, "--db", target)["replaced"] == 1
    conn = open_index(target)
    conn.execute("INSERT INTO cable_search (cable_search) VALUES ('integrity-check')")
    assert query.fts_ids(conn, "lachine") == ["08BAKU187"]
    conn.close()


def test_an_index_on_read_only_storage_answers_queries(db: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    unshare = shutil.which("unshare")
    if unshare is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs unshare and root, to mount a folder read-only in a namespace of its own")
    src, mnt = tmp_path / "src", tmp_path / "mnt"
    src.mkdir()
    mnt.mkdir()
    shutil.copy(db, src / "ro.db")  # the database alone: no -wal or -shm file beside it
    expected = run("tags", "--count", "-f", "csv", "--db", db).stdout
    cli = f"{sys.executable} -m cablecli"
    script = (
        f"mount --bind {src} {mnt} && mount -o remount,ro,bind {mnt} || exit 99; "
        f"touch {mnt}/x 2>/dev/null && exit 98; "  # really read-only
        f"{cli} tags --count -f csv --db {mnt}/ro.db && {cli} grep --fts election -l --db {mnt}/ro.db | head -3"
    )
    env = dict(os.environ, CABLECLI_NO_PROGRESS="1", PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    done = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True, text=True, env=env)
    if done.returncode == 99:
        pytest.skip(f"cannot mount here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stderr
    fts = run("grep", "--fts", "election", "-l", "--db", db).stdout.splitlines()[:3]
    assert done.stdout.splitlines() == expected.splitlines() + fts
    assert done.stderr == ""


def test_the_commands_that_ask_cannot_write(db: Path) -> None:
    conn = open_index(db, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM cables")
    finally:
        conn.close()


def test_two_processes_creating_one_index_make_it_once(tmp_path: Path) -> None:
    import threading
    import time

    from cablecli.index import schema

    path = tmp_path / "new.db"
    first = schema.connect(path)
    schema.begin_write(first)  # the first build is making the tables ...
    waited: list[float] = []
    second: dict = {}

    def open_second() -> None:
        try:
            second["conn"] = open_index(path, create=True, on_wait=waited.append)
        except Exception as exc:  # noqa: BLE001 - reported below
            second["error"] = exc

    thread = threading.Thread(target=open_second)
    thread.start()
    time.sleep(0.5)
    schema._create(first)  # ... and commits them
    thread.join(30)
    first.close()
    assert "error" not in second, second.get("error")
    assert waited == [schema.LOCK_WAIT]
    conn = second["conn"]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_two_builds_at_once_both_finish(small: tuple[Path, Path], tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder, _ = small
    target = tmp_path / "both.db"
    env = dict(os.environ, CABLECLI_NO_PROGRESS="1")
    cmd = [sys.executable, "-m", "cablecli", "index", "build", str(folder), "--db", str(target), "-f", "json"]
    runs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in "ab"
    ]
    outputs = [p.communicate(timeout=120) for p in runs]
    for p, (_, err) in zip(runs, outputs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "internal error" not in err
    reports = [json.loads(out) for out, _ in outputs]
    assert sorted(r["added"] for r in reports) == [0, 6]
    assert all(r["cables"] == 6 for r in reports)


def test_a_build_waits_for_another_writer_then_says_so_in_one_line(
    small: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cablecli.index import schema

    folder, target = small
    monkeypatch.setattr(schema, "LOCK_WAIT", 0.3)
    other = sqlite3.connect(target, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run("index", "build", folder, "--db", target)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"cablecli: {target}: another process is writing to it; waiting up to 0.3 s",
        f"cablecli: {target}: another process is still writing to it after 0.3 s (another `index build`?); "
        "try again when it has finished",
    ]
    assert build_json(folder, "--db", target)["unchanged"] == 6  # and once it is free, it builds


def test_a_users_own_tables_views_and_indexes_survive(small: tuple[Path, Path], tmp_path: Path) -> None:
    folder, target = small
    conn = sqlite3.connect(target)
    conn.executescript(
        """
        CREATE TABLE my_notes (reference_id TEXT, note TEXT);
        INSERT INTO my_notes VALUES ('08BAKU187', 'read again');
        CREATE VIEW my_secret_cables AS SELECT reference_id FROM cables WHERE classification = 'SECRET';
        CREATE INDEX my_origin ON cables (origin);
        """
    )
    conn.close()
    path = sorted(folder.iterdir())[1]
    path.write_text(
        path.read_text(encoding="utf-8").replace("SUBJECT: ", "SUBJECT: NEW ", 1), encoding="utf-8"
    )
    assert build_json(folder, "--db", target)["replaced"] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_json(empty, "--db", target, "--prune")["cables"] == 0
    assert build_json(folder, "--db", target)["added"] == 6  # a bulk load into the emptied index
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT * FROM my_notes").fetchall() == [("08BAKU187", "read again")]
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
        assert {"my_notes", "my_secret_cables", "my_origin"} <= names
        conn.execute("SELECT count(*) FROM my_secret_cables").fetchone()
    finally:
        conn.close()


def test_an_index_of_the_first_schema_is_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    conn = sqlite3.connect(old)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('application', 'cablecli');"
        "CREATE TABLE cables (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;"
    )
    conn.close()
    result = run("stats", "--db", old)
    assert result.exit_code == 2
    assert result.stderr == (
        f"cablecli: {old}: index schema version 1 (made by cablecli 0.1 (each cable's text stored three "
        f"times, full-text search contentless)), but this cablecli reads version {SCHEMA_VERSION}; rebuild it: "
        f"rm {old} && cablecli index build PATH... --db {old}\n"
    )


def test_an_index_of_the_second_schema_is_refused_with_what_to_do(tmp_path: Path) -> None:
    # Schema 2 stored the text uncompressed in a table cable_texts, now a view of cable_texts_zlib.
    old = tmp_path / "v2.db"
    conn = sqlite3.connect(old)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('application', 'cablecli');"
        "CREATE TABLE cable_texts (cable_id INTEGER PRIMARY KEY, raw_text TEXT); PRAGMA user_version = 2;"
    )
    conn.close()
    from tests.conftest import FIXTURES

    for command in (
        ["tags", "--count"],
        ["index", "metadata"],
        ["index", "build", str(FIXTURES / "08BAKU187.txt")],
    ):
        result = run(*command, "--db", old)
        assert result.exit_code == 2, command
        assert result.stderr == (
            f"cablecli: {old}: index schema version 2 (made by cablecli 0.1 (each cable's text stored "
            f"uncompressed)), but this cablecli reads version {SCHEMA_VERSION}; rebuild it: "
            f"rm {old} && cablecli index build PATH... --db {old}\n"
        ), command


def test_raw_offsets_map_every_span_of_the_normalised_text() -> None:
    import random

    from cablecli.index.build import normalise_text, raw_offset

    rng = random.Random(7)
    for _ in range(500):
        raw = "".join(rng.choice(["a", "b", "\r\n", "\r", "\n", " "]) for _ in range(rng.randint(0, 30)))
        raw = ("\ufeff" if rng.random() < 0.3 else "") + raw
        norm = normalise_text(raw)
        for a in range(len(norm) + 1):
            for b in range(a, len(norm) + 1):
                assert normalise_text(raw[raw_offset(raw, a) : raw_offset(raw, b)]) == norm[a:b], (raw, a, b)


def test_a_text_with_line_feeds_and_byte_order_mark_is_stored_as_given(tmp_path: Path) -> None:
    # The workers hash and compress the text the parser saw (CRs folded, byte-order mark dropped);
    # the writer does both again for a text that differs from it, so the stored text is the given one.
    from cablecli.index.build import content_hash
    from cablecli.model import Source
    from tests.conftest import FIXTURES

    plain = (FIXTURES / "08BAKU187.txt").read_text(encoding="utf-8")
    given = ["\ufeff" + plain.replace("\n", "\r\n"), plain.replace("\n", "\r"), plain]
    conn = open_index(tmp_path / "t.db", create=True)
    items = [
        CableText(text, Source(path=str(tmp_path / "t.txt"), format="text", index=i))
        for i, text in enumerate(given)
    ]
    assert build_index(conn, items, jobs=2).added == 3
    rows = conn.execute(
        "SELECT t.raw_text, t.body, c.content_hash FROM cables c JOIN cable_texts t ON t.cable_id = c.id "
        "ORDER BY c.source_index"
    ).fetchall()
    assert [raw for raw, _, _ in rows] == given
    assert [digest for _, _, digest in rows] == [content_hash(text) for text in given]
    bodies = [body.replace("\r\n", "\n").replace("\r", "\n") for _, body, _ in rows]
    assert bodies[0] == bodies[1] == bodies[2] and "Lachin" in bodies[0]
    conn.execute("INSERT INTO cable_search (cable_search) VALUES ('integrity-check')")
    assert len(query.fts_ids(conn, "lachin")) == 3
    conn.close()
