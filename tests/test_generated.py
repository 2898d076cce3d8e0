"""A corpus from tests/support/cablegen.py in every form: the same cable read from text, HTML and CSV gives the same
record (apart from `source`), and the fields agree with the generator's truth file."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from bench.accuracy import as_truth
from cablecli.inputs import CableText, iter_texts
from cablecli.parse import parse_text
from tests.conftest import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("gen"), count=300, seed="t3", fmt="mixed", messy=0.2)


@pytest.fixture(scope="module")
def records(corpus):
    out = defaultdict(dict)  # reference id -> form -> (record, truth view)
    for form, path in (("text", corpus / "text"), ("html", corpus / "html"), ("csv", corpus / "cables.csv")):
        for item in iter_texts([str(path)]):
            assert isinstance(item, CableText), item
            c = parse_text(item.text, item.source)
            out[c.reference_id][form] = c
    return out


def test_every_cable_read_in_every_form(records):
    assert len(records) == 300
    assert all(set(forms) == {"text", "html", "csv"} for forms in records.values())


def test_same_record_from_every_form(records):
    differ = []
    for refid, forms in records.items():
        dicts = {f: c.to_dict() for f, c in forms.items()}
        for d in dicts.values():
            d.pop("source")
            d["body"] = "\n".join(line.rstrip() for line in (d["body"] or "").splitlines())
        if not dicts["text"] == dicts["html"] == dicts["csv"]:
            keys = [k for k in dicts["text"] if not dicts["text"][k] == dicts["html"][k] == dicts["csv"][k]]
            differ.append((refid, keys))
    assert differ == []


def test_fields_agree_with_truth(corpus, records):
    wrong = []
    for line in (corpus / "truth.jsonl").read_text().splitlines():
        truth = json.loads(line)
        got = as_truth(records[truth["reference_id"]][truth["format"]])
        bad = [k for k, v in got.items() if truth[k] != v]
        if bad:
            wrong.append((truth["reference_id"], truth["format"], bad))
    assert wrong == []


def test_the_generator_is_deterministic(tmp_path):
    one = generate(tmp_path / "one", count=20, seed="same", fmt="mixed", messy=0.5)
    two = generate(tmp_path / "two", count=20, seed="same", fmt="mixed", messy=0.5)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) == 2 * 20 + 2  # a text file and a page per cable, the dump and the truth
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    other = generate(tmp_path / "other", count=20, seed="another", fmt="mixed")
    assert (other / "cables.csv").read_bytes() != (one / "cables.csv").read_bytes()
