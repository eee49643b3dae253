"""Deadline arithmetic on the government working-day calendar (辦公日曆), Asia/Taipei.

Counting rule (行政程序法 §48, 期間之計算): the day on which a period starts is not counted;
the day after it is day 1. So `add_working_days(Thursday, 1)` is Friday, and a case received on
any day, at any hour, with a 6-working-day reply window is due at the end of the 6th working
day after that day.

Dates in a year with no imported calendar fall back to Monday–Friday working, Saturday and
Sunday off (logged once per year and process), so a missing import degrades instead of failing.

Each year is read with one query and kept in-process; a change to any CalendarDay or
OfficeHours row clears this process's cache at once, and other processes notice within
`RECHECK_SECONDS` by comparing a cheap fingerprint (row count and latest `updated_at`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, TextChoices

from yankao.core.models import CalendarDay, OfficeHours

logger = logging.getLogger(__name__)

TAIPEI = ZoneInfo("Asia/Taipei")
RECHECK_SECONDS = 60.0
END_OF_DAY = dt.time(23, 59, 59)
DEFAULT_HOURS = (dt.time(8, 30), dt.time(12, 30), dt.time(13, 30), dt.time(17, 30))


class DeadlineUnit(TextChoices):
    WORKING_DAYS = "working_days", "工作天"
    WORKING_HOURS = "working_hours", "上班時數"
    CALENDAR_HOURS = "calendar_hours", "小時（全天候）"
    CALENDAR_DAYS = "calendar_days", "日曆天"


@dataclass(frozen=True)
class _Year:
    days_off: dict[dt.date, bool]  # date → is_day_off, for every row held
    imported: bool  # False when the year has no imported calendar (only declared days, or none)
    fingerprint: tuple[int, Any]


@dataclass(frozen=True)
class _Hours:
    effective_from: dt.date
    periods: tuple[tuple[dt.time, dt.time], ...]


@dataclass
class _Cache:
    years: dict[int, _Year] = field(default_factory=dict)
    hours: list[_Hours] | None = None
    hours_fingerprint: tuple[int, Any] | None = None
    checked_at: float = 0.0
    warned: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


_cache = _Cache()


def calendar_cache_clear() -> None:
    """Forget every cached year and the office hours (called when a day or hours record changes)."""
    _cache.years = {}
    _cache.hours = None
    _cache.hours_fingerprint = None


def _load_year(year: int) -> _Year:
    rows = list(CalendarDay.objects.filter(year=year).values_list("date", "is_day_off", "kind", "updated_at"))
    fingerprint = (len(rows), max((row[3] for row in rows), default=None))
    imported = any(kind != CalendarDay.Kind.DECLARED_OFF for _, _, kind, _ in rows)
    if not imported and year not in _cache.warned:
        _cache.warned.add(year)
        logger.warning("辦公日曆沒有 %s 年的資料：暫以週一至週五上班、週六日放假計算", year)
    return _Year({row[0]: row[1] for row in rows}, imported, fingerprint)


def _recheck() -> None:
    """Drop cached years that another process changed since they were loaded."""
    now = time.monotonic()
    if now - _cache.checked_at < RECHECK_SECONDS:
        return
    _cache.checked_at = now
    current = {
        row["year"]: (row["n"], row["last"])
        for row in CalendarDay.objects.values("year").annotate(n=Count("pk"), last=Max("updated_at")).order_by()
    }
    hours = OfficeHours.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    if (hours["n"], hours["last"]) != _cache.hours_fingerprint:
        _cache.hours = None
    _cache.years = {
        year: cached for year, cached in _cache.years.items() if current.get(year, (0, None)) == cached.fingerprint
    }


def _year(year: int) -> _Year:
    _recheck()
    cached = _cache.years.get(year)
    if cached is None:
        with _cache.lock:
            cached = _cache.years.get(year) or _load_year(year)
            _cache.years[year] = cached
    return cached


def is_working_day(day: dt.date) -> bool:
    """True when government offices are open on `day` (補行上班 Saturdays included)."""
    held = _year(day.year).days_off.get(day)
    if held is None:
        return day.weekday() < 5
    return not held


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start_date: dt.date, n: int) -> dt.date:
    """The n-th working day after `start_date`; the start day itself is never counted (§48).

    `n == 0` returns `start_date` unchanged; a negative `n` counts backwards.
    """
    step = dt.timedelta(days=1 if n >= 0 else -1)
    day, remaining = start_date, abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days d with a < d ≤ b, so that `add_working_days(a, n) == b` gives n; negative if b < a."""
    if b < a:
        return -working_days_between(b, a)
    return sum(1 for i in range(1, (b - a).days + 1) if is_working_day(a + dt.timedelta(days=i)))


def _load_hours() -> list[_Hours]:
    rows = list(OfficeHours.objects.order_by("effective_from"))
    _cache.hours_fingerprint = (len(rows), max((row.updated_at for row in rows), default=None))
    return [_Hours(row.effective_from, ((row.start, row.lunch_start), (row.lunch_end, row.end))) for row in rows]


def office_periods(day: dt.date) -> tuple[tuple[dt.time, dt.time], ...]:
    """The office hours in force on `day` as (from, to) periods; the earliest record covers older dates."""
    _recheck()
    if _cache.hours is None:
        _cache.hours = _load_hours()
    hours = _cache.hours
    if not hours:
        return ((DEFAULT_HOURS[0], DEFAULT_HOURS[1]), (DEFAULT_HOURS[2], DEFAULT_HOURS[3]))
    index = bisect.bisect_right([h.effective_from for h in hours], day) - 1
    return hours[max(index, 0)].periods


def _as_taipei(start: dt.datetime) -> dt.datetime:
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("start must be an aware datetime")
    return start.astimezone(TAIPEI)


def _as_timedelta(amount: float | dt.timedelta, unit: str = "hours") -> dt.timedelta:
    delta = amount if isinstance(amount, dt.timedelta) else dt.timedelta(**{unit: amount})
    if delta < dt.timedelta(0):
        raise ValueError("a deadline cannot lie before its start")
    return delta


def add_working_hours(start: dt.datetime, hours: float | dt.timedelta) -> dt.datetime:
    """`start` plus `hours` counted only inside office hours on working days (Asia/Taipei).

    A deadline that uses up a period exactly ends at its close (12:30 or 17:30), not at the
    next opening. Zero hours returns `start` (in Asia/Taipei).
    """
    remaining = _as_timedelta(hours)
    cursor = _as_taipei(start)
    while remaining:
        day = cursor.date()
        if is_working_day(day):
            for opens, closes in office_periods(day):
                period_start = max(cursor, dt.datetime.combine(day, opens, TAIPEI))
                period_end = dt.datetime.combine(day, closes, TAIPEI)
                if period_start >= period_end:
                    continue
                if remaining <= period_end - period_start:
                    return period_start + remaining
                remaining -= period_end - period_start
        cursor = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), TAIPEI)
    return cursor


def add_calendar_hours(start: dt.datetime, hours: float | dt.timedelta) -> dt.datetime:
    """`start` plus `hours` around the clock (24/7 deadlines, e.g. the 4-hour urgent dispatch)."""
    return _as_taipei(start) + _as_timedelta(hours)


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, TAIPEI)


def deadline_for(start: dt.datetime, *, amount: float, unit: str) -> dt.datetime:
    """The deadline for a rule stored as data (amount + DeadlineUnit), as an aware datetime.

    working_days: end (23:59:59) of the amount-th working day after the start date.
    calendar_days: end of the amount-th day after the start date; when that day is a day off,
    the end of the next working day (行政程序法 §48 IV).
    working_hours / calendar_hours: see add_working_hours / add_calendar_hours.
    """
    local = _as_taipei(start)
    if unit == DeadlineUnit.WORKING_HOURS:
        return add_working_hours(local, amount)
    if unit == DeadlineUnit.CALENDAR_HOURS:
        return add_calendar_hours(local, amount)
    if amount < 0 or int(amount) != amount:
        raise ValueError(f"a day count must be a whole number ≥ 0, not {amount}")
    if unit == DeadlineUnit.WORKING_DAYS:
        return _end_of(add_working_days(local.date(), int(amount)))
    if unit == DeadlineUnit.CALENDAR_DAYS:
        last = local.date() + dt.timedelta(days=int(amount))
        return _end_of(last if is_working_day(last) else next_working_day(last))
    raise ValueError(f"unknown deadline unit {unit!r}; use one of {', '.join(DeadlineUnit.values)}")
