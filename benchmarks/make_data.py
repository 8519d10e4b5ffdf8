"""Generate the national benchmark workbooks: every trust's monthly AHP workforce return for two
years in one workbook, as a national analyst would load it.

At 1x the workbook holds 220 organisations (the first 220 of the shipped reference list of
trusts, so region and trust type filters work) x 15 professions x 9 bands (Band 3 to Band 8d)
x 24 months (2023-04 to 2025-03) = 712,800 workforce rows, plus a Leadership sheet (one
return per organisation per financial year, dated March, 3 to 12 posts each) and an
Indicators sheet (every catalogue indicator per organisation per financial year). Headers are
the template's column labels (``schema.TABLES``); periods are text (``2024-03``,
``2023/24``), as the return format asks.

Scales: ``--scale 2`` and ``--scale 4`` multiply the rows. ``--grow months`` (the default)
adds earlier years of history (4x: 96 months, 2017-04 to 2025-03), the way a national data
set grows; ``--grow orgs`` adds fictional organisations instead (codes ``ZB0001``...; an
Organisations sheet names them so the region filter still applies).

Sheet size. An Excel sheet holds at most 1,048,576 rows, so the workforce rows of the larger
scales are split across sheets ``Workforce``, ``Workforce 2``, ... of at most
:data:`ROWS_PER_SHEET` rows, at organisation boundaries (the 1x table fits in one sheet).
``Workforce`` is recognised by its name and the others by their header row; validation
concatenates every sheet of a table into one frame, so the duplicate-key check still spans
all of them. One file holds each
scale (the reader's 100 MB file limit is checked on write).

Usage::

    python -m benchmarks.make_data --scale 1 2 4      # writes benchmarks/out/national-*x.xlsx
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.ingest import readers
from ahp_analytics.present.export import XLSX_OPTIONS

OUT_DIR = Path(__file__).resolve().parent / "out"
SEED = 20250401
N_ORGS = 220
MONTHS_1X = 24
LAST_MONTH = (2025, 3)  # the newest period is always 2025-03
BANDS = ("Band 3", "Band 4", "Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b", "Band 8c")
BANDS += ("Band 8d",)
PROFESSIONS = ref.PROFESSIONS.labels
# Rows of one sheet: the reader's cell limit over its minimum width of 26 columns.
ROWS_PER_SHEET = 1_000_000
_CREATED = datetime(2025, 4, 1)

_BAND_SHARE = np.array([0.06, 0.08, 0.24, 0.28, 0.20, 0.08, 0.04, 0.015, 0.005])
_PROF_SHARE = np.array(
    [0.01, 0.07, 0.005, 0.005, 0.22, 0.08, 0.02, 0.005, 0.10, 0.25, 0.04, 0.01, 0.12, 0.02, 0.04]
)
_TYPES = ("Acute", "Acute specialist", "Mental health", "Community", "Ambulance")


def path_for(scale: int, grow: str = "months") -> Path:
    """Where the workbook of a scale is written."""
    return OUT_DIR / (
        f"national-{scale}x.xlsx" if grow == "months" else f"national-{scale}x-orgs.xlsx"
    )


def months(n: int) -> list[str]:
    """The last ``n`` months ending 2025-03, oldest first, as ``YYYY-MM``."""
    year, month = LAST_MONTH
    last = year * 12 + month - 1
    return [f"{m // 12}-{m % 12 + 1:02d}" for m in range(last - n + 1, last + 1)]


def organisations(scale: int, grow: str) -> pd.DataFrame:
    """org_code, org_name, region, icb, trust_type of the organisations in the workbook."""
    real = ref.organisations().head(N_ORGS).copy()
    if grow != "orgs" or scale == 1:
        return real
    n = N_ORGS * (scale - 1)
    rng = np.random.default_rng(SEED + 7)
    extra = pd.DataFrame(
        {
            "org_code": [f"ZB{i:04d}" for i in range(1, n + 1)],
            "org_name": [f"Benchmark Trust {i} (fictional)" for i in range(1, n + 1)],
            "region": rng.choice(ref.REGIONS, n),
            "icb": "",
            "trust_type": rng.choice(_TYPES, n, p=[0.6, 0.1, 0.15, 0.1, 0.05]),
        }
    )
    return pd.concat([real, extra], ignore_index=True)


def _cents(x: np.ndarray) -> np.ndarray:
    """Rounded to 2 decimals as the nearest doubles (written 0.07, not 0.07000000000000001)."""
    return np.rint(x * 100) / 100


def workforce(orgs: pd.DataFrame, periods: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Every organisation x month x profession x band, grouped by organisation and month."""
    n_org, n_mon, n_prof, n_band = len(orgs), len(periods), len(PROFESSIONS), len(BANDS)
    size = rng.lognormal(np.log(450), 0.5, n_org)  # AHP FTE of each organisation
    prof_mix = rng.dirichlet(_PROF_SHARE * 60, n_org)
    growth = 1 + rng.normal(0.03, 0.02, n_org) / 12
    o, m, p, b = np.meshgrid(
        np.arange(n_org), np.arange(n_mon), np.arange(n_prof), np.arange(n_band), indexing="ij"
    )
    o, m, p, b = o.ravel(), m.ravel(), p.ravel(), b.ravel()
    expected = size[o] * prof_mix[o, p] * _BAND_SHARE[b] * growth[o] ** m
    fte = _cents(expected * rng.lognormal(0, 0.05, len(o)))
    headcount = np.ceil(fte * rng.uniform(1.0, 1.25, len(o)))
    vacancy = _cents(expected * rng.uniform(0, 0.15, len(o)))
    no_vacancy = rng.random(n_org) < 0.05  # a few organisations leave Vacancy FTE blank
    vacancy = np.where(no_vacancy[o], np.nan, vacancy)
    codes = orgs["org_code"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "org_code": codes[o],
            "period": np.asarray(periods, dtype=object)[m],
            "profession": np.asarray(PROFESSIONS, dtype=object)[p],
            "band": np.asarray(BANDS, dtype=object)[b],
            "fte": fte,
            "headcount": headcount,
            "vacancy_fte": vacancy,
        }
    )


def _financial_years(periods: list[str]) -> list[tuple[str, str]]:
    """(financial year label, its March period) for each complete financial year."""
    out = []
    for period in periods:
        year, month = int(period[:4]), int(period[5:])
        if month == 3:
            out.append((f"{year - 1}/{str(year)[2:]}", period))
    return out


_SENIOR = (
    ("Chief AHP", "Chief Allied Health Professional", "Voting board member", "Chief executive"),
    (
        "Director of AHPs",
        "Director of Allied Health Professions",
        "Non-voting board member",
        "Chief nurse",
    ),
    ("Lead AHP", "Lead Allied Health Professional", "Attends board", "Chief operating officer"),
    ("Deputy chief AHP", "Deputy Chief AHP", "No board role", "Chief nurse"),
)


def leadership(orgs: pd.DataFrame, years: list[tuple[str, str]], rng) -> pd.DataFrame:
    """A March leadership return per organisation per financial year: at most one senior post,
    then professional leads; about 1 in 10 organisations reports none."""
    rows = []
    for code in orgs["org_code"]:
        senior = rng.integers(-1, len(_SENIOR))
        leads = rng.choice(len(PROFESSIONS), int(rng.integers(2, 11)), replace=False)
        if rng.random() < 0.1:
            continue
        for _fy, march in years:
            if senior >= 0:
                role, title, board, reports = _SENIOR[senior]
                rows.append(
                    (
                        code,
                        march,
                        role,
                        title,
                        "Physiotherapist",
                        "Band 8d",
                        1.0,
                        float(rng.integers(6, 17) * 5),
                        board,
                        reports,
                    )
                )
            for j in leads:
                rows.append(
                    (
                        code,
                        march,
                        "Professional lead",
                        f"Head of {PROFESSIONS[j]}s",
                        PROFESSIONS[j],
                        "Band 8b",
                        float(rng.choice([1.0, 0.8, 0.6, 0.5])),
                        float(rng.integers(2, 9) * 5),
                        "No board role",
                        "Other",
                    )
                )
    return pd.DataFrame(rows, columns=[c.name for c in schema.LEADERSHIP.columns])


_RATINGS = ("Inadequate", "Requires improvement", "Good", "Outstanding")


def indicators(orgs: pd.DataFrame, years: list[tuple[str, str]], rng) -> pd.DataFrame:
    """Every catalogue indicator per organisation per financial year (long form)."""
    cat = ref.indicator_catalogue()
    rows = []
    for code in orgs["org_code"]:
        for fy, _march in years:
            for ind, unit in zip(cat["code"], cat["unit"], strict=True):
                if unit == "rating":
                    value: object = _RATINGS[int(rng.choice(4, p=[0.05, 0.3, 0.55, 0.1]))]
                elif unit == "%":
                    value = round(float(rng.uniform(2, 98)), 1)
                elif unit == "ratio":
                    value = round(float(rng.normal(1.0, 0.08)), 3)
                else:
                    value = round(float(rng.lognormal(3, 0.6)), 2)
                rows.append((code, fy, ind, value, None, None))
    return pd.DataFrame(rows, columns=[c.name for c in schema.INDICATORS.columns])


def national_tables(
    scale: int = 1, grow: str = "months", seed: int = SEED
) -> dict[str, pd.DataFrame]:
    """The benchmark tables of a scale (columns named as in ``schema.TABLES``)."""
    if grow not in ("months", "orgs"):
        raise ValueError("grow is 'months' or 'orgs'")
    rng = np.random.default_rng(seed)
    orgs = organisations(scale, grow)
    periods = months(MONTHS_1X * (scale if grow == "months" else 1))
    years = _financial_years(periods)
    tables = {
        "workforce": workforce(orgs, periods, rng),
        "leadership": leadership(orgs, years, rng),
        "indicators": indicators(orgs, years, rng),
    }
    if grow == "orgs" and scale > 1:
        tables["organisations"] = orgs.iloc[N_ORGS:].reset_index(drop=True)
    return tables


def _sheet_chunks(frame: pd.DataFrame, limit: int) -> list[pd.DataFrame]:
    """The frame cut into pieces of at most ``limit`` rows at organisation boundaries."""
    if len(frame) <= limit:
        return [frame]
    starts = np.flatnonzero(frame["org_code"].ne(frame["org_code"].shift()).to_numpy())
    bounds, begin = [], 0
    for s in [*starts[1:], len(frame)]:
        if s - begin > limit:
            last = max(x for x in [*starts, len(frame)] if begin < x <= begin + limit)
            bounds.append((begin, last))
            begin = last
    bounds.append((begin, len(frame)))
    return [frame.iloc[a:b] for a, b in bounds]


def _write_sheet(wb, name: str, table: schema.Table, frame: pd.DataFrame, bold) -> None:
    ws = wb.add_worksheet(name)
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, [c.label for c in table.columns], bold)
    writers = []
    for j, col in enumerate(table.columns):
        values = frame[col.name].tolist()
        writers.append((j, values))
    write_string, write_number = ws.write_string, ws.write_number
    n = len(frame)
    # Column by column inside a row would break constant_memory's row order, so row by row.
    columns = [values for _, values in writers]
    for r in range(n):
        row = r + 1
        for j, values in enumerate(columns):
            v = values[r]
            if v is None or (isinstance(v, float) and v != v):
                continue
            if isinstance(v, str):
                write_string(row, j, v)
            else:
                write_number(row, j, v)


def write_national(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Write the tables as one workbook with xlsxwriter's constant_memory mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(
        str(path),
        XLSX_OPTIONS,
    )
    wb.set_properties({"title": "AHP national benchmark return", "created": _CREATED})
    bold = wb.add_format({"bold": True})
    for i, chunk in enumerate(_sheet_chunks(tables["workforce"], ROWS_PER_SHEET), 1):
        name = "Workforce" if i == 1 else f"Workforce {i}"
        _write_sheet(wb, name, schema.WORKFORCE, chunk, bold)
    _write_sheet(wb, "Leadership", schema.LEADERSHIP, tables["leadership"], bold)
    _write_sheet(wb, "Indicators", schema.INDICATORS, tables["indicators"], bold)
    if "organisations" in tables:
        _write_sheet(wb, "Organisations", schema.ORGANISATIONS, tables["organisations"], bold)
    wb.close()
    size = path.stat().st_size
    if size > readers.MAX_FILE_BYTES:
        raise SystemExit(
            f"{path.name} is {size / 1e6:.0f} MB, above the reader's "
            f"{readers.MAX_FILE_BYTES / 1e6:.0f} MB limit."
        )
    return path


def ensure(scale: int, grow: str = "months", force: bool = False) -> Path:
    """The workbook of a scale, written first if it is not there yet."""
    path = path_for(scale, grow)
    if force or not path.exists():
        write_national(path, national_tables(scale, grow))
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, nargs="+", default=[1], choices=(1, 2, 4))
    p.add_argument("--grow", choices=("months", "orgs"), default="months")
    p.add_argument("--force", action="store_true", help="rewrite existing workbooks")
    args = p.parse_args(argv)
    for scale in args.scale:
        path = path_for(scale, args.grow)
        if path.exists() and not args.force:
            print(f"{path}: exists ({path.stat().st_size / 1e6:.1f} MB); --force to rewrite")
            continue
        start = time.perf_counter()
        tables = national_tables(scale, args.grow)
        write_national(path, tables)
        counts = ", ".join(f"{len(df):,} {name}" for name, df in tables.items())
        print(
            f"{path}: {counts}; {path.stat().st_size / 1e6:.1f} MB, "
            f"written in {time.perf_counter() - start:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
