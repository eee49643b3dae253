"""Reads of programmes and their reports, scoped to what each user may see."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from yankao.org.models import Role
from yankao.org.permissions import has_role, is_commission, is_staff_member, sees_all_agencies
from yankao.programmes.models import MonthlyReport, Programme
from yankao.programmes.months import report_due_date

Status = MonthlyReport.Status


def scope_programmes(qs: QuerySet[Programme], user: Any) -> QuerySet[Programme]:
    """Own agency's programmes (as lead or co-operating agency) for staff, all for the commission."""
    if not is_staff_member(user):
        return qs.none()
    if sees_all_agencies(user):
        return qs
    co = Programme.co_agencies.through.objects.filter(programme_id=OuterRef("pk"), agency_id=user.agency_id)
    return qs.filter(Q(lead_agency_id=user.agency_id) | Exists(co))


def programme_list_for(
    *,
    user: Any,
    year: int | None = None,
    agency_id: int | None = None,
    level: str | None = None,
    q: str = "",
) -> QuerySet[Programme]:
    qs = Programme.objects.select_related("lead_agency", "project_manager")
    qs = scope_programmes(qs, user)
    if year:
        qs = qs.filter(year=year)
    if agency_id:
        qs = qs.filter(lead_agency_id=agency_id)
    if level:
        qs = qs.filter(control_level=level)
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(code__icontains=q.strip()))
    return qs.order_by("-year", "lead_agency__sort_order", "code")


def programme_public_list(*, year: int) -> QuerySet[Programme]:
    """市府列管 programmes of a year, for everyone (no people's names)."""
    return (
        Programme.objects.filter(year=year, control_level=Programme.Level.CITY)
        .exclude(status=Programme.Status.CANCELLED)
        .select_related("lead_agency")
        .order_by("lead_agency__sort_order", "code")
    )


def programme_years() -> list[int]:
    return list(Programme.objects.order_by("-year").values_list("year", flat=True).distinct())


def programmes_in_month(month: dt.date) -> QuerySet[Programme]:
    """Programmes that owe a report for `month`: controlled that year, period covering the month."""
    last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return Programme.objects.filter(year=month.year - 1911, start_date__lte=last_day, end_date__gte=month).exclude(
        status=Programme.Status.CANCELLED
    )


def counted_reports(month: dt.date) -> QuerySet[MonthlyReport]:
    return MonthlyReport.objects.filter(month=month, status__in=MonthlyReport.COUNTED).order_by()


def missing_programmes(*, month: dt.date, today: dt.date) -> list[Programme]:
    """Programmes with no submitted report for `month` whose deadline passed before `today`."""
    counted = counted_reports(month).filter(programme_id=OuterRef("pk"))
    candidates = programmes_in_month(month).exclude(Exists(counted)).select_related("project_manager")
    return [p for p in candidates if today > report_due_date(month, p.report_due_day)]


def report_history(programme: Programme) -> QuerySet[MonthlyReport]:
    return programme.reports.select_related("delay_reason", "filed_by", "approved_by", "reviewed_by").order_by("-month")


def my_programmes(*, user: Any, month: dt.date) -> list[dict[str, Any]]:
    """我的列管計畫: the programmes a project manager files for, with what is due for `month`."""
    if not is_staff_member(user):
        return []
    qs = Programme.objects.filter(year=month.year - 1911).exclude(status=Programme.Status.CANCELLED)
    if has_role(user, Role.PROJECT_MANAGER):
        qs = qs.filter(Q(project_manager=user) | Q(lead_agency_id=user.agency_id))
    else:
        qs = qs.filter(project_manager=user)
    reports = {r.programme_id: r for r in MonthlyReport.objects.filter(month=month, programme__in=qs)}
    rows = []
    for programme in qs.select_related("lead_agency").order_by("code"):
        report = reports.get(programme.pk)
        rows.append(
            {
                "programme": programme,
                "report": report,
                "due_date": report_due_date(month, programme.report_due_day),
                "to_do": report is None or report.status in (Status.DRAFT, Status.RETURNED),
            }
        )
    return rows


def report_queue_for(*, user: Any) -> QuerySet[MonthlyReport]:
    """What waits for this user: the commission reviews submitted reports; an agency manager
    approves pending ones of the agency; a project manager finishes drafts and returned ones."""
    qs = MonthlyReport.objects.select_related("programme", "programme__lead_agency", "delay_reason")
    if not is_staff_member(user):
        return qs.none()
    if is_commission(user):
        return qs.filter(status=Status.SUBMITTED).order_by("month", "programme__code")
    if has_role(user, Role.AGENCY_MANAGER):
        return qs.filter(status=Status.PENDING, programme__lead_agency_id=user.agency_id).order_by("month")
    mine = Q(programme__project_manager=user)
    if has_role(user, Role.PROJECT_MANAGER):
        mine |= Q(programme__lead_agency_id=user.agency_id)
    return qs.filter(mine, status__in=(Status.DRAFT, Status.RETURNED)).order_by("month")


def programme_public_progress(*, source_reference: str) -> dict[str, Any] | None:
    """The public progress of the programme another record became (e.g. an adopted e-proposal,
    `source_reference="participation.proposal:42"`): the newest such programme, with its latest
    counted monthly report. No people's names — safe for public pages."""
    programme = (
        Programme.objects.filter(source_reference=source_reference)
        .exclude(status=Programme.Status.CANCELLED)
        .select_related("lead_agency")
        .order_by("-year", "-pk")
        .first()
    )
    if programme is None:
        return None
    report = programme.reports.filter(status__in=MonthlyReport.COUNTED).order_by("-month").first()
    return {
        "code": programme.code,
        "name": programme.name,
        "year": programme.year,
        "lead_agency": programme.lead_agency.name,
        "status": programme.get_status_display(),
        "start_date": programme.start_date,
        "end_date": programme.end_date,
        "month": report.month_label if report else None,
        "planned_pct": report.planned_pct if report else None,
        "actual_pct": report.actual_pct if report else None,
        "delay_level": report.get_delay_level_display() if report else None,
    }
