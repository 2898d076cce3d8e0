"""Micro benchmark of the inputs layer: iter_texts over a generated cables.csv dump.

Usage (from the repository root):

    PYTHONPATH=. python bench/bench_inputs.py [--count 20000] [--seed 1] [--repeat 3] [--gzip]

Generates the dump with ../shared/tools/gencorpus.py into a temporary directory (or reuses
--csv FILE), then prints rows/s and MB/s for the best of --repeat passes, and the peak memory
traced during one more pass.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from cablecli.inputs import InputError, iter_texts

GENCORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "tools" / "gencorpus.py"


def one_pass(path: Path) -> tuple[int, int, int, float]:
    consumed = 0

    def count(n: int) -> None:
        nonlocal consumed
        consumed += n

    rows = errors = 0
    start = time.perf_counter()
    for item in iter_texts([str(path)], on_bytes=count):
        if isinstance(item, InputError):
            errors += 1
        else:
            rows += 1
    return rows, errors, consumed, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--gzip", action="store_true", help="also time the dump gzip-compressed")
    ap.add_argument("--csv", type=Path, help="use this dump instead of generating one")
    a = ap.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="bench-inputs-"))
    try:
        path = a.csv
        if path is None:
            if not GENCORPUS.is_file():
                print(f"bench_inputs: {GENCORPUS} not found", file=sys.stderr)
                return 2
            path = workdir / "cables.csv"
            subprocess.run(
                [sys.executable, str(GENCORPUS), "--count", str(a.count), "--seed", a.seed,
                 "--format", "csv", "--out", str(path), "--quiet"],
                check=True,
            )  # fmt: skip
        paths = [path]
        if a.gzip:
            packed = workdir / "cables.csv.gz"
            with open(path, "rb") as src, gzip.open(packed, "wb", compresslevel=6) as dst:
                shutil.copyfileobj(src, dst)
            paths.append(packed)
        size = path.stat().st_size
        for p in paths:
            best = min((one_pass(p) for _ in range(a.repeat)), key=lambda r: r[3])
            rows, errors, consumed, seconds = best
            print(
                f"{p.name}: {rows} rows ({errors} errors), {size / 1e6:.1f} MB of csv, "
                f"{consumed / 1e6:.1f} MB read, {seconds:.2f} s: "
                f"{rows / seconds:,.0f} rows/s, {size / 1e6 / seconds:.1f} MB/s"
            )
        tracemalloc.start()
        one_pass(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak traced memory while reading {path.name}: {peak / 1e6:.1f} MB")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
