"""`-f json` and `-f jsonl` with orjson (the `cablecli[fast]` extra) and with the standard library:
the same bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cablecli.inputs import CableText, iter_texts
from cablecli.parse import parse_text
from cablecli.render import records
from tests.conftest import FIXTURES, generate

orjson = pytest.importorskip("orjson")


def _records(paths):
    for item in iter_texts([str(p) for p in paths]):
        if isinstance(item, CableText):
            yield parse_text(item.text, item.source).to_dict()


def _fixture_paths():
    return [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".txt", ".html", ".csv")]


def test_orjson_is_used_when_installed(monkeypatch):
    assert records._orjson is orjson
    monkeypatch.setenv("CABLECLI_NO_ORJSON", "1")
    assert records._load_orjson() is None


def test_both_encoders_give_identical_bytes_on_fixtures():
    seen = 0
    for record in _records(_fixture_paths()):
        fast = records._json_item(record)
        assert fast == orjson.dumps(record, option=orjson.OPT_INDENT_2).decode()
        assert fast.encode() == records.json_item_std(record).encode()
        line = records.json_line(record)
        assert line == orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE).decode()
        assert line.encode() == records.json_line_std(record).encode()
        seen += 1
    assert seen >= 40


def test_both_encoders_give_identical_bytes_on_generated_cables(tmp_path):
    where = generate(tmp_path, count=100, seed="fastjson", fmt="csv", messy=0.3)
    for record in _records([where / "cables.csv"]):
        assert records._json_item(record).encode() == records.json_item_std(record).encode()
        assert records.json_line(record).encode() == records.json_line_std(record).encode()


def test_a_json_line_is_compact_json_of_the_record(tmp_path):
    """jq -c's form: no space after `,` and `:`, non-ASCII as itself, one line, read back the same."""
    where = generate(tmp_path, count=60, seed="jsonl", fmt="csv", messy=0.3)
    for record in _records([where / "cables.csv"]):
        line = records.json_line(record)
        assert line.endswith("\n") and "\n" not in line[:-1]
        assert line == json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert json.loads(line) == record


@pytest.mark.parametrize(
    "value", ['tab\tcontrol\x01 quote" backslash\\', "\u2028\u00e9\U0001f600", "", 0, -17, None, True]
)
def test_escapes_and_scalars_match(value):
    record = {"a": value, "b": [value, {"c": [], "d": {}}], "e": []}
    assert records._json_item(record) == records.json_item_std(record)
    assert records.json_line(record) == records.json_line_std(record)


def test_what_orjson_refuses_falls_back_to_json():
    record = {"text": "lone \udc80 surrogate", "n": 2**70}
    assert records._json_item(record) == records.json_item_std(record)
    assert records.json_line(record) == records.json_line_std(record)
    assert json.loads(records.json_line(record)) == record


@pytest.mark.parametrize(
    "command", [["parse", "--no-body"], ["tags"], ["addressees"], ["grep", "-i", "minsk"]]
)
def test_jsonl_output_is_the_same_with_and_without_orjson(command):
    """Each command's `-f jsonl`, run with orjson and with CABLECLI_NO_ORJSON: the same bytes."""
    args = [sys.executable, "-m", "cablecli", *command, *map(str, _fixture_paths()), "-f", "jsonl"]
    env = {**os.environ, "CABLECLI_NO_PROGRESS": "1"}
    env.pop("CABLECLI_NO_ORJSON", None)
    fast = subprocess.run(args, capture_output=True, env=env)
    slow = subprocess.run(args, capture_output=True, env={**env, "CABLECLI_NO_ORJSON": "1"})
    assert fast.stdout.count(b"\n") >= 5
    assert fast.stdout == slow.stdout
    assert b'":' in fast.stdout and b'": ' not in fast.stdout.replace(b'\\"', b"")
