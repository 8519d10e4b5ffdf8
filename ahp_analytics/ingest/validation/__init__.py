"""Raw sheets -> canonical tables and messages, per the return format's rules
(docs/return-format.md).

- ``cells``: cleaning a column of cells, once per distinct value;
- ``rules``: every rule, stated once (id, severity, columns, check, message, fix);
- ``header``: finding a table's header row;
- ``table``: one table's rows, checked by the rules of each column's kind;
- ``tables``: each table's own rules;
- ``driver``: a file, its sheets and the checks across its tables.
"""

from ahp_analytics.ingest.validation.driver import validate_bytes, validate_path

__all__ = ["validate_bytes", "validate_path"]
