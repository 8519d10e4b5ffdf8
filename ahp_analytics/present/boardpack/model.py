"""The board pack as data: a :class:`Report` is a title, a few facts about it and a list of
blocks (headings, paragraphs, lists, tables, pictures). The content is worked out once, in
:mod:`~ahp_analytics.present.boardpack.content` (one organisation) and
:mod:`~ahp_analytics.present.boardpack.group` (organisations side by side); the Word and PDF
writers only lay the same blocks out, so the two files never say different things.

Every text in a block is plain text, never markup: the writers escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A picture's width in layout pixels: at the page's width, the charts' text reads at 8 to 9 pt.
WIDTH = 800


@dataclass(frozen=True)
class Heading:
    """A section heading; ``level`` 1 for a section, 2 for a part of one."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. ``lead`` (optional) is shown in bold before the text ("Look at first:");
    ``kind`` is "body", "summary" (the opening paragraph, larger) or "note" (smaller, grey)."""

    text: str
    lead: str | None = None
    kind: str = "body"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, one plain-text item each."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every cell is text as it should read."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Picture:
    """A chart: its plotly figure, the alternative text a screen reader reads, and the data
    behind it, shown in its place when the chart cannot be drawn as a picture. ``png`` is
    filled in by :func:`~ahp_analytics.present.boardpack.pictures.draw`."""

    key: str
    title: str
    alt: str
    figure: Any  # plotly.graph_objects.Figure
    data: Table
    width: int = WIDTH
    height: int = 480
    png: bytes | None = None


Block = Heading | Paragraph | Bullets | Table | Picture


@dataclass
class Report:
    """A whole board pack: the title, the subject line (the organisation and its code, or the
    group), facts (label, value) shown under them, and the blocks in reading order.
    ``charts_note`` says why the charts are tables, when they are."""

    title: str
    subject: str
    facts: tuple[tuple[str, str], ...]
    blocks: list[Block] = field(default_factory=list)
    charts_note: str | None = None

    @property
    def pictures(self) -> list[Picture]:
        """The charts, in reading order."""
        return [b for b in self.blocks if isinstance(b, Picture)]
