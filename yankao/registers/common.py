"""Pieces every register's views share: access checks, year parameters, exports, service errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from yankao.core.exports import EXPORT_FORMATS, export_response
from yankao.org.permissions import is_commission, is_staff_member

TWO_PLACES = Decimal("0.01")


def half_up(value: Decimal | float | int, places: Decimal = TWO_PLACES) -> Decimal:
    """Round the way Taiwanese reports do (四捨五入), not banker's rounding."""
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal:
    """part / whole as a percentage with two decimals; 0 when there is nothing to divide."""
    return half_up(Decimal(part) * 100 / whole) if whole else Decimal("0.00")


def this_year() -> int:
    return timezone.localdate().year


def year_param(request: HttpRequest, default: int | None = None) -> int:
    """?year= as a Gregorian year; accepts the ROC year (113) too; a bad value falls back to the default."""
    raw = (request.GET.get("year") or "").strip()
    fallback = default or this_year()
    if not raw.isdigit():
        return fallback
    year = int(raw)
    year = year + 1911 if year < 1000 else year
    return year if 1912 <= year <= 2200 else fallback


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in staff only: anonymous visitors go to the sign-in page, citizens get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied("此頁僅限機關人員使用")
        return view(request, *args, **kwargs)

    return wrapper


def commission_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The commission (研考會) only."""

    @wraps(view)
    @staff_view
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_commission(request.user):
            raise PermissionDenied("此功能僅限研考會人員使用")
        return view(request, *args, **kwargs)

    return wrapper


def export_format(request: HttpRequest) -> str | None:
    fmt = (request.GET.get("format") or "").lower()
    return fmt if fmt in EXPORT_FORMATS else None


def maybe_export(
    request: HttpRequest, *, headers: Sequence[str], rows: Callable[[], Iterable[Sequence[Any]]], filename: str
) -> HttpResponse | None:
    """The list as XLSX/ODS/CSV when ?format= asks for it, else None (render the page)."""
    fmt = export_format(request)
    if fmt is None:
        return None
    return export_response(headers=headers, rows=rows(), filename=filename, fmt=fmt)


def service_errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def run_service(request: HttpRequest, action: Callable[[], Any], *, success: str) -> tuple[bool, Any]:
    """Call a service; on a rule violation show its Chinese messages instead of failing."""
    try:
        result = action()
    except ValidationError as exc:
        for message in service_errors(exc):
            messages.error(request, message)
        return False, None
    messages.success(request, success)
    return True, result


def roc_year_label(year: int) -> str:
    return f"{year - 1911} 年"


def date_or_none(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
