"""Cases of a period broken down by agency, category, district, channel or month; survey results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from yankao.core.workdays import TAIPEI
from yankao.service.models import Case, Survey
from yankao.service.models.cases import OPEN_STATUSES, CaseType, Channel, Status
from yankao.service.selectors.stats import Period, cases_in, on_time_q, pct

GROUPS = {
    "agency": ("agency__name", "權責機關"),
    "category": ("category__name", "類別"),
    "district": ("district__name", "行政區"),
    "channel": ("channel", "管道"),
    "month": ("month", "月份"),
}


@dataclass
class BreakdownRow:
    label: str
    total: int
    petitions: int
    dispatches: int
    closed: int
    on_time_pct: float | None
    satisfied_pct: float | None


def case_breakdown(period: Period, *, by: str, as_of: Any = None, agency: Any = None) -> list[BreakdownRow]:
    """Cases received in `period` grouped `by` agency / category / district / channel / month."""
    from django.utils import timezone

    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    as_of = as_of or timezone.now()
    qs = cases_in(period, agency=agency)
    key = GROUPS[by][0]
    if by == "month":
        qs = qs.annotate(month=TruncMonth("received_at", tzinfo=TAIPEI))
    rows = (
        qs.values(key)
        .annotate(
            total=Count("pk"),
            petitions=Count("pk", filter=Q(type=CaseType.PETITION)),
            dispatches=Count("pk", filter=Q(type=CaseType.DISPATCH)),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            on_time=Count("pk", filter=on_time_q()),
            open_late=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline_at__lt=as_of)),
            surveyed=Count("pk", filter=Q(satisfied__isnull=False)),
            satisfied=Count("pk", filter=Q(satisfied=True)),
        )
        .order_by(key)
    )
    labels = dict(Channel.choices)
    result = []
    for row in rows:
        raw = row[key]
        if by == "channel":
            label = labels.get(raw, raw)
        elif by == "month":
            label = f"{raw.year - 1911}/{raw.month:02d}" if raw else "—"
        else:
            label = raw or "（未分）"
        result.append(
            BreakdownRow(
                label=label,
                total=row["total"],
                petitions=row["petitions"],
                dispatches=row["dispatches"],
                closed=row["closed"],
                on_time_pct=pct(row["on_time"], row["closed"] + row["open_late"]),
                satisfied_pct=pct(row["satisfied"], row["surveyed"]),
            )
        )
    if by not in ("month", "channel"):
        result.sort(key=lambda r: -r.total)
    return result


@dataclass
class SurveyRow:
    label: str
    answered: int
    satisfied: int
    satisfied_pct: float | None
    average_score: float | None


def survey_results(period: Period, *, by: str) -> list[SurveyRow]:
    """滿意度 per agency or category, over surveys answered for cases received in `period`."""
    key = {"agency": "case__agency__name", "category": "case__category__name"}[by]
    first, after = period.bounds
    rows = (
        Survey.objects.filter(answered_at__isnull=False, case__received_at__gte=first, case__received_at__lt=after)
        .values(key)
        .annotate(answered=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)), score=Avg("score"))
        .order_by(key)
    )
    return [
        SurveyRow(
            label=row[key] or "（未分）",
            answered=row["answered"],
            satisfied=row["satisfied"],
            satisfied_pct=pct(row["satisfied"], row["answered"]),
            average_score=round(row["score"], 2) if row["score"] is not None else None,
        )
        for row in rows
    ]


__all__ = ["Case", "case_breakdown", "survey_results"]
