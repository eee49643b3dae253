"""Deadline arithmetic against the real 2024–2026 DGPA calendars loaded by the data migration."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from yankao.core import workdays
from yankao.core.calendar_import import calendar_declare_day_off
from yankao.core.models import CalendarDay, OfficeHours
from yankao.core.workdays import (
    DeadlineUnit,
    add_calendar_hours,
    add_working_days,
    add_working_hours,
    deadline_for,
    is_working_day,
    next_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db
TPE = ZoneInfo("Asia/Taipei")
D = dt.date


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=TPE)


# --- the calendar as shipped ---------------------------------------------------------------------


def test_fresh_database_holds_2024_to_2026() -> None:
    assert CalendarDay.objects.filter(year=2024).count() == 366
    assert CalendarDay.objects.filter(year=2025).count() == 365
    assert CalendarDay.objects.filter(year=2026).count() == 365
    assert CalendarDay.objects.filter(year=2024, is_day_off=False).count() == 251
    assert CalendarDay.objects.filter(year=2025, is_day_off=False).count() == 247
    assert CalendarDay.objects.filter(year=2026, is_day_off=False).count() == 245


def test_lunar_new_year_2024_is_off_from_8_to_14_february() -> None:
    days = CalendarDay.objects.filter(date__range=(D(2024, 2, 7), D(2024, 2, 15)))
    assert [(d.date.day, d.is_day_off, d.name) for d in days] == [
        (7, False, ""),
        (8, True, "小年夜"),
        (9, True, "農曆除夕"),
        (10, True, "春節"),
        (11, True, "春節"),
        (12, True, "春節"),
        (13, True, "補假"),
        (14, True, "補假"),
        (15, False, ""),
    ]


@pytest.mark.parametrize(
    ("day", "working", "kind"),
    [
        (D(2024, 2, 17), True, CalendarDay.Kind.MAKEUP_WORKDAY),  # Saturday, 補行上班
        (D(2024, 2, 18), False, CalendarDay.Kind.WEEKEND),
        (D(2024, 2, 10), False, CalendarDay.Kind.HOLIDAY),  # Saturday named 春節
        (D(2024, 5, 1), True, CalendarDay.Kind.WORKDAY),  # 勞動節 was not a civil-service day off in 2024
        (D(2026, 5, 1), False, CalendarDay.Kind.HOLIDAY),  # ... and is from 2025 on
        (D(2025, 2, 8), True, CalendarDay.Kind.MAKEUP_WORKDAY),
        (D(2025, 9, 28), False, CalendarDay.Kind.HOLIDAY),  # 孔子誕辰紀念日 (revised edition), a Sunday
        (D(2025, 9, 29), False, CalendarDay.Kind.HOLIDAY),  # 補假 for it
        (D(2025, 10, 24), False, CalendarDay.Kind.HOLIDAY),  # 補假 for 光復節
        (D(2025, 12, 25), False, CalendarDay.Kind.HOLIDAY),  # 行憲紀念日
        (D(2025, 12, 26), True, CalendarDay.Kind.WORKDAY),
        (D(2026, 2, 20), False, CalendarDay.Kind.HOLIDAY),
    ],
)
def test_is_working_day_follows_the_files(day: dt.date, working: bool, kind: str) -> None:
    assert is_working_day(day) is working
    assert CalendarDay.objects.get(date=day).kind == kind


# --- working days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 2, 7), 0, D(2024, 2, 7)),
        (D(2024, 2, 7), 1, D(2024, 2, 15)),  # the start day is not counted; 8–14 Feb are off
        (D(2024, 2, 7), 3, D(2024, 2, 17)),  # the make-up Saturday counts
        (D(2024, 2, 7), 4, D(2024, 2, 19)),
        (D(2024, 2, 5), 6, D(2024, 2, 19)),
        (D(2024, 2, 10), 1, D(2024, 2, 15)),  # starting on a day off
        (D(2025, 9, 26), 1, D(2025, 9, 30)),
        (D(2024, 12, 31), 1, D(2025, 1, 2)),  # across the year boundary and 開國紀念日
        (D(2024, 2, 15), -1, D(2024, 2, 7)),
    ],
)
def test_add_working_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n) == expected


def test_working_days_between_counts_after_a_up_to_b() -> None:
    assert working_days_between(D(2024, 2, 7), D(2024, 2, 19)) == 4
    assert working_days_between(D(2024, 2, 19), D(2024, 2, 7)) == -4
    assert working_days_between(D(2024, 2, 7), D(2024, 2, 7)) == 0
    assert working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 251


def test_next_working_day() -> None:
    assert next_working_day(D(2024, 2, 7)) == D(2024, 2, 15)
    assert next_working_day(D(2024, 2, 16)) == D(2024, 2, 17)  # Friday → the make-up Saturday
    assert next_working_day(D(2024, 2, 17)) == D(2024, 2, 19)


def test_a_declared_typhoon_day_moves_deadlines() -> None:
    """Typhoon Krathon: Kaohsiung declared 2 and 3 October 2024 off."""
    assert add_working_days(D(2024, 10, 1), 2) == D(2024, 10, 3)  # warms the cache for 2024

    calendar_declare_day_off(day=D(2024, 10, 2), reason="颱風停止上班", source="test")
    calendar_declare_day_off(day=D(2024, 10, 3), reason="颱風停止上班", source="test")

    assert is_working_day(D(2024, 10, 2)) is False
    assert add_working_days(D(2024, 10, 1), 2) == D(2024, 10, 7)
    assert working_days_between(D(2024, 10, 1), D(2024, 10, 7)) == 2


# --- fallback outside the loaded years ---------------------------------------------------------


def test_years_without_a_calendar_fall_back_to_monday_to_friday(caplog: Any) -> None:
    workdays._cache.warned.discard(2027)
    with caplog.at_level(logging.WARNING, logger="yankao.core.workdays"):
        assert is_working_day(D(2027, 1, 1)) is True  # a holiday in reality: the fallback does not know
        assert is_working_day(D(2027, 1, 2)) is False
        assert add_working_days(D(2027, 1, 1), 1) == D(2027, 1, 4)
        workdays.calendar_cache_clear()
        assert is_working_day(D(2027, 1, 5)) is True
    warnings = [r.getMessage() for r in caplog.records if "2027" in r.getMessage()]
    assert warnings == ["辦公日曆沒有 2027 年的資料：暫以週一至週五上班、週六日放假計算"]


def test_a_declared_day_in_an_unloaded_year_is_honoured_and_the_rest_falls_back() -> None:
    calendar_declare_day_off(day=D(2027, 7, 7), reason="颱風停止上班", source="test")
    assert is_working_day(D(2027, 7, 7)) is False
    assert add_working_days(D(2027, 7, 6), 1) == D(2027, 7, 8)


# --- the cache ---------------------------------------------------------------------------------


def test_a_year_is_read_with_one_query_and_then_cached(django_assert_num_queries: Any) -> None:
    is_working_day(D(2024, 1, 2))
    with django_assert_num_queries(0):
        assert working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 251
        for _ in range(100):
            add_working_days(D(2024, 2, 7), 6)
    with django_assert_num_queries(1):
        assert working_days_between(D(2024, 12, 31), D(2025, 12, 31)) == 247


def test_another_process_changing_a_day_is_noticed_at_the_next_recheck(monkeypatch: Any) -> None:
    assert is_working_day(D(2024, 6, 11)) is True
    # a change made elsewhere: no save() in this process, so only the fingerprint can tell
    CalendarDay.objects.filter(date=D(2024, 6, 11)).update(
        is_day_off=True, kind=CalendarDay.Kind.DECLARED_OFF, updated_at=at(2030, 1, 1)
    )
    assert is_working_day(D(2024, 6, 11)) is True  # still cached
    monkeypatch.setattr(workdays, "RECHECK_SECONDS", 0.0)
    assert is_working_day(D(2024, 6, 11)) is False


# --- working hours -----------------------------------------------------------------------------


def test_default_office_hours_are_seeded() -> None:
    hours = OfficeHours.objects.get()
    assert (hours.start, hours.lunch_start, hours.lunch_end, hours.end) == (
        dt.time(8, 30),
        dt.time(12, 30),
        dt.time(13, 30),
        dt.time(17, 30),
    )


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (at(2024, 12, 11, 11, 30), 2, at(2024, 12, 11, 14, 30)),  # across lunch
        (at(2024, 12, 11, 8, 30), 4, at(2024, 12, 11, 12, 30)),  # ends exactly at lunch
        (at(2024, 12, 11, 8, 30), 8, at(2024, 12, 11, 17, 30)),  # one full working day
        (at(2024, 12, 11, 12, 45), 1, at(2024, 12, 11, 14, 30)),  # starts inside lunch
        (at(2024, 12, 11, 16, 30), 2, at(2024, 12, 12, 9, 30)),  # across the evening
        (at(2024, 12, 11, 20, 0), 1, at(2024, 12, 12, 9, 30)),  # starts after hours
        (at(2024, 12, 11, 6, 0), 1, at(2024, 12, 11, 9, 30)),  # starts before hours
        (at(2024, 12, 13, 16, 0), 3, at(2024, 12, 16, 10, 0)),  # Friday → Monday
        (at(2024, 12, 14, 10, 0), 1, at(2024, 12, 16, 9, 30)),  # starts on a Saturday
        (at(2024, 2, 7, 17, 0), 1, at(2024, 2, 15, 9, 0)),  # across Lunar New Year
        (at(2024, 2, 16, 17, 0), 1, at(2024, 2, 17, 9, 0)),  # into the make-up Saturday
        (at(2024, 12, 11, 10, 0), dt.timedelta(minutes=90), at(2024, 12, 11, 11, 30)),
        (at(2024, 12, 11, 10, 0), 0, at(2024, 12, 11, 10, 0)),
    ],
)
def test_add_working_hours(start: dt.datetime, hours: float | dt.timedelta, expected: dt.datetime) -> None:
    result = add_working_hours(start, hours)
    assert result == expected
    assert result.utcoffset() == dt.timedelta(hours=8)


def test_add_working_hours_reads_any_timezone_and_refuses_naive_times() -> None:
    start = dt.datetime(2024, 12, 11, 1, 0, tzinfo=dt.UTC)  # 09:00 in Taipei
    assert add_working_hours(start, 1) == dt.datetime(2024, 12, 11, 2, 0, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="aware"):
        add_working_hours(dt.datetime(2024, 12, 11, 9, 0), 1)
    with pytest.raises(ValueError):
        add_working_hours(at(2024, 12, 11, 9), -1)


def test_new_office_hours_apply_from_their_date_and_leave_earlier_deadlines_alone() -> None:
    before = add_working_hours(at(2024, 12, 11, 16, 30), 2)
    OfficeHours.objects.create(
        name="新制",
        effective_from=D(2025, 1, 1),
        start=dt.time(8, 0),
        lunch_start=dt.time(12, 0),
        lunch_end=dt.time(13, 30),
        end=dt.time(17, 0),
    )
    assert add_working_hours(at(2024, 12, 11, 16, 30), 2) == before == at(2024, 12, 12, 9, 30)
    # 30 minutes left on 31 Dec under the old hours, 1 Jan is a holiday, then 08:00 under the new
    assert add_working_hours(at(2024, 12, 31, 17, 0), 1) == at(2025, 1, 2, 8, 30)
    assert add_working_hours(at(2025, 1, 2, 11, 30), 1) == at(2025, 1, 2, 14, 0)


def test_add_calendar_hours_runs_through_nights_and_holidays() -> None:
    assert add_calendar_hours(at(2024, 2, 9, 22, 0), 4) == at(2024, 2, 10, 2, 0)
    assert add_calendar_hours(at(2024, 2, 9, 22, 0), dt.timedelta(hours=48)) == at(2024, 2, 11, 22, 0)


# --- one entry point for rules stored as data ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (at(2024, 2, 7, 15), 6, DeadlineUnit.WORKING_DAYS, at(2024, 2, 21, 23, 59, 59)),
        (at(2024, 2, 7, 23, 50), 1, DeadlineUnit.WORKING_DAYS, at(2024, 2, 15, 23, 59, 59)),
        (at(2024, 12, 11, 9), 4, DeadlineUnit.WORKING_HOURS, at(2024, 12, 11, 14, 0)),
        (at(2024, 12, 11, 9), 4, DeadlineUnit.CALENDAR_HOURS, at(2024, 12, 11, 13, 0)),
        (at(2024, 2, 1, 10), 5, DeadlineUnit.CALENDAR_DAYS, at(2024, 2, 6, 23, 59, 59)),
        # the 7th day is 小年夜, a day off: the period ends on the next working day (§48 IV)
        (at(2024, 2, 1, 10), 7, DeadlineUnit.CALENDAR_DAYS, at(2024, 2, 15, 23, 59, 59)),
        (at(2024, 2, 1, 10), 16, DeadlineUnit.CALENDAR_DAYS, at(2024, 2, 17, 23, 59, 59)),
    ],
)
def test_deadline_for(start: dt.datetime, amount: float, unit: str, expected: dt.datetime) -> None:
    assert deadline_for(start, amount=amount, unit=unit) == expected


def test_deadline_for_refuses_unknown_units_and_part_days() -> None:
    with pytest.raises(ValueError, match="unknown deadline unit"):
        deadline_for(at(2024, 2, 1), amount=1, unit="fortnights")
    with pytest.raises(ValueError, match="whole number"):
        deadline_for(at(2024, 2, 1), amount=1.5, unit=DeadlineUnit.WORKING_DAYS)
