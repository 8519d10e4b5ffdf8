"""The board pack of a group of organisations (a region, an ICB or a trust type): its
organisations side by side, from the same summary table and gap flags as the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ahp_analytics.analysis import gaps, measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import Window
from ahp_analytics.present.boardpack import figures
from ahp_analytics.present.boardpack.common import (
    HEADLINE,
    appendix,
    category_table,
    fmt_date,
    statistics_section,
)
from ahp_analytics.present.boardpack.content import TITLE
from ahp_analytics.present.boardpack.model import Heading, Paragraph, Report, Table

KIND_WORDS = {"region": "Region", "icb": "ICB", "trust_type": "Trust type"}


@dataclass(frozen=True)
class GroupInputs:
    """What a group's pack is built from: the window's summary of every organisation
    (``export summary``), every organisation's gap flags (:func:`gaps.all_flags`), the
    indicator catalogue and when the data last changed."""

    kind: str
    name: str
    window: Window
    summary: pd.DataFrame
    flags: pd.DataFrame
    catalogue: pd.DataFrame | None
    as_of: pd.Timestamp | None
    produced: date | None = None


def group_report(data: GroupInputs) -> Report:
    """The board pack of the organisations of ``data.kind`` = ``data.name`` with data in the
    window. Raises KeyError when there are none."""
    members = data.summary[data.summary[data.kind] == data.name]
    if members.empty:
        raise KeyError(data.name)
    members = members.assign(_name=members["org_name"].fillna(members["org_code"]))
    members = members.sort_values("_name", key=lambda s: s.str.lower(), kind="stable")
    kind = KIND_WORDS[data.kind]
    as_of = "no submission recorded" if data.as_of is None else fmt_date(data.as_of)
    report = Report(
        title=TITLE,
        subject=f"{data.name} ({kind.lower()})",
        facts=(
            ("Group", f"{kind}: {data.name}"),
            ("Organisations", str(len(members))),
            ("Analysis window", data.window.label),
            ("Produced", fmt_date(data.produced or date.today())),
            ("Data as of", f"{as_of} (latest submission)" if data.as_of is not None else as_of),
        ),
    )
    table = gaps.flag_table(data.flags, members)
    add = report.blocks.extend
    add([Heading("Summary"), Paragraph(_summary(data, members, table), kind="summary")])
    add(_overview(data, members))
    add(_side_by_side(members, table))
    add(_arrangements(data, members))
    add(_charts(data, members))
    add(statistics_section(members, data.catalogue, f"the {len(members)} organisations"))
    add(appendix(data.window, data.as_of))
    return report


def _summary(data: GroupInputs, members: pd.DataFrame, table: pd.DataFrame) -> str:
    here, everyone = measures.headline(members), measures.headline(data.summary)
    vacancy = registry.measure("vacancy_rate")
    strategic = registry.measure("strategic_lead_share")
    returned = int(members["leadership_category"].notna().sum())
    flagged = table[table["flags"] > 0]
    parts = [
        f"{measures.plural(len(members), 'organisation')} of {data.name} have data in "
        f"{data.window.label}; {returned} sent a leadership return.",
        f"Their pooled AHP vacancy rate was {vacancy.format(here['vacancy_rate'])} "
        f"({vacancy.format(everyone['vacancy_rate'])} across all organisations).",
        f"{strategic.format(here['strategic_lead_share'])} of those with a leadership return "
        f"had a strategic AHP lead ({strategic.format(everyone['strategic_lead_share'])} "
        "across all organisations).",
    ]
    if flagged.empty:
        parts.append("The data checks raised no flag for any of them.")
    else:
        worst = flagged.iloc[0]
        parts.append(
            f"The data checks raised {int(flagged['flags'].sum())} flags for "
            f"{measures.plural(len(flagged), 'organisation')}; the most, "
            f"{int(worst['flags'])}, for {worst['org_name'] or worst['org_code']}."
        )
    return " ".join(parts)


def _overview(data: GroupInputs, members: pd.DataFrame) -> list:
    here, everyone = measures.headline(members), measures.headline(data.summary)
    rows = tuple(
        (m.title, m.format(here[code]), m.format(everyone[code]))
        for code in registry.HEADLINE
        for m in [registry.measure(code)]
    )
    return [
        Heading("The group's figures"),
        Table("The group against all organisations", ("Measure", data.name, "All"), rows),
        Paragraph(
            "As the Overview shows them: the vacancy rate is pooled over the organisations that "
            "report vacancies; the shares are of organisations with a leadership return.",
            kind="note",
        ),
    ]


def _side_by_side(members: pd.DataFrame, table: pd.DataFrame) -> list:
    flags = table.set_index("org_code")
    header = (
        "Organisation",
        "Arrangement",
        *(registry.measure(c).title for c in HEADLINE),
        "Flags",
    )
    body = []
    for r in members.to_dict("records"):
        f = flags.loc[r["org_code"]]
        body.append(
            (
                f"{r['_name']} ({r['org_code']})",
                r["leadership_category"][:1] if r["leadership_category"] else registry.NOT_RETURNED,
                *(registry.measure(c).format(r[c]) for c in HEADLINE),
                f"{int(f['flags'])} ({int(f['high'])} high)" if f["high"] else str(int(f["flags"])),
            )
        )
    median = ("Median of the group", "", *(_median(members, c) for c in HEADLINE), "")
    look = tuple(
        (f"{r['org_name'] or r['org_code']} ({r['org_code']})", r["look_first_at"])
        for r in table.to_dict("records")
        if r["flags"]
    )
    blocks: list = [
        Heading("The organisations side by side"),
        Table("Headline figures by organisation", header, (*body, median)),
        Paragraph(
            "Arrangement by letter (A: AHP executive on the board, to E: no AHP leadership "
            "posts; see the appendix). Each value is the organisation's latest in the window.",
            kind="note",
        ),
    ]
    if look:
        blocks.append(Table("What to look at first", ("Organisation", "Worst flag"), look))
    return blocks


def _median(rows: pd.DataFrame, code: str) -> str:
    values = pd.to_numeric(rows[code], errors="coerce").dropna()
    return registry.measure(code).format(values.median() if len(values) else None)


def _arrangements(data: GroupInputs, members: pd.DataFrame) -> list:
    figure = figures.arrangement(
        [(data.name, members), ("All organisations", data.summary)],
        f"Leadership arrangements, {data.name} and all organisations, {data.window.label}",
        f"The organisations of {data.name} against all organisations, {data.window.label}.",
    )
    return [
        Heading("Leadership arrangements"),
        category_table(members, None, "Organisations"),
        figure,
    ]


def _charts(data: GroupInputs, members: pd.DataFrame) -> list:
    window = data.window.label
    funnel = figures.senior_funnel(members, None, data.name, window)
    return [
        Heading("Charts"),
        figures.org_bars(members, "vacancy_rate", f"AHP vacancy rate by organisation, {window}"),
        figures.org_bars(
            members,
            "leadership_fte_per_100_ahp_fte",
            f"Leadership FTE per 100 AHP FTE by organisation, {window}",
        ),
        funnel,
    ]
