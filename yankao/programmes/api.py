"""Read-only JSON for other systems and the annual report: programmes and their delay status,
scoped like the pages (no people's names)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404

from yankao.org.permissions import is_staff_member
from yankao.programmes.models import MonthlyReport, Programme
from yankao.programmes.selectors.programmes import programme_list_for


def _report(r: MonthlyReport | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "month": r.month.isoformat()[:7],
        "planned_pct": str(r.planned_pct),
        "actual_pct": str(r.actual_pct),
        "behind_pp": str(r.behind_pp),
        "delay_level": r.delay_level,
        "execution_rate": None if r.execution_rate is None else str(r.execution_rate),
        "status": r.status,
    }


def _programme(p: Programme, latest: MonthlyReport | None) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "code": p.code,
        "name": p.name,
        "control_level": p.control_level,
        "lead_agency": p.lead_agency.code,
        "status": p.status,
        "latest_report": _report(latest),
    }


def _denied() -> JsonResponse:
    return JsonResponse({"error": "此介面僅限機關人員使用"}, status=403)


def programmes(request: HttpRequest) -> JsonResponse:
    if not is_staff_member(request.user):
        return _denied()
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError:
        return JsonResponse({"error": "year 須為民國年整數"}, status=400)
    qs = list(programme_list_for(user=request.user, year=year)[:2000])
    latest: dict[int, MonthlyReport] = {}
    for r in MonthlyReport.objects.filter(programme__in=qs, status__in=MonthlyReport.COUNTED).order_by("month"):
        latest[r.programme_id] = r
    return JsonResponse({"programmes": [_programme(p, latest.get(p.pk)) for p in qs]})


def programme(request: HttpRequest, pk: int) -> JsonResponse:
    if not is_staff_member(request.user):
        return _denied()
    p = get_object_or_404(programme_list_for(user=request.user), pk=pk)
    reports = list(p.reports.filter(status__in=MonthlyReport.COUNTED).order_by("month"))
    data = _programme(p, reports[-1] if reports else None)
    data["reports"] = [_report(r) for r in reports]
    return JsonResponse(data)
