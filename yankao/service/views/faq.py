"""常見問答: the public page (everyone) and the agencies' and commission's upkeep of it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from yankao.org.models import Agency, Role
from yankao.org.permissions import has_role, is_commission
from yankao.service import selectors
from yankao.service.forms import FaqForm
from yankao.service.models import Faq
from yankao.service.services.faq import can_edit_faq, faq_save
from yankao.service.views.common import add_errors, export, wants_export


def faq_public(request: HttpRequest) -> HttpResponse:
    faqs = selectors.faq_public_list()
    fmt = wants_export(request)
    if fmt:
        rows = ([f.question, f.answer, f.category.name if f.category else "", f.agency.name] for f in faqs)
        return export(fmt, headers=["問題", "回答", "案件類別", "權責機關"], rows=rows, filename="常見問答")
    return render(request, "service/faq.html", {"faqs": faqs})


def _editor_agencies(user: Any) -> Any:
    """Agencies whose answers `user` keeps: all for the commission, their own for a manager."""
    if is_commission(user):
        return Agency.objects.order_by("name")
    if has_role(user, Role.AGENCY_MANAGER) and user.agency_id:
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def _editor_only(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    agencies = _editor_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied("只有研考會或機關主管可以維護常見問答")
    return agencies


def _save(request: HttpRequest, form: FaqForm, faq: Faq | None) -> bool:
    if not form.is_valid():
        return False
    try:
        faq_save(actor=request.user, faq=faq, **form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return False
    messages.success(request, "已儲存常見問答。")
    return True


@require_http_methods(["GET", "POST"])
def faq_office(request: HttpRequest) -> HttpResponse:
    agencies = _editor_only(request)
    if isinstance(agencies, HttpResponse):
        return agencies
    form = FaqForm(request.POST or None, agencies=agencies)
    if request.method == "POST":
        if _save(request, form, None):
            return redirect("service:faq_office")
        status = 400
    else:
        status = 200
    faqs = selectors.faq_list_for(agencies)
    return render(request, "service/faq_office.html", {"form": form, "faqs": faqs}, status=status)


@require_http_methods(["GET", "POST"])
def faq_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agencies = _editor_only(request)
    if isinstance(agencies, HttpResponse):
        return agencies
    faq = get_object_or_404(Faq, pk=pk)
    if not can_edit_faq(request.user, faq.agency):
        raise PermissionDenied("只有研考會或權責機關的主管可以修改這則常見問答")
    initial = {
        "question": faq.question,
        "answer": faq.answer,
        "agency": faq.agency,
        "category": faq.category,
        "is_published": faq.is_published,
        "sort_order": faq.sort_order,
    }
    form = FaqForm(request.POST or None, initial=initial, agencies=agencies)
    if request.method == "POST":
        if _save(request, form, faq):
            return redirect("service:faq_office")
        return render(request, "service/faq_edit.html", {"form": form, "faq": faq}, status=400)
    return render(request, "service/faq_edit.html", {"form": form, "faq": faq})
