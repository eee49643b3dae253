"""What the works views share: access checks, the year being looked at, exports, service errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.core.rocdate import ROCDateError, parse_roc
from yankao.org.permissions import is_staff_member

EXPORT_LINKS = [("xlsx", "Excel（XLSX）"), ("ods", "ODS"), ("csv", "CSV")]


def require_staff(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise PermissionDenied("此頁僅限機關人員使用")


def allow(condition: bool, message: str = "您沒有權限使用此功能。") -> None:
    if not condition:
        raise PermissionDenied(message)


def year_param(request: HttpRequest) -> int:
    """?year=113 (ROC) or 2024; default the current year. Returned as a Gregorian year."""
    text = request.GET.get("year", "").strip()
    if text.isdigit():
        year = int(text)
        year = year + 1911 if year < 1000 else year
        if 1912 <= year <= 2200:
            return year
    return timezone.localdate().year


def month_param(request: HttpRequest, default: dt.date | None = None) -> dt.date:
    """?month=113/05 → 2024-05-01; default the previous month."""
    text = request.GET.get("month", "").strip()
    if text:
        try:
            return parse_roc(f"{text}/01" if text.count("/") == 1 else text).replace(day=1)
        except ROCDateError:
            pass
    today = default or timezone.localdate()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in EXPORT_FORMATS else None


def maybe_export(
    request: HttpRequest, *, headers: Sequence[str], rows: Callable[[], Iterable[Sequence[Any]]], filename: str
) -> HttpResponse | None:
    fmt = export_format(request)
    if fmt is None:
        return None
    return export_response(headers=headers, rows=rows(), filename=filename, fmt=fmt)


def run_service(request: HttpRequest, form: Any, call: Callable[[], Any], success: str) -> Any:
    """Call a service; a ValidationError becomes the form's (or the page's) Chinese message."""
    try:
        result = call()
    except ValidationError as exc:
        for message in exc.messages:
            if form is not None:
                form.add_error(None, message)
            else:
                messages.error(request, message)
        return None
    messages.success(request, success)
    return result
