"""Small helpers shared by the participation services."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from yankao.core.workdays import is_working_day, next_working_day


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def local_date(moment: dt.datetime) -> dt.date:
    """The Asia/Taipei calendar date of an aware moment."""
    return timezone.localtime(moment).date()


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` under the site key, separated by purpose (identity, ip, device, code)."""
    key = getattr(settings, "YANKAO_IDENTITY_KEY", "") or settings.SECRET_KEY
    return hmac.new(key.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (1/31 + 1 month → 2/29 or 2/28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date_in_months(start: dt.date, months: int) -> dt.date:
    """A deadline `months` after `start`; when it falls on a day off, the next working day (行政程序法 §48 IV)."""
    due = add_months(start, months)
    return due if is_working_day(due) else next_working_day(due)


def deny(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
