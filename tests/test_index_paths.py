"""The index keeps file names that are not UTF-8: such a file is indexed, answered from the index with
its name as its own bytes (as reading the file gives it), kept when unchanged and removed when gone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
LATIN1_NAME = b"caf\xe9 \xff.txt"  # Latin-1 bytes: not UTF-8


def cli(*args: str | bytes | Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, CABLECLI_NO_PROGRESS="1", PYTHONPATH=str(ROOT))
    env.pop("CABLECLI_DB", None)
    argv = [
        sys.executable,
        "-m",
        "cablecli",
        *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args],
    ]
    return subprocess.run(argv, capture_output=True, env=env, timeout=120)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    where = tmp_path / "cables"
    where.mkdir()
    try:
        (where / os.fsdecode(LATIN1_NAME)).write_bytes((FIXTURES / "08BAKU187.txt").read_bytes())
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    # A cable without a reference id, named by its file where an id would be.
    text = "TAGS: PGOV, AZ\nSUBJECT: LACHIN CORRIDOR TALKS\n\n1. (C) The Lachin corridor talks went on.\n"
    (where / os.fsdecode(b"x\xe9.txt")).write_text(text, encoding="utf-8")
    (where / "plain.txt").write_bytes(
        (ROOT / "examples" / "cables" / "text").iterdir().__next__().read_bytes()
    )
    return where


def test_a_file_name_that_is_not_utf8_is_indexed_and_comes_back_as_its_bytes(
    folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "names.db"
    built = cli("index", "build", folder, "--db", db, "-f", "json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["added"] == 3 and built.stderr == b""
    # The same lines; such a name is stored as a BLOB, which SQLite sorts after every text, so its
    # cables come last from the index (docs/index.md).
    for args in (
        ["parse", "-f", "jsonl", "--fields", "reference_id,source"],
        ["tags", "-f", "csv"],
        ["addressees", "-f", "jsonl"],
        ["grep", "-c", "Lachin"],
    ):
        from_files = cli(*args, folder)
        from_index = cli(*args, "--db", db)
        assert from_files.returncode == from_index.returncode == 0, from_index.stderr
        assert sorted(from_index.stdout.splitlines()) == sorted(from_files.stdout.splitlines())
        assert LATIN1_NAME in from_index.stdout or args[0] != "parse"
    assert LATIN1_NAME in cli("parse", "-f", "yaml", "--fields", "source", "--db", db).stdout
    shown = cli("show", "--db", db, "--id", "08BAKU187", "-f", "text")
    assert shown.returncode == 0 and b"08BAKU187" in shown.stdout
    assert cli("index", "metadata", "--db", db).returncode == 0
    names = cli("grep", "--fts", "lachin", "-l", "--db", db)
    assert names.returncode == 0 and b"x\xe9.txt" in names.stdout, names.stderr

    again = cli("index", "build", folder, "--db", db, "-f", "json")
    assert json.loads(again.stdout)["unchanged"] == 3
    (folder / os.fsdecode(LATIN1_NAME)).unlink()
    pruned = cli("index", "build", folder, "--db", db, "-f", "json", "--prune")
    report = json.loads(pruned.stdout)
    assert (report["removed"], report["unchanged"], report["cables"]) == (1, 2, 2)
