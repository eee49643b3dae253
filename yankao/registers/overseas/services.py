"""Every write to the overseas-trip-report register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.org.models import Agency
from yankao.org.permissions import is_commission, is_staff_member
from yankao.registers.overseas.models import SubmissionRule, TripRecommendation, TripReport


def _own(actor: Any, agency_id: int) -> bool:
    return is_commission(actor) or (is_staff_member(actor) and actor.agency_id == agency_id)


def due_date(returned_on: dt.date) -> dt.date:
    rule = SubmissionRule.objects.filter(effective_from__lte=returned_on).order_by("-effective_from").first()
    if rule is None:
        raise ValidationError("尚未設定出國報告繳交期限")
    return returned_on + dt.timedelta(days=rule.days_after_return)


def report_submit(
    *,
    actor: Any,
    agency: Agency,
    title: str,
    destination: str,
    departed_on: dt.date,
    returned_on: dt.date,
    travellers: str,
    summary: str,
    full_text: str,
    submitted_on: dt.date,
    purpose: str = "考察",
) -> TripReport:
    """An agency submits its report (依「高雄市政府公務出國報告作業要點」); the due date is fixed now."""
    if not _own(actor, agency.pk):
        raise PermissionDenied("只能提交本機關的出國報告")
    problems = []
    if returned_on < departed_on:
        problems.append("返國日不可早於出國日")
    if submitted_on < returned_on:
        problems.append("提交日不可早於返國日")
    if submitted_on > timezone.localdate():
        problems.append("提交日不可晚於今天")
    if not (title.strip() and summary.strip() and full_text.strip()):
        problems.append("報告名稱、摘要與全文皆為必填")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        report = TripReport(
            agency=agency,
            title=title.strip(),
            destination=destination,
            purpose=purpose,
            departed_on=departed_on,
            returned_on=returned_on,
            due_on=due_date(returned_on),
            travellers=travellers,
            summary=summary.strip(),
            full_text=full_text.strip(),
            submitted_on=submitted_on,
        )
        report.save()
    return report


def report_review(*, actor: Any, report: TripReport, publish: bool, note: str, reviewed_on: dt.date) -> TripReport:
    """The commission publishes the full text, or returns the report with what to correct."""
    if not is_commission(actor):
        raise PermissionDenied("僅研考會可以審查出國報告")
    if report.status != TripReport.Status.SUBMITTED:
        raise ValidationError("只有已提交待審的報告可以審查")
    if not publish and not note.strip():
        raise ValidationError("退回修正須填寫審查意見")
    with transaction.atomic():
        report.review_note = note.strip()
        if publish:
            report.status, report.published_on = TripReport.Status.PUBLISHED, reviewed_on
        else:
            report.status = TripReport.Status.RETURNED
        report.save()
    return report


def report_resubmit(
    *, actor: Any, report: TripReport, summary: str, full_text: str, submitted_on: dt.date
) -> TripReport:
    if not _own(actor, report.agency_id):
        raise PermissionDenied("只能修正本機關的出國報告")
    if report.status != TripReport.Status.RETURNED:
        raise ValidationError("只有退回修正的報告可以重新提交")
    with transaction.atomic():
        report.summary, report.full_text, report.status = (
            summary.strip(),
            full_text.strip(),
            TripReport.Status.SUBMITTED,
        )
        report.save()
    return report


def recommendation_send(
    *, actor: Any, report: TripReport, agency: Agency, text: str, sent_on: dt.date
) -> TripRecommendation:
    """函請相關機關研究參採."""
    if not is_commission(actor):
        raise PermissionDenied("僅研考會可以函送建議事項")
    if report.status != TripReport.Status.PUBLISHED:
        raise ValidationError("報告審查公開後才能函送建議事項")
    if not text.strip():
        raise ValidationError("請填寫建議事項")
    with transaction.atomic():
        rec = TripRecommendation(report=report, agency=agency, text=text.strip(), sent_on=sent_on)
        rec.save()
    return rec


def recommendation_respond(
    *, actor: Any, recommendation: TripRecommendation, status: str, reason: str, responded_on: dt.date
) -> TripRecommendation:
    if not _own(actor, recommendation.agency_id):
        raise PermissionDenied("只有受函機關可以回復參採情形")
    if status not in (TripRecommendation.Status.ADOPTED, TripRecommendation.Status.DECLINED):
        raise ValidationError("參採情形須為參採或不參採")
    if status == TripRecommendation.Status.DECLINED and not reason.strip():
        raise ValidationError("不參採須說明理由")
    if recommendation.sent_on and responded_on < recommendation.sent_on:
        raise ValidationError("回復日不可早於函送日")
    with transaction.atomic():
        recommendation.status, recommendation.reason, recommendation.responded_on = status, reason.strip(), responded_on
        recommendation.save()
    return recommendation
