"""The rows of an export: the one function behind every download and
``python -m ahp_analytics export``, reading the store with a
:class:`~ahp_analytics.domain.selection.Selection`."""

from __future__ import annotations

import pandas as pd

from ahp_analytics.domain.selection import APPLIES, Selection
from ahp_analytics.present.export import iso_text
from ahp_analytics.store import Store

EXPORT_TABLES = tuple(APPLIES)


def export_table(store: Store, table: str, selection: Selection | None = None) -> pd.DataFrame:
    """The export rows of ``table`` (one of :data:`EXPORT_TABLES`) as ``selection`` narrows
    them: the window for the summary, organisations and periods for the others; the history of
    submissions is never narrowed. ``period`` comes out as ISO date text, times in the history
    as ISO text in UTC. Raises ValueError for an unknown table or a filter that does not apply
    to it."""
    selection = selection or Selection()
    selection.check(table)
    if table == "summary":
        # Imported here: the command line lists EXPORT_TABLES without loading the statistics.
        from ahp_analytics.analysis.measures import summary_table

        df = summary_table(store, selection)
    else:
        df = store.read(table, selection)
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = iso_text(df[c])
    return df
