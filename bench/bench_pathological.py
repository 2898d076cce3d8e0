"""Parse time of pathological cables: one huge paragraph, huge addressee and REF lists, huge lines.

    python bench/bench_pathological.py [--scale 1.0] [--check] [--show]

Each case is parsed with `parse_text` in this process and timed; the time should grow about
linearly with the size. `--scale 0.1` runs every case at a tenth of its size (to see the growth:
compare with the full run). `--check` also runs `check` over each case, through its rules.
A regular expression that backtracks catastrophically shows up here as a case that takes minutes.

`--show` then runs `cablecli show -f text` (a process each) on one paragraph of 2, 4 and 8 MB
(times `--scale`) and prints its time and peak memory (the process's own VmHWM, Linux).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablecli.parse import parse_text  # noqa: E402

MB = 1024 * 1024

HEADER = (
    "VZCZCXYZ0659\nPP RUEHWEB\n\nDE RUEHKB #0187 0641355\nZNY CCCCC ZZH\nP 041355Z MAR 08\n"
    "FM AMEMBASSY BAKU\nTO RUEHC/SECSTATE WASHDC PRIORITY 4855\n"
)
CLASSIFICATION = "\nC O N F I D E N T I A L BAKU 000187\n\n"
PREAMBLE = (
    "\nC O N F I D E N T I A L BAKU 000187\n\nSIPDIS\n\nE.O. 12958: DECL: 02/21/2018\n"
    "TAGS: PGOV PREL\nSUBJECT: A SUBJECT\n\n"
)


def one_paragraph(size: int) -> str:
    words = "the ambassador said that the resolution was not acceptable and "
    return HEADER + PREAMBLE + "1. (C) " + words * (size // len(words)) + "\n\nDERSE\n"


def addressees(count: int) -> str:
    lines = [f"RUEH{i % 1000:03d}/AMEMBASSY PLACE{i} PRIORITY {i % 10000:04d}" for i in range(count)]
    return HEADER + "INFO " + "\n".join(lines) + "\n" + PREAMBLE + "1. (C) Text.\n"


def one_line(size: int) -> str:
    return HEADER + PREAMBLE + "1. (C) " + "X" * size + "\n"


def spaces(size: int) -> str:
    return HEADER + PREAMBLE + " " * size + "\n1. (C) Text.\n"


def many_tags(count: int) -> str:
    abc = [chr(65 + i) for i in range(26)]
    tags = " ".join(f"K{abc[i % 26]}{abc[i // 26 % 26]}{abc[i // 676 % 26]}" for i in range(count))
    return HEADER + CLASSIFICATION + "TAGS: " + tags + "\nSUBJECT: X\n\n1. (C) Text.\n"


def many_refs(count: int) -> str:
    items = "; ".join(f"{chr(65 + i % 26)}. STATE {i + 1}" for i in range(count))
    return HEADER + CLASSIFICATION + "SUBJECT: X\n\nREF: " + items + "\n\n1. (C) Text.\n"


def classified_by(size: int) -> str:
    reasons = "1.4 (b) and (d), "
    return (
        HEADER
        + CLASSIFICATION
        + "Classified By: Ambassador for reasons "
        + reasons * (size // len(reasons))
        + ("\n\nSUBJECT: X\n\n1. (C) Text.\n")
    )


# name, builder, full size
CASES: list[tuple[str, Callable[[int], str], int]] = [
    ("10 MB single paragraph", one_paragraph, 10 * MB),
    ("100,000 addressee lines", addressees, 100_000),
    ("100 MB single line", one_line, 100 * MB),
    ("10 MB of spaces", spaces, 10 * MB),
    ("TAGS line of 1,000,000 tags", many_tags, 1_000_000),
    ("REF list of 100,000 items", many_refs, 100_000),
    ("4 MB Classified By line", classified_by, 4 * MB),
]


SHOW_SIZES = (2 * MB, 4 * MB, 8 * MB)

# Runs the CLI and writes the process's own peak memory (VmHWM, in KB) to stderr's last line: the
# rusage of a child would also count what the parent held when it forked.
_MEASURED = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    with open('/proc/self/status') as f:\n"
    "        kb = next(int(line.split()[1]) for line in f if line.startswith('VmHWM:'))\n"
    "    sys.stderr.write(f'\\nVmHWM {kb}\\n')\n"
    "atexit.register(peak)\n"
    "sys.argv = ['cablecli', *sys.argv[1:]]\n"
    "runpy.run_module('cablecli', run_name='__main__')\n"
)


def show_case(size: int) -> tuple[float, int]:
    """Seconds and peak KB of `cablecli show -f text` on one paragraph of `size` bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "paragraph.txt")
        with open(path, "w") as out:
            out.write(one_paragraph(size))
        args = [sys.executable, "-c", _MEASURED, "show", "-f", "text", "--no-pager", path, "-o", os.devnull]
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True)
        took = time.perf_counter() - start
    return took, int(done.stderr.split("VmHWM ")[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size factor for every case")
    parser.add_argument("--check", action="store_true", help="also run the check rules")
    parser.add_argument("--only", help="run only the cases whose name holds this")
    parser.add_argument("--show", action="store_true", help="also time show -f text on one paragraph")
    args = parser.parse_args()
    if args.check:
        from cablecli.check import check_cable
    heading = f"{'case':<30} {'size':>10} {'parse s':>9} {'MB/s':>7}"
    print(heading + (f" {'check s':>9}" if args.check else ""))
    for name, build, size in CASES:
        if args.only and args.only not in name:
            continue
        text = build(max(1, int(size * args.scale)))
        start = time.perf_counter()
        cable = parse_text(text)
        took = time.perf_counter() - start
        internal = [p for p in cable.problems if p.code == "internal-error"]
        line = f"{name:<30} {len(text) / MB:>8.1f}MB {took:>9.2f} {len(text) / MB / max(took, 1e-9):>7.1f}"
        if args.check:
            start = time.perf_counter()
            check_cable(cable)
            line += f" {time.perf_counter() - start:>9.2f}"
        print(line + (f"  INTERNAL ERROR {internal[0].message}" if internal else ""), flush=True)
    if args.show and Path("/proc/self/status").is_file():
        print(f"\n{'show -f text, one paragraph':<30} {'size':>10} {'seconds':>9} {'peak MB':>9}")
        for size in SHOW_SIZES:
            size = max(1, int(size * args.scale))
            took, peak = show_case(size)
            print(f"{'':<30} {size / MB:>8.1f}MB {took:>9.2f} {peak / 1024:>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
