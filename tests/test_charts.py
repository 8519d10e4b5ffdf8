"""Chart builders: what a user sees on each figure (limits, labels, colours, counts, notes)."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ahp_analytics.analysis import measures, stats
from ahp_analytics.domain.reference import BANDS, REGIONS
from ahp_analytics.present import charts, labels
from ahp_analytics.present.boardpack.pictures import browser_path
from ahp_analytics.present.charts import funnels

CATS = list(charts.CATEGORY_ORDER)


def _trace(fig: go.Figure, meta: str) -> go.Scatter:
    found = [t for t in fig.data if t.meta == meta]
    assert len(found) == 1, f"expected one trace with meta {meta!r}, got {len(found)}"
    return found[0]


def _notes(fig: go.Figure) -> str:
    """The notes under a chart's title (its subtitle) and its icons' words, as given."""
    text = charts.chart_text(fig)
    return " ".join([*(w for w, _ in text.icons), *text.notes])


def _texts(fig: go.Figure) -> str:
    """Everything a reader can see as words: title, subtitle, legend names, annotations."""
    parts = [fig.layout.title.text or "", _notes(fig)]
    parts += [t.name or "" for t in fig.data if t.showlegend is not False]
    parts += [a.text or "" for a in fig.layout.annotations]
    return " | ".join(parts).replace("<br>", " ")


@pytest.fixture
def funnel_df() -> pd.DataFrame:
    den = np.array([40, 60, 80, 100, 150, 200, 250, 300, 400, 500, 600, 800], dtype=float)
    num = np.round(den * np.resize([0.06, 0.14], len(den)))  # more spread than chance alone
    num[2] = 40  # 50% of 80: far above the funnel
    num[10] = 0  # 0% of 600: far below
    num[5] = 30  # 15% of 200: inside the 99.8% limits
    return pd.DataFrame(
        {"org": [f"Trust {i}" for i in range(len(den))], "vacancies": num, "established": den}
    )


def _funnel(df: pd.DataFrame, **kw) -> go.Figure:
    return charts.funnel_plot(
        df,
        "vacancies",
        "established",
        "org",
        "Vacancy rate by trust against established FTE",
        "Established FTE",
        "Vacancy rate (%)",
        **kw,
    )


@pytest.fixture
def groups_df() -> pd.DataFrame:
    counts = {CATS[0]: 2, CATS[1]: 4, CATS[2]: 6, CATS[3]: 7}
    rows = []
    for cat, n in counts.items():
        for i in range(n):
            rows.append({"category": cat, "value": 10.0 + i + len(rows), "org": f"{cat[:1]} {i}"})
    df = pd.DataFrame(rows)
    df["region"] = np.where(df.index % 2 == 0, "North East", "London")
    df["other"] = df["value"] * 2 + np.sin(df.index)
    return df


def _series(values, start="2022-04-01") -> pd.DataFrame:
    return pd.DataFrame(
        {"month": pd.date_range(start, periods=len(values), freq="MS"), "fte": values}
    )


def _spc(df: pd.DataFrame, higher_is_better=None) -> go.Figure:
    return charts.spc_chart(df, "fte", "month", "AHP FTE by month", "AHP FTE", higher_is_better)


BUILDERS = {
    "funnel_plot": lambda df: charts.funnel_plot(
        df, "n", "d", "org", "Funnel title", "Denominator (FTE)", "Proportion (%)"
    ),
    "spc_chart": lambda df: charts.spc_chart(df, "value", "month", "SPC title", "AHP FTE (FTE)"),
    "box_strip": lambda df: charts.box_strip(
        df, "value", "category", CATS, "Box title", "Value (%)", "org"
    ),
    "stacked_share": lambda df: charts.stacked_share(df, "category", "region", "Mix title"),
    "scatter_with_fit": lambda df: charts.scatter_with_fit(
        df, "value", "other", "org", "Scatter title", "Value (%)", "Other (FTE)", "category"
    ),
    "bar": lambda df: charts.bar(df, "org", "value", "Bar title", "Trust", "Value (FTE)"),
    "line": lambda df: charts.line(
        df, "month", "value", "Line title", "Month", "Value (FTE)", "region"
    ),
}
# title, x axis title, y axis title each builder should show for the calls above
EXPECTED_TITLES = {
    "funnel_plot": ("Funnel title", "Denominator (FTE)", "Proportion (%)"),
    "spc_chart": ("SPC title", "Month", "AHP FTE (FTE)"),
    "box_strip": ("Box title", "Value (%)", None),
    "stacked_share": ("Mix title", "Share of organisations (%)", None),
    "scatter_with_fit": ("Scatter title", "Value (%)", "Other (FTE)"),
    "bar": ("Bar title", "Trust", "Value (FTE)"),
    "line": ("Line title", "Month", "Value (FTE)"),
}


@pytest.fixture
def any_df() -> pd.DataFrame:
    """One frame with every column the builders above read."""
    n = 16
    return pd.DataFrame(
        {
            "org": [f"Trust {i}" for i in range(n)],
            "n": np.arange(n) + 5.0,
            "d": np.arange(n) * 10 + 50.0,
            "value": np.linspace(5, 20, n),
            "other": np.linspace(3, 1, n),
            "category": [CATS[i % 5] for i in range(n)],
            "region": ["North" if i % 2 else "South" for i in range(n)],
            "month": pd.date_range("2023-04-01", periods=n, freq="MS"),
        }
    )


# --- every builder -------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILDERS)
def test_builder_returns_a_titled_figure_in_house_style(name, any_df):
    fig = BUILDERS[name](any_df)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) > 0
    title, x_title, y_title = EXPECTED_TITLES[name]
    assert fig.layout.title.text == title
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == (x_title, y_title)
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert fig.layout.font.size >= 12
    assert charts.NO_DATA not in _texts(fig)


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("kind", ["no columns", "no rows", "all missing"])
def test_builder_with_no_data_says_so_instead_of_failing(name, kind, any_df):
    if kind == "no columns":
        df = pd.DataFrame()
    elif kind == "no rows":
        df = any_df.iloc[0:0]
    else:
        df = any_df.assign(**{c: np.nan for c in any_df.columns if c != "org"})
    fig = BUILDERS[name](df)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == [charts.NO_DATA]
    assert fig.layout.title.text


# --- funnel plot ---------------------------------------------------------------------------


def test_funnel_limit_curves_and_centre_line_are_those_of_stats(funnel_df):
    fig = _funnel(funnel_df)
    f = stats.funnel(funnel_df["vacancies"], funnel_df["established"], funnel_df["org"])
    assert f.adjusted  # rates of 6% and 14% vary more than chance alone
    for col in ("upper_95", "lower_95", "upper_998", "lower_998"):
        trace = _trace(fig, col)
        np.testing.assert_allclose(trace.x, f.limits["n"])
        np.testing.assert_allclose(trace.y, f.limits[col] * 100)
    centre = _trace(fig, "centre")
    np.testing.assert_allclose(centre.y, [f.p0 * 100, f.p0 * 100])
    assert centre.name == "Average" and f"{f.p0 * 100:.1f}%." in _notes(fig)
    assert "target" not in _texts(fig).lower()
    assert fig.layout.yaxis.ticksuffix == "%"


@pytest.mark.parametrize("x_title", ["Established FTE", "Established AHP FTE (in post + vacant)"])
def test_funnel_legend_is_short_words_in_rows_under_the_x_axis_title(funnel_df, x_title):
    """On a phone the plot is about 230 px wide: the entries are as wide as their words (no
    share of the plot each, which cut the longer ones), in an order that pairs short with
    long, under the axis title at a fixed distance; the plot area as tall in every case."""
    plots = set()
    for highlight in (None, "Trust 2"):
        fig = charts.funnel_plot(
            funnel_df, "vacancies", "established", "org", "t", x_title, "y", highlight=highlight
        )
        shown = [t for t in fig.data if t.showlegend is not False]
        names = [t.name for t in sorted(shown, key=lambda t: t.legendrank)]
        order = ["99.8% limits", "95% limits", "Average", "Outside 99.8%", "Outside 95%"]
        order += ["Inside 95%", "Chosen (ringed)"]
        assert names == [n for n in order if n in names]  # no point is between 95 and 99.8%
        assert len(names) == (6 if highlight else 5)
        legend = fig.layout.legend
        assert legend.orientation == "h" and legend.entrywidthmode != "fraction"
        assert legend.entrywidth is None and legend.yref == "paper" and legend.yanchor == "top"
        for page in (fig, charts.without_title(fig)):
            plot = page.layout.height - page.layout.margin.t - page.layout.margin.b
            plots.add(plot)
            lines = page.layout.xaxis.title.text.count("<br>") + 1
            below = -legend.y * plot  # px from the plot's bottom to the legend's top
            assert below == pytest.approx(60 + 23 * (lines - 1))
            rows = 4 if highlight else 3
            assert page.layout.margin.b >= below + 29 * rows  # room for the rows on a phone
    assert len(plots) == 1


def test_funnel_at_a_known_width_has_room_for_the_legend_rows_it_takes_there(funnel_df):
    """A picture of known width (the board pack's, 800 px) keeps room for the legend's rows
    at that width, not the three a phone needs: no empty band under a one-row legend; the
    plot area as tall as on a phone."""
    for highlight in (None, "Trust 2"):
        phone = _funnel(funnel_df, highlight=highlight)
        fig = _funnel(funnel_df, highlight=highlight, width=800)
        names = [t.name for t in fig.data if t.showlegend is not False]
        margins = fig.layout.margin.l + fig.layout.margin.r + funnels.Y_TICK_STANDOFF
        rows = funnels.legend_rows(names, 800 - margins)
        assert rows == (2 if highlight else 1)
        assert fig.layout.width == 800
        assert fig.layout.margin.b == funnels.LEGEND_TOP + funnels.LEGEND_ROW * rows + 13
        spare = (funnels.PHONE_LEGEND_ROWS + bool(highlight) - rows) * funnels.LEGEND_ROW
        assert phone.layout.margin.b - fig.layout.margin.b == spare > 0
        assert phone.layout.height - fig.layout.height == spare
        assert fig.layout.legend.y == phone.layout.legend.y  # as far under the plot
        assert phone.layout.width is None  # as wide as the page's column


def test_legend_rows_fill_each_row_left_to_right():
    """Entries as wide as their words (40 px of symbol, the text at 7.2 px a character at
    12 px, 5 px apart): a new row when the next would reach past the width."""
    assert funnels.legend_rows([], 700) == 0
    assert funnels.legend_rows(["x" * 200], 700) == 1  # wider than the plot: a row still
    five = ["99.8% limits", "95% limits", "Average", "Inside 95%", "Outside 99.8%"]
    assert funnels.legend_rows(five, 700) == 1  # 599.4 px
    assert funnels.legend_rows(five, 590) == 2
    assert funnels.legend_rows(five, 230) == 4  # "95% limits" and "Average" pair up
    assert funnels.legend_rows(five, 200) == 5  # one a row where no two fit
    assert funnels.legend_rows(["abc"] * 4, 4 * 66.6) == 1
    assert funnels.legend_rows(["abc"] * 4, 4 * 66.6 - 1) == 2


def test_funnel_y_tick_labels_stand_clear_of_the_origin_in_a_picture(funnel_df):
    """Both axes start at 0: in a picture (plotly's own style, as the board pack draws it) the
    y axis's "0%" stands off the plot, clear of the x axis's "0" under the corner, where they
    touched ("0%0"). Not on the dashboard, whose theme leaves them room: more there narrowed
    the plot on a phone, and a fourth row of legend ran past the room kept for three."""
    picture = _funnel(funnel_df, width=800)
    assert picture.layout.xaxis.range[0] == 0 and picture.layout.yaxis.range[0] == 0
    assert picture.layout.yaxis.ticklabelstandoff == funnels.Y_TICK_STANDOFF >= 8
    assert _funnel(funnel_df).layout.yaxis.ticklabelstandoff is None


@pytest.mark.slow
@pytest.mark.skipif(not Path(browser_path()).is_file(), reason="no Chromium to draw with")
def test_legend_rows_are_never_fewer_than_plotly_draws(funnel_df):
    """Drawn by plotly in Chromium (kaleido, as the board pack's pictures are): the rows of
    each funnel's legend, at widths from a phone's to a wide page, are at most those the
    figure kept room for (:func:`funnels.legend_rows`), so the legend never runs past it."""
    import kaleido

    y_titles = ("Vacancy rate (%)", "FTE in Band 8a and above (% of AHP FTE), two lines")
    figures = [
        charts.funnel_plot(
            part, "vacancies", "established", "org", "t", "x", y_title, highlight, width=width
        )
        for part in (funnel_df, funnel_df.drop(index=[2, 10]))
        for highlight in (None, "Trust 3")
        for y_title in y_titles
        for width in (390, 600, 800)
    ]

    async def draw() -> list[str]:
        async with kaleido.Kaleido(n=1, path=browser_path(), mathjax=False) as k:
            size = [{"width": f.layout.width, "height": f.layout.height} for f in figures]
            return [
                (await k.calc_fig(f, opts={"format": "svg"} | o)).decode()
                for f, o in zip(figures, size, strict=True)
            ]

    # In a thread of its own, as the board pack draws: an earlier test in this process may
    # have left an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        svgs = pool.submit(asyncio.run, draw()).result()
    for fig, svg in zip(figures, svgs, strict=True):
        legend = svg[svg.index('class="legend"') :]
        # Each entry a group, translated to its place in the legend: its row by y.
        places = re.findall(
            r'<g class="groups" transform="(?:translate\([\d.]+,\s*([\d.]+)\))?"', legend
        )
        names = [t.name for t in fig.data if t.showlegend is not False]
        assert len(places) == len(names)
        drawn = len({y or "0" for y in places})  # the first entry is not moved
        kept = (fig.layout.margin.b - funnels.LEGEND_TOP - 13) / funnels.LEGEND_ROW  # rows
        assert 1 <= drawn <= kept, (fig.layout.width, fig.layout.yaxis.title.text, names)


def test_funnel_limits_are_asymmetric_and_inside_zero_and_one(funnel_df):
    fig = _funnel(funnel_df, adjust=False)
    p0 = _trace(fig, "centre").y[0]
    upper, lower = np.array(_trace(fig, "upper_998").y), np.array(_trace(fig, "lower_998").y)
    assert (upper - p0 > p0 - lower).all()
    assert (lower >= 0).all() and (upper <= 100).all()


def test_funnel_subtitle_says_the_adjustment_in_words(funnel_df):
    adjusted = _funnel(funnel_df)
    text = _notes(adjusted)
    assert "widened because organisations vary more than chance alone explains" in text
    assert "phi" not in text
    plain = _funnel(funnel_df, adjust=False)
    unadjusted = stats.funnel(funnel_df["vacancies"], funnel_df["established"], adjust=False)
    np.testing.assert_allclose(_trace(plain, "upper_998").y, unadjusted.limits["upper_998"] * 100)
    assert "Limits allow for chance alone" in _notes(plain)
    assert _trace(plain, "upper_998").y[-1] < _trace(adjusted, "upper_998").y[-1]


def test_funnel_numbers_the_points_outside_998_and_lists_them(funnel_df):
    fig = _funnel(funnel_df)
    points = stats.funnel(funnel_df["vacancies"], funnel_df["established"], funnel_df["org"]).points
    expected = set(points.loc[points["outside_998"], "group"])
    assert expected == {"Trust 2", "Trust 10"}
    numbers = {a.text: a for a in fig.layout.annotations}
    assert sorted(numbers) == ["1", "2"]
    # 1 is the point furthest outside (largest |z|), and each number points at its point
    z = points.set_index("group")["z"].abs()
    first = z[list(expected)].idxmax()
    table = charts.funnel_table(funnel_df, "vacancies", "established", "org")
    assert list(table["label"]) == [first, (expected - {first}).pop()]
    assert list(table["number"]) == [1, 2]
    for row in table.itertuples():
        note = numbers[str(row.number)]
        assert (note.x, note.y) == pytest.approx((row.denominator, row.proportion_pct))
        assert note.hovertext == row.label
    assert list(table["side"]) == [
        "above" if p > 10 else "below" for p in table["proportion_pct"]
    ] and set(table["side"]) == {"above", "below"}
    # no name on the plot itself; every organisation plotted once, named on hover
    assert not any(t.text is not None for t in fig.data)
    plotted = [c[0] for t in fig.data if t.customdata is not None for c in t.customdata]
    assert sorted(plotted) == sorted(funnel_df["org"])
    outside = _trace(fig, "outside_998")
    assert "%{customdata[0]}" in outside.hovertemplate
    assert "Numerator" in outside.hovertemplate and "Denominator" in outside.hovertemplate


def test_funnel_numbers_the_few_furthest_and_the_table_lists_the_rest():
    # 12 organisations far outside: 5 numbered, 7 more in the table without a number
    den = np.geomspace(100, 2000, 200)
    num = np.round(den * 0.1)
    num[:12] = np.round(den[:12] * np.linspace(0.3, 0.5, 12))
    df = pd.DataFrame({"org": [f"T{i}" for i in range(200)], "n": num, "d": den})
    fig = charts.funnel_plot(df, "n", "d", "org", "t", "x", "y", adjust=False)
    table = charts.funnel_table(df, "n", "d", "org", adjust=False)
    assert len(fig.layout.annotations) <= charts.FUNNEL_NUMBERED
    assert len(table) == 12
    numbered = table[table["number"].notna()]
    assert list(numbered["number"]) == list(range(1, len(numbered) + 1))
    assert table["number"].isna().sum() == 12 - len(numbered)
    # the numbered ones are the furthest out
    f = stats.funnel(df["n"], df["d"], df["org"], adjust=False)
    furthest = f.points.assign(z=f.points["z"].abs()).nlargest(charts.FUNNEL_NUMBERED, "z")
    assert set(numbered["label"]) <= set(furthest["group"]) and len(numbered) >= 3
    assert "12 organisations outside the 99.8% limits (12 above, 0 below)" in " ".join(
        charts.chart_text(fig).notes
    )


def test_funnel_numbers_never_overlap_or_leave_the_plot(funnel_df):
    """At the narrowest and widest plot area the labels are placed for, every two number
    boxes are apart and each box is inside the plot."""
    den = np.geomspace(50, 3000, 60)
    rng = np.random.default_rng(1)
    num = np.round(den * rng.uniform(0.02, 0.3, len(den)))
    df = pd.DataFrame({"org": [f"T{i}" for i in range(len(den))], "n": num, "d": den})
    fig = charts.funnel_plot(df, "n", "d", "org", "t", "x", "y", adjust=False)
    notes = fig.layout.annotations
    assert len(notes) >= 2
    area = labels.Area()
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    w, h = area.box
    for width in area.widths:
        boxes = []
        for a in notes:
            cx = (a.x - x0) / (x1 - x0) * width + a.ax
            cy = (1 - (a.y - y0) / (y1 - y0)) * area.height + a.ay
            assert w / 2 <= cx <= width - w / 2 and h / 2 <= cy <= area.height - h / 2
            boxes.append((cx, cy))
        for i, (ax, ay) in enumerate(boxes):
            for bx, by in boxes[i + 1 :]:
                assert abs(ax - bx) >= w or abs(ay - by) >= h


def test_funnel_notes_agree_with_the_points_drawn_outside():
    """Limits not widened although points lie outside them: the notes count those points and
    do not say the organisations vary no more than chance allows, as if none did."""
    den = np.full(30, 500.0)
    num = np.round(den * np.resize([0.09, 0.1, 0.11], 30))
    num[:3] = [5, 6, 140]
    df = pd.DataFrame({"org": [f"T{i}" for i in range(30)], "n": num, "d": den})
    f = stats.funnel(df["n"], df["d"], df["org"])
    assert f.requested and not f.adjusted and f.points["outside_998"].sum() == 3
    text = " ".join(charts.chart_text(charts.funnel_plot(df, "n", "d", "org", "t", "x", "y")).notes)
    assert "3 organisations outside the 99.8% limits (1 above, 2 below)" in text
    assert "apart from the most extreme tenth at each end" in text
    assert "Organisations vary no more than chance alone explains" not in text


def test_funnel_highlight_rings_the_chosen_organisation(funnel_df):
    fig = _funnel(funnel_df, highlight="Trust 7")
    ring = _trace(fig, "highlight")
    assert ring.x[0] == 300
    assert ring.y[0] == pytest.approx(100 * funnel_df.loc[7, "vacancies"] / 300)
    assert not any(t.meta == "highlight" for t in _funnel(funnel_df).data)


def test_funnel_counts_rows_without_denominator(funnel_df):
    df = funnel_df.copy()
    df.loc[0, "established"] = 0
    fig = _funnel(df)
    assert "1 organisation left out" in _notes(fig)
    plotted = [c[0] for t in fig.data if t.customdata is not None for c in t.customdata]
    assert "Trust 0" not in plotted


def test_funnel_adds_up_the_rows_of_one_organisation(funnel_df):
    df = funnel_df.assign(code=[f"T{i}" for i in range(len(funnel_df))])
    extra = df.iloc[[3]].assign(vacancies=30.0, established=100.0)  # Trust 3 again
    fig = charts.funnel_plot(
        pd.concat([df, extra]), "vacancies", "established", "org", "t", "x", "y", group="code"
    )
    rows = [c for t in fig.data if t.customdata is not None for c in t.customdata]
    assert len(rows) == len(funnel_df)
    trust_3 = next(c for c in rows if c[0] == "Trust 3")
    assert list(trust_3[1:]) == [funnel_df.loc[3, "vacancies"] + 30, 200]


# --- SPC chart -----------------------------------------------------------------------------


def _spike_series() -> pd.DataFrame:
    values = [10.0, 10.4, 9.7, 10.2, 9.9, 10.3, 9.8, 10.1, 9.6, 10.2] * 2
    values[14] = 16.0  # planted: far above the upper process limit
    return _series(values)


def _subtitle(fig: go.Figure) -> str:
    return _notes(fig)


@pytest.mark.parametrize(
    ("higher_is_better", "expected"),
    [
        (True, "special cause improvement"),
        (False, "special cause concern"),
        (None, "special cause neither"),
    ],
)
def test_spc_markers_are_coloured_by_variation(higher_is_better, expected):
    df = _spike_series()
    fig = _spc(df, higher_is_better)
    res = stats.xmr(df["fte"], df["month"], higher_is_better=higher_is_better)
    assert res.loc[14, "variation"] == expected
    colour_of = {}
    for trace in fig.data:
        if trace.mode == "markers":
            for x in trace.x:
                colour_of[pd.Timestamp(x)] = trace.marker.color
    assert len(colour_of) == len(df)
    assert colour_of[pd.Timestamp(df.loc[14, "month"])] == charts.SPC_COLOURS[expected]
    for _, row in res.iterrows():
        assert colour_of[pd.Timestamp(row["date"])] == charts.SPC_COLOURS[row["variation"]]


def test_spc_hover_names_the_rule_that_fired():
    fig = _spc(_spike_series(), True)
    special = _trace(fig, "special cause improvement")
    assert "beyond a process limit" in special.customdata[0][0]
    assert "%{customdata[0]}" in special.hovertemplate
    assert "%{x|%b %Y}" in special.hovertemplate
    common = _trace(fig, "common cause")
    assert all(c[0] == "Common cause variation" for c in common.customdata)


def test_spc_average_and_dashed_limits_match_xmr():
    df = _spike_series()
    fig = _spc(df, True)
    res = stats.xmr(df["fte"], df["month"])
    mean = _trace(fig, "mean")
    np.testing.assert_allclose(mean.y, res["mean"])
    assert "Average" in mean.name and "Mean" not in _texts(fig)
    for side in ("upper", "lower"):
        trace = _trace(fig, side)
        np.testing.assert_allclose(trace.y, res[side])
        assert trace.line.dash == "dash"
    assert _trace(fig, "value_line").line.color == charts.SPC_LINE_COLOUR
    assert "Limits from all 20 points" in _subtitle(fig)


@pytest.mark.parametrize(("n", "provisional"), [(12, True), (13, False)])
def test_spc_says_when_limits_are_provisional(n, provisional):
    values = [10.0, 10.4, 9.7, 10.2, 9.9, 10.3, 9.8, 10.1, 9.6, 10.2, 10.0, 9.9, 10.1][:n]
    text = _texts(_spc(_series(values))).lower()
    assert ("provisional limits (fewer than 13 points)" in text) is provisional
    assert ("provisional" in text) is provisional


@pytest.mark.parametrize("n", [1, 5])
def test_spc_fewer_than_six_points_is_a_run_chart(n):
    fig = _spc(_series([4.0, 5.0, 4.5, 4.2, 4.8][:n]))
    assert not any(t.meta in ("upper", "lower") for t in fig.data)
    assert "Too few points for process limits (at least 6)" in _subtitle(fig)
    assert "Too few" not in _subtitle(_spc(_series([4.0, 5.0, 4.5, 4.2, 4.8, 4.4])))


def test_spc_month_axis_is_labelled_by_month_from_month_end_dates():
    df = _spike_series()
    df["month"] = df["month"] + pd.offsets.MonthEnd(0)  # period ends, as the pages pass them
    fig = _spc(df, True)
    axis = fig.layout.xaxis
    assert axis.tickformat == "%b %Y" and axis.hoverformat == "%b %Y"
    assert axis.dtick == "M3"  # 20 months: a tick every quarter
    xs = [pd.Timestamp(x) for x in _trace(fig, "value_line").x]
    assert all(x.day == 1 and x.hour == 0 for x in xs)
    assert _spc(_series([1.0, 2.0] * 4)).layout.xaxis.dtick == "M1"


def test_spc_missing_month_is_a_gap_in_the_line():
    df = _spike_series().drop(index=5)
    fig = _spc(df, True)
    line = _trace(fig, "value_line")
    assert len(line.y) == 20 and np.isnan(line.y[5])
    marked = [pd.Timestamp(x) for t in fig.data if t.mode == "markers" for x in t.x]
    assert len(marked) == 19 and _series([0.0] * 20)["month"][5] not in marked


def test_spc_baseline_and_rebase_are_stated_and_drawn():
    df = _series([10.0, 10.4, 9.8, 10.2, 9.9, 10.3] * 2 + [14.0, 14.4, 13.8, 14.2] * 3)
    fixed = charts.spc_chart(df, "fte", "month", "t", "y", False, baseline=12)
    assert "Limits fixed on the first 12 points (Apr 2022 to Mar 2023)" in _subtitle(fixed)
    rebased = charts.spc_chart(df, "fte", "month", "t", "y", False, rebase=[df["month"][12]])
    assert "Limits recalculated from Apr 2023" in _subtitle(rebased)
    mean = _trace(rebased, "mean")
    assert mean.y[12] is None and len(mean.y) == 25  # one line per part
    assert len(rebased.layout.shapes) == 1  # the rebase marked on the axis
    assert "Special cause" not in _texts(rebased)
    assert "Special cause: concern" in _texts(_spc(df, False))  # limits over both parts


def test_spc_variation_and_assurance_icons():
    df = _series([10.0, 10.4, 9.7, 10.2, 9.9, 10.3, 9.8, 10.1, 9.6, 10.2] * 2 + [16.0])
    fig = charts.spc_chart(df, "fte", "month", "t", "y", False, target=12.0)
    text = _subtitle(fig)
    # the latest point's icon, named by its month: it is beyond the upper limit
    assert "Dec 2023: special cause concern, higher" in text
    assert "Consistently passing the target" in text  # 12 is above the upper limit
    assert _trace(fig, "target").y[0] == 12.0
    inside = charts.spc_chart(df, "fte", "month", "t", "y", False, target=10.0)
    assert "Hit and miss" in _subtitle(inside)
    failing = charts.spc_chart(df, "fte", "month", "t", "y", True, target=12.0)
    assert "Consistently failing the target" in _subtitle(failing)
    assert "target" not in _subtitle(charts.spc_chart(df, "fte", "month", "t", "y", False))
    no_direction = charts.spc_chart(df, "fte", "month", "t", "y", None, target=12.0)
    assert "target" not in _subtitle(no_direction).lower()
    assert "Nov 2023: common cause variation" in _subtitle(_spc(df.iloc[:20], False))


def test_spc_and_funnel_builders_are_split_into_short_functions():
    for name, fn in inspect.getmembers(charts, inspect.isfunction):
        if fn.__module__ == charts.__name__ and ("spc" in name or "funnel" in name):
            assert len(inspect.getsource(fn).splitlines()) <= 100, name


# --- box and strip -------------------------------------------------------------------------


def test_box_strip_ticks_carry_n_and_flag_small_groups(groups_df):
    fig = charts.box_strip(
        groups_df, "value", "category", CATS, "Value by leadership arrangement", "Value (%)", "org"
    )
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == 5
    assert ticks[0].startswith("A. AHP executive on") and ticks[0].endswith("<br>n = 2, small")
    assert ticks[1].endswith("<br>n = 4, small")
    assert ticks[2].endswith("<br>n = 6")
    assert ticks[3].endswith("<br>n = 7")
    assert ticks[4].endswith("<br>n = 0")  # shown, empty, not called small
    assert list(fig.layout.yaxis.tickvals) == [0, 1, 2, 3, 4]
    assert "fewer than 5" in _notes(fig)
    # the values run along the x axis, named by y_title; the first group is at the top
    assert fig.layout.xaxis.title.text == "Value (%)"
    assert list(fig.layout.yaxis.range) == [4.5, -0.5]


def test_box_strip_labels_wrap_whole_words_and_have_room_on_a_phone(groups_df):
    """Upright boxes gave each group about 50 px on a phone, and labels ran into each other
    or broke words ("Profess" over "ional"). Horizontal boxes put the labels in the left
    margin, in lines of at most BOX_TICK characters, and the figure grows with them."""
    fig = charts.box_strip(groups_df, "value", "category", CATS, "V", "V (%)", "org")
    ticks = list(fig.layout.yaxis.ticktext)
    lines = [line for t in ticks for line in t.split("<br>")[:-1]]
    assert all(len(line) <= charts.BOX_TICK for line in lines)
    assert "D. Professional leads" in lines  # whole words
    rows = sum(t.count("<br>") + 1 for t in ticks)
    height = fig.layout.height or charts.HEIGHT
    assert height - fig.layout.margin.t - fig.layout.margin.b >= rows * 16


def test_box_strip_points_are_every_organisation_with_hover(groups_df):
    fig = charts.box_strip(groups_df, "value", "category", CATS, "Value", "Value (%)", "org")
    boxes = [t for t in fig.data if t.type == "box"]
    points = [t for t in fig.data if t.type == "scatter"]
    assert [b.y0 for b in boxes] == [0, 1, 2, 3]
    assert all(b.orientation == "h" for b in boxes)
    assert sorted(v for t in points for v in t.text) == sorted(groups_df["org"])
    assert all("%{text}" in t.hovertemplate and "%{x" in t.hovertemplate for t in points)
    for i, t in enumerate(points):
        assert np.all(np.abs(np.asarray(t.y) - i) <= 0.15)


def test_box_strip_jitter_is_deterministic(groups_df):
    def xs():
        fig = charts.box_strip(groups_df, "value", "category", CATS, "V", "V (%)", "org")
        return [list(t.y) for t in fig.data if t.type == "scatter"]

    first = xs()
    assert first == xs()
    assert len(set(first[3])) > 1  # jittered, not a column of points


# --- colours -------------------------------------------------------------------------------


def test_one_distinct_colour_per_category_shared_by_every_builder():
    assert charts.CATEGORY_ORDER is measures.CATEGORIES  # one definition of the labels
    # the five arrangements, then Not returned (no leadership return) in grey
    assert list(charts.CATEGORY_COLOURS) == [*CATS, "Not returned"]
    assert len(set(charts.CATEGORY_COLOURS.values())) == 6
    assert charts.CATEGORY_COLOURS["Not returned"] == charts.MISSING_COLOUR
    for fn in (charts.box_strip, charts.stacked_share, charts.scatter_with_fit):
        assert inspect.signature(fn).parameters["colours"].default is charts.CATEGORY_COLOURS


def test_category_colours_are_the_ones_drawn(groups_df):
    box = charts.box_strip(groups_df, "value", "category", CATS, "V", "V (%)", "org")
    share = charts.stacked_share(groups_df, "category", "region", "Mix")
    scatter = charts.scatter_with_fit(
        groups_df, "value", "other", "org", "S", "V (%)", "O (FTE)", "category"
    )
    for t in box.data:
        colour = t.line.color if t.type == "box" else t.marker.color
        assert colour == charts.CATEGORY_COLOURS[t.name]
    for fig in (share, scatter):
        assert {t.name: t.marker.color for t in fig.data} == {
            c: charts.CATEGORY_COLOURS[c] for c in CATS[:4]
        }


def test_spc_colours_are_four_distinct():
    assert set(charts.SPC_COLOURS) == {
        "common cause",
        "special cause improvement",
        "special cause concern",
        "special cause neither",
    }
    assert len(set(charts.SPC_COLOURS.values())) == 4


# --- stacked share, scatter, bar, line -----------------------------------------------------


def test_stacked_share_rows_add_to_100_with_n_in_labels(groups_df):
    fig = charts.stacked_share(groups_df, "category", "region", "Leadership mix by region")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == CATS[:4]  # in category order, empty E left out
    labels = list(fig.data[0].y)
    assert labels == ["London (n = 9)", "North East (n = 10)"]
    totals = np.sum([np.asarray(t.x, dtype=float) for t in fig.data], axis=0)
    np.testing.assert_allclose(totals, [100, 100])
    london = groups_df[groups_df["region"] == "London"]
    d_count = int((london["category"] == CATS[3]).sum())
    d_trace = fig.data[3]
    assert list(d_trace.customdata[0]) == [d_count, 9]
    assert d_trace.x[0] == pytest.approx(100 * d_count / 9)
    assert "%{customdata[0]} of %{customdata[1]}" in d_trace.hovertemplate


def test_stacked_share_writes_each_share_on_its_bar_in_a_readable_colour(groups_df):
    fig = charts.stacked_share(groups_df, "category", "region", "Leadership mix by region")
    for trace in fig.data:
        assert trace.texttemplate == "%{x:.0f}%" and trace.textposition == "inside"
        assert trace.textangle == 0  # never turned on its side
        background = trace.marker.color
        ink = trace.textfont.color
        lum = [charts._luminance(c) for c in (background, ink)]
        assert (max(lum) + 0.05) / (min(lum) + 0.05) >= 4.5, trace.name  # WCAG AA
    # too narrow a segment hides its share rather than shrinking or overlapping it
    assert fig.layout.uniformtext.mode == "hide" and fig.layout.uniformtext.minsize >= 11
    # tick labels: the group, then its count, on lines of their own
    assert list(fig.layout.yaxis.ticktext) == ["London<br>n = 9", "North East<br>n = 10"]
    assert list(fig.layout.yaxis.tickvals) == list(fig.data[0].y)


def test_stacked_share_is_tall_enough_for_labels_of_several_lines():
    """Seven regions whose labels take two or three lines each: the figure grows so that each
    bar's label has room beside it (at 450 px the labels ran into each other)."""
    regions = list(REGIONS)
    df = pd.DataFrame(
        {
            "category": [CATS[i % 5] for i in range(70)],
            "region": [regions[i % 7] for i in range(70)],
        }
    )
    df.loc[df.index[:3], "category"] = None
    fig = charts.stacked_share(df, "category", "region", "Mix", missing_label="not returned")
    lines = sum(t.count("<br>") + 1 for t in fig.layout.yaxis.ticktext)
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert lines >= 15 and plot_height >= lines * 16
    two = charts.stacked_share(df[df["region"].isin(regions[:2])], "category", "region", "Mix")
    assert two.layout.height is None  # two short labels: the house height is enough


def test_horizontal_bar_wraps_long_labels_and_grows_with_them():
    rules = [f"A rule with a long name that says what it checks, number {i}" for i in range(6)]
    df = pd.DataFrame({"rule": rules, "organisations": range(6)})
    fig = charts.bar(df, "organisations", "rule", "Flags", "Organisations", "Rule", orientation="h")
    ticks = list(fig.layout.yaxis.ticktext)
    assert all(len(line) <= 22 for t in ticks for line in t.split("<br>"))
    assert list(fig.layout.yaxis.tickvals) == list(fig.data[0].y)
    lines = sum(t.count("<br>") + 1 for t in ticks)
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= lines * 16


def test_not_returned_is_a_grey_group_on_a_box_chart_and_counted_beside_shares(groups_df):
    df = pd.concat(
        [
            groups_df,
            pd.DataFrame(
                {"category": [None] * 3, "value": [1.0, 2.0, 3.0], "org": ["x", "y", "z"]}
            ).assign(region=["London", "London", "North East"], other=1.0),
        ],
        ignore_index=True,
    )
    df["shown"] = measures.with_not_returned(df["category"])
    box = charts.box_strip(df, "value", "shown", None, "V", "V (%)", "org")
    grey = [t for t in box.data if t.name == "Not returned"]
    assert grey and all(
        (t.line.color if t.type == "box" else t.marker.color) == charts.MISSING_COLOUR for t in grey
    )
    assert box.layout.yaxis.ticktext[-1].startswith("Not returned<br>n = 3")
    # shares leave them out; the labels count them
    share = charts.stacked_share(df, "category", "region", "Mix", missing_label="not returned")
    assert list(share.data[0].y) == [
        "London (n = 9; 2 not returned)",
        "North East (n = 10; 1 not returned)",
    ]
    totals = np.sum([np.asarray(t.x, dtype=float) for t in share.data], axis=0)
    np.testing.assert_allclose(totals, [100, 100])
    plain = charts.stacked_share(df, "category", "region", "Mix")
    assert list(plain.data[0].y) == ["London (n = 9)", "North East (n = 10)"]


def test_scatter_hover_names_organisations_and_states_rank_correlation(groups_df):
    fig = charts.scatter_with_fit(
        groups_df, "value", "other", "org", "Other rises with value", "Value (%)", "Other (FTE)"
    )
    assert len(fig.data) == 1
    assert list(fig.data[0].text) == list(groups_df["org"])
    assert "%{text}" in fig.data[0].hovertemplate
    corr = stats.spearman(groups_df["value"], groups_df["other"])
    sub = _notes(fig)
    assert f"rho = {corr.rho:.2f}" in sub and f"n = {len(groups_df)}" in sub
    assert "not causation" in sub


def test_scatter_counts_rows_left_out(groups_df):
    df = groups_df.copy()
    df.loc[[0, 1], "other"] = np.nan
    fig = charts.scatter_with_fit(df, "value", "other", "org", "S", "V (%)", "O (FTE)")
    assert len(fig.data[0].x) == len(df) - 2
    assert "2 organisations left out" in _notes(fig)


def test_bar_orientation(groups_df):
    v = charts.bar(groups_df, "org", "value", "FTE by trust", "Trust", "AHP FTE")
    h = charts.bar(groups_df, "value", "org", "FTE by trust", "AHP FTE", "Trust", orientation="h")
    assert v.data[0].orientation == "v" and h.data[0].orientation == "h"
    assert list(h.data[0].y) == list(groups_df["org"])
    assert h.layout.yaxis.autorange == "reversed"
    assert v.data[0].marker.color == charts.NHS_BLUE
    with pytest.raises(ValueError, match="orientation"):
        charts.bar(groups_df, "org", "value", "t", "x", "y", orientation="x")


def test_line_one_sorted_trace_per_group(any_df):
    shuffled = any_df.sample(frac=1, random_state=3)
    fig = charts.line(shuffled, "month", "value", "FTE by month", "Month", "FTE", "region")
    assert sorted(t.name for t in fig.data) == ["North", "South"]
    for t in fig.data:
        xs = pd.to_datetime(pd.Series(t.x))
        assert xs.is_monotonic_increasing and len(xs) == 8
    assert len({t.line.color for t in fig.data}) == 2
    single = charts.line(any_df, "month", "value", "FTE by month", "Month", "FTE")
    assert len(single.data) == 1 and single.data[0].line.color == charts.NHS_BLUE


# --- text from data ------------------------------------------------------------------------

# A name as a hostile file could give it: a link, a format, an entity and a hover variable.
HOSTILE = '<a href="http://payload.invalid/x">PWN</a><b>B</b> &amp; %{meta}'
HOSTILE_BUILDERS = {
    "funnel_plot": lambda df: charts.funnel_plot(
        df, "n", "d", "org", HOSTILE, HOSTILE, HOSTILE, highlight=df["org"].iloc[0]
    ),
    "spc_chart": lambda df: charts.spc_chart(df, "value", "month", HOSTILE, HOSTILE),
    "box_strip": lambda df: charts.box_strip(
        df, "value", "region", None, HOSTILE, HOSTILE, "org", colours={}
    ),
    "stacked_share": lambda df: charts.stacked_share(df, "region", "org", HOSTILE, colours={}),
    "scatter_with_fit": lambda df: charts.scatter_with_fit(
        df, "value", "other", "org", HOSTILE, HOSTILE, HOSTILE, "region", colours={}
    ),
    "bar": lambda df: charts.bar(df, "org", "value", HOSTILE, HOSTILE, HOSTILE),
    "bar_h": lambda df: charts.bar(
        df, "value", "region", HOSTILE, HOSTILE, HOSTILE, orientation="h"
    ),
    "line": lambda df: charts.line(df, "month", "value", HOSTILE, HOSTILE, HOSTILE, "region"),
    "line_text_x": lambda df: charts.line(df, "org", "value", HOSTILE, HOSTILE, HOSTILE),
    "empty_figure": lambda df: charts.empty_figure(HOSTILE, HOSTILE, HOSTILE),
}


def _strings(obj, path=()):
    """Every text in a figure's JSON with where it is, e.g. (('data', 0, 'name'), '...')."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, (*path, k))
    elif isinstance(obj, list | tuple | np.ndarray):
        for i, v in enumerate(obj):
            yield from _strings(v, (*path, i))


@pytest.mark.parametrize("name", HOSTILE_BUILDERS)
def test_text_from_data_is_shown_as_typed_never_as_markup(name, any_df):
    """Plotly renders <a href>, <b>... in names, labels, titles, ticks and hover text: every
    text from data is escaped once (so it reads as typed) and never written into a hover
    template, where %{...} would be filled in."""
    df = any_df.assign(
        org=[f"{HOSTILE} {i}" for i in range(len(any_df))],
        region=[HOSTILE if i % 2 else "South" for i in range(len(any_df))],
    )
    fig = HOSTILE_BUILDERS[name](df)

    texts = list(_strings(fig.to_plotly_json()))
    assert not [(p, t) for p, t in texts if "<a " in t or "<b>B" in t or "&amp; %" in t]
    shown = charts.escape(HOSTILE)
    assert shown.startswith("&lt;a href") and "&amp;amp;" in shown
    assert any(shown in t for _, t in texts)
    templates = [t for p, t in texts if p[-1] == "hovertemplate"]
    assert not [t for t in templates if "payload.invalid" in t or "%{meta}" in t]
    assert fig.layout.title.text == shown


# --- text outside the figure, shared ranges ---------------------------------------------------


def test_chart_text_gives_title_and_notes_whole_for_the_page_to_wrap(funnel_df):
    title = "Share of AHP FTE in Band 8a and above by organisation size, 2024/25 <b>&</b>"
    fig = charts.funnel_plot(funnel_df, "vacancies", "established", "org", title, "x", "y")
    text = charts.chart_text(fig)
    assert text.title == title
    assert text.notes[0].startswith("Centre line: the average over the 12 organisations")
    assert all("<br>" not in n for n in text.notes)  # sentences, not pre-wrapped lines
    shown = charts.without_title(fig)
    assert not shown.layout.title.text and not shown.layout.title.subtitle.text
    assert shown.layout.margin.t < fig.layout.margin.t
    # the plot area keeps its height: only the room the title took is given back
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert shown.layout.height - shown.layout.margin.t - shown.layout.margin.b == plot
    assert fig.layout.title.text  # the figure itself is unchanged


def test_without_title_copies_all_but_the_title_in_the_house_template(funnel_df, monkeypatch):
    df = funnel_df.assign(org=[f"{HOSTILE} {i}" for i in range(len(funnel_df))])
    fig = charts.funnel_plot(
        df, "vacancies", "established", "org", "t", "x", "y", highlight=f"{HOSTILE} 2"
    )
    before = fig.to_plotly_json()
    monkeypatch.setattr(pio.templates, "default", "plotly")  # as Streamlit sets it on import
    shown = charts.without_title(fig)
    assert shown.layout.template.layout.plot_bgcolor == "white"  # plotly_white's
    spec, copy = json.loads(pio.to_json(fig)), json.loads(pio.to_json(shown))
    assert copy["data"] == spec["data"]  # the texts escaped once, as in the figure
    assert shown.data[-1].name == "Chosen (ringed)"
    for key in ("height", "title", "margin", "template"):
        spec["layout"].pop(key), copy["layout"].pop(key)
    assert copy["layout"] == spec["layout"]
    assert pio.to_json(fig.to_plotly_json()) == pio.to_json(before)  # fig unchanged


def test_spc_icons_come_with_a_badge_colour():
    values = [10.0] * 7 + [14.0] * 8
    fig = charts.spc_chart(_series(values), "fte", "month", "t", "y", True)
    icons = charts.chart_text(fig).icons
    assert icons == (("Jun 2023: special cause improvement, higher", "blue"),)


def test_upright_bars_can_have_short_tick_labels_and_keep_whole_names_on_hover():
    bands = ["Band 5", "Band 8a", "VSM", "<b>Band</b> 9"]
    df = pd.DataFrame({"band": bands, "fte": [4.0, 3.0, 2.0, 1.0]})
    short = {b: b.removeprefix("Band ") for b in bands}
    fig = charts.bar(df, "band", "fte", "t", "Agenda for Change band", "FTE", tick_text=short)
    axis = fig.layout.xaxis
    # In two rows, the long last one over two lines: side by side they would not fit a phone.
    ticks = [t.replace("<br>", " ").strip() for t in axis.ticktext]
    assert ticks == ["5", "8a", "VSM", "&lt;b&gt;Band&lt;/b&gt; 9"]
    assert list(axis.tickvals) == list(fig.data[0].x)  # a tick under each bar, escaped alike
    assert fig.data[0].x[1] == "Band 8a" and "%{x}" in fig.data[0].hovertemplate
    plain = charts.bar(df, "band", "fte", "t", "Band", "FTE")
    assert plain.layout.xaxis.type == "category"
    ticks = [t.replace("<br>", " ").strip() for t in plain.layout.xaxis.ticktext]
    assert ticks == list(plain.data[0].x)  # the whole names, in two rows as they are wide
    few = charts.bar(df.head(2), "band", "fte", "t", "Band", "FTE")
    assert few.layout.xaxis.ticktext is None  # two fit side by side: plotly's own ticks


def _band_bars(bands: list[str]) -> go.Figure:
    """The workforce page's bars of FTE by band (short tick labels), over ``bands``."""
    df = pd.DataFrame({"band": bands, "fte": [float(i + 1) for i in range(len(bands))]})
    short = {b: b.removeprefix("Band ") for b in bands}
    return charts.bar(df, "band", "fte", "t", "Agenda for Change band", "FTE", tick_text=short)


def test_every_band_is_labelled_upright_in_two_rows_where_one_would_not_fit_a_phone():
    """All 14 bands (VSM and Non-AfC among them) are too many side by side for a phone's plot,
    where plotly turned the labels on their side: every other one is a line lower, each whole
    and upright ("Non-" over "AfC"), the font at the dashboard's tick size."""
    bands = list(BANDS.labels)
    assert len(bands) == 14
    axis = _band_bars(bands).layout.xaxis
    texts = [b.removeprefix("Band ") for b in bands]
    assert axis.tickangle == 0 and axis.tickfont.size == 12
    assert list(axis.tickvals) == bands
    for i, (tick, text) in enumerate(zip(axis.ticktext, texts, strict=True)):
        lines = tick.split("<br>")
        assert (lines[0] == "") == (i % 2 == 1)  # every other one a line lower
        assert "".join(lines) == text  # whole: "Non-AfC" as "Non-" over "AfC"
    assert axis.ticktext[-1] == "<br>Non-<br>AfC" and axis.ticktext[-2] == "VSM"


def test_band_labels_that_fit_a_phone_side_by_side_stay_in_one_row():
    """The demonstration's eight bands fit side by side on a phone: one row, as plotly places
    them; so do many more whose labels are a character each. Too many even for two rows are
    left to plotly, which turns them."""
    fits = _band_bars([f"Band {b}" for b in ("3", "4", "5", "6", "7", "8a", "8b", "8c")])
    assert fits.layout.xaxis.tickangle is None
    assert list(fits.layout.xaxis.ticktext) == ["3", "4", "5", "6", "7", "8a", "8b", "8c"]
    assert _band_bars(list("ABCDEFGHIJKLM")).layout.xaxis.tickangle is None
    crowded = _band_bars([f"Group {i:02d}" for i in range(40)]).layout.xaxis
    assert crowded.tickangle is None and not any("<br>" in t for t in crowded.ticktext)


def test_long_axis_titles_wrap():
    df = pd.DataFrame({"g": ["a", "b"], "v": [1.0, 2.0]})
    long = "FTE in Band 8a and above (% of AHP FTE in post)"
    fig = charts.bar(df, "g", "v", "t", "Group", long)
    lines = fig.layout.yaxis.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.AXIS_TITLE_WIDTH for line in lines)
    assert " ".join(lines) == long
    assert charts.bar(df, "g", "v", "t", "Group", "Value (%)").layout.yaxis.title.text == (
        "Value (%)"
    )


def test_charts_side_by_side_share_one_range():
    own = _series([380.0 + i for i in range(12)], start="2024-04-01")
    peers = _series([300.0 + i for i in range(24)], start="2023-04-01")
    a = charts.spc_chart(own, "fte", "month", "Own", "FTE")
    b = charts.spc_chart(peers, "fte", "month", "Peers", "FTE")
    charts.share_range([a, b], "x")
    charts.share_range([a, b], "y")
    assert a.layout.xaxis.range == b.layout.xaxis.range
    assert pd.Timestamp(a.layout.xaxis.range[0]) <= pd.Timestamp("2023-04-01")
    assert pd.Timestamp(a.layout.xaxis.range[1]) >= pd.Timestamp("2025-03-01")
    low, high = a.layout.yaxis.range
    assert a.layout.yaxis.range == b.layout.yaxis.range and low < 300 and high > 391


def test_a_funnel_s_percentage_axis_covers_its_points_and_limits_not_from_0():
    """Rates between 82% and 100% (as Friends and Family Test responses are) fill the plot,
    with a little room either side, instead of its top fifth; rates near 0 start from 0."""
    den = np.geomspace(500, 40_000, 80)
    rate = np.resize([0.90, 0.93, 0.96, 0.92], len(den))
    rate[:3] = [0.995, 0.823, 0.99]
    df = pd.DataFrame({"org": [f"T{i}" for i in range(len(den))], "n": np.round(den * rate)})
    df["d"] = den
    fig = charts.funnel_plot(df, "n", "d", "org", "FFT", "Responses", "Positive (%)")
    low, high = fig.layout.yaxis.range
    drawn = [v for t in fig.data for v in t.y if v is not None]
    assert low <= min(drawn) and max(drawn) <= high <= 100  # every point and limit shown
    assert 75 < low < min(drawn) - 0.5  # from near the lowest, with room below it
    assert (min(drawn) - low) / (high - low) < 0.1
    vacancies = df.assign(n=np.round(den * np.resize([0.02, 0.05, 0.08], len(den))))
    low, high = charts.funnel_plot(vacancies, "n", "d", "org", "t", "x", "y").layout.yaxis.range
    assert low == 0 and high < 15


def test_a_scatter_over_whole_levels_ticks_each_level_not_half_steps():
    """A leadership level (0 to 4) has no half steps: one tick per level, none between."""
    df = pd.DataFrame({"org": list("abcdef"), "level": [0, 1, 2, 3, 4, 2], "y": [1.0] * 6})
    fig = charts.scatter_with_fit(df, "level", "y", "org", "t", "Leadership level", "y")
    assert fig.layout.xaxis.dtick == 1
    fte = df.assign(level=[0.5, 1.2, 2.0, 3.0, 4.0, 2.0])
    assert (
        charts.scatter_with_fit(fte, "level", "y", "org", "t", "x", "y").layout.xaxis.dtick is None
    )
    wide = df.assign(level=[0, 100, 200, 300, 400, 200])
    assert (
        charts.scatter_with_fit(wide, "level", "y", "org", "t", "x", "y").layout.xaxis.dtick is None
    )
