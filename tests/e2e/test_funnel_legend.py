"""A funnel plot's legend as plotly.js draws it in Chromium, at the widths the chart has on a
phone's 390 px page (358 px) and beside its table on a 1440 px desktop (470 px): every entry's
words clear of the next entry, inside the legend and the figure, under the x axis title, in at
most three rows (four with the ring); the plot area as tall at every width."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs

from ahp_analytics.present import charts

pytestmark = pytest.mark.e2e

WIDTHS = (358, 470)

# Each legend entry (symbol and words), the words alone, the legend's box, the x axis title
# and the plot area, in page pixels.
MEASURE_JS = """() => {
  const gd = document.querySelector('.plotly-graph-div');
  const box = e => { const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const entries = [...gd.querySelectorAll('.legend .traces')].map(t => ({
    name: t.querySelector('.legendtext').textContent,
    entry: box(t.querySelector('.legendtoggle')),
    words: box(t.querySelector('.legendtext')),
  }));
  const s = gd._fullLayout._size;
  return {entries, legend: box(gd.querySelector('.legend .bg')),
          xtitle: box(gd.querySelector('.xtitle')), width: gd._fullLayout.width,
          plot: {top: s.t, bottom: s.t + s.h, height: s.h}};
}"""


def _funnel(x_title: str, highlight: str | None) -> go.Figure:
    """A funnel of 150 organisations around 93% (as the Friends and Family Test), some far
    out, without its title as a page shows it."""
    rng = np.random.default_rng(1)
    den = np.round(rng.lognormal(8.5, 0.8, 150))
    num = np.round(den * np.clip(rng.normal(0.93, 0.03, 150), 0, 1))
    num[:3], num[3] = den[:3] * 0.995, den[3] * 0.82
    df = pd.DataFrame({"org": [f"Trust {i}" for i in range(150)], "n": num, "d": den})
    y_title = "Friends and Family Test positive responses (%)"
    fig = charts.funnel_plot(df, "n", "d", "org", "t", x_title, y_title, highlight=highlight)
    return charts.without_title(fig)


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and (a["top"] < b["bottom"] and b["top"] < a["bottom"])
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A folder holding plotly.js, loaded once by the browser for every figure."""
    path = tmp_path_factory.mktemp("funnel-legend")
    (path / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    return path


@pytest.mark.parametrize("highlight", [None, "Trust 5"])
@pytest.mark.parametrize("x_title", ["Denominator", "Established AHP FTE (in post + vacant)"])
def test_the_funnel_legend_reads_at_phone_and_desktop_width(browser, folder, x_title, highlight):
    html = pio.to_html(_funnel(x_title, highlight), include_plotlyjs="directory", full_html=True)
    path = folder / f"{len(x_title)}-{highlight}.html"
    path.write_text(html.replace("<body>", '<body style="margin:0">'), encoding="utf-8")
    heights = set()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.goto(path.as_uri())
            page.wait_for_selector(".legend .traces")
            seen = page.evaluate(MEASURE_JS)
        finally:
            context.close()
        entries, legend = seen["entries"], seen["legend"]
        assert len(entries) == (7 if highlight else 6)
        for e in entries:
            words = e["words"]
            where = f"{e['name']!r} at {width} px"
            assert legend["left"] <= words["left"] and words["right"] <= legend["right"], where
            assert words["right"] <= seen["width"], where
            others = [o["entry"] for o in entries if o is not e]
            assert not [o for o in others if _overlap(words, o)], f"{where} runs into another"
        assert legend["top"] > seen["xtitle"]["bottom"]  # under the x axis title
        rows = {round(e["words"]["top"]) for e in entries}
        assert len(rows) <= (4 if highlight else 3), f"{len(rows)} rows at {width} px"
        heights.add(round(seen["plot"]["height"]))
    assert len(heights) == 1  # the plot area as tall at both widths
