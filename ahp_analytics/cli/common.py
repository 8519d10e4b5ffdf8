"""What every command shares: exit codes, printing (control characters escaped), the user's
name, and opening the store named by ``--db`` with one-line messages for what can go wrong."""

from __future__ import annotations

import argparse
import os
import sys

from ahp_analytics.domain.text import terminal_safe

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
MAX_SUBMISSION_ID = 2**31 - 1  # submission ids are 32-bit integers in PostgreSQL
SUPPORTED_DATABASES = ("sqlite", "postgresql")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def say(text: object) -> None:
    """Print one line on standard output, control characters escaped."""
    print(terminal_safe(text))


def error(text: object) -> None:
    """Print one line on standard error, control characters escaped."""
    print(terminal_safe(text), file=sys.stderr, flush=True)


def user_name(name: str | None) -> str:
    """Who is acting: ``name`` if given, else the login name from the environment."""
    if name:
        return name
    for var in ("AHP_USER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    return "local user"


def submission_id(text: str) -> int | None:
    """A submission id as typed: a whole number from 1 to :data:`MAX_SUBMISSION_ID`, else
    None (the caller reports a usage error; the database is never asked)."""
    try:
        value = int(text)
    except ValueError:  # not a number, or more digits than int() reads
        return None
    return value if 1 <= value <= MAX_SUBMISSION_ID else None


def add_selection_options(parser: argparse.ArgumentParser, *, periods: bool = True) -> None:
    """The options that build a :class:`~ahp_analytics.domain.selection.Selection`."""
    parser.add_argument("--org", action="append", default=[], help="organisation code (repeatable)")
    parser.add_argument("--region")
    parser.add_argument(
        "--icb", help="integrated care board, by name as in the organisations table"
    )
    parser.add_argument("--trust-type")
    if periods:
        parser.add_argument("--from", dest="period_from", help="first period, e.g. 2024-04")
        parser.add_argument("--to", dest="period_to", help="last period, e.g. 2025-03")
    parser.add_argument("--window", help="analysis window, e.g. 2023/24 (default: latest year)")
    parser.add_argument(
        "--without-demo",
        action="store_true",
        help="leave out the demonstration data set's organisations (codes DM001 and on)",
    )


def selection_from_args(args):  # type: ignore[no-untyped-def]
    """The :class:`~ahp_analytics.domain.selection.Selection` the options of
    :func:`add_selection_options` give: ``--from`` from its period's first day, ``--to`` to its
    last. Raises ValueError with a sentence for the user when a value cannot be read."""
    from ahp_analytics.domain.periods import parse_period
    from ahp_analytics.domain.selection import Selection

    bounds = {}
    for name, end in (("period_from", False), ("period_to", True)):
        value = getattr(args, name, None)
        if value is not None:
            period = parse_period(value)
            if period is None:
                raise ValueError(f"cannot read the period '{value}' (e.g. 2024-04)")
            bounds[name] = period.end if end else period.start
    return Selection(
        window=args.window,
        orgs=tuple(args.org),
        region=args.region,
        icb=args.icb,
        trust_type=args.trust_type,
        demo=not args.without_demo,
        **bounds,
    )


class StoreUnavailable(Exception):
    """The database cannot be opened; ``str(exc)`` is one line, with no password in it."""


def db_url(args) -> str:
    """The database URL: ``--db``, else the default."""
    from ahp_analytics.store import default_url  # the store loads only when used

    return getattr(args, "db", None) or default_url()


def shown_url(url: str) -> tuple[str, str | None]:
    """The URL as messages show it (password masked) and the password, for masking."""
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return "(a URL that cannot be read)", None
    return parsed.render_as_string(hide_password=True), parsed.password


def database_problem(exc: BaseException, url: str) -> str | None:
    """One line saying what a database failure means for the user (no password in it), or
    None when ``exc`` is not a database failure."""
    sa = sys.modules.get("sqlalchemy")
    if sa is None or not isinstance(exc, sa.exc.SQLAlchemyError):
        return None
    shown, password = shown_url(url)
    orig = getattr(exc, "orig", None)
    lines = str(orig or exc).strip().splitlines() or [type(exc).__name__]
    reason = lines[0]
    if password:
        reason = reason.replace(str(password), "***")
    text = reason.lower()
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg's SQLSTATE code
    if "database is locked" in text or sqlstate == "55P03":
        return (
            f"the database {shown} is locked by another program, and stayed locked past the "
            "time allowed: nothing was changed. Try again when that program has finished."
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{shown} is not a database this application can read ({reason}): nothing was "
            "changed. Check the path, or give another file with --db."
        )
    if sqlstate == "42501" or "permission denied" in text or "readonly database" in text:
        return (
            f"the database {shown} refused access ({reason}): its account lacks the "
            "privileges the store needs (read and write on its tables). Ask the database's "
            "administrator to grant them."
        )
    if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
        return f"cannot open the database {shown}: {reason}"
    return f"the database {shown} reported an error: {reason}"


def store_from_args(args):
    """The store named by ``--db`` (default: ``AHP_DATABASE_URL``, else ``data/ahp.db``).
    Raises :class:`StoreUnavailable` for a URL that cannot be read, a database kind the
    application does not support, a missing driver, or a database that cannot be opened."""
    import sqlalchemy as sa

    from ahp_analytics.store import StoreProblem, open_store

    url = db_url(args)
    shown, _ = shown_url(url)
    try:
        backend = sa.make_url(url).get_backend_name()
    except sa.exc.ArgumentError:
        raise StoreUnavailable(
            "cannot read the database URL: write it as sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/database"
        ) from None
    if backend not in SUPPORTED_DATABASES:
        raise StoreUnavailable(
            f"the database {shown} is of a kind this application does not support "
            f"({backend}): use SQLite (sqlite:///path/to/file.db) or PostgreSQL "
            "(postgresql+psycopg://user@host/database)"
        )
    try:
        return open_store(url)
    except ImportError as exc:
        raise StoreUnavailable(
            f"cannot open the database {shown}: its driver ({exc.name or exc}) is not "
            "installed; for PostgreSQL use postgresql+psycopg://"
        ) from None
    except sa.exc.SQLAlchemyError as exc:
        raise StoreUnavailable(database_problem(exc, url)) from None
    except StoreProblem as exc:  # e.g. a database upgraded by a later release
        raise StoreUnavailable(str(exc)) from None


def with_pd_options(fn) -> None:
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.width", 200):
        fn()
