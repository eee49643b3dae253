"""The back office: the agency inbox, the centre's cross-agency view, the overdue list, the case page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yankao.core.audit import history_for
from yankao.core.documents import Document, Heading, Paragraph, Table, document_response
from yankao.core.rocdate import format_roc_datetime
from yankao.core.workdays import TAIPEI
from yankao.org.models import Role, User
from yankao.org.permissions import has_role
from yankao.service import permissions, selectors, services
from yankao.service.forms import (
    AssignForm,
    DuplicateForm,
    ExtensionForm,
    InboxFilterForm,
    IntakeForm,
    NoteForm,
    ReasonForm,
    ReplyForm,
    TransferForm,
)
from yankao.service.maps import case_map_svg
from yankao.service.models import Case, DeadlineExtension
from yankao.service.views.common import add_errors, export, staff_required, wants_export

PAGE_SIZE = 50
EXPORT_HEADERS = [
    "案號",
    "受理時間",
    "管道",
    "類型",
    "類別",
    "行政區",
    "權責機關",
    "狀態",
    "處理期限",
    "結案時間",
    "逾期",
]


def _export_rows(qs: Any) -> Any:
    """No personal data in exports: no names, phones, emails, addresses or descriptions."""
    for case in qs.iterator(chunk_size=2000):
        yield [
            case.number,
            case.received_at,
            case.get_channel_display(),
            case.get_type_display(),
            case.category.name,
            case.district.name if case.district else "",
            case.agency.name if case.agency else "",
            case.get_status_display(),
            case.deadline_at,
            case.closed_at,
            "是" if case.is_open and case.deadline_at and case.deadline_at < dt.datetime.now(TAIPEI) else "",
        ]


def _filters(form: InboxFilterForm) -> selectors.InboxFilter:
    if not form.is_valid():
        return selectors.InboxFilter()
    data = form.cleaned_data
    return selectors.InboxFilter(
        status=data["status"] or "",
        category=data["category"].pk if data["category"] else None,
        district=data["district"].pk if data["district"] else None,
        channel=data["channel"] or "",
        overdue=bool(data["overdue"]),
        q=data["q"] or "",
        sort=data["sort"] or "received",
    )


def _list_page(request: HttpRequest, *, qs: Any, template: str, title: str, extra: dict[str, Any]) -> HttpResponse:
    fmt = wants_export(request)
    if fmt:
        return export(fmt, headers=EXPORT_HEADERS, rows=_export_rows(qs), filename=title)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "title": title, "query": query.urlencode(), "now_dt": timezone.now(), **extra}
    return render(request, template, context)


@staff_required()
def inbox(request: HttpRequest) -> HttpResponse:
    """機關收件匣: the agency's cases (the centre sees all), filtered and sorted; bulk assign to an officer."""
    form = InboxFilterForm(request.GET or None)
    qs = selectors.case_inbox(user=request.user, filters=_filters(form))
    officers = User.objects.none()
    if has_role(request.user, Role.AGENCY_MANAGER):
        officers = User.objects.filter(agency_id=request.user.agency_id, is_active=True)  # type: ignore[union-attr,misc]
    return _list_page(
        request,
        qs=qs,
        template="service/inbox.html",
        title="機關收件匣",
        extra={"form": form, "officers": officers},
    )


@staff_required(permissions.can_read_centre_records, "此頁僅限聯合服務中心使用")
def centre(request: HttpRequest) -> HttpResponse:
    """聯合服務中心: every agency's cases; waiting cases first; bulk assign to an agency."""
    form = InboxFilterForm(request.GET or None)
    filters = _filters(form)
    if not request.GET:
        filters.status = "received"
    qs = selectors.case_inbox(user=request.user, filters=filters)
    return _list_page(
        request,
        qs=qs,
        template="service/centre.html",
        title="聯合服務中心案件",
        extra={"form": form, "assign": AssignForm()},
    )


@staff_required()
def overdue(request: HttpRequest) -> HttpResponse:
    """逾期案件: open cases past their deadline, the most overdue first."""
    return _list_page(
        request,
        qs=selectors.overdue_cases_for(user=request.user),
        template="service/overdue.html",
        title="逾期案件",
        extra={},
    )


@staff_required()
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """批次分案 (centre → agency) or 批次指派 (manager → officer)."""
    numbers = request.POST.getlist("cases")
    cases = list(selectors.case_list_for(user=request.user).filter(number__in=numbers))
    back = request.POST.get("next") or "service:inbox"
    if not cases:
        messages.error(request, "請先勾選案件。")
        return redirect(back if back.startswith("service:") else "service:inbox")
    try:
        if request.POST.get("agency"):
            form = AssignForm(request.POST)
            if not form.is_valid():
                raise ValidationError("請選擇分送機關")
            n = services.cases_bulk_assign(actor=request.user, cases=cases, agency=form.cleaned_data["agency"])
        else:
            officer = User.objects.filter(pk=request.POST.get("officer") or 0, kind="staff").first()
            if officer is None:
                raise ValidationError("請選擇承辦人")
            n = services.cases_bulk_assign(actor=request.user, cases=cases, officer=officer)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已分派 {n} 件案件。")
    return redirect(back if back.startswith("service:") else "service:inbox")


def _case_for(request: HttpRequest, number: str) -> Case:
    case = selectors.case_list_for(user=request.user).filter(number=number).first()
    if case is None:
        raise Http404("找不到此案件")
    return case


@staff_required()
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    """案件頁: the case, its timeline and history, its map, and the actions the person may take."""
    case = _case_for(request, number)
    can_handle = permissions.can_handle_case(request.user, case)
    version = {"version": case.version}
    context = {
        "case": case,
        "now_dt": timezone.now(),
        "timeline": selectors.case_timeline(case),
        "history": history_for(case)[:100],
        "map": case_map_svg(district=case.district, lat=case.lat, lng=case.lng) if case.district else None,
        "can_handle": can_handle,
        "can_assign": permissions.can_assign_case(request.user),
        "can_decide": permissions.can_decide_extension(request.user, case),
        "pending_extension": case.extensions.filter(decision=DeadlineExtension.Decision.PENDING).first(),
        "duplicates": selectors.duplicate_candidates(case=case, user=request.user)
        if case.is_open and can_handle
        else [],
        "forms": {
            "note": NoteForm(initial=version),
            "reply": ReplyForm(initial={**version, "text": case.reply_text}),
            "reason": ReasonForm(initial=version),
            "transfer": TransferForm(initial=version),
            "assign": AssignForm(initial=version),
            "duplicate": DuplicateForm(initial=version),
            "extension": ExtensionForm(initial=version),
        },
    }
    return render(request, "service/case_detail.html", context)


ACTIONS = {
    "accept": (NoteForm, lambda case, user, data, v: services.case_accept(actor=user, case=case, expected_version=v)),
    "start": (
        NoteForm,
        lambda case, user, data, v: services.case_start(actor=user, case=case, note=data["note"], expected_version=v),
    ),
    "reply": (
        ReplyForm,
        lambda case, user, data, v: services.case_reply(actor=user, case=case, text=data["text"], expected_version=v),
    ),
    "close": (
        NoteForm,
        lambda case, user, data, v: services.case_close(actor=user, case=case, note=data["note"], expected_version=v),
    ),
    "reopen": (
        ReasonForm,
        lambda case, user, data, v: services.case_reopen(
            actor=user, case=case, reason=data["reason"], expected_version=v
        ),
    ),
    "transfer": (
        TransferForm,
        lambda case, user, data, v: services.case_transfer(
            actor=user, case=case, reason=data["reason"], to_agency=data["to_agency"], expected_version=v
        ),
    ),
    "assign": (
        AssignForm,
        lambda case, user, data, v: services.case_assign(
            actor=user, case=case, agency=data["agency"], expected_version=v
        ),
    ),
    "duplicate": (DuplicateForm, None),
    "extend": (ExtensionForm, None),
}


@staff_required()
@require_POST
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """One workflow step from the case page; a refused step changes nothing and says why."""
    case = _case_for(request, number)
    if action not in ACTIONS:
        raise Http404
    form_class, run = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("service:case_detail", number=number)
    data, version = form.cleaned_data, form.cleaned_data.get("version")
    try:
        if action == "duplicate":
            original = selectors.case_list_for(user=request.user).filter(number=data["original"].strip()).first()
            if original is None:
                raise ValidationError("找不到原案案號")
            services.case_mark_duplicate(actor=request.user, case=case, original=original, expected_version=version)
        elif action == "extend":
            until = dt.datetime.combine(data["until"], dt.time(23, 59, 59), TAIPEI)
            services.case_request_extension(
                actor=request.user, case=case, until=until, reason=data["reason"], expected_version=version
            )
        else:
            run(case, request.user, data, version)  # type: ignore[misc]
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已儲存。")
    return redirect("service:case_detail", number=number)


@staff_required()
@require_POST
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(DeadlineExtension.objects.select_related("case"), pk=pk)
    if not permissions.can_view_case(request.user, extension.case):
        raise Http404
    try:
        services.extension_decide(actor=request.user, extension=extension, approve=request.POST.get("approve") == "1")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已核定展延申請。")
    return redirect("service:case_detail", number=extension.case.number)


@staff_required(permissions.is_service_centre, "只有聯合服務中心可以登錄案件")
def intake(request: HttpRequest) -> HttpResponse:
    """登錄案件: the centre records a case from the phone, counter, letter, fax or LINE video."""
    form = IntakeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                actor=request.user,
                channel=data["channel"],
                category=data["category"],
                type=data["type"],
                difficulty=data["difficulty"],
                description=data["description"],
                address=data["address"],
                lat=data["lat"],
                lng=data["lng"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                reply_channel=data["reply_channel"],
                may_contact=data["may_contact"],
                attachments=data["photos"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"已登錄案件 {case.number}（查詢碼 {case.verification_code}）。")
            return redirect("service:case_detail", number=case.number)
    return render(request, "service/intake.html", {"form": form})


@staff_required()
def attachment(request: HttpRequest, number: str, pk: int) -> Any:
    """A case's photo or document, for staff who may see the case (never public)."""
    from django.http import FileResponse

    case = _case_for(request, number)
    found = get_object_or_404(case.attachments.all(), pk=pk)
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required()
def case_document(request: HttpRequest, number: str, fmt: str) -> HttpResponse:
    """陳情案件處理單 as ODT / DOCX / PDF; the citizen's personal data is left out."""
    case = _case_for(request, number)
    if fmt not in ("odt", "docx", "pdf"):
        raise Http404
    doc = Document(
        title=f"陳情案件處理單 {case.number}",
        subtitle=f"{case.get_type_display()}・{case.category.name}",
        blocks=[
            Table(
                headers=["項目", "內容"],
                rows=[
                    ["案號", case.number],
                    ["受理時間", format_roc_datetime(case.received_at)],
                    ["管道", case.get_channel_display()],
                    ["類別", case.category.name],
                    ["行政區", case.district.name if case.district else ""],
                    ["權責機關", case.agency.name if case.agency else "（待分案）"],
                    ["狀態", case.get_status_display()],
                    ["處理期限", format_roc_datetime(case.deadline_at)],
                    ["結案時間", format_roc_datetime(case.closed_at)],
                ],
            ),
            Heading("陳情內容", 2),
            Paragraph(case.description),
            Heading("回覆內容", 2),
            Paragraph(case.reply_text or "（尚未回覆）"),
            Heading("處理歷程", 2),
            Table(
                headers=["時間", "步驟", "執行者", "說明"],
                rows=[
                    [format_roc_datetime(i["at"]), i["label"], i["actor"], i["note"]]
                    for i in selectors.case_timeline(case)
                ],
            ),
        ],
    )
    return document_response(doc, fmt=fmt, filename=f"陳情案件處理單-{case.number}")
