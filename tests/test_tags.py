"""`cablecli tags`: per cable, --count, --kind, --explain; every format and exit code."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from tests.conftest import FIXTURES
from tests.golden_output import EXTENSIONS, check_golden, invoke, orphans

INPUTS = [
    "text/08BAKU187.txt",
    "text/09PARIS1007.txt",
    "text/09USEUBRUSSELS1177.txt",
    "text/07KUALALUMPUR1446.txt",
    "made-up/pairing.txt",
    "made-up/fragment.txt",
]
CASES = {
    "cables": INPUTS,
    "count": ["--count", *INPUTS],
    "count-kinds": ["--count", "--kind", "country", "--kind", "organization", *INPUTS],
    "explain": ["--explain", "PGOV", "AJ", "KDEM", "AZ", "OVIP (CLINTON, HILLARY)", "XQZZ9", "12"],
}
BAKU = "text/08BAKU187.txt"


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch):
    # Paths in the output (a cable without a reference id is named by its path) stay short and stable.
    monkeypatch.chdir(FIXTURES)


def tags(*args: str, input: bytes | str | None = None):
    return invoke(["tags", *args], input=input)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize("case", list(CASES))
def test_golden(case, fmt):
    check_golden("tags", case, fmt, CASES[case])


def test_no_orphan_golden_files():
    assert orphans("tags", CASES) == []


def test_table_is_the_default_and_plain_without_colour():
    r = tags(BAKU)
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert r.stdout.splitlines()[1].split() == ["┃", "cable", "┃", "tag", "┃", "kind", "┃", "meaning", "┃"]
    assert "08BAKU187" in r.stdout and "Azerbaijan (ISO 3166 code; the TAGS code is AJ)" in r.stdout


def test_rows_per_cable_and_tag():
    rows = [json.loads(line) for line in tags(BAKU, "-f", "jsonl").stdout.splitlines()]
    assert rows[0] == {
        "reference_id": "08BAKU187",
        "tag": "PGOV",
        "kind": "subject",
        "meaning": "Internal governmental affairs",
    }
    assert [(r["tag"], r["kind"]) for r in rows] == [
        ("PGOV", "subject"),
        ("PREL", "subject"),
        ("PBTS", "subject"),
        ("UN", "organization"),
        ("AZ", "country"),
    ]


def test_yaml_is_one_list_and_json_one_array():
    as_yaml = yaml.safe_load(tags(BAKU, "-f", "yaml").stdout)
    as_json = json.loads(tags(BAKU, "-f", "json").stdout)
    assert isinstance(as_yaml, list) and as_yaml == as_json and len(as_json) == 5


def test_csv_has_a_header_row():
    rows = list(csv.reader(io.StringIO(tags(BAKU, "-f", "csv").stdout)))
    assert rows[0] == ["reference_id", "tag", "kind", "meaning"]
    assert rows[3] == ["08BAKU187", "PBTS", "subject", "National boundaries, territories and sovereignty"]


def test_cable_without_reference_id_is_null_in_rows_and_named_by_file_in_the_table():
    rows = json.loads(tags("made-up/fragment.txt", "-f", "json").stdout)
    assert {r["reference_id"] for r in rows} == {None}
    assert "fragment.txt#0" in tags("made-up/fragment.txt").stdout


def test_person_and_unlisted_tags():
    rows = json.loads(tags("made-up/pairing.txt", "-f", "json").stdout)
    by_tag = {r["tag"]: r for r in rows}
    assert by_tag["DOE, JOHN"]["kind"] == "person" and by_tag["DOE, JOHN"]["meaning"] == "John Doe"
    assert by_tag["XQZZ9"]["meaning"] is None


def test_count_counts_cables_most_frequent_first():
    rows = json.loads(tags("--count", *INPUTS, "-f", "json").stdout)
    assert list(rows[0]) == ["tag", "kind", "meaning", "count"]
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    by_tag = {r["tag"]: r["count"] for r in rows}
    assert by_tag["PGOV"] == 4 and by_tag["PREL"] == 4 and by_tag["KDEM"] == 3
    # ties are ordered by tag
    ones = [r["tag"] for r in rows if r["count"] == 1]
    assert ones == sorted(ones)


def test_count_table():
    out = tags("--count", *INPUTS).stdout
    header = out.splitlines()[1]
    assert [w for w in header.split() if w != "┃"] == ["tag", "kind", "meaning", "count"]


@pytest.mark.parametrize("kind", ["subject", "program", "organization", "country", "person"])
def test_kind_keeps_only_that_kind(kind):
    rows = json.loads(tags("--kind", kind, *INPUTS, "-f", "json").stdout)
    assert rows and {r["kind"] for r in rows} == {kind}
    counted = json.loads(tags("-c", "-k", kind, *INPUTS, "-f", "json").stdout)
    assert counted and {r["kind"] for r in counted} == {kind}


def test_kind_is_repeatable():
    rows = json.loads(
        tags("-k", "country", "-k", "program", BAKU, "text/09PARIS1007.txt", "-f", "json").stdout
    )
    assert {r["kind"] for r in rows} == {"country"} and {r["tag"] for r in rows} == {"AZ", "FR"}
    rows = json.loads(tags("-k", "country", "-k", "program", *INPUTS, "-f", "json").stdout)
    assert {r["kind"] for r in rows} == {"country", "program"}


def test_kind_rejects_other_values():
    r = tags("--kind", "unknown", BAKU)
    assert r.exit_code == 2
    assert "subject" in r.stderr and "person" in r.stderr


def test_explain_reads_no_input_and_explains_each_code():
    rows = json.loads(tags("--explain", "PGOV", "AJ", "KDEM", "-f", "json").stdout)
    assert rows == [
        {"tag": "PGOV", "kind": "subject", "meaning": "Internal governmental affairs"},
        {"tag": "AJ", "kind": "country", "meaning": "Azerbaijan"},
        {"tag": "KDEM", "kind": "program", "meaning": "Democratization"},
    ]


def test_explain_unknown_codes_still_print_with_exit_0():
    r = tags("-e", "XQZZ9", "12", "-f", "jsonl")
    assert r.exit_code == 0
    assert [json.loads(line) for line in r.stdout.splitlines()] == [
        {"tag": "XQZZ9", "kind": "organization", "meaning": None},
        {"tag": "12", "kind": "unknown", "meaning": None},
    ]


def test_explain_is_case_insensitive_and_filtered_by_kind():
    rows = json.loads(tags("--explain", "pgov", "aj", "--kind", "country", "-f", "json").stdout)
    assert rows == [{"tag": "AJ", "kind": "country", "meaning": "Azerbaijan"}]


def test_explain_without_codes_is_a_usage_error():
    r = tags("--explain")
    assert r.exit_code == 2 and "--explain needs TAGS codes" in r.stderr and r.stdout == ""


def test_explain_with_count_is_a_usage_error():
    r = tags("--explain", "--count", "PGOV")
    assert r.exit_code == 2 and "do not go together" in r.stderr


def test_bad_format_is_a_usage_error():
    assert tags("-f", "xml", BAKU).exit_code == 2


def test_reads_stdin_without_a_path_and_with_dash():
    data = (FIXTURES / BAKU).read_bytes()
    for args in ([], ["-"]):
        r = tags(*args, "-f", "jsonl", input=data)
        assert r.exit_code == 0
        assert len(r.stdout.splitlines()) == 5


def test_unreadable_input_is_reported_others_processed_exit_2():
    r = tags("missing.txt", BAKU, "-f", "jsonl")
    assert r.exit_code == 2
    assert len(r.stdout.splitlines()) == 5
    assert r.stderr.startswith("cablecli: missing.txt") and r.stderr.count("\n") == 1


def test_unreadable_input_with_count_exit_2():
    r = tags("--count", "missing.txt", BAKU, "-f", "json")
    assert r.exit_code == 2 and len(json.loads(r.stdout)) == 5


def test_empty_input_gives_empty_documents():
    assert tags("-f", "json", input=b"").stdout == "[]\n"
    assert tags("-f", "yaml", input=b"").stdout == "[]\n"
    assert tags("-f", "csv", input=b"").stdout == "reference_id,tag,kind,meaning\n"


def test_output_file(tmp_path):
    target = tmp_path / "tags.csv"
    r = tags(BAKU, "-f", "csv", "-o", str(target))
    assert r.exit_code == 0 and r.stdout == ""
    assert target.read_text().splitlines()[0] == "reference_id,tag,kind,meaning"
    table = tmp_path / "tags.txt"
    tags(BAKU, "--color", "always", "-o", str(table))
    assert "\x1b[" not in table.read_text()  # a file never gets colour


def test_input_format_option():
    rows = json.loads(tags("--input-format", "text", BAKU, "-f", "json").stdout)
    assert len(rows) == 5


def test_jobs_give_the_same_output():
    one = tags(*INPUTS, "-f", "jsonl").stdout
    assert tags("-j", "2", *INPUTS, "-f", "jsonl").stdout == one
    assert (
        tags("-j", "2", "--count", *INPUTS, "-f", "jsonl").stdout
        == tags("--count", *INPUTS, "-f", "jsonl").stdout
    )


def test_color_always_and_never():
    assert "\x1b[" in tags(BAKU, "--color", "always").stdout
    assert "\x1b[" not in tags(BAKU, "--color", "never").stdout


def test_help_has_examples():
    r = tags("--help")
    assert r.exit_code == 0
    for text in ("--explain", "--count", "--kind", "cablecli tags --explain PGOV AJ KDEM", "organization"):
        assert text in r.stdout
