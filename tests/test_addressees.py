"""`cablecli addressees`: per cable, --role, --count, station names; every format and exit code."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from cablecli.reference import station_name
from tests.conftest import FIXTURES, REAL_CORPUS
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
    "roles": ["--role", "from", "--role", "xmt", *INPUTS],
}
BAKU = "text/08BAKU187.txt"
PAIRING = "made-up/pairing.txt"
COLUMNS = ["reference_id", "role", "routing_indicator", "name", "station", "precedence", "serial"]


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)


def addressees(*args: str, input: bytes | str | None = None):
    return invoke(["addressees", *args], input=input)


def rows_of(*args: str) -> list[dict]:
    r = addressees(*args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
@pytest.mark.parametrize("case", list(CASES))
def test_golden(case, fmt):
    check_golden("addressees", case, fmt, CASES[case])


def test_no_orphan_golden_files():
    assert orphans("addressees", CASES) == []


def test_rows_per_cable_role_and_entry():
    rows = rows_of(BAKU)
    assert list(rows[0]) == COLUMNS
    assert rows[0] == {
        "reference_id": "08BAKU187",
        "role": "from",
        "routing_indicator": "RUEHKB",
        "name": "AMEMBASSY BAKU",
        "station": "AMEMBASSY BAKU",
        "precedence": "PRIORITY",
        "serial": "0187",
    }
    assert rows[1] == {
        "reference_id": "08BAKU187",
        "role": "to",
        "routing_indicator": "RUEHC",
        "name": "SECSTATE WASHDC",
        "station": "SECSTATE WASHDC",
        "precedence": "PRIORITY",
        "serial": "4855",
    }
    assert [r["role"] for r in rows] == ["from", "to"] + ["info"] * 7
    # the station is the shipped table's name for the RI, whatever name the cable wrote
    pristina = next(r for r in rows if r["routing_indicator"] == "RUEHPS")
    assert (pristina["name"], pristina["station"]) == ("USOFFICE PRISTINA", "AMEMBASSY PRISTINA")


def test_cable_without_a_de_line_has_no_routing_indicators():
    rows = rows_of("text/09USEUBRUSSELS1177.txt")
    assert [(r["role"], r["routing_indicator"], r["name"], r["station"]) for r in rows] == [
        ("from", None, "USEU BRUSSELS", None),
        ("to", None, "SECSTATE WASHDC", None),
        ("to", None, "US CUSTOMS AND BORDER PROTECTION WASHINGTON DC", None),
    ]


def test_stations_the_table_lacks_come_from_what_the_cables_pair():
    rows = rows_of(PAIRING)
    stations = {r["routing_indicator"]: r["station"] for r in rows if r["routing_indicator"]}
    assert station_name("RUEHZZQ") is None and station_name("RXYZABC") is None
    assert stations["RUEHZZQ"] == "AMEMBASSY ATLANTIS"  # DE RUEHZZQ with FM AMEMBASSY ATLANTIS
    assert stations["RUEHYYQ"] == "AMEMBASSY LEMURIA"
    assert stations["RXYZABC"] == "ATLANTIS COLLECTIVE"  # RXYZABC/ATLANTIS COLLECTIVE


def test_bare_routing_indicator_entry_has_a_station_but_no_name():
    info = [r for r in rows_of(PAIRING) if r["role"] == "info" and r["reference_id"] == "09ATLANTIS1"]
    assert info[1] == {
        "reference_id": "09ATLANTIS1",
        "role": "info",
        "routing_indicator": "RUEHC",
        "name": None,
        "station": "SECSTATE WASHDC",
        "precedence": None,
        "serial": None,
    }


def test_xmt_entries_with_and_without_routing_indicator():
    xmt = [(r["routing_indicator"], r["name"], r["station"]) for r in rows_of("--role", "xmt", PAIRING)]
    assert xmt == [(None, "AMEMBASSY LEMURIA", None), ("RUEHZZQ", "AMEMBASSY ATLANTIS", "AMEMBASSY ATLANTIS")]


@pytest.mark.parametrize("role", ["from", "to", "info", "xmt"])
def test_role_keeps_only_that_role(role):
    rows = rows_of("--role", role, *INPUTS)
    assert rows and {r["role"] for r in rows} == {role}
    counted = rows_of("--count", "-r", role, *INPUTS)
    assert counted and {r["role"] for r in counted} == {role}


def test_role_is_repeatable():
    rows = rows_of("-r", "to", "-r", "info", *INPUTS)
    assert {r["role"] for r in rows} == {"to", "info"}


def test_role_rejects_other_values():
    r = addressees("--role", "cc", BAKU)
    assert r.exit_code == 2 and "xmt" in r.stderr


def test_count_per_role_and_routing_indicator_with_senders():
    rows = rows_of("--count", *INPUTS)
    assert list(rows[0]) == ["role", "routing_indicator", "name", "count", "senders"]
    assert rows[0] == {
        "role": "to",
        "routing_indicator": "RUEHC",
        "name": "SECSTATE WASHDC",
        "count": 6,
        "senders": 5,
    }
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    by_key = {(r["role"], r["routing_indicator"], r["name"]): r for r in rows}
    # without a routing indicator an addressee is counted by its name
    assert by_key[("to", None, "SECSTATE WASHDC")]["count"] == 1
    # an RI the table lacks is named from the cables
    assert by_key[("info", "RXYZABC", "ATLANTIS COLLECTIVE")] == {
        "role": "info",
        "routing_indicator": "RXYZABC",
        "name": "ATLANTIS COLLECTIVE",
        "count": 2,
        "senders": 2,
    }


def test_count_table():
    out = addressees("--count", *INPUTS).stdout
    header = out.splitlines()[1]
    assert [w for w in header.split() if w != "┃"] == ["role", "RI", "name", "count", "senders"]


def test_yaml_is_one_list_and_json_one_array():
    as_yaml = yaml.safe_load(addressees(BAKU, "-f", "yaml").stdout)
    as_json = json.loads(addressees(BAKU, "-f", "json").stdout)
    assert isinstance(as_yaml, list) and as_yaml == as_json and len(as_json) == 9


def test_csv_has_a_header_row_and_empty_cells_for_null():
    rows = list(csv.reader(io.StringIO(addressees(BAKU, "-f", "csv").stdout)))
    assert rows[0] == COLUMNS
    assert rows[4] == ["08BAKU187", "info", "RUCNDT", "USMISSION USUN NEW YORK", "USMISSION USUN NEW YORK",
                       "PRIORITY", "0271"]  # fmt: skip
    assert rows[3][2:] == ["RUCNCIS", "CIS COLLECTIVE", "CIS COLLECTIVE", "PRIORITY", ""]


def test_table_is_the_default():
    r = addressees(BAKU)
    assert r.exit_code == 0 and "\x1b[" not in r.stdout
    assert [w for w in r.stdout.splitlines()[1].split() if w != "┃"] == [
        "cable", "role", "RI", "name", "station", "precedence", "serial"
    ]  # fmt: skip


def test_reads_stdin_without_a_path_and_with_dash():
    data = (FIXTURES / BAKU).read_bytes()
    for args in ([], ["-"]):
        r = addressees(*args, "-f", "jsonl", input=data)
        assert r.exit_code == 0 and len(r.stdout.splitlines()) == 9


def test_unreadable_input_is_reported_others_processed_exit_2():
    r = addressees(BAKU, "missing.txt", "-f", "jsonl")
    assert r.exit_code == 2
    assert len(r.stdout.splitlines()) == 9
    assert r.stderr.startswith("cablecli: missing.txt") and r.stderr.count("\n") == 1
    assert addressees("--count", "missing.txt", BAKU).exit_code == 2


def test_bad_format_is_a_usage_error():
    assert addressees("-f", "xml", BAKU).exit_code == 2


def test_empty_input_gives_empty_documents():
    assert addressees("-f", "json", input=b"").stdout == "[]\n"
    assert addressees("-f", "yaml", input=b"").stdout == "[]\n"
    assert addressees("-f", "csv", input=b"").stdout == ",".join(COLUMNS) + "\n"
    assert (
        addressees("--count", "-f", "csv", input=b"").stdout == "role,routing_indicator,name,count,senders\n"
    )


def test_output_file(tmp_path):
    target = tmp_path / "to.jsonl"
    r = addressees(BAKU, "-f", "jsonl", "-o", str(target))
    assert r.exit_code == 0 and r.stdout == ""
    assert len(target.read_text().splitlines()) == 9


def test_input_format_option():
    assert len(rows_of("--input-format", "text", BAKU)) == 9


def test_jobs_give_the_same_output():
    one = addressees(*INPUTS, "-f", "jsonl").stdout
    assert addressees("-j", "2", *INPUTS, "-f", "jsonl").stdout == one
    counted = addressees("--count", *INPUTS, "-f", "jsonl").stdout
    assert addressees("-j", "2", "--count", *INPUTS, "-f", "jsonl").stdout == counted


def test_color_always_and_never():
    assert "\x1b[" in addressees(BAKU, "--color", "always").stdout
    assert "\x1b[" not in addressees(BAKU, "--color", "never").stdout


def test_help_has_examples():
    r = addressees("--help")
    assert r.exit_code == 0
    for text in ("--role", "--count", "station", "cablecli addressees --count --role to --role info"):
        assert text in r.stdout


def test_every_routing_indicator_of_the_corpus_resolves_to_a_station():
    corpus = [str(p) for p in REAL_CORPUS]
    r = invoke(["addressees", "--count", *corpus, "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    with_ri = [row for row in rows if row["routing_indicator"]]
    assert {row["role"] for row in with_ri} == {"from", "to", "info"}
    unresolved = sorted({row["routing_indicator"] for row in with_ri if not row["name"]})
    assert unresolved == []
    # every RI of the real corpus is in the shipped table, and --count names it from there
    assert [row for row in with_ri if row["name"] != station_name(row["routing_indicator"])] == []
    # and the per-cable rows agree
    per_cable = invoke(["addressees", *corpus, "-f", "jsonl"])
    stations = {json.loads(line)["station"] for line in per_cable.stdout.splitlines()
                if json.loads(line)["routing_indicator"]}  # fmt: skip
    assert None not in stations
