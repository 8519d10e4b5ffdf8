"""Board packs from the store: reads what a pack needs (the summary ``export summary``
writes, the gap checks, the self-assessment, the latest submission) and hands the frames to
:mod:`ahp_analytics.present.boardpack`, which builds the report and writes the files.

A pack holds only what every signed-in user of the dashboard may see on the Organisation
profile and the Gaps and risks page: stored data, the checks and the current self-assessment.
It names no account, file or database.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ahp_analytics.analysis import gaps, measures, stored
from ahp_analytics.domain.periods import Window, parse_window
from ahp_analytics.domain.selection import Selection
from ahp_analytics.present import boardpack
from ahp_analytics.present.boardpack import common
from ahp_analytics.present.boardpack import group as group_pack
from ahp_analytics.present.boardpack.content import OrgInputs, org_report
from ahp_analytics.present.boardpack.model import Report
from ahp_analytics.present.boardpack.pictures import draw
from ahp_analytics.services import assessment
from ahp_analytics.services.exports import export_table
from ahp_analytics.store import Store

PEER_CHOICES = tuple(common.PEER_CHOICES)  # trust_type, region, all
GROUP_KINDS = ("region", "icb", "trust_type")


class PackError(ValueError):
    """A pack that cannot be made from what was asked (an unknown organisation, a window
    without data): ``str(exc)`` is one line for the user."""


def _window(label: str) -> Window:
    window = parse_window(label)
    if window is None:
        raise PackError(f"cannot read the window '{label}' (e.g. 2024/25)")
    return window


def _summary(store: Store, window: Window) -> pd.DataFrame:
    """Every organisation's summary row of the window: exactly what ``export summary`` writes."""
    summary = export_table(store, "summary", Selection(window=window))
    if summary.empty:
        raise PackError(f"no organisation has data in {window.label}: choose another window")
    return summary


def _as_of(store: Store) -> pd.Timestamp | None:
    return measures.data_freshness(store.read("submissions"))["last_updated"]


def _rules() -> pd.DataFrame:
    try:
        return gaps.load_rules()
    except (OSError, ValueError) as exc:
        raise PackError(f"the gap rules file cannot be used: {exc}") from None


def org_inputs(
    store: Store, org_code: str, window_label: str, peers_by: str = "trust_type"
) -> OrgInputs:
    """What the pack of one organisation is built from. Raises :class:`PackError` for an
    unreadable window, a window without data, an organisation without data in it (unknown,
    or known with nothing in the window) or an unknown peer choice."""
    if peers_by not in PEER_CHOICES:
        raise PackError(f"peers are one of {', '.join(PEER_CHOICES)}, not '{peers_by}'")
    code = str(org_code).strip().upper()
    window = _window(window_label)
    summary = _summary(store, window)
    if code not in set(summary["org_code"]):
        known = store.read("organisations", Selection(orgs=[code]))
        if known.empty:
            raise PackError(f"unknown organisation '{code}': no organisation has that code")
        raise PackError(f"{code} has no data in {window.label}: choose another window")
    leadership = store.read("leadership")
    indicators = store.read("indicators")
    sums = stored.gap_workforce_sums(store, window, code)
    inputs = gaps.GapInputs(
        summary, None, leadership, window, _rules(), indicators, workforce_sums=sums
    )
    checks = gaps.org_checks(code, inputs)
    answers = assessment.current(store, code, window.label)
    return OrgInputs(
        org_code=code,
        window=window,
        summary=summary,
        checks=checks,
        answers=answers,
        disagreements=assessment.disagreements(answers, checks),
        workforce=store.read("workforce", Selection(orgs=(code,))),
        catalogue=store.indicator_catalogue(),
        as_of=_as_of(store),
        peers_by=peers_by,
        produced=date.today(),
        before=export_table(store, "summary", Selection(window=window.previous())),
    )


def org_pack(
    store: Store, org_code: str, window_label: str, peers_by: str = "trust_type"
) -> Report:
    """The board pack of one organisation (pictures not yet drawn)."""
    return org_report(org_inputs(store, org_code, window_label, peers_by))


def group_pack_of(store: Store, kind: str, name: str, window_label: str) -> Report:
    """The board pack of a group (``kind`` region, icb or trust_type, named ``name``): its
    organisations side by side. Raises :class:`PackError` for an unknown kind, a window
    without data, or a group with no organisation in it."""
    if kind not in GROUP_KINDS:
        raise PackError(f"a group is one of {', '.join(GROUP_KINDS)}, not '{kind}'")
    window = _window(window_label)
    summary = _summary(store, window)
    members = summary[summary[kind] == name]
    if members.empty:
        known = sorted({str(v) for v in summary[kind].dropna()})
        hint = f" (in {window.label}: {'; '.join(known)})" if len(known) <= 12 else ""
        raise PackError(f"no organisation of {kind.replace('_', ' ')} '{name}' has data{hint}")
    flags = gaps.all_flags(
        gaps.GapInputs(
            summary,
            None,
            store.read("leadership"),
            window,
            _rules(),
            store.read("indicators"),
            workforce_sums=stored.gap_workforce_sums(store, window),
        )
    )
    return group_pack.group_report(
        group_pack.GroupInputs(
            kind=kind,
            name=name,
            window=window,
            summary=summary,
            flags=flags,
            catalogue=store.indicator_catalogue(),
            as_of=_as_of(store),
            produced=date.today(),
        )
    )


def org_pack_file(
    store: Store, org_code: str, window_label: str, peers_by: str, fmt: str
) -> tuple[bytes, str | None]:
    """The board pack of one organisation as a ``docx`` or ``pdf`` file, its charts drawn,
    and the note saying why they are tables instead (None when they were drawn)."""
    report = org_pack(store, org_code, window_label, peers_by)
    note = draw(report)
    return boardpack.write(report, fmt), note
