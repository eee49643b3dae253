"""The commission's evaluation plans (考核實施計畫) for 年終考核 and 市營事業機構年度考核: issue the plan,
edit its criteria, weights and grade bands, include programmes or enterprises, record review
sessions and send the results. Scoring itself is on each evaluation's page (work.evaluation_detail)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.org.models import Agency
from yankao.org.permissions import sees_all_agencies
from yankao.programmes import permissions
from yankao.programmes.forms import EvaluationPlanForm, IncludeForm, IssueResultsForm, PlanRulesForm, SessionForm
from yankao.programmes.models import CriterionScore, EvaluationPlan, Scheme
from yankao.programmes.services import (
    evaluation_add,
    evaluation_plan_issue,
    evaluation_plan_set_rules,
    evaluation_results_issue,
    evaluation_session_add,
)
from yankao.programmes.services.evaluation import BandInput, CriterionInput

from . import work
from ._common import commission_only, service_errors_on, staff_view

DENIED = "只有研考會可以管理考核實施計畫"


@staff_view
@require_POST
def evaluation_plan_new(request: HttpRequest) -> HttpResponse:
    commission_only(request, DENIED)
    form = EvaluationPlanForm(request.POST)
    if form.is_valid():
        try:
            plan = evaluation_plan_issue(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, f"已函頒「{plan.title}」，考核項目與等第級距已帶入，可於本頁修改")
            return redirect("programmes:evaluation_plan", pk=plan.pk)
    if request.POST.get("scheme") == Scheme.ENTERPRISE:
        return work.enterprise_results(request, plan_form=form)
    return work.evaluation_results(request, plan_form=form)


def _rules_form(plan: EvaluationPlan, data: Any = None) -> PlanRulesForm:
    criteria = list(plan.criteria.all())
    return PlanRulesForm(
        data,
        rows=len(criteria) + 2,
        initial_rows=[{"code": c.code, "name": c.name, "weight": c.weight} for c in criteria],
        bands=plan.grade_bands,
        band_rows=len(plan.grade_bands) + 1,
    )


@staff_view
def evaluation_plan_detail(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    plan = get_object_or_404(EvaluationPlan, pk=pk)
    evaluations = (
        plan.evaluations.filter(work._agency_filter(request.user))
        .select_related("programme", "enterprise", "agency")
        .order_by("agency__sort_order", "programme__code", "pk")
    )
    is_commission = permissions.can_manage_programmes(request.user)
    context: dict[str, Any] = {
        "plan": plan,
        "criteria": plan.criteria.all(),
        "sessions": plan.sessions.all(),
        "evaluations": evaluations,
        "letter_agencies": Agency.objects.filter(pk__in=evaluations.values("agency_id")).order_by("sort_order"),
        "sees_all": sees_all_agencies(request.user),
        "rules_locked": CriterionScore.objects.filter(evaluation__plan=plan).exists(),
        "is_commission": is_commission,
    }
    if is_commission:
        context |= {
            "rules_form": forms.get("rules_form") or _rules_form(plan),
            "include_form": forms.get("include_form") or IncludeForm(plan=plan),
            "session_form": forms.get("session_form") or SessionForm(),
            "issue_form": forms.get("issue_form") or IssueResultsForm(),
        }
    return render(request, "programmes/evaluation_plan.html", context, status=400 if forms else 200)


def _write(request: HttpRequest, plan: EvaluationPlan, part: str, form: Any) -> str:
    actor: Any = request.user
    data = form.cleaned_data
    if part == "rules":
        evaluation_plan_set_rules(
            actor=actor,
            plan=plan,
            criteria=[CriterionInput(r["code"], r["name"], r["weight"]) for r in data["rows"]],
            bands=[BandInput(b["grade"], b["min_score"]) for b in data["bands"]],
        )
        return "已更新考核項目、權重與等第級距"
    if part == "include":
        evaluation_add(actor=actor, plan=plan, programme=data.get("programme"), enterprise=data.get("enterprise"))
        return "已納入考核"
    if part == "session":
        evaluation_session_add(actor=actor, plan=plan, **data)
        return "已登錄考評場次"
    evaluation_results_issue(actor=actor, plan=plan, issued_on=data["issued_on"])
    return "已函送考核結果，各機關結果函可於本頁下載"


@staff_view
@require_POST
def evaluation_plan_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """The commission edits the criteria and bands, includes a programme or enterprise, records a
    review session, or sends the results."""
    commission_only(request, DENIED)
    plan = get_object_or_404(EvaluationPlan, pk=pk)
    forms_by_part: dict[str, Any] = {
        "rules": lambda: _rules_form(plan, request.POST),
        "include": lambda: IncludeForm(request.POST, plan=plan),
        "session": lambda: SessionForm(request.POST),
        "issue": lambda: IssueResultsForm(request.POST),
    }
    if part not in forms_by_part:
        raise Http404
    form = forms_by_part[part]()
    if form.is_valid():
        try:
            done = _write(request, plan, part, form)
        except ValidationError as exc:
            service_errors_on(form, exc)
        else:
            messages.success(request, done)
            return redirect("programmes:evaluation_plan", pk=pk)
    return evaluation_plan_detail(request, pk, **{f"{part}_form": form})
