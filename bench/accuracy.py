"""Accuracy of the parser against ground truth.

    python bench/accuracy.py html [CORPUS_HTML_DIR]   # real Cablegate pages vs their metadata
    python bench/accuracy.py generated [COUNT]         # gencorpus --messy 0.2 vs its truth file

`html` reports two figures: the cable text alone (the <pre> blocks as plain text, no page
metadata; over the cables whose text carries a date-time group), and the page read as HTML
(metadata fills what the text lacks; over every page). Reference id, date (to the day),
classification and TAGS are compared. TAGS truth is the page's tag links, which the site made
for the first line of a wrapped TAGS field only: the links must be the start of the parsed tags.
Pages without tag links carry no TAGS truth and are compared on the other three fields.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from cablecli.inputs import CableText, iter_texts  # noqa: E402
from cablecli.parse import parse_text  # noqa: E402

SHARED = ROOT / ".." / "shared"
_TAG_LINK = re.compile(r"""href=['"]/tag/[^'"]*?_0\.html['"]>([^<]*)</a>""")
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
PRECEDENCE_LETTER = {"FLASH": "Z", "IMMEDIATE": "O", "PRIORITY": "P", "ROUTINE": "R", "NIACT IMMEDIATE": "O"}


def html_disagreements(cable, meta: dict, links: list[str]) -> list[str]:
    bad = []
    if cable.reference_id != meta.get("reference_id"):
        bad.append("reference_id")
    if (cable.date or "")[:10] != (meta.get("created") or "")[:10]:
        bad.append("date")
    if cable.classification != (meta.get("classification") or "").split("//")[0]:
        bad.append("classification")
    if links and list(cable.tags)[: len(links)] != links:
        bad.append("tags")
    return bad


def measure_html(folder: Path) -> dict:
    text_only = Counter()
    as_html = Counter()
    misses: dict[str, list] = {"text": [], "html": []}
    for item in iter_texts([str(folder)], input_format="html"):
        if not isinstance(item, CableText):
            continue
        meta = item.source.metadata or {}
        if "created" not in meta:  # not a Cablegate page (older archive layout)
            continue
        page = Path(item.source.path).read_text(encoding="utf-8")
        links = _TAG_LINK.findall("".join(_PRE.findall(page)))
        plain = parse_text(item.text)
        if plain.date is not None:
            bad = html_disagreements(plain, meta, links)
            text_only["ok" if not bad else "bad"] += 1
            if bad:
                misses["text"].append((meta["reference_id"], bad))
        full = parse_text(item.text, item.source)
        bad = html_disagreements(full, meta, links)
        as_html["ok" if not bad else "bad"] += 1
        if bad:
            misses["html"].append((meta["reference_id"], bad))
    return {"text": text_only, "html": as_html, "misses": misses}


def as_truth(c) -> dict:
    """The record in the vocabulary of gencorpus.py's truth file."""
    level = c.classification
    if level and "NOFORN" in c.handling:
        level += "//NOFORN"
    elif level == "UNCLASSIFIED" and "SBU" in c.handling:
        level += "//FOR OFFICIAL USE ONLY"
    return {
        "reference_id": c.reference_id,
        "date": c.date,
        "precedence": PRECEDENCE_LETTER.get(c.precedence),
        "origin": c.origin,
        "to": [a.to_dict() for a in c.to],
        "info": [a.to_dict() for a in c.info],
        "xmt": list(c.xmt),
        "classification": level,
        "captions": list(c.captions),
        "eo": c.executive_order,
        "decl_date": c.declassify.on if c.declassify else None,
        "reasons": list(c.classified_by.reasons) if c.classified_by else [],
        "tags": list(c.tags),
        "subject": c.subject,
        "references": [r.reference_id for r in c.references if r.reference_id],
        "classified_by": c.classified_by.name if c.classified_by else None,
        "paragraphs": len(c.paragraphs),
        "portion_markings": [p.marking for p in c.paragraphs],
        "sections": c.section.total if c.section else 1,
        "signer": c.signers[0] if c.signers else None,
    }


def measure_generated(count: int, seed: str = "acc", messy: float = 0.2) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate(out, count, seed=seed, fmt="mixed", messy=messy)
        parsed = {}
        for form, path in (("text", out / "text"), ("html", out / "html"), ("csv", out / "cables.csv")):
            for item in iter_texts([str(path)]):
                if isinstance(item, CableText):
                    c = parse_text(item.text, item.source)
                    parsed[(c.reference_id, form)] = as_truth(c)
        per_form = {f: Counter() for f in ("text", "html", "csv")}
        fields = Counter()
        for line in (out / "truth.jsonl").read_text().splitlines():
            truth = json.loads(line)
            got = parsed.get((truth["reference_id"], truth["format"]))
            bad = ["missing"] if got is None else [k for k, v in got.items() if truth[k] != v]
            per_form[truth["format"]]["ok" if not bad else "bad"] += 1
            fields.update(bad)
        return {"per_form": per_form, "fields": fields}


def _pct(c: Counter) -> str:
    total = c["ok"] + c["bad"]
    return f"{c['ok']}/{total} ({100 * c['ok'] / total:.2f}%)" if total else "0/0"


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "html"
    if what == "html":
        folder = Path(argv[1]) if len(argv) > 1 else SHARED / "corpus" / "html"
        r = measure_html(folder)
        print(f"cable text alone, cables with a DTG: {_pct(r['text'])} agree")
        print(f"read as HTML (metadata fallback), all pages: {_pct(r['html'])} agree")
        for form, misses in r["misses"].items():
            for refid, bad in misses:
                print(f"  {form}: {refid}: {', '.join(bad)}")
    else:
        count = int(argv[1]) if len(argv) > 1 else 2000
        r = measure_generated(count)
        for form, c in r["per_form"].items():
            print(f"{form}: every truth field agrees on {_pct(c)} cables")
        for field, n in r["fields"].most_common():
            print(f"  {field}: {n} disagreements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
