"""Overseas trip reports: the public list, and the office workflow (submit, review, recommendations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from yankao.org.permissions import is_commission
from yankao.registers.common import maybe_export, run_service, staff_view
from yankao.registers.overseas import selectors, services
from yankao.registers.overseas.forms import RespondForm, ReviewForm, SendForm, SubmitForm
from yankao.registers.overseas.models import TripRecommendation


def public_list(request: HttpRequest) -> HttpResponse:
    """公務出國報告資訊網: open to everyone."""
    reports = selectors.published_reports()
    export = maybe_export(
        request,
        headers=["機關", "報告名稱", "前往國家／城市", "出國日", "返國日", "公開日"],
        rows=lambda: (
            [r.agency.name, r.title, r.destination, r.departed_on, r.returned_on, r.published_on] for r in reports
        ),
        filename="出國報告",
    )
    return export or render(request, "registers/overseas/public_list.html", {"reports": reports})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.published_reports(), pk=pk)
    return render(request, "registers/overseas/public_detail.html", {"report": report})


@staff_view
def report_list(request: HttpRequest) -> HttpResponse:
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agency: Any = getattr(request.user, "agency", None)
        ok, report = run_service(
            request,
            lambda: services.report_submit(actor=request.user, agency=agency, **form.cleaned_data),
            success="已提交出國報告",
        )
        if ok:
            return redirect("registers_overseas:report_detail", report.pk)
    reports = selectors.report_list_for(user=request.user)
    export = maybe_export(
        request,
        headers=["機關", "報告名稱", "前往國家／城市", "返國日", "繳交期限", "提交日", "狀態", "公開日"],
        rows=lambda: (
            [
                r.agency.name,
                r.title,
                r.destination,
                r.returned_on,
                r.due_on,
                r.submitted_on,
                r.get_status_display(),
                r.published_on,
            ]
            for r in reports
        ),
        filename="出國報告審查",
    )
    return export or render(request, "registers/overseas/report_list.html", {"reports": reports, "form": form})


@staff_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.report_list_for(user=request.user), pk=pk)
    commission = is_commission(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        form: Form
        call: Callable[[], Any]
        if action == "review":
            form = ReviewForm(request.POST)
            call = lambda: services.report_review(actor=request.user, report=report, **form.cleaned_data)  # noqa: E731
        elif action == "send":
            form = SendForm(request.POST)
            call = lambda: services.recommendation_send(actor=request.user, report=report, **form.cleaned_data)  # noqa: E731
        elif action == "respond":
            rec = get_object_or_404(TripRecommendation, pk=request.POST.get("recommendation"), report=report)
            form = RespondForm(request.POST)
            call = lambda: services.recommendation_respond(actor=request.user, recommendation=rec, **form.cleaned_data)  # noqa: E731
        else:
            raise PermissionDenied("未知的動作")
        if form.is_valid():
            run_service(request, call, success="已儲存")
        return redirect("registers_overseas:report_detail", report.pk)
    return render(
        request,
        "registers/overseas/report_detail.html",
        {
            "report": report,
            "recommendations": report.recommendations.select_related("agency"),
            "commission": commission,
            "user_agency": getattr(request.user, "agency_id", None),
            "review_form": ReviewForm(),
            "send_form": SendForm(),
            "respond_form": RespondForm(),
        },
    )
