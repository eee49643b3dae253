"""Inspections: planning, the inspector's phone form, the result, re-inspection, 丙等 follow-up,
and the agency's defect-improvement page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.audit import history_for
from yankao.core.documents import Document, Heading, Paragraph, Table, document_response
from yankao.core.rocdate import format_roc
from yankao.works import forms, permissions, services
from yankao.works.models import Defect, Inspection, Photo, Project
from yankao.works.selectors import inspections as sel
from yankao.works.selectors.projects import in_construction_during

from .common import EXPORT_LINKS, allow, maybe_export, require_staff, run_service, year_param


def _inspection_for(request: HttpRequest, pk: int) -> Inspection:
    inspection = get_object_or_404(sel.inspection_list_for(request.user), pk=pk)
    return inspection


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    year = year_param(request)
    inspections = sel.inspection_list_for(
        request.user, year=year, kind=request.GET.get("kind", ""), grade=request.GET.get("grade", "")
    )
    export = maybe_export(
        request,
        headers=["查核編號", "查核日期", "類別", "標案案號", "工程名稱", "主辦機關", "級距", "成績", "等第", "狀態"],
        rows=lambda: (
            [
                i.number,
                format_roc(i.inspected_on),
                i.get_kind_display(),
                i.project.tender_number,
                i.project.name,
                i.agency.name,
                i.project.tier_name,
                i.score,
                i.grade,
                i.get_status_display(),
            ]
            for i in inspections
        ),
        filename=f"工程施工查核_{year - 1911}",
    )
    if export:
        return export
    return render(
        request,
        "works/inspection_list.html",
        {
            "inspections": inspections[:300],
            "total": inspections.count(),
            "year": year,
            "roc_year": year - 1911,
            "exports": EXPORT_LINKS,
            "can_inspect": permissions.can_inspect(request.user),
        },
    )


@login_required
def inspection_plan(request: HttpRequest) -> HttpResponse:
    """查核選案: projects ranked by risk signals, to choose the next unannounced visits."""
    allow(permissions.can_inspect(request.user), "僅查核委員及研考會人員可使用選案。")
    today = timezone.localdate()
    candidates = sel.inspection_candidates(on=today, limit=100)
    export = maybe_export(
        request,
        headers=["排序", "標案案號", "工程名稱", "主辦機關", "級距", "風險分數", "風險因子"],
        rows=lambda: (
            [
                n,
                c.project.tender_number,
                c.project.name,
                c.project.agency.name,
                c.project.tier_name,
                c.score,
                "；".join(c.signals.values()),
            ]
            for n, c in enumerate(candidates, 1)
        ),
        filename="查核選案",
    )
    return export or render(request, "works/inspection_plan.html", {"candidates": candidates, "exports": EXPORT_LINKS})


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    allow(permissions.can_inspect(request.user), "僅查核委員及研考會人員可記錄查核。")
    today = timezone.localdate()
    projects = (
        Project.objects.filter(in_construction_during(today, today)).select_related("agency").order_by("tender_number")
    )
    form = forms.InspectionStartForm(
        request.POST or None, projects=projects, initial={"project": request.GET.get("project"), "inspected_on": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inspection = run_service(
            request,
            form,
            lambda: services.inspection_create(
                actor=request.user,
                project=data["project"],
                inspected_on=data["inspected_on"],
                unannounced=data["unannounced"],
            ),
            "已建立查核草稿。",
        )
        if inspection:
            return redirect("works:inspection_edit", pk=inspection.pk)
    return render(request, "works/form_page.html", {"form": form, "title": "新增工程施工查核", "multipart": False})


def _member_initial(inspection: Inspection) -> list[dict[str, Any]]:
    return [{"name": m.name, "role": m.role, "score": m.score} for m in inspection.members.all()]


@login_required
def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspector's form on site (phone-sized): the committee and scores, the opinion, the
    defects with photos; 'save draft' keeps working, 'finalise' computes the grade."""
    allow(permissions.can_inspect(request.user), "僅查核委員及研考會人員可記錄查核。")
    inspection = _inspection_for(request, pk)
    if inspection.status != Inspection.Status.DRAFT:
        return redirect("works:inspection_detail", pk=pk)
    action = request.POST.get("action", "")
    header = forms.InspectionForm(
        request.POST if action in ("save", "finalise") else None,
        initial={
            "inspected_on": inspection.inspected_on,
            "summary": inspection.summary,
            "version": inspection.version,
            "progress_planned_pct": inspection.progress_planned_pct,
            "progress_actual_pct": inspection.progress_actual_pct,
        },
    )
    members = forms.MemberFormSet(
        request.POST if action in ("save", "finalise") else None, initial=_member_initial(inspection), prefix="m"
    )
    defect_form = forms.DefectForm(
        request.POST if action == "defect" else None, request.FILES if action == "defect" else None, prefix="d"
    )
    if action in ("save", "finalise") and header.is_valid() and members.is_valid():
        data = header.cleaned_data
        rows = [services.MemberInput(m["name"], m["role"], m["score"]) for m in members.cleaned_data if m.get("name")]
        saved = run_service(
            request,
            header,
            lambda: services.inspection_update(
                actor=request.user,
                inspection=inspection,
                version=data["version"],
                inspected_on=data["inspected_on"],
                summary=data["summary"],
                members=rows,
                progress_planned_pct=data["progress_planned_pct"],
                progress_actual_pct=data["progress_actual_pct"],
            ),
            "草稿已儲存。",
        )
        if saved and action == "finalise":
            final = run_service(
                request,
                header,
                lambda: services.inspection_finalise(actor=request.user, inspection=saved, version=saved.version),
                "查核已定稿，已通知主辦機關。",
            )
            if final:
                return redirect("works:inspection_detail", pk=pk)
        elif saved:
            return redirect("works:inspection_edit", pk=pk)
    elif action == "defect" and defect_form.is_valid():
        data = defect_form.cleaned_data
        if run_service(
            request,
            defect_form,
            lambda: services.defect_add(
                actor=request.user,
                inspection=inspection,
                code=data["code"],
                description=data["description"],
                severity=data["severity"],
                party=data["party"] or None,
                improve_by=data["improve_by"],
                photos=data["photos"],
            ),
            "缺失已記錄。",
        ):
            return redirect(f"{request.path}#defects")
    elif action == "remove-defect":
        defect = get_object_or_404(inspection.defects, pk=request.POST.get("defect"))
        run_service(request, None, lambda: services.defect_remove(actor=request.user, defect=defect), "缺失已刪除。")
        return redirect(f"{request.path}#defects")
    return render(
        request,
        "works/inspection_edit.html",
        {
            "inspection": inspection,
            "header": header,
            "members": members,
            "defect_form": defect_form,
            "defects": inspection.defects.select_related("code").prefetch_related("photos"),
        },
    )


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    inspection = _inspection_for(request, pk)
    open_defects = inspection.defects.exclude(status__in=(Defect.Status.CLOSED, Defect.Status.ACCEPTED)).select_related(
        "code"
    )
    can_inspect = permissions.can_inspect(request.user)
    reinspect = forms.ReinspectionForm(defects=open_defects, initial={"inspected_on": timezone.localdate()})
    follow_up = forms.FollowUpForm(initial={"taken_on": timezone.localdate()})
    return render(
        request,
        "works/inspection_detail.html",
        {
            "inspection": inspection,
            "members": inspection.members.all(),
            "defects": inspection.defects.select_related("code", "closed_by").prefetch_related("photos"),
            "photos": inspection.photos.filter(defect__isnull=True),
            "can_inspect": can_inspect,
            "can_answer": permissions.can_answer_defects(request.user, inspection.agency_id),
            "reinspect_form": reinspect
            if can_inspect and open_defects and inspection.kind == "regular" and inspection.status == "final"
            else None,
            "follow_up_form": follow_up if can_inspect and inspection.needs_follow_up else None,
            "actions": inspection.actions.all(),
            "reinspections": inspection.reinspections.all(),
            "history": history_for(inspection)[:30],
        },
    )


@login_required
@require_POST
def inspection_reinspect(request: HttpRequest, pk: int) -> HttpResponse:
    allow(permissions.can_inspect(request.user), "僅查核委員及研考會人員可辦理複查。")
    inspection = _inspection_for(request, pk)
    form = forms.ReinspectionForm(request.POST, defects=inspection.defects.all())
    if form.is_valid():
        data = form.cleaned_data
        result = run_service(
            request,
            None,
            lambda: services.reinspection_record(
                actor=request.user,
                original=inspection,
                inspected_on=data["inspected_on"],
                closes=[int(x) for x in data["closes"]],
                summary=data["summary"],
            ),
            "複查已完成，所選缺失已結案。",
        )
        if result:
            return redirect("works:inspection_detail", pk=result.pk)
    else:
        from django.contrib import messages

        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("works:inspection_detail", pk=pk)


@login_required
@require_POST
def inspection_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    allow(permissions.can_inspect(request.user), "僅研考會人員可登錄丙等處置。")
    inspection = _inspection_for(request, pk)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            None,
            lambda: services.follow_up_add(actor=request.user, inspection=inspection, **form.cleaned_data),
            "處置已登錄。",
        )
    else:
        from django.contrib import messages

        messages.error(request, "處置資料不完整。")
    return redirect("works:inspection_detail", pk=pk)


@login_required
def inspection_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """查核紀錄 as a document (ODT/DOCX/PDF)."""
    if fmt not in ("odt", "docx", "pdf"):
        raise Http404("不支援的文件格式")
    require_staff(request)
    inspection = _inspection_for(request, pk)
    project = inspection.project
    doc = Document(
        title=f"工程施工查核紀錄 {inspection.number}",
        subtitle=f"{project.name}（{project.tender_number}）",
        blocks=[
            Table(
                headers=["項目", "內容"],
                rows=[
                    ["主辦機關", inspection.agency.name],
                    ["查核日期", format_roc(inspection.inspected_on)],
                    ["類別", inspection.get_kind_display()],
                    ["工程規模級距", project.tier_name],
                    ["承攬廠商", project.contractor],
                    ["監造單位", project.supervisor],
                    ["查核成績", inspection.score if inspection.score is not None else "—"],
                    ["等第", inspection.grade or "—"],
                ],
            ),
            Heading("查核委員", 2),
            Table(
                headers=["姓名", "職務", "評分"],
                rows=[[m.name, m.get_role_display(), m.score] for m in inspection.members.all()],
            ),
            Heading("查核意見", 2),
            Paragraph(inspection.summary or "—"),
            Heading("缺失及改善期限", 2),
            Table(
                headers=["代碼", "缺失說明", "責任歸屬", "扣點", "改善期限", "狀態"],
                rows=[
                    [
                        d.code.code,
                        d.description,
                        d.get_party_display(),
                        d.points,
                        format_roc(d.improve_by),
                        d.get_status_display(),
                    ]
                    for d in inspection.defects.select_related("code")
                ],
            ),
        ],
    )
    return document_response(doc, fmt=fmt, filename=f"查核紀錄_{inspection.number}")


@login_required
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A photo, for whoever may see its inspection or report."""
    item = get_object_or_404(Photo, pk=pk)
    if item.inspection_id:
        allowed = permissions.can_view_inspection(request.user, item.inspection)
    else:
        from yankao.works.selectors.reports import citizen_report_list_for

        allowed = (
            item.report_id is not None and citizen_report_list_for(request.user).filter(pk=item.report_id).exists()
        )
    if not allowed:
        raise Http404("找不到照片")
    return FileResponse(item.image.open("rb"), content_type=item.content_type)


@login_required
def defect_list(request: HttpRequest) -> HttpResponse:
    """缺失改善: the agency's open defects with deadlines, to answer one by one."""
    require_staff(request)
    status = request.GET.get("status", "pending")
    defects = sel.defect_list_for(request.user, status=status)
    export = maybe_export(
        request,
        headers=[
            "查核編號",
            "標案案號",
            "工程名稱",
            "主辦機關",
            "缺失代碼",
            "缺失說明",
            "責任歸屬",
            "扣點",
            "改善期限",
            "狀態",
        ],
        rows=lambda: (
            [
                d.inspection.number,
                d.inspection.project.tender_number,
                d.inspection.project.name,
                d.inspection.agency.name,
                d.code.code,
                d.description,
                d.get_party_display(),
                d.points,
                format_roc(d.improve_by),
                d.get_status_display(),
            ]
            for d in defects
        ),
        filename="查核缺失改善",
    )
    if export:
        return export
    return render(
        request,
        "works/defect_list.html",
        {
            "defects": defects[:300],
            "total": defects.count(),
            "status": status,
            "statuses": Defect.Status.choices,
            "today": timezone.localdate(),
            "exports": EXPORT_LINKS,
        },
    )


@login_required
def defect_answer(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request)
    defect = get_object_or_404(sel.defect_list_for(request.user), pk=pk)
    allow(permissions.can_answer_defects(request.user, defect.inspection.agency_id), "僅主辦機關可回復缺失改善情形。")
    form = forms.DefectAnswerForm(request.POST or None, initial={"reply": defect.reply})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            form,
            lambda: services.defect_answer(actor=request.user, defect=defect, reply=form.cleaned_data["reply"]),
            "改善情形已回復。",
        )
    ):
        return redirect("works:defects")
    return render(request, "works/defect_answer.html", {"defect": defect, "form": form})


@login_required
@require_POST
def defect_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """書面審查結案 of an answered defect (commission / inspectors)."""
    allow(permissions.can_inspect(request.user), "僅查核委員及研考會人員可審查改善情形。")
    defect = get_object_or_404(sel.defect_list_for(request.user), pk=pk)
    run_service(
        request, None, lambda: services.defect_accept(actor=request.user, defect=defect), "缺失已書面審查結案。"
    )
    return redirect("works:inspection_detail", pk=defect.inspection_id)
