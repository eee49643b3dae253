"""The commission's writes of 綜合計畫: issue the pre-review call with its timetable, review each
proposal round by round up to the balancing meeting (approved amounts by source), record the
training, and run the administration plan (issue the outline, compile, send to the council).
The page that reads them is work.planning."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yankao.programmes import permissions
from yankao.programmes.forms import (
    AdminPlanCycleForm,
    BalanceForm,
    CallForm,
    CompileForm,
    CouncilForm,
    ProposalForm,
    ReviewForm,
    SectionForm,
    TrainingForm,
)
from yankao.programmes.models import AdminPlanCycle, PreReviewCall, PreReviewProposal
from yankao.programmes.services import (
    admin_plan_compile,
    admin_plan_cycle_create,
    admin_plan_section_submit,
    admin_plan_send_to_council,
    call_balance_close,
    call_create,
    proposal_review,
    proposal_submit,
    training_record,
)

from . import work
from ._common import agency_filter, commission_only, service_errors_on, staff_view

DENIED = "只有研考會可以辦理先期作業與施政計畫"


def _back_to_planning(year: int) -> HttpResponse:
    return redirect(f"{reverse('programmes:planning')}?year={year}")


@staff_view
@require_POST
def call_new(request: HttpRequest) -> HttpResponse:
    """函頒先期作業實施計畫 with its timetable."""
    commission_only(request, DENIED)
    form = CallForm(request.POST, rows=6)
    if form.is_valid():
        data = form.cleaned_data
        try:
            call = call_create(
                actor=request.user,  # type: ignore[arg-type]
                budget_year=data["budget_year"],
                title=data["title"],
                issued_on=data["issued_on"],
                proposal_due=data["proposal_due"],
                steps=[(r["name"], r["due_on"]) for r in data["rows"]],
            )
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已函頒「{call.title}」")
            return _back_to_planning(call.budget_year)
    return work.planning(request, call_form=form)


@staff_view
@require_POST
def call_write(request: HttpRequest, year: int, part: str) -> HttpResponse:
    """The call's training (研習班 in batches) or the end of the balancing (預算平衡完成)."""
    commission_only(request, DENIED)
    call = get_object_or_404(PreReviewCall, budget_year=year)
    forms_by_part: dict[str, Any] = {"training": TrainingForm, "balance": BalanceForm}
    if part not in forms_by_part:
        raise Http404
    form = forms_by_part[part](request.POST)
    if form.is_valid():
        actor: Any = request.user
        data = form.cleaned_data
        try:
            if part == "training":
                batches = [(r["held_on"], r["attendees"]) for r in data["rows"]]
                training_record(actor=actor, title=data["title"], batches=batches, call=call)
            else:
                call_balance_close(actor=actor, call=call, balanced_on=data["balanced_on"])
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, "已登錄研習班" if part == "training" else "已完成預算平衡")
            return _back_to_planning(year)
    return work.planning(request, year, **{f"{part}_form": form})


@staff_view
def proposal_detail(request: HttpRequest, pk: int, review_form: ReviewForm | None = None) -> HttpResponse:
    """A proposal: requested and approved amounts by source and every review round."""
    proposal = get_object_or_404(
        PreReviewProposal.objects.filter(agency_filter(request.user)).select_related("call", "agency"), pk=pk
    )
    can_review = permissions.can_manage_programmes(request.user) and proposal.call.balanced_on is None
    return render(
        request,
        "programmes/proposal_detail.html",
        {
            "proposal": proposal,
            "reviews": proposal.reviews.all(),
            "review_form": review_form or (ReviewForm(initial=_review_initial(proposal)) if can_review else None),
        },
        status=400 if review_form is not None else 200,
    )


def _review_initial(proposal: PreReviewProposal) -> dict[str, Any]:
    return {
        "public": proposal.approved_public or proposal.requested_public,
        "fund": proposal.approved_fund or proposal.requested_fund,
    }


@staff_view
@require_POST
def proposal_review_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A review round (初審, 府層級研商會議, 預算平衡) with the amounts approved by source."""
    commission_only(request, DENIED)
    proposal = get_object_or_404(PreReviewProposal.objects.select_related("call"), pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review = proposal_review(actor=request.user, proposal=proposal, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已登錄{review.get_stage_display()}結果")
            return redirect("programmes:proposal_detail", pk=pk)
    return proposal_detail(request, pk, review_form=form)


@staff_view
@require_POST
def admin_plan_new(request: HttpRequest) -> HttpResponse:
    """函頒施政綱要 with the agencies' deadline."""
    commission_only(request, DENIED)
    form = AdminPlanCycleForm(request.POST)
    if form.is_valid():
        try:
            cycle = admin_plan_cycle_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已函頒{cycle.budget_year}年度施政綱要")
            return _back_to_planning(cycle.budget_year)
    return work.planning(request, admin_form=form)


@staff_view
@require_POST
def admin_plan_write(request: HttpRequest, year: int, part: str) -> HttpResponse:
    """彙編 (then download the document) or 函送市議會."""
    commission_only(request, DENIED)
    cycle = get_object_or_404(AdminPlanCycle, budget_year=year)
    forms_by_part: dict[str, Any] = {"compile": CompileForm, "council": CouncilForm}
    if part not in forms_by_part:
        raise Http404
    form = forms_by_part[part](request.POST)
    if form.is_valid():
        actor: Any = request.user
        try:
            if part == "compile":
                admin_plan_compile(actor=actor, cycle=cycle, compiled_on=form.cleaned_data["compiled_on"])
            else:
                admin_plan_send_to_council(actor=actor, cycle=cycle, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, "已彙編施政計畫，可下載彙編本" if part == "compile" else "已登錄函送市議會日期")
            return _back_to_planning(year)
    return work.planning(request, year, **{f"{part}_form": form})


@staff_view
@require_POST
def proposal_new(request: HttpRequest, year: int) -> HttpResponse:
    """機關提案 to the call: agency staff for their own agency, the commission for any agency."""
    call = get_object_or_404(PreReviewCall, budget_year=year)
    user: Any = request.user
    commission = permissions.can_manage_programmes(user)
    if not (commission or permissions.can_act_for_agency(user, user.agency_id)):
        raise PermissionDenied("只有提案機關可以提案")
    form = ProposalForm(request.POST, for_any_agency=commission)
    if form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency", None) or user.agency
        try:
            proposal = proposal_submit(actor=user, call=call, agency=agency, **data)
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已提案「{proposal.name}」")
            return redirect("programmes:proposal_detail", pk=proposal.pk)
    return work.planning(request, year, proposal_form=form)


@staff_view
@require_POST
def section_submit(request: HttpRequest, year: int) -> HttpResponse:
    """提送 the agency's own section of the administration plan (again, until it is compiled)."""
    cycle = get_object_or_404(AdminPlanCycle, budget_year=year)
    user: Any = request.user
    if not permissions.can_act_for_agency(user, user.agency_id):
        raise PermissionDenied("只有該機關人員可以提送施政計畫")
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            admin_plan_section_submit(actor=user, cycle=cycle, agency=user.agency, content=form.cleaned_data["content"])
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已提送{year}年度施政計畫")
            return _back_to_planning(year)
    return work.planning(request, year, section_form=form)
