"""``python -m ahp_analytics COMMAND``: one module per command (template, validate, ingest,
export, demo, submissions, tracker, withdraw, compare, scan, report, changes), each with
``add_parser`` and ``run``.

Exit status: 0 all good; 1 a file was rejected (or a withdrawal refused); 2 a usage or
environment error (the database cannot be opened, is locked or refuses access), or an
interrupt. Every failure a user can cause is one line, never a traceback; text that came from a
file or the database is printed with its control characters escaped.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ahp_analytics.cli import (
    changes,
    compare,
    demo,
    export,
    ingest,
    report,
    scan,
    submissions,
    template,
    tracker,
    validate,
    withdraw,
)
from ahp_analytics.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    StoreUnavailable,
    database_problem,
    db_url,
    error,
)

COMMANDS = {
    m.__name__.rsplit(".", 1)[1]: m
    for m in (
        template,
        validate,
        ingest,
        export,
        demo,
        submissions,
        tracker,
        withdraw,
        compare,
        scan,
        report,
        changes,
    )
}


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="python -m ahp_analytics", description=__doc__.split("\n")[0])
    p.add_argument("--db", help="database URL (default: $AHP_DATABASE_URL or data/ahp.db)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    # --db may come before or after the command; SUPPRESS keeps a value given before it.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", default=argparse.SUPPRESS, help="database URL")
    for module in COMMANDS.values():
        module.add_parser(sub, [db])
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        error("Interrupted.")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except StoreUnavailable as exc:
        error(f"error: {exc}")
        return EXIT_USAGE
    except OSError as exc:  # a path the user gave that cannot be read or written
        error(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return EXIT_USAGE
    except Exception as exc:
        from ahp_analytics.store import StoreProblem  # the store loads only when used

        problem = str(exc) if isinstance(exc, StoreProblem) else database_problem(exc, db_url(args))
        if problem is None:
            raise
        error(f"error: {problem}")
        return EXIT_USAGE
