"""ODT (the government's open document format) and DOCX writers for a report: A4, Noto CJK TC,
a two-column table whose header row repeats on every page, page numbers in the footer."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from yankao.core.documents import CJK_FONT

if TYPE_CHECKING:
    from yankao.reports.charts import ChartBlock
    from yankao.reports.rendering import ReportDocument

LEFT_CM, RIGHT_CM = 4.6, 12.4


def _plain(doc: ReportDocument) -> list[tuple[Any, list[str]]]:
    from yankao.reports.rendering import plain_paragraph

    return [(row, [plain_paragraph(p) for p in row.paragraphs]) for row in doc.rows]


def _chart_tables(doc: ReportDocument) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    return [
        (
            block.spec.title,
            [(label, f"{v.display} {block.spec.unit}" if v.ok else v.display) for label, v in block.rows],
            str(block.svg) if block.svg is not None else None,
        )
        for block in doc.charts
    ]


def _svg_size_cm(svg: str, width_cm: float) -> tuple[float, float]:
    """The drawing's height for `width_cm`, from its viewBox (or width/height) aspect ratio."""
    found = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg) or re.search(
        r'width="([\d.]+)(?:px)?" height="([\d.]+)(?:px)?"', svg
    )
    if not found:
        return width_cm, width_cm * 0.5
    w, h = float(found.group(1)), float(found.group(2))
    return width_cm, round(width_cm * h / w, 2)


def _odt_chart(out: Any, svg: str, n: int) -> Any:
    """The same SVG as the HTML and PDF, embedded as a picture in a paragraph of its own."""
    from odf import draw
    from odf import text as x

    width, height = _svg_size_cm(svg, 16.0 if 'class="chart"' in svg else 10.0)
    href = out.addPicture(f"Pictures/chart{n}.svg", "image/svg+xml", svg.encode("utf-8"))
    frame = draw.Frame(width=f"{width}cm", height=f"{height}cm", anchortype="as-char", name=f"圖表{n}")
    frame.addElement(draw.Image(href=href))
    paragraph = x.P()
    paragraph.addElement(frame)
    return paragraph


def _docx_chart_png(block: ChartBlock) -> bytes | None:
    """A drawn bar chart as PNG (see chart_png); None for an undrawn chart or a drawing of its own."""
    from yankao.reports.chart_png import bar_chart_png

    if not block.drawn or block.spec.drawing is not None:
        return None
    return bar_chart_png([(label, float(v.value or 0)) for label, v in block.rows], unit=block.spec.unit)


def render_odt(doc: ReportDocument) -> bytes:
    from odf import table as t
    from odf import text as x
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        FontFace,
        Footer,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )

    out = OpenDocumentText()
    out.fontfacedecls.addElement(FontFace(name=CJK_FONT, fontfamily=CJK_FONT, fontfamilygeneric="swiss"))

    def para_style(
        name: str, size: str = "12pt", *, bold: bool = False, align: str = "justify", indent: str = "0cm"
    ) -> Any:
        style = Style(name=name, family="paragraph")
        props = {"fontname": CJK_FONT, "fontnameasian": CJK_FONT, "fontsize": size, "fontsizeasian": size}
        if bold:
            props |= {"fontweight": "bold", "fontweightasian": "bold"}
        style.addElement(TextProperties(**props))
        style.addElement(ParagraphProperties(textalign=align, marginleft=indent, marginbottom="0.1cm"))
        out.styles.addElement(style)
        return style

    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm", margintop="2cm", marginbottom="1.5cm",
                             marginleft="2cm", marginright="2cm", printorientation="portrait")
    )  # fmt: skip
    out.automaticstyles.addElement(layout)
    footer_style = para_style("Footer", "9pt", align="center")
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    page_para = x.P(stylename=footer_style, text="第 ")
    page_para.addElement(x.PageNumber(selectpage="current", text="1"))
    page_para.addText(" 頁")
    footer.addElement(page_para)
    master.addElement(footer)
    out.masterstyles.addElement(master)

    title_style = para_style("ReportTitle", "16pt", bold=True, align="center")
    head_style = para_style("HeadCell", "12pt", bold=True, align="center")
    body_style = para_style("Body", "12pt")
    levels = [para_style(f"Item{n}", "12pt", bold=n == 0, align="left", indent=f"{n * 0.4:.1f}cm") for n in range(5)]

    table_style = Style(name="ReportTable", family="table")
    table_style.addElement(TableProperties(width=f"{LEFT_CM + RIGHT_CM}cm", align="center"))
    out.automaticstyles.addElement(table_style)
    columns = []
    for name, width in (("ColLeft", LEFT_CM), ("ColRight", RIGHT_CM)):
        col = Style(name=name, family="table-column")
        col.addElement(TableColumnProperties(columnwidth=f"{width}cm"))
        out.automaticstyles.addElement(col)
        columns.append(col)
    cell_style = Style(name="Cell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.12cm"))
    out.automaticstyles.addElement(cell_style)

    out.text.addElement(x.P(stylename=title_style, text=doc.title))
    table = t.Table(name="Report", stylename=table_style)
    for col in columns:
        table.addElement(t.TableColumn(stylename=col))
    header_rows = t.TableHeaderRows()
    header = t.TableRow()
    for text in (doc.item_heading, doc.result_heading):
        cell = t.TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(x.P(stylename=head_style, text=text))
        header.addElement(cell)
    header_rows.addElement(header)
    table.addElement(header_rows)
    for row, paragraphs in _plain(doc):
        tr = t.TableRow()
        left = t.TableCell(stylename=cell_style, valuetype="string")
        left.addElement(x.P(stylename=levels[min(row.level, 4)], text=f"{row.number}{row.title}"))
        right = t.TableCell(stylename=cell_style, valuetype="string")
        for text in paragraphs or [""]:
            right.addElement(x.P(stylename=body_style, text=text))
        tr.addElement(left)
        tr.addElement(right)
        table.addElement(tr)
    out.text.addElement(table)
    for n, (caption, rows, svg) in enumerate(_chart_tables(doc), start=1):
        out.text.addElement(x.P(stylename=head_style, text=f"圖表：{caption}"))
        if svg:
            out.text.addElement(_odt_chart(out, svg, n))
        chart_table = t.Table(name=f"Chart{len(caption)}{id(rows)}")
        chart_table.addElement(t.TableColumn(numbercolumnsrepeated=2))
        for label, value in rows:
            tr = t.TableRow()
            for text in (label, value):
                cell = t.TableCell(stylename=cell_style, valuetype="string")
                cell.addElement(x.P(stylename=body_style, text=text))
                tr.addElement(cell)
            chart_table.addElement(tr)
        out.text.addElement(chart_table)
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def _add_page_number(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" 頁")


def render_docx(doc: ReportDocument) -> bytes:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    out = Docx()
    normal = out.styles["Normal"]
    normal.font.name = CJK_FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(1.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_number(footer)

    heading = out.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(doc.title)
    run.bold, run.font.size = True, Pt(16)

    table = out.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, (doc.item_heading, doc.result_heading), strict=True):
        cell.text = ""
        para = cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(text).bold = True
    for row, paragraphs in _plain(doc):
        cells = table.add_row().cells
        left = cells[0].paragraphs[0]
        left.paragraph_format.left_indent = Cm(0.4 * row.level)
        left.add_run(f"{row.number}{row.title}").bold = row.level == 0
        first = True
        for text in paragraphs:
            para = cells[1].paragraphs[0] if first else cells[1].add_paragraph()
            para.add_run(text)
            first = False
    for tr in table.rows:
        tr.cells[0].width, tr.cells[1].width = Cm(LEFT_CM), Cm(RIGHT_CM)
    for block, (caption, rows, _svg) in zip(doc.charts, _chart_tables(doc), strict=True):
        out.add_paragraph(f"圖表：{caption}").runs[0].bold = True
        png = _docx_chart_png(block)
        if png is not None:  # above its table, as in the ODT
            out.add_picture(io.BytesIO(png), width=Cm(16))
        chart_table = out.add_table(rows=0, cols=2)
        chart_table.style = "Table Grid"
        for label, value in rows:
            cells = chart_table.add_row().cells
            cells[0].text, cells[1].text = label, value
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
