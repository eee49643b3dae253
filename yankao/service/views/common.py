"""Helpers shared by the service views: permission gates, errors onto forms, exports."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.org.permissions import is_staff_member


def staff_required(check: Callable[[Any], bool] = is_staff_member, message: str = "此頁僅限機關人員使用") -> Any:
    """Sign-in first (anonymous → login page), then `check(user)` or 403 with a Chinese message."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def add_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form (per field when the form has that field)."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def wants_export(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in EXPORT_FORMATS else None


def export(fmt: str, *, headers: list[str], rows: Any, filename: str) -> HttpResponse:
    return export_response(headers=headers, rows=rows, filename=filename, fmt=fmt)
