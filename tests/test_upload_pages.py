"""The Upload and Submissions pages driven with AppTest: checking good and bad files, the
preview, the confirm step, what was stored, withdrawing, and what a viewer can reach when
sign-in is configured."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from ahp_analytics.demo import DEMO_USER
from ahp_analytics.domain.selection import Selection
from ahp_analytics.ingest.validation import validate_bytes
from ahp_analytics.present.export import to_csv_bytes
from ahp_analytics.services import preview
from ahp_analytics.store import READ_TABLES, Store, open_store
from ahp_analytics.ui.widgets import WORD_JOINER, plain
from tests.workbooks import WORKFORCE_HEADER, filled_template, workforce_rows, xlsx

APP = str(Path(__file__).resolve().parents[1] / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-secret-only-for-tests-0123456789",
    "client_id": "test-client",
    "client_secret": "test-secret",
    "server_metadata_url": "https://login.example.invalid/v2.0/.well-known/openid-configuration",
}
ANALYSTS = ["lead.analyst@nhs.net", "@analysts-trust.nhs.uk"]


def good_return(org: str = "RJ1", period: str = "2024-03") -> bytes:
    return filled_template({"Workforce": workforce_rows(org, period)})


def bad_return() -> bytes:
    """A workforce sheet with an unknown profession that a spreadsheet could run as a formula,
    a negative FTE on two rows and a month 13."""
    return xlsx(
        {
            "Workforce": [
                WORKFORCE_HEADER,
                ["RJ1", "2024-03", "@Wizard", "Band 6", 10.5, 11, 1.5],
                ["RJ1", "2024-03", "Physiotherapist", "Band 7", -2, 2, 0],
                ["RJ1", "2024-03", "Dietitian", "Band 5", -1, 1, 0],
                ["RJ1", "2024-13", "Dietitian", "Band 6", 1, 1, 0],
            ]
        }
    )


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """A small store the app uses: one return for RJ1, March 2024 (submission 1, by 'seed')."""
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    monkeypatch.setenv("AHP_DATABASE_URL", url)
    with open_store(url) as s:
        data = filled_template(
            {"Workforce": workforce_rows("RJ1", "2024-03") + workforce_rows("RJ1", "2024-02")}
        )
        assert s.ingest(validate_bytes(data, "seed.xlsx"), data, "seed").status == "accepted"
    return url


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    s = open_store(db_url)
    yield s
    s.close()


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    return {name: store.read(name) for name in READ_TABLES}


def assert_unchanged(before: dict[str, pd.DataFrame], store: Store) -> None:
    after = snapshot(store)
    for name, df in before.items():
        pd.testing.assert_frame_equal(after[name], df, obj=name)


def start(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """The app as a user first sees it (the Overview page, with the sidebar)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def sidebar_captions(at: AppTest) -> list[str]:
    """As read: without plain()'s invisible word joiners (after the "@" of an address)."""
    return [c.value.replace(WORD_JOINER, "") for c in at.sidebar.caption]


def app(page: str, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = start(secrets, user)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def frame_with(at: AppTest, column: str, nth: int = 0) -> pd.DataFrame:
    """The ``nth`` table on the page that has ``column``."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(frames) > nth, f"no table with {column!r}"
    return frames[nth]


def report(at: AppTest, nth: int = 0) -> pd.DataFrame:
    """The ``nth`` report table (errors, warnings) as the user reads it: Markdown escapes
    resolved, word joiners unseen."""
    tables = [t.value for t in at.table]
    assert len(tables) > nth, "no report table"
    return tables[nth].map(lambda v: re.sub(r"\\(.)", r"\1", str(v)).replace(WORD_JOINER, ""))


def button(at: AppTest, label_start: str):  # type: ignore[no-untyped-def]
    found = [b for b in at.button if b.label.startswith(label_start)]
    assert found, f"no button starting {label_start!r} in {[b.label for b in at.button]}"
    return found[0]


def texts(at: AppTest) -> str:
    """All the text a user reads on the page (markdown, alerts, captions)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.success, at.info, at.warning, at.error):
        parts += [e.value for e in kind]
    return "\n".join(parts)


# -- upload -----------------------------------------------------------------------------------


def test_upload_page_offers_the_template_and_a_multi_file_uploader(db_url):
    at = app("views/upload.py")
    assert at.title[0].value == "Upload returns"
    assert [b.label for b in at.download_button] == ["Download the return template"]
    uploader = at.file_uploader[0]
    assert uploader.accept_multiple_files
    assert sorted(uploader.allowed_type) == [".csv", ".xlsm", ".xlsx"]


def test_bad_file_shows_the_report_and_stores_nothing(db_url, store):
    before = snapshot(store)
    at = upload(app("views/upload.py"), ("broken.xlsx", bad_return()))

    # One message for the file: no status box beside it, no other alert.
    assert not at.status and not at.caption
    assert not [m for m in (*at.warning, *at.info, *at.success) if "broken" in m.value]
    assert [e.value for e in at.error] == [
        "**broken.xlsx** cannot be stored: 3 errors in 4 cells. Nothing of it was stored. Fix "
        "them in the file and upload it again."
    ]
    errors = report(at)
    assert list(errors.columns) == [
        "Problem",
        "How to fix it",
        "Sheet",
        "Row",
        "Column",
        "Value",
        "Rule",
    ]
    negative = errors[errors["Rule"] == "Negative number"].iloc[0]
    assert (negative["Sheet"], negative["Row"], negative["Column"]) == ("Workforce", "3, 4", "FTE")
    assert negative["How to fix it"] == "FTE cannot be below 0."
    unknown = errors[errors["Column"] == "Profession"].iloc[0]
    assert (unknown["Row"], unknown["Value"], unknown["Rule"]) == (
        "2",
        "@Wizard",
        "Profession not recognised",
    )
    assert "2024-13" in errors.loc[errors["Column"] == "Period", "Value"].iloc[0]
    assert not errors["Rule"].str.contains("_").any()  # rules in words, not codes
    assert not [b for b in at.button if b.label.startswith("Store")]
    assert "Download the full list of affected cells (CSV)" in [b.label for b in at.download_button]
    assert_unchanged(before, store)


def test_the_report_cards_style_sheet_is_sent_once_for_every_report_table(db_url):
    at = upload(
        app("views/upload.py"), ("broken.xlsx", bad_return()), ("broken-2.xlsx", bad_return())
    )
    assert len(at.table) == 2
    styles = [h for h in at.get("html") if "st-key-report-cards-" in h.proto.body]
    assert len(styles) == 1 and "@media (max-width: 640px)" in styles[0].proto.body


def test_report_csv_lists_every_affected_cell_and_is_injection_safe():
    result = validate_bytes(bad_return(), "broken.xlsx")
    cells = preview.cells_frame([result])
    assert len(cells) == sum(m.count for m in result.errors + result.warnings) == 4
    assert sorted(cells.loc[cells["column"] == "FTE", "row"]) == [3, 4]
    text = to_csv_bytes(cells).decode("utf-8-sig")
    assert "'@Wizard" in text
    assert ",@Wizard" not in text


def test_unreadable_file_gets_a_message_not_a_traceback(db_url, store):
    before = snapshot(store)
    at = upload(app("views/upload.py"), ("return.xlsx", b"this is not a workbook at all"))
    assert not at.exception
    assert [e.value for e in at.error] == [
        "**return.xlsx** cannot be stored: 1 error. Nothing of it was stored. Fix it in the "
        "file and upload it again."
    ]
    assert report(at)["Rule"].tolist() == ["File cannot be read"]
    assert_unchanged(before, store)


def test_valid_file_previews_and_is_stored_only_when_confirmed(db_url, store):
    before = snapshot(store)
    at = upload(app("views/upload.py"), ("march.xlsx", good_return("RJ1", "2024-03")))

    assert at.success[0].value.startswith("**march.xlsx**: ready to store (3 rows, 0 warnings)")
    page = texts(at)
    assert "**Periods covered** (1): Mar 2024" in page
    assert "Guy's and St Thomas' NHS Foundation Trust (RJ1)" in page
    assert "**Replaces** current rows of submission 1 (kept in the history" in page
    assert frame_with(at, "rows_now").to_dict("records") == [
        {
            "table": "workforce",
            "org_code": "RJ1",
            "period": "Mar 2024",
            "rows_now": 3,
            "rows_new": 3,
            "submissions": "1",
        }
    ]
    assert [m.value for m in at.metric] == ["3"]
    assert_unchanged(before, store)  # checked and previewed, not stored

    uploader_key = at.file_uploader[0].key
    button(at, "Store march.xlsx").click().run()
    assert not at.exception
    history = store.submissions()
    assert len(history) == 2
    new = history.iloc[0]
    assert (new["file_name"], new["status"], new["workforce_rows"]) == ("march.xlsx", "current", 3)
    assert history.iloc[1]["status"] == "partly superseded"
    # the outcome shows after the rerun; the uploader is a new, empty one
    assert [s.value for s in at.success] == [
        f"'march.xlsx' stored as submission {new['id']}: 3 workforce; replaces rows of "
        "submission 1. Its data falls in the analysis window 2023/24."
    ]
    assert [b.label for b in at.button if b.label.startswith("Overview")] == ["Overview of 2023/24"]
    assert at.file_uploader[0].key != uploader_key
    assert not at.file_uploader[0].value
    assert "upload_checked" not in at.session_state


def test_after_storing_the_windows_of_the_data_are_said_and_opened(db_url, store):
    at = app("views/upload.py")
    assert at.selectbox(key="window").value == "2023/24"
    upload(at, ("may.xlsx", good_return("RJ1", "2024-05")))
    button(at, "Store may.xlsx").click().run()
    assert at.success[0].value.endswith(
        "Its data falls in the analysis window 2024/25, not in the window on screen (2023/24)."
    )
    button(at, "Overview of 2024/25").click().run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert at.selectbox(key="window").value == "2024/25"


def test_renaming_a_reference_trust_is_a_warning_before_storing_and_changes_nothing(db_url, store):
    guys = "Guy's and St Thomas' NHS Foundation Trust"
    data = filled_template(
        {
            "Workforce": workforce_rows("RJ1", "2024-04"),
            "Organisations": [["RJ1", "HACKED NAME", "London", "", "Ambulance"]],
        }
    )
    at = upload(app("views/upload.py"), ("hacked.xlsx", data))

    warnings = report(at).set_index("Column")
    assert warnings.loc["Organisation name", "Rule"] == "Differs from the reference list"
    assert warnings.loc["Organisation name", "Problem"] == (
        f"RJ1 is on the reference list of NHS trusts with the Organisation name '{guys}'; this "
        "file gives 'HACKED NAME'. The reference value is kept."
    )
    assert "'Ambulance'" in warnings.loc["Trust type", "Problem"]
    page = texts(at)
    assert f"{plain(guys)} (RJ1)" in page and "HACKED NAME" not in page

    button(at, "Store hacked.xlsx").click().run()
    assert not at.exception
    stored = store.submission(2)
    assert stored.status == "current"
    assert [w["rule"] for w in stored.warnings] == ["reference_organisation"] * 2
    rj1 = store.read("organisations", Selection(orgs=["RJ1"])).iloc[0]
    assert (rj1["org_name"], rj1["trust_type"]) == (guys, "Acute")


def test_database_deleted_under_the_app_is_said_and_nothing_claims_to_be_stored(db_url):
    at = upload(app("views/upload.py"), ("april.xlsx", good_return("RJ1", "2024-04")))
    assert at.success[0].value.startswith("**april.xlsx**: ready to store")
    path = Path(sa.make_url(db_url).database)
    for f in (path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")):
        f.unlink(missing_ok=True)

    button(at, "Store april.xlsx").click().run()

    assert not at.exception
    assert not at.success and "stored as submission" not in texts(at)
    assert [e.value for e in at.error] == [
        "The database file (pages.db) no longer exists: it was deleted or moved while the "
        "application was running, so nothing can be stored or shown. An administrator must "
        "restore the database file and restart the application."
    ]
    # The other pages say so too, and show nothing of the data that were in the lost file.
    at.switch_page("views/overview.py").run()
    assert not at.exception
    assert "The database file (pages.db) no longer exists" in at.error[0].value
    assert not at.dataframe and not at.metric and not at.get("plotly_chart")
    assert not path.exists()


def test_same_file_again_is_already_stored_and_offers_no_store(db_url, store):
    name, content = store.original_file(1)
    before = snapshot(store)
    at = upload(app("views/upload.py"), (name, content))
    assert [i.value for i in at.info] == [
        "**seed.xlsx** is already stored as submission 1 (the same file, byte for byte): "
        "storing it again would change nothing."
    ]
    assert not at.status and not at.success
    assert not [b for b in at.button if b.label.startswith("Store")]
    assert_unchanged(before, store)


def test_several_files_each_checked_and_all_valid_ones_stored_at_once(db_url, store):
    at = upload(
        app("views/upload.py"),
        ("a.xlsx", good_return("RJ1", "2024-04")),
        ("b.xlsx", good_return("RGT", "2024-04")),
        ("bad.xlsx", bad_return()),
    )
    assert [m.value.split("**")[1] for m in at.success] == ["a.xlsx", "b.xlsx"]
    assert [m.value.split("**")[1] for m in at.error] == ["bad.xlsx"]
    button(at, "Store all 2 valid files").click().run()
    assert not at.exception
    history = store.submissions()
    assert sorted(history["file_name"]) == ["a.xlsx", "b.xlsx", "seed.xlsx"]
    assert set(history["user_name"]) >= {"seed"}
    assert len(at.success) == 2
    assert sorted(store.read("workforce")["org_code"].unique()) == ["RGT", "RJ1"]


def test_uploader_records_the_local_user_name(db_url, store):
    import getpass

    at = upload(app("views/upload.py"), ("m.xlsx", good_return("RJ1", "2024-05")))
    button(at, "Store m.xlsx").click().run()
    assert store.submissions().iloc[0]["user_name"] == getpass.getuser()


def test_stored_file_shows_on_every_page_without_a_restart(demo_db_url):
    at = start()
    reporting_before = next(m for m in at.metric if m.label == "Organisations").value
    assert not any("ZZ901" in o for o in at.selectbox(key="org").options)

    at.switch_page("views/upload.py").run()
    upload(at, ("new-trust.xlsx", good_return("ZZ901", "2025-03")))
    button(at, "Store new-trust.xlsx").click().run()
    assert not at.exception and at.success

    at.switch_page("views/overview.py").run()
    # The first real organisation puts the fictional ones out of view until asked for.
    assert next(m for m in at.metric if m.label == "Organisations").value == "1"
    assert any("ZZ901" in o for o in at.selectbox(key="org").options)
    at.sidebar.toggle(key="demo").set_value(True).run()
    reporting_after = next(m for m in at.metric if m.label == "Organisations").value
    assert int(reporting_after.replace(",", "")) == int(reporting_before.replace(",", "")) + 1
    at.switch_page("views/submissions.py").run()
    assert frame_with(at, "file_name").iloc[0]["file_name"] == "new-trust.xlsx"


# -- submissions ------------------------------------------------------------------------------


def test_history_filters_and_details(db_url, store):
    for org, user in (("RGT", "alice"), ("RJ1", "bob")):
        data = good_return(org, "2024-02")
        store.ingest(validate_bytes(data, f"{org}-feb.xlsx"), data, user)
    at = app("views/submissions.py")
    history = frame_with(at, "file_name")
    assert list(history["file_name"]) == ["RJ1-feb.xlsx", "RGT-feb.xlsx", "seed.xlsx"]
    assert list(history["status"]) == ["current", "current", "partly superseded"]

    at.multiselect(key="history_user").set_value(["alice"]).run()
    assert list(frame_with(at, "file_name")["file_name"]) == ["RGT-feb.xlsx"]
    at.multiselect(key="history_user").set_value([]).run()
    at.multiselect(key="history_status").set_value(["partly superseded"]).run()
    assert list(frame_with(at, "file_name")["id"]) == [1]
    at.multiselect(key="history_status").set_value([]).run()
    at.text_input(key="history_file").set_value("FEB").run()
    assert len(frame_with(at, "file_name")) == 2
    at.text_input(key="history_file").set_value("").run()

    at.selectbox(key="submission_id").set_value(1).run()
    page = texts(at)
    assert "**Superseded by:** submission 3" in page
    at.selectbox(key="submission_id").set_value(3).run()
    assert "**Replaced rows of:** submission 1" in texts(at)
    assert "**Submitted** by bob on " in texts(at)
    assert "Download the original file" in [b.label for b in at.download_button]


def test_submission_warnings_are_shown(db_url, store):
    data = good_return("ZZ901", "2024-02")
    result = validate_bytes(data, "new-org.xlsx")
    assert result.warnings
    store.ingest(result, data, "alice")
    at = app("views/submissions.py")
    # A grid (keyboard-scrollable on a phone); its cells are plain data, not Markdown.
    warnings = frame_with(at, "How to fix it")
    assert warnings.iloc[0]["Rule"] == "Organisation not on the list"
    assert warnings.iloc[0]["Problem"] == result.warnings[0].message
    assert next(m for m in at.metric if m.label == "Warnings").value == "1"


def test_the_tracker_leaves_hidden_demonstration_organisations_out(db_url, store):
    data = good_return("DM001", "2024-03")
    store.ingest(validate_bytes(data, "demo.xlsx"), data, "demo")
    at = app("views/submissions.py")
    counts = [m.value for m in at.markdown if "periods:" in m.value]
    # RJ1 alone (DM001 hidden beside it, as the sidebar's toggle is off): in the singular.
    assert counts == ["**1 organisation × 2 periods:** 2 returned, 0 resubmitted, 0 missing."]
    at.toggle(key="demo").set_value(True).run()
    counts = [m.value for m in at.markdown if "periods:" in m.value]
    assert counts == ["**2 organisations × 2 periods:** 3 returned, 0 resubmitted, 1 missing."]


def test_withdraw_asks_for_confirmation_then_restores_what_it_replaced(db_url, store):
    data = good_return("RJ1", "2024-03")
    store.ingest(validate_bytes(data, "march.xlsx"), data, "alice")
    at = app("views/submissions.py")
    assert at.selectbox(key="submission_id").value == 2

    at.button(key="withdraw").click().run()
    asking = "Withdraw submission 2 ('march.xlsx')?"
    assert any(asking in w.value for w in at.warning)
    at.button(key="withdraw-no").click().run()
    assert store.submission(2).status == "current"
    assert not any(asking in w.value for w in at.warning)

    at.button(key="withdraw").click().run()
    at.button(key="withdraw-yes").click().run()
    assert not at.exception
    assert store.submission(2).status == "withdrawn"
    assert store.submission(2).withdrawn_by
    assert store.submission(1).status == "current"
    assert at.success[0].value == (
        "Submission 2 ('march.xlsx') withdrawn; rows of submission 1 are current again."
    )
    statuses = frame_with(at, "file_name").set_index("id")["status"]
    assert statuses[2] == "withdrawn"
    assert "withdraw" not in [b.key for b in at.button]


def test_removing_the_demonstration_data_asks_first_and_leaves_real_returns(db_url, store):
    data = good_return("DM001", "2024-03")
    store.ingest(validate_bytes(data, "demo.xlsx"), data, DEMO_USER)
    at = app("views/submissions.py")

    at.button(key="demo-remove").click().run()
    asking = "Remove the demonstration data set? Its 1 submission and all their rows"
    assert any(asking in w.value for w in at.warning)
    at.button(key="demo-remove-no").click().run()
    assert not any(asking in w.value for w in at.warning)
    assert store.submission(2).status == "current"

    at.button(key="demo-remove").click().run()
    at.button(key="demo-remove-yes").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Removed the demonstration data set. Deleted 1 ")
    assert list(store.submissions()["id"]) == [1]
    assert "demo-remove" not in [b.key for b in at.button]


# -- sign-in and roles ------------------------------------------------------------------------


def signed_in(email: str) -> dict:
    """A fresh sign-in with a verified address (the ID token's claims, as st.user holds them)."""
    now = int(time.time())
    return {
        "is_logged_in": True,
        "iss": "https://idp.example",
        "sub": email,
        "iat": now - 5,
        "exp": now + 3600,
        "email": email,
        "email_verified": True,
        "name": email.split("@")[0],
    }


def test_signed_out_user_sees_only_the_sign_in_page(db_url):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["ahp"] = {"analysts": ANALYSTS}
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe and not at.file_uploader
    for page in ("views/submissions.py", "views/upload.py", "views/overview.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_viewer_cannot_reach_upload_or_withdraw(db_url, store):
    secrets = {"auth": AUTH, "ahp": {"analysts": ANALYSTS}}
    at = start(secrets, signed_in("viewer@other-trust.nhs.uk"))
    assert "Signed in as viewer (viewer@other-trust.nhs.uk), viewer." in sidebar_captions(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/upload.py")  # not in the viewer's page list
    at.switch_page("views/submissions.py").run()
    assert "Only analysts may withdraw a submission." in texts(at)
    assert "withdraw" not in [b.key for b in at.button]
    assert "Download the original file" in [b.label for b in at.download_button]


def test_upload_page_itself_refuses_a_viewer(db_url, store):
    """Even run directly (as a forged address would), the page shows no uploader."""
    at = AppTest.from_file(str(Path(APP).parent / "views" / "upload.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["ahp"] = {"analysts": ANALYSTS}
    at.user = signed_in("viewer@other-trust.nhs.uk")
    at.run()
    assert not at.exception
    assert "Only analysts may upload" in at.error[0].value
    assert not at.file_uploader


@pytest.mark.parametrize("email", ["lead.analyst@nhs.net", "someone@ANALYSTS-trust.nhs.uk"])
def test_analyst_uploads_and_is_recorded_by_email(db_url, store, email):
    secrets = {"auth": AUTH, "ahp": {"analysts": ANALYSTS}}
    at = start(secrets, signed_in(email))
    name = email.split("@")[0]
    assert f"Signed in as {name} ({email}), analyst." in sidebar_captions(at)
    at.switch_page("views/upload.py").run()
    upload(at, ("m.xlsx", good_return("RJ1", "2024-06")))
    button(at, "Store m.xlsx").click().run()
    assert store.submissions().iloc[0]["user_name"] == email
    at.switch_page("views/submissions.py").run()
    assert "withdraw" in [b.key for b in at.button]


def test_local_mode_banner(db_url):
    at = start()
    assert at.main[0].type == "warning"
    assert at.main[0].value.startswith("Local mode: sign-in is not set up")


def test_report_frame_of_a_summarised_message():
    result = validate_bytes(
        xlsx(
            {
                "Workforce": [WORKFORCE_HEADER]
                + [
                    ["RJ1", "2024-03", "Physiotherapist", f"Band {b}", -1, 1, 0]
                    for b in range(2, 10)
                ]
            }
        ),
        "many.xlsx",
    )
    frame = preview.messages_frame(result.errors)
    row = frame[frame["rule"] == "negative"].iloc[0]
    assert row["count"] == 8
    assert row["rows"] == "2, 3, 4, 5, 6 and 3 more"
    assert len(preview.cells_frame([result]).query("rule == 'negative'")) == 8


def test_preview_is_pure_and_reads_the_store(store):
    content = good_return("RJ1", "2024-03")
    result = validate_bytes(content, "again.xlsx")
    p = preview.build_preview(
        result,
        preview.active_slices(store, ["RJ1"]),
        store.submissions(),
        store.read("organisations"),
    )
    assert p.superseded == [1] and p.already_stored is None
    assert p.periods == ["Mar 2024"]
    assert p.organisations.to_dict("records") == [
        {"org_code": "RJ1", "org_name": "Guy's and St Thomas' NHS Foundation Trust", "new": False}
    ]


def test_a_move_since_the_previous_return_is_a_warning_on_the_page(db_url, store):
    june = filled_template({"Workforce": workforce_rows("RJ1", "2024-06")})
    store.ingest(validate_bytes(june, "june.xlsx"), june, "alice")
    july = [[*r[:4], r[4] * 2, r[5] * 2, r[6]] for r in workforce_rows("RJ1", "2024-07")]
    at = upload(app("views/upload.py"), ("july.xlsx", filled_template({"Workforce": july})))
    assert at.success[0].value.startswith("**july.xlsx**: ready to store (3 rows, 2 warnings)")
    warnings = report(at)
    assert warnings["Rule"].tolist() == ["FTE moved since the last return"] * 2
    assert warnings["Problem"].iloc[0] == (
        "Occupational therapist FTE moved from 8.0 in Jun 2024 (the previous return) to 16.0 "
        "in Jul 2024 (+100%), more than the 25% allowed."
    )
    assert warnings["Value"].tolist() == ["8.0 -> 16.0", "12.5 -> 25.0"]
