"""The speed table: each measured figure beside its target, and the peer figure of the same run.

    python bench/bench_targets.py [--size full|small] [--runs N]

`--size small` (or `make bench BENCH_SIZE=small`) uses a 2,000-cable dump and fewer runs, for a
quick look; `full` a 20,000-cable one. The dump is generated with ../shared/tools/gencorpus.py
into bench/out/ (git-ignored). Every figure is the median of --runs runs: the machine may be
busy with other work, so a single run says little. Peers: the csv module reading the same dump,
`rg -c` on the same bytes (skipped, with "rg not installed", when ripgrep is absent), and the
start-up of a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import GENCORPUS, generate  # noqa: E402

OUT = ROOT / "bench" / "out"
CLI = [sys.executable, "-m", "cablecli"]
REAL_HTML = ROOT / ".." / "shared" / "corpus" / "html"
ONE_CABLE = ROOT / "examples" / "08BAKU187.txt"
ENV = dict(os.environ, CABLECLI_NO_PROGRESS="1", NO_COLOR="1")
# As installed: with its modules' bytecode cached (an environment that turns the cache off makes
# each start-up compile every module again, ~60 ms here).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def wall(cmd: list[str], runs: int, stdout: int | None = subprocess.DEVNULL) -> float:
    """Median wall seconds of `runs` runs of `cmd` (its output thrown away)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')[-400:]}")
    return statistics.median(times)


def dump(count: int) -> Path:
    where = OUT / f"targets-{count}"
    if not (where / "cables.csv").is_file():
        if not GENCORPUS.is_file():
            sys.exit(f"bench: {GENCORPUS} not found; cannot generate the corpus")
        shutil.rmtree(where, ignore_errors=True)
        generate(where, count, seed="targets", fmt="csv")
    return where / "cables.csv"


def csv_rows_per_s(path: Path, runs: int) -> float:
    def once() -> tuple[int, float]:
        start = time.perf_counter()
        # The dump's MySQL quoting: `\"` escapes, fields larger than the default limit.
        csv.field_size_limit(sys.maxsize)
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            n = sum(1 for _ in csv.reader(f, escapechar="\\"))
        return n, time.perf_counter() - start

    results = [once() for _ in range(runs)]
    return results[0][0] / statistics.median(t for _, t in results)


def line(work: str, figure: str, target: str, peer: str = "") -> None:
    print(f"{work:<44} {figure:>22}  {target:>20}  {peer}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", choices=("full", "small"), default=os.environ.get("BENCH_SIZE") or "full")
    ap.add_argument("--runs", type=int, default=0, help="runs per figure (default 3 full, 2 small)")
    a = ap.parse_args(argv)
    small = a.size == "small"
    runs = a.runs or (2 if small else 3)
    count = 2000 if small else 20000
    path = dump(count)
    print(f"{count}-cable generated dump ({path.stat().st_size / 1e6:.0f} MB), {os.cpu_count()} cores, "
          f"median of {runs} runs")  # fmt: skip
    line("work", "figure", "target", "peer (same run)")

    # parse cables.csv -f jsonl --no-body, -j 1 / -j 2
    peer = f"csv module {csv_rows_per_s(path, runs):,.0f} rows/s"
    for jobs, target in ((1, 5000), (2, 9000)):
        t = wall([*CLI, "parse", str(path), "-f", "jsonl", "--no-body", "-j", str(jobs)], runs)
        line(f"parse csv -f jsonl --no-body -j {jobs}", f"{count / t:,.0f} cables/s", f"{target:,}", peer)
        peer = ""

    # Cablegate HTML pages
    pages = sorted(REAL_HTML.glob("*.html")) if REAL_HTML.is_dir() else []
    if pages:
        t = wall([*CLI, "parse", str(REAL_HTML), "-f", "jsonl", "--no-body", "-j", "1"], runs)
        line(f"parse {len(pages)} real HTML pages -j 1", f"{len(pages) / t:,.0f} cables/s", "3,000",
             "(start-up included)")  # fmt: skip
    else:
        line("parse real HTML pages", "skipped", "3,000", f"{REAL_HTML} not found")

    # start-up
    py = wall([sys.executable, "-c", "pass"], runs * 3)
    for label, args, target in (
        ("cablecli --version", ["--version"], 50),
        ("cablecli parse one cable", ["parse", str(ONE_CABLE)], 80),
        ("cablecli show one cable", ["show", str(ONE_CABLE), "--no-pager", "--color", "never"], 120),
    ):
        wall([*CLI, *args], 1)  # the bytecode cache written, the files in the page cache
        t = wall([*CLI, *args], runs * 3)
        line(
            label,
            f"{t * 1000:.0f} ms",
            f"{target} ms",
            f"python -c pass {py * 1000:.0f} ms" if target == 50 else "",
        )

    # index build -j 2
    with tempfile.TemporaryDirectory(prefix="bench-targets-") as tmp:
        db = Path(tmp) / "cables.db"
        times = []
        for _ in range(runs):
            db.unlink(missing_ok=True)
            times.append(wall([*CLI, "index", "build", str(path), "--db", str(db), "-j", "2"], 1))
        ratio = db.stat().st_size / path.stat().st_size
        line("index build -j 2", f"{count / statistics.median(times):,.0f} cables/s", "3,000")
        line("index size / CSV size", f"{ratio:.1f}x", "1.5x")

    # grep -c literal, beside rg -c
    t = wall([*CLI, "grep", "-c", "-F", "Kosovo", str(path)], runs)
    if shutil.which("rg"):
        rg = wall(["rg", "-c", "Kosovo", str(path)], runs)
        line("grep -c literal, ratio to rg -c", f"{t / rg:.1f}x ({t:.2f} s)", "3x", f"rg -c {rg:.3f} s")
    else:
        line("grep -c literal, ratio to rg -c", f"{t:.2f} s", "3x", "rg not installed")

    # show --id on a 20,000-cable CSV (the last cable: the whole dump is read)
    refid = _reference_id(path)
    if refid:
        t = wall([*CLI, "show", str(path), "--id", refid, "--no-pager", "--color", "never"], runs)
        line(f"show --id (last of {count})", f"{t:.2f} s", "1 s")

    # grep -i -w over the real HTML pages
    if pages:
        t = wall([*CLI, "grep", "-i", "-w", "-c", "kosovo", str(REAL_HTML)], runs)
        line(f"grep -i -w over {len(pages)} HTML pages", f"{t:.2f} s", "1 s")
    return 0


def _reference_id(path: Path) -> str | None:
    """The reference id of the dump's last cable, from the parser itself."""
    proc = subprocess.run([*CLI, "parse", str(path), "-f", "csv", "--fields", "reference_id", "-j", "2"],
                          capture_output=True, text=True, env=ENV, cwd=ROOT)  # fmt: skip
    ids = [x for x in proc.stdout.split("\n")[1:] if x.strip()]
    return ids[-1] if ids else None


if __name__ == "__main__":
    sys.exit(main())
