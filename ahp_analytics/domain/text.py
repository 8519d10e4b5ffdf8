"""Control characters in text that came from a file: escaped on the terminal, dropped from
stored text.

A file may hold any character. Escape sequences (``ESC ] 0 ; ... BEL`` retitles a terminal,
``ESC [ 2 J`` clears it) must never reach a terminal, and stored text must hold none, so that
no later reader (a terminal, a CSV opened in an editor, a log) meets them either.
"""

from __future__ import annotations

import re

# C0 (tab, line breaks and ESC among them), DEL and C1 controls, and the bidirectional
# embedding, override and isolate marks, which reorder how a line reads on screen.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS_AND_TABS = re.compile("[\t\n\r]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\n``
    becomes ``\\x0a``), so that it prints as one inert line. Other text is unchanged."""
    return _TERMINAL_UNSAFE.sub(_escape, str(text))


def has_control_characters(text: str) -> bool:
    """True when :func:`without_control_characters` would change ``text``."""
    return bool(_CONTROL.search(text) or _LINE_BREAKS_AND_TABS.search(text))


def without_control_characters(text: str) -> str:
    """Free text as stored: each run of tabs and line breaks (as Alt+Enter leaves in an Excel
    cell) becomes one space, and every other control character is removed."""
    return _CONTROL.sub("", _LINE_BREAKS_AND_TABS.sub(" ", text)).strip()
