"""The information-security programme: progress, audits and findings, red team, maturity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from yankao.core.charts import bar_chart
from yankao.core.rocdate import format_roc
from yankao.registers.common import commission_view, maybe_export, run_service, staff_view, year_param
from yankao.registers.security import permissions, selectors, services
from yankao.registers.security.forms import (
    AuditorForm,
    BriefingForm,
    CloseForm,
    CompleteForm,
    ExerciseForm,
    MaturityForm,
    PlanForm,
    RemediationForm,
    RetestForm,
    ScheduleForm,
    SystemForm,
)
from yankao.registers.security.models import AuditFinding, AuditPlan, Briefing, SecurityAudit, TestedSystem


@staff_view
def overview(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    progress = selectors.audit_progress(year=year)
    maturity = selectors.maturity_figures(year=year)
    return render(
        request,
        "registers/security/overview.html",
        {
            "year": year,
            "roc_year": year - 1911,
            "progress": progress,
            "chart": bar_chart(
                [("已完成", progress.done), ("未完成", progress.remaining)], title="實地稽核進度", unit="場"
            ),
            "auditors": selectors.auditor_count(year=year),
            "briefings": [
                (label, selectors.briefing_count(year=year, topic=code)) for code, label in Briefing.Topic.choices
            ],
            "red_team": selectors.red_team_figures(year=year),
            "maturity": maturity,
            "share": selectors.maturity_share_at_target(year=year),
            "goal": selectors.maturity_goal(year=year),
            "open_findings": selectors.open_findings(year=year),
            "can_manage": permissions.can_manage_security(request.user),
            "has_plan": AuditPlan.objects.filter(year=year).exists(),
        },
    )


@staff_view
def audit_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    audits = selectors.audit_list_for(user=request.user, year=year)
    export = maybe_export(
        request,
        headers=["機關", "排定日", "稽核日", "狀態", "發現事項數"],
        rows=lambda: (
            [a.agency.name, a.scheduled_on, a.audited_on, a.get_status_display(), getattr(a, "n_findings", 0)]
            for a in audits
        ),
        filename=f"資安實地稽核-{year - 1911}年",
    )
    return export or render(
        request,
        "registers/security/audit_list.html",
        {
            "audits": audits[:500],
            "count": audits.count(),
            "roc_year": year - 1911,
            "can_manage": permissions.can_manage_security(request.user),
        },
    )


@staff_view
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = get_object_or_404(selectors.audit_list_for(user=request.user), pk=pk)
    if request.method == "POST":
        finding = get_object_or_404(AuditFinding, pk=request.POST.get("finding"), audit=audit)
        if request.POST.get("action") == "close":
            close = CloseForm(request.POST)
            if close.is_valid():
                run_service(
                    request,
                    lambda: services.finding_close(actor=request.user, finding=finding, **close.cleaned_data),
                    success="已結案",
                )
        else:
            if not permissions.can_remediate(request.user, finding):
                raise PermissionDenied("只有受稽核機關可以填報改善措施")
            form = RemediationForm(request.POST)
            if form.is_valid():
                run_service(
                    request,
                    lambda: services.finding_remediate(actor=request.user, finding=finding, **form.cleaned_data),
                    success="已填報改善措施",
                )
        return redirect("registers_security:audit_detail", audit.pk)
    return render(
        request,
        "registers/security/audit_detail.html",
        {
            "audit": audit,
            "findings": audit.findings.all(),
            "auditor_kinds": [a.get_kind_display() for a in audit.auditors.all()],
            "can_manage": permissions.can_manage_security(request.user),
            "can_remediate": permissions.can_manage_security(request.user) or request.user.agency_id == audit.agency_id,  # type: ignore[union-attr]
        },
    )


@staff_view
def system_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    systems = selectors.systems_for(user=request.user, year=year)
    export = maybe_export(
        request,
        headers=["紅隊", "機關", "系統", "初測日", "弱點數", "已修補", "複測日", "複測確認改善"],
        rows=lambda: (
            [
                s.team_no,
                s.agency.name,
                s.name,
                format_roc(s.tested_on),
                s.weaknesses,
                s.fixed,
                format_roc(s.retested_on),
                "是" if s.retest_passed else "否",
            ]
            for s in systems
        ),
        filename=f"紅隊演練受測系統-{year - 1911}年",
    )
    return export or render(
        request,
        "registers/security/system_list.html",
        {"systems": systems, "roc_year": year - 1911, "can_manage": permissions.can_manage_security(request.user)},
    )


@staff_view
def maturity_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    rows = selectors.maturity_for(user=request.user, year=year)
    export = maybe_export(
        request,
        headers=["機關", "資安責任等級", "自評等級", "目標等級", "達標"],
        rows=lambda: (
            [m.agency.name, m.agency_class, m.level, m.target_level, "是" if m.at_target else "否"] for m in rows
        ),
        filename=f"資安治理成熟度-{year - 1911}年",
    )
    return export or render(
        request,
        "registers/security/maturity_list.html",
        {"rows": rows, "roc_year": year - 1911, "can_manage": permissions.can_manage_security(request.user)},
    )


# --- the commission's entry forms: thin views over the services; a rule the service refuses
# comes back as a form error in Chinese, never as a 500.


def _submit(request: HttpRequest, form: forms.Form, call: Callable[[dict[str, Any]], Any], *, success: str) -> Any:
    """Validate `form` and call the service; return its result, or None (the errors are on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None
    messages.success(request, success)
    return result


def _form_page(
    request: HttpRequest, form: forms.Form, *, title: str, submit: str, back: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "registers/security/form_page.html",
        {"form": form, "title": title, "submit": submit, "back": back, **extra},
    )


def _overview_url(year: int) -> str:
    return f"{reverse('registers_security:overview')}?year={year - 1911}"


@commission_view
def plan_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = PlanForm(request.POST or None, initial={"year": year - 1911})
    plan = _submit(request, form, lambda d: services.plan_create(actor=request.user, **d), success="已建立稽核計畫")
    if plan is not None:
        return redirect(_overview_url(plan.year))
    return _form_page(request, form, title="建立資安稽核計畫", submit="建立", back=_overview_url(year))


@commission_view
def auditors(request: HttpRequest) -> HttpResponse:
    """產官學稽核團: the year's auditors, and the form to add one."""
    year = year_param(request)
    plan = AuditPlan.objects.filter(year=year).first()
    form = AuditorForm(request.POST or None)
    if request.method == "POST" and plan is None:
        form.is_valid()
        form.add_error(None, f"{year - 1911} 年度尚未建立稽核計畫，請先建立計畫")
    elif plan is not None:
        added = _submit(
            request, form, lambda d: services.auditor_add(actor=request.user, plan=plan, **d), success="已新增稽核團員"
        )
        if added is not None:
            return redirect(f"{reverse('registers_security:auditors')}?year={year - 1911}")
    return render(
        request,
        "registers/security/auditors.html",
        {
            "form": form,
            "plan": plan,
            "roc_year": year - 1911,
            "auditors": plan.auditors.all() if plan else [],
            "counts": selectors.auditor_count(year=year),
        },
    )


@commission_view
def briefing_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = BriefingForm(request.POST or None)
    briefing = _submit(
        request,
        form,
        lambda d: services.briefing_add(actor=request.user, year=d["held_on"].year, **d),
        success="已登錄說明會",
    )
    if briefing is not None:
        return redirect(_overview_url(briefing.year))
    return _form_page(request, form, title="登錄說明會或輔導", submit="登錄", back=_overview_url(year))


@commission_view
def audit_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = ScheduleForm(request.POST or None)
    audit = _submit(
        request,
        form,
        lambda d: services.audit_schedule(
            actor=request.user, plan=d["plan"], agency=d["agency"], scheduled_on=d["scheduled_on"]
        ),
        success="已排定稽核",
    )
    if audit is not None:
        return redirect("registers_security:audit_detail", audit.pk)
    back = f"{reverse('registers_security:audit_list')}?year={year - 1911}"
    return _form_page(request, form, title="排定實地稽核", submit="排定", back=back)


@commission_view
def audit_complete(request: HttpRequest, pk: int) -> HttpResponse:
    audit = get_object_or_404(SecurityAudit.objects.select_related("agency", "plan"), pk=pk)
    form = CompleteForm(request.POST or None, plan=audit.plan)
    done = _submit(
        request,
        form,
        lambda d: services.audit_complete(actor=request.user, audit=audit, **form.service_kwargs()),
        success="已登錄稽核結果",
    )
    if done is not None:
        return redirect("registers_security:audit_detail", audit.pk)
    back = reverse("registers_security:audit_detail", args=[audit.pk])
    return _form_page(request, form, title=f"登錄稽核結果：{audit.agency}", submit="登錄", back=back)


@commission_view
def exercise_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = ExerciseForm(request.POST or None, initial={"year": year - 1911})
    exercise = _submit(
        request, form, lambda d: services.exercise_create(actor=request.user, **d), success="已建立紅藍隊演練"
    )
    if exercise is not None:
        return redirect(f"{reverse('registers_security:system_list')}?year={exercise.year - 1911}")
    return _form_page(request, form, title="建立紅藍隊攻防演練", submit="建立", back=_overview_url(year))


@commission_view
def system_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = SystemForm(request.POST or None)
    system = _submit(request, form, lambda d: services.system_test(actor=request.user, **d), success="已登錄初測結果")
    if system is not None:
        return redirect(f"{reverse('registers_security:system_list')}?year={system.tested_on.year - 1911}")
    back = f"{reverse('registers_security:system_list')}?year={year - 1911}"
    return _form_page(request, form, title="登錄受測系統（初測）", submit="登錄", back=back)


@commission_view
def system_retest(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(TestedSystem.objects.select_related("agency", "exercise"), pk=pk)
    form = RetestForm(request.POST or None, initial={"fixed": system.fixed})
    done = _submit(
        request,
        form,
        lambda d: services.system_retest(actor=request.user, system=system, **d),
        success="已登錄複測結果",
    )
    back = f"{reverse('registers_security:system_list')}?year={system.exercise.year - 1911}"
    if done is not None:
        return redirect(back)
    return _form_page(
        request,
        form,
        title=f"登錄複測結果：{system.name}",
        submit="登錄",
        back=back,
        intro=f"{system.agency}．初測 {format_roc(system.tested_on)}．弱點 {system.weaknesses} 個",
    )


@commission_view
def maturity_new(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    form = MaturityForm(request.POST or None, initial={"year": year - 1911})
    assessment = _submit(
        request, form, lambda d: services.maturity_record(actor=request.user, **d), success="已登錄成熟度自評"
    )
    back = f"{reverse('registers_security:maturity_list')}?year={year - 1911}"
    if assessment is not None:
        return redirect(f"{reverse('registers_security:maturity_list')}?year={assessment.year - 1911}")
    return _form_page(request, form, title="登錄資安治理成熟度自評", submit="登錄", back=back)
