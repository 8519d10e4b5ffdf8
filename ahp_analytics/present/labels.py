"""Where to put small labels beside points so that none overlaps another or leaves the plot, at
any width the chart may be drawn.

A figure is built once and drawn at whatever width the page gives it (a phone's 300 px or a
wide screen's 1,500), with a fixed height. A label sits at a fixed offset in pixels from its
point, while the points move apart as the chart widens, so the horizontal distance between two
labels is a straight-line function of the width: a placement that keeps every pair apart at
the narrowest and at the widest width keeps them apart at every width in between. Vertical
distances do not depend on the width at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Offsets (right, down) in pixels from the point to the label's centre, tried in order:
# above, below, right, left, the diagonals, then the same further out.
OFFSETS: tuple[tuple[int, int], ...] = (
    (0, -26),
    (0, 26),
    (28, 0),
    (-28, 0),
    (24, -22),
    (-24, -22),
    (24, 22),
    (-24, 22),
    (0, -48),
    (0, 48),
    (50, 0),
    (-50, 0),
    (44, -40),
    (-44, -40),
    (44, 40),
    (-44, 40),
)


@dataclass(frozen=True)
class Area:
    """The plot area in pixels: its narrowest and widest width and its height; ``box`` the
    size of a label (width, height) and ``gap`` the room kept between two things."""

    widths: tuple[float, float] = (220.0, 1600.0)
    height: float = 230.0
    box: tuple[float, float] = (20.0, 20.0)
    gap: float = 3.0
    marker: float = 12.0  # a point's marker, as a square of this side


def _apart(dx: tuple[float, float], dy: float, size: tuple[float, float]) -> bool:
    """True when two things whose centres are ``dx`` apart across (at the narrowest and at the
    widest width) and ``dy`` apart up and down are at least ``size`` (across, up and down)
    apart in one direction at every width."""
    dx_narrow, dx_wide = dx
    if abs(dy) >= size[1]:
        return True
    same_side = (dx_narrow >= 0) == (dx_wide >= 0)
    return same_side and min(abs(dx_narrow), abs(dx_wide)) >= size[0]


def place(
    points: Sequence[tuple[float, float]],
    others: Sequence[tuple[float, float]] = (),
    area: Area = Area(),
) -> list[tuple[int, int] | None]:
    """An offset (right, down, in pixels) for a label of each point, in order of priority, or
    None where no offset of :data:`OFFSETS` keeps it inside the plot area and clear of the
    labels placed before it and of every point's marker (``points`` and ``others``).

    Points are given as fractions of the plot area (0 to 1 from the left and from the bottom).
    """
    w, h = area.box
    narrow, wide = area.widths
    markers = [*points, *others]
    placed: list[tuple[float, float, float]] = []  # label centres: x at narrow, x at wide, y
    out: list[tuple[int, int] | None] = []

    def centre(p: tuple[float, float], off: tuple[int, int]) -> tuple[float, float, float]:
        return p[0] * narrow + off[0], p[0] * wide + off[0], (1 - p[1]) * area.height + off[1]

    for point in points:
        chosen = None
        for off in OFFSETS:
            xn, xw, y = centre(point, off)
            inside = (
                w / 2 <= xn <= narrow - w / 2
                and w / 2 <= xw <= wide - w / 2
                and h / 2 <= y <= area.height - h / 2
            )
            if not inside:
                continue
            clear_of_labels = all(
                _apart((xn - pn, xw - pw), y - py, (w + area.gap, h + area.gap))
                for pn, pw, py in placed
            )
            clear_of_markers = all(
                _apart(
                    (xn - m[0] * narrow, xw - m[0] * wide),
                    (1 - m[1]) * area.height - y,
                    ((w + area.marker) / 2 + area.gap, (h + area.marker) / 2 + area.gap),
                )
                for m in markers
            )
            if clear_of_labels and clear_of_markers:
                chosen = off
                placed.append((xn, xw, y))
                break
        out.append(chosen)
    return out
