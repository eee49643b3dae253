"""Government documents out of one structure: ODT (Taiwan's standard), DOCX, PDF and HTML.

A `Document` is a title and a list of blocks (headings, paragraphs, tables, figures). Tables
repeat their header row on every page in every format (ODT header rows, DOCX tblHeader, PDF
thead), as Taiwanese government reports do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string

DOCUMENT_FORMATS = {
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
CJK_FONT = "Noto Sans CJK TC"


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    caption: str = ""


@dataclass
class Figure:
    """An SVG chart; ODT/DOCX carry its caption and its text description."""

    svg: str
    caption: str
    description: str = ""


Block = Heading | Paragraph | Table | Figure


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    landscape: bool = False


class UnknownDocumentFormat(ValueError):
    pass


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def render_html(doc: Document) -> str:
    return render_to_string("core/document.html", {"doc": doc, "font": CJK_FONT})


def render_pdf(doc: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(doc)).write_pdf()


def render_docx(doc: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    out = Docx()
    style = out.styles["Normal"]
    style.font.name = CJK_FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    if doc.landscape:
        section = out.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    out.add_heading(doc.title, level=0)
    if doc.subtitle:
        out.add_paragraph(doc.subtitle)
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, Paragraph):
            out.add_paragraph(block.text)
        elif isinstance(block, Figure):
            out.add_paragraph(block.caption, style="Caption")
            if block.description:
                out.add_paragraph(block.description)
        else:
            if block.caption:
                out.add_paragraph(block.caption, style="Caption")
            table = out.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            header = table.rows[0]
            tr_pr = header._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
            for cell, text in zip(header.cells, block.headers, strict=True):
                cell.text = text
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = _text(value)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def render_odt(doc: Document) -> bytes:
    from odf import table as odt_table
    from odf import text as odt_text
    from odf.opendocument import OpenDocumentText
    from odf.style import FontFace, ParagraphProperties, Style, TextProperties

    out = OpenDocumentText()
    out.fontfacedecls.addElement(FontFace(name=CJK_FONT, fontfamily=CJK_FONT, fontfamilygeneric="swiss"))
    body = Style(name="Body", family="paragraph")
    body.addElement(TextProperties(fontname=CJK_FONT, fontnameasian=CJK_FONT, fontsize="12pt", fontsizeasian="12pt"))
    out.styles.addElement(body)
    headings = {}
    for level, size in ((0, "18pt"), (1, "16pt"), (2, "14pt"), (3, "13pt"), (4, "12pt")):
        style = Style(name=f"Heading{level}", family="paragraph")
        style.addElement(
            TextProperties(
                fontname=CJK_FONT,
                fontnameasian=CJK_FONT,
                fontsize=size,
                fontsizeasian=size,
                fontweight="bold",
                fontweightasian="bold",
            )
        )
        style.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.2cm"))
        out.styles.addElement(style)
        headings[level] = style
    out.text.addElement(odt_text.H(outlinelevel=1, stylename=headings[0], text=doc.title))
    if doc.subtitle:
        out.text.addElement(odt_text.P(stylename=body, text=doc.subtitle))
    for n, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            level = min(block.level, 4)
            out.text.addElement(odt_text.H(outlinelevel=level + 1, stylename=headings[level], text=block.text))
        elif isinstance(block, Paragraph):
            out.text.addElement(odt_text.P(stylename=body, text=block.text))
        elif isinstance(block, Figure):
            out.text.addElement(odt_text.P(stylename=body, text=block.caption))
            if block.description:
                out.text.addElement(odt_text.P(stylename=body, text=block.description))
        else:
            if block.caption:
                out.text.addElement(odt_text.P(stylename=body, text=block.caption))
            table = odt_table.Table(name=f"Table{n + 1}")
            table.addElement(odt_table.TableColumn(numbercolumnsrepeated=len(block.headers)))
            header_rows = odt_table.TableHeaderRows()
            header_rows.addElement(_odt_row(block.headers, body))
            table.addElement(header_rows)
            for row in block.rows:
                table.addElement(_odt_row([_text(v) for v in row], body))
            out.text.addElement(table)
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def _odt_row(values: list[str], style: Any) -> Any:
    from odf import table as odt_table
    from odf import text as odt_text

    row = odt_table.TableRow()
    for value in values:
        cell = odt_table.TableCell(valuetype="string")
        cell.addElement(odt_text.P(stylename=style, text=value))
        row.addElement(cell)
    return row


RENDERERS = {"odt": render_odt, "docx": render_docx, "pdf": render_pdf}


def render(doc: Document, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(doc).encode("utf-8")
    if fmt not in RENDERERS:
        raise UnknownDocumentFormat(f"不支援的文件格式「{fmt}」，可用：{', '.join(DOCUMENT_FORMATS)}")
    return RENDERERS[fmt](doc)


def document_response(doc: Document, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(render(doc, fmt), content_type=DOCUMENT_FORMATS[fmt])
    if fmt != "html":
        full = f"{filename}.{fmt}"
        response["Content-Disposition"] = f"attachment; filename=\"document.{fmt}\"; filename*=UTF-8''{quote(full)}"
    return response
