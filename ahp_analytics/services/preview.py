"""What the Upload page shows about a checked file, as DataFrames: the validation report (one
row per message, or one per affected cell for the CSV) and the preview of what storing it
will do (rows, organisations, periods, what it replaces, whether it is already stored).

Pure functions over a :class:`FileResult` and the store's current state, which
:func:`active_slices` asks the store for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ahp_analytics.domain.periods import Period
from ahp_analytics.domain.reference import reference_attributes
from ahp_analytics.domain.results import FileResult, Message
from ahp_analytics.store import CURRENT, DATA_TABLES, Store

REPORT_COLUMNS = ("sheet", "rows", "column", "value", "rule", "fix", "message", "count")
CELL_COLUMNS = ("severity", "file", "sheet", "row", "column", "value", "rule", "message", "fix")
SLICE_COLUMNS = ("submission_id", "table", "org_code", "period", "period_type", "indicator", "rows")
REPLACES_COLUMNS = ("table", "org_code", "period", "rows_now", "rows_new", "submissions")

# The key group a stored slice covers, per table (as in the store's history model).
_GROUP_KEYS = {
    "workforce": ["org_code", "period", "period_type"],
    "leadership": ["org_code", "period", "period_type"],
    "indicators": ["org_code", "period", "period_type", "indicator"],
}


def _rows_text(m: Message) -> str:
    """``12`` or ``12, 13, 14, 15, 16 and 40 more``; empty when the message has no row."""
    if m.rows and m.count > 1:
        shown = ", ".join(str(r) for r in m.rows[:5])
        return shown + (f" and {m.count - 5} more" if m.count > 5 else "")
    if m.row is not None:
        return str(m.row)
    return ""


def _value_text(m: Message) -> str:
    if m.count > 1 and m.values:
        return ", ".join(str(v) for v in m.values)
    return "" if m.value is None else str(m.value)


def messages_frame(messages: Sequence[Message]) -> pd.DataFrame:
    """One row per message (summarised messages stay one row): :data:`REPORT_COLUMNS`."""
    return pd.DataFrame(
        [
            {
                "sheet": m.sheet or "",
                "rows": _rows_text(m),
                "column": m.column or "",
                "value": _value_text(m),
                "rule": m.rule,
                "message": m.message,
                "fix": m.fix,
                "count": m.count,
            }
            for m in messages
        ],
        columns=list(REPORT_COLUMNS),
    ).astype({"count": "int64"})


def cells_frame(results: Iterable[FileResult]) -> pd.DataFrame:
    """Every affected cell of every message (errors first) of the files: :data:`CELL_COLUMNS`,
    the full list behind the summarised report."""
    records = [
        cell for result in results for m in (*result.errors, *result.warnings) for cell in m.cells()
    ]
    df = pd.DataFrame(records, columns=list(CELL_COLUMNS))
    df["row"] = df["row"].astype("Int64")
    return df


def active_slices(store: Store, org_codes: Iterable[str]) -> pd.DataFrame:
    """The current key groups the store holds for these organisations, with the submission
    holding each and its row count: :data:`SLICE_COLUMNS`."""
    df = store.active_slices(org_codes)
    df.columns = list(SLICE_COLUMNS)
    return df


@dataclass
class Preview:
    """What storing a valid file will do.

    ``already_stored``: the id of the current submission of the very same file (same SHA-256),
    in which case nothing will change. ``replaces``: per table, organisation and period, the
    current rows that the file's rows will replace and the submissions holding them
    (:data:`REPLACES_COLUMNS`). ``organisations``: code, name (when known) and whether the
    code is new to the store."""

    rows: dict[str, int]
    organisations: pd.DataFrame
    periods: list[str]
    replaces: pd.DataFrame
    superseded: list[int] = field(default_factory=list)
    already_stored: int | None = None


def _period_label(start: pd.Timestamp, kind: str) -> str:
    return Period(start.date(), kind).label


def build_preview(
    result: FileResult,
    slices: pd.DataFrame,
    submissions: pd.DataFrame,
    organisations: pd.DataFrame,
) -> Preview:
    """The preview of storing ``result``, given the store's :func:`active_slices` for the
    file's organisations, its history (``store.submissions()``) and its organisations."""
    same = submissions.loc[
        (submissions["sha256"] == result.sha256) & (submissions["status"] == CURRENT), "id"
    ]
    already = int(same.max()) if len(same) else None

    data = {t: df for t, df in result.tables.items() if t in DATA_TABLES and not df.empty}
    codes: set[str] = set()
    for df in result.tables.values():
        codes |= {str(c) for c in df["org_code"].dropna()}
    known = dict(zip(organisations["org_code"], organisations["org_name"], strict=True))
    names = dict(known)
    if "organisations" in result.tables:
        # Names the file gives take over, as storing does, except a reference list's name.
        file_orgs = result.tables["organisations"].dropna(subset=["org_name"])
        listed = reference_attributes()
        names.update(
            (code, name)
            for code, name in zip(file_orgs["org_code"], file_orgs["org_name"], strict=True)
            if "org_name" not in listed.get(code, {})
        )
    orgs = pd.DataFrame(
        {
            "org_code": sorted(codes),
            "org_name": [names.get(c) or "" for c in sorted(codes)],
            "new": [c not in known for c in sorted(codes)],
        }
    )

    periods: set[tuple[pd.Timestamp, str]] = set()
    replaced = []
    for table, df in data.items():
        keys = _GROUP_KEYS[table]
        groups = df.groupby(keys, dropna=False).size().reset_index(name="rows_new")
        periods |= set(zip(groups["period"], groups["period_type"], strict=True))
        held = slices[slices["table"] == table].copy()
        if held.empty:
            continue
        if "indicator" not in keys:
            held = held.drop(columns="indicator")
        groups["period"] = groups["period"].astype("datetime64[ns]")
        merged = groups.merge(held, on=keys, how="inner")
        if not merged.empty:
            merged["table"] = table
            replaced.append(merged)

    replaces = pd.DataFrame(columns=list(REPLACES_COLUMNS))
    superseded: list[int] = []
    if replaced and already is None:
        both = pd.concat(replaced, ignore_index=True)
        superseded = sorted(int(i) for i in both["submission_id"].unique())
        new_rows = (
            pd.concat(
                [
                    df.groupby(["org_code", "period", "period_type"], dropna=False)
                    .size()
                    .rename("rows_new")
                    .reset_index()
                    .assign(table=t)
                    for t, df in data.items()
                ],
                ignore_index=True,
            )
            .assign(period=lambda d: d["period"].astype("datetime64[ns]"))
            .set_index(["table", "org_code", "period", "period_type"])["rows_new"]
        )
        grouped = (
            both.groupby(["table", "org_code", "period", "period_type"], sort=True)
            .agg(
                rows_now=("rows", "sum"),
                submissions=(
                    "submission_id",
                    lambda s: ", ".join(str(i) for i in sorted(set(s))),
                ),
            )
            .reset_index()
        )
        grouped["rows_new"] = [
            int(new_rows.get((t, o, p, k), 0))
            for t, o, p, k in zip(
                grouped["table"],
                grouped["org_code"],
                grouped["period"],
                grouped["period_type"],
                strict=True,
            )
        ]
        grouped["period"] = [
            _period_label(p, k)
            for p, k in zip(grouped["period"], grouped["period_type"], strict=True)
        ]
        replaces = grouped[list(REPLACES_COLUMNS)].astype({"rows_now": "int64"})

    return Preview(
        rows=dict(result.rows),
        organisations=orgs,
        periods=[_period_label(p, k) for p, k in sorted(periods)],
        replaces=replaces.reset_index(drop=True),
        superseded=superseded,
        already_stored=already,
    )
