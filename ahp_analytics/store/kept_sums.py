"""Working out the kept sums of workforce rows (:mod:`ahp_analytics.store.kept` keeps them):
per key group (organisation, period, period kind) the row count and :data:`SUMS`, in total and
by profession and by band as JSON text.

A national return holds about 700,000 rows in 5,000 key groups, and the sums are worked out
inside each ingest's transaction: so in column operations (a factorization of each key and item
column, a weighted count per figure), and the JSON built from them by one join rather than an
encoder call per object, the same text ``json.dumps`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ahp_analytics.domain import reference

DIMENSIONS = ("total", "profession", "band")
SUMS = ("fte", "headcount", "vacancy_fte", "reported_fte", "senior_fte")
KEY = ("org_code", "period", "period_type")


def sums(rows: pd.DataFrame) -> pd.DataFrame:
    """The kept sums of workforce ``rows`` (columns org_code, period, period_type, profession,
    band, fte, headcount, vacancy_fte): one row per key group with ``rows`` and :data:`SUMS`
    in total, and ``by_profession`` and ``by_band`` as JSON. The one definition of the sums:
    a blank figure is skipped; a sum with no figure is NaN, but FTE and senior FTE are 0."""
    group, groups = _factorize(rows[list(KEY)])
    n = len(groups)
    items = {dimension: _items(rows[dimension]) for dimension in DIMENSIONS[1:]}
    band, bands = items["band"]
    figures = _figures(rows, np.isin(np.asarray(bands, dtype=object), reference.SENIOR_BANDS)[band])
    out = groups
    for name, values in zip(("rows", *SUMS), _add(group, n, figures), strict=True):
        out[name] = values
    out["rows"] = out["rows"].astype("int64")
    for dimension, (item, labels) in items.items():
        totals = _add(group * len(labels) + item, n * len(labels), figures)
        table = np.stack(totals, axis=-1).reshape(n, len(labels), len(totals))
        out[f"by_{dimension}"] = pd.Series(_json_objects(table, labels), dtype=object)
    return out


def _numbered(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each value's number and the distinct values in order of first appearance, the blanks
    (None or NaN) as one value, None."""
    # The sentinel -1 for blanks, renumbered: half the time of factorizing them as values.
    codes, uniques = pd.factorize(values)
    distinct = np.asarray(uniques)
    blank = np.flatnonzero(codes < 0)
    if len(blank):
        at = int(codes[: blank[0]].max(initial=-1)) + 1  # the values seen before the first
        codes = np.where(codes < 0, at, codes + (codes >= at))
        distinct = np.insert(distinct.astype(object), at, None)
    return codes, distinct


def _factorize(keys: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's key group number, and the key groups in order of first appearance."""
    codes, uniques = zip(*(_numbered(keys[column]) for column in keys.columns), strict=True)
    sizes = [max(len(u), 1) for u in uniques]
    group, first = pd.factorize(np.ravel_multi_index(codes, sizes))
    parts = np.unravel_index(first, sizes)
    # Text as object columns: as Python strings, what the driver takes, at no conversion.
    groups = pd.DataFrame(
        {
            column: pd.Series(u[p], dtype=u.dtype)
            for column, u, p in zip(keys.columns, uniques, parts, strict=True)
        }
    )
    return group, groups


def _items(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's item number and the items' labels (the value as text, '' for a blank), in
    order of first appearance; values with the same label are one item."""
    codes, distinct = _numbered(values)
    labels = ["" if v is None or v != v else str(v) for v in distinct]
    same, labels = pd.factorize(np.array(labels, dtype=object))
    return same[codes], [str(label) for label in labels]


def _figures(rows: pd.DataFrame, senior: np.ndarray) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """Per row: 1 (the row) and its part of each of :data:`SUMS` (0 where blank), the row
    being in a senior band where ``senior``; each with 1 where the figure is given, 0 where
    blank (None for the sums that are 0 over no figure: rows, FTE and senior FTE)."""
    fte = pd.to_numeric(rows["fte"]).to_numpy(dtype=float, na_value=np.nan)
    vacancy = pd.to_numeric(rows["vacancy_fte"]).to_numpy(dtype=float, na_value=np.nan)
    values = [
        np.ones(len(rows)),
        fte,
        pd.to_numeric(rows["headcount"]).to_numpy(dtype=float, na_value=np.nan),
        vacancy,
        np.where(np.isnan(vacancy), np.nan, fte),
        np.where(senior, fte, 0.0),
    ]
    out = []
    for figure, zero in zip(values, (True, True, False, False, False, True), strict=True):
        given = ~np.isnan(figure)
        out.append((np.where(given, figure, 0.0), None if zero else given.astype(float)))
    return out


def _add(
    group: np.ndarray, n: int, figures: list[tuple[np.ndarray, np.ndarray | None]]
) -> list[np.ndarray]:
    """Per group number (0 to n - 1), the sum of each of :func:`_figures`; NaN where a
    figure that may be missing has no value in the group."""
    out = []
    for values, given in figures:
        total = np.bincount(group, weights=values, minlength=n)
        if given is not None:
            total[np.bincount(group, weights=given, minlength=n) == 0] = np.nan
        out.append(total)
    return out


def _json_objects(table: np.ndarray, labels: Sequence[str]) -> list[str]:
    """Per group of ``table`` (group x item x figure), the JSON object of label -> [figures]
    of the items with rows (figure 0 above 0), in item order: the text ``json.dumps`` gives
    with separators (',', ':') and NaN as null, built from column operations and one join
    (a national return's 10,560 objects: about a quarter of the time of an encode each)."""
    n, m, k = table.shape
    at, item = np.nonzero(table[:, :, 0] > 0)  # in group order, then item order
    cells = table[at, item]
    # Each cell's tokens: '"label":[', figure, ',', ..., figure, '],' (or ']}' and a line end
    # at a group's end: the line ends split the groups apart again, as JSON text holds none).
    tokens = np.empty((len(cells), 2 * k + 1), dtype=object)
    tokens[:, 1::2] = _numbers_text(cells.ravel()).reshape(len(cells), k)
    tokens[:, 2:-1:2] = ","
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1]
    keys = [json.dumps(label) + ":[" for label in labels]
    tokens[:, 0] = np.array(keys + ["{" + key for key in keys], dtype=object)[item + m * first]
    tokens[:, -1] = np.where(np.append(first[1:], True), "]}\n", "],")
    # Every group has a row, so an item with rows: one object per group.
    return "".join(tokens.ravel().tolist()).split("\n")[:n]


def _numbers_text(values: np.ndarray) -> np.ndarray:
    """Each number as JSON text, as ``json.dumps`` writes a float: null for NaN, Infinity
    for inf; each distinct number formatted once (sums repeat: counts, 0.0, equal FTE)."""
    codes, distinct = pd.factorize(values)  # NaN: -1, the last entry below
    text = np.array([*map(float.__repr__, distinct.tolist()), "null"], dtype=object)
    infinite = np.isinf(distinct)
    text[:-1][infinite] = np.where(distinct[infinite] > 0, "Infinity", "-Infinity")
    return text[codes]
