"""``python -m ahp_analytics scan --by GROUPING``: every indicator with values in the window
tested against a grouping, sorted by the Benjamini-Hochberg adjusted p-value (q).

Prints a table and a sentence saying how many tests were run (or, with ``--json``, the result
as JSON). Exit status: 0 done; 2 a usage error (unreadable window).
"""

from __future__ import annotations

import sys

from ahp_analytics.cli.common import add_selection_options, selection_from_args
from ahp_analytics.cli.compare import BY_CHOICES, WITHIN_CHOICES
from ahp_analytics.domain.text import terminal_safe

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(sub, parents: list) -> None:
    s = sub.add_parser(
        "scan",
        parents=parents,
        help="test every indicator against leadership (or another grouping)",
    )
    s.add_argument("--by", choices=BY_CHOICES, default="leadership_category")
    s.add_argument("--within", choices=WITHIN_CHOICES, help="test within each stratum")
    s.add_argument("--json", action="store_true", help="print the result as JSON")
    add_selection_options(s, periods=False)


def run(args) -> int:
    from ahp_analytics.analysis.measures import summary_table
    from ahp_analytics.analysis.scan import scan
    from ahp_analytics.cli.common import store_from_args

    try:
        selection = selection_from_args(args)
    except ValueError as exc:
        print(terminal_safe(f"error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    store = store_from_args(args)
    result = scan(
        summary_table(store, selection),
        by=args.by,
        within=args.within,
        catalogue=store.indicator_catalogue(),
    )
    if args.json:
        print(result.to_json())  # JSON escapes every control character itself
    else:
        for line in render_text(result).splitlines():  # indicator names come from files
            print(terminal_safe(line))
    return EXIT_OK


def _p(x: float) -> str:
    return "<0.001" if x < 0.001 else f"{x:.3f}"


def render_text(result) -> str:
    """The scan as an aligned table, sorted by q, then the sentence and what was not tested."""
    from ahp_analytics.domain.measures import column_label

    head = (
        f"Indicators by {column_label(result.by)}"
        + (f", within {column_label(result.within)}" if result.within else "")
        + f", window {result.window or 'n/a'}"
    )
    header = ["indicator", "name", *(["stratum"] if result.within else []), "n", "missing"]
    header += ["test", "statistic", "p", "q"]
    rows = [header]
    for t in result.tests:
        rows.append(
            [
                t.indicator,
                t.name,
                *([t.stratum or ""] if result.within else []),
                str(t.n),
                str(t.missing),
                t.test,
                f"{t.statistic:.3g}",
                _p(t.p),
                _p(t.q),
            ]
        )
    numeric = {"n", "missing", "statistic", "p", "q"}
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [head, ""]
    lines += [
        "  ".join(
            cell.rjust(w) if name in numeric else cell.ljust(w)
            for cell, w, name in zip(r, widths, header, strict=True)
        ).rstrip()
        for r in rows
    ]
    lines += ["", result.sentence]
    for u in result.not_tested:
        where = f" ({u.stratum})" if u.stratum else ""
        lines.append(f"Not tested: {u.name}{where}: {u.reason}.")
    return "\n".join(lines)
