"""Benchmark: the SQLite index over a generated 100,000-cable CSV dump, beside scans of the raw dump.

    python bench/bench_index.py [--count 100000] [--jobs 2] [--runs 5] [--scan-runs 1]

Generates the dump once into bench/out/ (git-ignored), builds the index from scratch (time, size),
rebuilds it over the same input (nothing to do), then asks three questions three ways:

- a full-text query: `grep --fts '"election commission"' -l --db` / `grep -l -i 'election commission'`
  over the CSV / `rg -l -i` and `rg -c -i` (rg -l stops at the first match in the one file; -c reads it all)
- a tag count: `tags --count --db` / `tags --count` over the CSV
- who cites the corpus's most-cited cable: `refs ID --reverse --db` / `grep -l --field references`
  over the CSV / `rg -l`

Index commands run --runs times (median wall time of the whole CLI process, start-up included),
and the same queries in-process (median, the query alone); scans of the raw dump run --scan-runs
times. ripgrep is skipped, with a note, when it is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402

OUT = ROOT / "bench" / "out"
CLI = [sys.executable, "-m", "cablecli"]
ENV = dict(os.environ, CABLECLI_NO_PROGRESS="1", NO_COLOR="1")
PHRASE = "election commission"


def dump(count: int) -> Path:
    where = OUT / f"index-{count}"
    if not (where / "cables.csv").is_file():
        tmp = OUT / f"index-{count}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, count, seed="bench", fmt="csv")
        shutil.rmtree(where, ignore_errors=True)
        tmp.rename(where)
    return where / "cables.csv"


def timed(cmd: list[str], runs: int) -> tuple[float, str]:
    """Median wall seconds of `runs` runs, and the output of the last."""
    times = []
    out = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd)} failed: {done.stderr.strip()[-500:]}")
        out = done.stdout
    return statistics.median(times), out


def in_process(call, runs: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scan-runs", type=int, default=1)
    args = parser.parse_args()

    csv_path = dump(args.count)
    db = OUT / f"index-{args.count}.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    csv_mb = csv_path.stat().st_size / 1e6
    print(f"corpus: {args.count:,} generated cables, {csv_path.relative_to(ROOT)} ({csv_mb:,.0f} MB)")

    build, _ = timed([*CLI, "index", "build", str(csv_path), "--db", str(db), "-j", str(args.jobs)], 1)
    db_mb = db.stat().st_size / 1e6
    rebuild, report = timed([*CLI, "index", "build", str(csv_path), "--db", str(db), "-f", "json"], 1)
    print(f"index build -j {args.jobs}: {build:,.1f} s ({args.count / build:,.0f} cables/s), "
          f"{db_mb:,.0f} MB ({db_mb / csv_mb:.1f}x the CSV)")  # fmt: skip
    print(f"rebuild over the same input: {rebuild:,.1f} s  {report.strip()}")

    from cablecli.index import open_index, query

    conn = open_index(db)
    cited = conn.execute(
        "SELECT reference_id FROM refs WHERE reference_id IN (SELECT reference_id FROM cables) "
        "GROUP BY reference_id ORDER BY count(*) DESC, reference_id LIMIT 1"
    ).fetchone()[0]
    written = conn.execute("SELECT text FROM refs WHERE reference_id = ? LIMIT 1", (cited,)).fetchone()[0]
    rg = shutil.which("rg")
    rows = []

    # 1. full-text query
    fts = f'"{PHRASE}"'
    cli_fts, out = timed([*CLI, "grep", "--fts", fts, "-l", "--db", str(db)], args.runs)
    q_fts, ids = in_process(lambda: query.fts_ids(conn, fts), args.runs)
    scan_fts, scan_out = timed([*CLI, "grep", "-l", "-i", PHRASE, str(csv_path)], args.scan_runs)
    rg_l = rg_c = None
    if rg:
        rg_l, _ = timed([rg, "-l", "-i", PHRASE, str(csv_path)], args.runs)
        rg_c, _ = timed([rg, "-c", "-i", PHRASE, str(csv_path)], args.runs)
    rows.append((f"FTS {fts}", q_fts, cli_fts, len(out.split()), scan_fts, len(scan_out.split()), rg_l, rg_c))

    # 2. tag count
    cli_tags, out = timed([*CLI, "tags", "--count", "-f", "csv", "--db", str(db)], args.runs)
    q_tags, _ = in_process(lambda: query.tag_count_rows(conn), args.runs)
    scan_tags, scan_out = timed([*CLI, "tags", "--count", "-f", "csv", str(csv_path), "-j", str(args.jobs)],
                                args.scan_runs)  # fmt: skip
    same = "same" if out == scan_out else "DIFFERENT"
    rows.append((f"tags --count ({same})", q_tags, cli_tags, len(out.splitlines()) - 1, scan_tags,
                 len(scan_out.splitlines()) - 1, None, None))  # fmt: skip

    # 3. refs --reverse
    cli_refs, out = timed([*CLI, "refs", cited, "--reverse", "-f", "jsonl", "--db", str(db)], args.runs)
    q_refs, _ = in_process(lambda: query.citing(conn, cited), args.runs)
    scan_refs, scan_out = timed(
        [*CLI, "grep", "-l", "-F", "--field", "references", written, str(csv_path)], args.scan_runs
    )
    rg_l3 = rg_c3 = None
    if rg:
        rg_l3, _ = timed([rg, "-l", "-F", written, str(csv_path)], args.runs)
        rg_c3, _ = timed([rg, "-c", "-F", written, str(csv_path)], args.runs)
    rows.append((f"refs {cited} --reverse", q_refs, cli_refs, len(out.splitlines()), scan_refs,
                 len(set(scan_out.split())), rg_l3, rg_c3))  # fmt: skip
    conn.close()

    print()
    header = ("question", "query", "CLI --db", "found", "CLI over CSV", "found", "rg -l", "rg -c")
    widths = (44, 9, 9, 6, 13, 6, 9, 9)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for label, q, cli, n, scan, n_scan, r1, r2 in rows:
        cells = (label, ms(q), ms(cli), str(n), ms(scan), str(n_scan), ms(r1), ms(r2))
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    print(f"\nquery: in-process median of {args.runs}; CLI --db: median of {args.runs} whole runs "
          f"(start-up included); CLI over CSV: median of {args.scan_runs}.")  # fmt: skip
    if not rg:
        print("rg: not installed, skipped (apt-get install -y ripgrep)")
    print(json.dumps({"build_s": round(build, 2), "db_mb": round(db_mb), "csv_mb": round(csv_mb)}))


if __name__ == "__main__":
    main()
