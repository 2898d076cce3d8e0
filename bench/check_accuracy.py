"""How many of the defects gencorpus applies does `check` report, and does it stay quiet on clean cables?

    python bench/check_accuracy.py --count 2000 --seed 7 --messy 0.3

Generates a text corpus with `gencorpus.py --truth` (in a temporary directory unless `--out` is given),
checks every cable with every rule, and prints, per defect, how often the rule that covers it fired,
then how many cables without defects drew an error. `--markdown` prints the tables for docs/rules.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

GENCORPUS = Path(__file__).resolve().parents[2] / "shared" / "tools" / "gencorpus.py"

# gencorpus defect -> the (rule, words its message holds) that report it, or None when no rule can see
# the defect. gencorpus marks a SECRET cable's paragraph S/NF as "above" it: same level, but NOFORN
# without a NOFORN caption, which is CLS004's finding.
DEFECT_RULES: dict[str, list[tuple[str, str]] | None] = {
    "missing_tags": [("TAG001", "no TAGS line")],
    "tags_no_colon": [("TAG001", "keyword")],
    "lowercase_tags": [("TAG002", "capitals")],
    "subj_abbrev": [("SUB001", "keyword")],
    "missing_subject": [("SUB001", "no SUBJECT")],
    "control_chars": [("TXT001", "control character")],
    "missing_signature": [("SIG001", "signature")],
    "decl_before_date": [("EO002", "not after")],
    "marking_above_classification": [("CLS003", "above"), ("CLS004", "NOFORN")],
    "de_serial_mismatch": [("HDR005", "DE serial")],
    # Cuts whole addressee lines off the end of the list: what is left is a shorter, well-formed header.
    "truncated_header": None,
    # Blank lines are not wrong in a cable; line ends are normalised on input.
    "extra_blank_lines": None,
    "crlf": None,
}
WHY_NOT_COVERED = {
    "truncated_header": "cuts whole addressee lines off the list; what is left is a well-formed header",
    "extra_blank_lines": "blank lines are not a format error",
    "crlf": "line ends are normalised when a file is read",
}


def generate(out: Path, count: int, seed: str, messy: float, gencorpus: Path = GENCORPUS) -> Path:
    truth = out / "truth.jsonl"
    subprocess.run(
        [sys.executable, str(gencorpus), "--count", str(count), "--seed", seed, "--format", "text",
         "--out", str(out / "text"), "--messy", str(messy), "--truth", str(truth), "--quiet"],
        check=True,
    )  # fmt: skip
    return truth


def measure(truth: Path, root: Path) -> dict:
    """Per-defect detection and the errors drawn by clean cables, for a corpus written by `generate`."""
    from cablecli.check import run_checks
    from cablecli.inputs import iter_texts
    from cablecli.parse import parse_text

    applied: Counter[str] = Counter()
    detected: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    clean = clean_with_error = 0
    clean_errors: Counter[str] = Counter()
    clean_other: Counter[str] = Counter()
    for line in truth.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        path = root / "text" / record["file"]
        for item in iter_texts([str(path)]):
            cable = parse_text(item.text, item.source)
            found = run_checks(cable)
            defects = record["defects"]
            if not defects:
                clean += 1
                errors = [v for v in found if v.severity == "error"]
                clean_with_error += bool(errors)
                clean_errors.update(v.rule for v in errors)
                clean_other.update(v.rule for v in found if v.severity != "error")
            for defect in defects:
                applied[defect] += 1
                covered = DEFECT_RULES.get(defect)
                if covered is None:
                    continue
                if any(v.rule == rule and words in v.message for v in found for rule, words in covered):
                    detected[defect] += 1
                else:
                    missed.setdefault(defect, []).append(record["file"])
    covered_applied = sum(n for d, n in applied.items() if DEFECT_RULES.get(d))
    return {
        "applied": dict(applied),
        "detected": dict(detected),
        "missed": {d: files[:5] for d, files in missed.items()},
        "covered_applied": covered_applied,
        "covered_detected": sum(detected.values()),
        "clean": clean,
        "clean_with_error": clean_with_error,
        "clean_errors": dict(clean_errors),
        "clean_other": dict(clean_other),
    }


def markdown(result: dict, command: str) -> str:
    rows = ["| defect | rule | applied | reported | rate |", "| --- | --- | ---: | ---: | ---: |"]
    for defect, covered in DEFECT_RULES.items():
        n = result["applied"].get(defect, 0)
        if covered is None:
            rows.append(f"| {defect} | none: {WHY_NOT_COVERED[defect]} | {n} | - | - |")
            continue
        k = result["detected"].get(defect, 0)
        rate = f"{100 * k / n:.1f}%" if n else "-"
        rules = ", ".join(dict.fromkeys(rule for rule, _ in covered))
        rows.append(f"| {defect} | {rules} | {n} | {k} | {rate} |")
    total, hit = result["covered_applied"], result["covered_detected"]
    rows.append(f"| **all covered** | | {total} | {hit} | {100 * hit / total:.1f}% |" if total else "")
    return (
        f"Measured with `{command}`.\n\n" + "\n".join(rows) + "\n\n"
        f"Cables without defects: {result['clean']}; with an error: {result['clean_with_error']}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", default="7")
    ap.add_argument("--messy", type=float, default=0.3)
    ap.add_argument("--out", type=Path, help="keep the corpus here (default: a temporary directory)")
    ap.add_argument("--gencorpus", type=Path, default=GENCORPUS)
    ap.add_argument("--markdown", action="store_true", help="print the detection table as markdown")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = a.out or Path(tmp)
        os.makedirs(root, exist_ok=True)
        truth = generate(root, a.count, a.seed, a.messy, a.gencorpus)
        result = measure(truth, root)
    command = f"python bench/check_accuracy.py --count {a.count} --seed {a.seed} --messy {a.messy}"
    if a.markdown:
        print(markdown(result, command))
    else:
        print(json.dumps(result, indent=2, sort_keys=True))
    total, hit = result["covered_applied"], result["covered_detected"]
    print(
        f"covered defects reported: {hit}/{total} ({100 * hit / max(total, 1):.2f}%); "
        f"clean cables with an error: {result['clean_with_error']}/{result['clean']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
