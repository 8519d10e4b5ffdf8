"""Parts both board packs share (one organisation, a group): words, tables of peers and
arrangements, the statistics sentences and the appendix of definitions and sources."""

from __future__ import annotations

import pandas as pd

from ahp_analytics.analysis import measures
from ahp_analytics.domain import measures as registry
from ahp_analytics.domain.periods import Window
from ahp_analytics.present.boardpack.model import Heading, Paragraph, Table

# The five figures a board reads first, in this order.
HEADLINE = (
    "ahp_fte",
    "vacancy_rate",
    "senior_band_share",
    "leadership_fte_per_100_ahp_fte",
    "professional_lead_coverage",
)
# Measures whose variation across arrangements the statistics section reads out.
COMPARED = (
    "vacancy_rate",
    "senior_band_share",
    "leadership_fte_per_100_ahp_fte",
    "professional_lead_coverage",
)
PEER_CHOICES = {
    "trust_type": "Same trust type",
    "region": "Same region",
    "all": "All organisations",
}
# The arrangements in a sentence each (spec/metrics.md, Leadership arrangement categories).
CATEGORY_TEXT = {
    registry.CATEGORIES[0]: "A strategic-role AHP post (Chief AHP, Director of AHPs, Deputy "
    "chief AHP or Lead AHP) has a vote on the board: the seat, not the title, decides.",
    registry.CATEGORIES[1]: "A strategic-role AHP post attends the board or sits on it "
    "without a vote.",
    registry.CATEGORIES[2]: "There is a strategic-role AHP post, but it neither sits on nor "
    "attends the board.",
    registry.CATEGORIES[3]: "There are AHP leadership posts, none of them in a strategic role "
    "(professional leads only).",
    registry.CATEGORIES[4]: "The leadership return declares that the organisation has no AHP "
    "leadership posts.",
    registry.NOT_RETURNED: "No leadership return in the window: the arrangement is not known. "
    "A missing return is not evidence of absence, so such organisations are left out of "
    "shares and statistics.",
}
POSITION = {
    "better": "better than most peers",
    "worse": "worse than most peers",
    "middle": "in the middle half of peers",
}


def fmt_date(value: object) -> str:
    """A date for a reader: "5 March 2025"."""
    ts = pd.Timestamp(value)
    return f"{ts.day} {ts:%B %Y}"


def position_text(quartile: object, assessment: object) -> str:
    """Where a value sits among peers in words: "worse than most peers, in quartile 4 of 4"."""
    if pd.isna(quartile):
        return "with no peer comparison"
    q = f"quartile {int(quartile)} of 4"
    words = POSITION.get(str(assessment))
    return f"{words}, in {q}" if words else f"in {q} of peers (no better or worse direction)"


def _position_cell(quartile: object, assessment: object) -> str:
    if pd.isna(quartile):
        return "No value"
    return {
        "better": "Better than most peers",
        "worse": "Worse than most peers",
        "middle": "Middle half",
    }.get(str(assessment), "No direction")


def peer_table(rows: pd.DataFrame, caption: str) -> Table:
    """Rows of :func:`measures.peer_comparison` as a table: value, peer median and middle half,
    quartile, position, direction, peers and period, each formatted by the registry."""

    def f(code: str, x: object, unit: object) -> str:
        return registry.format_code(code, x, unit)

    body = []
    for r in rows.to_dict("records"):
        code, unit = r["code"], r["unit"]
        body.append(
            (
                str(r["name"]),
                f(code, r["value"], unit),
                f(code, r["peer_median"], unit),
                f"{f(code, r['peer_q1'], unit)} to {f(code, r['peer_q3'], unit)}",
                "–" if pd.isna(r["quartile"]) else f"{int(r['quartile'])} of 4",
                _position_cell(r["quartile"], r["assessment"]),
                registry.direction_text(r["higher_is_better"]),
                str(int(r["n_peers"])),
                r["period"] if isinstance(r["period"], str) else "–",
            )
        )
    header = (
        "Measure",
        "Value",
        "Peer median",
        "Peer middle half",
        "Quartile",
        "Position",
        "Direction",
        "Peers (n)",
        "Period from",
    )
    return Table(caption, header, tuple(body))


def category_table(rows: pd.DataFrame, marked: str | None, who: str) -> Table:
    """Organisations of ``rows`` in each arrangement (A to E, then Not returned) with their
    share of those that sent a return (:func:`measures.category_counts`); ``marked`` (an
    arrangement) is the organisation's own."""
    counts = measures.category_counts(rows)
    body = tuple(
        (
            str(c) + (" (this organisation)" if c == marked else ""),
            str(int(n)),
            "–" if pd.isna(s) else f"{s:.0f}%",
        )
        for c, n, s in zip(
            counts["leadership_category"], counts["organisations"], counts["share_pct"], strict=True
        )
    )
    return Table(
        "Leadership arrangements", ("Arrangement", f"{who} (n)", "Share with a return"), body
    )


def statistics_section(summary: pd.DataFrame, catalogue: pd.DataFrame | None, over: str) -> list:
    """How the headline measures vary across leadership arrangements, in the sentences the
    Leadership pages show (:func:`measures.compare_indicator`), over the rows of ``summary``."""
    blocks: list = [
        Heading("What the statistics say"),
        Paragraph(
            f"Each measure compared across leadership arrangements, over {over}. The tests "
            "describe organisations, not this paper's subject alone, and an association is not "
            "causation.",
            kind="note",
        ),
    ]
    for code in COMPARED:
        result = measures.compare_indicator(summary, code, catalogue=catalogue)
        blocks += [Heading(registry.measure(code).label, level=2), Paragraph(result.text)]
    return blocks


def appendix(window: Window, as_of: pd.Timestamp | None) -> list:
    """Definitions of the measures used and where the data comes from."""
    codes = (*HEADLINE, "leadership_category")
    definitions = Table(
        "Definitions",
        ("Measure", "Definition", "When missing", "Direction"),
        tuple(
            (
                m.title,
                m.definition,
                m.missing or "–",
                registry.direction_text(m.higher_is_better),
            )
            for m in (registry.measure(c) for c in codes)
        ),
    )
    arrangements = Table(
        "Leadership arrangements (the first that applies)",
        ("Arrangement", "Meaning"),
        tuple((c, CATEGORY_TEXT[c]) for c in (*registry.CATEGORIES, registry.NOT_RETURNED)),
    )
    latest = "none recorded" if as_of is None or pd.isna(as_of) else fmt_date(as_of)
    return [
        Heading("Appendix: definitions and data sources"),
        definitions,
        arrangements,
        Heading("Data sources", level=2),
        Paragraph(
            "Workforce and leadership returns submitted by the organisations to this service, "
            f"and the indicators of its catalogue (each with its source in its definition). "
            f"The analysis window {window.label} runs from {fmt_date(window.start)} to "
            f"{fmt_date(window.end)}; each value is the organisation's latest inside it. Latest "
            f"submission: {latest}."
        ),
        Paragraph(
            "Peer medians and quartiles never include the organisation itself. Funnel plots "
            "follow FunnelPlotR and SPC charts NHSRplotthedots (Making Data Count); the "
            "statistics are Kruskal-Wallis and Mann-Whitney tests and Spearman's rank "
            "correlation, at the 5% level.",
            kind="note",
        ),
    ]
