"""Phone courtesy tests and Government Service Award entries."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from yankao.core.charts import bar_chart
from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.core.tabular import ImportFailed
from yankao.org.permissions import can_view_agency_records
from yankao.registers.common import maybe_export, run_service, staff_view
from yankao.registers.quality import permissions, selectors, services
from yankao.registers.quality.forms import AwardForm, AwardResultForm, DateForm, ImportForm, PlanForm, RoundForm
from yankao.registers.quality.models import PhoneTestPlan, PhoneTestRound


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_quality(request.user):
        raise PermissionDenied("僅研考會可以管理服務品質登錄")


@staff_view
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            data = dict(form.cleaned_data, year=form.cleaned_data["year"] + 1911)
            ok, plan = run_service(
                request, lambda: services.plan_create(actor=request.user, **data), success="已建立計畫"
            )
            if ok:
                return redirect("registers_quality:plan_detail", plan.pk)
    plans = PhoneTestPlan.objects.prefetch_related("rounds")
    rows = [
        (p, [(r, selectors.city_score(year=p.year, half=r.half), r.calls.count()) for r in p.rounds.all()])
        for p in plans
    ]
    return render(
        request,
        "registers/quality/plan_list.html",
        {"rows": rows, "form": form, "can_manage": permissions.can_manage_quality(request.user)},
    )


@staff_view
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(PhoneTestPlan, pk=pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            ok, _ = run_service(
                request,
                lambda: services.round_create(actor=request.user, plan=plan, **form.cleaned_data),
                success="已建立梯次",
            )
            if ok:
                return redirect("registers_quality:plan_detail", plan.pk)
    rounds = [(r, selectors.city_score(year=plan.year, half=r.half), r.calls.count()) for r in plan.rounds.all()]
    chart = bar_chart([(str(r), float(s or 0)) for r, s, _ in rounds], title=f"{plan.title} 市府總體成績", unit="分")
    return render(
        request,
        "registers/quality/plan_detail.html",
        {
            "plan": plan,
            "rounds": rounds,
            "chart": chart,
            "agency_count": plan.agencies.count(),
            "form": form,
            "can_manage": permissions.can_manage_quality(request.user),
        },
    )


@staff_view
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    test_round = get_object_or_404(PhoneTestRound.objects.select_related("plan"), pk=pk)
    scores = selectors.agency_scores(test_round=test_round, user=request.user)
    export = maybe_export(
        request,
        headers=["機關", "測試通數", "平均分數"],
        rows=lambda: ([s.agency, s.calls, s.score] for s in scores),
        filename=f"{test_round}-各機關成績",
    )
    if export is not None:
        return export
    can_manage = permissions.can_manage_quality(request.user)
    return render(
        request,
        "registers/quality/round_detail.html",
        {
            "round": test_round,
            "scores": scores,
            "city_score": selectors.city_score(year=test_round.plan.year, half=test_round.half),
            "calls": test_round.calls.count(),
            "chart": bar_chart(
                [(s.agency, float(s.score)) for s in scores], title=f"{test_round} 各機關成績", unit="分"
            )
            if can_manage
            else None,
            "can_manage": can_manage,
            "import_form": ImportForm(),
            "letters_form": DateForm(),
            "items": test_round.plan.rubric.items.all(),
        },
    )


@staff_view
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    test_round = get_object_or_404(PhoneTestRound, pk=pk)
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            n = services.calls_import(
                actor=request.user, test_round=test_round, data=upload.read(), filename=upload.name
            )
        except ImportFailed as exc:
            return render(
                request,
                "registers/import_errors.html",
                {
                    "errors": exc.errors,
                    "summary": str(exc).splitlines()[0],
                    "back_url": reverse("registers_quality:round_detail", args=[pk]),
                },
                status=400,
            )
        messages.success(request, f"已匯入 {n} 通測試紀錄")
    return redirect("registers_quality:round_detail", pk)


@staff_view
def round_letters(request: HttpRequest, pk: int) -> HttpResponse:
    test_round = get_object_or_404(PhoneTestRound, pk=pk)
    _require_manager(request)
    form = DateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            request,
            lambda: services.letters_sent(actor=request.user, test_round=test_round, sent_on=form.cleaned_data["day"]),
            success="已登錄結果函送日",
        )
    return redirect("registers_quality:round_detail", pk)


@staff_view
def round_letter(request: HttpRequest, pk: int, agency_id: int, fmt: str) -> HttpResponse:
    test_round = get_object_or_404(PhoneTestRound, pk=pk)
    if fmt not in DOCUMENT_FORMATS or not can_view_agency_records(request.user, agency_id):
        raise Http404
    if not test_round.calls.filter(agency_id=agency_id).exists():
        raise Http404
    doc = selectors.result_letter(test_round=test_round, agency_id=agency_id)
    return document_response(doc, fmt=fmt, filename=f"{test_round}結果")


@staff_view
def award_list(request: HttpRequest) -> HttpResponse:
    form = AwardForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            data = dict(form.cleaned_data, year=form.cleaned_data["year"] + 1911)
            ok, _ = run_service(
                request, lambda: services.award_entry_create(actor=request.user, **data), success="已登錄參獎案"
            )
            if ok:
                return redirect("registers_quality:award_list")
    entries = selectors.award_list_for(user=request.user)
    export = maybe_export(
        request,
        headers=["年度", "屆別", "機關", "參獎案名", "獎項類別", "結果", "公布日", "頒獎日"],
        rows=lambda: (
            [
                e.year - 1911,
                e.edition,
                e.agency.name,
                e.title,
                e.award_category,
                e.get_result_display(),
                e.announced_on,
                e.ceremony_on,
            ]
            for e in entries
        ),
        filename="政府服務獎參獎",
    )
    return export or render(
        request,
        "registers/quality/award_list.html",
        {"entries": entries, "form": form, "can_manage": permissions.can_manage_quality(request.user)},
    )


@staff_view
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(selectors.award_list_for(user=request.user), pk=pk)
    form = AwardResultForm(request.POST or None, initial={"result": entry.result})
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            ok, _ = run_service(
                request,
                lambda: services.award_set_result(actor=request.user, entry=entry, **form.cleaned_data),
                success="已更新評獎結果",
            )
            if ok:
                return redirect("registers_quality:award_detail", entry.pk)
    return render(
        request,
        "registers/quality/award_detail.html",
        {"entry": entry, "form": form, "can_manage": permissions.can_manage_quality(request.user)},
    )
