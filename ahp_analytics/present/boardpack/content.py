"""The board pack of one organisation, as a :class:`~.model.Report`, from the frames the
Organisation profile and ``export summary`` use.

Every figure comes from the library calls the profile makes (the summary table, which is what
``export summary`` writes; :func:`measures.peer_comparison`; the gap checks; the
self-assessment and where it disagrees with the data) and is formatted by the registry of
measures, so the paper, the page and the export say the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import Window
from ahp_analytics.present.boardpack import figures
from ahp_analytics.present.boardpack.change import change_section
from ahp_analytics.present.boardpack.common import (
    CATEGORY_TEXT,
    HEADLINE,
    PEER_CHOICES,
    appendix,
    category_table,
    fmt_date,
    peer_table,
    position_text,
    statistics_section,
)
from ahp_analytics.present.boardpack.model import (
    Bullets,
    Heading,
    Paragraph,
    Report,
    Table,
)

TITLE = "AHP workforce and leadership: board pack"
ANSWER_WORDS = {"yes": "Yes", "partly": "Partly", "no": "No"}


@dataclass(frozen=True)
class OrgInputs:
    """What one organisation's pack is built from, read by the caller.

    ``summary``: the window's summary table of every organisation (``export summary``);
    ``checks``: the organisation's gap checks (:func:`gaps.org_checks`); ``answers``: its
    current self-assessment for the window and ``disagreements`` with the data (from
    :mod:`ahp_analytics.services.assessment`); ``workforce``: the workforce rows of the
    organisation (its monthly series); ``catalogue``: the indicator catalogue; ``as_of``: when
    the data last changed (latest submission), None with none; ``peers_by``: trust_type,
    region or all; ``before``: the previous window's summary table (the organisation's own
    before and after, when its leadership moved)."""

    org_code: str
    window: Window
    summary: pd.DataFrame
    checks: pd.DataFrame
    answers: pd.DataFrame
    disagreements: pd.DataFrame
    workforce: pd.DataFrame
    catalogue: pd.DataFrame | None
    as_of: pd.Timestamp | None
    peers_by: str = "trust_type"
    produced: date | None = None
    before: pd.DataFrame | None = None  # the previous window's summary table, when it has data


def org_report(data: OrgInputs) -> Report:
    """The board pack of ``data.org_code``: title, facts, summary, leadership arrangement,
    headline figures against peers, flags, self-assessment, charts, statistics and an
    appendix. Raises KeyError when the organisation has no row in the summary."""
    summary = data.summary
    found = summary[summary["org_code"] == data.org_code]
    if found.empty:
        raise KeyError(data.org_code)
    row = found.iloc[0]
    name = row["org_name"] or data.org_code
    peers = measures.peer_comparison(summary, data.org_code, data.peers_by, data.catalogue)
    group = str(peers["peer_group"].iloc[0])
    in_group = measures.peer_groups(summary, data.peers_by) == group
    others = summary[in_group & (summary["org_code"] != data.org_code)]
    flags = gaps.flags_of(data.checks)
    peer_words = f"{PEER_CHOICES[data.peers_by]}: {group}"

    report = Report(
        title=TITLE,
        subject=f"{name} ({data.org_code})",
        facts=(
            ("Organisation", f"{name} ({data.org_code})"),
            ("Trust type", row["trust_type"] or "–"),
            ("Region", row["region"] or "–"),
            ("ICB", row["icb"] or "–"),
            ("Analysis window", data.window.label),
            ("Peer group", f"{peer_words} ({measures.plural(len(others), 'other organisation')})"),
            ("Produced", fmt_date(data.produced or date.today())),
            ("Data as of", _as_of(data.as_of)),
        ),
    )
    add = report.blocks.extend
    add([Heading("Summary"), Paragraph(_summary(data, row, peers, flags), kind="summary")])
    add(_arrangement(data, row, others, group))
    add(_headline(data, peers, group))
    add(change_section(data.before, summary, data.org_code, data.catalogue))
    add(_flags(data, flags))
    add(_self_assessment(data))
    add(_over_time(data, summary, in_group, group))
    add(_indicators(data, peers, others, group))
    add(statistics_section(summary, data.catalogue, "all organisations in the window"))
    add(appendix(data.window, data.as_of))
    return report


def _as_of(as_of: pd.Timestamp | None) -> str:
    if as_of is None or pd.isna(as_of):
        return "no submission recorded"
    return f"{fmt_date(as_of)} (latest submission)"


# --- the summary ------------------------------------------------------------------------------


def _summary(data: OrgInputs, row: pd.Series, peers: pd.DataFrame, flags: pd.DataFrame) -> str:
    """One paragraph in plain words: arrangement, vacancy rate, leadership capacity against
    peers, the flags and the self-assessment."""
    name = row["org_name"] or data.org_code
    category = row["leadership_category"]
    parts = []
    if category:
        parts.append(f"In {data.window.label} {name} was in leadership arrangement {category}.")
    else:
        parts.append(
            f"{name} sent no leadership return in {data.window.label}, so its leadership "
            "arrangement is not known (which is not the same as having no AHP leadership)."
        )
    by_code = peers.set_index("code")
    for code in ("vacancy_rate", "leadership_fte_per_100_ahp_fte"):
        p = by_code.loc[code]
        m = registry.measure(code)
        if pd.isna(p["value"]):
            parts.append(f"It has no {registry.column_label(code)} for the window.")
            continue
        where = position_text(p["quartile"], p["assessment"])
        parts.append(
            f"Its {registry.column_label(code)} was {m.format(p['value'])}, {where}: the "
            f"median of its {int(p['n_peers'])} peers was {m.format(p['peer_median'])}."
        )
    parts.append("Data checks: " + gaps.verdict(flags))
    if data.answers.empty:
        parts.append(f"The board has not recorded a self-assessment for {data.window.label}.")
    elif data.disagreements.empty:
        parts.append("The board's self-assessment does not disagree with the data.")
    else:
        n = len(data.disagreements)
        parts.append(
            f"The board's self-assessment disagrees with the data in {n} "
            f"place{'s' if n != 1 else ''} (see below)."
        )
    return " ".join(parts)


# --- sections ---------------------------------------------------------------------------------


def _arrangement(data: OrgInputs, row: pd.Series, others: pd.DataFrame, group: str) -> list:
    category = row["leadership_category"] or registry.NOT_RETURNED
    counts = category_table(others, category, "Peers")
    letter = category[:1] if category != registry.NOT_RETURNED else category.lower()
    groups = [(f"Peers ({group})", others)]
    if data.peers_by != "all":
        groups.append(("All organisations", data.summary))
    figure = figures.arrangement(
        groups,
        f"Leadership arrangements, {data.window.label}: this organisation is {letter}",
        f"This organisation is in {category}.",
    )
    return [
        Heading("Leadership arrangement"),
        Paragraph(category, lead="Arrangement:"),
        Paragraph(CATEGORY_TEXT[category]),
        Paragraph(
            f"How the {measures.plural(len(others), 'peer')} ({group}) are arranged; shares are "
            "of the peers that sent a leadership return.",
            kind="note",
        ),
        counts,
        figure,
    ]


def _headline(data: OrgInputs, peers: pd.DataFrame, group: str) -> list:
    rows = peers.set_index("code").loc[list(HEADLINE)].reset_index()
    return [
        Heading("Headline figures against peers"),
        peer_table(rows, "Headline figures"),
        Paragraph(
            f"Peers: the other organisations of the group '{group}' with a value in "
            f"{data.window.label}. Quartile 4 holds the highest values; whether that is better "
            "depends on the direction. Each value is the organisation's latest in the window; "
            "'Period from' is the first day of the period it comes from.",
            kind="note",
        ),
    ]


def _flag_peer_line(flag: dict) -> str:
    """The value against peers, as the profile words it; "" where the rule has none."""
    if pd.isna(flag["value"]) or pd.isna(flag["quartile"]):
        return flag["peer_text"] or ""

    def v(x: float) -> str:
        return registry.format_code(flag["measure"], x, flag["unit"])

    return (
        f"{flag['measure_label']} {v(flag['value'])}: quartile {int(flag['quartile'])} of 4 "
        f"among {flag['peer_group']} peers (median {v(flag['peer_median'])}, quartiles "
        f"{v(flag['peer_q1'])} to {v(flag['peer_q3'])}, n = {int(flag['peer_n'])})."
    )


def _flags(data: OrgInputs, flags: pd.DataFrame) -> list:
    blocks: list = [Heading("Flags from the data"), Paragraph(gaps.verdict(flags))]
    for i, flag in enumerate(flags.to_dict("records"), start=1):
        blocks += [
            Heading(f"{i}. {flag['title']} ({flag['severity']})", level=2),
            Paragraph(flag["detail"]),
        ]
        line = _flag_peer_line(flag)
        if line:
            blocks.append(Paragraph(line, kind="note"))
        blocks.append(Paragraph(flag["look_first"], lead="Look at first:"))
    checks = data.checks
    missing = checks[checks["status"] == gaps.NOT_ASSESSED]
    clear = checks[checks["status"] == gaps.CLEAR]
    if len(missing):
        blocks += [
            Paragraph("Not assessed for lack of data:", kind="note"),
            Bullets(
                tuple(f"{t}: {d}" for t, d in zip(missing["title"], missing["detail"], strict=True))
            ),
        ]
    if len(clear):
        blocks += [
            Paragraph(f"Checks passed ({len(clear)}):", kind="note"),
            Bullets(
                tuple(f"{t}: {d}" for t, d in zip(clear["title"], clear["detail"], strict=True))
            ),
        ]
    return blocks


def _self_assessment(data: OrgInputs) -> list:
    blocks: list = [Heading("The board's self-assessment")]
    answers = data.answers
    if answers.empty:
        blocks.append(Paragraph(f"No self-assessment has been recorded for {data.window.label}."))
        return blocks
    version = int(answers["version"].iloc[0])
    saved = fmt_date(answers["submitted_at"].iloc[0])
    blocks.append(Paragraph(f"The latest answers (version {version}, saved on {saved})."))
    blocks.append(
        Table(
            "Self-assessment answers",
            ("Question", "Answer", "Note"),
            tuple(
                (
                    str(q),
                    ANSWER_WORDS.get(a, "Not answered") if isinstance(a, str) else "Not answered",
                    n if isinstance(n, str) and n else "–",
                )
                for q, a, n in zip(
                    answers["question"], answers["answer"], answers["note"], strict=True
                )
            ),
        )
    )
    blocks.append(Heading("Where the answers and the data disagree", level=2))
    if data.disagreements.empty:
        blocks.append(Paragraph("Nowhere: the answers agree with what the data can check."))
    for d in data.disagreements.to_dict("records"):
        lead = "Contradicted by the data:" if d["level"] == "error" else "Questioned by the data:"
        answer = ANSWER_WORDS.get(d["answer"], str(d["answer"]))
        blocks.append(Paragraph(f"'{d['question']}' answered {answer}. {d['data_says']}", lead))
        blocks.append(Paragraph(d["why_it_matters"], lead="Why it matters:", kind="note"))
    return blocks


def _over_time(data: OrgInputs, summary: pd.DataFrame, in_group: pd.Series, group: str) -> list:
    """The monthly vacancy rate as an SPC chart (the AHP FTE when no vacancy figure was
    reported, as on the profile) and the funnel of senior band share among the peers."""
    series = gaps.monthly_vacancy(data.workforce, data.window, data.org_code)
    blocks: list = [Heading("Month by month, and seniority against peers")]
    if series["ahp_fte"].isna().all():
        blocks.append(
            Paragraph(
                f"{data.org_code} reported no monthly workforce figures up to the end of "
                f"{data.window.label}, so there is no chart of them."
            )
        )
    else:
        column = "vacancy_rate" if series["vacancy_rate"].notna().any() else "ahp_fte"
        if column == "ahp_fte":
            blocks.append(
                Paragraph(
                    f"{data.org_code} reported no vacancy figures up to the end of "
                    f"{data.window.label}, so its AHP FTE is charted instead of its vacancy "
                    "rate."
                )
            )
        spc, icon = figures.spc(series, column, data.org_code, data.window.label)
        if icon:
            blocks.append(Paragraph(icon, lead="Making Data Count variation icon:"))
        blocks += [
            Paragraph(
                f"Statistical process control (XmR) chart of the monthly "
                f"{registry.column_label(column)} up to the end of the window: points coloured "
                "as special cause variation (improvement or concern) differ from the "
                "month-to-month noise of the rest.",
                kind="note",
            ),
            spc,
        ]
    blocks += [
        Paragraph(
            "Funnel plot of the share of AHP FTE in Band 8a and above: the organisation is "
            "ringed; points outside the limits differ from the average by more than chance "
            "and the spread between organisations explain.",
            kind="note",
        ),
        figures.senior_funnel(summary[in_group], data.org_code, group, data.window.label),
    ]
    return blocks


def _indicators(data: OrgInputs, peers: pd.DataFrame, others: pd.DataFrame, group: str) -> list:
    rest = peers[~peers["code"].isin(HEADLINE)]
    have = rest["value"].notna()
    blocks: list = [
        Heading("Indicators against peers"),
        Paragraph(
            "Each row places the organisation (the marker) in the range of its peers: the "
            "grey bar runs from the lowest to the highest peer, the darker part is the middle "
            "half, the line the median. Rows are turned so that better is to the right where "
            "the indicator has a direction.",
            kind="note",
        ),
        figures.spine(peers, others, group, data.window.label),
        peer_table(rest[have], "Other indicators and measures"),
    ]
    if (~have).any():
        names = "; ".join(str(n) for n in rest.loc[~have, "name"])
        blocks.append(Paragraph(f"No value in {data.window.label} for: {names}.", kind="note"))
    return blocks
