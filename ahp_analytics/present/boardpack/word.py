"""The board pack as a Word document (python-docx), for a board secretary to edit: Word's own
Title and Heading styles (so the navigation pane and a table of contents work), tables with a
header row that repeats on each page, and alternative text on every picture."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ahp_analytics.present.boardpack.model import (
    Bullets,
    Heading,
    Paragraph,
    Picture,
    Report,
    Table,
)

PAGE_WIDTH_CM = 17.0  # A4 less 2 cm margins
NOTE_STYLE, SUMMARY_STYLE = "Pack note", "Pack summary"
GREY = RGBColor(0x4C, 0x62, 0x72)
AUTHOR = "ahp-analytics"


def to_docx(report: Report) -> bytes:
    """The bytes of a .docx of ``report``."""
    doc = Document()
    _set_up(doc, report)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subject, style="Subtitle")
    _table(doc, Table("About this paper", ("Item", "Detail"), report.facts))
    if report.charts_note:
        doc.add_paragraph(report.charts_note, style=NOTE_STYLE)
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            style = {"note": NOTE_STYLE, "summary": SUMMARY_STYLE}.get(block.kind)
            p = doc.add_paragraph(style=style)
            if block.lead:
                p.add_run(block.lead + " ").bold = True
            p.add_run(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Picture):
            _picture(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_up(doc, report: Report) -> None:  # type: ignore[no-untyped-def]
    """A4 with 2 cm margins, Arial, British English; the document's properties name the
    paper and nobody's account."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    rpr.append(lang)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Caption"):
        styles[name].font.name = "Arial"
    note = styles.add_style(NOTE_STYLE, 1)  # 1: a paragraph style
    note.base_style = normal
    note.font.size, note.font.color.rgb = Pt(9), GREY
    summary = styles.add_style(SUMMARY_STYLE, 1)
    summary.base_style = normal
    summary.font.size = Pt(12)
    props = doc.core_properties
    props.title = f"{report.title}: {report.subject}"
    props.subject = report.subject
    props.author = props.last_modified_by = AUTHOR
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None)
    props.revision = 1


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """Mark a table row as its header: repeated on each page, read as headers by screen
    readers."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _table(doc, table: Table) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph(table.caption, style="Caption")
    t = doc.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    small = Pt(9) if len(table.header) > 4 else Pt(10)
    head = t.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, table.header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, small
    for values in table.rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(str(text)).font.size = small
    t.autofit = False
    widths = _widths(table)
    # Both the grid (LibreOffice reads it) and each cell (Word reads those).
    for grid, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid.set(qn("w:w"), str(width.twips))
    for column, width in zip(t.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = width
    doc.add_paragraph()


CHAR_CM, PAD_CM = 0.2, 0.3  # an average character of 9-10 pt Arial; a cell's margins


def _widths(table: Table) -> list:
    """Column widths over the page's width (Word and LibreOffice split columns evenly
    otherwise): each column first gets its longest word, so that no word is broken across
    lines, then the room left goes to the columns with the most text."""
    need, more = [], []
    for i, head in enumerate(table.header):
        texts = [head, *(str(r[i]) for r in table.rows)]
        word = max(len(w) for t in texts for w in (t.split() or [""]))
        need.append(word * CHAR_CM + PAD_CM)
        more.append(max(0.0, min(max(len(t) for t in texts), 40) * CHAR_CM + PAD_CM - need[-1]))
    room = PAGE_WIDTH_CM - sum(need)
    if room <= 0:  # even the longest words do not fit: shrink every column alike
        return [Cm(PAGE_WIDTH_CM * n / sum(need)) for n in need]
    share = [m / sum(more) if sum(more) else 1 / len(more) for m in more]
    return [Cm(n + room * s) for n, s in zip(need, share, strict=True)]


def _picture(doc, picture: Picture) -> None:  # type: ignore[no-untyped-def]
    if picture.png is None:
        _table(doc, picture.data)
        return
    doc.add_picture(io.BytesIO(picture.png), width=Cm(PAGE_WIDTH_CM))
    # The picture's drawing properties carry its alternative text (Word's "Alt Text").
    inline = doc.paragraphs[-1].runs[-1]._r
    for props in inline.iter(qn("wp:docPr")):
        props.set("descr", picture.alt)
        props.set("title", picture.title)
    doc.add_paragraph(picture.title, style="Caption")
