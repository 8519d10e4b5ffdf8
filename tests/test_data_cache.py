"""The dashboard's caches follow the data (ui/data.py): an upload makes only the results it
touched be worked out again, and app servers sharing one database see each other's uploads at
their next rerun (two processes, on SQLite and, when AHP_TEST_POSTGRES_URL is set,
PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from fixtures import make_file, workforce_rows

from ahp_analytics.analysis import measures, stored
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.store import open_store
from ahp_analytics.ui import data

ROOT = Path(__file__).resolve().parents[1]


def ingest(url: str, org: str, period: str, fte: float = 1.0) -> None:
    """Store a return as another app server would: through its own store object."""
    with open_store(url) as store:
        result, content = make_file(
            f"{org}-{period}.xlsx", workforce=workforce_rows(org, period, fte=fte)
        )
        assert store.ingest(result, content, "other server").status == "accepted"


def test_an_upload_works_out_again_only_what_it_touched(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    ingest(url, "RJ1", "2024-03")  # 2023/24
    ingest(url, "RJ1", "2024-06")  # 2024/25
    summaries, series, reads = [], [], []
    summary_table, monthly = measures.summary_table, stored.stored_monthly_series
    monkeypatch.setattr(
        measures,
        "summary_table",
        lambda s, sel: summaries.append(sel.window) or summary_table(s, sel),
    )
    monkeypatch.setattr(
        stored, "stored_monthly_series", lambda s, o, c: series.append(c) or monthly(s, o, c)
    )
    store = data.get_store()
    read = store.read

    def counted_read(name, selection=None, **kwargs):  # type: ignore[no-untyped-def]
        if selection is None or not selection.filters():  # a whole table (the summary reads
            reads.append(name)  # a window's rows, filtered)
        return read(name, selection, **kwargs)

    monkeypatch.setattr(store, "read", counted_read)

    def everything(key):  # type: ignore[no-untyped-def]
        return {
            "2023/24": data.summary("2023/24", key),
            "2024/25": data.summary("2024/25", key),
            "RJ1": data.monthly_series((), key, "RJ1"),
            "RGT": data.monthly_series((), key, "RGT"),
            "leadership": data.table("leadership", key),
            "workforce": data.table("workforce", key),
        }

    everything(data.version())
    assert summaries == ["2023/24", "2024/25"] and series == ["RJ1", "RGT"]
    assert {"leadership", "workforce"} <= set(reads)
    everything(data.version())  # nothing changed: nothing worked out again
    assert len(summaries) == 2 and len(series) == 2
    summaries.clear(), series.clear(), reads.clear()

    ingest(url, "RGT", "2024-07", fte=2.0)  # 2024/25 only, RGT only, workforce only
    after = everything(data.version())
    assert summaries == ["2024/25"]
    assert series == ["RGT"]
    assert "workforce" in reads and "leadership" not in reads
    assert "RGT" in set(after["2024/25"]["org_code"]) and "RGT" not in set(
        after["2023/24"]["org_code"]
    )
    assert after["RGT"]["ahp_fte"].tolist() == [8.0]
    assert len(after["workforce"]) == 12


def test_workforce_by_any_organisations_reads_the_window_once(tmp_path, monkeypatch) -> None:
    """The Workforce page's profession and band charts: the same figures as the kept sums of
    those organisations alone, from one read per window, breakdown and data version, however
    many selections ask; an upload shows at the next rerun."""
    url = f"sqlite:///{tmp_path / 'by.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    ingest(url, "RJ1", "2024-06")
    ingest(url, "RGT", "2024-07", fte=2.0)
    ingest(url, "RJ2", "2024-05", fte=0.5)
    ingest(url, "RJ2", "2023-05", fte=9.0)  # another window
    selections = (["RJ1"], ["RGT", "RJ1"], ["RJ2"], ["RJ1", "RGT", "RJ2"], [])
    window = parse_window("2024/25")
    with open_store(url) as store:
        expected = {
            (tuple(orgs), by): stored.stored_workforce_by(store, window, (by,), orgs or [""])
            for orgs in selections
            for by in ("profession", "band", "org_code")
        }
    reads, latest = [], []
    latest_item_sums, latest_sums = stored.latest_item_sums, stored.latest_sums
    monkeypatch.setattr(
        stored,
        "latest_item_sums",
        lambda s, w, dimension, *a: (
            reads.append(dimension) or latest_item_sums(s, w, dimension, *a)
        ),
    )
    monkeypatch.setattr(stored, "latest_sums", lambda s, w: latest.append(w) or latest_sums(s, w))
    key = data.version()
    for (orgs, by), want in expected.items():
        got = data.workforce_by("2024/25", list(orgs), by, key)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert sorted(reads) == ["band", "profession", "total"]
    assert latest == [window]  # the latest periods found once for every breakdown

    ingest(url, "RJ1", "2024-08", fte=3.0)
    after = data.workforce_by("2024/25", ["RJ1"], "profession", data.version())
    assert after["ahp_fte"].tolist() == [6.0, 6.0]  # two bands of 3.0 FTE each
    assert len(reads) == 4 and len(latest) == 2


def _server(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.app_server"],
        cwd=ROOT,
        env={**os.environ, "AHP_DATABASE_URL": url},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _ask(server: subprocess.Popen, command: str) -> dict:
    server.stdin.write(command + "\n")
    server.stdin.flush()
    line = server.stdout.readline()
    assert line, f"the app server stopped (exit code {server.poll()})"
    answer = json.loads(line)
    assert "exception" not in answer, answer["exception"]
    return answer


@pytest.mark.slow
def test_two_app_servers_see_each_others_uploads_at_their_next_rerun(store_url: str) -> None:
    ingest(store_url, "RJ1", "2025-03")
    first, second = _server(store_url), _server(store_url)
    try:
        for server in (first, second):
            assert _ask(server, "show")["Organisations"] == "1"
        assert _ask(second, "upload RGT 2025-03") == {"stored": True}
        assert _ask(first, "show")["Organisations"] == "2"
        assert _ask(first, "upload RJ2 2025-02") == {"stored": True}
        assert _ask(second, "show")["Organisations"] == "3"
        assert _ask(first, "show")["Organisations"] == "3"
    finally:
        for server in (first, second):
            server.stdin.close()
            server.wait(timeout=60)
