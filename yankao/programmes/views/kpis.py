"""中程施政計畫 KPIs: the overview (rates per agency and overall, flagged indicators, suggestions),
an indicator's page (its years, rates and suggestions) and the writes: the commission creates an
indicator and sends an improvement suggestion (改善建議) on a flagged year; the agency (or the
commission) records a year's target and actual; the agency replies; the commission closes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.org.permissions import sees_all_agencies
from yankao.programmes import permissions
from yankao.programmes.forms import ConfirmForm, KpiIndicatorForm, KpiValueForm, ReplyForm, SuggestionForm
from yankao.programmes.models import KpiIndicator, KpiSuggestion
from yankao.programmes.months import current_month
from yankao.programmes.selectors.kpis import (
    kpi_agency_rates,
    kpi_indicator_list,
    kpi_indicator_years,
    kpi_overall_rate,
    kpi_rate_change,
    kpi_rows,
    kpi_years,
)
from yankao.programmes.services import (
    kpi_indicator_create,
    kpi_suggestion_close,
    kpi_suggestion_reply,
    kpi_suggestion_send,
    kpi_value_set,
)

from ._common import agency_filter, commission_only, export, int_param, service_errors_on, staff_view, wants_export

EXPORT_HEADERS = [
    "機關",
    "指標代碼",
    "指標名稱",
    "單位",
    "方向",
    "目標值",
    "實際值",
    "達成率(%)",
    "計入達成率(%)",
    "註記",
]


@staff_view
def kpi_overview(request: HttpRequest, indicator_form: KpiIndicatorForm | None = None) -> HttpResponse:
    years = kpi_years()
    year = int_param(request, "year", years[0] if years else current_month().year - 1912) or 0
    user: Any = request.user
    agency_ids: set[int] | None = None if sees_all_agencies(user) else {user.agency_id}
    rows = kpi_rows(year=year, agency_ids=agency_ids)
    fmt = wants_export(request)
    if fmt:
        return export(fmt, headers=EXPORT_HEADERS, rows=map(_export_row, rows), filename=f"{year}年度中程施政計畫KPI")
    suggestions = (
        KpiSuggestion.objects.filter(year=year)
        .filter(agency_filter(request.user, "indicator__agency"))
        .select_related("indicator", "indicator__agency")
    )
    commission = permissions.can_manage_programmes(request.user)
    return render(
        request,
        "programmes/kpi_overview.html",
        {
            "year": year,
            "years": years,
            "overall": kpi_overall_rate(year=year) if agency_ids is None else None,
            "change": kpi_rate_change(year=year) if agency_ids is None else None,
            "agencies": kpi_agency_rates(year=year, agency_ids=agency_ids),
            "flagged": [r for r in rows if r.flag],
            "suggestions": suggestions,
            "indicators": kpi_indicator_list(year=year, agency_ids=agency_ids),
            "indicator_form": (indicator_form or KpiIndicatorForm()) if commission else None,
        },
        status=400 if indicator_form is not None else 200,
    )


def _export_row(r: Any) -> list[Any]:
    i = r.indicator
    flag = dict(KpiSuggestion.Kind.choices).get(r.flag or "", "")
    return [
        i.agency.name,
        i.code,
        i.name,
        i.unit,
        i.get_direction_display(),
        r.value.target,
        r.value.actual,
        r.rate,
        r.capped,
        flag,
    ]


@staff_view
@require_POST
def kpi_indicator_new(request: HttpRequest) -> HttpResponse:
    commission_only(request, "只有研考會可以新增關鍵績效指標")
    form = KpiIndicatorForm(request.POST)
    if form.is_valid():
        try:
            indicator = kpi_indicator_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已新增指標「{indicator}」")
            return redirect("programmes:kpi_indicator", pk=indicator.pk)
    return kpi_overview(request, indicator_form=form)


def _indicator_for(request: HttpRequest, pk: int) -> KpiIndicator:
    """An indicator of the user's own agency (the commission: any); 404 otherwise."""
    return get_object_or_404(KpiIndicator.objects.filter(agency_filter(request.user)).select_related("agency"), pk=pk)


def _may_record(user: Any, indicator: KpiIndicator) -> bool:
    return permissions.can_manage_programmes(user) or permissions.can_act_for_agency(user, indicator.agency_id)


@staff_view
def kpi_indicator_detail(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    """An indicator: each year's target, actual, rate and flag, and the suggestions on it."""
    indicator = _indicator_for(request, pk)
    user: Any = request.user
    commission = permissions.can_manage_programmes(user)
    answers = permissions.can_act_for_agency(user, indicator.agency_id)
    history = kpi_indicator_years(indicator=indicator)
    open_years = [h.value.year for h in history if h.flag and h.suggestion is None]
    suggestion_forms = [
        _suggestion_forms(h.suggestion, forms, replies=answers, closes=commission)
        for h in history
        if h.suggestion is not None
    ]
    latest = history[-1].value if history else None
    return render(
        request,
        "programmes/kpi_indicator.html",
        {
            "indicator": indicator,
            "history": history,
            "suggestions": suggestion_forms,
            "value_form": (forms.get("value_form") or KpiValueForm(initial={"year": getattr(latest, "year", None)}))
            if _may_record(user, indicator)
            else None,
            "suggest_form": (
                forms.get("suggest_form") or SuggestionForm(initial={"year": max(open_years, default=None)})
            )
            if commission and (open_years or "suggest_form" in forms)
            else None,
        },
        status=400 if forms else 200,
    )


def _suggestion_forms(
    suggestion: KpiSuggestion, forms: dict[str, Any], *, replies: bool, closes: bool
) -> dict[str, Any]:
    """A suggestion with the reply form (its agency, until closed) and the close form (the
    commission, once replied); a form that failed comes back bound, whatever the status."""
    reply_key, close_key = f"reply_{suggestion.pk}", f"close_{suggestion.pk}"
    open_for_reply = replies and suggestion.status != KpiSuggestion.Status.CLOSED
    open_for_close = closes and suggestion.status == KpiSuggestion.Status.REPLIED
    return {
        "suggestion": suggestion,
        "reply_form": forms.get(reply_key) or (ReplyForm(prefix=f"s{suggestion.pk}") if open_for_reply else None),
        "close_form": forms.get(close_key) or (ConfirmForm() if open_for_close else None),
    }


@staff_view
@require_POST
def kpi_indicator_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """A year's target and actual (the agency or the commission) or 函送改善建議 (the commission)."""
    indicator = _indicator_for(request, pk)
    actor: Any = request.user
    if part == "value":
        if not _may_record(actor, indicator):
            raise PermissionDenied("您沒有權限填報此指標")
        form: Any = KpiValueForm(request.POST)
    elif part == "suggest":
        commission_only(request, "只有研考會可以函送改善建議")
        form = SuggestionForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        try:
            if part == "value":
                value = kpi_value_set(actor=actor, indicator=indicator, **form.cleaned_data)
                messages.success(request, f"已登錄 {value.year} 年度目標值與實際值")
            else:
                sent = kpi_suggestion_send(actor=actor, indicator=indicator, **form.cleaned_data)
                messages.success(request, f"已函送 {sent.year} 年度改善建議")
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            return redirect("programmes:kpi_indicator", pk=pk)
    return kpi_indicator_detail(request, pk, **{f"{part}_form": form})


@staff_view
@require_POST
def kpi_suggestion_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """機關回復 (the indicator's agency) or 結案 (the commission)."""
    suggestion = get_object_or_404(
        KpiSuggestion.objects.filter(agency_filter(request.user, "indicator__agency")).select_related("indicator"),
        pk=pk,
    )
    actor: Any = request.user
    if part == "reply":
        if not permissions.can_act_for_agency(actor, suggestion.indicator.agency_id):
            raise PermissionDenied("只有指標所屬機關可以回復")
        form: Any = ReplyForm(request.POST, prefix=f"s{pk}")
    elif part == "close":
        commission_only(request, "只有研考會可以結案")
        form = ConfirmForm(request.POST)
    else:
        raise Http404
    if form.is_valid():
        try:
            if part == "reply":
                kpi_suggestion_reply(actor=actor, suggestion=suggestion, reply=form.cleaned_data["reply"])
            else:
                kpi_suggestion_close(actor=actor, suggestion=suggestion)
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, "已回復改善建議" if part == "reply" else "改善建議已結案")
            return redirect("programmes:kpi_indicator", pk=suggestion.indicator_id)
    return kpi_indicator_detail(request, suggestion.indicator_id, **{f"{part}_{pk}": form})
