"""Time the whole workforce CSV export of the national store beside ``sqlite3 -csv`` of the same
table, with the export's peak memory, at 1x and 4x.

The national workbook (``make_data``) is stored through the real ingest into
``benchmarks/out/pages-Nx.db`` (shared with ``benchmarks.pages``). Each figure is taken in a
fresh process, and the two are taken in turn, so load on the machine falls on both alike:

- ``export``: ``services.exports.write_table(store, "workforce", None, "csv", file)``, what
  ``python -m ahp_analytics export workforce -o FILE`` does after starting: every current row,
  in key order, injection-safe, from the database cursor a chunk at a time. Timed from the
  store's opening (Python's start and imports are not counted); peak memory is the process's
  ``VmHWM``, imports included.
- ``sqlite3``: ``sqlite3 -csv DB "SELECT ... " > FILE`` (:data:`STORED_ROWS`), the
  command-line shell writing the stored rows as they lie, each with the organisation, period
  and kind its slice holds for it (every row ever stored, no ordering, no escaping): the floor
  for writing this table as CSV. Its time and memory come from ``wait4``.

Targets: export <= 2x ``sqlite3 -csv`` and peak memory < 400 MB, at every size.

Usage::

    python -m benchmarks.exports                  # 1x and 4x, storing what is missing
    python -m benchmarks.exports --scale 1 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import make_data, pages

ROOT = Path(__file__).resolve().parent.parent
MB = 1024**2
TARGET_RATIO = 2.0
TARGET_PEAK_BYTES = 400 * MB


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise SystemExit("no VmHWM in /proc/self/status")


def _child(url: str, out: str) -> dict:
    """The export, measured in this (fresh) process."""
    from ahp_analytics.services.exports import write_table
    from ahp_analytics.store import open_store

    start, cpu = time.perf_counter(), time.process_time()
    with open_store(url) as store, open(out, "wb") as fh:
        rows = write_table(store, "workforce", None, "csv", fh)
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "peak_rss": _peak_rss(),
        "rows": rows,
        "bytes": Path(out).stat().st_size,
    }


def _export(url: str, out: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.exports", "--child", url, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"the export failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Every stored workforce row with its key: a row holds what its slice does not (revision 0005),
# so the table as it lies lacks the organisation, period and kind every export writes.
STORED_ROWS = (
    "SELECT s.org_code, s.period, s.period_type, w.* FROM slices s JOIN workforce w "
    "ON w.id BETWEEN s.first_row AND s.first_row + s.rows - 1 WHERE s.table_name = 'workforce'"
)


def _sqlite3(db: Path, out: Path) -> dict:
    start = time.perf_counter()
    with open(out, "wb") as fh:
        proc = subprocess.Popen(["sqlite3", "-csv", str(db), STORED_ROWS], stdout=fh)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"sqlite3 failed with status {proc.returncode}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss": usage.ru_maxrss * 1024,
        "bytes": out.stat().st_size,
    }


def measure(scale: int, repeat: int, rebuild: bool = False) -> dict:
    """Median of ``repeat`` runs of each, taken in turn."""
    url = pages.build_db(f"{scale}x", rebuild=rebuild)
    db = pages.db_path(f"{scale}x")
    runs: dict[str, list[dict]] = {"export": [], "sqlite3": []}
    for _ in range(repeat):
        runs["export"].append(_export(url, make_data.OUT_DIR / f"export-{scale}x.csv"))
        runs["sqlite3"].append(_sqlite3(db, make_data.OUT_DIR / f"sqlite3-{scale}x.csv"))
    out = {}
    for name, results in runs.items():
        m = dict(results[-1])
        for key in ("seconds", "cpu", "peak_rss"):
            m[key] = statistics.median(r[key] for r in results)
        m["runs"] = [r["seconds"] for r in results]
        out[name] = m
    return out


def _row(figure: str, value: str, baseline: str, ratio: str, target: str, verdict: str = ""):
    print(f"{figure:<34} {value:>20}  {baseline:<22} {ratio:<18} {target:<14} {verdict}")


def report(figures: dict) -> None:
    print("\nWhole workforce table as CSV: median of the runs, each in a fresh process; wall")
    print("clock (CPU in brackets). Targets are judged on wall time; CPU says what a quiet")
    print("machine would show.")
    _row("figure", "value", "baseline", "ratio", "target")
    for scale, f in figures.items():
        ex, base = f["export"], f["sqlite3"]
        wall, cpu = ex["seconds"] / base["seconds"], ex["cpu"] / base["cpu"]
        verdict = (
            "PASS"
            if wall <= TARGET_RATIO
            else ("MISS (cpu PASS)" if cpu <= TARGET_RATIO else "MISS")
        )
        _row(
            f"export workforce ({scale}x, {ex['rows']:,} rows)",
            f"{ex['seconds']:.2f} s (cpu {ex['cpu']:.2f})",
            f"sqlite3 {base['seconds']:.2f} s ({base['cpu']:.2f})",
            f"{wall:.2f}x (cpu {cpu:.2f}x)",
            f"<= {TARGET_RATIO:g}x",
            verdict,
        )
        _row(
            f"peak memory of the export ({scale}x)",
            f"{ex['peak_rss'] / MB:.0f} MB",
            f"sqlite3 {base['peak_rss'] / MB:.0f} MB",
            "",
            f"< {TARGET_PEAK_BYTES / MB:.0f} MB",
            "PASS" if ex["peak_rss"] < TARGET_PEAK_BYTES else "MISS",
        )
        _row(
            f"  file sizes ({scale}x)",
            f"{ex['bytes'] / MB:.0f} MB",
            f"sqlite3 {base['bytes'] / MB:.0f} MB",
            "",
            "",
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, nargs="+", default=[1, 4], choices=(1, 2, 4))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--rebuild", action="store_true", help="store the national data again")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--child", nargs=2, metavar=("URL", "OUT"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    figures = {scale: measure(scale, args.repeat, args.rebuild) for scale in args.scale}
    report(figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
