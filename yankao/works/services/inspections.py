"""Writes of 工程施工查核: drafts on site, scores and coded defects, finalising, the agency's
answers, re-inspections (複查) that close defects, and 丙等 follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.notify import notify
from yankao.works import permissions
from yankao.works.models import Defect, DefectCode, FollowUpAction, Inspection, InspectionMember, Party, Photo, Project
from yankao.works.selectors.rules import grade_for, rule_in_force

from .common import check_image, next_number, percent, require, score_value

DONE = (Defect.Status.CLOSED, Defect.Status.ACCEPTED)


@dataclass(frozen=True)
class MemberInput:
    name: str
    role: str = InspectionMember.Role.MEMBER
    score: Any = None
    user: Any = None


def _members(inputs: list[MemberInput]) -> list[InspectionMember]:
    members, errors = [], []
    for i, item in enumerate(inputs, start=1):
        if not item.name.strip():
            if item.score not in (None, ""):
                errors.append(f"第 {i} 位委員：有評分但沒有姓名。")
            continue
        if item.role not in InspectionMember.Role.values:
            errors.append(f"第 {i} 位委員：職務不正確。")
            continue
        score = None
        if item.score not in (None, ""):
            try:
                score = score_value(item.score, f"{item.name} 的評分")
            except ValidationError as exc:
                errors.extend(exc.messages)
                continue
        members.append(InspectionMember(name=item.name.strip(), role=item.role, score=score, user=item.user))
    if errors:
        raise ValidationError(errors)
    return members


def _editable(inspection: Inspection, actor: Any, version: int | None = None) -> None:
    require(permissions.can_inspect(actor), "僅查核委員及研考會人員可記錄查核。")
    if inspection.status != Inspection.Status.DRAFT:
        raise ValidationError("此查核已定稿，不能再修改。")
    if version is not None and inspection.version != version:
        raise ValidationError("此查核已被其他人修改，請重新整理後再試。")


def inspection_create(
    *,
    actor: Any,
    project: Project,
    inspected_on: dt.date,
    unannounced: bool = True,
    members: Sequence[MemberInput] = (),
) -> Inspection:
    """Start an inspection (a draft, saved on site and finalised later)."""
    require(permissions.can_inspect(actor), "僅查核委員及研考會人員可記錄查核。")
    if project.start_date is None or inspected_on < project.start_date:
        raise ValidationError("查核日期不得早於開工日（尚未開工的工程不能查核）。")
    if inspected_on > timezone.localdate():
        raise ValidationError("查核日期不得晚於今天。")
    rows = _members(list(members))
    with transaction.atomic():
        inspection = Inspection.objects.create(
            number=next_number(Inspection, prefix=f"{inspected_on.year - 1911}-Q"),
            project=project,
            agency_id=project.agency_id,
            tier=project.tier,
            inspected_on=inspected_on,
            unannounced=unannounced,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for member in rows:
            member.inspection = inspection
            member.save()
    return inspection


def inspection_update(
    *,
    actor: Any,
    inspection: Inspection,
    version: int,
    inspected_on: dt.date,
    summary: str,
    members: list[MemberInput],
    progress_planned_pct: Any = None,
    progress_actual_pct: Any = None,
) -> Inspection:
    """Save the draft: date, opinion, progress seen on site, the committee and their scores."""
    _editable(inspection, actor, version)
    project = inspection.project
    if project.start_date is None or inspected_on < project.start_date:
        raise ValidationError("查核日期不得早於開工日。")
    if inspected_on > timezone.localdate():
        raise ValidationError("查核日期不得晚於今天。")
    planned = None if progress_planned_pct in (None, "") else percent(progress_planned_pct, "預定進度")
    actual = None if progress_actual_pct in (None, "") else percent(progress_actual_pct, "實際進度")
    rows = _members(members)
    with transaction.atomic():
        if not Inspection.objects.filter(pk=inspection.pk, version=version).update(version=version + 1):
            raise ValidationError("此查核已被其他人修改，請重新整理後再試。")
        inspection.refresh_from_db()
        inspection.inspected_on, inspection.summary = inspected_on, summary.strip()
        inspection.progress_planned_pct, inspection.progress_actual_pct = planned, actual
        inspection.save()
        for old in inspection.members.all():
            old.delete()
        for member in rows:
            member.inspection = inspection
            member.save()
    return inspection


def defect_add(
    *,
    actor: Any,
    inspection: Inspection,
    code: DefectCode,
    description: str,
    severity: str = Defect.Severity.MINOR,
    party: str | None = None,
    improve_by: dt.date | None = None,
    photos: Sequence[Any] = (),
) -> Defect:
    """Record a coded defect; points come from the catalogue (doubled for a major defect)."""
    _editable(inspection, actor)
    if not code.is_active:
        raise ValidationError(f"缺失代碼 {code.code} 已停用。")
    if not description.strip():
        raise ValidationError("請說明缺失情形。")
    if severity not in Defect.Severity.values:
        raise ValidationError("嚴重程度不正確。")
    party = party or code.party
    if party not in Party.values:
        raise ValidationError("責任歸屬不正確。")
    if improve_by is not None and improve_by < inspection.inspected_on:
        raise ValidationError("改善期限不得早於查核日期。")
    types = [check_image(photo) for photo in photos]
    with transaction.atomic():
        defect = Defect.objects.create(
            inspection=inspection,
            code=code,
            party=party,
            severity=severity,
            description=description.strip(),
            points=code.points * (2 if severity == Defect.Severity.MAJOR else 1),
            improve_by=improve_by
            or inspection.inspected_on + dt.timedelta(days=rule_in_force(inspection.inspected_on).improvement_days),
        )
        for photo, content_type in zip(photos, types, strict=True):
            Photo.objects.create(inspection=inspection, defect=defect, image=photo, content_type=content_type)
    return defect


def defect_remove(*, actor: Any, defect: Defect) -> None:
    _editable(defect.inspection, actor)
    defect.delete()


def photo_add(
    *, actor: Any, inspection: Inspection, upload: Any, caption: str = "", defect: Defect | None = None
) -> Photo:
    _editable(inspection, actor)
    if defect is not None and defect.inspection_id != inspection.pk:
        raise ValidationError("照片所屬缺失不在此查核中。")
    content_type = check_image(upload)
    return Photo.objects.create(
        inspection=inspection, defect=defect, image=upload, caption=caption.strip()[:200], content_type=content_type
    )


def _average(members: list[InspectionMember]) -> Decimal | None:
    scores = [m.score for m in members if m.score is not None and m.role != InspectionMember.Role.STAFF]
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def inspection_finalise(*, actor: Any, inspection: Inspection, version: int) -> Inspection:
    """定稿: the score is the average of the members' scores; the grade comes from the bands in
    force on the inspection date; the agency is told of its defects and deadlines."""
    _editable(inspection, actor, version)
    members = list(inspection.members.all())
    score = _average(members)
    if inspection.kind == Inspection.Kind.REGULAR and score is None:
        raise ValidationError("定稿前至少需要一位查核委員的評分。")
    with transaction.atomic():
        if not Inspection.objects.filter(pk=inspection.pk, version=version).update(version=version + 1):
            raise ValidationError("此查核已被其他人修改，請重新整理後再試。")
        inspection.refresh_from_db()
        inspection.score = score
        if score is not None:
            grade = grade_for(score, inspection.inspected_on)
            inspection.grade, inspection.needs_follow_up = grade.name, grade.needs_follow_up
        inspection.status, inspection.finalised_at = Inspection.Status.FINAL, timezone.now()
        inspection.save()
        _notify_agency(inspection)
    return inspection


def _notify_agency(inspection: Inspection) -> None:
    defects = inspection.defects.count()
    staff_emails = list(
        inspection.agency.staff.filter(is_active=True).exclude(email="").values_list("email", flat=True)[:20]
    )
    message = f"查核 {inspection.number}（{inspection.project.name}）成績 {inspection.score or '—'} {inspection.grade}，缺失 {defects} 項，請於期限內改善並回復。"

    for email in staff_emails:
        notify(channel="email", to=email, subject="工程施工查核結果", message=message)


def defect_answer(*, actor: Any, defect: Defect, reply: str) -> Defect:
    """The agency reports how a defect was improved (改善回復)."""
    require(permissions.can_answer_defects(actor, defect.inspection.agency_id), "僅主辦機關可回復缺失改善情形。")
    if defect.inspection.status != Inspection.Status.FINAL:
        raise ValidationError("查核尚未定稿，不能回復。")
    if defect.status in DONE:
        raise ValidationError("此缺失已經結案。")
    if not reply.strip():
        raise ValidationError("請填寫改善情形。")
    defect.reply, defect.replied_at, defect.status = reply.strip(), timezone.now(), Defect.Status.ANSWERED
    defect.replied_by = actor
    defect.save()
    return defect


def defect_accept(*, actor: Any, defect: Defect, on: dt.date | None = None) -> Defect:
    """書面審查: the commission accepts the agency's written improvement (photos, test reports)
    and closes a defect that does not need a visit."""
    require(permissions.can_inspect(actor), "僅查核委員及研考會人員可審查改善情形。")
    if defect.status != Defect.Status.ANSWERED:
        raise ValidationError("機關尚未回復改善情形，或此缺失已結案。")
    defect.status, defect.closed_on = Defect.Status.ACCEPTED, on or timezone.localdate()
    defect.save()
    return defect


def reinspection_record(
    *,
    actor: Any,
    original: Inspection,
    inspected_on: dt.date,
    closes: list[int],
    summary: str = "",
    members: Sequence[MemberInput] = (),
) -> Inspection:
    """複查: a follow-up visit that closes the named defects of the original inspection.

    Every defect named must have been recorded at the original inspection and still be open.
    """
    require(permissions.can_inspect(actor), "僅查核委員及研考會人員可辦理複查。")
    if original.status != Inspection.Status.FINAL or original.kind != Inspection.Kind.REGULAR:
        raise ValidationError("只能對已定稿的查核辦理複查。")
    if inspected_on < original.inspected_on or inspected_on > timezone.localdate():
        raise ValidationError("複查日期須在原查核日期之後，且不得晚於今天。")
    wanted = {int(pk) for pk in closes}
    if not wanted:
        raise ValidationError("請選擇本次複查確認改善的缺失。")
    defects = {d.pk: d for d in original.defects.filter(pk__in=wanted)}
    unknown = sorted(wanted - set(defects))
    if unknown:
        raise ValidationError(f"缺失 {', '.join(map(str, unknown))} 不是原查核記錄的缺失，不能複查。")
    already = [d.code.code for d in defects.values() if d.status in DONE]
    if already:
        raise ValidationError(f"缺失 {', '.join(already)} 已經結案。")
    rows = _members(list(members))
    with transaction.atomic():
        reinspection = Inspection.objects.create(
            number=next_number(Inspection, prefix=f"{inspected_on.year - 1911}-Q"),
            project=original.project,
            agency_id=original.agency_id,
            tier=original.tier,
            kind=Inspection.Kind.REINSPECTION,
            follow_up_of=original,
            inspected_on=inspected_on,
            unannounced=False,
            summary=summary.strip(),
            status=Inspection.Status.FINAL,
            finalised_at=timezone.now(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for member in rows:
            member.inspection = reinspection
            member.save()
        score = _average(rows)
        if score is not None:
            grade = grade_for(score, inspected_on)
            reinspection.score, reinspection.grade = score, grade.name
            reinspection.save()
        for defect in defects.values():
            defect.status, defect.closed_by, defect.closed_on = Defect.Status.CLOSED, reinspection, inspected_on
            defect.save()
    return reinspection


def follow_up_add(
    *, actor: Any, inspection: Inspection, kind: str, taken_on: dt.date, note: str = "", amount: Any = None
) -> FollowUpAction:
    """丙等 follow-up: notices, penalties under the contract, personnel measures."""
    require(permissions.can_inspect(actor), "僅研考會人員可登錄丙等處置。")
    if not inspection.needs_follow_up:
        raise ValidationError("此查核不是丙等，不需追蹤處置。")
    if kind not in FollowUpAction.Kind.values:
        raise ValidationError("處置類別不正確。")
    if taken_on < inspection.inspected_on:
        raise ValidationError("處置日期不得早於查核日期。")
    if amount not in (None, "") and Decimal(str(amount)) < 0:
        raise ValidationError("金額不得為負數。")
    return FollowUpAction.objects.create(
        inspection=inspection, kind=kind, taken_on=taken_on, note=note.strip(), amount=amount or None
    )
