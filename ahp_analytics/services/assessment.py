"""The board's self-assessment of its AHP leadership, and where it disagrees with the data.

Per organisation and period (an analysis window label such as ``2024/25``) a board answers
:data:`QUESTIONS` yes, partly or no, each with a note. Every save is a new version recorded
with who saved it and when; the latest version is the current one and earlier ones are kept.
Saving goes through :func:`save`, which refuses anyone who is not an analyst. The versions are
kept in the store's self-assessment tables (:mod:`ahp_analytics.store.schema`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from ahp_analytics.analysis.measures import CATEGORIES
from ahp_analytics.services.access import Actor, NotAllowed
from ahp_analytics.store import Store
from ahp_analytics.store.history import utc
from ahp_analytics.store.schema import self_assessment_answers_table as answers_table
from ahp_analytics.store.schema import self_assessments_table as assessments_table

QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "named_executive",
        "Is a named executive director accountable for the AHP workforce and AHP services?",
    ),
    ("lead_at_board", "Does the strategic AHP lead attend or sit on the board?"),
    (
        "ahps_in_plans",
        "Are AHPs visible in the trust's workforce plans and in reports to the board?",
    ),
    (
        "professional_leads",
        "Is there a professional lead for each AHP profession the trust employs?",
    ),
    ("ahps_lead_improvement", "Do AHPs lead quality improvement and transformation work?"),
)
QUESTION_TEXT = dict(QUESTIONS)
ANSWERS = ("yes", "partly", "no")
NOTE_MAX = 2000

HISTORY_COLUMNS = (
    "org_code",
    "period",
    "version",
    "submitted_by",
    "submitted_at",
    "question_id",
    "question",
    "answer",
    "note",
)
VERSION_COLUMNS = ("version", "submitted_by", "submitted_at", "yes", "partly", "no", "unanswered")
DISAGREEMENT_COLUMNS = (
    "level",
    "question_id",
    "question",
    "answer",
    "note",
    "data_says",
    "why_it_matters",
    "rule_id",
)


def _code(org_code: str) -> str:
    return str(org_code).strip().upper()


def save(
    store: Store,
    actor: Actor | None,
    org_code: str,
    period: str,
    answers: Mapping[str, str | None],
    notes: Mapping[str, str | None] | None = None,
) -> int:
    """Store a new version of the self-assessment of ``org_code`` for ``period`` as
    ``actor``; returns its version number (1 for the first).

    ``answers`` maps question ids to yes, partly, no (or None: not answered); ``notes`` maps
    question ids to free text (at most :data:`NOTE_MAX` characters, stored as typed, stripped).
    Raises :class:`~ahp_analytics.services.access.NotAllowed` unless the actor is an analyst, and
    ValueError for an unknown question or answer, a note too long, or nothing answered.
    """
    if actor is None or not actor.is_analyst:
        raise NotAllowed("Only analysts may save self-assessments.")
    notes = dict(notes or {})
    unknown = sorted((set(answers) | set(notes)) - set(QUESTION_TEXT))
    if unknown:
        raise ValueError(f"Unknown question(s): {', '.join(unknown)}.")
    rows = []
    for qid, _ in QUESTIONS:
        answer = answers.get(qid)
        answer = None if answer is None else str(answer).strip().lower() or None
        if answer is not None and answer not in ANSWERS:
            raise ValueError(f"The answer to {qid} must be yes, partly or no, not '{answer}'.")
        note = notes.get(qid)
        note = None if note is None else str(note).strip() or None
        if note is not None and len(note) > NOTE_MAX:
            raise ValueError(f"The note on {qid} is longer than {NOTE_MAX} characters.")
        rows.append({"question_id": qid, "answer": answer, "note": note})
    if all(r["answer"] is None for r in rows):
        raise ValueError("Answer at least one question before saving.")
    code, period = _code(org_code), str(period).strip()
    if not code or not period:
        raise ValueError("An organisation and a period are needed.")
    a = assessments_table
    with store.transaction() as conn:
        last = conn.execute(
            sa.select(sa.func.max(a.c.version)).where(a.c.org_code == code, a.c.period == period)
        ).scalar()
        version = int(last or 0) + 1
        new_id = conn.execute(
            a.insert().values(
                org_code=code,
                period=period,
                version=version,
                submitted_by=actor.name,
                submitted_at=datetime.now(UTC),
            )
        ).inserted_primary_key[0]
        conn.execute(answers_table.insert(), [{"assessment_id": new_id, **r} for r in rows])
    return version


def _read(store: Store, query: sa.Select) -> pd.DataFrame:
    with store.reading() as conn:
        rows = conn.execute(query).all()
    out = pd.DataFrame(
        {
            "org_code": pd.Series([r.org_code for r in rows], dtype=object),
            "period": pd.Series([r.period for r in rows], dtype=object),
            "version": pd.Series([r.version for r in rows], dtype="int64"),
            "submitted_by": pd.Series([r.submitted_by for r in rows], dtype=object),
            "submitted_at": pd.to_datetime([utc(r.submitted_at) for r in rows], utc=True),
            "question_id": pd.Series([r.question_id for r in rows], dtype=object),
            "answer": pd.Series([r.answer for r in rows], dtype=object),
            "note": pd.Series([r.note for r in rows], dtype=object),
        }
    )
    out["question"] = out["question_id"].map(QUESTION_TEXT)
    order = {qid: i for i, (qid, _) in enumerate(QUESTIONS)}
    out = out.assign(_q=out["question_id"].map(order)).sort_values(
        ["org_code", "period", "version", "_q"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    return out[list(HISTORY_COLUMNS)].reset_index(drop=True)


def _select() -> sa.Select:
    a, q = assessments_table, answers_table
    return sa.select(
        a.c.org_code,
        a.c.period,
        a.c.version,
        a.c.submitted_by,
        a.c.submitted_at,
        q.c.question_id,
        q.c.answer,
        q.c.note,
    ).select_from(a.join(q, q.c.assessment_id == a.c.id))


def history(store: Store, org_code: str, period: str | None = None) -> pd.DataFrame:
    """Every saved version of an organisation's self-assessment (of ``period``, or of all
    periods), one row per version and question: :data:`HISTORY_COLUMNS`, newest period and
    version first. Empty when nothing was saved."""
    a = assessments_table
    query = _select().where(a.c.org_code == _code(org_code))
    if period is not None:
        query = query.where(a.c.period == str(period).strip())
    return _read(store, query)


def current(store: Store, org_code: str, period: str) -> pd.DataFrame:
    """The latest version of the self-assessment of ``org_code`` for ``period``, one row per
    question (:data:`HISTORY_COLUMNS`); empty when nothing was saved."""
    rows = history(store, org_code, period)
    if rows.empty:
        return rows
    return rows[rows["version"] == rows["version"].max()].reset_index(drop=True)


def versions(history_df: pd.DataFrame) -> pd.DataFrame:
    """One row per saved version of a :func:`history` frame of one organisation and period,
    newest first: who saved it, when, and how many questions were answered yes, partly, no or
    not at all (:data:`VERSION_COLUMNS`)."""
    if history_df.empty:
        return pd.DataFrame(columns=list(VERSION_COLUMNS))
    answer = history_df["answer"].fillna("unanswered")
    counts = pd.crosstab(history_df["version"], answer).reindex(
        columns=[*ANSWERS, "unanswered"], fill_value=0
    )
    who = history_df.groupby("version")[["submitted_by", "submitted_at"]].first()
    out = who.join(counts).reset_index().sort_values("version", ascending=False)
    return out[list(VERSION_COLUMNS)].reset_index(drop=True)


def export(
    store: Store, period: str | None = None, orgs: Sequence[str] | None = None
) -> pd.DataFrame:
    """The current self-assessment of every organisation (optionally one period and some
    organisations), one row per organisation, period and question: :data:`HISTORY_COLUMNS`."""
    a = assessments_table
    latest = sa.select(
        a.c.org_code, a.c.period, sa.func.max(a.c.version).label("version")
    ).group_by(a.c.org_code, a.c.period)
    if period is not None:
        latest = latest.where(a.c.period == str(period).strip())
    if orgs:
        latest = latest.where(a.c.org_code.in_(sorted({_code(o) for o in orgs})))
    latest = latest.subquery()
    query = _select().join(
        latest,
        sa.and_(
            latest.c.org_code == a.c.org_code,
            latest.c.period == a.c.period,
            latest.c.version == a.c.version,
        ),
    )
    return _read(store, query)


# --- where the answers and the data disagree ---------------------------------------------------

_WHY = {
    "lead_at_board": (
        "The board may believe it hears AHP leadership first hand when the leadership return "
        "says it does not. Either the answer or the return needs correcting, and the national "
        "evaluation links board-level AHP leadership with AHP staff being able to improve "
        "their services."
    ),
    "lead_at_board_no": (
        "The return says an AHP leader attends or sits on the board. If that is not so, correct "
        "the return: regional and national figures are built from it."
    ),
    "professional_leads": (
        "Professions without a professional lead lack someone accountable for their standards, "
        "supervision and registration: a clinical governance risk the board may not see."
    ),
    "professional_leads_no": (
        "The data shows a professional lead for every staffed profession. If some posts are "
        "vacant or covered across professions, the return should say so."
    ),
    "named_executive": (
        "No AHP leader is at board, so accountability for AHPs rests with an executive from "
        "another profession. Check they are named in the scheme of delegation and that AHP "
        "workforce and quality issues reach the board through them."
    ),
}


def _category(flags: pd.DataFrame, category: str | None) -> str | None:
    """The leadership category given, else the one the category rules recorded."""
    if category:
        return category
    if flags.empty or "value_text" not in flags:
        return None
    rows = flags[flags["rule_id"].isin(["no_strategic_lead", "lead_not_at_board"])]
    found = [v for v in rows["value_text"] if v in CATEGORIES]
    return found[0] if found else None


def disagreements(
    answers: pd.DataFrame, flags: pd.DataFrame, category: str | None = None
) -> pd.DataFrame:
    """Where the self-assessment and the data disagree (:data:`DISAGREEMENT_COLUMNS`).

    ``answers``: the current answers (``question_id``, ``answer``, ``note``); ``flags``: the
    organisation's flags from :mod:`ahp_analytics.analysis.gaps` (or all its checks, with
    ``status``, which also allows "no" answers the data contradicts); ``category``: its leadership
    category, else taken from the category rules' rows. ``level`` is "error" where a "yes"
    contradicts the data, "warning" where the data only questions the answer. Errors first.
    """
    if answers.empty:
        return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
    fired = flags[flags["status"] == "flag"] if "status" in flags else flags
    cleared = flags[flags["status"] == "clear"] if "status" in flags else flags.iloc[0:0]
    cat = _category(flags, category)
    given = {r["question_id"]: r for r in answers.to_dict("records")}
    out = []

    def add(level: str, qid: str, says: str, why: str, rule: str | None) -> None:
        r = given[qid]
        out.append(
            {
                "level": level,
                "question_id": qid,
                "question": QUESTION_TEXT[qid],
                "answer": r.get("answer"),
                "note": r.get("note"),
                "data_says": says,
                "why_it_matters": why,
                "rule_id": rule,
            }
        )

    def answer(qid: str) -> str | None:
        return given[qid].get("answer") if qid in given else None

    def fired_row(rule: str) -> dict | None:
        rows = fired[fired["rule_id"] == rule]
        return rows.iloc[0].to_dict() if len(rows) else None

    below_board = cat in CATEGORIES[2:] if cat else False
    no_lead = cat in CATEGORIES[3:] if cat else False
    board_rule = "no_strategic_lead" if no_lead else "lead_not_at_board"
    cat_text = f"The leadership return puts the trust in category {cat}." if cat else ""
    if answer("lead_at_board") == "yes" and below_board:
        add("error", "lead_at_board", cat_text, _WHY["lead_at_board"], board_rule)
    elif answer("lead_at_board") == "partly" and no_lead:
        add("warning", "lead_at_board", cat_text, _WHY["lead_at_board"], board_rule)
    elif answer("lead_at_board") == "no" and cat in CATEGORIES[:2]:
        add("warning", "lead_at_board", cat_text, _WHY["lead_at_board_no"], None)

    if answer("named_executive") == "yes" and below_board:
        says = f"{cat_text} No AHP executive or AHP leader is at board (category A or B)."
        add("warning", "named_executive", says, _WHY["named_executive"], board_rule)

    professions = fired_row("professions_without_lead")
    if answer("professional_leads") == "yes" and professions is not None:
        add(
            "error",
            "professional_leads",
            professions["detail"],
            _WHY["professional_leads"],
            "professions_without_lead",
        )
    elif (
        answer("professional_leads") == "no"
        and (cleared["rule_id"] == "professions_without_lead").any()
    ):
        clear = cleared[cleared["rule_id"] == "professions_without_lead"].iloc[0]
        says = f"{clear['detail']} (the leadership return)"
        add("warning", "professional_leads", says, _WHY["professional_leads_no"], None)

    frame = pd.DataFrame(out, columns=list(DISAGREEMENT_COLUMNS))
    rank = frame["level"].map({"error": 0, "warning": 1})
    return frame.loc[rank.sort_values(kind="stable").index].reset_index(drop=True)
