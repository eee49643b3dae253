"""Helpers shared by the participation views: errors into forms, exports, access checks."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.org.permissions import is_staff_member

DEVICE_COOKIE = "yk_device"


def form_errors(form: Form, exc: ValidationError) -> None:
    """Put a service's Chinese messages on the form fields they name (others on the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    if fmt and fmt not in EXPORT_FORMATS:
        messages.error(request, f"不支援的匯出格式「{fmt}」，可用：{', '.join(EXPORT_FORMATS)}。")
        return None
    return fmt or None


def maybe_export(
    request: HttpRequest, *, headers: Sequence[str], rows: Callable[[], Iterable[Sequence[Any]]], filename: str
) -> HttpResponse | None:
    fmt = export_format(request)
    if fmt is None:
        return None
    return export_response(headers=headers, rows=rows(), filename=filename, fmt=fmt)


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise PermissionDenied("此頁僅限機關人員使用")
        return view(request, *args, **kwargs)

    return wrapper


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def device_id(request: HttpRequest) -> str:
    """A random per-browser id kept in a cookie (set by `remember_device`), to see bursts from one device."""
    return request.COOKIES.get(DEVICE_COOKIE, "")


def remember_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if not request.COOKIES.get(DEVICE_COOKIE):
        response.set_cookie(
            DEVICE_COOKIE, secrets.token_urlsafe(16), max_age=365 * 86400, httponly=True, samesite="Lax"
        )
    return response
