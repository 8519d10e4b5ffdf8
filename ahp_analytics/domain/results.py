"""What checking a file gives back: messages (errors and warnings) and canonical tables.

Errors users can cause are values, not exceptions: every step returns :class:`Message` objects
that name the file, sheet, Excel row, column, value, rule and fix.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

import pandas as pd

ERROR = "error"
WARNING = "warning"


@dataclass
class Message:
    """One problem found in a file. ``row`` is the row number as Excel shows it.

    When many identical problems are summarised, ``count`` says how many, ``rows`` holds
    every row, ``values`` the first distinct values found and ``row_values`` the value of
    each row (for the full list as CSV).
    """

    severity: str
    rule: str
    message: str
    fix: str = ""
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    count: int = 1
    rows: list[int] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    row_values: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        """The message for JSON reports: the first 20 rows, not the full list."""
        d = asdict(self)
        d.pop("row_values")
        d["rows"] = d["rows"][:20]
        return d

    def cells(self) -> list[dict]:
        """One record per affected cell (the full list, for CSV download)."""
        base = {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "column": self.column,
            "rule": self.rule,
            "message": self.message,
            "fix": self.fix,
        }
        if not self.rows:
            return [{**base, "row": self.row, "value": self.value}]
        values = self.row_values or [self.value] * len(self.rows)
        return [{**base, "row": r, "value": v} for r, v in zip(self.rows, values, strict=False)]

    @property
    def where(self) -> str:
        """``sheet 'Workforce', row 12, column 'FTE'`` (the parts that are known)."""
        parts = []
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.count > 1 and self.rows:
            shown = ", ".join(str(r) for r in self.rows[:5])
            more = f" and {self.count - len(self.rows[:5])} more" if self.count > 5 else ""
            parts.append(f"rows {shown}{more}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)


@dataclass
class FileResult:
    """The outcome of reading and checking one file.

    ``tables`` maps a table name (``workforce``, ``leadership``, ``indicators``,
    ``organisations``) to a DataFrame with the export columns of
    :data:`ahp_analytics.domain.schema.EXPORT_COLUMNS`; ``period`` is datetime64 (first day).
    """

    file_name: str
    sha256: str
    size: int
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> dict[str, int]:
        return {name: len(df) for name, df in self.tables.items()}

    def add(self, message: Message) -> None:
        message.file = message.file or self.file_name
        (self.errors if message.severity == ERROR else self.warnings).append(message)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
