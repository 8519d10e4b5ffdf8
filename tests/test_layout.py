"""The repository's shape, where a well-meant change would quietly break something."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pages_live_in_views_not_pages():
    """Streamlit (1.67) treats a folder named ``pages/`` beside app.py as the old multipage
    mode until ``st.navigation`` first runs: on a freshly started server a deep link such as
    /upload then runs that page without app.py, so without the sign-in gate and the filters.
    The pages therefore live in ``views/``; do not rename it ``pages/``."""
    assert not (ROOT / "pages").exists(), (
        "A pages/ folder switches on Streamlit's old multipage mode, whose deep links skip "
        "app.py and its sign-in gate: keep the pages in views/."
    )
    assert sorted(p.name for p in (ROOT / "views").glob("*.py"))
