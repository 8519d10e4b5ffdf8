"""Text from files and users is shown as typed: never a link, image, format or icon."""

from __future__ import annotations

import gc
import re

import pytest

from ahp_analytics.present import charts
from ahp_analytics.ui import widgets
from ahp_analytics.ui.widgets import WORD_JOINER, plain


def unescaped(text: str) -> str:
    """What Markdown shows for ``plain``'s output: escapes resolved, joiners invisible."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def test_plain_makes_markdown_inert_and_keeps_ordinary_text():
    hostile = "![t](http://example.invalid/p.png) [a](javascript:x) **b** :red[c] $d$ <i> &lt;"
    escaped = plain(hostile)
    # every character Markdown acts on is escaped; none stands bare
    assert not re.search(r"(?<!\\)[\[\]!*$<>&]", escaped)
    assert unescaped(escaped) == hostile
    for ordinary in (
        "Guy's and St Thomas' (RJ1) return-2024.xlsx",
        "Stored as submission 2: 3 rows",
    ):
        assert plain(ordinary) == ordinary


@pytest.mark.parametrize(
    "text",
    [
        "http://example.invalid/x",
        "HTTPS://example.invalid",
        "see www.example.invalid now",
        "Www.example.invalid",
        "someone@example.invalid",
        ":smile: :material/home:",
    ],
)
def test_plain_breaks_bare_urls_addresses_and_shortcodes(text):
    """Markdown links bare URLs and e-mail addresses, and Streamlit draws :shortcodes:, in
    the text after escapes are resolved: a word joiner breaks each pattern."""
    escaped = plain(text)
    assert unescaped(escaped) == text
    assert not re.search(r"https?://|www\.|@\w|:[\w-]+:", escaped, re.IGNORECASE)


@pytest.mark.parametrize("text", ["1. first", "2) second", "- item", "+ item", " 3. third"])
def test_plain_text_never_opens_a_list(text):
    escaped = plain(text)
    assert unescaped(escaped) == text
    assert not re.match(r"\s*(\d+[.)]|[-+])", escaped)


def test_plain_keeps_data_on_one_line():
    """A line break in data could start a heading, list, table or rule on the next line."""
    assert plain("a\n# b\r\n---\rc") == "a \\# b --- c"


def test_a_figure_is_copied_without_its_title_once_and_forgotten_with_it() -> None:
    fig = charts.empty_figure("A title")
    other = charts.empty_figure("Another title")
    untitled = widgets._untitled(fig)
    assert untitled.layout.title.text == "" and fig.layout.title.text == "A title"
    assert widgets._untitled(fig) is untitled  # kept, not copied again
    assert widgets._untitled(other) is not untitled
    key = id(fig)
    del fig
    gc.collect()
    assert key not in widgets._UNTITLED
