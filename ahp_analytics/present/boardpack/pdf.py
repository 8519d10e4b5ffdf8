"""The board pack as a PDF: the report laid out as HTML and printed by WeasyPrint, tagged for
screen readers (PDF/UA-1: headings, tables with header cells, pictures with their alternative
text, the document's language and title).

Every text is escaped before it goes into the HTML, so names from returns are never read as
markup; pictures are embedded as ``data:`` URLs and WeasyPrint may fetch nothing else.
"""

from __future__ import annotations

import base64
from html import escape

from ahp_analytics.present.boardpack.model import (
    Bullets,
    Heading,
    Paragraph,
    Picture,
    Report,
    Table,
)

CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm 2cm;
  @bottom-left { content: string(subject); font: 8pt Arial, sans-serif; color: #4C6272; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font: 8pt Arial, sans-serif; color: #4C6272; } }
body { font: 10.5pt/1.4 Arial, "Liberation Sans", sans-serif; color: #212B32; }
h1.title { font-size: 22pt; margin: 0 0 4pt; color: #005EB8; }
p.subject { font-size: 14pt; margin: 0 0 12pt; string-set: subject content(); }
h2 { font-size: 15pt; color: #005EB8; margin: 18pt 0 6pt; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
/* A section's opening paragraph stays with what it introduces (a picture too tall for the
   rest of the page takes its heading and paragraph to the next, not leaving them alone). */
h2 + p, h3 + p { break-after: avoid; }
p { margin: 0 0 6pt; }
p.summary { font-size: 12pt; }
p.note, .caption { font-size: 9pt; color: #4C6272; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 10pt; font-size: 9pt; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border: 0.5pt solid #AEB7BD; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #E8EDEE; }
table.wide td:first-child { width: 26%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 6pt 0 12pt; break-inside: avoid; }
figure img { width: 100%; }
ul { margin: 0 0 6pt; padding-left: 16pt; }
"""


def to_html(report: Report) -> str:
    """The report as one HTML document (what the PDF prints)."""
    parts = [
        f'<h1 class="title">{escape(report.title)}</h1>',
        f'<p class="subject">{escape(report.subject)}</p>',
        _table(_facts(report)),
    ]
    if report.charts_note:
        parts.append(f'<p class="note">{escape(report.charts_note)}</p>')
    for block in report.blocks:
        parts.append(_block(block))
    title = escape(f"{report.title}: {report.subject}")
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{''.join(parts)}</body></html>"
    )


def _facts(report: Report) -> Table:
    return Table("About this paper", ("Item", "Detail"), report.facts)


def _block(block: object) -> str:
    if isinstance(block, Heading):
        level = block.level + 1  # h1 is the title
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
        return f'<p class="{block.kind}">{lead}{escape(block.text)}</p>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Picture):
        if block.png is None:
            return _table(block.data)
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}">'
            f'<figcaption class="caption">{escape(block.title)}</figcaption></figure>'
        )
    raise TypeError(f"not a block of a report: {type(block).__name__}")


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in table.rows
    )
    wide = ' class="wide"' if len(table.header) > 5 else ""
    return (
        f"<table{wide}><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def to_pdf(report: Report) -> bytes:
    """The bytes of a tagged PDF (PDF/UA-1) of ``report``."""
    from weasyprint import CSS as Stylesheet  # loaded only when a PDF is written
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])  # the embedded pictures, nothing else
    document = HTML(string=to_html(report), url_fetcher=fetcher)
    return document.write_pdf(
        stylesheets=[Stylesheet(string=CSS, url_fetcher=fetcher)],
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )
