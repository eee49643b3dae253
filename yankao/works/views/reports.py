"""全民督工: the citizen's form and own reports; the staff list, assignment, handling, closure;
engineering training."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from yankao.core.audit import history_for
from yankao.core.rocdate import format_roc, format_roc_datetime
from yankao.org.permissions import is_citizen
from yankao.works import forms, permissions, services
from yankao.works.models import CitizenReport, Inspection
from yankao.works.selectors import reports as sel

from .common import EXPORT_LINKS, allow, maybe_export, require_staff, run_service, year_param


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    """全民督工通報 from the citizen site."""
    allow(is_citizen(request.user), "全民督工通報請以市民帳號登入；機關人員請由後台登錄電話或工程會轉來的通報。")
    form = forms.CitizenReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = run_service(
            request,
            form,
            lambda: services.citizen_report_file(
                actor=request.user,
                subject=data["subject"],
                content=data["content"],
                location=data["location"],
                project_text=data["project_text"],
                photos=data["photos"],
            ),
            "已收到您的通報，我們將儘速處理。",
        )
        if report:
            return redirect("works:my_report", pk=report.pk)
    return render(request, "works/report_new.html", {"form": form})


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    allow(is_citizen(request.user), "此頁為市民查詢自己的通報。")
    return render(request, "works/my_reports.html", {"reports": sel.citizen_report_list_for(request.user)})


@login_required
def my_report(request: HttpRequest, pk: int) -> HttpResponse:
    allow(is_citizen(request.user), "此頁為市民查詢自己的通報。")
    report = get_object_or_404(sel.citizen_report_list_for(request.user), pk=pk)
    form = forms.RateForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            form,
            lambda: services.citizen_report_rate(
                actor=request.user, report=report, satisfaction=form.cleaned_data["satisfaction"]
            ),
            "謝謝您的回饋。",
        )
    ):
        return redirect("works:my_report", pk=pk)
    return render(request, "works/my_report.html", {"report": report, "form": form})


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    year = year_param(request)
    reports = sel.citizen_report_list_for(request.user, year=year, status=request.GET.get("status", ""))
    export = maybe_export(
        request,
        headers=[
            "通報編號",
            "通報時間",
            "管道",
            "主旨",
            "處理機關",
            "工程",
            "屬在建工程",
            "已辦理查核",
            "狀態",
            "結案時間",
            "滿意度",
        ],
        rows=lambda: (
            [
                r.number,
                format_roc_datetime(r.received_at),
                r.get_channel_display(),
                r.subject,
                r.agency.name if r.agency else "",
                r.project.name if r.project else r.project_text,
                {True: "是", False: "否", None: ""}[r.in_construction],
                "是" if r.inspection_id else "否",
                r.get_status_display(),
                format_roc_datetime(r.closed_at),
                r.get_satisfaction_display(),
            ]
            for r in reports
        ),
        filename=f"全民督工_{year - 1911}",
    )
    if export:
        return export
    return render(
        request,
        "works/report_list.html",
        {
            "reports": reports[:300],
            "total": reports.count(),
            "year": year,
            "roc_year": year - 1911,
            "statuses": CitizenReport.Status.choices,
            "exports": EXPORT_LINKS,
            "can_record": permissions.can_assign_reports(request.user),
        },
    )


@login_required
def report_record(request: HttpRequest) -> HttpResponse:
    """The commission records a report that came by the 1999 centre or PCC's channel."""
    allow(permissions.can_assign_reports(request.user), "僅研考會人員可登錄全民督工通報。")
    form = forms.StaffReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = run_service(
            request, form, lambda: services.citizen_report_file(actor=request.user, **data), "通報已登錄。"
        )
        if report:
            return redirect("works:report_detail", pk=report.pk)
    return render(request, "works/form_page.html", {"form": form, "title": "登錄全民督工通報", "multipart": True})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    report = get_object_or_404(sel.citizen_report_list_for(request.user), pk=pk)
    action = request.POST.get("action", "")
    post = request.POST if request.method == "POST" else None
    inspections = (
        Inspection.objects.filter(project=report.project, status="final")
        if report.project_id
        else Inspection.objects.none()
    )
    forms_by_action = {
        "assign": forms.AssignForm(post if action == "assign" else None, initial={"project": report.project_id}),
        "note": forms.NoteForm(post if action == "note" else None),
        "close": forms.CloseForm(post if action == "close" else None),
        "link": forms.LinkInspectionForm(post if action == "link" else None, inspections=inspections),
        "rate": forms.RateForm(post if action == "rate" else None),
    }
    if request.method == "POST":
        form = forms_by_action.get(action)
        if form is None:
            raise PermissionDenied("不明的操作。")
        if form.is_valid():
            d = form.cleaned_data
            calls = {
                "assign": lambda: services.citizen_report_assign(
                    actor=request.user, report=report, agency=d["agency"], project=d["project"]
                ),
                "note": lambda: services.citizen_report_note(actor=request.user, report=report, text=d["text"]),
                "close": lambda: services.citizen_report_close(actor=request.user, report=report, reply=d["reply"]),
                "link": lambda: services.citizen_report_link_inspection(
                    actor=request.user, report=report, inspection=d["inspection"]
                ),
                "rate": lambda: services.citizen_report_rate(
                    actor=request.user, report=report, satisfaction=d["satisfaction"]
                ),
            }
            if run_service(request, form, calls[action], "已更新。"):
                return redirect("works:report_detail", pk=pk)
    can_assign = permissions.can_assign_reports(request.user)
    return render(
        request,
        "works/report_detail.html",
        {
            "report": report,
            "forms": forms_by_action,
            "can_assign": can_assign,
            "can_handle": permissions.can_handle_report(request.user, report),
            "can_link": permissions.can_inspect(request.user) and report.project_id,
            "notes": report.notes.select_related("author"),
            "now": timezone.now(),
            "history": history_for(report)[:30] if can_assign else [],
        },
    )


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    year = year_param(request)
    sessions = sel.training_sessions(year=year)
    export = maybe_export(
        request,
        headers=["日期", "課程名稱", "合辦單位", "參訓人數", "時數"],
        rows=lambda: ([format_roc(s.held_on), s.title, s.co_organiser, s.attendees, s.hours] for s in sessions),
        filename=f"工程教育訓練_{year - 1911}",
    )
    if export:
        return export
    can_manage = permissions.can_manage_training(request.user)
    form = forms.TrainingForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        allow(can_manage, "僅研考會人員可登錄教育訓練。")
        if (
            form is not None
            and form.is_valid()
            and run_service(
                request,
                form,
                lambda: services.training_create(actor=request.user, **form.cleaned_data),
                "教育訓練已登錄。",
            )
        ):
            return redirect(f"{request.path}?year={year - 1911}")
    return render(
        request,
        "works/training_list.html",
        {
            "sessions": sessions,
            "year": year,
            "roc_year": year - 1911,
            "form": form,
            "exports": EXPORT_LINKS,
        },
    )
