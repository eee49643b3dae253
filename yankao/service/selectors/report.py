"""One selector per figure of the reference report (113 年施政績效報告 伍、為民服務), for the
annual-report app. Each takes an explicit period; `year_period(113)` gives a whole ROC year.
docs/service.md lists which figure each one reproduces.
"""

from __future__ import annotations

import datetime as dt

from yankao.core.rocdate import ROC_OFFSET
from yankao.service.models import Case
from yankao.service.models.cases import Channel
from yankao.service.selectors.stats import (
    Period,
    call_counts,
    case_counts,
    cases_in,
    pct,
    per_month,
    service_counts,
)


def year_period(year: int) -> Period:
    """A whole year, ROC (113) or Gregorian (2024)."""
    year = year + ROC_OFFSET if year < 1000 else year
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def calls_total(*, period: Period) -> int:
    """話務中心電話總處理量 (113: 929,168 通)."""
    return call_counts(period).total


def calls_monthly_average(*, period: Period) -> int:
    """平均每月通數 (113: 77,431 通)."""
    return per_month(call_counts(period).total, period.months)


def calls_share_consultation_pct(*, period: Period) -> float | None:
    """諮詢類案件佔總進線處理量 (113: 32.30 %)."""
    counts = call_counts(period)
    return pct(counts.consultation, counts.total)


def calls_share_case_pct(*, period: Period) -> float | None:
    """錄案後送案件佔總進線處理量 (113: 41.06 %)."""
    counts = call_counts(period)
    return pct(counts.case, counts.total)


def calls_share_other_pct(*, period: Period) -> float | None:
    """其他類案件佔總進線處理量 (113: 26.64 %)."""
    counts = call_counts(period)
    return pct(counts.other, counts.total)


def calls_consultation_resolved_on_line_pct(*, period: Period) -> float | None:
    """諮詢類線上立即回覆率 (113: 99.94 %)."""
    counts = call_counts(period)
    return pct(counts.consultation_resolved, counts.consultation)


def calls_satisfaction_pct(*, period: Period) -> float | None:
    """服務滿意度調查平均 (113: 98.51 %)."""
    counts = call_counts(period)
    return pct(counts.satisfied, counts.surveyed)


def petitions_count(*, period: Period) -> int:
    """民眾陳情案 (113: 283,580 件)."""
    return case_counts(period).petitions


def dispatches_count(*, period: Period) -> int:
    """派工案件 (113: 123,774 件)."""
    return case_counts(period).dispatches


def dispatches_monthly_average(*, period: Period) -> int:
    """派工案件平均每月 (113: 10,315 件)."""
    return per_month(case_counts(period).dispatches, period.months)


def digital_citizen_cases(*, period: Period) -> int:
    """高雄數位市民—市政服務反映案件 (113: 6,498 件)."""
    return cases_in(period).filter(channel=Channel.DIGITAL_CITIZEN).count()


def cases_on_time_pct(*, period: Period, as_of: dt.datetime | None = None) -> float | None:
    """準時結案率: closed on time ÷ (closed + still open past the deadline) — not in the reference."""
    counts = case_counts(period, as_of=as_of)
    return pct(counts.closed_on_time, counts.closed + counts.open_past_deadline)


def sign_language_sessions(*, period: Period) -> int:
    """手語視訊服務人次 (113: 127 人次)."""
    return service_counts(period).sign_language_sessions


def legal_consultation_attendances(*, period: Period) -> int:
    """法律諮詢服務人次 (113: 9,515 人次)."""
    return service_counts(period).legal_attendances


def first_aid_services(*, period: Period) -> int:
    """簡易傷口包紮消毒處理及衛教服務 (113: 68 人次)."""
    return service_counts(period).first_aid_services


def first_aid_emergencies(*, period: Period) -> int:
    """突發狀況簡易醫療處理 (113: 2 次)."""
    return service_counts(period).first_aid_emergencies


__all__ = ["Case", "year_period"]
