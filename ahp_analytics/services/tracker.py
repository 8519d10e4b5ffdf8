"""The returns tracker: for one data table and analysis window, each organisation against each
period, returned, resubmitted (a later return superseded an earlier one) or missing, with the
date and the submitter of the return that counts. The Submissions page and ``python -m
ahp_analytics tracker`` both call :func:`returns_tracker`.

The organisations are those that have ever returned the table (a withdrawn return does not
count); the periods are those of the table that any organisation returned inside the window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ahp_analytics.domain.periods import Period, Window, period_end
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import DATA_TABLES, WITHDRAWN, Store

RETURNED, SUPERSEDED, MISSING = "returned", "superseded", "missing"
STATUSES = (RETURNED, SUPERSEDED, MISSING)
STATUS_LABELS = {
    RETURNED: "Returned",
    SUPERSEDED: "Resubmitted (an earlier return superseded)",
    MISSING: "Missing",
}
TABLE_LABELS = {"workforce": "Workforce", "leadership": "Leadership", "indicators": "Indicators"}
COLUMNS = (
    "org_code",
    "org_name",
    "period",
    "period_label",
    "period_type",
    "status",
    "submitted_at",
    "submitted_by",
    "submission_id",
    "returns",
)


@dataclass(frozen=True)
class Tracker:
    """The tracker of one table and window. ``cells``: one row per organisation and period
    (:data:`COLUMNS`), sorted by organisation code and period; ``submitted_at`` is UTC, and
    missing (NaT, None, <NA>) where nothing was returned; ``returns`` counts the returns that
    held the cell, superseded ones included."""

    table: str
    window: Window
    cells: pd.DataFrame

    @property
    def periods(self) -> list[str]:
        """The period labels, in time order."""
        return list(dict.fromkeys(self.cells["period_label"]))

    @property
    def organisations(self) -> list[str]:
        """The organisation codes, in order."""
        return list(dict.fromkeys(self.cells["org_code"]))

    def counts(self) -> dict[str, int]:
        """Cells per status."""
        found = self.cells["status"].value_counts()
        return {s: int(found.get(s, 0)) for s in STATUSES}

    def select(
        self,
        orgs: Iterable[str] = (),
        periods: Iterable[str] = (),
        statuses: Iterable[str] = (),
    ) -> Tracker:
        """The cells of these organisation codes, period labels and statuses (empty: all)."""
        mask = pd.Series(True, index=self.cells.index)
        for column, wanted in (("org_code", orgs), ("period_label", periods), ("status", statuses)):
            wanted = list(wanted)
            if wanted:
                mask &= self.cells[column].isin(wanted)
        return Tracker(self.table, self.window, self.cells[mask].reset_index(drop=True))

    def grid(self) -> pd.DataFrame:
        """Organisations down (``Code`` and ``Organisation`` name), periods across, each cell
        as :func:`cell_text` says it; an empty cell is one not selected."""
        if self.cells.empty:
            return pd.DataFrame(columns=["Code", "Organisation"])
        text = self.cells.assign(cell=[cell_text(r) for r in _records(self.cells)])
        out = text.pivot(index="org_code", columns="period_label", values="cell")
        out = out.reindex(index=self.organisations, columns=self.periods).fillna("")
        out.columns.name = None
        names = dict(zip(self.cells["org_code"], self.cells["org_name"], strict=False))
        out.insert(0, "Organisation", [names.get(c) or "" for c in out.index])
        return out.rename_axis("Code").reset_index()

    def export(self) -> pd.DataFrame:
        """The cells for CSV, Excel and JSON: dates as ISO text (the period's first day; the
        submission's time in UTC), missing values empty."""
        out = self.cells.copy()
        out["period"] = out["period"].dt.strftime("%Y-%m-%d")
        out["submitted_at"] = [
            None if pd.isna(t) else t.isoformat(timespec="seconds") for t in out["submitted_at"]
        ]
        return out.astype({"submission_id": "Int64", "returns": "int64"})


def cell_text(cell: dict) -> str:
    """One cell in words: ``12 May 2025, Priya Shah``, ``3 Jun 2025, Priya Shah
    (resubmitted)`` or ``Missing``: the date and submitter of the return that counts."""
    if cell["status"] == MISSING:
        return "Missing"
    when = cell["submitted_at"]
    text = f"{when.day} {when:%b %Y}, {cell['submitted_by']}"
    return text + " (resubmitted)" if cell["status"] == SUPERSEDED else text


def _records(df: pd.DataFrame) -> list[dict]:
    return df[["status", "submitted_at", "submitted_by"]].to_dict("records")


def tracker_cells(
    slices: pd.DataFrame,
    submissions: pd.DataFrame,
    organisations: pd.DataFrame,
    window: Window,
) -> pd.DataFrame:
    """The tracker's cells (:data:`COLUMNS`) from a table's :meth:`Store.slice_history`, the
    history (:meth:`Store.submissions`) and the organisations (code and name).

    A cell is *returned* when the store holds current rows for it from one return only,
    *superseded* when a later return replaced an earlier one (the date and submitter are the
    later one's), *missing* otherwise. Withdrawn returns count for nothing."""
    history = submissions[["id", "submitted_at", "user_name", "status"]].rename(
        columns={"id": "submission_id", "user_name": "submitted_by", "status": "sub_status"}
    )
    held = slices.merge(history, on="submission_id", how="inner")
    held = held[held["sub_status"] != WITHDRAWN]
    orgs = sorted(held["org_code"].unique())
    inside = held[window.contains(period_end(held["period"], held["period_type"])).to_numpy()]
    periods = (
        inside[["period", "period_type"]].drop_duplicates().sort_values(["period", "period_type"])
    )
    if not orgs or periods.empty:
        return _empty()

    keys = ["org_code", "period", "period_type"]
    latest = (
        inside[inside["active"]]
        .sort_values(["submitted_at", "submission_id"])
        .groupby(keys, as_index=False)
        .last()[[*keys, "submitted_at", "submitted_by", "submission_id"]]
    )
    counts = inside.groupby(keys)["submission_id"].nunique().rename("returns").reset_index()
    replaced = (
        inside.assign(replaced=~inside["active"]).groupby(keys)["replaced"].any().reset_index()
    )
    grid = pd.MultiIndex.from_product([orgs, range(len(periods))]).to_frame(
        index=False, name=["org_code", "n"]
    )
    grid = grid.join(periods.reset_index(drop=True), on="n").drop(columns="n")
    cells = (
        grid.merge(latest, on=keys, how="left")
        .merge(counts, on=keys, how="left")
        .merge(replaced, on=keys, how="left")
    )
    returned = cells["submission_id"].notna()
    cells["status"] = MISSING
    cells.loc[returned, "status"] = RETURNED
    cells.loc[returned & cells["replaced"].eq(True), "status"] = SUPERSEDED
    cells["submitted_by"] = cells["submitted_by"].astype(object).where(returned, None)
    names = dict(zip(organisations["org_code"], organisations["org_name"], strict=True))
    cells["org_name"] = [names.get(c) or "" for c in cells["org_code"]]
    cells["period_label"] = [
        Period(p.date(), k).label
        for p, k in zip(cells["period"], cells["period_type"], strict=True)
    ]
    cells["returns"] = cells["returns"].where(returned, 0).fillna(0).astype("int64")
    cells["submission_id"] = cells["submission_id"].astype("Int64")
    cells["submitted_at"] = pd.to_datetime(cells["submitted_at"], utc=True)
    return cells[list(COLUMNS)].sort_values(["org_code", "period"]).reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "org_code": pd.Series(dtype=object),
            "org_name": pd.Series(dtype=object),
            "period": pd.Series(dtype="datetime64[ns]"),
            "period_label": pd.Series(dtype=object),
            "period_type": pd.Series(dtype=object),
            "status": pd.Series(dtype=object),
            "submitted_at": pd.Series(dtype="datetime64[ns, UTC]"),
            "submitted_by": pd.Series(dtype=object),
            "submission_id": pd.Series(dtype="Int64"),
            "returns": pd.Series(dtype="int64"),
        }
    )


def returns_tracker(
    store: Store, window: Window, table: str = "workforce", selection: Selection | None = None
) -> Tracker:
    """The returns tracker of ``table`` (workforce, leadership or indicators) in ``window``,
    for the organisations ``selection`` selects (its organisation filters: codes, regions,
    ICBs, trust types, demonstration organisations; with a region, ICB or trust type, an
    organisation missing from the organisations table drops out). Raises ValueError for an
    unknown table, or a selection with a window or periods (the tracker's are ``window``)."""
    if table not in DATA_TABLES:
        raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(DATA_TABLES)}.")
    selection = selection or Selection()
    selection.check("organisations")
    organisations = store.read("organisations")
    slices = store.slice_history(table)
    if selection.region or selection.icb or selection.trust_type:
        chosen = selection.apply(organisations)["org_code"]
        slices = slices[slices["org_code"].isin(set(chosen))]
    else:  # codes and the demonstration filter only: by the slices' own codes
        slices = selection.apply(slices)
    cells = tracker_cells(slices, store.submissions(), organisations, window)
    return Tracker(table, window, cells)
