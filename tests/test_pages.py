"""The dashboard pages driven with AppTest on the demonstration data: each renders, follows the
sidebar filters, shows the library's numbers and sentences, and says so when nothing matches."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from fixtures import make_file
from streamlit.testing.v1 import AppTest

from ahp_analytics import cli, measures
from ahp_analytics.periods import parse_window
from ahp_analytics.store import open_store
from ahp_analytics.ui.widgets import fmt_delta, fmt_number

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("overview", "leadership", "outcomes", "workforce", "organisation")
WINDOW = "2024/25"
EMPTY = {"region": "London", "trust_type": "Community"}  # no demo trust is both
NO_MATCH = "No organisations match these filters"


def open_page(page: str, **sidebar: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(f"views/{page}.py").run()
    for key, value in sidebar.items():
        at.sidebar.selectbox(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def store_summaries(url: str, *windows: str, **filters: str) -> list[pd.DataFrame]:
    """The summary of each window worked out from the store's tables, without the app."""
    names = ("workforce", "leadership", "indicators", "organisations")
    with open_store(url) as s:
        tables = [s.read(t, **filters) for t in names]
    return [measures.summary(*tables, parse_window(w)) for w in windows]


def shown(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def expected(now: dict, before: dict) -> dict[str, tuple[str, str | None]]:
    """The Overview's metrics as the page should format them."""
    figures = {
        "Organisations reporting": ("organisations", 0, "", ""),
        "AHP FTE": ("ahp_fte", 0, "", ""),
        "AHP vacancy rate": ("vacancy_rate", 1, "%", " pts"),
        "Strategic AHP lead": ("strategic_lead_share", 1, "%", " pts"),
        "AHP executive director": ("board_executive_share", 1, "%", " pts"),
    }
    return {
        label: (
            fmt_number(now[key], digits, suffix),
            fmt_delta(now[key], before[key], digits + bool(delta_suffix), delta_suffix),
        )
        for label, (key, digits, suffix, delta_suffix) in figures.items()
    }


def test_every_page_renders_and_an_empty_filter_says_so(demo_db_shared):
    at = open_page("overview")
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value
        assert not any(NO_MATCH in i.value for i in at.info), page
    for key, value in EMPTY.items():
        at.sidebar.selectbox(key=key).set_value(value).run()
    for page in PAGES[:-1]:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert any(NO_MATCH in i.value for i in at.info), page
        assert not at.get("plotly_chart"), page
    # The profile compares with every organisation: the sidebar's region does not empty it.
    at.switch_page("views/organisation.py").run()
    assert not at.exception
    assert any("Choose an organisation" in i.value for i in at.info)


def test_overview_numbers_are_the_headline_of_the_summary_and_the_export(demo_db_shared, tmp_path):
    at = open_page("overview")
    previous_window = parse_window(WINDOW).previous().label
    rows, previous = store_summaries(demo_db_shared, WINDOW, previous_window)
    assert shown(at) == expected(measures.headline(rows), measures.headline(previous))
    assert shown(at)["Organisations reporting"][0] == "150"
    captions = " ".join(c.value for c in at.caption)
    assert "from 151 submissions in use" in captions

    at.sidebar.selectbox(key="region").set_value("London").run()
    london = expected(
        measures.headline(rows[rows["region"] == "London"]),
        measures.headline(previous[previous["region"] == "London"]),
    )
    assert shown(at) == london
    assert london["Organisations reporting"][0] == "17"

    out = tmp_path / "summary.csv"
    argv = ["--db", demo_db_shared, "export", "summary", "--window", WINDOW, "--region", "London"]
    assert cli.main([*argv, "-o", str(out)]) == 0
    exported = measures.headline(pd.read_csv(out, encoding="utf-8-sig"))
    assert shown(at)["Organisations reporting"][0] == fmt_number(exported["organisations"])
    assert shown(at)["AHP FTE"][0] == fmt_number(exported["ahp_fte"])
    assert shown(at)["AHP vacancy rate"][0] == fmt_number(exported["vacancy_rate"], 1, "%")
    assert shown(at)["Strategic AHP lead"][0] == fmt_number(
        exported["strategic_lead_share"], 1, "%"
    )


def test_filters_change_what_the_other_pages_show(demo_db_shared):
    at = open_page("leadership", trust_type="Ambulance")
    assert "Ambulance: 7 organisations" in at.caption[0].value
    at.sidebar.selectbox(key="trust_type").set_value(None).run()
    assert "2024/25: 150 organisations" in at.caption[0].value

    at.switch_page("views/workforce.py").run()
    assert "150 organisations with workforce figures" in at.caption[0].value
    at.sidebar.selectbox(key="org").set_value("DM005").run()
    assert "DM005, chosen in the sidebar, is ringed" in at.caption[0].value
    at.sidebar.selectbox(key="region").set_value("North West").run()  # DM005 is in London
    assert not at.exception
    assert "DM005, chosen in the sidebar, is outside these filters" in at.caption[0].value


def sentences(at: AppTest) -> str:
    return " ".join(t.value for t in at.text)


def test_outcomes_reads_planted_and_null_indicators(demo_db_shared):
    at = open_page("outcomes")
    at.selectbox(key="indicator").set_value("ahp_able_to_improve").run()
    assert not at.exception
    assert "statistically significant" in sentences(at)
    assert "Values tend to rise" in sentences(at)
    assert any("Spearman rank correlation" in c.value for c in at.caption)

    at.selectbox(key="indicator").set_value("shmi").run()
    assert "no clear difference" in sentences(at)
    assert "statistically significant" not in sentences(at)

    at.toggle(key="outcomes-within").set_value(True).run()
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "Within each trust type" in subheaders
    # SHMI is reported by acute trusts only: one reading for them, the rest listed as empty
    assert any("No values in: " in c.value and "Ambulance" in c.value for c in at.caption)

    at.sidebar.selectbox(key="trust_type").set_value("Ambulance").run()  # 7 trusts
    assert any("Small groups" in w.value for w in at.warning)


def test_outcomes_compares_a_custom_indicator(demo_db_url):
    """An indicator named in a file has no unit, domain or description in the catalogue."""
    result, content = make_file(
        indicators=[
            {"org_code": f"DM{i:03d}", "period": "2024/25", "indicator": "Staff smiles", "value": i}
            for i in range(1, 41)
        ]
    )
    with open_store(demo_db_url) as s:
        assert s.ingest(result, content, "alice").status == "accepted"
    at = open_page("outcomes")
    at.selectbox(key="indicator").set_value("Staff smiles").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text[0].value == "Staff smiles"
    assert any(c.value.startswith("Domain: Other. Unit: none.") for c in at.caption)


def test_organisation_profile_shows_its_category_and_peers(demo_db_shared):
    (rows,) = store_summaries(demo_db_shared, WINDOW, orgs=["DM001", "DM002"])
    rows = rows.set_index("org_code")
    at = open_page("organisation")
    assert any("Choose an organisation" in i.value for i in at.info)

    at.sidebar.selectbox(key="org").set_value("DM001").run()
    assert not at.exception
    assert rows.loc["DM001", "leadership_category"] in [h.value for h in at.subheader]
    assert at.selectbox(key="profile-org").value == "DM001"
    peers = at.dataframe[1].value
    assert len(peers) == len(measures.indicator_options(rows.reset_index()))
    assert set(peers["Position"]) <= {
        "Better than most peers",
        "Worse than most peers",
        "Middle half",
        "No direction",
        "No value",
    }
    # DM001 reports no vacancies: its own vacancy chart gives way to a note
    assert len(at.get("plotly_chart")) == 3
    assert any("DM001 reported no vacancy figures" in i.value for i in at.info)

    at.selectbox(key="profile-org").set_value("DM002").run()  # picked on the page
    assert at.sidebar.selectbox(key="org").value == "DM002"
    assert rows.loc["DM002", "leadership_category"] in [h.value for h in at.subheader]
    assert len(at.get("plotly_chart")) == 4
