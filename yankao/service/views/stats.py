"""Statistics: the page with charts and tables, its exports and document, and the JSON/CSV API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from yankao.core.charts import bar_chart, line_chart
from yankao.core.documents import Document, Figure, Heading, Table, document_response
from yankao.core.exports import export_response
from yankao.core.rocdate import ROC_OFFSET
from yankao.org.permissions import is_signed_in
from yankao.service import permissions
from yankao.service.forms import PeriodForm
from yankao.service.selectors import (
    Period,
    case_breakdown,
    period_between,
    period_parse,
    service_statistics,
    survey_results,
)
from yankao.service.selectors.stats import flatten
from yankao.service.views.common import staff_required

KEY_LABELS = {
    "calls.total": "電話總處理量（通）",
    "calls.monthly_average": "平均每月（通）",
    "calls.share_consultation_pct": "諮詢類佔總進線（%）",
    "calls.share_case_pct": "錄案後送佔總進線（%）",
    "calls.share_other_pct": "其他類佔總進線（%）",
    "calls.consultation_resolved_on_line_pct": "諮詢類線上立即回覆率（%）",
    "calls.satisfaction_pct": "服務滿意度（%）",
    "cases.petitions": "人民陳情案（件）",
    "cases.dispatches": "派工案件（件）",
    "cases.dispatches_monthly_average": "派工平均每月（件）",
    "cases.on_time_pct": "準時結案率（%）",
    "cases.average_handling_hours": "平均處理時間（小時）",
    "sign_language.sessions": "手語視訊服務（人次）",
    "legal_consultations.attendances": "法律諮詢（人次）",
    "first_aid.services": "保健服務（人次）",
    "first_aid.emergencies": "突發狀況處理（次）",
}


def _period(request: HttpRequest) -> tuple[Period | None, str]:
    """From ?period=113 / 113H1 / 113/03, or ?start=&end= (ROC or ISO); the last full ROC year by default."""
    text = request.GET.get("period", "").strip()
    start, end = request.GET.get("start", "").strip(), request.GET.get("end", "").strip()
    try:
        if start or end:
            return period_between(start, end), ""
        if text:
            return period_parse(text), ""
    except ValueError as exc:
        return None, str(exc)
    year = dt.date.today().year - 1
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31)), ""


def _channel_labels() -> dict[str, str]:
    from yankao.service.models.cases import Channel

    return dict(Channel.choices)


@staff_required(permissions.can_read_centre_records, "此頁僅限聯合服務中心與研考會使用")
def stats_page(request: HttpRequest) -> HttpResponse:
    period, error = _period(request)
    form = PeriodForm(request.GET or None)
    if period is None:
        return render(request, "service/stats.html", {"form": form, "error": error}, status=400)
    figures = service_statistics(period)
    by = request.GET.get("by", "agency")
    by = by if by in ("agency", "category", "district", "channel", "month") else "agency"
    rows = case_breakdown(period, by=by)
    fmt = request.GET.get("format", "")
    if fmt in ("xlsx", "ods", "csv"):
        return export_response(
            headers=["分組", "案件數", "陳情", "派工", "已結案", "準時結案率(%)", "滿意度(%)"],
            rows=(
                [r.label, r.total, r.petitions, r.dispatches, r.closed, r.on_time_pct, r.satisfied_pct] for r in rows
            ),
            filename=f"為民服務統計-{by}",
            fmt=fmt,
        )
    channels = [(_channel_labels()[k], v) for k, v in figures["cases"]["by_channel"].items()]
    summary = [(label, dict(flatten(figures))[key]) for key, label in KEY_LABELS.items()]
    charts = {
        "channel": bar_chart(channels, title="案件受理管道", unit="件"),
        "breakdown": bar_chart([(r.label, r.total) for r in rows[:20]], title="案件數", unit="件"),
    }
    if by == "month":
        charts["breakdown"] = line_chart(
            [r.label for r in rows], {"案件數": [r.total for r in rows]}, title="每月案件數", unit="件"
        )
    if fmt in ("odt", "docx", "pdf"):
        return _document(period, summary, channels, rows, charts, fmt)
    context = {
        "form": form,
        "period": period,
        "roc_year": period.start.year - ROC_OFFSET,
        "figures": figures,
        "summary": summary,
        "channels": channels,
        "rows": rows,
        "by": by,
        "charts": charts,
        "surveys": survey_results(period, by="agency"),
        "surveys_by_category": survey_results(period, by="category"),
        "query": request.GET.urlencode(),
    }
    return render(request, "service/stats.html", context)


def _document(period: Period, summary: Any, channels: Any, rows: Any, charts: Any, fmt: str) -> HttpResponse:
    doc = Document(
        title="為民服務—聯合服務業務統計",
        subtitle=period.label,
        blocks=[
            Table(headers=["項目", "數值"], rows=[[label, value] for label, value in summary]),
            Heading("案件受理管道", 2),
            Figure(svg=str(charts["channel"]), caption="案件受理管道"),
            Table(headers=["管道", "件數"], rows=[list(c) for c in channels]),
            Heading("分組統計", 2),
            Table(
                headers=["分組", "案件數", "陳情", "派工", "已結案", "準時結案率(%)"],
                rows=[[r.label, r.total, r.petitions, r.dispatches, r.closed, r.on_time_pct] for r in rows],
            ),
        ],
    )
    return document_response(doc, fmt=fmt, filename="為民服務統計")


def stats_api(request: HttpRequest) -> HttpResponse:
    """GET /api/service/stats/?period=113 (or start=&end=) [&format=csv]: authenticated, centre/commission."""
    if not is_signed_in(request.user):
        return JsonResponse({"error": "請先登入"}, status=401)
    if not permissions.can_read_centre_records(request.user):
        return JsonResponse({"error": "沒有權限讀取為民服務統計"}, status=403)
    period, error = _period(request)
    if period is None:
        return JsonResponse({"error": error}, status=400)
    figures = service_statistics(period)
    if request.GET.get("format") == "csv":
        return export_response(headers=["key", "value"], rows=flatten(figures), filename="service-stats", fmt="csv")
    return JsonResponse(figures, json_dumps_params={"ensure_ascii": False})


__all__ = ["stats_api", "stats_page"]
