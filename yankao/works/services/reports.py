"""Writes of 全民督工 (citizens' reports about construction sites) and engineering training."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.notify import notify
from yankao.core.workdays import DeadlineUnit, deadline_for
from yankao.org.models import Agency
from yankao.org.permissions import is_citizen
from yankao.works import permissions
from yankao.works.models import CitizenReport, Inspection, Photo, Project, ReportNote, TrainingSession
from yankao.works.selectors.rules import rule_in_force

from .common import check_image, next_number, require


def was_in_construction(project: Project, day: dt.date) -> bool:
    """在建工程 on `day`: started, and not yet completed (a stopped project is still in construction)."""
    if project.start_date is None or project.start_date > day:
        return False
    return project.actual_completion is None or project.actual_completion >= day


def citizen_report_file(
    *,
    actor: Any,
    subject: str,
    content: str,
    channel: str = CitizenReport.Channel.WEB,
    location: str = "",
    project: Project | None = None,
    project_text: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    service_case_number: str = "",
    received_at: dt.datetime | None = None,
    photos: Sequence[Any] = (),
) -> CitizenReport:
    """全民督工通報: from a signed-in citizen (the citizen site), or recorded by the commission
    for a report that came by the 1999 centre (with its service case number) or PCC's channel."""
    require(permissions.can_file_report(actor), "請先以市民帳號登入後再通報。")
    citizen = is_citizen(actor)
    if citizen and channel != CitizenReport.Channel.WEB:
        raise ValidationError("市民僅能由市民網站通報。")
    if channel not in CitizenReport.Channel.values:
        raise ValidationError("通報管道不正確。")
    errors = []
    if not subject.strip():
        errors.append("請填寫主旨。")
    if not content.strip():
        errors.append("請說明通報內容。")
    if channel == CitizenReport.Channel.HOTLINE and not service_case_number.strip():
        errors.append("1999 轉來的通報須填 1999 案件編號。")
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        errors.append("通報時間不得晚於現在。")
    if errors:
        raise ValidationError(errors)
    types = [check_image(photo) for photo in photos]
    year = timezone.localtime(received_at).year - 1911
    with transaction.atomic():
        report = CitizenReport.objects.create(
            number=next_number(CitizenReport, prefix=f"{year}-W"),
            channel=channel,
            received_at=received_at,
            reporter=actor if citizen else None,
            reporter_name=(actor.display_name or actor.username) if citizen else reporter_name.strip(),
            reporter_phone=reporter_phone.strip() or (actor.phone if citizen else ""),
            reporter_email=(actor.email if citizen else reporter_email.strip()),
            service_case_number=service_case_number.strip(),
            project=project,
            project_text=project_text.strip(),
            subject=subject.strip(),
            content=content.strip(),
            location=location.strip(),
        )
        for photo, content_type in zip(photos, types, strict=True):
            Photo.objects.create(report=report, image=photo, content_type=content_type)
    return report


def citizen_report_assign(
    *, actor: Any, report: CitizenReport, agency: Agency, project: Project | None = None, at: dt.datetime | None = None
) -> CitizenReport:
    """Send the report to the agency in charge, with a deadline in working days (rule data)."""
    require(permissions.can_assign_reports(actor), "僅研考會人員可分派全民督工通報。")
    if report.status == CitizenReport.Status.CLOSED:
        raise ValidationError("已結案的通報不能再分派。")
    project = project or report.project
    if project is not None and project.agency_id != agency.pk:
        raise ValidationError(f"工程「{project.name}」的主辦機關是 {project.agency}，請分派給該機關。")
    at = at or timezone.now()
    if at < report.received_at:
        raise ValidationError("分派時間不得早於通報時間。")
    days = rule_in_force(timezone.localtime(at).date()).report_handling_working_days
    report.agency, report.project, report.assigned_at = agency, project, at
    report.due_at = deadline_for(at, amount=days, unit=DeadlineUnit.WORKING_DAYS)
    report.in_construction = project is not None and was_in_construction(
        project, timezone.localtime(report.received_at).date()
    )
    report.status = CitizenReport.Status.ASSIGNED
    report.save()
    return report


def citizen_report_note(*, actor: Any, report: CitizenReport, text: str) -> ReportNote:
    require(permissions.can_handle_report(actor, report), "您沒有權限處理此通報。")
    if not text.strip():
        raise ValidationError("請填寫處理情形。")
    return ReportNote.objects.create(report=report, author=actor, text=text.strip())


def citizen_report_link_inspection(*, actor: Any, report: CitizenReport, inspection: Inspection) -> CitizenReport:
    """Record that the report led to an inspection of its project (通報案辦理查核)."""
    require(permissions.can_inspect(actor), "僅研考會人員可登錄查核結果。")
    if report.project_id is None or inspection.project_id != report.project_id:
        raise ValidationError("查核的工程與通報的工程不同。")
    if inspection.inspected_on < timezone.localtime(report.received_at).date():
        raise ValidationError("查核日期早於通報日期，不能算是通報後辦理的查核。")
    report.inspection = inspection
    report.save()
    return report


def citizen_report_close(
    *, actor: Any, report: CitizenReport, reply: str, at: dt.datetime | None = None
) -> CitizenReport:
    """結案並回報通報人."""
    require(permissions.can_handle_report(actor, report), "您沒有權限處理此通報。")
    if report.status != CitizenReport.Status.ASSIGNED:
        raise ValidationError("通報須先分派機關，且尚未結案，才能結案。")
    if not reply.strip():
        raise ValidationError("請填寫回復通報人的內容。")
    at = at or timezone.now()
    if report.assigned_at and at < report.assigned_at:
        raise ValidationError("結案時間不得早於分派時間。")
    report.reply, report.closed_at, report.status = reply.strip(), at, CitizenReport.Status.CLOSED
    report.save()
    notify(channel="email", to=report.reporter_email, subject=f"全民督工通報 {report.number} 處理結果", message=reply)
    return report


def citizen_report_rate(
    *, actor: Any, report: CitizenReport, satisfaction: str, at: dt.datetime | None = None
) -> CitizenReport:
    """The reporter's satisfaction (滿意度): by the reporter on the site, or recorded by the
    commission for a reporter reached by phone. Once only."""
    allowed = permissions.can_answer_satisfaction(actor, report) or permissions.can_assign_reports(actor)
    require(allowed, "僅通報人本人可填寫滿意度。")
    if report.status != CitizenReport.Status.CLOSED:
        raise ValidationError("通報結案後才能填寫滿意度。")
    if report.satisfaction:
        raise ValidationError("此通報已填寫過滿意度。")
    if satisfaction not in CitizenReport.Satisfaction.values:
        raise ValidationError("請選擇滿意或不滿意。")
    report.satisfaction, report.satisfaction_at = satisfaction, at or timezone.now()
    report.save()
    return report


def training_create(
    *,
    actor: Any,
    held_on: dt.date,
    title: str,
    co_organiser: str = "",
    attendees: int | None = None,
    hours: Any = None,
    note: str = "",
) -> TrainingSession:
    """工程教育訓練 session."""
    require(permissions.can_manage_training(actor), "僅研考會人員可登錄教育訓練。")
    if not title.strip():
        raise ValidationError("請填寫課程名稱。")
    if attendees is not None and attendees < 0:
        raise ValidationError("參訓人數不得為負數。")
    if TrainingSession.objects.filter(held_on=held_on, title=title.strip()).exists():
        raise ValidationError("同一天已有相同名稱的課程。")
    return TrainingSession.objects.create(
        held_on=held_on,
        title=title.strip(),
        co_organiser=co_organiser.strip(),
        attendees=attendees,
        hours=hours,
        note=note,
    )
