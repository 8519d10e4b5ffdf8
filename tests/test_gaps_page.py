"""The Gaps and risks page on the demonstration data (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ahp_analytics import demo
from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.services import assessment
from ahp_analytics.services.access import Actor
from ahp_analytics.store import open_store

ROOT = Path(__file__).resolve().parent.parent
VACANCY_SHIFT = "DM047"  # demo trust with a planted vacancy jump and category D
LEAD_GAP = "DM141"  # demo trust in category E with a profession of over 100 FTE without a lead


def gaps_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/gaps.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def org_table(at: AppTest):
    """The all-organisations table: the frame with a score column."""
    return next(d.value for d in at.dataframe if "score" in d.value.columns)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.slow
def test_table_lists_organisations_worst_first(demo_db_shared):
    at = gaps_page()
    table = org_table(at)
    assert len(table) == 150
    assert table["org_code"].str.startswith("DM").all()
    assert table["score"].is_monotonic_decreasing
    assert table.iloc[0]["high"] >= 1
    lead = texts(at.info)[0]
    assert "of 150 organisations have at least one flag" in lead
    at.sidebar.selectbox(key="region").set_value("London").run()
    london = org_table(at)
    assert 0 < len(london) < 150 and set(london["region"]) == {"London"}
    at.sidebar.selectbox(key="trust_type").set_value("Community").run()  # no demo trust is both
    assert not at.exception
    assert any("No organisations match these filters" in t for t in texts(at.info))
    assert not at.get("plotly_chart")


@pytest.mark.slow
def test_choosing_an_organisation_shows_its_verdict_flags_and_form(demo_db_shared):
    at = gaps_page()
    at.selectbox(key="gaps-org-None").set_value(VACANCY_SHIFT).run()
    assert not at.exception, [e.value for e in at.exception]
    verdict = texts(at.error)[0]
    assert "DM047" in verdict and "2024/25" in verdict
    assert "no strategic AHP lead (category D)" in verdict
    assert "AHP vacancy rate higher than usual (special cause)" in verdict
    assert "What the data says" in texts(at.subheader)
    questions = [b for b in at.button_group if b.key.startswith(f"sa-{VACANCY_SHIFT}-")]
    assert [b.label for b in questions] == [text for _, text in assessment.QUESTIONS]
    assert questions[0].options == ["Yes", "Partly", "No"]


@pytest.mark.slow
def test_the_sidebar_organisation_is_chosen_and_follows_the_picker(demo_db_shared):
    at = gaps_page()
    at.sidebar.selectbox(key="org").set_value("DM141").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "(DM141), 2024/25: 4 flags" in texts(at.error)[0]
    at.selectbox(key="gaps-org-DM141").set_value(VACANCY_SHIFT).run()
    assert at.sidebar.selectbox(key="org").value == VACANCY_SHIFT
    assert f"({VACANCY_SHIFT}), 2024/25" in texts(at.error)[0]


@pytest.mark.slow
def test_saving_the_self_assessment_shows_the_disagreement(demo_db_url):
    at = gaps_page()
    at.selectbox(key="gaps-org-None").set_value(LEAD_GAP).run()
    field = f"sa-{LEAD_GAP}-2024/25-v0-{{}}"
    at.button_group(key=field.format("lead_at_board-answer")).set_value("yes")
    at.button_group(key=field.format("professional_leads-answer")).set_value("yes")
    at.text_input(key=field.format("lead_at_board-note")).input(
        "Our Chief AHP attends [every](http://x.invalid) board"
    )
    submit = [b for b in at.button if b.label == "Save self-assessment"]
    submit[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved as version 1." in texts(at.success)
    errors = " ".join(texts(at.error))
    assert "The self-assessment answers 'yes'" in errors
    assert "No professional lead for" in errors

    with open_store(demo_db_url) as store:
        saved = assessment.current(store, LEAD_GAP, "2024/25").set_index("question_id")
    assert saved.loc["lead_at_board", "answer"] == "yes"
    assert saved.loc["lead_at_board", "note"] == (
        "Our Chief AHP attends [every](http://x.invalid) board"
    )


def _profile_section() -> None:
    from ahp_analytics.ui.gaps_section import render_gaps_section

    render_gaps_section("DM141", "2024/25")  # LEAD_GAP: the function runs on its own


@pytest.mark.slow
def test_profile_section_shows_the_verdict_and_the_flags(demo_db_url, monkeypatch):
    links = []  # alone, the script has no st.navigation, so record the link instead
    monkeypatch.setattr(st, "page_link", lambda page, **kw: links.append(page))
    with open_store(demo_db_url) as store:
        answers = {"professional_leads": "yes"}
        assessment.save(store, Actor("ann", is_analyst=True), LEAD_GAP, "2024/25", answers)
    at = AppTest.from_function(_profile_section, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert texts(at.subheader) == ["Gaps and risks"]
    verdict, disagreement = texts(at.error)[:2]
    assert f"({LEAD_GAP}), 2024/25: 4 flags" in verdict
    assert "No professional lead for" in disagreement
    assert links == ["views/gaps.py"]


@pytest.mark.slow
def test_default_rules_flag_the_trusts_that_differ_and_cards_say_each_figure_once(
    demo_db_shared,
):
    """The counts data/README.md gives for the demonstration data: no rule flags most
    trusts, and every planted rise in vacancies is found."""
    with open_store(demo_db_shared) as s:
        tables = {n: s.read(n) for n in ("workforce", "leadership", "indicators", "organisations")}
    window = parse_window("2024/25")
    summary = measures.summary(
        tables["workforce"],
        tables["leadership"],
        tables["indicators"],
        tables["organisations"],
        window,
    )
    checks = gaps.all_checks(
        gaps.GapInputs(
            summary,
            tables["workforce"],
            tables["leadership"],
            window,
            gaps.load_rules(),
            tables["indicators"],
        )
    )
    flags = gaps.flags_of(checks)
    assert flags["rule_id"].value_counts().to_dict() == {
        "no_strategic_lead": 42,
        "professions_without_lead": 36,
        "vacancy_special_cause": 20,
        "low_leadership_capacity": 19,
    }
    assert flags["org_code"].nunique() == 74
    assert flags.loc[flags["severity"] == "high", "org_code"].nunique() == 54
    planted = {c for c, (what, _) in demo.SPECIAL_CAUSE.items() if what == "vacancy_fte"}
    assert planted <= set(flags.loc[flags["rule_id"] == "vacancy_special_cause", "org_code"])

    for flag in flags.to_dict("records"):
        detail, facts = gaps.card(flag)
        text = f"{detail} {facts}"
        # the value once (in the detail where it states it), peers' median once
        assert text.count(flag["value_text"]) <= 1, text
        if flag["rule_id"] in gaps.VALUE_IN_DETAIL:
            assert flag["value_text"] not in facts, text
        if flag["rule_id"] not in gaps.IN_WORDS:
            assert flag["peer_text"] not in text, text
        assert text.count("median") <= 1, text


@pytest.mark.slow
def test_the_page_names_no_file(demo_db_shared):
    at = gaps_page()
    shown = texts(at.caption) + texts(at.markdown) + texts(at.info)
    assert not [t for t in shown if "gap_rules" in t or "data/" in t]
    assert any("Leadership FTE per 100 AHP FTE below" in t for t in texts(at.markdown))
