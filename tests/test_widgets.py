"""Text from files and users is shown as typed: never a link, image or format."""

from __future__ import annotations

import re

from ahp_analytics.ui.widgets import plain


def test_plain_makes_markdown_inert_and_keeps_ordinary_text():
    hostile = "![t](http://example.invalid/p.png) [a](javascript:x) **b** :red[c] $d$ <i>"
    escaped = plain(hostile)
    # every character Markdown acts on is escaped; none stands bare
    assert not re.search(r"(?<!\\)[\[\]!*$<>]", escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == hostile
    assert plain("Guy's and St Thomas' (RJ1) return-2024.xlsx") == (
        "Guy's and St Thomas' (RJ1) return-2024.xlsx"
    )
