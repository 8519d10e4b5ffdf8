"""``python -m ahp_analytics compare INDICATOR``: an indicator across groups of organisations.

Prints, per group, n, median, inter-quartile range and mean with its 95% CI, then the
plain-language reading (or, with ``--json``, the whole result as JSON, where every character
outside ASCII is escaped). Group names come from the data, so each line is printed with its
control characters escaped. Exit status: 0 done; 2 a usage or environment error (unknown
indicator, unreadable window, a database that cannot be opened).
"""

from __future__ import annotations

import sys

from ahp_analytics.cli.common import add_selection_options, selection_from_args
from ahp_analytics.domain.text import terminal_safe

EXIT_OK, EXIT_USAGE = 0, 2
# Kept here (not imported from measures) so building the parser stays cheap.
BY_CHOICES = ("leadership_category", "leadership_level", "trust_type", "region")
WITHIN_CHOICES = ("trust_type", "region")


def add_parser(sub, parents: list) -> None:
    c = sub.add_parser(
        "compare",
        parents=parents,
        help="compare an indicator across leadership categories or other groups",
    )
    c.add_argument("indicator", help="indicator code or name, e.g. staff_engagement")
    c.add_argument("--by", choices=BY_CHOICES, default="leadership_category")
    c.add_argument("--within", choices=WITHIN_CHOICES, help="also compare within each stratum")
    c.add_argument("--json", action="store_true", help="print the result as JSON")
    add_selection_options(c, periods=False)


def open_store(args):
    """The store named by ``--db`` (or the default); a database that cannot be opened gives
    one line, as for every command."""
    from ahp_analytics.cli.common import store_from_args

    return store_from_args(args)


def run(args) -> int:
    from ahp_analytics.analysis.measures import compare_indicator, summary_table

    try:
        selection = selection_from_args(args)
    except ValueError as exc:
        print(terminal_safe(f"error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    store = open_store(args)
    catalogue = store.indicator_catalogue()
    summary_df = summary_table(store, selection)
    try:
        result = compare_indicator(
            summary_df, args.indicator, by=args.by, within=args.within, catalogue=catalogue
        )
    except ValueError as exc:
        print(terminal_safe(f"error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(result.to_json())
    else:
        for line in render_text(result).split("\n"):
            print(terminal_safe(line))
    return EXIT_OK


def render_text(result) -> str:
    """The plain-text report of an :class:`~ahp_analytics.analysis.measures.IndicatorComparison`."""
    from ahp_analytics.domain.measures import column_label

    unit = f" ({result.unit})" if result.unit else ""
    lines = [
        f"{result.name}{unit} by {column_label(result.by)}, window {result.window or 'n/a'}",
        "",
        group_table(result.comparison.table),
    ]
    for stratum, comparison in result.strata.items():
        lines += ["", f"Within {column_label(result.within)} = {stratum}:"]
        lines += [group_table(comparison.table), result.strata_sentences[stratum]]
    lines += ["", result.sentence]
    if result.note:
        lines.append(result.note)
    return "\n".join(lines)


def group_table(table) -> str:
    """Per group: n, median, IQR, mean and 95% CI, aligned; small groups marked with *."""
    header = ("group", "n", "median", "IQR", "mean", "95% CI")
    rows = [header]
    for r in table.to_dict("records"):
        rows.append(
            (
                f"{r['group']}{' *' if r['small'] and r['n'] > 0 else ''}",
                str(r["n"]),
                _fmt(r["median"]),
                f"{_fmt(r['q1'])} to {_fmt(r['q3'])}" if r["n"] else "",
                _fmt(r["mean"]),
                f"{_fmt(r['ci_low'])} to {_fmt(r['ci_high'])}" if r["n"] >= 2 else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    text = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    if any(r["small"] and r["n"] > 0 for r in table.to_dict("records")):
        text.append("* fewer than 5 organisations: read with care")
    return "\n".join(text)


def _fmt(x: float) -> str:
    if x != x:  # NaN
        return ""
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"
