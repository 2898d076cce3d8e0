"""`cablecli parse -f jsonl` over a generated corpus in every input form, with -j 1 and -j 2.

    python bench/bench_parse.py [--count 20000] [--big 100000]

Prints cables per second, MB per second (of input) and the peak resident memory of the run
(the largest process: the main one or a worker). `--big N` adds a run over an N-cable CSV to
show that memory stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402

OUT = ROOT / "bench" / "out"
CLI = [sys.executable, "-m", "cablecli"]


def corpus(count: int) -> Path:
    """A mixed corpus (text/, html/, cables.csv) cached under bench/out/, plus cables.csv.gz."""
    where = OUT / f"mixed-{count}"
    if not (where / "truth.jsonl").is_file():
        shutil.rmtree(where, ignore_errors=True)
        generate(where, count, seed="bench", fmt="mixed")
    gz = where / "cables.csv.gz"
    if not gz.is_file():
        with open(where / "cables.csv", "rb") as src, gzip.open(gz, "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst)
    return where


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the child (and its workers), and output line count."""
    env = dict(os.environ, CABLECLI_NO_PROGRESS="1")
    sink = OUT / "parse-output.jsonl"
    with open(sink, "wb") as out:
        # A fresh wrapper per run, so that its children's peak RSS is this run's alone.
        proc = subprocess.run([sys.executable, "-c", _MEASURE, *CLI, *args], stdout=out,
                              stderr=subprocess.PIPE, env=env, cwd=ROOT)  # fmt: skip
    if proc.returncode != 0:
        sys.exit(f"cablecli {' '.join(args)} failed: {proc.stderr.decode(errors='replace')[-500:]}")
    wall, peak_kb = (float(x) for x in proc.stderr.decode().split("MEASURE ")[-1].split())
    with open(sink, "rb") as produced:
        lines = sum(1 for _ in produced)
    sink.unlink()
    return wall, peak_kb / 1024, lines


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"MEASURE {wall} {peak}")
sys.exit(code)
"""


def row(label: str, path: Path, jobs: int) -> None:
    wall, peak, n = timed(["parse", str(path), "-f", "jsonl", "-j", str(jobs)])
    mb = size(path) / 1e6
    print(f"{label:<14} -j {jobs}  {n:>7} cables  {wall:7.2f} s  {n / wall:8.0f} cables/s  "
          f"{mb / wall:7.1f} MB/s  peak {peak:6.0f} MB")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--big", type=int, default=0, help="also parse an N-cable CSV (peak memory)")
    args = ap.parse_args(argv)
    where = corpus(args.count)
    print(f"parse -f jsonl over a {args.count}-cable generated corpus ({os.cpu_count()} cores)")
    for label, path in (("csv", where / "cables.csv"), ("csv.gz", where / "cables.csv.gz"),
                        ("text files", where / "text"), ("html pages", where / "html")):  # fmt: skip
        for jobs in (1, 2):
            row(label, path, jobs)
    if args.big:
        big = OUT / f"csv-{args.big}"
        if not (big / "cables.csv").is_file():
            generate(big, args.big, seed="bench-big", fmt="csv")
        row(f"csv {args.big}", big / "cables.csv", 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
