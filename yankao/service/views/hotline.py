"""The centre's own records: 1999 calls, sign-language sessions, legal consultations, first aid."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yankao.service import permissions, services
from yankao.service.forms import CallForm, FirstAidForm, LegalBookingForm, SignLanguageForm
from yankao.service.models import Call, Case, FirstAidService, LegalConsultation, SignLanguageSession
from yankao.service.views.common import add_errors, export, staff_required, wants_export

centre_only = staff_required(permissions.can_read_centre_records, "此頁僅限聯合服務中心使用")


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, 50).get_page(request.GET.get("page"))


def _save(request: HttpRequest, form: Any, save: Any, done: str) -> bool:
    """Run the service for a valid form; errors go back onto the form."""
    if not permissions.can_manage_hotline(request.user):
        form.add_error(None, "唯讀帳號不能登錄紀錄。")
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return False
    messages.success(request, done)
    return True


@centre_only
def calls(request: HttpRequest) -> HttpResponse:
    """話務紀錄: log a call; the list exports (the call has no personal data)."""
    qs = Call.objects.select_related("case").order_by("-started_at", "-id")
    fmt = wants_export(request)
    if fmt:
        rows = (
            [
                c.call_id,
                c.started_at,
                c.ended_at,
                c.operator_code,
                c.get_type_display(),
                c.resolved_on_line,
                c.case.number if c.case else "",
                c.satisfied,
            ]
            for c in qs.iterator(chunk_size=5000)
        )
        headers = ["話務編號", "開始", "結束", "話務人員", "類型", "線上立即回覆", "案號", "滿意"]
        return export(fmt, headers=headers, rows=rows, filename="1999話務紀錄")
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save(data: dict[str, Any]) -> None:
            case = None
            if data["case_number"]:
                case = Case.objects.filter(number=data["case_number"].strip()).first()
                if case is None:
                    raise ValidationError({"case_number": ["找不到此案號"]})
            services.call_record(
                actor=request.user,
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                type=data["type"],
                resolved_on_line=data["resolved_on_line"],
                case=case,
                satisfied=data["satisfied"],
            )

        if _save(request, form, save, "已登錄話務紀錄。"):
            return redirect("service:calls")
    return render(request, "service/calls.html", {"form": form, "page": _page(request, qs)})


@centre_only
def sign_language(request: HttpRequest) -> HttpResponse:
    qs = SignLanguageSession.objects.order_by("-started_at")
    fmt = wants_export(request)
    if fmt:
        rows = ([s.started_at, s.ended_at, s.get_purpose_display(), s.note] for s in qs)
        return export(fmt, headers=["開始", "結束", "服務內容", "備註"], rows=rows, filename="手語視訊服務")
    form = SignLanguageForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            request, form, lambda d: services.sign_language_record(actor=request.user, **d), "已登錄手語視訊服務。"
        )
    ):
        return redirect("service:sign_language")
    return render(request, "service/sign_language.html", {"form": form, "page": _page(request, qs)})


@centre_only
def legal(request: HttpRequest) -> HttpResponse:
    """法律諮詢: book at a service point, then record attendance. Names are masked in the list."""
    qs = LegalConsultation.objects.select_related("point").order_by("-scheduled_at")
    fmt = wants_export(request)
    if fmt:
        rows = ([b.point.name, b.scheduled_at, b.topic, b.get_status_display()] for b in qs)
        return export(fmt, headers=["據點", "預約時段", "主題", "狀態"], rows=rows, filename="法律諮詢")
    form = LegalBookingForm(request.POST or None)
    booked = request.method == "POST" and form.is_valid()
    if booked and _save(request, form, lambda d: services.legal_consultation_book(actor=request.user, **d), "已預約。"):
        return redirect("service:legal")
    return render(request, "service/legal.html", {"form": form, "page": _page(request, qs)})


@centre_only
@require_POST
def legal_mark(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(LegalConsultation, pk=pk)
    if not permissions.can_manage_hotline(request.user):
        messages.error(request, "唯讀帳號不能登錄紀錄。")
        return redirect("service:legal")
    try:
        services.legal_consultation_mark(actor=request.user, booking=booking, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已更新預約狀態。")
    return redirect("service:legal")


@centre_only
def first_aid(request: HttpRequest) -> HttpResponse:
    qs = FirstAidService.objects.order_by("-served_at")
    fmt = wants_export(request)
    if fmt:
        rows = ([s.served_at, s.get_kind_display()] for s in qs)
        return export(fmt, headers=["服務時間", "類別"], rows=rows, filename="保健服務")
    form = FirstAidForm(request.POST or None)
    valid = request.method == "POST" and form.is_valid()
    if valid and _save(request, form, lambda d: services.first_aid_record(actor=request.user, **d), "已登錄保健服務。"):
        return redirect("service:first_aid")
    return render(request, "service/first_aid.html", {"form": form, "page": _page(request, qs)})
