"""Benchmark: `cablecli grep -l LITERAL` beside `rg -l LITERAL` on a generated 20,000-cable CSV dump.

    python bench/bench_grep.py [--count 20000] [--literal Kosovo] [--runs 3]

The dump is generated once with ../shared/tools/gencorpus.py into bench/out/ (git-ignored) and
reused. Each command runs --runs times; the best wall time counts. `rg -l` stops at the first match
in a file, and a dump is one file, so `rg -c` (which reads every byte) is timed too: that is the
fair measure of scanning the same bytes. ripgrep is skipped, with a note, when it is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
GENCORPUS = ROOT / ".." / "shared" / "tools" / "gencorpus.py"


def dump(count: int, seed: str) -> Path:
    path = OUT / f"cables-{count}-{seed}.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        if not GENCORPUS.is_file():
            sys.exit(f"bench: {GENCORPUS} not found; cannot generate the corpus")
        tmp = path.with_suffix(".tmp.csv")
        subprocess.run(
            [sys.executable, str(GENCORPUS), "--count", str(count), "--seed", seed, "--format", "csv",
             "--out", str(tmp), "--quiet"],
            check=True,
        )  # fmt: skip
        tmp.rename(path)
    return path


def best(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, str]:
    times = []
    out = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd)} failed: {done.stderr.strip()}")
        out = done.stdout
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--literal", default="Kosovo")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    path = dump(args.count, args.seed)
    size = path.stat().st_size
    env = dict(os.environ, PYTHONPATH=str(ROOT), CABLECLI_NO_PROGRESS="1")
    ours, out = best(
        [sys.executable, "-m", "cablecli", "grep", "-l", "-F", args.literal, str(path)], args.runs, env
    )
    version, _ = best([sys.executable, "-m", "cablecli", "--version"], args.runs, env)
    print(
        f"corpus: {path.relative_to(ROOT)} ({args.count} cables, {size / 1e6:.1f} MB);",
        f"literal {args.literal!r}",
    )
    print(f"cablecli grep -l -F     {ours * 1000:8.1f} ms   ({len(out.split())} cables)")
    print(f"cablecli --version      {version * 1000:8.1f} ms   (start-up alone)")
    rg = shutil.which("rg")
    if rg is None:
        print("rg: not installed (apt-get install ripgrep); no comparison")
        return
    rg_l, _ = best([rg, "-l", "-F", args.literal, str(path)], args.runs)
    rg_c, counted = best([rg, "-c", "-F", args.literal, str(path)], args.runs)
    print(f"rg -l -F                {rg_l * 1000:8.1f} ms   (stops at the first match)")
    print(f"rg -c -F                {rg_c * 1000:8.1f} ms   (reads every byte; {counted.strip() or 0} lines)")
    print(f"ratio to rg -c: {ours / rg_c:.1f}x   ratio to rg -l: {ours / rg_l:.1f}x")


if __name__ == "__main__":
    main()
