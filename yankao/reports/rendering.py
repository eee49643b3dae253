"""A report as a document: HTML (web and print), PDF (WeasyPrint), ODT, DOCX and JSON.

Every format has the reference's shape: a two-column table 重要施政項目 | 執行成果與效益 with the
header row repeated on each page, items numbered 壹、一、(一)、1.、(1). The cells carry several
paragraphs (and, on the web, links), which is why the ODT/DOCX writers here build on odfpy and
python-docx directly rather than on yankao.core.documents' one-text-per-cell Table; they keep
its conventions (CJK_FONT, A4, repeated header rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from yankao.core.documents import CJK_FONT
from yankao.reports.charts import ChartBlock, chart_blocks
from yankao.reports.figures import PLACEHOLDER_RE, FigureValue, build_scope, unknown_value
from yankao.reports.models import Report
from yankao.reports.selectors import has_year_charts, numbered_items, report_chart_content, report_figure_values

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json; charset=utf-8",
}
HIDDEN_TEXT = "（{owner}撰寫中，尚未公開）"


@dataclass
class Segment:
    text: str
    figure: FigureValue | None = None


@dataclass
class Row:
    number: str
    title: str
    level: int
    owner: str
    paragraphs: list[list[Segment]]
    hidden: bool = False
    item_id: int = 0
    status: str = ""


@dataclass
class ReportDocument:
    report: Report
    title: str
    item_heading: str
    result_heading: str
    rows: list[Row]
    figures: dict[str, FigureValue]
    charts: list[ChartBlock] = field(default_factory=list)
    live: bool = True

    @property
    def used_figures(self) -> list[FigureValue]:
        return list(self.figures.values())

    @property
    def missing(self) -> list[FigureValue]:
        return [v for v in self.figures.values() if not v.ok]


def split_text(text: str, values: dict[str, FigureValue], year: int) -> list[list[Segment]]:
    paragraphs = []
    for line in filter(None, (p.strip() for p in text.splitlines())):
        segments: list[Segment] = []
        at = 0
        for match in PLACEHOLDER_RE.finditer(line):
            if match.start() > at:
                segments.append(Segment(line[at : match.start()]))
            fid = match.group(1)
            segments.append(Segment("", values.get(fid) or unknown_value(fid, year)))
            at = match.end()
        if at < len(line):
            segments.append(Segment(line[at:]))
        paragraphs.append(segments)
    return paragraphs


def build_document(report: Report, *, user: Any = None, check: bool = False, live: bool = False) -> ReportDocument:
    """The report as rows of segments; with `check`, items the user may not read are hidden. A final
    report reads its figures and year charts from the final version (no record is read), unless `live`."""
    with build_scope():
        return _build_document(report, user=user, check=check, live=live)


def _build_document(report: Report, *, user: Any, check: bool, live: bool) -> ReportDocument:
    values = report_figure_values(report, live=live)
    rows = []
    for n in numbered_items(report, user=user, check=check):
        item = n.item
        paragraphs = (
            split_text(item.text, values, report.year)
            if n.readable
            else [[Segment(HIDDEN_TEXT.format(owner=item.owner.name))]]
        )
        rows.append(
            Row(n.number, item.title, item.level, item.owner.name, paragraphs, not n.readable, item.pk, item.status)
        )
    if check:  # figures only of what the reader may read
        shown = {s.figure.id for r in rows for p in r.paragraphs for s in p if s.figure}
        values = {k: v for k, v in values.items() if k in shown}
    return ReportDocument(
        report=report,
        title=report.title,
        item_heading=report.kind.item_heading,
        result_heading=report.kind.result_heading,
        rows=rows,
        figures=values,
        charts=(
            chart_blocks(values, year=report.year, frozen=report_chart_content(report, live=live))
            if has_year_charts(report)
            else []
        ),
        live=live or not report.is_final,
    )


def paragraph_html(segments: list[Segment], *, links: bool, notes: dict[str, int]) -> SafeString:
    out: list[str] = []
    for seg in segments:
        fig = seg.figure
        if fig is None:
            out.append(escape(seg.text))
            continue
        title = escape(f"{fig.label}：{fig.definition}" if fig.definition else fig.label)
        if not fig.ok:
            out.append(
                f'<span class="fig fig-{fig.status}" data-figure="{escape(fig.id)}" title="{title}">〔{escape(fig.display)}〕</span>'
            )
        elif links and fig.records_url:
            out.append(
                f'<a class="fig" href="{escape(fig.records_url)}" data-figure="{escape(fig.id)}" title="{title}">'
                f"{escape(fig.display)}</a>"
            )
        else:
            out.append(f'<span class="fig" data-figure="{escape(fig.id)}">{escape(fig.display)}</span>')
        if links and fig.id in notes:
            out.append(
                f'<sup class="fig-note"><a href="#def-{escape(fig.id)}" aria-label="數據定義：{escape(fig.label)}">'
                f"{notes[fig.id]}</a></sup>"
            )
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _html_context(doc: ReportDocument, *, links: bool) -> dict[str, Any]:
    notes = {fid: n for n, fid in enumerate(doc.figures, start=1)}
    rows = [
        {"row": row, "paragraphs": [paragraph_html(p, links=links, notes=notes) for p in row.paragraphs]}
        for row in doc.rows
    ]
    figures = [(notes[fid], value) for fid, value in doc.figures.items()]
    return {"doc": doc, "rows": rows, "figures": figures, "links": links, "font": CJK_FONT}


def render_table_html(doc: ReportDocument, *, links: bool = True) -> str:
    """The report body (table, charts, figure appendix) for embedding in a web page."""
    return render_to_string("reports/_report_body.html", _html_context(doc, links=links))


def render_print_html(doc: ReportDocument, *, links: bool = False) -> str:
    """A standalone HTML document for download and for the PDF."""
    return render_to_string("reports/report_print.html", _html_context(doc, links=links))


def render_pdf(doc: ReportDocument) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return HTML(string=render_print_html(doc), base_url="/").write_pdf()  # type: ignore[no-any-return]


def plain_paragraph(segments: list[Segment]) -> str:
    return "".join(s.figure.display if s.figure else s.text for s in segments)


def render_json(doc: ReportDocument) -> bytes:
    data = {
        "year": doc.report.year,
        "period": doc.report.period,
        "report": doc.title,
        "status": doc.report.status,
        "frozen": not doc.live,
        "figures": [v.as_json() for v in doc.figures.values()],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def render(doc: ReportDocument, fmt: str) -> bytes:
    from yankao.reports import office_formats

    if fmt == "html":
        return render_print_html(doc, links=True).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(doc)
    if fmt == "odt":
        return office_formats.render_odt(doc)
    if fmt == "docx":
        return office_formats.render_docx(doc)
    if fmt == "json":
        return render_json(doc)
    raise ValueError(f"不支援的格式「{fmt}」，可用：{', '.join(FORMATS)}")


def filename_for(doc: ReportDocument, fmt: str) -> str:
    return f"{doc.title}.{fmt}"
