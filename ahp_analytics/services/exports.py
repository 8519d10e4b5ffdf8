"""The rows of an export: the one function behind every download and
``python -m ahp_analytics export``, reading the store with the dashboard's filters."""

from __future__ import annotations

import pandas as pd

from ahp_analytics.domain.reference import demo_codes
from ahp_analytics.present.export import iso_text
from ahp_analytics.store import Store

EXPORT_TABLES = ("organisations", "workforce", "leadership", "indicators", "summary", "submissions")
# Tables whose rows name an organisation by code only: their exports add its name.
NAMED_TABLES = ("workforce", "leadership", "indicators")


def export_table(
    store: Store, table: str, window: object = None, demo: bool = True, **filters: object
) -> pd.DataFrame:
    """The export rows of ``table`` with the dashboard's filters (``orgs``, ``region``, ``icb``,
    ``trust_type``, ``period_from``, ``period_to``): the one function behind every download
    and ``python -m ahp_analytics export``. ``period`` comes out as ISO date text, times in the
    history as ISO text in UTC. Workforce, leadership and indicator rows carry the
    organisation's name (``org_name``, after ``org_code``). ``window`` is used by the summary
    table only; ``demo=False`` leaves out the demonstration data set's organisations; the
    history of submissions is never filtered."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"Unknown table {table!r}: choose one of {', '.join(EXPORT_TABLES)}.")
    if table == "summary" and (filters.get("period_from") or filters.get("period_to")):
        raise ValueError(
            "the summary holds each organisation's latest figures in an analysis window, not "
            "a range of periods: choose it with --window (e.g. --window 2024/25) instead of "
            "--from and --to."
        )
    icb = filters.pop("icb", None)
    if icb and table != "submissions":
        # The store filters by organisation code; an ICB is a set of codes.
        orgs = store.read(
            "organisations",
            orgs=filters.get("orgs"),
            region=filters.get("region"),
            trust_type=filters.get("trust_type"),
        )
        codes = orgs.loc[orgs["icb"] == icb, "org_code"]
        # No organisation code is empty, so [""] selects nothing (an empty list selects all).
        filters["orgs"] = sorted(codes) or [""]
    if table == "summary":
        # Imported here: measures builds on the store, and the summary is its definition.
        from ahp_analytics.analysis.measures import summary_table

        df = summary_table(store, window=window, **filters)
    else:
        df = store.read(table, **filters)
    df = df.copy()
    if table in NAMED_TABLES:
        orgs = store.read("organisations")
        names = dict(zip(orgs["org_code"], orgs["org_name"], strict=True))
        df.insert(1, "org_name", df["org_code"].map(names).astype(object))
        df["org_name"] = df["org_name"].where(df["org_name"].notna(), None)
    if not demo and table != "submissions":
        df = df[~demo_codes(df["org_code"])].reset_index(drop=True)
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = iso_text(df[c])
    return df
