"""Every write to the research-commission register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from yankao.org.models import Agency
from yankao.org.permissions import is_commission, is_staff_member
from yankao.registers.research.models import Milestone, Recommendation, ResearchProject


def _require(actor: Any) -> None:
    if not is_commission(actor):
        raise PermissionDenied("僅研考會可以管理委託研究")


def project_create(
    *,
    actor: Any,
    year: int,
    agency: Agency,
    title: str,
    contractor: str,
    amount: Decimal,
    signed_on: dt.date,
    milestones: dict[str, dt.date],
) -> ResearchProject:
    """A commissioned study with its review schedule (期初、期中、期末)."""
    _require(actor)
    if amount < 0:
        raise ValidationError("契約金額不可為負")
    if not title.strip() or not contractor.strip():
        raise ValidationError("研究主題與受託單位皆為必填")
    unknown = set(milestones) - set(Milestone.Kind.values)
    if unknown:
        raise ValidationError(f"未知的審查階段：{'、'.join(sorted(unknown))}")
    ordered = [milestones[k] for k in Milestone.Kind.values if k in milestones]
    if ordered != sorted(ordered) or any(d < signed_on for d in ordered):
        raise ValidationError("審查日期須在簽約日之後，並依期初、期中、期末順序")
    with transaction.atomic():
        project = ResearchProject(
            year=year,
            agency=agency,
            title=title.strip(),
            contractor=contractor.strip(),
            amount=amount,
            signed_on=signed_on,
        )
        project.save()
        for kind, due_on in milestones.items():
            Milestone(project=project, kind=kind, due_on=due_on).save()
    return project


def milestone_hold(
    *,
    actor: Any,
    milestone: Milestone,
    held_on: dt.date,
    reviewers: str,
    conclusion: str,
    report: UploadedFile | None = None,
) -> Milestone:
    """A review meeting held: who reviewed, what was concluded, the report reviewed."""
    _require(actor)
    earlier = milestone.project.milestones.filter(due_on__lt=milestone.due_on, held_on__isnull=True)
    if earlier.exists():
        raise ValidationError("前一階段審查尚未辦理")
    if not reviewers.strip():
        raise ValidationError("請填寫審查委員")
    with transaction.atomic():
        milestone.held_on, milestone.reviewers, milestone.conclusion = held_on, reviewers.strip(), conclusion.strip()
        if report is not None:
            milestone.report = report
        milestone.save()
        project = milestone.project
        if milestone.kind == Milestone.Kind.FINAL:
            project.status, project.completed_on = ResearchProject.Status.COMPLETED, held_on
        elif project.status == ResearchProject.Status.CONTRACTED:
            project.status = ResearchProject.Status.IN_PROGRESS
        project.save()
    return milestone


def recommendation_add(*, actor: Any, project: ResearchProject, agency: Agency, text: str) -> Recommendation:
    _require(actor)
    if project.status != ResearchProject.Status.COMPLETED:
        raise ValidationError("研究完成後才能函送建議事項")
    if not text.strip():
        raise ValidationError("請填寫建議事項")
    with transaction.atomic():
        rec = Recommendation(project=project, agency=agency, text=text.strip())
        rec.save()
    return rec


def recommendation_respond(
    *, actor: Any, recommendation: Recommendation, status: str, reason: str, responded_on: dt.date
) -> Recommendation:
    """The agency adopts or declines (with reasons) a recommendation (研究參採)."""
    if not (is_commission(actor) or (is_staff_member(actor) and actor.agency_id == recommendation.agency_id)):
        raise PermissionDenied("只有受函機關可以回復參採情形")
    if status not in (Recommendation.Status.ADOPTED, Recommendation.Status.DECLINED):
        raise ValidationError("參採情形須為參採或不參採")
    if status == Recommendation.Status.DECLINED and not reason.strip():
        raise ValidationError("不參採須說明理由")
    with transaction.atomic():
        recommendation.status, recommendation.reason, recommendation.responded_on = status, reason.strip(), responded_on
        recommendation.save()
    return recommendation
