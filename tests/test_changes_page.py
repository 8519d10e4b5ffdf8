"""The When leadership changed page driven with AppTest: on the demonstration data it shows the
library's sentence for a planted and a null indicator, the charts, the comparison within trust
type and the organisations that changed with their profile links; with one window it says why
there is nothing to compare."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from fixtures import indicator_rows, leadership_rows, make_file, workforce_rows
from streamlit.testing.v1 import AppTest

from ahp_analytics.analysis import changes, measures
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.store import open_store

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = ("2023/24", "2024/25")


def open_changes(**sidebar: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("views/changes.py").run()
    for key, value in sidebar.items():
        at.sidebar.selectbox(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def library_result(url: str, indicator: str, **filters: str) -> changes.ChangeResult:
    names = ("workforce", "leadership", "indicators", "organisations")
    with open_store(url) as s:
        tables = [s.read(t, Selection(**filters)) for t in names]
        catalogue = s.indicator_catalogue()
    before, after = (measures.summary(*tables, parse_window(w)) for w in WINDOWS)
    return changes.indicator_changes(before, after, indicator, catalogue=catalogue)


def numbers(values: list | dict) -> np.ndarray:
    """A plotly array as the figure's JSON holds it: a list, or typed and base64-encoded."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values, dtype=float)


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def organisations_table(at: AppTest):
    tables = [d.value for d in at.dataframe if "Profile" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def test_the_page_reads_a_planted_and_a_null_indicator(demo_db_shared):
    at = open_changes()
    assert at.title[0].value == "When leadership changed"
    assert at.selectbox(key="changes-to").value == "2024/25"
    assert at.selectbox(key="changes-from").value == "2023/24"
    options = at.selectbox(key="changes-indicator").options
    # the indicators, then the workforce measures worked out from the returns
    assert any("Staff turnover rate" in o for o in options)
    assert any("AHP vacancy rate" in o for o in options)
    # It opens on an indicator that no other has for more organisations in both windows.
    opened = at.selectbox(key="changes-indicator").value
    compared = library_result(demo_db_shared, opened)
    ae = library_result(demo_db_shared, "ae_4hr")
    assert compared.no_value == 0 and ae.no_value > 0

    at.selectbox(key="changes-indicator").set_value("staff_engagement").run()
    assert not at.exception, [e.value for e in at.exception]
    planted = library_result(demo_db_shared, "staff_engagement")
    assert planted.sentence in texts(at)
    assert planted.difference.clear and planted.difference_down.clear
    assert "Where it moved closer, staff engagement score rose by" in planted.sentence
    assert len(at.get("plotly_chart")) == 2
    slope = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [t["name"] for t in slope["data"]]
    assert names == [
        f"{changes.GROUP_LABELS[g]} (n = {planted.groups[g].n})" for g in changes.GROUPS
    ]
    up = planted.groups["moved_up"]
    assert list(numbers(slope["data"][0]["y"])) == pytest.approx([up.mean_before, up.mean_after])

    moved = organisations_table(at)
    assert list(moved["Code"]) == list(planted.changed["org_code"])
    link = urlsplit(moved["Profile"].iloc[0])
    assert link.path == "organisation"
    assert parse_qs(link.query) == {"org": [moved["Code"].iloc[0]], "window": ["2024/25"]}
    assert set(moved["Leadership"]) == {
        changes.GROUP_LABELS["moved_up"],
        changes.GROUP_LABELS["moved_down"],
    }

    at.selectbox(key="changes-indicator").set_value("vacancy_rate").run()
    null = library_result(demo_db_shared, "vacancy_rate")
    assert null.sentence in texts(at)
    assert null.sentence.count("no clear difference") == 2


def test_within_trust_type_and_a_filter(demo_db_shared):
    at = open_changes()
    at.selectbox(key="changes-indicator").set_value("turnover").run()
    at.toggle(key="changes-within").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Within each trust type" in [s.value for s in at.subheader]
    within = library_result(demo_db_shared, "turnover")
    shown = texts(at)
    acute = next(t for t in shown if t.startswith("Staff turnover rate") and t != shown[0])
    assert changes.CAUTION not in acute  # the caution is said once, above

    at.sidebar.selectbox(key="trust_type").set_value("Ambulance").run()
    assert not at.exception, [e.value for e in at.exception]
    ambulance = library_result(demo_db_shared, "turnover", trust_type="Ambulance")
    assert ambulance.sentence in texts(at)
    # 7 ambulance trusts: too few that moved for a test, and the sentence says why
    assert not ambulance.difference.tested and not ambulance.difference_down.tested
    assert "Where it moved closer, no test: " in ambulance.sentence
    assert within.sentence not in texts(at)

    at.sidebar.selectbox(key="trust_type").set_value("Community").run()
    at.sidebar.selectbox(key="region").set_value("London").run()  # no demo trust is both
    assert not at.exception, [e.value for e in at.exception]
    assert any("No organisations match these filters" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_one_window_says_there_is_nothing_to_compare(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'one.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    result, content = make_file(
        workforce=workforce_rows("XA1", "2024-03"),
        leadership=leadership_rows("XA1", "2024-03"),
        indicators=indicator_rows("XA1", "2023/24", {"turnover": 10.0}),
        organisations=[
            {"org_code": "XA1", "org_name": "Trust A", "region": "London", "trust_type": "Acute"}
        ],
    )
    with open_store(url) as s:
        assert s.ingest(result, content, "alice").status == "accepted"
    at = open_changes()
    assert any("compares two analysis windows, and the data holds one" in i.value for i in at.info)
    assert not at.get("plotly_chart")
