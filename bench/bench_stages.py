"""Per-stage cost of the parse before the body walk: header, preamble, the whole `body=False`
parse and the full parse, over the first N cables of a CSV dump; and, beside them, the floor of
any line-by-line parser in Python over the same cables: splitting the lines, one test of each
line's first character, one strip() and upper() a line, one compiled expression matched on every
line.

    python bench/bench_stages.py DUMP.csv [--count 1500] [--runs 3]
        best-of-runs µs per cable for each stage (wall clock: quiet machine only)
    python bench/bench_stages.py DUMP.csv --count 300 --stage preamble --reps 3
        runs one stage REPS times and prints nothing: run it under
        `valgrind --tool=callgrind` with --reps 1 and --reps 3, and divide the difference of the
        two instruction counts by 2 x COUNT for the instructions per cable (the same on a busy
        machine as on a quiet one; the set-up cancels out)

The dump comes from `../shared/tools/gencorpus.py --count 5000 --seed cmp --format csv --out D.csv`.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cablecli.inputs.csvdump import read_csv  # noqa: E402
from cablecli.parse import parse_text  # noqa: E402
from cablecli.parse.header import parse_header  # noqa: E402
from cablecli.parse.preamble import parse_preamble  # noqa: E402


def _texts(path: str, count: int) -> list[str]:
    texts: list[str] = []
    with open(path, "rb") as f:
        for item in read_csv(f, path):
            if hasattr(item, "text"):
                texts.append(item.text)
            if len(texts) >= count:
                break
    return texts


_FIRST = frozenset("0123456789(-=*_ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PARAGRAPH = re.compile(r"^\s*(\d+)\.\s*\(([A-Z/]+)\)")


def _first_character_pass(text: str) -> int:
    return sum(1 for line in text.split("\n") if line and line[0] in _FIRST)


def _strip_upper_pass(text: str) -> int:
    n = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and s[0] in _FIRST and s.upper() == s:
            n += 1
    return n


def _expression_pass(text: str) -> int:
    match = _PARAGRAPH.match
    return sum(1 for line in text.split("\n") if match(line))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("--count", type=int, default=1500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--stage", choices=["split", "1-test", "strip-up", "1-regex", "header", "preamble", "nobody", "full"]
    )
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    texts = _texts(args.dump, args.count)
    lines = [t.split("\n") for t in texts]
    ends = [parse_header(ls).end for ls in lines]
    stages = {
        "split": lambda: [t.split("\n") for t in texts],
        "1-test": lambda: [_first_character_pass(t) for t in texts],
        "strip-up": lambda: [_strip_upper_pass(t) for t in texts],
        "1-regex": lambda: [_expression_pass(t) for t in texts],
        "header": lambda: [parse_header(ls) for ls in lines],
        "preamble": lambda: [parse_preamble(ls, end) for ls, end in zip(lines, ends, strict=True)],
        "nobody": lambda: [parse_text(t, body=False) for t in texts],
        "full": lambda: [parse_text(t) for t in texts],
    }
    for run in stages.values():
        run()  # warm: the reference tables and the caches are loaded once, outside the count
    if args.stage:
        for _ in range(args.reps):
            stages[args.stage]()
        return
    for name, run in stages.items():
        best = float("inf")
        for _ in range(args.runs):
            t0 = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t0)
        print(f"{name:10s} {best / len(texts) * 1e6:8.1f} µs per cable")


if __name__ == "__main__":
    main()
