"""CSV lines of a chunk of rows, formatted a column at a time.

``csv.writer`` inspects every cell of every row (seconds for a national table of 700,000
rows). Here a chunk comes as its columns; a text column is checked on its distinct values
(a table of codes and vocabularies has few), and only a column with a value to escape, quote
or leave empty is mapped through a table of its distinct cells; numbers are written by
``repr``, each distinct one once (:class:`NumberTexts`); the lines are joined by
``str.join``. The bytes are exactly those of ``csv.writer`` (minimal quoting, CRLF line ends)
for the same cells after :func:`~ahp_analytics.present.export.safe_text`. A chunk this path
cannot promise that for (a column of another kind, or holding other values than text, or
than floats or whole numbers; a single column) is left to the caller: :func:`csv_lines`
returns None.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The first characters that make a spreadsheet read text as a formula (every export escapes
# them), and the characters that make csv.writer quote a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_QUOTED = (",", '"', "\r", "\n")
_NONE = type(None)


def text_cell(value: str | None) -> str:
    """One text cell as CSV: ``'`` in front of formula-looking text, quoted (inner quotes
    doubled) when it holds a comma, a quote or a line end; None empty."""
    if value is None:
        return ""
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    if any(c in value for c in _QUOTED):
        return '"' + value.replace('"', '""') + '"'
    return value


def _text_cells(values: Sequence) -> Sequence | None:
    """The cells of a text column; None if a value is not text (nor missing)."""
    distinct = set(values)  # text equals text only, so the distinct values' types will do
    if not set(map(type, distinct)) <= {str, _NONE}:
        return None
    cells = {v: text_cell(v) for v in distinct}
    if all(k is v for k, v in cells.items()):  # nothing to escape, quote or leave empty
        return values
    return list(map(cells.__getitem__, values))


class NumberTexts(dict):
    """The CSV texts (``repr``; None empty) of one number column's values, kept from chunk to
    chunk: a stored table's column repeats few distinct values, and each is written once. It
    holds the texts of one type of number at a time (1 and 1.0 are one key, with two texts),
    and is emptied past :attr:`LIMIT` texts, so memory stays bounded."""

    LIMIT = 100_000

    def __init__(self) -> None:
        super().__init__()
        self.types: set[type] = set()

    def __missing__(self, value: object) -> str:
        text = self[value] = "" if value is None else repr(value)
        return text


def _number_cells(values: Sequence, texts: NumberTexts) -> list | None:
    """The cells of a number column as csv.writer writes them (``repr``), None empty, through
    ``texts``; None if the column holds other values than floats, or than whole numbers."""
    # The types of every value, not of the distinct ones: 1, 1.0 and True are one key.
    types = set(map(type, values)) - {_NONE}
    if not (types <= {float} or types == {int}):
        return None
    if types and types != texts.types:
        texts.clear()
        texts.types = types
    if types == {float} and 0.0 in values:
        numbers = np.array(values, dtype=float)  # None as NaN
        negative = np.signbit(numbers[numbers == 0])
        if negative.any() and not negative.all():  # 0.0 and -0.0: one key, two texts
            return ["" if v is None else repr(v) for v in values]
        kept = texts.get(0.0)
        if kept is not None and kept.startswith("-") != negative[0]:  # the other zero's
            del texts[0.0]
    cells = list(map(texts.__getitem__, values))
    if len(texts) > texts.LIMIT:
        texts.clear()
    return cells


def csv_lines(
    columns: Sequence[Sequence], kinds: list[str], texts: Sequence[NumberTexts] | None = None
) -> bytes | None:
    """The CSV lines (UTF-8, each ended by CRLF) of a chunk given by its ``columns`` (a
    sequence of cells each, none for no rows), of ``kinds`` (``text`` or ``number``); None
    when a column is of another kind or holds values this path does not write, or the rows
    have a single cell (csv.writer quotes an empty one). ``texts``: a :class:`NumberTexts`
    for each column, kept from one chunk of a table to the next (new ones when not given)."""
    if len(kinds) < 2 or any(k not in ("text", "number") for k in kinds):
        return None
    if not columns:
        return b""
    texts = texts or [NumberTexts() for _ in kinds]
    cells = []
    for kind, values, known in zip(kinds, columns, texts, strict=True):
        written = _text_cells(values) if kind == "text" else _number_cells(values, known)
        if written is None:
            return None
        cells.append(written)
    lines = map(",".join, zip(*cells, strict=True))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
