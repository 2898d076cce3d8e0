"""Property and fuzz tests: the parser and every reader take anything; records survive JSON and YAML;
a real cable cut about never crashes a command.

The normal run tries a few dozen to a few hundred inputs per property. `make fuzz` runs the same
properties with many more (CABLECLI_FUZZ=1 selects the "fuzz" Hypothesis profile; a number sets
the examples per property) and prints Hypothesis's statistics: inputs tried, and any failure.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.inputs import CableText, InputError, iter_texts, read_stream
from cablecli.inputs.csvdump import read_csv
from cablecli.inputs.html import read_html
from cablecli.inputs.text import normalise_newlines, read_texts
from cablecli.model import Source
from cablecli.parse import parse_text
from cablecli.render.records import format_record
from cablecli.render.safe import visible
from tests.conftest import FIXTURES

pytestmark = pytest.mark.fuzz

_FUZZ = os.environ.get("CABLECLI_FUZZ", "")
FUZZ_EXAMPLES = int(_FUZZ) if _FUZZ.isdigit() else 20_000
settings.register_profile(
    "default-run", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "fuzz", deadline=None, suppress_health_check=list(HealthCheck), print_blob=True, database=None
)


def examples(normal: int, share: float = 1.0):
    """Settings for a property: `normal` examples in the test run, a share of FUZZ_EXAMPLES under make fuzz."""
    if _FUZZ:
        return settings(settings.get_profile("fuzz"), max_examples=max(normal, int(FUZZ_EXAMPLES * share)))
    return settings(settings.get_profile("default-run"), max_examples=normal)


# Lines a cable is made of, for inputs that get past the first line of each parser.
REAL = [
    FIXTURES / "08BAKU187.txt",
    FIXTURES / "06NEWDELHI5138.txt",
    FIXTURES / "text" / "09PARIS997.txt",
    FIXTURES / "text" / "07KUALALUMPUR1446.txt",
]
REAL_TEXTS = [p.read_bytes().decode("utf-8", "replace") for p in REAL]
REAL_LINES = sorted({line for text in REAL_TEXTS for line in text.splitlines()})

cable_lines = st.lists(
    st.one_of(
        st.sampled_from(REAL_LINES),
        st.text(max_size=80),
        st.sampled_from(REAL_LINES).flatmap(
            lambda line: st.integers(0, len(line)).map(lambda i: line[:i])  # a line cut short
        ),
    ),
    max_size=60,
).map("\n".join)
any_text = st.one_of(st.text(), cable_lines)


def _no_internal_error(cable) -> None:
    # parse_text catches everything; a parser bug shows as this problem instead of an exception.
    assert not [p for p in cable.problems if p.code == "internal-error"], cable.problems


# -- the parser ----------------------------------------------------------------------------------


@examples(200, share=1.0)
@given(any_text)
def test_parse_text_takes_any_text(text: str) -> None:
    cable = parse_text(text)
    _no_internal_error(cable)
    assert cable.text == normalise_newlines(text).removeprefix("\ufeff")


@examples(150, share=0.5)
@given(any_text)
def test_records_round_trip_through_json_and_yaml(text: str) -> None:
    record = parse_text(text, Source(path="x.txt", format="text")).to_dict()
    assert json.loads(format_record("json", [], record)) == record
    assert json.loads(format_record("jsonl", [], record)) == record
    assert yaml.safe_load(format_record("yaml", [], record)) == record


# -- the readers ----------------------------------------------------------------------------------

_FORMS = [None, "text", "markdown", "html", "csv"]


def _read_all(data: bytes, form: str | None) -> list[CableText | InputError]:
    """What a command gets from these bytes on stdin: texts and errors, never an exception."""
    items = list(iter_texts([], form, stdin=io.BytesIO(data)))
    assert all(isinstance(item, CableText | InputError) for item in items)
    for item in items:
        if isinstance(item, CableText):
            assert "\r" not in item.text
            _no_internal_error(parse_text(item.text, item.source))
    return items


prefixes = st.sampled_from(
    [b"", b'"1","', b"<pre>", b"<html><table class='cable'>", b"VZCZC", b"\xef\xbb\xbf"]
)
csv_like = st.lists(
    st.sampled_from(
        [b'"', b"\\", b",", b"\n", b"\r\n", b"\r", b'"1","', b'""', b"\\n", b"a", b"\xb6", b"\x00"]
    ),
    max_size=60,
).map(b"".join)
html_like = st.lists(
    st.sampled_from(
        [
            b"<pre>",
            b"</pre>",
            b"<table class='cable'>",
            b"<tr>",
            b"<th>Origin</th>",
            b"<td>",
            b"</td>",
            b"</table>",
            b"&#x000A;",
            b"&#xD800;",
            b"&#0;",
            b"<br/>",
            b"<div class='text-header'>",
            b"</div>",
            b"<a href='#'>",
            b"x",
            b"\n",
            b"<!--",
            b"<![CDATA[",
            b"<script>",
        ]  # fmt: skip
    ),
    max_size=40,
).map(b"".join)
any_bytes = st.one_of(
    st.binary(max_size=2000), st.tuples(prefixes, st.binary(max_size=500)).map(b"".join), csv_like, html_like
)


@examples(300, share=1.0)
@given(any_bytes, st.sampled_from(_FORMS))
def test_every_reader_takes_any_bytes(data: bytes, form: str | None) -> None:
    _read_all(data, form)


@examples(100, share=0.5)
@given(any_bytes, st.sampled_from(_FORMS), st.integers(0, 100))
def test_gzip_of_any_bytes_whole_or_cut(data: bytes, form: str | None, cut: int) -> None:
    packed = gzip.compress(data)
    _read_all(packed, form)
    _read_all(packed[: len(packed) * cut // 100], form)


@examples(200, share=0.5)
@given(any_bytes)
def test_each_reader_on_its_own(data: bytes) -> None:
    # Straight into each reader, past the detection that would route the bytes elsewhere.
    for reader in (read_csv, read_html, read_texts):
        for item in reader(io.BytesIO(data), "x"):
            assert isinstance(item, CableText | InputError)
    try:
        list(read_stream(io.BufferedReader(io.BytesIO(data)), "x"))
    except (OSError, EOFError, zlib.error):
        pass  # the caller (iter_texts) turns these into an InputError


@examples(200, share=0.5)
@given(st.text(max_size=300).filter(lambda t: t.removeprefix("\ufeff").strip()))  # else: an empty file
def test_text_reader_loses_nothing(text: str) -> None:
    # Everything a text file holds comes back, split into cables, line ends normalised.
    assume("\x00" not in text[:8192])
    items = list(read_texts(io.BytesIO(text.encode("utf-8")), "x.txt", "text"))
    assert all(isinstance(item, CableText) for item in items)
    assert "".join(item.text for item in items) == normalise_newlines(text.removeprefix("\ufeff"))


def _mysql(value: bytes) -> bytes:
    return b'"' + value.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


csv_values = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@examples(200, share=0.5)
@given(
    st.lists(
        st.tuples(st.integers(1, 10**6), st.lists(csv_values, min_size=7, max_size=7)), min_size=1, max_size=5
    )
)
def test_csv_reader_loses_nothing(rows) -> None:
    data = b"".join(
        b",".join([_mysql(str(number).encode()), *(_mysql(v.encode("utf-8")) for v in values)]) + b"\n"
        for number, values in rows
    )
    items = list(read_csv(io.BytesIO(data), "c.csv", chunk_size=7))
    assert all(isinstance(item, CableText) for item in items), items
    assert len(items) == len(rows)
    for item, (number, values) in zip(items, rows, strict=True):
        header, content = values[5], values[6]
        expected = header.rstrip("\r\n") + "\n\n" + content if header.strip() else content
        assert item.text == normalise_newlines(expected)
        assert list(item.source.metadata.values()) == [str(number), *values[:5]]


def _obeyed(c: str) -> bool:
    code = ord(c)
    return (
        (code < 0x20 and c not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        # bidi marks (ALM, LRM, RLM) and characters that draw nothing
        or code in (0x061C, 0x180E, 0xFEFF)
        or 0x200B <= code <= 0x200F
        or 0x2028 <= code <= 0x2029
        or 0x2060 <= code <= 0x206F
    )


@examples(300, share=0.5)
@given(st.text())
def test_visible_leaves_nothing_a_terminal_obeys_and_hides_nothing(text: str) -> None:
    shown = visible(text)
    assert not any(_obeyed(c) for c in shown)
    rest = iter(shown)  # every other character is still there, in order
    assert all(any(c == s for s in rest) for c in text if not _obeyed(c))


# -- mutated real cables through every command --------------------------------------------------------

COMMANDS = [
    ["parse", "-f", "yaml"],
    ["parse", "-f", "csv"],
    ["parse", "-f", "table"],
    ["show", "-f", "text", "--no-pager"],
    ["show", "--raw", "--color", "always", "--no-pager"],
    ["grep", "-C", "1", "-i", "the"],
    ["grep", "--field", "all", "-f", "jsonl", "[A-Z]{4}"],
    ["tags", "--count"],
    ["addressees"],
    ["check", "-f", "sarif"],
]


@st.composite
def mutated_cables(draw) -> str:
    lines = draw(st.sampled_from(REAL_TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "splice"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            lines[i] = lines[i] + draw(st.text(max_size=20))
    if draw(st.booleans()):
        lines = lines[: draw(st.integers(0, len(lines)))]  # the cable cut short
    return "\n".join(lines)


@examples(12, share=0.02)
@given(mutated_cables())
def test_a_mutated_cable_never_crashes_a_command(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    for command in COMMANDS:
        result = CliRunner().invoke(app, command, input=data, env={"CABLECLI_NO_PROGRESS": "1"})
        assert result.exit_code in (0, 1, 2), (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            result.exception,
        )
        assert "internal error" not in result.stderr and "Traceback" not in result.output, command
