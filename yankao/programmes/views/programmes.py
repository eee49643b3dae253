"""Programmes and monthly reports: the public list, the staff list and detail, the project
manager's page, the report form, the approval/review queue and the report's actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yankao.core.audit import history_for
from yankao.core.charts import line_chart
from yankao.org.permissions import is_commission
from yankao.programmes import permissions
from yankao.programmes.forms import (
    AttachmentForm,
    CommentForm,
    ProgrammeForm,
    ProgrammeStatusForm,
    ReportForm,
    WorkPlanForm,
)
from yankao.programmes.models import MonthlyReport, Programme
from yankao.programmes.months import current_month, month_slug
from yankao.programmes.selectors import programmes as sel
from yankao.programmes.selectors.analysis import programme_delay_status
from yankao.programmes.services import (
    programme_create,
    report_approve,
    report_attach,
    report_review,
    report_save,
    report_send_back,
    report_submit,
)
from yankao.programmes.services.reports import ReportFigures, planned_pct_for

from ._common import export, int_param, month_from_slug, month_param, staff_view, wants_export


def public_list(request: HttpRequest) -> HttpResponse:
    """列管計畫 (public): 市府列管 programmes with their latest reported progress; no people."""
    years = sel.programme_years()
    year = int_param(request, "year", years[0] if years else current_month().year - 1911)
    programmes = list(sel.programme_public_list(year=year or 0))
    latest = {
        r.programme_id: r
        for r in MonthlyReport.objects.filter(programme__in=programmes, status__in=MonthlyReport.COUNTED).order_by(
            "programme_id", "month"
        )
    }
    rows = [(p, latest.get(p.pk)) for p in programmes]
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=["計畫編號", "計畫名稱", "主辦機關", "月份", "預定進度(%)", "實際進度(%)"],
            rows=[
                [
                    p.code,
                    p.name,
                    p.lead_agency.name,
                    r.month_label if r else "",
                    r.planned_pct if r else "",
                    r.actual_pct if r else "",
                ]
                for p, r in rows
            ],
            filename=f"{year}年度市府列管計畫",
        )
    return render(request, "programmes/public_list.html", {"rows": rows, "year": year, "years": years})


@staff_view
def programme_list(request: HttpRequest) -> HttpResponse:
    year = int_param(request, "year")
    agency_id = int_param(request, "agency")
    level = request.GET.get("level", "")
    q = request.GET.get("q", "")
    qs = sel.programme_list_for(user=request.user, year=year, agency_id=agency_id, level=level or None, q=q)
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=[
                "年度",
                "計畫編號",
                "計畫名稱",
                "列管層級",
                "主辦機關",
                "起日",
                "迄日",
                "年度經費(元)",
                "總經費(元)",
                "狀態",
            ],
            rows=(
                [
                    p.year,
                    p.code,
                    p.name,
                    p.get_control_level_display(),
                    p.lead_agency.name,
                    p.start_date,
                    p.end_date,
                    p.year_budget,
                    p.total_budget,
                    p.get_status_display(),
                ]
                for p in qs.iterator()
            ),
            filename="列管計畫",
        )
    paginator = Paginator(qs, 100)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": page.object_list,
            "page": page,
            "count": paginator.count,
            "years": sel.programme_years(),
            "year": year,
            "level": level,
            "levels": Programme.Level.choices,
            "q": q,
            "can_create": permissions.can_manage_programmes(request.user),
        },
    )


@staff_view
def programme_detail(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    """A programme: its facts, planned against actual progress, milestones and reports; the work
    plan form (作業計畫) for whoever may edit it and the status form (列管狀態) for the commission.
    A refused form comes back bound, with status 400."""
    programme = get_object_or_404(sel.programme_list_for(user=request.user), pk=pk)
    user: Any = request.user
    reports = list(sel.report_history(programme))
    plan = list(programme.plan_months.order_by("month"))
    by_month = {r.month: r for r in reports if r.status in MonthlyReport.COUNTED}
    labels = [f"{m.month.month}月" for m in plan]
    chart = None
    if plan:
        chart = line_chart(
            labels,
            {
                "預定累計進度": [float(m.planned_pct) for m in plan],
                "實際累計進度": [float(by_month[m.month].actual_pct) if m.month in by_month else None for m in plan],
            },
            title=f"{programme.name} 預定與實際累計進度",
            unit="%",
        )
    month = current_month()
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "reports": reports,
            "plan": [(m, by_month.get(m.month)) for m in plan],
            "milestones": programme.milestones.all(),
            "chart": chart,
            "status": programme_delay_status(programme),
            "can_file": permissions.can_file_report(request.user, programme),
            "file_month": month_slug(month),
            "history": history_for(programme)[:20] if is_commission(request.user) else [],
            "plan_form": (forms.get("plan_form") or WorkPlanForm(programme=programme))
            if permissions.can_edit_plan(user, programme)
            else None,
            "status_form": (forms.get("status_form") or ProgrammeStatusForm(initial={"status": programme.status}))
            if permissions.can_manage_programmes(user)
            else None,
        },
        status=400 if forms else 200,
    )


@staff_view
def programme_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied("只有研考會可以新增列管計畫")
    form = ProgrammeForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        budgets: dict[str, Decimal] = {
            k: data[k] or Decimal(0)
            for k in ("total_public", "total_fund", "total_central", "year_public", "year_fund", "year_central")
        }
        try:
            programme = programme_create(
                actor=request.user,  # type: ignore[arg-type]
                code=data["code"],
                name=data["name"],
                year=data["year"],
                lead_agency=data["lead_agency"],
                control_level=data["control_level"] or None,
                project_manager=data["project_manager"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                budgets=budgets,
                description=data["description"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"已新增列管計畫「{programme}」")
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "errors": errors})


@staff_view
def my_programmes(request: HttpRequest) -> HttpResponse:
    """我的列管計畫: what the project manager must file this month and last month."""
    month = month_param(request, default=current_month())
    rows = sel.my_programmes(user=request.user, month=month)
    queue = sel.report_queue_for(user=request.user)
    return render(
        request,
        "programmes/my_programmes.html",
        {"rows": rows, "month": month, "month_slug": month_slug(month), "queue": queue[:100]},
    )


@staff_view
def report_queue(request: HttpRequest) -> HttpResponse:
    """月報審核: the agency manager's approval queue, or the commission's review queue."""
    queue = sel.report_queue_for(user=request.user)
    fmt = wants_export(request)
    if fmt:
        return export(
            fmt,
            headers=["計畫編號", "計畫名稱", "主辦機關", "月份", "預定(%)", "實際(%)", "落後(百分點)", "狀態"],
            rows=(
                [
                    r.programme.code,
                    r.programme.name,
                    r.programme.lead_agency.name,
                    r.month_label,
                    r.planned_pct,
                    r.actual_pct,
                    r.behind_pp,
                    r.get_status_display(),
                ]
                for r in queue
            ),
            filename="待辦月報",
        )
    return render(request, "programmes/report_queue.html", {"queue": queue[:300]})


@staff_view
def report_form(request: HttpRequest, pk: int, month: str) -> HttpResponse:
    """填報月報 for one month (the project manager)."""
    programme = get_object_or_404(sel.programme_list_for(user=request.user), pk=pk)
    if not permissions.can_file_report(request.user, programme):
        raise PermissionDenied("只有本計畫的專案管理人員可以填報月報")
    the_month = month_from_slug(month)
    report = MonthlyReport.objects.filter(programme=programme, month=the_month).first()
    milestones = list(programme.milestones.all())
    initial: dict[str, Any] = {}
    if report is not None:
        initial = {
            f: getattr(report, f)
            for f in (
                "actual_pct",
                "budget_allocated",
                "budget_spent",
                "work_summary",
                "delay_reason",
                "delay_note",
                "countermeasure",
            )
        }
        initial["version"] = report.version
        for state in report.milestone_states.all():
            initial[f"ms_{state.milestone_id}"] = state.state
            initial[f"ms_{state.milestone_id}_done"] = state.done_on
    form = ReportForm(request.POST or None, initial=initial, milestones=milestones)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        figures = ReportFigures(
            actual_pct=data["actual_pct"],
            budget_allocated=data["budget_allocated"],
            budget_spent=data["budget_spent"],
            delay_reason=data["delay_reason"],
            delay_note=data["delay_note"],
            countermeasure=data["countermeasure"],
            work_summary=data["work_summary"],
            milestone_states=form.milestone_states(),
        )
        try:
            saved = report_save(
                actor=request.user,  # type: ignore[arg-type]
                programme=programme,
                month=the_month,
                figures=figures,
                expected_version=data.get("version"),
            )
            if "submit" in request.POST:
                saved = report_submit(actor=request.user, report=saved)  # type: ignore[arg-type]
                messages.success(request, f"{saved} 已送機關主管核定")
            else:
                messages.success(request, f"{saved} 已儲存")
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("programmes:report_detail", pk=saved.pk)
    return render(
        request,
        "programmes/report_form.html",
        {
            "programme": programme,
            "month": the_month,
            "report": report,
            "form": form,
            "errors": errors,
            "planned_pct": planned_pct_for(programme, the_month),
        },
    )


def _report_for(request: HttpRequest, pk: int) -> MonthlyReport:
    visible = sel.programme_list_for(user=request.user)
    return get_object_or_404(
        MonthlyReport.objects.select_related("programme", "programme__lead_agency", "delay_reason"),
        pk=pk,
        programme__in=visible,
    )


@staff_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    user, programme = request.user, report.programme
    status = MonthlyReport.Status
    return render(
        request,
        "programmes/report_detail.html",
        {
            "report": report,
            "programme": programme,
            "milestone_states": report.milestone_states.select_related("milestone"),
            "attachments": report.attachments.all(),
            "can_edit": permissions.can_file_report(user, programme)
            and report.status in (status.DRAFT, status.RETURNED),
            "can_approve": permissions.can_approve_report(user, programme) and report.status == status.PENDING,
            "can_review": permissions.can_review_report(user) and report.status == status.SUBMITTED,
            "comment_form": CommentForm(initial={"version": report.version}),
            "attach_form": AttachmentForm(),
            "month_slug": month_slug(report.month),
        },
    )


@staff_view
@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """submit / approve / send-back / accept / return: one service each."""
    report = _report_for(request, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "") or ""
    version = form.cleaned_data.get("version")
    actor: Any = request.user
    actions = {
        "submit": lambda: report_submit(actor=actor, report=report, expected_version=version),
        "approve": lambda: report_approve(actor=actor, report=report, expected_version=version),
        "send-back": lambda: report_send_back(actor=actor, report=report, comment=comment, expected_version=version),
        "accept": lambda: report_review(
            actor=actor, report=report, accept=True, comment=comment, expected_version=version
        ),
        "return": lambda: report_review(
            actor=actor, report=report, accept=False, comment=comment, expected_version=version
        ),
    }
    if action not in actions:
        raise PermissionDenied("不支援的動作")
    try:
        done = actions[action]()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{done}：{done.get_status_display()}")
    return redirect("programmes:report_detail", pk=report.pk)


@staff_view
@require_POST
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "請選擇檔案與類別")
    else:
        try:
            report_attach(
                actor=request.user,  # type: ignore[arg-type]
                report=report,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "已上傳附件")
    return redirect(reverse("programmes:report_detail", args=[report.pk]))


__all__ = ["month_param"]
