"""grep's raw-byte scan of whole files (cablecli/inputs/scan.py): read a chunk at a time, never
memory-mapped, so that a file cut short while it is searched is an error or a shorter result, never
SIGBUS; and the same candidates whatever the chunk size."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cablecli.inputs import CableText, InputError, iter_texts, scan
from cablecli.search import Matcher
from tests.conftest import generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scan") / "cables.csv"
    generate(out, 300, seed="scan", fmt="csv")
    return out


def _items(paths: list[Path], literal: str, ignore_case: bool = False) -> list[tuple]:
    needle = Matcher.build(literal, fixed=True, ignore_case=ignore_case).needle
    assert needle is not None
    return [
        (x.source.index, x.text) if isinstance(x, CableText) else ("error", x.message)
        for x in scan.iter_candidates([str(p) for p in paths], needle)
    ]


@pytest.mark.parametrize(("literal", "ignore_case"), [("Kosovo", False), ("the", False), ("minister", True)])
def test_the_candidates_do_not_depend_on_the_chunk_size(
    dump: Path, literal: str, ignore_case: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _items([dump], literal, ignore_case)
    # Every row holding the literal is among the candidates, and each row comes once.
    rows = {x.source.index: x.text for x in iter_texts([str(dump)])}
    fold = str.lower if ignore_case else str
    holding = {i for i, text in rows.items() if fold(literal) in fold(text)}
    assert holding <= {i for i, _ in whole}
    assert len({i for i, _ in whole}) == len(whole)
    for chunk in (4096, 5000, 65537):
        monkeypatch.setattr(scan, "_CHUNK", chunk)
        assert _items([dump], literal, ignore_case) == whole


def test_a_byte_order_mark_and_a_text_file_are_scanned_in_chunks(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = tmp_path / "marked.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + dump.read_bytes())
    text = tmp_path / "cables.txt"
    cables = [x.text for x in iter_texts([str(dump)])]
    text.write_text("\n\n".join(cables[:40]), encoding="utf-8")
    monkeypatch.setattr(scan, "_CHUNK", 1 << 20)
    expected = (_items([marked], "Kosovo"), _items([text], "Kosovo"), _items([text], "no such words"))
    monkeypatch.setattr(scan, "_CHUNK", 3000)
    assert (_items([marked], "Kosovo"), _items([text], "Kosovo"), _items([text], "no such words")) == expected
    assert expected[1] and not expected[2]


def test_the_byte_search_runs_in_re2_and_agrees_with_the_pattern() -> None:
    for literal, ignore_case in (("Kosovo", False), ("kiss", True), ("don't", False), ("I", True)):
        needle = Matcher.build(literal, fixed=True, ignore_case=ignore_case).needle
        search = scan.byte_search(needle)
        for data in (
            b"xx KOSOVO Kosovo",
            "\u212aISS kiss".encode(),
            b"DON\\'T don't",
            b"\xe9 \xc4\xb0 i",
            b"",
        ):
            for start in range(len(data) + 1):
                found = needle.search(data, start)
                assert search(data, start) == (found.start() if found else -1)


def test_a_case_blind_search_with_folded_characters_finds_the_first_match() -> None:
    # The needle's Unicode folds (Kelvin sign, long s) are searched only where they occur.
    needle = Matcher.build("kiss", fixed=True, ignore_case=True).needle
    assert needle is not None and b"\xe2\x84\xaa" in needle.pattern
    search = scan.byte_search(needle)
    pieces = [
        b"KISS",
        b"ki\xc5\xbfs",
        b"\xe2\x84\xaaiss",
        b"kis",
        b"x",
        b"\xc5\xbf",
        b"\xe2\x84\xaa",
        b" " * 5,
    ]
    for data in (b"".join(p) for p in itertools.product(pieces, repeat=3)):
        for start in range(len(data) + 1):
            found = needle.search(data, start)
            assert search(data, start) == (found.start() if found else -1), (data, start)


# A file cut short by another process while grep reads it. The cut is made deterministic by a hook in
# the chunk reader: the first read after the head truncates the file to half its size.
_TRUNCATING = """
import os, sys
from cablecli.inputs import scan
scan._CHUNK = 8192
path = sys.argv[1]
first = True
read = scan._read
def _read(handle, size):
    global first
    if first:
        first = False
        os.truncate(path, os.path.getsize(path) // 2)
    return read(handle, size)
scan._read = _read
from cablecli.cli import main
sys.argv = ["cablecli", "grep", "-l", "-F", sys.argv[2], path]
main()
"""


@pytest.mark.parametrize("literal", ["the", "Kosovo"])
def test_a_file_truncated_while_grep_reads_it_is_one_line_never_sigbus(
    dump: Path, tmp_path: Path, literal: str
) -> None:
    victim = tmp_path / "cables.csv"
    victim.write_bytes(dump.read_bytes())
    env = dict(os.environ, CABLECLI_NO_PROGRESS="1", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_TRUNCATING), str(victim), literal],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode in (0, 1, 2), (done.returncode, done.stderr)  # never -7 (SIGBUS), 135 in a shell
    assert "Traceback" not in done.stderr
    # What it found is what grep finds in the file as it was left.
    after = tmp_path / "after.csv"
    after.write_bytes(victim.read_bytes())
    expected = subprocess.run(
        [sys.executable, "-m", "cablecli", "grep", "-l", "-F", literal, str(after)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stdout == expected.stdout
    assert done.returncode == expected.returncode
    if done.returncode == 2:
        (line,) = done.stderr.splitlines()
        assert str(victim) in line and "ends inside a quoted field" in line


def test_a_read_error_during_the_scan_names_the_file(dump: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(handle, size):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(scan, "_read", failing)
    needle = Matcher.build("zzzz", fixed=True).needle
    (item,) = list(scan.iter_candidates([str(dump)], needle))
    assert isinstance(item, InputError) and item.path == str(dump)
    assert "Input/output error" in item.message
