"""`make bench`: every benchmark in turn. Corpora are generated under bench/out/ (git-ignored)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# `make bench BENCH_SIZE=small` (or the environment variable) runs the speed table alone, quickly.
SMALL = [["bench_targets.py", "--size", "small"]]
BENCHMARKS = [
    ["bench_targets.py"],
    ["bench_parse.py", "--count", "20000", "--big", "100000"],
    ["accuracy.py", "html"],
    ["accuracy.py", "generated", "2000"],
    ["bench_grep.py"],
    ["check_accuracy.py", "--count", "2000", "--seed", "7", "--messy", "0.3"],
    ["bench_inputs.py"],
    ["bench_pathological.py", "--check", "--show"],
    ["bench_index.py", "--count", "100000"],
]


def main() -> int:
    status = 0
    benchmarks = SMALL if os.environ.get("BENCH_SIZE") == "small" else BENCHMARKS
    for script, *args in benchmarks:
        if not (HERE / script).is_file():
            continue
        print(f"\n== {script} {' '.join(args)}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script), *args]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
