"""The dashboard pages driven with AppTest on the demonstration data: each renders, follows the
sidebar filters, shows the library's numbers and sentences, and says so when nothing matches."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from fixtures import make_file
from streamlit.testing.v1 import AppTest

from ahp_analytics import cli
from ahp_analytics.analysis import measures
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
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
        tables = [s.read(t, Selection(**filters)) for t in names]
    return [measures.summary(*tables, parse_window(w)) for w in windows]


def shown(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def expected(rows: pd.DataFrame, previous: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """The Overview's metrics as the page should format them: each figure of ``rows``, and
    its like-for-like change on ``previous``."""
    now = measures.headline(rows)
    changes = measures.headline_changes(rows, previous)
    figures = {
        "Organisations": ("organisations", 0, "", ""),
        "AHP FTE": ("ahp_fte", 0, "", ""),
        "AHP vacancy rate": ("vacancy_rate", 1, "%", " pts"),
        "Strategic AHP lead": ("strategic_lead_share", 1, "%", " pts"),
        "AHP exec on board": ("board_executive_share", 1, "%", " pts"),
    }
    return {
        label: (
            fmt_number(now[key], digits, suffix),
            fmt_delta(
                changes[key].now, changes[key].before, digits + bool(delta_suffix), delta_suffix
            ),
        )
        for label, (key, digits, suffix, delta_suffix) in figures.items()
    }


def test_overview_names_the_strongest_associations_and_opens_each(demo_db_shared):
    at = open_page("overview")
    opens = [b for b in at.button if b.key and b.key.startswith("overview-open-")]
    assert len(opens) == 3
    assert all("q " in b.label and "organisations)." in b.label for b in opens)
    code = opens[0].key.removeprefix("overview-open-")
    opens[0].click().run()
    assert not at.exception
    assert at.title[0].value == "Leadership and outcomes"
    assert at.selectbox(key="indicator").value == code


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
    assert shown(at) == expected(rows, previous)
    assert shown(at)["Organisations"][0] == "150"
    # like for like: AHP FTE changes over the organisations that reported in both years only
    both = set(rows["org_code"]) & set(previous["org_code"])
    fte_before = previous.loc[previous["org_code"].isin(both), "ahp_fte"].sum()
    fte_now = rows.loc[rows["org_code"].isin(both), "ahp_fte"].sum()
    assert shown(at)["AHP FTE"][1] == fmt_delta(fte_now, fte_before)
    leadership = measures.headline_changes(rows, previous)["strategic_lead_share"]
    assert leadership.n == 142  # 150 less the 8 without a return in 2024/25 (4 in 2023/24 too)
    captions = " ".join(c.value for c in at.caption)
    assert "like for like" in captions and "leadership: 142" in captions
    assert "8 organisations sent no leadership return in the window" in captions
    captions = " ".join(c.value for c in at.caption)
    assert "from 151 submissions in use" in captions

    at.sidebar.selectbox(key="region").set_value("London").run()
    london = expected(rows[rows["region"] == "London"], previous[previous["region"] == "London"])
    assert shown(at) == london
    assert london["Organisations"][0] == "17"

    out = tmp_path / "summary.csv"
    argv = ["--db", demo_db_shared, "export", "summary", "--window", WINDOW, "--region", "London"]
    assert cli.main([*argv, "-o", str(out)]) == 0
    exported = measures.headline(pd.read_csv(out, encoding="utf-8-sig"))
    assert shown(at)["Organisations"][0] == fmt_number(exported["organisations"])
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
    assert "(DM005), chosen in the sidebar, is ringed" in at.caption[0].value
    at.sidebar.selectbox(key="region").set_value("North West").run()  # DM005 is in London
    assert not at.exception
    assert "DM005, chosen in the sidebar, is outside these filters" in at.caption[0].value


def test_workforce_bands_are_short_upright_ticks_under_their_axis_title(demo_db_shared):
    """The band chart's ticks read "8a" under "Agenda for Change band": upright beside their
    neighbours on a phone, where "Band 8a" was turned on its side; the bars and their hover
    keep the whole name."""
    bands = figures(open_page("workforce"))["fte-band"]
    axis, bars = bands["layout"]["xaxis"], bands["data"][0]
    assert axis["title"]["text"] == "Agenda for Change band"
    assert axis["tickvals"] == bars["x"] and "Band 8a" in bars["x"]
    assert axis["ticktext"] == [b.removeprefix("Band ") for b in bars["x"]]


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
    at.selectbox(key="indicator").set_value("staff_smiles").run()  # its summary column
    assert not at.exception, [e.value for e in at.exception]
    assert "Staff smiles" in [t.value for t in at.text]
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
    peers = next(d.value for d in at.dataframe if "Position" in d.value.columns)
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


def chart_text(at: AppTest) -> str:
    """Everything the page's plotly charts hold (labels, titles, hover text), as JSON."""
    return " ".join(c.proto.spec for c in at.get("plotly_chart"))


def test_unknown_trust_type_and_future_period_on_every_page(tmp_path, monkeypatch):
    """An organisation whose trust type is outside the reference list is a group of its own
    on every page, with no pandas warning; a stored period that has not begun is offered in
    the sidebar but is never the default window."""
    import warnings

    from tests.fixtures import indicator_rows, leadership_rows, make_file, workforce_rows

    url = f"sqlite:///{tmp_path / 'odd.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    orgs = [
        {
            "org_code": "ZZ1",
            "org_name": "Odd Trust",
            "region": "London",
            "trust_type": "Foundation",
        },
        {"org_code": "ZZ2", "org_name": "Even Trust", "region": "London", "trust_type": "Acute"},
    ]
    with open_store(url) as s:  # as stored before validation warned about either
        result, content = make_file(
            organisations=orgs,
            workforce=[
                *workforce_rows("ZZ1"),
                *workforce_rows("ZZ2"),
                *workforce_rows("ZZ1", "2099-12"),
            ],
            leadership=[*leadership_rows("ZZ1"), *leadership_rows("ZZ2")],
            indicators=[*indicator_rows("ZZ1"), *indicator_rows("ZZ2")],
        )
        assert s.ingest(result, content, "tester").status == "accepted"

    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        warnings.simplefilter("error", pd.errors.PandasChangeWarning)
        at = open_page("overview")
        window = at.sidebar.selectbox(key="window")
        assert (window.value, window.options[0]) == ("2023/24", "2099/00")
        assert "Foundation (n = 1)" in chart_text(at)
        for page in ("leadership", "outcomes", "workforce", "organisation", "gaps", "explore"):
            at.switch_page(f"views/{page}.py").run()
            assert not at.exception, (page, [e.value for e in at.exception])
            if page == "leadership":
                assert "Foundation" in chart_text(at)
        at.sidebar.selectbox(key="trust_type").set_value("Foundation").run()
        at.sidebar.selectbox(key="org").set_value("ZZ1").run()
        for page in ("overview", "leadership", "outcomes", "workforce", "organisation", "gaps"):
            at.switch_page(f"views/{page}.py").run()
            assert not at.exception, (page, [e.value for e in at.exception])
        at.switch_page("views/overview.py").run()
        assert shown(at)["Organisations"][0] == "1"


def figures(at: AppTest) -> dict[str, dict]:
    """The page's plotly figures by chart key (``spc-own-vacancy_rate``...)."""
    return {
        c.proto.id.split("-chart-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")
    }


def subtitles(at: AppTest, prefix: str) -> dict[str, str]:
    """The notes and variation icons of each chart, as the page shows them above it (the
    figure drawn keeps them in its ``meta``, without a title or subtitle of its own)."""
    out = {}
    for key, fig in figures(at).items():
        if key.startswith(prefix):
            meta = fig["layout"].get("meta") or {}
            assert not fig["layout"]["title"].get("text"), key
            out[key] = " ".join([*meta.get("notes", ()), *(w for w, _ in meta.get("icons", ()))])
    return out


def test_profile_control_charts_take_a_baseline_a_rebase_and_a_target(demo_db_shared):
    at = open_page("organisation", org="DM002")
    spc = subtitles(at, "spc-")
    assert len(spc) == 4 and all("Limits from all" in s for s in spc.values())
    assert not any("target" in s for s in spc.values())

    at.segmented_control(key="profile-spc-limits").set_value("baseline").run()
    assert not at.exception
    assert at.number_input(key="profile-spc-baseline").value == 13
    spc = subtitles(at, "spc-")
    assert all(
        "Limits fixed on the first 13 points (Apr 2023 to Apr 2024)" in s for s in spc.values()
    )

    at.segmented_control(key="profile-spc-limits").set_value("rebase").run()
    months = at.selectbox(key="profile-spc-rebase").options
    assert "April 2024" in months
    at.selectbox(key="profile-spc-rebase").select("April 2024").run()
    assert not at.exception
    spc = subtitles(at, "spc-")
    assert all("Limits recalculated from Apr 2024" in s for s in spc.values())

    at.number_input(key="profile-spc-target").set_value(5.0).run()
    spc = subtitles(at, "spc-")
    for key, text in spc.items():
        has_icon = any(w in text for w in ("Consistently passing", "Consistently failing", "Hit"))
        assert has_icon is ("vacancy" in key), key


def test_outcomes_draws_a_funnel_for_an_indicator_given_as_a_fraction(demo_db_shared):
    at = open_page("outcomes")
    at.selectbox(key="indicator").set_value("fft_positive").run()
    assert not at.exception
    subtitle = subtitles(at, "outcome-funnel")["outcome-funnel"]
    assert "Centre line: the average over the 150 organisations" in subtitle
    assert "widened because organisations vary more than chance alone explains" in subtitle
    at.toggle(key="outcomes-funnel-adjust").set_value(False).run()
    assert "Limits allow for chance alone" in subtitles(at, "outcome-funnel")["outcome-funnel"]

    at.selectbox(key="indicator").set_value("shmi").run()
    assert "outcome-funnel" not in figures(at)
    assert any("No funnel plot for Summary Hospital-level" in c.value for c in at.caption)


def test_workforce_funnels_switch_between_adjusted_and_chance_limits(demo_db_shared):
    at = open_page("workforce")
    vacancy = subtitles(at, "funnel-vacancy")["funnel-vacancy"]
    assert "widened because organisations vary more than chance alone explains" in vacancy
    assert "Target" not in json.dumps(figures(at)["funnel-vacancy"])
    at.toggle(key="workforce-overdispersion").set_value(False).run()
    assert "Limits allow for chance alone" in subtitles(at, "funnel-vacancy")["funnel-vacancy"]


def test_outcomes_scan_table_opens_the_indicator_of_a_row(demo_db_shared):
    at = open_page("outcomes")
    table = next(d.value for d in at.dataframe if "q" in d.value.columns)
    assert table["q"].is_monotonic_increasing
    assert table["Indicator"].iloc[0] == "Staff turnover rate"  # a planted relationship
    assert any("tests were run" in t.value and "Benjamini-Hochberg" in t.value for t in at.text)
    names = measures.indicator_options(store_summaries(demo_db_shared, WINDOW)[0])
    code_of = dict(zip(names["name"], names["code"], strict=True))
    at.session_state["outcomes-scan"] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    assert not at.exception
    assert at.selectbox(key="indicator").value == code_of[table["Indicator"].iloc[1]]
    # the picker stays free afterwards
    at.selectbox(key="indicator").set_value("shmi").run()
    assert at.selectbox(key="indicator").value == "shmi"


def test_profile_tells_a_nil_return_from_no_return(demo_db_shared):
    from ahp_analytics import demo

    plan = demo.demo_categories()
    year = plan[plan["financial_year"] == WINDOW]
    nil = year.loc[year["returned"] & (year["category"] == "E"), "org_code"].iloc[0]
    missing = year.loc[~year["returned"], "org_code"].iloc[0]
    at = open_page("organisation", org=nil)
    assert "E. No AHP leadership posts" in [h.value for h in at.subheader]
    assert any("says the organisation has no AHP leadership posts" in c.value for c in at.caption)
    at.sidebar.selectbox(key="org").set_value(missing).run()
    assert not at.exception
    assert "Not returned" in [h.value for h in at.subheader]
    assert any(
        f"No leadership return in {WINDOW}: the arrangement is not known" in c.value
        for c in at.caption
    )
