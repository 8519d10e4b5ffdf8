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


MAX_MODULE_LINES = 520


def test_library_modules_stay_small():
    """docs/architecture.md: a module does one job in about 500 lines; one that grows beyond is
    split along its seams into a package of modules."""
    lines = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted((ROOT / "ahp_analytics").rglob("*.py"))
    }
    assert len(lines) > 50  # the package was found
    over = {name: n for name, n in lines.items() if n > MAX_MODULE_LINES}
    assert not over, (
        f"Modules over {MAX_MODULE_LINES} lines: {over}. The limit keeps each module to one job "
        "(about 500 lines, docs/architecture.md): split it along its seams into a package or a "
        "sibling module, re-exporting the names its callers use."
    )
