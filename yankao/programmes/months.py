"""Month arithmetic for monthly reporting: a month is the date of its first day."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from yankao.core.workdays import is_working_day, next_working_day

_MONTH = re.compile(r"^\s*(?:民國)?\s*(\d{2,4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + (month.month - 1) + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from `first` to `last`, both included."""
    out, month = [], month_start(first)
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


def current_month() -> dt.date:
    return month_start(timezone.localdate())


def report_due_date(month: dt.date, due_day: int) -> dt.date:
    """Day `due_day` of the following month, moved to the next working day if offices are closed."""
    due = add_months(month, 1).replace(day=due_day)
    return due if is_working_day(due) else next_working_day(due)


def parse_month(text: str) -> dt.date:
    """Read 113-03, 113/3, 113年3月 (ROC) or 2024-03 (Gregorian); ValueError with a Chinese message."""
    match = _MONTH.match(str(text or ""))
    if not match:
        raise ValueError(f"「{text}」不是有效的月份，請輸入例如 113/03。")
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1000:
        year += 1911
    if not 1 <= month <= 12:
        raise ValueError(f"「{text}」的月份 {month} 不正確。")
    return dt.date(year, month, 1)


def month_slug(month: dt.date) -> str:
    """2024-03 (for URLs)."""
    return f"{month.year:04d}-{month.month:02d}"
