"""The web shell: the public citizen site, the staff back office home, record history."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from yankao.org import permissions, selectors
from yankao.portal import selectors as job_selectors


def home(request: HttpRequest) -> HttpResponse:
    """市民首頁: what a citizen can do here, open to everyone."""
    return render(request, "portal/home.html", {})


@login_required
def back_office(request: HttpRequest) -> HttpResponse:
    """機關後台首頁: staff only."""
    if not permissions.can_use_back_office(request.user):
        raise PermissionDenied("此頁僅限機關人員使用")
    return render(
        request,
        "portal/back_office.html",
        {"staff": selectors.staff_list_for(request.user)[:50]},
    )


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/my_account.html", {})


def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "portal/error.html",
        {"title": _("表單已過期"), "message": _("此表單已過期或來源不明，請重新整理頁面後再送出一次。")},
        status=403,
    )


def error_400(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(
        request, "portal/error.html", {"title": _("請求有誤"), "message": _("送出的資料格式不正確。")}, status=400
    )


def error_403(request: HttpRequest, exception: Any = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("您沒有權限檢視此頁面。")
    return render(request, "portal/error.html", {"title": _("沒有權限"), "message": message}, status=403)


def error_404(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(
        request,
        "portal/error.html",
        {"title": _("找不到頁面"), "message": _("您要找的頁面不存在或已移除。")},
        status=404,
    )


def error_500(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/error.html",
        {"title": _("系統發生錯誤"), "message": _("系統暫時無法處理您的要求，請稍後再試。")},
        status=500,
    )


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied("此頁僅限機關人員使用")
    return render(request, "portal/job_list.html", {"jobs": job_selectors.jobs_for(request.user)[:100]})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of a long job; the page refreshes itself (HTMX) until the job ends."""
    job = get_object_or_404(job_selectors.jobs_for(request.user), pk=pk)
    template = "portal/job_progress.html" if request.htmx else "portal/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
