"""Browser tests (Playwright with Debian's Chromium) against a real ``streamlit run``."""
