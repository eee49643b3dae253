"""The rest of the commission's work: coordination meetings, year-end and enterprise evaluation
(KPIs are in views.kpis), the pre-review and administration plan, subsidy cases."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.core.documents import DOCUMENT_FORMATS, document_response
from yankao.org.models import Agency
from yankao.org.permissions import sees_all_agencies
from yankao.programmes import permissions
from yankao.programmes.documents import evaluation_letter
from yankao.programmes.forms import (
    AgendaItemForm,
    DecisionForm,
    EvaluationPlanForm,
    MeetingForm,
    MinutesForm,
    ScoreForm,
    SelfAssessForm,
    SubsidyCaseForm,
    TextForm,
)
from yankao.programmes.models import (
    AdminPlanCycle,
    CoordinationMeeting,
    Evaluation,
    EvaluationPlan,
    MeetingDecision,
    PreReviewCall,
    Scheme,
    SubsidyCase,
)
from yankao.programmes.months import add_months, current_month
from yankao.programmes.selectors import figures as fig
from yankao.programmes.services import (
    agenda_from_problems,
    agenda_item_add,
    decision_add,
    decision_close,
    decision_reply,
    evaluation_score,
    evaluation_self_assess,
    meeting_create,
    meeting_record_minutes,
)
from yankao.programmes.services.planning import admin_plan_document
from yankao.programmes.views.planning_forms import agency_forms, planning_forms

from ._common import agency_filter as _agency_filter
from ._common import export, int_param, staff_view, wants_export


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- coordination meetings ----------------------------------------------------------------------


@staff_view
def meeting_list(request: HttpRequest, form: MeetingForm | None = None) -> HttpResponse:
    meetings = CoordinationMeeting.objects.order_by("-held_on")
    decisions = MeetingDecision.objects.filter(_agency_filter(request.user)).select_related("meeting", "agency")
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=["會議", "開會日期", "決議", "辦理機關", "辦理期限", "狀態", "辦理情形"],
            rows=(
                [
                    d.meeting.title,
                    d.meeting.held_on,
                    d.text,
                    d.agency.name,
                    d.due_date,
                    d.get_status_display(),
                    d.follow_up,
                ]
                for d in decisions
            ),
            filename="協調會報決議追蹤",
        )
    open_decisions = decisions.exclude(status=MeetingDecision.Status.CLOSED).order_by("due_date")
    return render(
        request,
        "programmes/meeting_list.html",
        {
            "meetings": meetings,
            "open_decisions": open_decisions,
            "is_commission": permissions.can_manage_programmes(request.user),
            "form": form or MeetingForm(),
        },
        status=400 if form is not None else 200,
    )


def _commission_only(request: HttpRequest) -> None:
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied("只有研考會可以管理協調會報")


def _form_errors(form: Any, exc: ValidationError) -> None:
    """A service's Chinese messages on the form (they name no field)."""
    for message in exc.messages:
        form.add_error(None, message)


@staff_view
@require_POST
def meeting_new(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = meeting_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "已建立協調會報")
            return redirect("programmes:meeting_detail", pk=meeting.pk)
    return meeting_list(request, form=form)


@staff_view
@require_POST
def meeting_write(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """The commission adds an agenda item, records the minutes or adds a decision."""
    _commission_only(request)
    meeting = get_object_or_404(CoordinationMeeting, pk=pk)
    forms_by_part: dict[str, Any] = {
        "agenda": AgendaItemForm(request.POST),
        "minutes": MinutesForm(request.POST),
        "decision": DecisionForm(request.POST, meeting=meeting),
    }
    if part not in forms_by_part:
        raise Http404
    form = forms_by_part[part]
    if form.is_valid():
        try:
            if part == "agenda":
                agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)  # type: ignore[arg-type]
            elif part == "minutes":
                meeting_record_minutes(actor=request.user, meeting=meeting, **form.cleaned_data)  # type: ignore[arg-type]
            else:
                decision_add(actor=request.user, meeting=meeting, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, {"agenda": "已新增議題", "minutes": "已登錄會議紀錄", "decision": "已新增決議"}[part]
            )
            return redirect("programmes:meeting_detail", pk=pk)
    return meeting_detail(request, pk, **{f"{part}_form": form})


@staff_view
def meeting_detail(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    meeting = get_object_or_404(CoordinationMeeting, pk=pk)
    agenda = meeting.agenda.filter(_agency_filter(request.user)).select_related("programme", "subsidy_case", "agency")
    decisions = meeting.decisions.filter(_agency_filter(request.user)).select_related("agency")
    return render(
        request,
        "programmes/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "decisions": [(d, permissions.can_act_for_agency(request.user, d.agency)) for d in decisions],
            "is_commission": permissions.can_manage_programmes(request.user),
            "reply_form": TextForm(),
            "problem_month": add_months(current_month(), -1),
            "agenda_form": forms.get("agenda_form") or AgendaItemForm(),
            "minutes_form": forms.get("minutes_form")
            or MinutesForm(initial={"minutes": meeting.minutes, "issued_on": meeting.minutes_issued_on}),
            "decision_form": forms.get("decision_form") or DecisionForm(meeting=meeting),
        },
        status=400 if forms else 200,
    )


@staff_view
@require_POST
def meeting_agenda_from_problems(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(CoordinationMeeting, pk=pk)
    added = agenda_from_problems(actor=request.user, meeting=meeting, month=add_months(current_month(), -1))  # type: ignore[arg-type]
    messages.success(request, f"已自問題計畫與案件排入 {len(added)} 項議題")
    return redirect("programmes:meeting_detail", pk=pk)


@staff_view
@require_POST
def decision_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    decision = get_object_or_404(MeetingDecision.objects.filter(_agency_filter(request.user)), pk=pk)
    try:
        if action == "reply":
            form = TextForm(request.POST)
            decision_reply(actor=request.user, decision=decision, follow_up=form.data.get("text", ""))  # type: ignore[arg-type]
        elif action == "close":
            decision_close(actor=request.user, decision=decision)  # type: ignore[arg-type]
        else:
            raise Http404
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, "已更新決議辦理情形")
    return redirect("programmes:meeting_detail", pk=decision.meeting_id)


# --- evaluation -----------------------------------------------------------------------------------


def _plan(scheme: str, year: int | None) -> EvaluationPlan | None:
    plans = EvaluationPlan.objects.filter(scheme=scheme)
    return plans.filter(year=year).first() if year else plans.order_by("-year").first()


def _plan_form(scheme: str, year: int) -> EvaluationPlanForm:
    title = f"{year}年度{'列管計畫年終考核' if scheme == Scheme.PROGRAMME else '市營事業機構年度考核'}實施計畫"
    return EvaluationPlanForm(initial={"scheme": scheme, "year": year, "title": title})


@staff_view
def evaluation_results(request: HttpRequest, plan_form: EvaluationPlanForm | None = None) -> HttpResponse:
    """年終考核 results: grades by agency and overall, each programme's score."""
    plan = _plan(Scheme.PROGRAMME, int_param(request, "year"))
    evaluations = (
        Evaluation.objects.filter(plan=plan).filter(_agency_filter(request.user)).select_related("programme", "agency")
        if plan
        else Evaluation.objects.none()
    )
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=["年度", "計畫編號", "計畫名稱", "主辦機關", "總分", "等第", "狀態"],
            rows=(
                [
                    plan.year if plan else "",
                    e.programme.code if e.programme else "",
                    str(e.subject),
                    e.agency.name,
                    e.total_score,
                    e.grade,
                    e.get_status_display(),
                ]
                for e in evaluations
            ),
            filename="年終考核結果",
        )
    return render(
        request,
        "programmes/evaluation_results.html",
        {
            "plan": plan,
            "plans": EvaluationPlan.objects.filter(scheme=Scheme.PROGRAMME),
            "overall": fig.evaluation_grade_counts(year=plan.year)
            if plan and sees_all_agencies(request.user)
            else None,
            "by_agency": fig.evaluation_grades_by_agency(year=plan.year)
            if plan and sees_all_agencies(request.user)
            else [],
            "evaluations": evaluations.order_by("agency__sort_order", "programme__code"),
            "plan_form": plan_form or _plan_form(Scheme.PROGRAMME, current_month().year - 1912),
        },
        status=400 if plan_form is not None else 200,
    )


@staff_view
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(
        Evaluation.objects.filter(_agency_filter(request.user)).select_related(
            "plan", "programme", "enterprise", "agency"
        ),
        pk=pk,
    )
    criteria = list(evaluation.plan.criteria.all())
    actor: Any = request.user
    can_score = permissions.can_manage_programmes(actor)
    can_self = permissions.can_act_for_agency(request.user, evaluation.agency_id)
    held = {s.criterion.code: s.score for s in evaluation.scores.select_related("criterion")}
    score_form = ScoreForm(
        initial={f"c_{k}": v for k, v in held.items()} | {"comment": evaluation.comment}, criteria=criteria
    )
    self_form = SelfAssessForm(initial={"text": evaluation.self_assessment, "self_score": evaluation.self_score})
    if request.method == "POST":
        try:
            if "score" in request.POST and can_score:
                score_form = ScoreForm(request.POST, criteria=criteria)
                if score_form.is_valid():
                    evaluation_score(
                        actor=actor,
                        evaluation=evaluation,
                        scores=score_form.scores(),
                        comment=score_form.cleaned_data["comment"],
                    )  # type: ignore[arg-type]
                    messages.success(request, "已完成評分")
                    return redirect("programmes:evaluation_detail", pk=pk)
            elif "self" in request.POST and can_self:
                self_form = SelfAssessForm(request.POST)
                if self_form.is_valid():
                    evaluation_self_assess(
                        actor=actor,
                        evaluation=evaluation,
                        text=self_form.cleaned_data["text"],
                        self_score=self_form.cleaned_data["self_score"],
                    )  # type: ignore[arg-type]
                    messages.success(request, "已提送自評")
                    return redirect("programmes:evaluation_detail", pk=pk)
            else:
                raise PermissionDenied("您沒有權限執行此動作")
        except ValidationError as exc:
            _flash(request, exc)
    return render(
        request,
        "programmes/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "criteria": [(c, held.get(c.code)) for c in criteria],
            "score_form": score_form if can_score else None,
            "self_form": self_form if can_self and evaluation.status != Evaluation.Status.SCORED else None,
        },
    )


@staff_view
def evaluation_letter_view(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    """考核結果函 of one agency, as ODT, DOCX or PDF."""
    plan = get_object_or_404(EvaluationPlan, pk=plan_id)
    agency = get_object_or_404(Agency, pk=agency_id)
    if not permissions.can_view_agency(request.user, agency):
        raise Http404
    fmt = request.GET.get("format", "pdf")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("不支援的格式")
    evaluations = list(
        plan.evaluations.filter(agency=agency).select_related("programme", "enterprise").prefetch_related("scores")
    )
    doc = evaluation_letter(plan=plan, agency=agency, evaluations=evaluations)
    return document_response(doc, fmt=fmt, filename=f"{plan.title}結果-{agency.short_name or agency.name}")


@staff_view
def enterprise_results(request: HttpRequest, plan_form: EvaluationPlanForm | None = None) -> HttpResponse:
    """市營事業機構年度考核: sessions, scores, grades; the report as a document."""
    plan = _plan(Scheme.ENTERPRISE, int_param(request, "year"))
    evaluations = list(
        Evaluation.objects.filter(plan=plan)
        .filter(_agency_filter(request.user, "agency"))
        .select_related("enterprise")
        .prefetch_related("scores")
        if plan
        else []
    )
    fmt = request.GET.get("format", "")
    if plan and fmt in DOCUMENT_FORMATS and fmt != "html":
        if not sees_all_agencies(request.user):
            raise PermissionDenied("考核報告僅限研考會產製")
        doc = evaluation_letter(plan=plan, agency=Agency(name="各相關主管機關及受考核機關"), evaluations=evaluations)
        return document_response(doc, fmt=fmt, filename=f"{plan.title}報告")
    export_fmt = wants_export(request)
    if export_fmt:
        return export(
            export_fmt,
            headers=["事業機構", "總分", "等第"],
            rows=([str(e.subject), e.total_score, e.grade] for e in evaluations),
            filename="事業機構考核",
        )
    return render(
        request,
        "programmes/enterprise_results.html",
        {
            "plan": plan,
            "evaluations": evaluations,
            "sessions": plan.sessions.all() if plan else [],
            "plan_form": plan_form or _plan_form(Scheme.ENTERPRISE, current_month().year - 1912),
        },
        status=400 if plan_form is not None else 200,
    )


# --- planning: pre-review, administration plan ---------------------------------------------------


@staff_view
def planning(request: HttpRequest, year: int | None = None, **forms: Any) -> HttpResponse:
    """綜合計畫: the pre-review call (proposals, review, approved amounts, training) and the
    administration plan compilation. The commission's forms come back bound when a write failed."""
    calls = PreReviewCall.objects.order_by("-budget_year")
    years = sorted(
        set(calls.values_list("budget_year", flat=True))
        | set(AdminPlanCycle.objects.values_list("budget_year", flat=True)),
        reverse=True,
    )
    budget_year = year or int_param(request, "year", years[0] if years else None)
    call = calls.filter(budget_year=budget_year).first() if budget_year else None
    proposals: Any = call.proposals.filter(_agency_filter(request.user)).select_related("agency") if call else []
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=[
                "機關",
                "計畫名稱",
                "需求公務預算(元)",
                "需求基金預算(元)",
                "需求中央補助(元)",
                "核列公務預算(元)",
                "核列基金預算(元)",
                "狀態",
            ],
            rows=(
                [
                    p.agency.name,
                    p.name,
                    p.requested_public,
                    p.requested_fund,
                    p.requested_central,
                    p.approved_public,
                    p.approved_fund,
                    p.get_status_display(),
                ]
                for p in proposals
            ),
            filename=f"{budget_year}年度先期作業提案",
        )
    cycle = AdminPlanCycle.objects.filter(budget_year=budget_year).first() if budget_year else None
    return render(
        request,
        "programmes/planning.html",
        {
            "call": call,
            "calls": calls,
            "proposals": proposals[:300] if call else [],
            "totals": fig.prereview_totals(budget_year=call.budget_year)
            if call and sees_all_agencies(request.user)
            else None,
            "training": fig.prereview_training(budget_year=call.budget_year) if call else None,
            "trainings": call.trainings.prefetch_related("batches") if call else [],
            "cycle": cycle,
            "sections": cycle.sections.filter(_agency_filter(request.user)).select_related("agency") if cycle else [],
            "years": years,
            "budget_year": budget_year,
            **(planning_forms(call, cycle, forms) if permissions.can_manage_programmes(request.user) else {}),
            **agency_forms(request.user, call, cycle, forms),
        },
        status=400 if forms else 200,
    )


@staff_view
def admin_plan_document_view(request: HttpRequest, year: int) -> HttpResponse:
    """彙編的施政計畫 as ODT / DOCX / PDF (the commission)."""
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied("只有研考會可以下載彙編本")
    cycle = get_object_or_404(AdminPlanCycle, budget_year=year)
    fmt = request.GET.get("format", "odt")
    if fmt not in DOCUMENT_FORMATS:
        raise Http404("不支援的格式")
    sections = list(cycle.sections.filter(status="submitted").select_related("agency").order_by("agency__sort_order"))
    return document_response(admin_plan_document(cycle, sections), fmt=fmt, filename=f"{year}年度施政計畫")


# --- subsidies ----------------------------------------------------------------------------------------


@staff_view
def subsidy_list(request: HttpRequest, case_form: SubsidyCaseForm | None = None) -> HttpResponse:
    years = list(SubsidyCase.objects.order_by("-year").values_list("year", flat=True).distinct())
    year = int_param(request, "year", years[0] if years else None)
    cases = SubsidyCase.objects.filter(year=year or 0).filter(_agency_filter(request.user)).select_related("agency")
    if request.GET.get("problem"):
        cases = cases.filter(has_problem=True)
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=["年度", "案號", "案件名稱", "執行機關", "補助經費(元)", "狀態", "待檢討"],
            rows=(
                [c.year, c.code, c.name, c.agency.name, c.amount, c.get_status_display(), "是" if c.has_problem else ""]
                for c in cases
            ),
            filename=f"{year}年度基本設施補助案件",
        )
    return render(
        request,
        "programmes/subsidy_list.html",
        {
            "year": year,
            "years": years,
            "cases": cases.order_by("code")[:500],
            "totals": fig.subsidy_totals(year=year) if year and sees_all_agencies(request.user) else None,
            "case_form": (case_form or SubsidyCaseForm(initial={"year": year or current_month().year - 1911}))
            if permissions.can_manage_programmes(request.user)
            else None,
        },
        status=400 if case_form is not None else 200,
    )
