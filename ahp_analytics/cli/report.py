"""``report``: the board pack of an organisation (or of a region, ICB or trust type, its
organisations side by side) as a Word document or a PDF."""

from __future__ import annotations

from pathlib import Path

from ahp_analytics.cli.common import EXIT_OK, EXIT_USAGE, error, store_from_args


def add_parser(sub, parents: list) -> None:
    r = sub.add_parser(
        "report",
        parents=parents,
        help="write a board pack (Word or PDF) of an organisation or a group",
        description="Write a board pack: an organisation's profile against its peers (or a "
        "group's organisations side by side) as a paper for a trust board.",
    )
    r.add_argument("org", nargs="?", help="organisation code, e.g. RJ1")
    group = r.add_mutually_exclusive_group()
    group.add_argument("--region", help="a group: the organisations of this region")
    group.add_argument("--icb", help="a group: the organisations of this ICB (by name)")
    group.add_argument("--trust-type", help="a group: the organisations of this trust type")
    r.add_argument("--window", required=True, help="analysis window, e.g. 2024/25")
    r.add_argument(
        "--peers",
        choices=("trust_type", "region", "all"),
        default="trust_type",
        help="an organisation's peers (default: the same trust type)",
    )
    r.add_argument("--format", choices=("docx", "pdf"), default=None)
    r.add_argument("-o", "--out", required=True, help="file to write (.docx or .pdf)")


def run(args) -> int:
    from ahp_analytics.present import boardpack
    from ahp_analytics.present.boardpack.pictures import draw
    from ahp_analytics.services.boardpack import PackError, group_pack_of, org_pack

    kinds = {"region": args.region, "icb": args.icb, "trust_type": args.trust_type}
    chosen = [(k, v) for k, v in kinds.items() if v is not None]
    if bool(args.org) == bool(chosen):
        error("error: name one organisation, or a group with --region, --icb or --trust-type")
        return EXIT_USAGE
    fmt = args.format or ("pdf" if args.out.lower().endswith(".pdf") else "docx")
    store = store_from_args(args)
    try:
        if args.org:
            report = org_pack(store, args.org, args.window, args.peers)
        else:
            kind, name = chosen[0]
            report = group_pack_of(store, kind, name, args.window)
    except PackError as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    note = draw(report)
    if note:
        error(note)
    Path(args.out).write_bytes(boardpack.write(report, fmt))
    error(f"Wrote the board pack of {report.subject}, {args.window}, to {args.out}.")
    return EXIT_OK
