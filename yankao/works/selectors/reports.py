"""Reads of 全民督工 reports and engineering training, with the figures the reference reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from yankao.org.permissions import is_citizen, is_staff_member
from yankao.org.selectors import scope_to_agency
from yankao.works import permissions
from yankao.works.models import CitizenReport, TrainingSession

from .common import gregorian, pct, year_bounds


def citizen_report_list_for(user: Any, *, year: int | None = None, status: str = "") -> QuerySet[CitizenReport]:
    """The commission sees every report; an agency the reports assigned to it; a citizen their own."""
    qs = CitizenReport.objects.select_related("agency", "project")
    if is_citizen(user):
        qs = qs.filter(reporter=user)
    elif permissions.can_assign_reports(user):
        pass
    elif is_staff_member(user):
        qs = scope_to_agency(qs, user)
    else:
        qs = qs.none()
    if year:
        start, end = year_bounds(gregorian(year))
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at")


@dataclass(frozen=True)
class ReportFigures:
    total: int
    closed: int
    satisfaction_answers: int
    satisfied: int
    dissatisfied: int
    in_construction: int
    inspected: int

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """滿意度 = satisfied / answers, half-up to a whole percent (13/15 → 87 %)."""
        return pct(self.satisfied, self.satisfaction_answers)

    @property
    def inspection_rate(self) -> Decimal | None:
        """查核率 = reports about projects in construction that led to an inspection (13/56 → 23 %)."""
        return pct(self.inspected, self.in_construction)


def citizen_report_figures(*, year: int) -> ReportFigures:
    """全民督工 of `year` as the reference computes them (113: 110 reports, all closed; 15 answers,
    13 satisfied → 87 %; 56 about projects in construction, 13 inspected → 23 %)."""
    start, end = year_bounds(gregorian(year))
    qs = CitizenReport.objects.filter(received_at__gte=start, received_at__lt=end)
    satisfied = Q(satisfaction=CitizenReport.Satisfaction.SATISFIED)
    dissatisfied = Q(satisfaction=CitizenReport.Satisfaction.DISSATISFIED)
    return ReportFigures(
        total=qs.count(),
        closed=qs.filter(status=CitizenReport.Status.CLOSED).count(),
        satisfaction_answers=qs.exclude(satisfaction="").count(),
        satisfied=qs.filter(satisfied).count(),
        dissatisfied=qs.filter(dissatisfied).count(),
        in_construction=qs.filter(in_construction=True).count(),
        inspected=qs.filter(in_construction=True, inspection__isnull=False).count(),
    )


def training_sessions(*, year: int) -> QuerySet[TrainingSession]:
    """工程教育訓練 of `year`, in date order (reference 113: 7 sessions)."""
    return TrainingSession.objects.filter(held_on__year=gregorian(year)).order_by("held_on")
