"""Following a store's change log (:mod:`ahp_analytics.store.kept`) for caches: what changed
in one database since a process began to look, by table, period and organisation."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date

import pandas as pd

from ahp_analytics.domain.periods import Window, period_end
from ahp_analytics.store.kept import Kept


class ChangeTracker:
    """What changed in one database since a process began to look, for cache keys.

    :meth:`catch_up` reads the change log from the version last seen to the data version now;
    :meth:`scope` gives, for a part of the data (tables, optionally a window and some
    organisations), the latest version at which anything in it changed. A cached result keyed
    on its scope is worked out again only when its own part changed. Versions before the
    tracker began count as one (``epoch``), as does a change the log does not itemise (a
    reload of the reference organisations): every scope moves on then. A data version going
    back (another database under the same address) starts a new ``generation``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.generation = 0
        self._forget()

    def _forget(self) -> None:
        self.version: int | None = None
        self.epoch = 0
        self._table: dict[str, int] = {}
        self._period: dict[str, dict[tuple[str, str], int]] = {}
        self._org: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
        self._ends: dict[tuple[str, str], date] = {}

    def catch_up(self, kept: Kept, version: int) -> None:
        """Take in the changes up to data ``version`` (read just before, so every change up
        to it is in the log; later ones may be too, and are read again next time)."""
        with self._lock:
            if self.version is not None and version < self.version:
                self._forget()
                self.generation += 1
            if self.version is None:
                self.version = self.epoch = version
                return
            if version == self.version:
                return
            log = kept.changes(self.version)
            itemised = set(log["version"].astype(int))
            if set(range(self.version + 1, version + 1)) - itemised:
                self.epoch = version
            for table, org, period, kind, v in log.itertuples(index=False):
                v = int(v)
                self._table[table] = max(self._table.get(table, 0), v)
                by_period = self._period.setdefault(table, {})
                by_period[(period, kind)] = max(by_period.get((period, kind), 0), v)
                by_org = self._org.setdefault((table, org), {})
                by_org[(period, kind)] = max(by_org.get((period, kind), 0), v)
            self.version = version

    def _inside(self, window: Window, period: str, kind: str) -> bool:
        """Whether the period starting on ``period`` (ISO; '' for none) ends in ``window``."""
        if not period:
            return False
        end = self._ends.get((period, kind))
        if end is None:
            stamp = period_end(pd.Series([pd.Timestamp(period)]), pd.Series([kind])).iloc[0]
            end = self._ends[(period, kind)] = stamp.date()
        return window.start <= end <= window.end

    def scope(
        self,
        tables: Iterable[str],
        window: Window | None = None,
        orgs: Iterable[str] | None = None,
    ) -> tuple[int, int]:
        """(generation, the latest version at which a key group of ``tables`` changed, ending
        inside ``window`` and of one of ``orgs`` when given, or ``epoch`` when later)."""
        codes = None if orgs is None else {str(c).strip().upper() for c in orgs}
        with self._lock:
            latest = self.epoch
            for table in tables:
                if codes is None and window is None:
                    latest = max(latest, self._table.get(table, 0))
                    continue
                if codes is None:
                    groups = [self._period.get(table, {})]
                else:
                    groups = [self._org.get((table, c), {}) for c in codes]
                for group in groups:
                    for (period, kind), v in group.items():
                        if v <= latest:
                            continue
                        if window is None or self._inside(window, period, kind):
                            latest = v
            return self.generation, latest

    def changed_orgs(
        self, tables: Iterable[str], window: Window, since: tuple[int, int]
    ) -> set[str] | None:
        """The organisations with a key group of ``tables`` ending inside ``window`` that
        changed after the scope ``since`` (as :meth:`scope` gave it), or None when that is not
        known: another generation, or a change the log does not itemise came after it."""
        generation, version = since
        with self._lock:
            if generation != self.generation or version < self.epoch:
                return None
            return {
                org
                for (table, org), groups in self._org.items()
                if table in tables
                for (period, kind), v in groups.items()
                if v > version and self._inside(window, period, kind)
            }
