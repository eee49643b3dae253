"""JSON: the registers' figures of one year, for the commission (the annual report reads the
selectors directly; this is for people and other systems)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from yankao.registers.common import commission_view, year_param
from yankao.registers.figures import register_figures


@commission_view
def figures(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    return JsonResponse(
        {"year": year, "roc_year": year - 1911, **register_figures(year=year)},
        json_dumps_params={"ensure_ascii": False},
    )
