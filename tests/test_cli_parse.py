"""`cablecli parse`: every output format, options and exit code, in-process with CliRunner."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.model import FIELDS
from tests.conftest import FIXTURES, ROOT

BAKU = str(FIXTURES / "golden" / "parse" / "08BAKU187--input.txt")
PARIS = str(FIXTURES / "golden" / "parse" / "09PARIS997--input.txt")


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(app, ["parse", *args], input=input)


def test_yaml_is_the_default_and_safe_loads_back():
    r = run(BAKU)
    assert r.exit_code == 0
    docs = list(yaml.safe_load_all(r.stdout))
    assert len(docs) == 1 and docs[0]["reference_id"] == "08BAKU187"
    assert list(docs[0]) == list(FIELDS)


def test_json_is_one_array():
    r = run(BAKU, PARIS, "-f", "json")
    assert r.exit_code == 0
    records = json.loads(r.stdout)
    assert [x["reference_id"] for x in records] == ["08BAKU187", "09PARIS997"]
    assert records[0]["source"] == {"path": BAKU, "format": "markdown", "index": 0, "metadata": None}


def test_json_with_no_record_is_an_empty_array():
    r = run("-f", "json", input="")
    assert r.exit_code == 2  # stdin held no cable
    assert json.loads(r.stdout) == []


def test_jsonl_one_record_per_line():
    r = run(BAKU, PARIS, "-f", "jsonl")
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["reference_id"] == "09PARIS997"


def test_csv_has_a_header_and_flat_values():
    r = run(BAKU, "-f", "csv", "--no-body")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == [f for f in FIELDS if f != "body"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["tags"] == "PGOV; PREL; PBTS; UN; AZ"
    assert json.loads(row["to"])[0]["name"] == "SECSTATE WASHDC"


def test_table_shows_the_chosen_fields_as_plain_text():
    r = run(BAKU, "-f", "table", "--fields", "reference_id,subject")
    assert r.exit_code == 0
    assert "08BAKU187" in r.stdout and "\x1b[" not in r.stdout


def test_fields_pick_and_order():
    r = run(BAKU, "-f", "jsonl", "--fields", "tags,reference_id")
    assert list(json.loads(r.stdout)) == ["tags", "reference_id"]


def test_unknown_field_is_a_usage_error():
    r = run(BAKU, "--fields", "reference_id,nope")
    assert r.exit_code == 2
    assert "unknown field(s) nope" in r.stderr


def test_no_body():
    r = run(BAKU, "-f", "jsonl", "--no-body")
    assert "body" not in json.loads(r.stdout)


def test_bad_format_is_a_usage_error():
    assert run(BAKU, "-f", "xml").exit_code == 2


def test_missing_file_reports_and_goes_on():
    r = run("does-not-exist.txt", BAKU, "-f", "jsonl")
    assert r.exit_code == 2
    assert r.stderr.strip() == "cablecli: does-not-exist.txt: No such file or directory"
    assert json.loads(r.stdout)["reference_id"] == "08BAKU187"


def test_stdin_with_dash_and_without_paths():
    data = Path(BAKU).read_bytes()
    for args in (["-"], []):
        r = run(*args, "-f", "jsonl", input=data)
        assert r.exit_code == 0
        assert json.loads(r.stdout)["source"]["path"] == "-"


def test_directory_walk_and_several_cables_in_one_file(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(BAKU, tmp_path / "sub" / "a.txt")
    both = Path(BAKU).read_text(encoding="utf-8") + "\n" + Path(PARIS).read_text(encoding="latin-1")
    (tmp_path / "two.txt").write_text(both, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x")
    r = run(str(tmp_path), "-f", "jsonl", "--fields", "reference_id,source")
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["reference_id"] for x in recs] == ["08BAKU187", "08BAKU187", "09PARIS997"]
    assert [x["source"]["index"] for x in recs] == [0, 0, 1]


def test_gzip_input(tmp_path):
    gz = tmp_path / "c.txt.gz"
    gz.write_bytes(gzip.compress(Path(PARIS).read_bytes()))
    r = run(str(gz), "-f", "jsonl", "--fields", "reference_id")
    assert json.loads(r.stdout) == {"reference_id": "09PARIS997"}


def test_jobs_keep_input_order(tmp_path):
    for i in range(40):
        shutil.copy(BAKU if i % 2 else PARIS, tmp_path / f"{i:03d}.txt")
    one = run(str(tmp_path), "-f", "jsonl", "--no-body").stdout
    two = run(str(tmp_path), "-f", "jsonl", "--no-body", "-j", "2").stdout
    assert one == two and len(one.splitlines()) == 40


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "out.json"
    r = run(BAKU, "-f", "json", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert json.loads(out.read_text())[0]["reference_id"] == "08BAKU187"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_output_file_left_alone_when_the_run_fails(tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    out.write_text("previous")
    import cablecli.render.records as records

    def boom(self, record):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(records.JsonWriter, "write_formatted", boom)
    monkeypatch.setattr(records.JsonWriter, "write_block", boom)  # records as blocks of bytes
    r = run(BAKU, "-f", "json", "-o", str(out))
    assert r.exit_code != 0
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_input_format_forces_a_form(tmp_path):
    r = run(BAKU, "--input-format", "text", "-f", "jsonl", "--fields", "source")
    assert json.loads(r.stdout)["source"]["format"] == "text"


def test_version_and_help():
    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("cablecli ")
    r = CliRunner().invoke(app, ["parse", "--help"])
    assert r.exit_code == 0 and "--fields" in r.stdout


def _cli(*args: str, **kw):
    return subprocess.run([sys.executable, "-m", "cablecli", *args], capture_output=True, cwd=ROOT, **kw)


def test_module_entry_point_and_closed_pipe():
    # `cablecli parse ... | head -1`: the reader goes away; no error text, no traceback.
    proc = subprocess.Popen(
        [sys.executable, "-m", "cablecli", "parse", BAKU, BAKU, BAKU, "-f", "yaml"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    with proc:
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.wait(timeout=30)
    assert err == b""


@pytest.mark.parametrize("args", [["parse", "--format"], ["nope"], ["parse", "-j", "-1", BAKU]])
def test_usage_errors_exit_2_without_traceback(args):
    p = _cli(*args)
    assert p.returncode == 2
    assert b"Traceback" not in p.stderr
