"""Gaps and risks of one organisation in Streamlit: the verdict, the flags with their peer
comparison and charts, the board's self-assessment form and where it disagrees with the data.
Used by the Gaps and risks page and, through :func:`render_gaps_section`, by the profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ahp_analytics.analysis import gaps, measures, stored
from ahp_analytics.domain.periods import parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import charts
from ahp_analytics.services import assessment
from ahp_analytics.services.access import NotAllowed
from ahp_analytics.ui import auth, data, widgets
from ahp_analytics.ui.widgets import plain

GAPS_PAGE = "views/gaps.py"
SEVERITY_COLOURS = {"high": "red", "medium": "orange", "low": "blue"}


# --- data ---------------------------------------------------------------------------------------


def rules() -> pd.DataFrame | None:
    """The rules file, or None after saying what is wrong with it."""
    try:
        return gaps.load_rules()
    except (OSError, ValueError) as exc:
        st.error(
            f"The gap rules cannot be used: {plain(exc)}. An administrator must correct the "
            "gap rules file."
        )
        return None


@st.cache_data(show_spinner="Checking every organisation…", max_entries=8)
def checks(window_label: str, key: data.DataKey, rule_set: pd.DataFrame) -> pd.DataFrame:
    """Every rule for every organisation with data in the window (peers: same trust type
    across the country, whatever the filters)."""
    return gaps.all_checks(
        gaps.GapInputs(
            summary=data.summary(window_label, key),
            workforce=None,
            leadership=data.table("leadership", key),
            window=parse_window(window_label),
            rules=rule_set,
            indicators=data.table("indicators", key),
            workforce_sums=data.gap_sums(window_label, key),
        )
    )


def _name(summary: pd.DataFrame, org_code: str) -> str:
    row = summary[summary["org_code"] == org_code]
    name = row["org_name"].iloc[0] if len(row) else None
    return name if isinstance(name, str) and name else org_code


# --- the verdict and the flags ------------------------------------------------------------------


def render_verdict(org_code: str, org_name: str, window_label: str, flags: pd.DataFrame) -> None:
    """The one line a board member reads first, coloured by the worst flag."""
    verdict = plain(gaps.verdict(flags))
    text = f"**{plain(org_name)}** ({plain(org_code)}), {window_label}: {verdict}"
    worst = set(flags["severity"])
    if "high" in worst:
        st.error(text, icon=":material/error:")
    elif "medium" in worst:
        st.warning(text, icon=":material/warning:")
    elif "low" in worst:
        st.info(text, icon=":material/info:")
    else:
        st.success(text, icon=":material/check_circle:")


def render_flags(flags: pd.DataFrame, key: str, charts_for=None) -> None:
    """Each flag worst first: rule, severity, what the data says, the value against peers
    and what to look at first. ``charts_for(flag, key)`` draws a chart under a flag."""
    if flags.empty:
        st.write("None of the data checks fired.")
        return
    for i, flag in enumerate(flags.to_dict("records"), start=1):
        detail, facts = gaps.card(flag)
        with st.container(border=True):
            st.badge(flag["severity"].capitalize(), color=SEVERITY_COLOURS[flag["severity"]])
            # The texts quote data (trust types, professions, reporting lines): all plain.
            st.markdown(f"**{i}. {plain(flag['title'])}**")
            st.markdown(plain(detail))
            if facts:
                st.caption(plain(facts))
            st.markdown(f"**Look at first:** {plain(flag['look_first'])}")
            if charts_for is not None:
                charts_for(pd.Series(flag), f"{key}-{i}")


def render_other_checks(org_checks: pd.DataFrame) -> None:
    """The checks that passed and those the data could not answer, folded away."""
    clear = org_checks[org_checks["status"] == gaps.CLEAR]
    missing = org_checks[org_checks["status"] == gaps.NOT_ASSESSED]
    if len(missing):
        st.caption(
            "Not assessed for lack of data: "
            + "; ".join(
                plain(f"{t} ({d})")
                for t, d in zip(missing["title"], missing["detail"], strict=True)
            )
        )
    if len(clear):
        with st.expander(f"Checks passed ({len(clear)})"):
            for t, d in zip(clear["title"], clear["detail"], strict=True):
                st.markdown(f"- **{plain(t)}**: {plain(d)}")


def render_disagreements(found: pd.DataFrame) -> None:
    """Each place the self-assessment and the data disagree, as an error or warning callout."""
    for r in found.to_dict("records"):
        verb = "contradicts it" if r["level"] == "error" else "questions it"
        text = (
            f"**The self-assessment answers '{plain(r['answer'])}'** to "
            f'"{plain(r["question"])}", and the data {verb}. {plain(r["data_says"])}  \n'
            f"*Why it matters:* {plain(r['why_it_matters'])}"
        )
        if r["level"] == "error":
            st.error(text, icon=":material/report:")
        else:
            st.warning(text, icon=":material/help:")


# --- charts behind the flags ---------------------------------------------------------------------


def flag_charts(org_code: str, window_label: str, key: data.DataKey, summary: pd.DataFrame):
    """A function drawing the chart behind a flag (SPC chart, funnel plot), where there is one."""
    window = parse_window(window_label)

    def draw(flag: pd.Series, chart_key: str) -> None:
        rule = flag["rule_id"]
        if rule == "vacancy_special_cause":
            sums = data.gap_sums(window_label, key, org_code).totals
            series = gaps.monthly_vacancy_from_sums(sums, window, org_code)
            _spc(series, "vacancy_rate", "AHP vacancy rate", org_code, chart_key)
        elif rule == "turnover_special_cause":
            series = gaps.monthly_turnover(data.table("indicators", key), window, org_code)
            _spc(series, "value", "Staff turnover rate", org_code, chart_key)
        elif rule == "senior_share_low":
            peers = summary[(measures.peer_groups(summary) == flag["peer_group"]).to_numpy()]
            peers = peers[["org_code", "org_name", "trust_type", "senior_fte", "ahp_fte"]]
            fig, outside = charts.funnel_plot_and_table(
                peers,
                "senior_fte",
                "ahp_fte",
                "org_name",
                f"Share of AHP FTE in Band 8a and above, {flag['peer_group']} trusts",
                "AHP FTE",
                "Band 8a and above (% of AHP FTE)",
                highlight=_name(summary, org_code),
                group="org_code",
            )
            with st.expander("Funnel plot against peers"):
                widgets.funnel_chart(
                    fig,
                    outside,
                    peers,
                    f"senior-share-funnel-{org_code}",
                    chart_key,
                    value_label="Band 8a and above",
                )

    return draw


def _spc(series: pd.DataFrame, column: str, name: str, org_code: str, chart_key: str) -> None:
    frame = series[["period", "period_end", column]].rename(columns={column: name})
    fig = charts.spc_chart(
        frame, name, "period_end", f"{name}, {org_code}, by month", f"{name} (%)", False
    )
    with st.expander("SPC chart"):
        widgets.chart(fig, frame, f"spc-{org_code}", chart_key)


# --- the self-assessment ------------------------------------------------------------------------


def _field(org_code: str, window_label: str, version: int, qid: str, part: str) -> str:
    return f"sa-{org_code}-{window_label}-v{version}-{qid}-{part}"


def _save(org_code: str, window_label: str, version: int) -> None:
    """Form callback: store the answers as a new version (the library checks the role)."""
    answers = {
        q: st.session_state.get(_field(org_code, window_label, version, q, "answer"))
        for q, _ in assessment.QUESTIONS
    }
    notes = {
        q: st.session_state.get(_field(org_code, window_label, version, q, "note"))
        for q, _ in assessment.QUESTIONS
    }
    try:
        saved = assessment.save(
            data.get_store(), auth.current(), org_code, window_label, answers, notes
        )
    except NotAllowed as exc:
        st.session_state["sa-message"] = ("error", str(exc))
    except ValueError as exc:
        st.session_state["sa-message"] = ("error", f"Not saved: {exc}")
    else:
        st.session_state["sa-message"] = ("success", f"Saved as version {saved}.")


def render_self_assessment(org_code: str, window_label: str, current: pd.DataFrame) -> None:
    """The board's self-assessment form (yes / partly / no and a note per question) and its
    saved versions."""
    store = data.get_store()
    version = int(current["version"].iloc[0]) if len(current) else 0
    given = current.set_index("question_id") if len(current) else None
    actor = auth.current()
    may_save = actor is not None and actor.is_analyst
    if len(current):
        when = pd.Timestamp(current["submitted_at"].iloc[0]).strftime("%d %b %Y %H:%M UTC")
        st.caption(
            f"Version {version}, saved by {plain(current['submitted_by'].iloc[0])} on {when}."
        )
    else:
        st.caption(f"Not yet answered for {window_label}.")
    message = st.session_state.pop("sa-message", None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])
    with st.form(f"sa-form-{org_code}-{window_label}-v{version}", border=True):
        for qid, text in assessment.QUESTIONS:
            answer = given.loc[qid, "answer"] if given is not None and qid in given.index else None
            note = given.loc[qid, "note"] if given is not None and qid in given.index else None
            st.segmented_control(
                text,
                assessment.ANSWERS,
                default=answer if answer in assessment.ANSWERS else None,
                format_func=str.capitalize,
                key=_field(org_code, window_label, version, qid, "answer"),
            )
            st.text_input(
                "Note",
                value=note or "",
                max_chars=assessment.NOTE_MAX,
                key=_field(org_code, window_label, version, qid, "note"),
                placeholder="Evidence, or what the board will do",
            )
        st.form_submit_button(
            "Save self-assessment",
            type="primary",
            on_click=_save,
            args=(org_code, window_label, version),
            disabled=not may_save,
            help=None if may_save else "Only analysts may save self-assessments.",
        )
    if not may_save:
        st.caption("Only analysts may save self-assessments; ask an analyst to record them.")
    history = assessment.history(store, org_code, window_label)
    if len(history):
        with st.expander(f"History ({history['version'].nunique()} versions)"):
            st.dataframe(
                assessment.versions(history),
                hide_index=True,
                column_config={"submitted_at": st.column_config.DatetimeColumn("Saved (UTC)")},
            )
            st.dataframe(history, hide_index=True)
            widgets.downloads(
                history,
                f"self-assessment_{org_code}_{window_label.replace('/', '-')}",
                {"Organisation": org_code, "Period": window_label},
                key=f"sa-history-{org_code}",
            )


# --- one organisation, for the profile page -------------------------------------------------------


def org_data(org_code: str, window_label: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(all checks of the organisation, the window's summary), or None after saying why not."""
    rule_set = rules()
    if rule_set is None:
        return None
    key = data.version()
    return one_org_checks(org_code, window_label, key, rule_set), data.summary(window_label, key)


@st.cache_data(show_spinner="Checking the organisation…", max_entries=64)
def one_org_checks(
    org_code: str, window_label: str, key: data.DataKey, rule_set: pd.DataFrame
) -> pd.DataFrame:
    """Every rule for one organisation, for the profile page's first visitor: from the kept
    workforce sums and the rows the rules read of it and of the window, never whole tables,
    so its cost does not grow with the history held."""
    window = parse_window(window_label)
    inputs = gaps.GapInputs(
        summary=data.summary(window_label, key),
        workforce=None,
        # Every organisation's leadership returns that may end in the window (its peers'
        # coverage), and its own indicators up to the window's end (its turnover series).
        leadership=data.rows("leadership", key, Selection(**stored.bounds(window))),
        window=window,
        rules=rule_set,
        indicators=data.rows("indicators", key, Selection(orgs=(org_code,), period_to=window.end)),
        workforce_sums=data.gap_sums(window_label, key, org_code),
    )
    return gaps.org_checks(org_code, inputs).reset_index(drop=True)


def render_gaps_section(org_code: str, window_label: str) -> None:
    """Gaps and risks of one organisation, compact: the verdict, where the self-assessment
    disagrees with the data, the flags worst first, and a link to the Gaps and risks page."""
    if not org_code or not window_label:
        return
    found = org_data(org_code, window_label)
    if found is None:
        return
    org_checks, summary = found
    st.subheader("Gaps and risks")
    if org_checks.empty:
        st.info(f"No data for {plain(org_code)} in {window_label}, so nothing to check.")
        return
    flags = gaps.flags_of(org_checks)
    render_verdict(org_code, _name(summary, org_code), window_label, flags)
    current = assessment.current(data.get_store(), org_code, window_label)
    render_disagreements(assessment.disagreements(current, org_checks))
    render_flags(flags, key=f"profile-gaps-{org_code}")
    st.page_link(
        GAPS_PAGE,
        label="Self-assessment and all organisations: Gaps and risks",
        icon=":material/arrow_forward:",
    )
