"""Charts as pictures: kaleido (plotly's own exporter) drives a Chromium to turn each figure
into a PNG.

The browser is ``AHP_CHROMIUM`` when set, else Debian's ``/usr/bin/chromium``; kaleido is told
its path, so it never looks for (or downloads) a browser of its own, and MathJax is off, so the
page it draws in fetches nothing. When no browser can draw them, the pack is still written:
each chart's data table stands in its place and :attr:`Report.charts_note` says why.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ahp_analytics.present.boardpack.model import Picture, Report

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ENV = "AHP_CHROMIUM"
SCALE = 2  # pixels per layout pixel: sharp in print
TIMEOUT_S = 60  # for one chart (kaleido's own limit)
TOTAL_TIMEOUT_S = 120  # for all of them, the browser's start included, which kaleido leaves open


def browser_path() -> str:
    """The Chromium kaleido drives: ``$AHP_CHROMIUM``, else ``/usr/bin/chromium``."""
    return os.environ.get(CHROMIUM_ENV) or CHROMIUM


def draw(report: Report) -> str | None:
    """Fill in the PNG of every picture of ``report``. Returns None when all were drawn, else
    the reason none was (also set as ``report.charts_note``), and the pictures keep no PNG."""
    pictures = report.pictures
    if not pictures:
        return None
    path = browser_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        reason = f"no Chromium at {path} (install Debian's chromium, or set {CHROMIUM_ENV})"
    else:
        try:
            # A thread of its own: the caller may already run an event loop (a Streamlit page).
            with ThreadPoolExecutor(max_workers=1) as pool:
                images = pool.submit(asyncio.run, _render_in_time(pictures, path)).result()
        except Exception as exc:  # any failure of the browser: the tables stand in instead
            reason = f"Chromium could not draw them ({type(exc).__name__}: {exc})".splitlines()[0]
        else:
            for picture, png in zip(pictures, images, strict=True):
                picture.png = png
            return None
    report.charts_note = (
        f"The charts are shown as tables of the data behind them: {reason}. The figures are "
        "the same."
    )
    return report.charts_note


async def _render_in_time(pictures: list[Picture], path: str) -> list[bytes]:
    """:func:`_render` within :data:`TOTAL_TIMEOUT_S`: a browser that never comes up cannot
    hold the pack (and the person waiting for it) for ever; its tables stand in instead."""
    try:
        return await asyncio.wait_for(_render(pictures, path), TOTAL_TIMEOUT_S)
    except TimeoutError:
        raise TimeoutError(f"no charts after {TOTAL_TIMEOUT_S} s") from None


async def _render(pictures: list[Picture], path: str) -> list[bytes]:
    import kaleido  # loaded only when pictures are drawn: it starts a browser

    async with kaleido.Kaleido(n=1, timeout=TIMEOUT_S, path=path, mathjax=False) as k:
        return [
            await k.calc_fig(
                p.figure,
                opts={"format": "png", "width": p.width, "height": p.height, "scale": SCALE},
            )
            for p in pictures
        ]
