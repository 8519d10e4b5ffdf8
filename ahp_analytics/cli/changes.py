"""``python -m ahp_analytics changes INDICATOR --from-window W1 --to-window W2``: what followed
when organisations moved their AHP leadership closer to or further from the board.

Prints a short plain-language reading, then each group's n, mean change with its 95% CI and
trust types, and the two differences against organisations whose leadership did not change
(``--within trust_type`` repeats them within each trust type). With ``--json``, the result as
JSON (every character outside ASCII escaped). Text from the data is printed with its control
characters escaped. Exit status: 0 done; 2 a usage or environment error (unknown indicator,
unreadable or identical windows, a database that cannot be opened).
"""

from __future__ import annotations

import json

from ahp_analytics.cli.common import EXIT_OK, EXIT_USAGE, error, say

# Kept here (not imported from the analysis) so building the parser stays cheap.
WITHIN_CHOICES = ("trust_type",)


def add_parser(sub, parents: list) -> None:
    c = sub.add_parser(
        "changes",
        parents=parents,
        help="an indicator's change where AHP leadership moved, against organisations where "
        "it did not",
    )
    c.add_argument("indicator", help="indicator code or name, e.g. staff_engagement")
    c.add_argument("--from-window", required=True, help="the earlier window, e.g. 2023/24")
    c.add_argument("--to-window", required=True, help="the later window, e.g. 2024/25")
    c.add_argument("--within", choices=WITHIN_CHOICES, help="also compare within each trust type")
    c.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    from ahp_analytics.analysis.changes import indicator_changes
    from ahp_analytics.analysis.measures import summary_table
    from ahp_analytics.cli.common import store_from_args
    from ahp_analytics.domain.periods import parse_window
    from ahp_analytics.domain.selection import Selection

    windows = []
    for given in (args.from_window, args.to_window):
        window = parse_window(given)
        if window is None:
            error(f"error: cannot read the window '{given}' (e.g. 2023/24)")
            return EXIT_USAGE
        windows.append(window)
    if windows[0].label == windows[1].label:
        error(f"error: --from-window and --to-window are the same ({windows[0].label})")
        return EXIT_USAGE
    store = store_from_args(args)
    catalogue = store.indicator_catalogue()
    before, after = (summary_table(store, Selection(window=w)) for w in windows)
    try:
        result = indicator_changes(
            before, after, args.indicator, within=args.within, catalogue=catalogue
        )
    except ValueError as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        for line in render_text(result).split("\n"):
            say(line)
    return EXIT_OK


def render_text(result) -> str:
    """The plain-text report of a :class:`~ahp_analytics.analysis.changes.ChangeResult`: the
    sentence, then the groups and differences; the same for each stratum when asked."""
    lines = [result.sentence, "", *_table(result)]
    for stratum, part in result.strata.items():
        lines += ["", f"Within trust type {stratum}:", part.sentence, *_table(part)]
    return "\n".join(lines)


def _table(result) -> list[str]:
    from ahp_analytics.analysis.changes import signed, unit_words

    unit = result.unit
    words = f" ({unit_words(unit)})" if unit_words(unit) else ""
    rows = [("group", "n", f"mean change{words}", "95% CI", "trust types")]
    for g in result.groups.values():
        ci = f"{signed(g.ci_low, unit, False)} to {signed(g.ci_high, unit, False)}"
        change = signed(g.mean_change, unit, False)
        rows.append((g.label, str(g.n), change, ci if g.n >= 2 else "", g.trust_type_text))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = [
        "  ".join(
            cell.ljust(w) if i in (0, 4) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    for d in (result.difference, result.difference_down):
        name = f"{result.groups[d.group].label}, minus did not change"
        if d.tested:
            p = "p < 0.001" if d.p < 0.001 else f"p = {d.p:.2g}"
            out.append(
                f"{name}: {signed(d.estimate, unit)} (95% CI {signed(d.ci_low, unit, False)} "
                f"to {signed(d.ci_high, unit, False)}; Welch t-test {p})"
            )
        else:
            out.append(f"{name}: {signed(d.estimate, unit)} (no test: {d.reason})")
    return out
