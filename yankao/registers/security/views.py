"""The information-security programme: progress, audits and findings, red team, maturity."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from yankao.core.charts import bar_chart
from yankao.core.rocdate import format_roc
from yankao.registers.common import maybe_export, run_service, staff_view, year_param
from yankao.registers.security import permissions, selectors, services
from yankao.registers.security.forms import CloseForm, RemediationForm
from yankao.registers.security.models import AuditFinding, Briefing


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
        {"audits": audits[:500], "count": audits.count(), "roc_year": year - 1911},
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
        request, "registers/security/system_list.html", {"systems": systems, "roc_year": year - 1911}
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
    return export or render(request, "registers/security/maturity_list.html", {"rows": rows, "roc_year": year - 1911})
