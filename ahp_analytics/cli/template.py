"""``template OUT.xlsx``: the blank return workbook, with instructions and drop-down lists."""

from __future__ import annotations

from pathlib import Path

from ahp_analytics.cli.common import EXIT_OK, EXIT_USAGE, error, say


def add_parser(sub, parents: list) -> None:
    t = sub.add_parser("template", parents=parents, help="write the blank return workbook")
    t.add_argument("out", help="where to write it, e.g. return.xlsx")


def run(args) -> int:
    from ahp_analytics.present.template import write_template

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        error("error: the template is an Excel workbook: give a name ending .xlsx")
        return EXIT_USAGE
    write_template(out)
    say(f"Wrote the return template to {out}.")
    return EXIT_OK
