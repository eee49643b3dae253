"""Projects, monthly filing, PCC import, behind-schedule list and documentary checks."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.audit import history_for
from yankao.core.documents import Document, Paragraph, Table, UnknownDocumentFormat, document_response
from yankao.core.rocdate import ROCDateError, format_roc, parse_roc
from yankao.core.tabular import ImportFailed
from yankao.org.models import Agency, Role
from yankao.org.permissions import has_role, is_commission, sees_all_agencies
from yankao.works import forms, permissions, services
from yankao.works.models import DocumentaryCheck, Project
from yankao.works.selectors import projects as sel

from .common import EXPORT_LINKS, allow, maybe_export, month_param, require_staff, run_service, year_param


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    q = request.GET.get("q", "").strip()
    projects = sel.project_list_for(
        request.user, q=q, tier=request.GET.get("tier", ""), status=request.GET.get("status", "")
    )
    export = maybe_export(
        request,
        headers=[
            "標案案號",
            "工程名稱",
            "主辦機關",
            "級距",
            "契約金額（元）",
            "承攬廠商",
            "監造單位",
            "決標日",
            "開工日",
            "預定完工日",
            "狀態",
        ],
        rows=lambda: (
            [
                p.tender_number,
                p.name,
                p.agency.name,
                p.tier_name,
                p.contract_amount,
                p.contractor,
                p.supervisor,
                format_roc(p.award_date),
                format_roc(p.start_date),
                format_roc(p.planned_completion),
                p.get_status_display(),
            ]
            for p in projects
        ),
        filename="工程標案",
    )
    if export:
        return export
    return render(
        request,
        "works/project_list.html",
        {
            "projects": projects[:300],
            "total": projects.count(),
            "q": q,
            "statuses": Project.Status.choices,
            "exports": EXPORT_LINKS,
            "can_create": not has_role(request.user, Role.AUDITOR),
        },
    )


def _agencies_for(user: Any) -> Any:
    qs = Agency.objects.filter(is_active=True)
    return qs if is_commission(user) else qs.filter(pk=user.agency_id)


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    allow(not has_role(request.user, Role.AUDITOR), "唯讀稽核人員不能登錄工程。")
    form = forms.ProjectForm(
        request.POST or None,
        agencies=_agencies_for(request.user),
        initial={"agency": cast(Any, request.user).agency_id},
    )
    if request.method == "POST" and form.is_valid():
        project = run_service(
            request, form, lambda: services.project_create(actor=request.user, **form.cleaned_data), "工程已登錄。"
        )
        if project:
            return redirect("works:project_detail", pk=project.pk)
    return render(request, "works/form_page.html", {"form": form, "title": "登錄工程標案", "multipart": False})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    project = get_object_or_404(sel.project_list_for(request.user), pk=pk)
    can_edit = permissions.can_edit_project(request.user, project.agency_id)
    progress_form = forms.ProgressForm(request.POST if request.POST.get("action") == "progress" else None)
    status_form = forms.StatusForm(
        request.POST if request.POST.get("action") == "status" else None,
        initial={"status": project.status, "version": project.version, "actual_completion": project.actual_completion},
    )
    if request.method == "POST":
        allow(can_edit, "您沒有權限修改此工程。")
        if request.POST.get("action") == "progress" and progress_form.is_valid():
            data = progress_form.cleaned_data
            try:
                month = parse_roc(f"{data['month']}/01")
            except ROCDateError as exc:
                progress_form.add_error("month", str(exc))
            else:
                if run_service(
                    request,
                    progress_form,
                    lambda: services.progress_file(
                        actor=request.user,
                        project=project,
                        month=month,
                        planned_pct=data["planned_pct"],
                        actual_pct=data["actual_pct"],
                    ),
                    "進度已填報。",
                ):
                    return redirect("works:project_detail", pk=pk)
        elif request.POST.get("action") == "status" and status_form.is_valid():
            data = status_form.cleaned_data
            if run_service(
                request,
                status_form,
                lambda: services.project_set_status(
                    actor=request.user,
                    project=project,
                    version=data["version"],
                    status=data["status"],
                    actual_completion=data["actual_completion"],
                ),
                "狀態已更新。",
            ):
                return redirect("works:project_detail", pk=pk)
    return render(
        request,
        "works/project_detail.html",
        {
            "project": project,
            "reports": project.progress_reports.order_by("-month")[:24],
            "inspections": project.inspections.order_by("-inspected_on"),
            "citizen_reports": project.citizen_reports.order_by("-received_at")[:20],
            "can_edit": can_edit,
            "progress_form": progress_form,
            "status_form": status_form,
            "history": history_for(project)[:30],
        },
    )


@login_required
def filing(request: HttpRequest) -> HttpResponse:
    """每月填報率 per month (and per agency for the commission) and the late list of a month."""
    require_staff(request)
    year, month = year_param(request), month_param(request)
    agency_id = None if sees_all_agencies(request.user) else cast(Any, request.user).agency_id
    months = sel.filing_rate_by_month(year=year, agency_id=agency_id)
    late = sel.late_filings_for(request.user, month=month)
    export = maybe_export(
        request,
        headers=["月份", "應填報件數", "如期填報", "逾期填報", "未填報", "填報率（%）"],
        rows=lambda: ([format_roc(r.key)[:-3], r.required, r.on_time, r.late, r.missing, r.rate] for r in months),
        filename=f"標案管理系統填報率_{year - 1911}",
    )
    if export:
        return export
    by_agency = sel.filing_rate_by_agency(year=month.year, month=month.month) if agency_id is None else []
    from yankao.core.charts import line_chart

    chart = line_chart(
        [f"{r.key.month}月" for r in months],
        {"填報率": [float(r.rate) if r.rate is not None else None for r in months]},
        title=f"{year - 1911} 年每月填報率",
        unit="%",
    )
    return render(
        request,
        "works/filing.html",
        {
            "year": year,
            "roc_year": year - 1911,
            "month": month,
            "months": months,
            "late": late,
            "by_agency": by_agency,
            "chart": chart,
            "exports": EXPORT_LINKS,
            "can_import": not has_role(request.user, Role.AUDITOR),
        },
    )


@login_required
def filing_import(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    allow(not has_role(request.user, Role.AUDITOR), "唯讀稽核人員不能匯入。")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.progress_import(actor=request.user, data=upload.read(), filename=upload.name)
        except ImportFailed as exc:
            errors = [str(e) for e in exc.errors]
    return render(
        request,
        "works/filing_import.html",
        {
            "form": form,
            "errors": errors,
            "result": result,
            "columns": services.projects.PCC_REQUIRED,
        },
    )


@login_required
def behind(request: HttpRequest) -> HttpResponse:
    """進度落後案件 of a month, with the documentary check (書面查證) for the commission."""
    require_staff(request)
    month = month_param(request)
    rows = sel.behind_schedule_for(request.user, month=month)
    export = maybe_export(
        request,
        headers=["標案案號", "工程名稱", "主辦機關", "預定進度（%）", "實際進度（%）", "差異（百分點）"],
        rows=lambda: (
            [
                r.project.tender_number,
                r.project.name,
                r.project.agency.name,
                r.report.planned_pct,
                r.report.actual_pct,
                r.gap,
            ]
            for r in rows
        ),
        filename=f"進度落後_{format_roc(month)[:-3].replace('/', '')}",
    )
    if export:
        return export
    checked = set(DocumentaryCheck.objects.filter(month=month).values_list("project_id", flat=True))
    return render(
        request,
        "works/behind.html",
        {
            "month": month,
            "rows": rows,
            "checked": checked,
            "exports": EXPORT_LINKS,
            "can_check": permissions.can_run_documentary_checks(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def check_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    year = year_param(request)
    checks = sel.documentary_check_list_for(request.user, year=year, status=request.GET.get("status", ""))
    export = maybe_export(
        request,
        headers=["查證月份", "標案案號", "工程名稱", "主辦機關", "預定（%）", "實際（%）", "落後", "函文文號", "狀態"],
        rows=lambda: (
            [
                format_roc(c.month)[:-3],
                c.project.tender_number,
                c.project.name,
                c.agency.name,
                c.planned_pct,
                c.actual_pct,
                "是" if c.behind else "否",
                c.letter_number,
                c.get_status_display(),
            ]
            for c in checks
        ),
        filename=f"書面查證_{year - 1911}",
    )
    if export:
        return export
    per_month = sel.documentary_checks_by_month(year=year) if sees_all_agencies(request.user) else []
    return render(
        request,
        "works/check_list.html",
        {
            "checks": checks[:300],
            "total": checks.count(),
            "year": year,
            "roc_year": year - 1911,
            "per_month": per_month,
            "statuses": DocumentaryCheck.Status.choices,
            "exports": EXPORT_LINKS,
        },
    )


@login_required
@require_POST
def check_new(request: HttpRequest) -> HttpResponse:
    allow(permissions.can_run_documentary_checks(request.user), "書面查證限研考會人員辦理。")
    form = forms.CheckForm(request.POST)
    if not form.is_valid():
        from django.contrib import messages

        messages.error(request, "查證資料不完整：" + "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("works:behind")
    data = form.cleaned_data
    project = get_object_or_404(Project, pk=data["project"])
    try:
        month = parse_roc(data["month"])
    except ROCDateError as exc:
        raise Http404(str(exc)) from None
    check = run_service(
        request,
        None,
        lambda: services.documentary_check_record(
            actor=request.user, project=project, month=month, checked_on=data["checked_on"], finding=data["finding"]
        ),
        "已完成書面查證。",
    )
    if check:
        return redirect("works:check_detail", pk=check.pk)
    return redirect(f"{reverse('works:behind')}?month={format_roc(month)[:-3]}")


@login_required
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    check = get_object_or_404(sel.documentary_check_list_for(request.user), pk=pk)
    action = request.POST.get("action", "")
    letter = forms.LetterForm(request.POST if action == "letter" else None)
    answer = forms.CountermeasureForm(request.POST if action == "answer" else None)
    resolve = forms.ResolveForm(request.POST if action == "resolve" else None)
    if request.method == "POST":
        calls = {
            "letter": (
                letter,
                lambda d: services.documentary_check_send_letter(actor=request.user, check=check, **d),
                "已登錄發函。",
            ),
            "answer": (
                answer,
                lambda d: services.documentary_check_answer(actor=request.user, check=check, **d),
                "已回復因應措施。",
            ),
            "resolve": (
                resolve,
                lambda d: services.documentary_check_resolve(actor=request.user, check=check, **d),
                "已解除列管。",
            ),
        }
        if action not in calls:
            raise PermissionDenied("不明的操作。")
        form, call, message = calls[action]
        if form.is_valid() and run_service(request, form, lambda: call(form.cleaned_data), message):
            return redirect("works:check_detail", pk=pk)
    return render(
        request,
        "works/check_detail.html",
        {
            "check": check,
            "letter_form": letter,
            "answer_form": answer,
            "resolve_form": resolve,
            "can_check": permissions.can_run_documentary_checks(request.user),
            "can_answer": permissions.can_answer_defects(request.user, check.agency_id),
            "history": history_for(check)[:30],
        },
    )


@login_required
def check_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The letter asking the agency for countermeasures (函請主辦機關採取因應措施), ODT/DOCX/PDF."""
    if fmt not in ("odt", "docx", "pdf"):
        raise Http404("不支援的文件格式")
    require_staff(request)
    check = get_object_or_404(sel.documentary_check_list_for(request.user), pk=pk)
    project = check.project
    doc = Document(
        title="高雄市政府研究發展考核委員會 函",
        subtitle=f"受文者：{check.agency.name}",
        blocks=[
            Paragraph(
                f"主旨：貴機關辦理之「{project.name}」（標案案號 {project.tender_number}）進度落後，"
                "請積極克服障礙並採取因應措施，以趲趕工進，請查照。"
            ),
            Paragraph(
                f"說明：一、依本府工程施工查核小組 {format_roc(check.month)[:-3]} 工程標案進度書面查證結果辦理。"
            ),
            Table(
                headers=["預定進度（%）", "實際進度（%）", "落後（百分點）", "落後門檻（百分點）"],
                rows=[[check.planned_pct, check.actual_pct, check.planned_pct - check.actual_pct, check.threshold_pct]],
            ),
            Paragraph("二、請於文到後將因應措施及趕工計畫回復本會，並於本系統「書面查證」頁面填報。"),
            Paragraph(
                f"發文字號：{check.letter_number or '（待編）'}　發文日期：{format_roc(check.letter_sent_on, long=True) or '（待定）'}"
            ),
        ],
    )
    try:
        return document_response(doc, fmt=fmt, filename=f"進度落後函_{project.tender_number}")
    except UnknownDocumentFormat:
        raise Http404("不支援的文件格式") from None
