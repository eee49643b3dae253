"""The commission's overview (工程查核總覽): the year's figures with charts and tables, as a page,
a spreadsheet (XLSX/ODS/CSV) or a document (ODT/DOCX/PDF); and the same figures as JSON."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse

from yankao.core.charts import bar_chart, line_chart
from yankao.core.documents import Document, Figure, Heading, Paragraph, Table, document_response
from yankao.core.exports import export_response
from yankao.core.rocdate import format_roc
from yankao.works import permissions
from yankao.works.selectors.figures import WorksFigures, figures_as_dict, works_figures

from .common import allow, export_format, year_param

DOCUMENT_FORMATS = ("odt", "docx", "pdf")


def _charts(f: WorksFigures) -> dict[str, Any]:
    return {
        "tiers": bar_chart(
            [(t.name, t.inspected) for t in f.tiers], title=f"{f.roc_year} 年各級距查核件數", unit=" 件"
        ),
        "grades": bar_chart(f.grades, title=f"{f.roc_year} 年查核等第分布", unit=" 件"),
        "filing": line_chart(
            [f"{r.key.month}月" for r in f.filing],
            {"填報率": [None if r.rate is None else float(r.rate) for r in f.filing]},
            title=f"{f.roc_year} 年標案管理系統每月填報率",
            unit="%",
        ),
        "checks": bar_chart(
            [(f"{c.month.month}月", c.checks) for c in f.checks], title=f"{f.roc_year} 年每月書面查證件數", unit=" 件"
        ),
        "parties": bar_chart(
            [(d.label, d.points) for d in f.defects_by_party], title=f"{f.roc_year} 年各責任歸屬扣點", unit=" 點"
        ),
    }


def _tables(f: WorksFigures) -> list[Table]:
    r = f.reports
    return [
        Table(
            caption="各工程規模級距查核件數與法定查核件數",
            headers=["級距", "在建件數", "法定比率", "法定查核件數", "查核件數", "倍數"],
            rows=[
                [
                    t.name,
                    t.projects,
                    f"{t.statutory_rate:.0%}",
                    t.statutory_minimum,
                    t.inspected,
                    "—" if t.ratio is None else t.ratio,
                ]
                for t in f.tiers
            ]
            + [["合計（含複查）", "", "", "", f.totals.total, ""]],
        ),
        Table(caption="查核等第分布（不含複查）", headers=["等第", "件數"], rows=[list(g) for g in f.grades]),
        Table(
            caption="各級距平均成績",
            headers=["級距", "平均成績", "件數"],
            rows=[[name, "—" if avg is None else avg, n] for name, avg, n in f.averages],
        ),
        Table(
            caption="缺失態樣（依代碼）",
            headers=["代碼", "缺失項目", "件數", "扣點"],
            rows=[[d.key, d.label, d.count, d.points] for d in f.defects_by_code],
        ),
        Table(
            caption="缺失責任歸屬",
            headers=["責任歸屬", "件數", "扣點"],
            rows=[[d.label, d.count, d.points] for d in f.defects_by_party],
        ),
        Table(
            caption="標案管理系統每月填報率",
            headers=["月份", "應填報", "如期", "逾期", "未填", "填報率（%）"],
            rows=[
                [f"{x.key.month}月", x.required, x.on_time, x.late, x.missing, "—" if x.rate is None else x.rate]
                for x in f.filing
            ],
        ),
        Table(
            caption="每月書面查證",
            headers=["月份", "查證件數", "規定件數", "進度落後", "發函"],
            rows=[[f"{c.month.month}月", c.checks, c.required, c.behind, c.letters] for c in f.checks],
        ),
        Table(
            caption="全民督工",
            headers=["項目", "數值"],
            rows=[
                ["通報件數", r.total],
                ["已結案", r.closed],
                ["填報滿意度件數", r.satisfaction_answers],
                ["滿意", r.satisfied],
                ["不滿意", r.dissatisfied],
                ["滿意度（%）", "—" if r.satisfaction_rate is None else r.satisfaction_rate],
                ["屬在建工程通報", r.in_construction],
                ["其中辦理查核", r.inspected],
                ["查核率（%）", "—" if r.inspection_rate is None else r.inspection_rate],
            ],
        ),
        Table(
            caption="工程教育訓練",
            headers=["日期", "課程名稱", "合辦單位", "參訓人數"],
            rows=[[format_roc(t.held_on), t.title, t.co_organiser, t.attendees or ""] for t in f.training],
        ),
    ]


def _document(f: WorksFigures) -> Document:
    charts = _charts(f)
    r = f.reports
    blocks: list[Any] = [
        Paragraph(
            f"{f.roc_year} 年度共計查核 {f.totals.total} 件工程案（含複查 {f.totals.reinspections} 件）"
            + ("，各工程規模級距之查核件數均達法定查核件數之 2 倍以上。" if f.every_tier_at_least_double else "。")
        ),
        Paragraph(
            f"全民督工通報 {r.total} 件，已結案 {r.closed} 件；{r.satisfaction_answers} 件填報滿意度，"
            f"其中 {r.satisfied} 件滿意，滿意度 {r.satisfaction_rate or 0}%；屬在建工程通報 {r.in_construction} 件，"
            f"其中 {r.inspected} 件辦理查核，查核率 {r.inspection_rate or 0}%。"
        ),
        Figure(svg=str(charts["tiers"]), caption="各級距查核件數"),
        Figure(svg=str(charts["filing"]), caption="每月填報率"),
    ]
    for table in _tables(f):
        blocks += [Heading(table.caption, 2), table]
    return Document(title=f"{f.roc_year} 年度工程查核統計", subtitle="高雄市政府工程施工查核小組", blocks=blocks)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    allow(permissions.can_view_statistics(request.user), "工程查核總覽限研考會人員檢視。")
    figures = works_figures(year=year_param(request))
    fmt = export_format(request)
    if fmt:
        width = 1 + max(len(t.headers) for t in _tables(figures))
        rows = [[t.caption, *row] for t in _tables(figures) for row in [t.headers, *t.rows]]
        rows = [row + [""] * (width - len(row)) for row in rows]
        return export_response(
            headers=["表", *(f"欄{n}" for n in range(1, width))],
            rows=rows,
            filename=f"工程查核統計_{figures.roc_year}",
            fmt=fmt,
        )
    doc = request.GET.get("doc", "")
    if doc in DOCUMENT_FORMATS:
        return document_response(_document(figures), fmt=doc, filename=f"工程查核統計_{figures.roc_year}")
    return render_overview(request, figures)


def render_overview(request: HttpRequest, figures: WorksFigures) -> HttpResponse:
    from django.shortcuts import render

    return render(
        request,
        "works/overview.html",
        {
            "f": figures,
            "charts": _charts(figures),
            "tables": _tables(figures),
            "exports": [("xlsx", "Excel（XLSX）"), ("ods", "ODS"), ("csv", "CSV")],
            "documents": [("pdf", "PDF"), ("odt", "ODT"), ("docx", "DOCX")],
        },
    )


def figures_api(request: HttpRequest, year: int) -> HttpResponse:
    """GET /api/works/figures/<year>/ — the year's figures as JSON (commission only)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "請先登入"}, status=401)
    if not permissions.can_view_statistics(request.user):
        return JsonResponse({"error": "沒有權限"}, status=403)
    return JsonResponse(figures_as_dict(works_figures(year=year)), json_dumps_params={"ensure_ascii": False})
