"""The "Columns" sheet of an XLSX export: each column's label, definition, unit and direction,
from the registry of measures, the other fields and the indicator catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ahp_analytics.domain.fields import FIELDS
from ahp_analytics.domain.measures import MEASURES, PERIOD_SUFFIX, direction_text, indicator_column


def columns_sheet(
    columns: Iterable[str],
    catalogue: pd.DataFrame | None = None,
    measures_first: bool = True,
) -> pd.DataFrame:
    """The XLSX "Columns" sheet: for each column, its label, unit, direction and definition.

    Measures come from :data:`MEASURES`, other columns from :data:`FIELDS` (``measures_first``
    False prefers the field, for tables whose ``vacancy_fte`` is a row's figure); indicator
    columns and their ``__period`` columns from ``catalogue`` (code, name, unit,
    higher_is_better, description), matched by code or by :func:`indicator_column`, so a
    custom indicator keeps the name it was given.
    """
    by_column = _catalogue_by_column(catalogue)
    rows = []
    for column in columns:
        rows.append({"column": column} | _describe(str(column), by_column, measures_first))
    return pd.DataFrame(rows, columns=["column", "label", "unit", "direction", "definition"])


def _catalogue_by_column(catalogue: pd.DataFrame | None) -> dict[str, Mapping]:
    if catalogue is None or catalogue.empty:
        return {}
    records = catalogue.to_dict("records")
    out: dict[str, Mapping] = {}
    for r in records:
        out.setdefault(indicator_column(r["code"]), r)
    for r in records:  # an exact code wins over a snake_case match
        out[str(r["code"])] = r
    return out


def _describe(column: str, catalogue: Mapping[str, Mapping], measures_first: bool) -> dict:
    field = FIELDS.get(column)
    m = MEASURES.get(column)
    if m is not None and (measures_first or field is None):
        definition = m.definition + (f" {m.missing}" if m.missing else "")
        return {
            "label": m.label,
            "unit": m.unit,
            "direction": m.direction,
            "definition": definition,
        }
    if field is not None:
        return {
            "label": field.label,
            "unit": None,
            "direction": None,
            "definition": field.definition,
        }
    if column.endswith(PERIOD_SUFFIX):
        info = catalogue.get(column[: -len(PERIOD_SUFFIX)])
        name = info["name"] if info else column[: -len(PERIOD_SUFFIX)]
        return {
            "label": f"{name}: period",
            "unit": None,
            "direction": None,
            "definition": f"First day of the period of the value of {name}.",
        }
    info = catalogue.get(column)
    if info is None:
        return {"label": column, "unit": None, "direction": None, "definition": ""}
    description = info.get("description")
    if not isinstance(description, str) or not description:
        description = f"Custom indicator, named '{info['name']}' in the return."
    unit = info.get("unit")
    better = info.get("higher_is_better")
    better = None if better is None or pd.isna(better) else bool(better)
    return {
        "label": str(info["name"]),
        "unit": unit if isinstance(unit, str) and unit else None,
        "direction": direction_text(better),
        "definition": f"Latest value in the window. {description}",
    }
