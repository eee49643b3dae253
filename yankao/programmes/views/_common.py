"""What every view of the app shares: who may open the back office, month and year parameters,
turning a service's ValidationError into messages, and the export branch of list views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.org.permissions import is_staff_member, sees_all_agencies
from yankao.programmes.months import add_months, current_month, parse_month
from yankao.programmes.permissions import can_manage_programmes


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only (citizens get 403, anonymous visitors the sign-in page)."""

    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise PermissionDenied("此頁僅限機關人員使用")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def month_param(request: HttpRequest, default: dt.date | None = None) -> dt.date:
    raw = request.GET.get("month", "")
    if not raw:
        return default or add_months(current_month(), -1)
    try:
        return parse_month(raw)
    except ValueError:
        raise Http404("月份格式不正確") from None


def month_from_slug(slug: str) -> dt.date:
    try:
        return parse_month(slug)
    except ValueError:
        raise Http404("月份格式不正確") from None


def int_param(request: HttpRequest, name: str, default: int | None = None) -> int | None:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise Http404(f"{name} 參數不正確") from None


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def wants_export(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    if not fmt:
        return None
    if fmt not in EXPORT_FORMATS:
        raise Http404("不支援的匯出格式")
    return fmt


def export(
    fmt: str, *, headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str, title: str = ""
) -> HttpResponse:
    return export_response(headers=headers, rows=rows, filename=filename, fmt=fmt, title=title)


def commission_only(request: HttpRequest, message: str) -> None:
    """The commission's writes: anyone else gets 403 with `message`."""
    if not can_manage_programmes(request.user):
        raise PermissionDenied(message)


def service_errors_on(form: Any, exc: ValidationError) -> None:
    """A service's Chinese messages on the form's error summary (they name no field)."""
    for message in exc.messages:
        form.add_error(None, message)


def agency_filter(user: Any, field: str = "agency") -> Q:
    """Own agency's rows for agency staff, every row for the commission."""
    return Q() if sees_all_agencies(user) else Q(**{f"{field}_id": user.agency_id})
