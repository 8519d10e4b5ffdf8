"""Figures built in one go (traces and whole layout at construction) are the figures the
update calls made: the same specification, key for key, as plotly sends to the browser."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ahp_analytics.present import charts
from ahp_analytics.present.charts.layout import figure, house_layout, merged


def _spec(fig: go.Figure) -> dict:
    """What the browser gets, keys in any order."""
    return json.loads(pio.to_json(fig, validate=False))


def _funnel_df() -> pd.DataFrame:
    den = np.array([40, 60, 80, 100, 150, 200, 250, 300, 400, 500, 600, 800], dtype=float)
    num = np.round(den * np.resize([0.06, 0.14], len(den)))
    num[2], num[10] = 40, 0  # far above and far below the funnel
    names = [f"Trust <b>{i}</b> & co" for i in range(len(den))]
    return pd.DataFrame(
        {"org": names, "code": [f"R{i}" for i in range(len(den))], "n": num, "d": den}
    )


@pytest.mark.parametrize(
    ("notes", "legend", "icons"),
    [
        (None, True, ()),
        ("One short note.", False, ()),
        (["A longer note " * 8, "and another <i>one</i>."], True, (("Common cause", "#A6A6A6"),)),
    ],
)
def test_a_figure_built_in_one_go_is_the_figure_the_updates_made(notes, legend, icons) -> None:
    def traces(shown: Callable[[str], str] = str) -> list:
        """The traces, their texts as given or as ``shown``."""
        return [
            go.Scatter(
                x=[1, 2, 3],
                y=[4.0, 5.5, 6.25],
                name=shown("<b>Trust</b> & co"),
                text=[shown(t) for t in ("a<", "b", "c")],
            ),
            go.Bar(x=["Band 5", "Band 6"], y=[3, 4], name="FTE"),
        ]

    extra = {"margin": {"b": 150}, "yaxis": {"ticksuffix": "%", "range": [0, 10]}}
    built = figure(
        traces(), merged(house_layout("A <title>", "X & x", None, notes, legend, icons), extra)
    )
    # The update calls' figure, its data texts escaped by hand as figure() escapes them.
    updated = go.Figure(traces(charts.escape))
    updated.update_layout(house_layout("A <title>", "X & x", None, notes, legend, icons))
    updated.update_layout(template=charts.TEMPLATE, margin={"b": 150})
    updated.update_yaxes(ticksuffix="%", range=[0, 10])
    assert _spec(built) == _spec(updated)
    assert built.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    assert built.data[0].name == "&lt;b&gt;Trust&lt;/b&gt; &amp; co"  # data text escaped once
    assert list(built.data[0].text) == ["a&lt;", "b", "c"]


def test_merged_merges_dicts_at_any_depth_and_changes_neither() -> None:
    base = {"a": {"b": 1, "c": {"d": 2}}, "e": [1]}
    extra = {"a": {"c": {"f": 3}}, "e": [2], "g": None}
    assert merged(base, extra) == {"a": {"b": 1, "c": {"d": 2, "f": 3}}, "e": [2], "g": None}
    assert base == {"a": {"b": 1, "c": {"d": 2}}, "e": [1]} and extra["a"] == {"c": {"f": 3}}


@pytest.mark.parametrize("adjust", [True, False])
@pytest.mark.parametrize("highlight", [None, "Trust <b>2</b> & co"])
def test_funnel_plot_and_table_are_the_plot_and_the_table(adjust, highlight) -> None:
    df = _funnel_df()
    args = (df, "n", "d", "org")
    titles = ("Vacancy rate", "Established FTE", "Vacancy rate (%)")
    options = {"adjust": adjust, "group": "code"}
    fig, table = charts.funnel_plot_and_table(*args, *titles, highlight=highlight, **options)
    assert _spec(fig) == _spec(charts.funnel_plot(*args, *titles, highlight=highlight, **options))
    pd.testing.assert_frame_equal(table, charts.funnel_table(*args, **options))
    assert len(table) and len(fig.layout.annotations) == table["number"].notna().sum()


def test_funnel_plot_and_table_of_nothing() -> None:
    empty = pd.DataFrame(columns=["org", "n", "d"])
    fig, table = charts.funnel_plot_and_table(empty, "n", "d", "org", "t", "x", "y")
    assert table.empty and list(table.columns) == list(charts.FUNNEL_TABLE_COLUMNS)
    assert fig.layout.annotations[0].text == charts.NO_DATA


def test_a_figure_is_in_the_house_template_whatever_plotly_s_default(monkeypatch) -> None:
    monkeypatch.setattr(pio.templates, "default", "plotly")  # as other code may set it
    fig = charts.empty_figure("A title")
    assert fig.layout.template.layout.plot_bgcolor == "white"  # plotly_white's
    assert pio.templates.default == charts.TEMPLATE  # so that plotly gives the next one it
