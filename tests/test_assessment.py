"""Self-assessment: storage with versions on SQLite and PostgreSQL, who may save, and where the
answers and the data disagree."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from ahp_analytics.analysis import gaps
from ahp_analytics.analysis.measures import CATEGORIES
from ahp_analytics.services import assessment
from ahp_analytics.services.access import Actor, NotAllowed
from ahp_analytics.store import open_store
from ahp_analytics.store.schema import VERSION_TABLE

ANALYST = Actor("ann.analyst@example.nhs.uk", is_analyst=True)
VIEWER = Actor("vic.viewer@example.nhs.uk", is_analyst=False)


def test_every_save_is_a_new_version_and_the_latest_is_current(store):
    v1 = assessment.save(
        store,
        ANALYST,
        "dm001",
        "2024/25",
        {"lead_at_board": "yes", "professional_leads": "Partly"},
        {"lead_at_board": "  Chief AHP attends <b>every</b> board  "},
    )
    bob = Actor("bob@example.nhs.uk", is_analyst=True)
    v2 = assessment.save(store, bob, "DM001", "2024/25", {"lead_at_board": "no"})
    assessment.save(store, ANALYST, "DM001", "2023/24", {"named_executive": "yes"})
    assessment.save(store, ANALYST, "DM002", "2024/25", {"named_executive": "no"})
    assert (v1, v2) == (1, 2)

    now = assessment.current(store, "DM001", "2024/25")
    assert list(now.columns) == list(assessment.HISTORY_COLUMNS)
    assert list(now["question_id"]) == [q for q, _ in assessment.QUESTIONS]
    assert set(now["version"]) == {2}
    answers = now.set_index("question_id")
    assert answers.loc["lead_at_board", "answer"] == "no"
    assert answers.loc["professional_leads", "answer"] is None  # not carried over
    assert set(now["submitted_by"]) == {"bob@example.nhs.uk"}

    history = assessment.history(store, "DM001", "2024/25")
    assert len(history) == 2 * len(assessment.QUESTIONS)
    first = history[history["version"] == 1].set_index("question_id")
    assert first.loc["lead_at_board", "answer"] == "yes"
    assert first.loc["lead_at_board", "note"] == "Chief AHP attends <b>every</b> board"
    assert first.loc["professional_leads", "answer"] == "partly"
    assert first.loc["lead_at_board", "submitted_by"] == ANALYST.name
    assert str(history["submitted_at"].dt.tz) == "UTC"
    assert history["version"].is_monotonic_decreasing

    both_years = assessment.history(store, "DM001")
    assert set(both_years["period"]) == {"2024/25", "2023/24"}

    summary = assessment.versions(history)
    assert list(summary["version"]) == [2, 1]
    assert summary.set_index("version").loc[1, ["yes", "partly", "no", "unanswered"]].tolist() == [
        1,
        1,
        0,
        3,
    ]

    everything = assessment.export(store, period="2024/25")
    assert sorted(everything["org_code"].unique()) == ["DM001", "DM002"]
    assert set(everything.loc[everything["org_code"] == "DM001", "version"]) == {2}
    assert len(assessment.export(store)) == 3 * len(assessment.QUESTIONS)


def test_nothing_saved_gives_empty_frames(store):
    assert assessment.current(store, "DM009", "2024/25").empty
    assert assessment.versions(assessment.history(store, "DM009")).empty


@pytest.mark.parametrize("actor", [VIEWER, None])
def test_a_forged_save_by_a_viewer_is_refused(store, actor):
    with pytest.raises(NotAllowed):
        assessment.save(store, actor, "DM001", "2024/25", {"lead_at_board": "yes"})
    assert assessment.history(store, "DM001").empty


def test_local_mode_may_save(store):
    local = Actor("someone", is_analyst=True, local=True)
    assert assessment.save(store, local, "DM001", "2024/25", {"lead_at_board": "no"}) == 1


@pytest.mark.parametrize(
    ("answers", "notes", "message"),
    [
        ({"lead_at_board": "maybe"}, None, "yes, partly or no"),
        ({"board_loves_ahps": "yes"}, None, "Unknown question"),
        ({}, {"lead_at_board": "a note alone"}, "Answer at least one question"),
        ({"lead_at_board": "yes"}, {"lead_at_board": "x" * 2001}, "longer than 2000"),
    ],
)
def test_bad_input_is_refused(store, answers, notes, message):
    with pytest.raises(ValueError, match=message):
        assessment.save(store, ANALYST, "DM001", "2024/25", answers, notes)
    assert assessment.history(store, "DM001").empty


def test_a_database_made_before_self_assessments_gains_their_tables(store_url):
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE self_assessment_answers"))
        conn.execute(sa.text("DROP TABLE self_assessments"))
        conn.execute(sa.text(f"DROP TABLE {VERSION_TABLE}"))
    store = open_store(store_url)
    assert assessment.history(store, "DM001").empty
    assert assessment.save(store, ANALYST, "DM001", "2024/25", {"lead_at_board": "no"}) == 1
    names = set(sa.inspect(store.engine).get_table_names())
    assert {"self_assessments", "self_assessment_answers"} <= names
    store.close()


# --- disagreements ------------------------------------------------------------------------------


def answers(**given) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"question_id": q, "answer": given.get(q), "note": f"note on {q}"}
            for q, _ in assessment.QUESTIONS
        ]
    )


def check(rule, status, value_text=None, detail=""):
    return {"rule_id": rule, "status": status, "value_text": value_text, "detail": detail}


def checks(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["rule_id", "status", "value_text", "detail"])


CATEGORY_C = checks(
    check("no_strategic_lead", gaps.CLEAR, CATEGORIES[2]),
    check("lead_not_at_board", gaps.FLAG, CATEGORIES[2]),
    check(
        "professions_without_lead",
        gaps.FLAG,
        detail="No professional lead for: Dietitian (10.0 FTE).",
    ),
)


def test_yes_to_lead_at_board_and_professional_leads_against_the_data():
    out = assessment.disagreements(
        answers(lead_at_board="yes", professional_leads="yes", named_executive="yes"), CATEGORY_C
    )
    assert list(out.columns) == list(assessment.DISAGREEMENT_COLUMNS)
    assert list(out["question_id"]) == ["lead_at_board", "professional_leads", "named_executive"]
    assert list(out["level"]) == ["error", "error", "warning"]
    rows = out.set_index("question_id")
    assert rows.loc["lead_at_board", "data_says"] == (
        f"The leadership return puts the trust in category {CATEGORIES[2]}."
    )
    assert rows.loc["lead_at_board", "rule_id"] == "lead_not_at_board"
    assert rows.loc["professional_leads", "data_says"] == (
        "No professional lead for: Dietitian (10.0 FTE)."
    )
    assert rows.loc["professional_leads", "note"] == "note on professional_leads"
    assert "scheme of delegation" in rows.loc["named_executive", "why_it_matters"]
    assert rows["why_it_matters"].str.len().min() > 50


def test_answers_that_match_the_data_raise_nothing():
    out = assessment.disagreements(
        answers(lead_at_board="no", professional_leads="no", named_executive="partly"), CATEGORY_C
    )
    assert out.empty


def test_flags_only_and_category_given():
    flags_only = CATEGORY_C[CATEGORY_C["status"] == gaps.FLAG].drop(columns="status")
    out = assessment.disagreements(answers(lead_at_board="yes"), flags_only)
    assert list(out["question_id"]) == ["lead_at_board"]
    # an organisation with no flags: the category has to be given to judge the board answer
    none = checks().drop(columns="status")
    assert assessment.disagreements(answers(lead_at_board="yes"), none).empty
    out = assessment.disagreements(answers(lead_at_board="yes"), none, category=CATEGORIES[3])
    assert list(out["level"]) == ["error"]
    assert out.loc[0, "rule_id"] == "no_strategic_lead"


def test_no_where_the_data_says_yes_is_a_warning():
    category_a = checks(
        check("no_strategic_lead", gaps.CLEAR, CATEGORIES[0]),
        check("lead_not_at_board", gaps.CLEAR, CATEGORIES[0]),
        check("professions_without_lead", gaps.CLEAR),
    )
    out = assessment.disagreements(
        answers(lead_at_board="no", professional_leads="no", named_executive="yes"), category_a
    )
    assert list(out["question_id"]) == ["lead_at_board", "professional_leads"]
    assert set(out["level"]) == {"warning"}


def test_no_answers_no_disagreements():
    empty = pd.DataFrame(columns=["question_id", "answer", "note"])
    assert assessment.disagreements(empty, CATEGORY_C).empty
