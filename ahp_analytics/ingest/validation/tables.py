"""Each table's own rules, run after its organisation code and period (``table.py``): the
columns by the rules of their kind, then what only that table has (FTE against headcount; a
leadership post's role, nil return and FTE; indicator codes and values; organisations against
the reference list). :data:`FINISH` names the function of each table.
"""

from __future__ import annotations

import numpy as np

from ahp_analytics.domain import reference as ref
from ahp_analytics.domain import schema
from ahp_analytics.domain.results import WARNING, Message
from ahp_analytics.ingest.validation import rules as R
from ahp_analytics.ingest.validation.cells import Cells, Coded, same_text
from ahp_analytics.ingest.validation.table import Shown, TableCheck


def _columns(t: TableCheck, skip: tuple[str, ...] = ()) -> None:
    """Every column but the organisation code, the period and ``skip``, by its kind."""
    for col in t.table.columns:
        if col.name not in ("org_code", "period", *skip):
            t.out[col.name] = t.column(col)


def workforce(t: TableCheck) -> dict:
    _columns(t)
    rule = R.FTE_ABOVE_HEADCOUNT
    t.problem(rule, rule.check(t), "fte", Shown(numbers=t.out["fte"]))
    return t.out


def leadership(t: TableCheck) -> dict:
    _columns(t)
    out = t.out
    role_cell = t.cells("role").texts()
    title: Coded = out["job_title"]
    blank_role = role_cell.isna()
    inferred = title.map(ref.infer_role)
    t.problem(R.ROLE_REQUIRED, blank_role & title.isna(), "role", Shown(coded=role_cell))
    t.problem(
        R.ROLE_NOT_INFERRED,
        blank_role & title.notna() & inferred.isna(),
        "job_title",
        Shown(coded=title),
    )
    ok = blank_role & inferred.notna()
    if ok.any():
        pairs = [f"{a} -> {b}" for a, b in zip(title.values(ok), inferred.values(ok), strict=True)]
        shown = Coded(pairs, np.where(ok, np.cumsum(ok) - 1, -1))
        t.problem(R.ROLE_INFERRED, ok, "role", Shown(coded=shown))
        out["role"] = inferred.where(ok, out["role"])
    role: Coded = out["role"]
    nil = role.eq(ref.NIL_ROLE)
    details = [c.name for c in t.table.columns if c.name not in ("org_code", "period", "role")]
    filled = np.zeros(len(nil), bool)
    for name in details:
        filled |= _present(out[name])
    filled &= nil
    if filled.any():
        t.problem(R.NIL_ROW_DETAILS, filled, "role", Shown(coded=role))
        for name in details:
            out[name] = _cleared(out[name], filled)
    lead = role.eq("Professional lead")
    profession: Coded = out["profession"]
    t.problem(
        R.LEAD_WITHOUT_PROFESSION, lead & profession.isna(), "profession", Shown(coded=profession)
    )
    fte = out["fte"]
    out["fte"] = np.where(nil | ~np.isnan(fte), fte, 1.0)
    t.in_range("fte", fte)
    t.in_range("strategic_time_pct", out["strategic_time_pct"])
    return out


def _present(column) -> np.ndarray:
    if isinstance(column, Coded):
        return column.notna()
    return ~np.isnan(column)


def _cleared(column, mask: np.ndarray):
    if isinstance(column, Coded):
        return Coded(column.uniques, np.where(mask, -1, column.codes))
    return np.where(mask, np.nan, column)


def indicators(t: TableCheck) -> dict | None:
    if t.h.wide_indicators:
        return _wide_indicators(t)
    _columns(t, skip=("value",))
    every = np.ones(len(t.rows), bool)
    codes = _indicator_codes(t, t.out["indicator"], every)
    t.out["indicator"] = codes
    t.out["value"] = _indicator_values(t, t.cells("value"), codes, every)
    return t.out


def _indicator_codes(t: TableCheck, names: Coded, rows: np.ndarray) -> Coded:
    """The catalogue code of each indicator named in ``rows`` (a name not in the catalogue
    stays, as a custom indicator)."""
    lookup = ref.indicator_lookup()
    mapped = names.map(lambda v: lookup.get(ref.key(v)) if isinstance(v, str) else None)
    custom = names.notna() & mapped.isna() & rows
    if custom.any():
        for value in names.first_seen(custom):
            t.problem(R.CUSTOM_INDICATOR, custom & names.eq(value), "indicator", Shown(coded=names))
    t.problem(R.INDICATOR_REQUIRED, names.isna() & rows, "indicator", Shown(coded=names))
    return mapped.where(mapped.notna(), names)


def _indicator_values(t: TableCheck, cells: Cells, codes: Coded, rows: np.ndarray) -> np.ndarray:
    """The values of the indicator rows in ``rows`` (NaN elsewhere): numbers, percentages or
    CQC rating words; a percentage indicator whose values are all fractions is multiplied by
    100 (with a warning); rows without a value are dropped."""
    texts = cells.texts()
    words = texts.map(lambda v: ref.CQC_RATINGS.get(ref.key(v))).floats()
    is_word = ~np.isnan(words)
    nums, bad = cells.numbers(percent=True)
    nums = np.where(is_word, words, nums)
    bad &= ~is_word & rows
    shown = Shown(cells=cells)
    t.problem(R.VALUE_NOT_A_NUMBER, bad, "value", shown)
    t.problem(R.MISSING_VALUE, np.isnan(nums) & ~bad & rows, "value", shown)
    units = ref.indicator_catalogue().set_index("code")["unit"]
    had_percent = texts.test(lambda v: v.endswith("%"))
    for code in codes.first_seen(codes.notna() & rows):
        if units.get(code) != "%":
            continue
        mask = codes.eq(code) & ~np.isnan(nums) & ~had_percent & rows
        vals = nums[mask]
        if len(vals) and ((vals >= 0) & (vals <= 1)).all() and (vals > 0).any():
            nums = np.where(mask, nums * 100, nums)
            t.problem(R.FRACTION_TO_PERCENT, mask, "value", shown, code=code)
    t.bad |= np.isnan(nums) & ~bad & rows
    return nums


def _wide_indicators(t: TableCheck) -> dict | None:
    """One table row per filled cell of each indicator column (the wide form)."""
    parts = []
    for j, name in t.h.wide_indicators.items():
        if j not in t.raw:
            continue
        cells = t.cells_at(j)
        keep = cells.texts().notna()
        if not keep.any():
            continue
        names = t.free_text("indicator", Coded([name], np.where(keep, 0, -1)))
        t.h.headers.setdefault("indicator", "Indicator")
        codes = _indicator_codes(t, names, keep)
        t.h.headers["value"] = str(name)
        values = _indicator_values(t, cells, codes, keep)
        parts.append((keep & ~np.isnan(values), codes, values))
    if not parts:
        return None
    return {"parts": parts, **{k: t.out[k] for k in ("org_code", "period", "period_type")}}


def organisations(t: TableCheck) -> dict:
    """Respell listed trust types as listed and warn about unknown ones; then warn, per
    column, about organisations on the reference list that the sheet gives another value
    (compared ignoring case and spacing): storing keeps the reference value, so the analyst
    learns before storing that the file's value will not count."""
    _columns(t)
    types: Coded = t.out["trust_type"]
    listed_types = {ref.key(v): v for v in ref.TRUST_TYPES}
    matched = types.map(lambda v: listed_types.get(ref.key(v)))
    t.problem(
        R.UNKNOWN_TRUST_TYPE, types.notna() & matched.isna(), "trust_type", Shown(coded=types)
    )
    t.out["trust_type"] = matched.where(matched.notna(), types)
    refs = ref.reference_attributes()
    codes: Coded = t.out["org_code"]
    for col in t.table.columns[1:]:
        given: Coded = t.out[col.name]
        listed = codes.map(lambda c, f=col.name: refs.get(c, {}).get(f))
        differs = given.notna() & listed.notna()
        if differs.any():
            g, li = given.objects(), listed.objects()
            differs &= np.array(
                [
                    same_text(a) != same_text(b) if d else False
                    for a, b, d in zip(g, li, differs, strict=True)
                ]
            )
        if differs.any():
            _differs_from_reference(t, col, codes, given, listed, differs)
    return t.out


def _differs_from_reference(
    t: TableCheck, col: schema.Column, codes: Coded, given: Coded, listed: Coded, mask: np.ndarray
) -> None:
    label = t.h.headers.get(col.name) or col.label
    rows = t.rows[mask].tolist()
    trio = list(zip(codes.values(mask), given.values(mask), listed.values(mask), strict=True))
    each = [f"{code} '{g}' (reference list: '{li}')" for code, g, li in trio]
    if len(each) == 1:
        code, g, li = trio[0]
        message = (
            f"{code} is on the reference list of NHS trusts with the {label} "
            f"'{li}'; this file gives '{g}'. The reference value is kept."
        )
    else:
        more = f" and {len(each) - 5} more" if len(each) > 5 else ""
        message = (
            f"{len(each)} organisations on the reference list of NHS trusts are given "
            f"another {label}: {', '.join(each[:5])}{more}. The reference values are kept."
        )
    rule = R.REFERENCE_ORGANISATION
    t.file.add(
        Message(
            WARNING,
            rule.id,
            rule.says(message=message),
            rule.fix,
            sheet=t.sheet.name,
            row=rows[0],
            column=label,
            value=str(trio[0][1]),
            count=len(rows),
            rows=rows,
            values=[str(g) for _, g, _ in trio[:20]],
            row_values=each,
        )
    )


FINISH = {
    "workforce": workforce,
    "leadership": leadership,
    "indicators": indicators,
    "organisations": organisations,
}
