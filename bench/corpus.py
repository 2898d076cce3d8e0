"""Synthetic corpora from ../shared/tools/gencorpus.py, for benchmarks and accuracy tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENCORPUS = ROOT / ".." / "shared" / "tools" / "gencorpus.py"


def generate(out: Path, count: int, seed: str = "1", fmt: str = "mixed", messy: float = 0.0) -> Path:
    """Write a corpus of `count` cables in `fmt` under `out`, with its truth file `out/truth.jsonl`."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "cables.csv" if fmt == "csv" else out
    cmd = [sys.executable, str(GENCORPUS), "--count", str(count), "--seed", seed, "--format", fmt]
    cmd += ["--out", str(target), "--messy", str(messy), "--truth", str(out / "truth.jsonl"), "--quiet"]
    subprocess.run(cmd, check=True)
    return out
