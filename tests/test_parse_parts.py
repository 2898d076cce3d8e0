"""`parse_text(..., body=False)` skips the body walk: every field outside BODY_FIELDS must come out
exactly as the full parse gives it, on the fixtures (real cables, PlusD pages) and on generated ones;
with `body=BODY_TEXT` every field outside WALK_FIELDS (the body's text too)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cablecli.cli import app
from cablecli.inputs import CableText, iter_texts
from cablecli.model import FIELDS
from cablecli.parse import BODY_FIELDS, BODY_PROBLEMS, BODY_TEXT, WALK_FIELDS, parse_text
from tests.conftest import FIXTURES, generate


def _texts(paths):
    items = [item for item in iter_texts([str(p) for p in paths]) if isinstance(item, CableText)]
    assert items
    return items


def _disagreements(items):
    wrong = []
    for item in items:
        full = parse_text(item.text, item.source).to_dict()
        full["problems"] = [pr for pr in full["problems"] if pr["code"] not in BODY_PROBLEMS]
        for body, skipped in ((False, BODY_FIELDS), (BODY_TEXT, WALK_FIELDS)):
            lean = parse_text(item.text, item.source, body=body).to_dict()
            assert list(lean) == list(FIELDS)
            bad = [k for k in FIELDS if k not in skipped and full[k] != lean[k]]
            if bad:
                wrong.append((item.source.path, item.source.index, body, bad))
            assert all(not lean[k] for k in skipped)  # nothing read from the body (by its walk)
    return wrong


def test_body_fields_are_record_fields():
    assert BODY_FIELDS <= set(FIELDS)
    assert WALK_FIELDS == BODY_FIELDS - {"body"}


def test_lean_parse_agrees_on_fixtures():
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html")) + [FIXTURES / "five.csv"]
    paths += sorted((FIXTURES / "html").glob("*.html"))
    paths += sorted((FIXTURES / "golden" / "parse").glob("*--input.txt"))
    assert _disagreements(_texts(paths)) == []


@pytest.mark.parametrize("messy", [0.0, 0.3])
def test_lean_parse_agrees_on_generated_cables(tmp_path, messy):
    where = generate(tmp_path, count=150, seed=f"parts-{messy}", fmt="mixed", messy=messy)
    assert _disagreements(_texts([where / "text", where / "html", where / "cables.csv"])) == []


def test_lean_parse_skips_the_body():
    text = (FIXTURES / "08BAKU187.txt").read_text()
    full, lean = parse_text(text), parse_text(text, body=False)
    assert full.paragraphs and full.body and full.signers
    assert lean.paragraphs == () and lean.body is None and lean.signers == ()
    assert (lean.reference_id, lean.subject, lean.tags) == (full.reference_id, full.subject, full.tags)
    text_only = parse_text(text, body=BODY_TEXT)
    assert text_only.body == full.body and text_only.paragraphs == () and text_only.signers == ()


@pytest.mark.parametrize(
    "fields", ["reference_id,tags,subject", "reference_id,paragraphs", "signers", "body"]
)
def test_parse_fields_give_what_the_full_record_holds(fields):
    path = FIXTURES / "08BAKU187.txt"
    result = CliRunner().invoke(app, ["parse", str(path), "-f", "jsonl", "--fields", fields])
    assert result.exit_code == 0, result.output
    full = parse_text(path.read_text(), None).to_dict()
    got = json.loads(result.stdout)
    assert got == {k: full[k] for k in fields.split(",")}
    assert all(got[k] for k in got)  # the body fields asked for are filled
