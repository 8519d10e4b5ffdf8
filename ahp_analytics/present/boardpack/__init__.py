"""The board pack: one organisation's profile (or a group's organisations side by side) as a
paper for a trust board, in Word and PDF, from one report model.

:mod:`.model` holds the report as data; :mod:`.content` and :mod:`.group` build it from the
frames the pages and ``export summary`` use; :mod:`.figures` makes its charts and
:mod:`.pictures` draws them with kaleido; :mod:`.word` and :mod:`.pdf` write the files.
"""

from __future__ import annotations

from ahp_analytics.present.boardpack.model import Report

FORMATS = ("docx", "pdf")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def write(report: Report, fmt: str) -> bytes:
    """The bytes of ``report`` as a ``docx`` or ``pdf`` file; ValueError for another format."""
    if fmt == "docx":
        from ahp_analytics.present.boardpack.word import to_docx

        return to_docx(report)
    if fmt == "pdf":
        from ahp_analytics.present.boardpack.pdf import to_pdf

        return to_pdf(report)
    raise ValueError(f"Unknown board pack format {fmt!r}: choose one of {', '.join(FORMATS)}.")
