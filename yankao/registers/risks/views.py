"""The risk register: yearly cycles, risks, countermeasures, the risk map and the summary table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.org.permissions import is_commission
from yankao.org.selectors import agency_list
from yankao.registers.common import maybe_export, run_service, staff_view, year_param
from yankao.registers.risks import permissions, selectors, services
from yankao.registers.risks.forms import (
    ApproveForm,
    CountermeasureForm,
    CycleForm,
    ObjectiveForm,
    ResidualForm,
    RiskForm,
)
from yankao.registers.risks.models import RiskItem, RiskScale


@staff_view
def cycle_list(request: HttpRequest) -> HttpResponse:
    commission = is_commission(request.user)
    form = CycleForm(request.POST or None, agencies=agency_list() if commission else None)
    if request.method == "POST" and form.is_valid():
        agency: Any = form.cleaned_data.get("agency") or getattr(request.user, "agency", None)
        ok, cycle = run_service(
            request,
            lambda: services.cycle_create(
                actor=request.user,
                agency=agency,
                year=form.cleaned_data["year"] + 1911,
                scale=form.cleaned_data["scale"],
            ),
            success="已建立年度風險評估",
        )
        if ok:
            return redirect("registers_risks:cycle_detail", cycle.pk)
    cycles = selectors.cycle_list_for(user=request.user)
    export = maybe_export(
        request,
        headers=["年度", "機關", "風險尺度", "狀態", "核定日"],
        rows=lambda: (
            [c.year - 1911, c.agency.name, c.scale.name, c.get_status_display(), c.approved_on] for c in cycles
        ),
        filename="風險評估年度作業",
    )
    return export or render(request, "registers/risks/cycle_list.html", {"cycles": cycles, "form": form})


def _cycle(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    return get_object_or_404(selectors.cycle_list_for(user=request.user), pk=pk)


@staff_view
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    export = maybe_export(
        request,
        headers=selectors.SUMMARY_HEADERS,
        rows=lambda: selectors.summary_rows(cycle=cycle),
        filename=f"風險評估及處理彙總表-{cycle.agency.name}-{cycle.year - 1911}",
    )
    if export is not None:
        return export
    editable = permissions.can_edit_cycle(request.user, cycle) and cycle.status == "draft"
    forms = {"objective": ObjectiveForm(prefix="o"), "risk": RiskForm(prefix="r"), "approve": ApproveForm(prefix="a")}
    if request.method == "POST":
        action = request.POST.get("action")
        form: Form
        call: Callable[[], Any]
        if action == "objective":
            forms["objective"] = form = ObjectiveForm(request.POST, prefix="o")
            call = lambda: services.objective_add(actor=request.user, cycle=cycle, **form.cleaned_data)  # noqa: E731
        elif action == "risk":
            forms["risk"] = form = RiskForm(request.POST, prefix="r")
            call = lambda: services.risk_add(actor=request.user, cycle=cycle, **form.cleaned_data)  # noqa: E731
        elif action == "approve":
            forms["approve"] = form = ApproveForm(request.POST, prefix="a")
            call = lambda: services.cycle_approve(actor=request.user, cycle=cycle, **form.cleaned_data)  # noqa: E731
        else:
            raise Http404
        if form.is_valid():
            ok, _ = run_service(request, call, success="已儲存")
            if ok:
                return redirect("registers_risks:cycle_detail", cycle.pk)
    bands = selectors.bands_of(cycle.scale)
    before = selectors.risk_level_counts(cycle=cycle, stage=selectors.BEFORE)
    after = selectors.risk_level_counts(cycle=cycle, stage=selectors.AFTER)
    return render(
        request,
        "registers/risks/cycle_detail.html",
        {
            "cycle": cycle,
            "risks": selectors.risks_of(cycle),
            "band_rows": [(b, before[b.code], after[b.code]) for b in bands],
            "band_labels": {b.code: b.label for b in bands},
            "total": sum(before.values()),
            "map_before": selectors.map_svg(cycle=cycle, stage=selectors.BEFORE),
            "map_after": selectors.map_svg(cycle=cycle, stage=selectors.AFTER),
            "editable": editable,
            "can_approve": editable and permissions.can_approve_cycle(request.user, cycle),
            "forms": forms,
            "doc_formats": [f for f in DOCUMENT_FORMATS if f != "html"],
        },
    )


@staff_view
def cycle_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    cycle = _cycle(request, pk)
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    return document_response(
        selectors.summary_document(cycle=cycle), fmt=fmt, filename=f"風險評估及處理彙總表-{cycle.agency.name}"
    )


@staff_view
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(
        RiskItem.objects.select_related("cycle__agency", "cycle__scale").filter(
            cycle__in=selectors.cycle_list_for(user=request.user)
        ),
        pk=pk,
    )
    editable = permissions.can_edit_cycle(request.user, risk.cycle) and risk.cycle.status == "draft"
    measure_form = CountermeasureForm(prefix="c", initial={"due_on": timezone.localdate()})
    residual_form = ResidualForm(prefix="s")
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("此風險評估不可編輯")
        form: Form
        call: Callable[[], Any]
        if request.POST.get("action") == "residual":
            residual_form = form = ResidualForm(request.POST, prefix="s")
            call = lambda: services.risk_rate_residual(actor=request.user, risk=risk, **form.cleaned_data)  # noqa: E731
        else:
            measure_form = form = CountermeasureForm(request.POST, prefix="c")
            call = lambda: services.countermeasure_add(actor=request.user, risk=risk, **form.cleaned_data)  # noqa: E731
        if form.is_valid():
            ok, _ = run_service(request, call, success="已儲存")
            if ok:
                return redirect("registers_risks:risk_detail", risk.pk)
    return render(
        request,
        "registers/risks/risk_detail.html",
        {
            "risk": risk,
            "band_labels": {b.code: b.label for b in selectors.bands_of(risk.cycle.scale)},
            "editable": editable,
            "measure_form": measure_form,
            "residual_form": residual_form,
        },
    )


@staff_view
def scale_list(request: HttpRequest) -> HttpResponse:
    scales = RiskScale.objects.prefetch_related("levels", "bands", "cells__band")
    return render(request, "registers/risks/scale_list.html", {"scales": scales, "year": year_param(request)})
