"""Leadership measures from a return's posts: the leadership category, whom the senior lead
reports to, strategic leadership FTE and professional lead coverage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ahp_analytics.analysis.measures.windows import _iso
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain import reference
from ahp_analytics.domain.measures import (
    CATEGORIES,
    CATEGORY_LEVEL,
)

# Most senior first (the roles' own order); a post without a role ranks after all of these.
SENIORITY = reference.ROLES.labels
BOARD_AT = ("Non-voting board member", "Attends board")
_SENIORITY_RANK = {r: i for i, r in enumerate(SENIORITY)}

LEADERSHIP_COLUMNS = ("leadership_period", *registry.LEADERSHIP_SUMMARY)
# --- leadership ---------------------------------------------------------------------------------


def posts_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The leadership posts among a return's rows: every row but the nil-return row
    (Role ``None``, :data:`~ahp_analytics.domain.reference.NIL_ROLE`)."""
    return rows[(rows["role"] != reference.NIL_ROLE).to_numpy()]


def leadership_category(rows: pd.DataFrame) -> str | None:
    """The leadership arrangement (one of :data:`CATEGORIES`) of one organisation's
    leadership return (its rows in one period), by the first rule that applies: A a
    strategic-role post with a vote on the board, whatever its title; B one at board without
    a vote; C any other strategic-role post; D posts, none strategic; E the explicit nil
    return (only the ``None`` row). None with no rows: the return was not sent, which is not
    evidence of absence."""
    if rows.empty:
        return None
    posts = posts_of(rows)
    role = posts["role"]
    board = posts["board_role"]
    strategic = role.isin(reference.STRATEGIC_ROLES)
    if (strategic & (board == "Voting board member")).any():
        return CATEGORIES[0]
    if (strategic & board.isin(BOARD_AT)).any():
        return CATEGORIES[1]
    if strategic.any():
        return CATEGORIES[2]
    return CATEGORIES[3] if len(posts) else CATEGORIES[4]


def senior_lead_reports_to(posts: pd.DataFrame) -> str | None:
    """Reports to of the most senior post (order :data:`SENIORITY`; ties: highest FTE, then
    the first listed); None without posts."""
    if posts.empty:
        return None
    rank = posts["role"].map(_SENIORITY_RANK).fillna(len(SENIORITY)).to_numpy()
    fte = -posts["fte"].fillna(-np.inf).to_numpy()
    # The first post of the lowest rank, then of the lowest -FTE: what a stable sort puts
    # first, without building and sorting a frame for each organisation.
    best = rank == rank.min()
    best &= fte == fte[best].min()
    value = posts["reports_to"].iloc[int(np.argmax(best))]
    return None if value is None or pd.isna(value) else value


def strategic_leadership_fte(posts: pd.DataFrame) -> float:
    """Sum of post FTE x strategic time % / 100 over leadership posts. Posts that leave
    strategic time % (or FTE) blank count as 0 when another post reports it; NaN when posts
    exist but none reports strategic time %; 0 with no posts (an explicit nil return)."""
    if posts.empty:
        return 0.0
    pct = posts["strategic_time_pct"]
    if pct.isna().all():
        return float("nan")
    return float((posts["fte"] * pct / 100).sum())


def professional_lead_coverage(
    posts: pd.DataFrame, fte_by_profession: pd.Series, above: float = 0.0
) -> float:
    """Professions with FTE above ``above`` that have a Professional lead post / professions
    with FTE above ``above``, in % (``above`` 0: the summary's professional lead coverage;
    the gap rule's threshold: coverage of larger professions). NaN when no profession is
    above it, or when the posts include Professional lead posts and none names a profession
    (coverage is then unknown, not 0)."""
    staffed = set(fte_by_profession.index[fte_by_profession.to_numpy() > above])
    if not staffed:
        return float("nan")
    leads = posts["profession"].to_numpy()[posts["role"].to_numpy() == "Professional lead"]
    led = {p for p in leads if not pd.isna(p)}
    if len(leads) and not led:
        return float("nan")
    return len(staffed & led) / len(staffed) * 100


def _leadership_row(rows: pd.DataFrame, ahp_fte: float, fte_by_profession: pd.Series) -> dict:
    """The leadership columns of one organisation from its latest leadership return's rows
    (none: not returned, every column missing)."""
    category = leadership_category(rows)
    if category is None:
        return dict.fromkeys(LEADERSHIP_COLUMNS)
    posts = posts_of(rows)
    post_fte = float(posts["fte"].sum()) if len(posts) else 0.0
    has_staff = len(fte_by_profession) > 0
    return {
        "leadership_period": _iso(rows["period"].iloc[0]),
        "leadership_posts": len(posts),
        "leadership_fte_per_100_ahp_fte": post_fte / ahp_fte * 100 if ahp_fte > 0 else None,
        "strategic_leadership_fte": strategic_leadership_fte(posts),
        "professional_lead_coverage": (
            professional_lead_coverage(posts, fte_by_profession) if has_staff else None
        ),
        "leadership_category": category,
        "leadership_level": CATEGORY_LEVEL[category],
        "senior_lead_reports_to": senior_lead_reports_to(posts),
    }
