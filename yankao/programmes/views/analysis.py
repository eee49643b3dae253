"""The commission's dashboard and the monthly analysis report (page, PDF, ODT, DOCX, spreadsheets)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.org.permissions import sees_all_agencies
from yankao.programmes import permissions
from yankao.programmes.documents import AGENCY_HEADERS, agency_table_rows, analysis_document, behind_chart, trend_chart
from yankao.programmes.forms import ConfirmForm
from yankao.programmes.models import MonthlyAnalysis, ReportingMonth, roc_month_label
from yankao.programmes.months import add_months, current_month, month_slug
from yankao.programmes.selectors.analysis import agency_status, behind_list, delay_reason_counts, totals, trend
from yankao.programmes.selectors.figures import evaluation_grade_counts
from yankao.programmes.selectors.kpis import kpi_overall_rate
from yankao.programmes.services import month_close

from ._common import (
    commission_only,
    export,
    month_from_slug,
    month_param,
    service_errors_on,
    staff_view,
    wants_export,
)


def _scope(user: Any) -> set[int] | None:
    return None if sees_all_agencies(user) else {user.agency_id}


def _figures(month: Any, agency_ids: set[int] | None, behind_limit: int | None = None) -> dict[str, Any]:
    rows = agency_status(month=month, today=timezone.localdate(), agency_ids=agency_ids)
    return {
        "rows": rows,
        "total": totals(rows),
        "behind": behind_list(month=month, agency_ids=agency_ids, limit=behind_limit),
        "reasons": delay_reason_counts(month=month, agency_ids=agency_ids),
        "trend": trend(month=month, agency_ids=agency_ids),
    }


@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    """管考儀表板 (commission): behind, late, missing and execution per agency; grades and KPI rate."""
    if not permissions.can_see_dashboard(request.user):
        raise PermissionDenied("管考儀表板僅限研考會使用")
    month = month_param(request)
    figures = _figures(month, None, behind_limit=50)
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=AGENCY_HEADERS,
            rows=agency_table_rows(figures["rows"], figures["total"]),
            filename=f"{roc_month_label(month)}各機關執行情形",
        )
    year = month.year - 1911
    return render(
        request,
        "programmes/dashboard.html",
        {
            **figures,
            "month": month,
            "prev_slug": month_slug(add_months(month, -1)),
            "next_slug": month_slug(add_months(month, 1)) if add_months(month, 1) <= current_month() else None,
            "month_slug": month_slug(month),
            "chart": behind_chart(figures["rows"], month),
            "trend_chart": trend_chart(figures["trend"], month) if figures["trend"] else None,
            "grades": evaluation_grade_counts(year=year - 1),
            "grade_year": year - 1,
            "kpi_rate": kpi_overall_rate(year=year - 1),
        },
    )


@staff_view
def analysis_index(request: HttpRequest) -> HttpResponse:
    produced = MonthlyAnalysis.objects.order_by("-month")[:36]
    return render(
        request,
        "programmes/analysis_index.html",
        {"produced": produced, "latest": month_slug(add_months(current_month(), -1))},
    )


@staff_view
def analysis_detail(request: HttpRequest, month: str, close_form: ConfirmForm | None = None) -> HttpResponse:
    """月分析報告 of a month; agencies other than the commission see their own rows only. The
    commission closes the month (關帳) here once it is over."""
    the_month = month_from_slug(month)
    agency_ids = _scope(request.user)
    figures = _figures(the_month, agency_ids)
    fmt = request.GET.get("format", "")
    if fmt in DOCUMENT_FORMATS and fmt != "html":
        doc = analysis_document(month=the_month, **figures)
        return document_response(doc, fmt=fmt, filename=f"{roc_month_label(the_month)}月分析報告")
    export_fmt = wants_export(request)
    if export_fmt:
        return export(
            export_fmt,
            headers=AGENCY_HEADERS,
            rows=agency_table_rows(figures["rows"], figures["total"]),
            filename=f"{roc_month_label(the_month)}月分析報告",
        )
    if fmt and fmt not in DOCUMENT_FORMATS:
        raise Http404("不支援的格式")
    closed = ReportingMonth.objects.filter(month=the_month).first()
    return render(
        request,
        "programmes/analysis_detail.html",
        {
            **figures,
            "month": the_month,
            "month_slug": month,
            "chart": behind_chart(figures["rows"], the_month),
            "trend_chart": trend_chart(figures["trend"], the_month) if figures["trend"] else None,
            "produced": MonthlyAnalysis.objects.filter(month=the_month).first(),
            "scoped": agency_ids is not None,
            "closed": closed,
            "close_form": close_form or _close_form(request, the_month, closed),
        },
        status=400 if close_form is not None else 200,
    )


def _close_form(request: HttpRequest, month: Any, closed: ReportingMonth | None) -> ConfirmForm | None:
    """The month-close form: the commission, a month that is over and not yet closed."""
    if closed is None and month < current_month() and permissions.can_manage_programmes(request.user):
        return ConfirmForm()
    return None


@staff_view
@require_POST
def month_close_view(request: HttpRequest, month: str) -> HttpResponse:
    """關帳: the month's reports are final (the commission)."""
    commission_only(request, "只有研考會可以關帳")
    the_month = month_from_slug(month)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            month_close(actor=request.user, month=the_month)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"{roc_month_label(the_month)}已關帳")
            return redirect("programmes:analysis_detail", month=month_slug(the_month))
    return analysis_detail(request, month, close_form=form)
