"""Reads of projects, monthly filing compliance, late projects and documentary checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from yankao.org.selectors import scope_to_agency
from yankao.works.dates import filing_due_date, month_end, month_start
from yankao.works.models import DocumentaryCheck, ProgressReport, Project

from .common import gregorian, pct
from .rules import rule_in_force


def project_list_for(
    user: Any,
    *,
    q: str = "",
    agency_id: int | None = None,
    tier: str = "",
    status: str = "",
) -> QuerySet[Project]:
    qs = scope_to_agency(Project.objects.select_related("agency", "district"), user)
    if q:
        qs = qs.filter(Q(tender_number__icontains=q) | Q(name__icontains=q) | Q(contractor__icontains=q))
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if tier:
        qs = qs.filter(tier=tier)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-award_date", "tender_number")


def in_construction_during(start: dt.date, end: dt.date) -> Q:
    """Projects that had started by `end` and were not completed before `start` (must file)."""
    return Q(start_date__isnull=False, start_date__lte=end) & (
        Q(actual_completion__isnull=True) | Q(actual_completion__gte=start)
    )


def months_of(year: int) -> list[dt.date]:
    return [dt.date(gregorian(year), m, 1) for m in range(1, 13)]


@dataclass(frozen=True)
class FilingRow:
    key: Any  # the month (a date) or the agency
    required: int
    on_time: int
    late: int
    missing: int

    @property
    def rate(self) -> Decimal | None:
        """填報率: filings made by the due date over projects that had to file."""
        return pct(self.on_time, self.required)


@dataclass(frozen=True)
class _Filer:
    """A project that had to file (plain values: audited models cannot be loaded with .only())."""

    pk: int
    agency: str
    start_date: dt.date
    actual_completion: dt.date | None


@dataclass(frozen=True)
class _Filed:
    on_time: bool


def _filings(months: list[dt.date], agency_id: int | None = None) -> list[tuple[dt.date, _Filer, _Filed | None]]:
    first, last = months[0], month_end(months[-1])
    projects_qs = Project.objects.filter(in_construction_during(first, last))
    if agency_id:
        projects_qs = projects_qs.filter(agency_id=agency_id)
    projects = [
        _Filer(pk, agency, start, completion)
        for pk, agency, start, completion in projects_qs.values_list(
            "pk", "agency__name", "start_date", "actual_completion"
        )
        if start is not None
    ]
    reports = {
        (project_id, month): _Filed(timezone.localtime(filed_at).date() <= due)
        for project_id, month, filed_at, due in ProgressReport.objects.filter(
            project__in=projects_qs, month__range=(first, last)
        ).values_list("project_id", "month", "filed_at", "due_date")
    }
    rows = []
    for month in months:
        end = month_end(month)
        for p in projects:
            if p.start_date <= end and (p.actual_completion is None or p.actual_completion >= month):
                rows.append((month, p, reports.get((p.pk, month))))
    return rows


def _row(key: Any, items: list[tuple[dt.date, _Filer, _Filed | None]]) -> FilingRow:
    on_time = sum(1 for _, _, r in items if r is not None and r.on_time)
    late = sum(1 for _, _, r in items if r is not None and not r.on_time)
    return FilingRow(key, len(items), on_time, late, len(items) - on_time - late)


def filing_rate_by_month(*, year: int, agency_id: int | None = None) -> list[FilingRow]:
    """標案管理系統每月填報率 of `year` (reference 113: 100 % every month)."""
    grouped: dict[dt.date, list] = defaultdict(list)
    months = months_of(year)
    for item in _filings(months, agency_id):
        grouped[item[0]].append(item)
    return [_row(m, grouped[m]) for m in months]


def filing_rate_lowest_month(*, year: int) -> Decimal | None:
    """The lowest monthly filing rate of `year` (reference 113: 每月填報率皆為 100% → 100)."""
    rates = [row.rate for row in filing_rate_by_month(year=year) if row.rate is not None]
    return min(rates) if rates else None


def filing_rate_by_agency(*, year: int, month: int) -> list[FilingRow]:
    """One month's filing rate per agency (key = agency name)."""
    grouped: dict[str, list] = defaultdict(list)
    for item in _filings([dt.date(gregorian(year), month, 1)]):
        grouped[item[1].agency].append(item)
    return [_row(name, grouped[name]) for name in sorted(grouped)]


@dataclass(frozen=True)
class LateFiling:
    project: Project
    month: dt.date
    due_date: dt.date
    report: ProgressReport | None


def late_filings_for(user: Any, *, month: dt.date, today: dt.date | None = None) -> list[LateFiling]:
    """逾期未填報 (or filed late) for `month`, once its due date has passed, scoped to the user."""
    month = month_start(month)
    today = today or timezone.localdate()
    due = filing_due_date(month, rule_in_force(month).filing_due_day)
    projects = scope_to_agency(Project.objects.filter(in_construction_during(month, month_end(month))), user)
    reports = {r.project_id: r for r in ProgressReport.objects.filter(month=month, project__in=projects)}
    late = []
    for project in projects.select_related("agency").order_by("agency__sort_order", "tender_number"):
        report = reports.get(project.pk)
        if report is None and today > due:
            late.append(LateFiling(project, month, due, None))
        elif report is not None and not report.on_time:
            late.append(LateFiling(project, month, report.due_date, report))
    return late


def projects_due_reminder(*, on: dt.date) -> dict[int, list[Project]]:
    """Projects (by agency id) whose previous month is not yet filed, `filing_reminder_days` before the due date."""
    month = month_start(month_start(on) - dt.timedelta(days=1))
    rule = rule_in_force(month)
    due = filing_due_date(month, rule.filing_due_day)
    if (due - on).days != rule.filing_reminder_days:
        return {}
    filed = ProgressReport.objects.filter(month=month).values("project_id")
    result: dict[int, list[Project]] = defaultdict(list)
    for project in Project.objects.filter(in_construction_during(month, month_end(month))).exclude(pk__in=filed):
        result[project.agency_id].append(project)
    return dict(result)


@dataclass(frozen=True)
class BehindRow:
    project: Project
    report: ProgressReport

    @property
    def gap(self) -> float:
        return self.report.gap


def behind_schedule_for(user: Any, *, month: dt.date) -> list[BehindRow]:
    """進度落後: filings of `month` trailing plan by more than the rule's threshold, worst first."""
    month = month_start(month)
    threshold = rule_in_force(month).behind_threshold_pct
    reports = (
        ProgressReport.objects.filter(month=month, project__in=scope_to_agency(Project.objects.all(), user))
        .select_related("project", "project__agency")
        .order_by("project__tender_number")
    )
    rows = [BehindRow(r.project, r) for r in reports if (r.planned_pct - r.actual_pct) > threshold]
    return sorted(rows, key=lambda row: row.gap)


@dataclass(frozen=True)
class CheckMonth:
    month: dt.date
    checks: int
    behind: int
    letters: int
    required: int

    @property
    def meets(self) -> bool:
        return self.checks >= self.required


def documentary_checks_by_month(*, year: int) -> list[CheckMonth]:
    """書面查證 per month of `year` against the rule's monthly number (reference: ≥ 20 a month)."""
    rows = []
    for month in months_of(year):
        qs = DocumentaryCheck.objects.filter(month=month)
        rows.append(
            CheckMonth(
                month=month,
                checks=qs.count(),
                behind=qs.filter(behind=True).count(),
                letters=qs.exclude(letter_sent_on=None).count(),
                required=rule_in_force(month).documentary_checks_per_month,
            )
        )
    return rows


def documentary_check_list_for(user: Any, *, year: int | None = None, status: str = "") -> QuerySet[DocumentaryCheck]:
    qs = scope_to_agency(DocumentaryCheck.objects.select_related("project", "agency"), user)
    if year:
        qs = qs.filter(month__year=gregorian(year))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-month", "project__tender_number")
