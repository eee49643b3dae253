"""One selector per figure of the reference report (113 年施政績效報告 伍、為民服務), for the
annual-report app. Each takes an explicit period; `year_period(113)` gives a whole ROC year.
docs/service.md lists which figure each one reproduces.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Count, Q

from yankao.core.rocdate import ROC_OFFSET
from yankao.core.workdays import TAIPEI
from yankao.service.models import Call, Case, FirstAidService, LegalConsultation, SignLanguageSession
from yankao.service.models.cases import CaseType, Channel
from yankao.service.selectors.stats import (
    CallCounts,
    Period,
    calls_in,
    case_counts,
    cases_in,
    pct,
    per_month,
)


def year_period(year: int) -> Period:
    """A whole year, ROC (113) or Gregorian (2024)."""
    year = year + ROC_OFFSET if year < 1000 else year
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


# --- the shared aggregate: every count the report's figures need, read once per period ------------


@dataclass(frozen=True)
class ReportCounts:
    """The counts behind the report's service figures for one period: one grouped query over the
    cases, one over the calls, one count per small table (sign language, legal, first aid)."""

    calls: CallCounts
    petitions: int
    dispatches: int
    digital_citizen: int
    sign_language_sessions: int
    legal_attendances: int
    first_aid_services: int
    first_aid_emergencies: int


_memo: contextvars.ContextVar[dict[tuple[str, Period], object] | None] = contextvars.ContextVar(
    "service_report_memo", default=None
)


@contextlib.contextmanager
def report_counts_memoised() -> Iterator[None]:
    """Within the block (one build of a report), `report_counts` and `calls_by_month` read each
    period once; outside it they always read the records. Nested blocks share the outer memo."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _memoised[T](kind: str, period: Period, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    if memo is None:
        return compute()
    if (kind, period) not in memo:
        memo[(kind, period)] = compute()
    return memo[(kind, period)]  # type: ignore[return-value]


def report_counts(*, period: Period) -> ReportCounts:
    """Every count of the report's service figures for `period` (memoised in `report_counts_memoised`)."""
    return _memoised("counts", period, lambda: _report_counts(period))


def _report_counts(period: Period) -> ReportCounts:
    calls = CallCounts()
    for kind, resolved, satisfied, n in (
        calls_in(period).values_list("type", "resolved_on_line", "satisfied").annotate(n=Count("pk")).order_by()
    ):
        calls.total += n
        calls.consultation += n if kind == Call.Type.CONSULTATION else 0
        calls.case += n if kind == Call.Type.CASE else 0
        calls.other += n if kind == Call.Type.OTHER else 0
        calls.consultation_resolved += n if kind == Call.Type.CONSULTATION and resolved is True else 0
        calls.surveyed += n if satisfied is not None else 0
        calls.satisfied += n if satisfied is True else 0
    by_type: dict[str, int] = {}
    digital_citizen = 0
    for kind, channel, n in cases_in(period).values_list("type", "channel").annotate(n=Count("pk")).order_by():
        by_type[kind] = by_type.get(kind, 0) + n
        digital_citizen += n if channel == Channel.DIGITAL_CITIZEN else 0
    first, after = period.bounds
    aid = FirstAidService.objects.filter(served_at__gte=first, served_at__lt=after).aggregate(
        services=Count("pk", filter=~Q(kind=FirstAidService.Kind.EMERGENCY)),
        emergencies=Count("pk", filter=Q(kind=FirstAidService.Kind.EMERGENCY)),
    )
    return ReportCounts(
        calls=calls,
        petitions=by_type.get(CaseType.PETITION, 0),
        dispatches=by_type.get(CaseType.DISPATCH, 0),
        digital_citizen=digital_citizen,
        sign_language_sessions=SignLanguageSession.objects.filter(started_at__gte=first, started_at__lt=after).count(),
        legal_attendances=LegalConsultation.objects.filter(
            status=LegalConsultation.Status.ATTENDED, scheduled_at__gte=first, scheduled_at__lt=after
        ).count(),
        first_aid_services=aid["services"],
        first_aid_emergencies=aid["emergencies"],
    )


def _months(period: Period) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """("2024-01", first instant, first instant after) for each month the period touches, clipped to it."""
    first, after = period.bounds
    months = []
    year, month = period.start.year, period.start.month
    for _ in range(period.months):
        start = max(first, dt.datetime(year, month, 1, tzinfo=TAIPEI))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        end = min(after, dt.datetime(year, month, 1, tzinfo=TAIPEI))
        months.append((f"{start:%Y-%m}", start, end))
    return months


def calls_by_month(*, period: Period) -> dict[str, int]:
    """話務中心每月電話處理量: {"2024-01": n, …} in Asia/Taipei months, one query for the whole period
    (a count per month by conditional aggregation; memoised in `report_counts_memoised`)."""

    def compute() -> dict[str, int]:
        months = _months(period)
        row = calls_in(period).aggregate(
            **{key: Count("pk", filter=Q(started_at__gte=start, started_at__lt=end)) for key, start, end in months}
        )
        return {key: row[key] for key, _, _ in months}

    return _memoised("calls_by_month", period, compute)


# --- one selector per figure ----------------------------------------------------------------------


def calls_total(*, period: Period) -> int:
    """話務中心電話總處理量 (113: 929,168 通)."""
    return report_counts(period=period).calls.total


def calls_monthly_average(*, period: Period) -> int:
    """平均每月通數 (113: 77,431 通)."""
    return per_month(report_counts(period=period).calls.total, period.months)


def calls_share_consultation_pct(*, period: Period) -> float | None:
    """諮詢類案件佔總進線處理量 (113: 32.30 %)."""
    counts = report_counts(period=period).calls
    return pct(counts.consultation, counts.total)


def calls_share_case_pct(*, period: Period) -> float | None:
    """錄案後送案件佔總進線處理量 (113: 41.06 %)."""
    counts = report_counts(period=period).calls
    return pct(counts.case, counts.total)


def calls_share_other_pct(*, period: Period) -> float | None:
    """其他類案件佔總進線處理量 (113: 26.64 %)."""
    counts = report_counts(period=period).calls
    return pct(counts.other, counts.total)


def calls_consultation_resolved_on_line_pct(*, period: Period) -> float | None:
    """諮詢類線上立即回覆率 (113: 99.94 %)."""
    counts = report_counts(period=period).calls
    return pct(counts.consultation_resolved, counts.consultation)


def calls_satisfaction_pct(*, period: Period) -> float | None:
    """服務滿意度調查平均 (113: 98.51 %)."""
    counts = report_counts(period=period).calls
    return pct(counts.satisfied, counts.surveyed)


def petitions_count(*, period: Period) -> int:
    """民眾陳情案 (113: 283,580 件)."""
    return report_counts(period=period).petitions


def dispatches_count(*, period: Period) -> int:
    """派工案件 (113: 123,774 件)."""
    return report_counts(period=period).dispatches


def dispatches_monthly_average(*, period: Period) -> int:
    """派工案件平均每月 (113: 10,315 件)."""
    return per_month(report_counts(period=period).dispatches, period.months)


def digital_citizen_cases(*, period: Period) -> int:
    """高雄數位市民—市政服務反映案件 (113: 6,498 件)."""
    return report_counts(period=period).digital_citizen


def cases_on_time_pct(*, period: Period, as_of: dt.datetime | None = None) -> float | None:
    """準時結案率: closed on time ÷ (closed + still open past the deadline) — not in the reference."""
    counts = case_counts(period, as_of=as_of)
    return pct(counts.closed_on_time, counts.closed + counts.open_past_deadline)


def sign_language_sessions(*, period: Period) -> int:
    """手語視訊服務人次 (113: 127 人次)."""
    return report_counts(period=period).sign_language_sessions


def legal_consultation_attendances(*, period: Period) -> int:
    """法律諮詢服務人次 (113: 9,515 人次)."""
    return report_counts(period=period).legal_attendances


def first_aid_services(*, period: Period) -> int:
    """簡易傷口包紮消毒處理及衛教服務 (113: 68 人次)."""
    return report_counts(period=period).first_aid_services


def first_aid_emergencies(*, period: Period) -> int:
    """突發狀況簡易醫療處理 (113: 2 次)."""
    return report_counts(period=period).first_aid_emergencies


__all__ = ["Case", "year_period"]
