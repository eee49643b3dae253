"""Statistics of the service centre for any period, with the reference report's rounding.

Counts are exact; monthly averages are rounded half-up to the unit (123,774 ÷ 12 = 10,314.5 →
10,315, as the report prints); percentages half-up to 2 decimals; average handling time in hours
to 2 decimals. The arithmetic (`service_figures`) is a pure function of the counts
(`service_counts`), so it can be checked against the reference's counts without a database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone

from yankao.core.rocdate import ROC_OFFSET, ROCDateError, parse_roc
from yankao.core.workdays import TAIPEI
from yankao.service.models import Call, Case, FirstAidService, LegalConsultation, SignLanguageSession
from yankao.service.models.cases import OPEN_STATUSES, CaseType, Channel, Status


@dataclass(frozen=True)
class Period:
    """A span of whole days in Asia/Taipei, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("期間的結束日早於開始日")

    @property
    def months(self) -> int:
        """Calendar months the period touches (a year is 12, a half-year 6, a month 1)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[first instant, first instant after) as aware datetimes."""
        first = dt.datetime.combine(self.start, dt.time(0), TAIPEI)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(0), TAIPEI)
        return first, after

    @property
    def label(self) -> str:
        return f"{self.start.year - ROC_OFFSET}/{self.start:%m/%d}–{self.end.year - ROC_OFFSET}/{self.end:%m/%d}"


def _year(text: str) -> int:
    year = int(text)
    return year + ROC_OFFSET if year < 1000 else year


_YEAR = re.compile(r"^(?:民國)?(\d{2,4})年?$")
_HALF = re.compile(r"^(?:民國)?(\d{2,4})年?[-/]?H([12])$", re.IGNORECASE)
_HALF_ZH = re.compile(r"^(?:民國)?(\d{2,4})年?([上下])半年$")
_MONTH = re.compile(r"^(?:民國)?(\d{2,4})[-/年](\d{1,2})月?$")


def period_parse(text: str) -> Period:
    """A year (113, 2024), a half-year (113H1, 2024-H2, 113上半年) or a month (113/03, 2024-03)."""
    raw = (text or "").strip().replace(" ", "")
    if m := _YEAR.match(raw):
        year = _year(m.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := _HALF_ZH.match(raw):
        return half_year(_year(m.group(1)), 1 if m.group(2) == "上" else 2)
    if m := _HALF.match(raw):
        return half_year(_year(m.group(1)), int(m.group(2)))
    if m := _MONTH.match(raw):
        year, month = _year(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"「{text}」的月份不正確")
        return Period(dt.date(year, month, 1), _month_end(year, month))
    raise ValueError(f"無法辨識期間「{text}」，請輸入如 113、113H1、113/03 或 2024-03")


def half_year(year: int, half: int) -> Period:
    return (
        Period(dt.date(year, 1, 1), dt.date(year, 6, 30))
        if half == 1
        else Period(dt.date(year, 7, 1), dt.date(year, 12, 31))
    )


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_between(start: str | dt.date, end: str | dt.date) -> Period:
    """From two dates, ISO or ROC (113/01/01)."""
    try:
        first = start if isinstance(start, dt.date) else parse_roc(start)
        last = end if isinstance(end, dt.date) else parse_roc(end)
    except ROCDateError as exc:
        raise ValueError(str(exc)) from None
    return Period(first, last)


# --- rounding as the report prints --------------------------------------------------------------


def pct(part: int, whole: int) -> float | None:
    """Percentage, half-up to 2 decimals; None when there is nothing to divide by."""
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def per_month(total: int, months: int) -> int:
    """Monthly average, half-up to the unit."""
    return int((Decimal(total) / Decimal(months)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def hours(total: dt.timedelta | None, n: int) -> float | None:
    if not n or total is None:
        return None
    value = Decimal(total.total_seconds()) / Decimal(3600) / Decimal(n)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- counts --------------------------------------------------------------------------------------


@dataclass
class CallCounts:
    total: int = 0
    consultation: int = 0
    case: int = 0
    other: int = 0
    consultation_resolved: int = 0
    surveyed: int = 0
    satisfied: int = 0


@dataclass
class CaseCounts:
    total: int = 0
    petitions: int = 0
    dispatches: int = 0
    consultations: int = 0
    other: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    closed: int = 0
    closed_on_time: int = 0
    open_past_deadline: int = 0
    handling_time: dt.timedelta | None = None  # summed over closed cases


@dataclass
class ServiceCounts:
    period: Period
    calls: CallCounts
    cases: CaseCounts
    sign_language_sessions: int = 0
    legal_attendances: int = 0
    first_aid_services: int = 0
    first_aid_emergencies: int = 0


def calls_in(period: Period) -> QuerySet[Call]:
    first, after = period.bounds
    return Call.objects.filter(started_at__gte=first, started_at__lt=after)


def cases_in(period: Period, *, agency: Any = None) -> QuerySet[Case]:
    first, after = period.bounds
    qs = Case.objects.filter(received_at__gte=first, received_at__lt=after)
    return qs.filter(agency=agency) if agency is not None else qs


def call_counts(period: Period) -> CallCounts:
    row = calls_in(period).aggregate(
        total=Count("pk"),
        consultation=Count("pk", filter=Q(type=Call.Type.CONSULTATION)),
        case=Count("pk", filter=Q(type=Call.Type.CASE)),
        other=Count("pk", filter=Q(type=Call.Type.OTHER)),
        consultation_resolved=Count("pk", filter=Q(type=Call.Type.CONSULTATION, resolved_on_line=True)),
        surveyed=Count("pk", filter=Q(satisfied__isnull=False)),
        satisfied=Count("pk", filter=Q(satisfied=True)),
    )
    return CallCounts(**row)


def on_time_q() -> Q:
    """Closed on time: by the deadline it was given (a case without a deadline is on time)."""
    return Q(status=Status.CLOSED) & (Q(deadline_at__isnull=True) | Q(closed_at__lte=F("deadline_at")))


def case_counts(period: Period, *, as_of: dt.datetime | None = None, agency: Any = None) -> CaseCounts:
    as_of = as_of or timezone.now()
    qs = cases_in(period, agency=agency)
    row = qs.aggregate(
        total=Count("pk"),
        petitions=Count("pk", filter=Q(type=CaseType.PETITION)),
        dispatches=Count("pk", filter=Q(type=CaseType.DISPATCH)),
        consultations=Count("pk", filter=Q(type=CaseType.CONSULTATION)),
        other=Count("pk", filter=Q(type=CaseType.OTHER)),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        closed_on_time=Count("pk", filter=on_time_q()),
        open_past_deadline=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline_at__lt=as_of)),
        handling_time=Sum(
            ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField()),
            filter=Q(status=Status.CLOSED),
        ),
    )
    by_channel = {c: 0 for c in Channel.values}
    for channel, n in qs.values_list("channel").annotate(n=Count("pk")).order_by():
        by_channel[channel] = n
    return CaseCounts(by_channel=by_channel, **row)


def service_counts(period: Period, *, as_of: dt.datetime | None = None) -> ServiceCounts:
    first, after = period.bounds
    aid = FirstAidService.objects.filter(served_at__gte=first, served_at__lt=after).aggregate(
        services=Count("pk", filter=~Q(kind=FirstAidService.Kind.EMERGENCY)),
        emergencies=Count("pk", filter=Q(kind=FirstAidService.Kind.EMERGENCY)),
    )
    return ServiceCounts(
        period=period,
        calls=call_counts(period),
        cases=case_counts(period, as_of=as_of),
        sign_language_sessions=SignLanguageSession.objects.filter(started_at__gte=first, started_at__lt=after).count(),
        legal_attendances=LegalConsultation.objects.filter(
            status=LegalConsultation.Status.ATTENDED, scheduled_at__gte=first, scheduled_at__lt=after
        ).count(),
        first_aid_services=aid["services"],
        first_aid_emergencies=aid["emergencies"],
    )


def service_figures(counts: ServiceCounts) -> dict[str, Any]:
    """The statistics JSON: keys of issue #3, the reference report's rounding."""
    calls, cases, months = counts.calls, counts.cases, counts.period.months
    return {
        "period": {"from": counts.period.start.isoformat(), "to": counts.period.end.isoformat(), "months": months},
        "calls": {
            "total": calls.total,
            "monthly_average": per_month(calls.total, months),
            "share_consultation_pct": pct(calls.consultation, calls.total),
            "share_case_pct": pct(calls.case, calls.total),
            "share_other_pct": pct(calls.other, calls.total),
            "consultation_resolved_on_line_pct": pct(calls.consultation_resolved, calls.consultation),
            "satisfaction_pct": pct(calls.satisfied, calls.surveyed),
            "surveyed": calls.surveyed,
        },
        "cases": {
            "total": cases.total,
            "petitions": cases.petitions,
            "dispatches": cases.dispatches,
            "consultations": cases.consultations,
            "other": cases.other,
            "dispatches_monthly_average": per_month(cases.dispatches, months),
            "by_channel": dict(cases.by_channel),
            "closed": cases.closed,
            "closed_on_time": cases.closed_on_time,
            "open_past_deadline": cases.open_past_deadline,
            # honest: closed on time ÷ (closed + still open past the deadline)
            "on_time_pct": pct(cases.closed_on_time, cases.closed + cases.open_past_deadline),
            "average_handling_hours": hours(cases.handling_time, cases.closed),
        },
        "sign_language": {"sessions": counts.sign_language_sessions},
        "legal_consultations": {"attendances": counts.legal_attendances},
        "first_aid": {"services": counts.first_aid_services, "emergencies": counts.first_aid_emergencies},
    }


def service_statistics(period: Period, *, as_of: dt.datetime | None = None) -> dict[str, Any]:
    """統計 JSON for `period` (see `service_figures`)."""
    return service_figures(service_counts(period, as_of=as_of))


def flatten(figures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """("calls.total", 929168), ... for CSV output."""
    rows: list[tuple[str, Any]] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, f"{name}."))
        else:
            rows.append((name, value))
    return rows
