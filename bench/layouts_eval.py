"""Score the parser on the invented layout fragments of tests/fixtures/layouts/cases.jsonl.

    python bench/layouts_eval.py [--cases FILE] [--misses N]

One case a line: `id`, `form` (`text` or `html`), `field`, `expected`, `input` (the shape of the
real fragment set). Each input is read as a file of its form would be (form detected, HTML
unwrapped, a mail-printout cover or a second header handled as the reader does) and the first
cable parsed in-process. Compared case-blind with whitespace folded for names and text; `to`/`info`
compare the entries and `xmt`; `references.reference_id` is the list of distinct cited ids in
order; `subject` is compared without a leading portion marking. Besides the fields of the real
set, the header fields `reference_id`, `date` and `origin` are scored. Prints passed/total per
field and overall.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablecli.inputs import CableText, read_stream  # noqa: E402
from cablecli.parse import parse_text  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "layouts" / "cases.jsonl"
MARK = re.compile(r"^\(?\s*[A-Z]{1,3}(?:\s*/{1,2}\s*[A-Z]+(?:[ ,]+[A-Z]{2,3})*)*\s*\)\s*")


def fold(s) -> str:
    return re.sub(r"\s+", " ", s or "").strip().upper()


def entries(xs) -> list:
    return [
        (
            e.get("routing_indicator") or None,
            fold(e.get("name")),
            e.get("precedence") or None,
            e.get("serial") or None,
        )
        for e in xs or []
    ]


def found(field: str, r: dict):
    """The value of `field` in record `r`, in the form it is compared."""
    if field in ("to", "info"):
        return {"entries": entries(r.get(field)), "xmt": sorted(fold(x) for x in r.get("xmt") or [])}
    if field == "tags":
        return [t.upper() for t in r.get("tags") or []]
    if field == "subject":
        return MARK.sub("", fold(r.get("subject")), count=1)
    if field == "classified_by.name":
        name = (r.get("classified_by") or {}).get("name")
        return fold(name) if name else None
    if field == "signers":
        return [fold(x) for x in r.get("signers") or []]
    if field == "references.reference_id":
        seen = []
        for ref in r.get("references") or []:
            if ref.get("reference_id") and ref["reference_id"] not in seen:
                seen.append(ref["reference_id"])
        return seen
    if field == "declassify.on":
        return (r.get("declassify") or {}).get("on")
    if field in ("summary", "origin"):
        return fold(r.get(field))
    if field in ("reference_id", "date"):
        return r.get(field)
    raise ValueError(field)


def wanted(field: str, exp):
    """The expected value of `field`, in the form it is compared."""
    if field in ("to", "info"):
        return {"entries": entries(exp["entries"]), "xmt": sorted(fold(x) for x in exp["xmt"])}
    if field in ("subject", "summary", "origin"):
        return fold(exp)
    if field == "classified_by.name":
        return fold(exp) if exp else None
    if field == "signers":
        return [fold(x) for x in exp]
    return exp


def record(case: dict) -> dict | None:
    """The record of the first cable in the case's input, read as a file of its form."""
    name = f"{case['id']}.{'html' if case['form'] == 'html' else 'txt'}"
    for item in read_stream(io.BufferedReader(io.BytesIO(case["input"].encode("utf-8"))), name):
        if isinstance(item, CableText):
            return parse_text(item.text, item.source).to_dict()
    return None


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(cases: list[dict]) -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    """(passed per field, cases per field, misses per field)."""
    ok: dict[str, int] = defaultdict(int)
    n: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        field = case["field"]
        r = record(case)
        got = found(field, r) if r else "(no record)"
        want = wanted(field, case["expected"])
        n[field] += 1
        if got == want:
            ok[field] += 1
        else:
            misses[field].append(f"{case['id']}: found {got!r}, expected {want!r}")
    return ok, n, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=CASES)
    ap.add_argument("--misses", type=int, default=0)
    a = ap.parse_args()
    ok, n, misses = score(load(a.cases))
    for f in sorted(n):
        print(f"{f:26} {ok[f]:4}/{n[f]:<4} {100 * ok[f] / n[f]:5.1f}%")
        for m in misses[f][: a.misses]:
            print("    " + m)
    total_ok, total = sum(ok.values()), sum(n.values())
    print(f"{'ALL':26} {total_ok:4}/{total:<4} {100 * total_ok / max(total, 1):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
