"""Organisations and the indicator catalogue as the store keeps them.

An organisation on the shipped reference list (``data/organisations.csv``) keeps the name,
region, ICB and trust type the list gives it: a return cannot change them (validation warns
when it tries). What a return's Organisations sheet says is recorded with the submission, and
each organisation's row is derived from these records: the reference value where the list has
one, else the latest value given by a submission that is not withdrawn (a blank cell gives
nothing). Withdrawing a submission therefore undoes what it said: earlier submissions' values
come back, and an organisation that only withdrawn submissions gave is removed, unless rows of
a submission that is not withdrawn still name it; it then stays as it was, so those rows keep
their name, region and peer group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ahp_analytics.domain import reference, schema
from ahp_analytics.store.schema import (
    WITHDRAWN,
    indicator_catalogue_table,
    organisations_table,
    slices_table,
    submission_organisations_table,
    submissions_table,
)


def chunks(items: Sequence, size: int = 500) -> Iterator[Sequence]:
    """``items`` in slices of ``size``: IN lists stay within every driver's parameter limit."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def text_or_none(value: object) -> str | None:
    """A cell as stripped text; None for a missing or blank one."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def record(conn: Connection, df: pd.DataFrame, submission_id: int) -> list[str]:
    """Record what a submission's Organisations sheet says (a code given twice: its last
    row). Returns the codes."""
    rows: dict[str, dict] = {}
    for rec in df.to_dict("records"):
        code = text_or_none(rec.get("org_code"))
        if code:
            rows[code.upper()] = {f: text_or_none(rec.get(f)) for f in schema.ORGANISATION_FIELDS}
    if rows:
        conn.execute(
            submission_organisations_table.insert(),
            [{"submission_id": submission_id, "org_code": c, **v} for c, v in rows.items()],
        )
    return list(rows)


def settle_reference(conn: Connection) -> int:
    """Bring the organisations in line with the shipped reference list: add its new codes and
    give every organisation on it its reference values (values returns gave where the list is
    blank are kept). Returns the rows added, changed or removed."""
    o = organisations_table
    was_reference = conn.execute(sa.select(o.c.org_code).where(o.c.source == "reference"))
    return settle(conn, set(reference.reference_attributes()) | set(was_reference.scalars()))


def settle(conn: Connection, codes: Iterable[str]) -> int:
    """Set the organisations rows of ``codes`` from the reference list and what submissions
    that are not withdrawn said (see the module docstring). Returns the rows added, changed or
    removed."""
    o, so = organisations_table, submission_organisations_table
    s, sl = submissions_table, slices_table
    fields = schema.ORGANISATION_FIELDS
    codes = sorted(set(codes))
    refs = reference.reference_attributes()
    given: dict[str, list] = {}
    current: dict[str, sa.Row] = {}
    for chunk in chunks(codes):
        for r in conn.execute(
            sa.select(so)
            .select_from(so.join(s, s.c.id == so.c.submission_id))
            .where(so.c.org_code.in_(chunk), s.c.status != WITHDRAWN)
            .order_by(so.c.submission_id)
        ):
            given.setdefault(r.org_code, []).append(r)
        current.update(
            (r.org_code, r) for r in conn.execute(sa.select(o).where(o.c.org_code.in_(chunk)))
        )
    unowned = [c for c in codes if c in current and c not in refs and c not in given]
    named = set()  # of these, the codes rows of a submission that is not withdrawn name
    for chunk in chunks(unowned):
        named |= set(
            conn.execute(
                sa.select(sl.c.org_code)
                .distinct()
                .select_from(sl.join(s, s.c.id == sl.c.submission_id))
                .where(sl.c.org_code.in_(chunk), s.c.status != WITHDRAWN)
            ).scalars()
        )
    now = datetime.now(UTC)
    inserts, updates = [], []
    removed = [c for c in unowned if c not in named]
    for code in codes:
        ref, said = refs.get(code), given.get(code, [])
        if ref is None and not said:
            continue
        want = {
            f: (ref or {}).get(f)
            or next((r._mapping[f] for r in reversed(said) if r._mapping[f]), None)
            for f in fields
        }
        source = "reference" if ref is not None else f"submission {said[-1].submission_id}"
        old = current.get(code)
        if old is None:
            inserts.append({"org_code": code, **want, "source": source, "updated_at": now})
        elif old.source != source or any(old._mapping[f] != want[f] for f in fields):
            updates.append(
                {"b_code": code, **{f"b_{f}": v for f, v in want.items()}, "b_source": source}
            )
    if inserts:
        conn.execute(o.insert(), inserts)
    if updates:
        conn.execute(
            o.update()
            .where(o.c.org_code == sa.bindparam("b_code"))
            .values(
                **{f: sa.bindparam(f"b_{f}", type_=sa.Text) for f in fields},
                source=sa.bindparam("b_source"),
                updated_at=now,
            ),
            updates,
        )
    for chunk in chunks(removed):
        conn.execute(o.delete().where(o.c.org_code.in_(chunk)))
    return len(inserts) + len(updates) + len(removed)


def load_catalogue(conn: Connection) -> None:
    """The shipped indicator catalogue, into an empty catalogue table."""
    rows = [
        {
            "code": r["code"],
            "name": r["name"],
            "domain": text_or_none(r["domain"]),
            "unit": text_or_none(r["unit"]),
            "higher_is_better": None
            if r["higher_is_better"] is None or pd.isna(r["higher_is_better"])
            else bool(r["higher_is_better"]),
            "description": text_or_none(r["description"]),
            "custom": False,
            "submission_id": None,
        }
        for r in reference.indicator_catalogue().to_dict("records")
    ]
    if rows:
        conn.execute(indicator_catalogue_table.insert(), rows)


def add_custom_indicators(conn: Connection, df: pd.DataFrame, submission_id: int) -> None:
    """Add to the catalogue the indicators of ``df`` it does not know, as custom ones named by
    their code."""
    t = indicator_catalogue_table
    known = set(conn.execute(sa.select(t.c.code)).scalars())
    custom = sorted({str(c) for c in df["indicator"].dropna()} - known)
    if custom:
        conn.execute(
            t.insert(),
            [
                {
                    "code": code,
                    "name": code,
                    "domain": None,
                    "unit": None,
                    "higher_is_better": None,
                    "description": None,
                    "custom": True,
                    "submission_id": submission_id,
                }
                for code in custom
            ],
        )
