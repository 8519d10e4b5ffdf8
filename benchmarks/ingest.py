"""Time checking and storing the national workbook against the bare parse by fastexcel (the
floor) and by calamine and pandas + openpyxl, its peak memory, and how it scales from 1x to 2x
and 4x.

Every figure is taken in a fresh Python process (``--child``), so imports, caches and memory
of one run never help another; the peak resident memory is that process's ``VmHWM``. With
``--repeat N`` the measurements take turns (one of each kind, N times), so that load on a
shared machine falls on all of them alike, and the median of each is reported.

- ``fastexcel``: ``fastexcel.read_excel(data).load_sheet(name).to_arrow()`` for every sheet,
  nothing else: the floor for reading this file into columns.
- ``calamine``: ``CalamineWorkbook.from_filelike(...).get_sheet_by_name(name).to_python()``
  for every sheet: the same parse, each cell a Python object.
- ``scan``: the safety checks alone (``readers``' zip and sheet measures, before any parse).
- ``validate``: read the bytes and ``validation.validate_bytes`` (safety checks, fastexcel
  parse, every rule), canonical frames out: what ``python -m ahp_analytics validate`` does.
  "parse + rules" is this less the safety checks.
- ``ingest``: ``validate_bytes`` then ``Store.ingest`` into an empty SQLite store (made before
  the clock starts, as an analyst's store exists before an ingest): what ``python
  -m ahp_analytics ingest`` does with one file. Split into validate and store.
- ``insert``: the rows validation gives, written into tables of the same columns with no
  key, index or constraint in a new SQLite file (WAL), in one transaction: the least any
  store of these rows costs (validation before the clock). Reported beside the ingest, with
  the ingest's ratio to the parse and this insert together.
- ``openpyxl``: ``pandas.read_excel(..., sheet_name=None, engine="openpyxl")``: what a
  pandas user would write. Slow, so it runs once.

Targets: validate <= 1.5x the fastexcel parse; ingest <= 2x it and >= 8x faster than pandas +
openpyxl; peak memory of validate and of ingest < 1 GB at 1x; 4x the rows in at most about 4x
the time.

Usage::

    python -m benchmarks.ingest                      # 1x, 2x and 4x, writing missing workbooks
    python -m benchmarks.ingest --scale 1 --skip-openpyxl --repeat 5
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks import make_data

ROOT = Path(__file__).resolve().parent.parent
GB = 1024**3

TARGET_VALIDATE_VS_FLOOR = 1.5
TARGET_INGEST_VS_FLOOR = 2.0
TARGET_VS_OPENPYXL = 8.0
TARGET_PEAK_BYTES = 1.0 * GB
TARGET_SCALING = 1.0  # time per row at 4x over time per row at 1x ("at most ~4x the time")


def _peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _imports(kind: str) -> None:
    """Import what a measurement uses before its clock starts: the figures time the work,
    not the interpreter loading pandas or pyarrow."""
    modules = {
        "fastexcel": ["fastexcel", "pyarrow"],
        "calamine": ["python_calamine"],
        "openpyxl": ["pandas", "openpyxl"],
        "scan": ["ahp_analytics.ingest.readers"],
        "validate": ["ahp_analytics.ingest.validation"],
        "insert": ["ahp_analytics.ingest.validation", "sqlite3"],
        "ingest": ["ahp_analytics.ingest.validation", "ahp_analytics.store"],
    }
    for name in modules.get(kind, []):
        importlib.import_module(name)


def _child(kind: str, path: str) -> dict:
    """One measurement in this (fresh) process."""
    _imports(kind)
    with tempfile.TemporaryDirectory(prefix="ahp-bench-") as tmp:
        store = None
        if kind == "ingest":
            from ahp_analytics.store import open_store

            # An analyst's store exists before the ingest: making its tables is not timed.
            store = open_store(f"sqlite:///{tmp}/bench.db")
        return _measure(kind, path, store, Path(tmp) / "bare.db")


def _bare_insert(tables: dict, db: Path) -> int:
    """Write the data tables' rows, as validation gives them, into tables of the same columns
    with no key, index or constraint, in one transaction of a new SQLite file (WAL, as the
    store's): the least any store of these rows costs. Returns the rows written."""
    import sqlite3

    from ahp_analytics.domain import schema

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    rows = 0
    for name, frame in tables.items():
        if name == "organisations" or name not in schema.EXPORT_COLUMNS:
            continue
        columns = list(schema.EXPORT_COLUMNS[name])
        conn.execute(f"CREATE TABLE bare_{name} ({', '.join(columns)})")
        values = []
        for c in columns:
            col = frame[c]
            if c == "period":
                col = col.dt.strftime("%Y-%m-%d")
            values.append(col.astype(object).where(col.notna(), None).tolist())
        marks = ", ".join("?" for _ in columns)
        conn.executemany(f"INSERT INTO bare_{name} VALUES ({marks})", zip(*values, strict=True))
        rows += len(frame)
    conn.execute("COMMIT")
    conn.close()
    return rows


def _measure(kind: str, path: str, store, bare: Path) -> dict:  # type: ignore[no-untyped-def]
    """Time ``kind`` on the workbook at ``path``: ``store`` the open store an ingest writes
    to, ``bare`` the file the bare insert writes."""
    start, cpu = time.perf_counter(), time.process_time()
    data = Path(path).read_bytes()
    out: dict = {"kind": kind, "file": Path(path).name, "bytes": len(data)}
    if kind == "fastexcel":
        import fastexcel

        book = fastexcel.read_excel(data)
        out["rows"] = sum(book.load_sheet(n).to_arrow().num_rows for n in book.sheet_names)
    elif kind == "calamine":
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        out["rows"] = sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)
    elif kind == "scan":
        from ahp_analytics.ingest import readers

        readers.sniff(data, Path(path).name)
        zf = zipfile.ZipFile(io.BytesIO(data))
        parts = [(n, p) for n, p, _ in readers._sheet_parts(zf)]
        out["rows"] = sum(s.rows for s in readers._scan_sheets(zf, parts).values())
    elif kind == "validate":
        from ahp_analytics.ingest.validation import validate_bytes

        result = validate_bytes(data, Path(path).name)
        if not result.ok:
            raise SystemExit("; ".join(m.message for m in result.errors[:3]))
        out["rows"] = sum(result.rows.values())
    elif kind == "insert":
        from ahp_analytics.ingest.validation import validate_bytes

        result = validate_bytes(data, Path(path).name)
        if not result.ok:
            raise SystemExit("; ".join(m.message for m in result.errors[:3]))
        start, cpu = time.perf_counter(), time.process_time()  # the rows' write alone
        out["rows"] = _bare_insert(result.tables, bare)
    elif kind == "openpyxl":
        import pandas as pd

        frames = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")
        out["rows"] = sum(len(f) for f in frames.values())
    elif kind == "ingest":
        from ahp_analytics.ingest.validation import validate_bytes

        result = validate_bytes(data, Path(path).name)
        out["validate_s"] = time.perf_counter() - start
        out["validate_cpu"] = time.process_time() - cpu
        if not result.ok:
            raise SystemExit("; ".join(m.message for m in result.errors[:3]))
        t_store, c_store = time.perf_counter(), time.process_time()
        outcome = store.ingest(result, data, "benchmark")
        out["store_s"] = time.perf_counter() - t_store
        out["store_cpu"] = time.process_time() - c_store
        store.close()  # the last connection's close writes the log into the database
        if outcome.status != "accepted":
            raise SystemExit(outcome.message)
        out["rows"] = sum(outcome.rows.values())
        out["warnings"] = [m.rule for m in result.warnings]
    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    out["seconds"] = time.perf_counter() - start
    out["cpu"] = time.process_time() - cpu
    out["peak_rss"] = _peak_rss()
    return out


def _run(kind: str, path: Path) -> dict:
    """One measurement in a fresh process."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest", "--child", kind, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind} of {path.name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(kinds: list[str], path: Path, repeat: int = 1) -> dict[str, dict]:
    """Median (and min) of ``repeat`` runs of each measurement, each in a fresh process, the
    kinds taking turns."""
    runs: dict[str, list[dict]] = {k: [] for k in kinds}
    for _ in range(repeat):
        for kind in kinds:
            runs[kind].append(_run(kind, path))
    out = {}
    for kind, kind_runs in runs.items():
        best = dict(kind_runs[0])
        for k in (
            "seconds",
            "cpu",
            "validate_s",
            "validate_cpu",
            "store_s",
            "store_cpu",
            "peak_rss",
        ):
            if k in best:
                best[k] = statistics.median(r[k] for r in kind_runs)
                best[k + "_min"] = min(r[k] for r in kind_runs)
        best["runs"] = len(kind_runs)
        best["each"] = kind_runs  # every run, for ratios taken run by run
        out[kind] = best
    return out


def _row(figure: str, value: str, target: str, baseline: str, ratio: str, verdict: str = ""):
    print(f"{figure:<34} {value:>22}  {target:<22} {baseline:<20} {ratio:<20} {verdict}")


def _t(m: dict, key: str = "seconds") -> str:
    """A time as "wall s (cpu s)"."""
    cpu = {"seconds": "cpu", "validate_s": "validate_cpu", "store_s": "store_cpu"}[key]
    return f"{m[key]:.2f} s (cpu {m[cpu]:.2f})"


def _ratio(a: dict, b: dict) -> tuple[float, float]:
    """(wall, cpu) of a over b."""
    return a["seconds"] / b["seconds"], a["cpu"] / b["cpu"]


def _judge(wall_ok: bool, cpu_ok: bool) -> str:
    """Targets are judged on wall time; CPU time says what a quiet machine would show."""
    if wall_ok:
        return "PASS"
    return "MISS (cpu PASS)" if cpu_ok else "MISS"


def _median_ratio(a: dict, b: dict, key: str = "seconds") -> float:
    """The median over runs of a's figure over b's, run by run (the runs took turns)."""
    return statistics.median(x[key] / y[key] for x, y in zip(a["each"], b["each"], strict=True))


def report(figures: dict, scales: list[int], name: str) -> None:
    base = scales[0]
    first = figures["scales"][base]
    floor, cal, scan, val, ing = (
        first[k] for k in ("fastexcel", "calamine", "scan", "validate", "ingest")
    )
    print()
    print(
        f"National workbook {name}: {ing['rows']:,} rows stored; median of {ing['runs']} "
        "run(s) each, in fresh processes taking turns; wall clock (CPU in brackets); ratios "
        "are medians of the run-by-run ratios"
    )
    _row("figure", "value", "target", "baseline", "ratio")
    _row(f"fastexcel bare parse ({base}x)", _t(floor), "(floor)", "", "")
    wall, cpu = _median_ratio(cal, floor), _median_ratio(cal, floor, "cpu")
    _row(f"calamine bare parse ({base}x)", _t(cal), "", f"fastexcel {floor['seconds']:.2f} s",
         f"{wall:.2f}x (cpu {cpu:.2f}x)")  # fmt: skip
    if "openpyxl" in first:
        _row(f"pandas+openpyxl parse ({base}x)", _t(first["openpyxl"]), "", "", "")
    wall, cpu = _median_ratio(val, floor), _median_ratio(val, floor, "cpu")
    _row(
        f"validate_bytes ({base}x)",
        _t(val),
        f"<= {TARGET_VALIDATE_VS_FLOOR:g}x fastexcel",
        f"fastexcel {floor['seconds']:.2f} s",
        f"{wall:.2f}x (cpu {cpu:.2f}x)",
        _judge(wall <= TARGET_VALIDATE_VS_FLOOR, cpu <= TARGET_VALIDATE_VS_FLOOR),
    )
    _row("  of which safety checks", _t(scan), "", "", f"{_median_ratio(scan, floor):.2f}x")
    rest = [
        {"seconds": v["seconds"] - s["seconds"], "cpu": v["cpu"] - s["cpu"]}
        for v, s in zip(val["each"], scan["each"], strict=True)
    ]
    wall = statistics.median(
        r["seconds"] / f["seconds"] for r, f in zip(rest, floor["each"], strict=True)
    )
    cpu = statistics.median(r["cpu"] / f["cpu"] for r, f in zip(rest, floor["each"], strict=True))
    median_rest = {k: statistics.median(r[k] for r in rest) for k in ("seconds", "cpu")}
    _row(
        "  parse + rules (less the checks)",
        _t(median_rest),
        "",
        "",
        f"{wall:.2f}x (cpu {cpu:.2f}x)",
    )
    wall, cpu = _median_ratio(ing, floor), _median_ratio(ing, floor, "cpu")
    _row(
        f"ingest ({base}x)",
        _t(ing),
        f"<= {TARGET_INGEST_VS_FLOOR:g}x fastexcel",
        f"fastexcel {floor['seconds']:.2f} s",
        f"{wall:.2f}x (cpu {cpu:.2f}x)",
        _judge(wall <= TARGET_INGEST_VS_FLOOR, cpu <= TARGET_INGEST_VS_FLOOR),
    )
    _row("  of which validate_bytes", _t(ing, "validate_s"), "", "", "")
    _row("  of which store.ingest", _t(ing, "store_s"), "", "", "")
    if "insert" in first:
        bare = first["insert"]
        wall = _median_ratio(bare, floor)
        _row("SQLite bare insert of the rows", _t(bare), "(reported)", "", f"{wall:.2f}x")
        # What the ingest costs over reading the rows and writing them with nothing else:
        # the safety checks, the rules, the store's keys, indexes, history and kept sums.
        wall = statistics.median(
            i["seconds"] / (f["seconds"] + b["seconds"])
            for i, f, b in zip(ing["each"], floor["each"], bare["each"], strict=True)
        )
        _row("ingest vs parse + bare insert", _t(ing), "(reported)", "fastexcel + insert",
             f"{wall:.2f}x")  # fmt: skip
    if "openpyxl" in first:
        wall, cpu = _ratio(first["openpyxl"], ing)
        _row(
            f"ingest vs openpyxl ({base}x)",
            _t(ing),
            f">= {TARGET_VS_OPENPYXL:g}x faster",
            f"openpyxl {first['openpyxl']['seconds']:.1f} s",
            f"{wall:.1f}x (cpu {cpu:.1f}x)",
            _judge(wall >= TARGET_VS_OPENPYXL, cpu >= TARGET_VS_OPENPYXL),
        )
    for label, m in (("validate", val), ("ingest", ing)):
        _row(
            f"peak RSS of {label} ({base}x)",
            f"{m['peak_rss'] / GB:.2f} GB",
            f"< {TARGET_PEAK_BYTES / GB:g} GB",
            f"fastexcel {floor['peak_rss'] / GB:.2f} GB",
            f"{m['peak_rss'] / floor['peak_rss']:.2f}x",
            ("PASS" if m["peak_rss"] < TARGET_PEAK_BYTES else "MISS") if base == 1 else "",
        )
    for scale in scales[1:]:
        s = figures["scales"][scale]["ingest"]
        growth = s["rows"] / ing["rows"]
        wall, cpu = _ratio(s, ing)
        limit = TARGET_SCALING * growth * 1.1  # "at most ~Nx": 10% allowance
        _row(
            f"ingest ({scale}x, {s['rows']:,} rows)",
            _t(s),
            f"<= ~{growth:.1f}x {base}x time",
            f"{base}x {ing['seconds']:.2f} s",
            f"{wall:.2f}x (cpu {cpu:.2f}x)",
            _judge(wall <= limit, cpu <= limit),
        )
        _row(
            f"peak RSS of ingest ({scale}x)",
            f"{s['peak_rss'] / GB:.2f} GB",
            "(reported)",
            "",
            f"{s['peak_rss'] / ing['peak_rss']:.2f}x",
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, nargs="+", default=[1, 2, 4], choices=(1, 2, 4))
    p.add_argument("--grow", choices=("months", "orgs"), default="months")
    p.add_argument("--skip-openpyxl", action="store_true", help="skip the slow openpyxl parse")
    p.add_argument("--repeat", type=int, default=1, help="runs of each fast measurement")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    p.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0

    scales = sorted(set(args.scale))
    paths = {}
    for scale in scales:
        path = make_data.path_for(scale, args.grow)
        if not path.exists():
            print(f"writing {path} ...", flush=True)
            make_data.write_national(path, make_data.national_tables(scale, args.grow))
        paths[scale] = path

    base = scales[0]
    figures: dict = {"scales": {}}
    for scale in scales:
        print(f"measuring {scale}x ({paths[scale].stat().st_size / 1e6:.0f} MB) ...", flush=True)
        if scale == base:
            kinds = ["fastexcel", "calamine", "scan", "validate", "insert", "ingest"]
            entry = measure(kinds, paths[scale], args.repeat)
            if not args.skip_openpyxl:
                entry |= measure(["openpyxl"], paths[scale], 1)
        else:
            entry = measure(["ingest"], paths[scale], args.repeat)
        figures["scales"][scale] = entry

    report(figures, scales, paths[base].name)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
