"""Builders of small checked files (FileResult + bytes) for store, export and page tests."""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ahp_analytics.domain import reference, schema
from ahp_analytics.domain.results import ERROR, WARNING, FileResult, Message, sha256_of


def make_file(
    name: str = "return.xlsx",
    *,
    workforce: Iterable[dict] | None = None,
    leadership: Iterable[dict] | None = None,
    indicators: Iterable[dict] | None = None,
    organisations: Iterable[dict] | None = None,
    errors: int = 0,
    warnings: int = 0,
    content: bytes | None = None,
) -> tuple[FileResult, bytes]:
    """A checked file and its bytes. Unless given, the bytes are a canonical dump of the rows,
    so the same rows make the same file (same SHA-256)."""
    tables = {
        t: schema.frame(t, rows)
        for t, rows in (
            ("workforce", workforce),
            ("leadership", leadership),
            ("indicators", indicators),
            ("organisations", organisations),
        )
        if rows is not None
    }
    if content is None:
        content = json.dumps(
            {t: df.astype(str).to_dict("records") for t, df in tables.items()}, sort_keys=True
        ).encode()
    result = FileResult(name, sha256_of(content), len(content), tables)
    for i in range(errors):
        result.add(Message(ERROR, "test_error", f"error {i}", sheet="Workforce", row=i + 2))
    for i in range(warnings):
        result.add(Message(WARNING, "test_warning", f"warning {i}", sheet="Workforce", row=i + 2))
    return result, content


def workforce_rows(
    org: str,
    period: str = "2024-03",
    professions: Iterable[str] = ("Physiotherapist", "Dietitian"),
    bands: Iterable[str] = ("Band 5", "Band 6"),
    fte: float = 1.0,
) -> list[dict]:
    """One row per profession x band for one organisation and period."""
    return [
        {
            "org_code": org,
            "period": period,
            "profession": p,
            "band": b,
            "fte": fte,
            "headcount": 1.0,
            "vacancy_fte": 0.0,
        }
        for p in professions
        for b in bands
    ]


def leadership_rows(org: str, period: str = "2024-03", posts: int = 2) -> list[dict]:
    """``posts`` leadership posts of one organisation and period."""
    roles = ("Chief AHP", "Lead AHP", "Professional lead")
    return [
        {
            "org_code": org,
            "period": period,
            "role": roles[i % len(roles)],
            "job_title": f"Post {i + 1}",
            "fte": 1.0,
            "strategic_time_pct": 50.0,
            "board_role": "Attends board",
            "reports_to": "Chief nurse",
        }
        for i in range(posts)
    ]


def indicator_rows(org: str, period: str = "2023/24", values: dict | None = None) -> list[dict]:
    values = values or {"cqc_overall": 2.0}
    return [
        {"org_code": org, "period": period, "indicator": k, "value": v} for k, v in values.items()
    ]


def big_workforce(
    n_orgs: int, months: int, start: str = "2023-04-01", seed: int = 0
) -> pd.DataFrame:
    """A canonical workforce frame of ``n_orgs * months * 210`` rows (every profession and
    band), built vectorised for scale tests."""
    rng = np.random.default_rng(seed)
    orgs = [f"X{i:04d}" for i in range(n_orgs)]
    periods = pd.date_range(start, periods=months, freq="MS").astype("datetime64[ns]")
    grid = pd.MultiIndex.from_product(
        [orgs, periods, reference.PROFESSIONS.labels, reference.BANDS.labels],
        names=["org_code", "period", "profession", "band"],
    ).to_frame(index=False)
    n = len(grid)
    grid["period_type"] = "month"
    grid["fte"] = rng.uniform(0, 20, n).round(2)
    grid["headcount"] = np.ceil(grid["fte"])
    grid["vacancy_fte"] = np.where(rng.random(n) < 0.2, np.nan, rng.uniform(0, 3, n).round(2))
    return grid[list(schema.EXPORT_COLUMNS["workforce"])]


def result_of(name: str, tables: dict[str, pd.DataFrame], content: bytes) -> FileResult:
    """A FileResult around ready-made frames."""
    return FileResult(name, sha256_of(content), len(content), tables)


def ingest_worker(url: str, index: int, barrier, queue) -> None:  # type: ignore[no-untyped-def]
    """Run in a separate process: open the store, wait for the others, ingest one return of
    ~2,500 rows for organisation ``P<index>`` plus one row for the shared organisation
    ``SHARED``; put ``(index, status, submission_id, message)`` on ``queue``."""
    from ahp_analytics.store import open_store

    try:
        df = big_workforce(1, 12, seed=index)
        df["org_code"] = f"P{index:03d}"
        shared = schema.frame(
            "workforce", workforce_rows("SHARED", "2024-03", ["Dietitian"], ["Band 5"], index)
        )
        content = f"return {index}".encode()
        result = result_of(f"return{index}.xlsx", {"workforce": pd.concat([df, shared])}, content)
        store = open_store(url)
        barrier.wait(timeout=60)
        outcome = store.ingest(result, content, f"user{index}")
        store.close()
        queue.put((index, outcome.status, outcome.submission_id, outcome.message))
    except Exception as exc:  # reported to the test, which then fails with it
        queue.put((index, "exception", None, repr(exc)))
