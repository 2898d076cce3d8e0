"""Benchmark: the SQLite index over a generated 100,000-cable CSV dump, beside scans of the raw dump.

    python bench/bench_index.py [--count 100000] [--jobs 2] [--runs 5] [--scan-runs 1] [--reuse-db]

Generates the dump once into bench/out/ (git-ignored), builds the index from scratch (time, size),
rebuilds it over the same input (nothing to do), then asks three questions three ways:

- full-text queries, a rare word and a common phrase: `grep --fts QUERY -l --db` / `grep -l -i WORDS`
  over the CSV / `rg -l -i` and `rg -c -i` (rg -l stops at the first match in the one file; -c reads it all)
- a tag count: `tags --count --db` / `tags --count` over the CSV
- who cites the corpus's most-cited cable: `refs ID --reverse --db` / `grep -l --field references`
  over the CSV with a regular expression for the ways the id is written (`STATE 0*29686`) / `rg`

Index commands run --runs times (median wall time of the whole CLI process, start-up included),
and the same queries in-process (median, the query alone); scans of the raw dump run --scan-runs
times. ripgrep is skipped, with a note, when it is not installed. --reuse-db keeps an index built
by an earlier run (and reports no build figures).
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
# (FTS5 query, the same words for grep and rg): a word in 0.1% of the generated cables, a phrase in 56%.
QUERIES = [("casablanca", "casablanca"), ('"election commission"', "election commission")]


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
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scan-runs", type=int, default=1)
    parser.add_argument("--reuse-db", action="store_true")
    args = parser.parse_args()

    csv_path = dump(args.count)
    db = OUT / f"index-{args.count}.db"
    csv_mb = csv_path.stat().st_size / 1e6
    print(f"corpus: {args.count:,} generated cables, {csv_path.relative_to(ROOT)} ({csv_mb:,.0f} MB)")
    build = None
    if not (args.reuse_db and db.is_file()):
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        build, _ = timed([*CLI, "index", "build", str(csv_path), "--db", str(db), "-j", str(args.jobs)], 1)
    db_mb = db.stat().st_size / 1e6
    rebuild, report = timed([*CLI, "index", "build", str(csv_path), "--db", str(db), "-f", "json"], 1)
    if build is not None:
        print(f"index build -j {args.jobs}: {build:,.1f} s ({args.count / build:,.0f} cables/s), "
              f"{db_mb:,.0f} MB ({db_mb / csv_mb:.1f}x the CSV)")  # fmt: skip
    else:
        print(f"index reused: {db_mb:,.0f} MB ({db_mb / csv_mb:.1f}x the CSV)")
    print(f"rebuild over the same input: {rebuild:,.1f} s  {report.strip()}")

    from cablecli.index import open_index, query

    conn = open_index(db)
    cited = conn.execute(
        "SELECT reference_id FROM refs WHERE reference_id IN (SELECT reference_id FROM cables) "
        "GROUP BY reference_id ORDER BY count(*) DESC, reference_id LIMIT 1"
    ).fetchone()[0]
    office, serial = re.match(r"^\d\d([A-Z]+?)0*(\d+)$", cited).groups()
    written = rf"\b{office}\s+0*{serial}\b"  # STATE 29686, STATE 029686, 2006 STATE 29686
    rg = shutil.which("rg")
    rows = []

    # 1. full-text queries
    for fts, words in QUERIES:
        cli_fts, out = timed([*CLI, "grep", "--fts", fts, "-l", "--db", str(db)], args.runs)
        q_fts, _ = in_process(lambda fts=fts: query.fts_ids(conn, fts), args.runs)
        scan_fts, scan_out = timed([*CLI, "grep", "-l", "-i", words, str(csv_path)], args.scan_runs)
        rg_l = rg_c = None
        if rg:
            rg_l, _ = timed([rg, "-l", "-i", words, str(csv_path)], args.runs)
            rg_c, _ = timed([rg, "-c", "-i", words, str(csv_path)], args.runs)
        rows.append((f"grep --fts {fts}", q_fts, cli_fts, len(out.split()), scan_fts, len(scan_out.split()),
                     rg_l, rg_c))  # fmt: skip

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
        [*CLI, "grep", "-l", "--field", "references", written, str(csv_path)], args.scan_runs
    )
    rg_l3 = rg_c3 = None
    if rg:
        rg_l3, _ = timed([rg, "-l", written, str(csv_path)], args.runs)
        rg_c3, _ = timed([rg, "-c", written, str(csv_path)], args.runs)
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
    print(
        json.dumps(
            {"build_s": round(build, 2) if build else None, "db_mb": round(db_mb), "csv_mb": round(csv_mb)}
        )
    )


if __name__ == "__main__":
    main()
