"""The demonstration data as tables and as return workbooks: one organisations workbook and one
workbook per trust, written as a trust would fill in the template.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import xlsxwriter

from ahp_analytics.demo.design import _CREATED, DEFAULT_SEED, ORGANISATIONS_FILE
from ahp_analytics.demo.indicators import _indicators
from ahp_analytics.demo.leadership import _leadership
from ahp_analytics.demo.organisations import _trusts, demo_organisations
from ahp_analytics.demo.workforce import _workforce
from ahp_analytics.domain import schema
from ahp_analytics.present.export import XLSX_OPTIONS


def demo_tables(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The demo data as written to the return workbooks: ``organisations``, ``workforce``,
    ``leadership``, ``indicators``, each with the table's columns by name (periods as text,
    ``2024-03`` or ``2023/24``; blank cells as None or NaN)."""
    trusts = _trusts(seed)
    workforce = _workforce(trusts, seed)
    leadership, plan = _leadership(trusts, seed)
    indicators = _indicators(trusts, plan, workforce, seed)
    return {
        "organisations": demo_organisations(seed),
        "workforce": workforce,
        "leadership": leadership,
        "indicators": indicators,
    }


# ---------------------------------------------------------------------------------------------
# Writing


_WRITE_WIDTHS = {
    "org_code": 18,
    "period": 10,
    "profession": 32,
    "band": 10,
    "role": 20,
    "job_title": 44,
    "board_role": 24,
    "reports_to": 24,
    "strategic_time_pct": 16,
    "indicator": 24,
    "org_name": 58,
    "region": 26,
    "icb": 44,
    "trust_type": 18,
}


def _cells(frame: pd.DataFrame) -> list[list[object]]:
    """Rows of plain Python values, missing values as None (written as blank cells)."""
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def _groups(frame: pd.DataFrame) -> dict[str, list[list[object]]]:
    rows = _cells(frame)
    out: dict[str, list[list[object]]] = {}
    for code, row in zip(frame["org_code"], rows, strict=True):
        out.setdefault(code, []).append(row)
    return out


def _write_workbook(
    path: Path, title: str, sheets: Iterable[tuple[schema.Table, list[list[object]]]]
) -> None:
    wb = xlsxwriter.Workbook(
        str(path),
        XLSX_OPTIONS,
    )
    wb.set_properties({"title": title, "author": "ahp-analytics demo", "created": _CREATED})
    bold = wb.add_format({"bold": True})
    for table, rows in sheets:
        ws = wb.add_worksheet(table.sheet)
        for i, column in enumerate(table.columns):
            ws.set_column(i, i, _WRITE_WIDTHS.get(column.name, len(column.label) + 4))
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, [c.label for c in table.columns], bold)
        for r, row in enumerate(rows, start=1):
            ws.write_row(r, 0, row)
    wb.close()


def write_demo_returns(out_dir: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the demo as return workbooks in ``out_dir``: ``demo-organisations.xlsx`` (sheet
    Organisations) first, then ``demo-DM001.xlsx`` ... one per trust with sheets Workforce,
    Leadership (left out when the trust reports no posts) and Indicators. Returns the paths in
    that order, which is the order to ingest them."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = demo_tables(seed)
    orgs = tables["organisations"]
    paths = [out / ORGANISATIONS_FILE]
    _write_workbook(paths[0], "Demo organisations", [(schema.ORGANISATIONS, _cells(orgs))])
    by_trust = {name: _groups(tables[name]) for name in ("workforce", "leadership", "indicators")}
    for code in orgs["org_code"]:
        sheets = [
            (schema.TABLES[name], by_trust[name][code])
            for name in ("workforce", "leadership", "indicators")
            if code in by_trust[name]
        ]
        path = out / f"demo-{code}.xlsx"
        _write_workbook(path, f"AHP return {code} (demo)", sheets)
        paths.append(path)
    return paths
