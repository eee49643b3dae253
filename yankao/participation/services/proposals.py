"""想提議 lifecycle: submit → screen (5 working days) → endorse (45 days) → established or lapsed.

The periodic task `proposals_advance` calls `proposal_advance_all(now=...)`, which makes every
transition that time alone triggers (lapse, overdue response, late screening); reaching the
threshold establishes a proposal at the moment of the endorsement that reaches it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from yankao.core.audit import record_event
from yankao.core.notify import notify
from yankao.core.workdays import DeadlineUnit, deadline_for
from yankao.org.models import Agency, Role, User
from yankao.participation.models import (
    CitizenVerification,
    Endorsement,
    Proposal,
    ProposalAgency,
    ProposalRules,
    RejectionReason,
)
from yankao.participation.permissions import can_screen

from .common import deny, due_date_in_months, keyed_hash, local_date, now_or
from .identity import require_verified, verified_identity

SITE = "高雄市政府公民參與平台"


def _reload_for_update(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _email_of(user_id: int) -> str:
    # values_list, not .only(): an audited model loaded with deferred fields would reload itself
    email = CitizenVerification.objects.filter(user_id=user_id).values_list("email", flat=True).first()
    if email:
        return email
    return User.objects.filter(pk=user_id).values_list("email", flat=True).first() or ""


def notify_proposer(proposal: Proposal, subject: str, message: str) -> None:
    notify(channel="email", to=_email_of(proposal.proposer_id), subject=f"【{SITE}】{subject}", message=message)


def notify_endorsers(proposal: Proposal, subject: str, message: str) -> int:
    """Mail every endorser whose endorsement counts; returns how many were notified."""
    user_ids = Endorsement.objects.filter(proposal=proposal, voided_at__isnull=True).values_list("user_id", flat=True)
    emails = set(
        CitizenVerification.objects.filter(user_id__in=user_ids).exclude(email="").values_list("email", flat=True)
    )
    for email in sorted(emails):
        notify(channel="email", to=email, subject=f"【{SITE}】{subject}", message=message)
    return len(emails)


def notify_staff(*, agency_id: int | None, commission: bool, subject: str, message: str) -> None:
    staff = User.objects.filter(kind=User.Kind.STAFF, is_active=True).exclude(email="")
    if commission:
        staff = staff.filter(agency__kind=Agency.Kind.COMMISSION, role_grants__role__in=[Role.COMMISSION_OFFICER])
    elif agency_id is not None:
        staff = staff.filter(agency_id=agency_id, role_grants__role__in=[Role.CASE_OFFICER, Role.AGENCY_MANAGER])
    else:
        return
    for email in sorted(set(staff.values_list("email", flat=True))):
        notify(channel="email", to=email, subject=f"【{SITE}】{subject}", message=message)


def proposal_submit(
    *,
    actor: Any,
    title: str,
    content: str,
    expected_benefit: str,
    agencies: Sequence[Agency] = (),
    now: dt.datetime | None = None,
) -> Proposal:
    """想提議: a verified citizen proposes; the commission must screen it within N working days."""
    identity = verified_identity(actor)
    now = now_or(now)
    rules = ProposalRules.in_force(local_date(now))
    title, content, expected_benefit = (title or "").strip(), (content or "").strip(), (expected_benefit or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = ["請輸入提議標題。"]
    elif len(title) > 100:
        errors["title"] = ["提議標題請在 100 字以內。"]
    if not content:
        errors["content"] = ["請輸入提議內容。"]
    if not expected_benefit:
        errors["expected_benefit"] = ["請輸入預期效益。"]
    unique = list(dict.fromkeys(agencies))
    if len(unique) > rules.max_suggested_agencies:
        errors["agencies"] = [f"建議機關最多 {rules.max_suggested_agencies} 個。"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            title=title,
            content=content,
            expected_benefit=expected_benefit,
            proposer=actor,
            proposer_identity=identity,
            submitted_at=now,
            screening_working_days=rules.screening_working_days,
            screening_due=deadline_for(now, amount=rules.screening_working_days, unit=DeadlineUnit.WORKING_DAYS),
        )
        for position, agency in enumerate(unique, start=1):
            ProposalAgency.objects.create(proposal=proposal, agency=agency, position=position)
        notify_proposer(
            proposal,
            "已收到您的提議",
            f"您的提議「{title}」已送出，研考會將於 {rules.screening_working_days} 個工作天內完成檢核。",
        )
        notify_staff(agency_id=None, commission=True, subject="新提議待檢核", message=f"新提議「{title}」待檢核。")
    return proposal


def proposal_withdraw(*, actor: Any, proposal: Proposal, now: dt.datetime | None = None) -> Proposal:
    """The proposer may withdraw until the screening is decided."""
    deny(getattr(actor, "pk", None) == proposal.proposer_id, "只有提議人可以撤回提議。")
    now = now_or(now)
    with transaction.atomic():
        proposal = _reload_for_update(proposal)
        if proposal.state != Proposal.State.SUBMITTED:
            raise ValidationError("提議已完成檢核，無法撤回。", code="state")
        proposal.state = Proposal.State.WITHDRAWN
        proposal.withdrawn_at = now
        proposal.version += 1
        proposal.save()
    return proposal


def proposal_screen(
    *,
    actor: Any,
    proposal: Proposal,
    passed: bool,
    reason: RejectionReason | None = None,
    note: str = "",
    duplicate_of: Proposal | None = None,
    responsible_agency: Agency | None = None,
    late_reason: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """檢核: pass (endorsement opens the next day) or fail with a listed reason.

    Screening after the deadline is allowed only with a written reason for the delay, which is
    kept on the record.
    """
    deny(can_screen(actor), "只有研考會可以檢核提議。")
    now = now_or(now)
    late_reason = (late_reason or "").strip()
    with transaction.atomic():
        proposal = _reload_for_update(proposal)
        _validate_screening(proposal, passed, reason, duplicate_of, responsible_agency, late_reason, now)
        proposal.screened_at, proposal.screened_by = now, actor
        proposal.screening_late_reason = late_reason
        proposal.version += 1
        if passed:
            _open_endorsement(proposal, responsible_agency, now)
            message = (
                f"您的提議「{proposal.title}」已通過檢核，附議期間自 {proposal.endorsement_opens_on:%Y-%m-%d} 起至 "
                f"{proposal.endorsement_closes_on:%Y-%m-%d} 止，需 {proposal.endorsement_threshold:,} 份附議成案。"
            )
            notify_proposer(proposal, "提議通過檢核", message)
        else:
            assert reason is not None
            proposal.state = Proposal.State.REJECTED
            proposal.rejection_reason, proposal.rejection_note = reason, (note or "").strip()
            proposal.duplicate_of = duplicate_of if reason.needs_duplicate else None
            proposal.save()
            notify_proposer(
                proposal, "提議未通過檢核", f"您的提議「{proposal.title}」未通過檢核：{reason.label}。{note}"
            )
    return proposal


def _validate_screening(
    proposal: Proposal,
    passed: bool,
    reason: RejectionReason | None,
    duplicate_of: Proposal | None,
    responsible_agency: Agency | None,
    late_reason: str,
    now: dt.datetime,
) -> None:
    if proposal.state != Proposal.State.SUBMITTED:
        raise ValidationError(f"此提議目前為「{proposal.get_state_display()}」，不能再檢核。", code="state")
    if now > proposal.screening_due and not late_reason:
        due = local_date(proposal.screening_due)
        raise ValidationError(
            {"late_reason": [f"已逾檢核期限（{due.year - 1911}/{due.month:02d}/{due.day:02d}），請填寫逾期理由。"]}
        )
    if passed:
        if responsible_agency is None and not proposal.suggested.exists():
            raise ValidationError({"responsible_agency": ["請指定主管機關。"]})
        return
    if reason is None:
        raise ValidationError({"reason": ["請選擇未通過理由。"]})
    if reason.needs_duplicate:
        if duplicate_of is None:
            raise ValidationError({"duplicate_of": ["請指明重複的提議。"]})
        if duplicate_of.pk == proposal.pk:
            raise ValidationError({"duplicate_of": ["不能指明提議本身。"]})


def _open_endorsement(proposal: Proposal, responsible_agency: Agency | None, now: dt.datetime) -> None:
    today = local_date(now)
    rules = ProposalRules.in_force(today)
    if responsible_agency is None:
        responsible_agency = proposal.suggested.select_related("agency").first().agency  # type: ignore[union-attr]
    proposal.state = Proposal.State.ENDORSING
    proposal.responsible_agency = responsible_agency
    proposal.endorsement_opens_on = today + dt.timedelta(days=1)
    proposal.endorsement_closes_on = today + dt.timedelta(days=rules.endorsement_days)
    proposal.endorsement_threshold = rules.endorsement_threshold
    proposal.save()


def proposal_endorse(
    *, actor: Any, proposal: Proposal, ip: str = "", device: str = "", now: dt.datetime | None = None
) -> Endorsement:
    """附議: one per verified person (identity, not account) per proposal; never withdrawn."""
    verification = require_verified(actor)
    now = now_or(now)
    today = local_date(now)
    with transaction.atomic():
        proposal = _reload_for_update(proposal)
        _validate_endorsement(proposal, verification, today)
        endorsement = Endorsement(
            proposal=proposal,
            identity=verification.identity,
            user=actor,
            endorsed_at=now,
            ip_hash=keyed_hash("ip", ip) if ip else "",
            device_hash=keyed_hash("device", device) if device else "",
        )
        endorsement.flags = "；".join(_fraud_signals(proposal, endorsement, verification, now))
        try:
            with transaction.atomic():
                endorsement.save()
        except IntegrityError:
            raise ValidationError("您已附議過此提議（每人限附議一次）。", code="duplicate") from None
        # the count is derived from the (audited) endorsements: a plain UPDATE, not a second audit event
        Proposal.objects.filter(pk=proposal.pk).update(endorsement_count=F("endorsement_count") + 1)
        proposal.endorsement_count += 1
        if proposal.endorsement_count >= (proposal.endorsement_threshold or 0):
            proposal_establish(proposal=proposal, now=now)
    return endorsement


def _validate_endorsement(proposal: Proposal, verification: CitizenVerification, today: dt.date) -> None:
    if proposal.state != Proposal.State.ENDORSING:
        raise ValidationError(f"此提議目前為「{proposal.get_state_display()}」，不接受附議。", code="state")
    assert proposal.endorsement_opens_on and proposal.endorsement_closes_on
    if today < proposal.endorsement_opens_on:
        raise ValidationError("附議尚未開始。", code="early")
    if today > proposal.endorsement_closes_on:
        raise ValidationError("附議期間已結束。", code="closed")
    if Endorsement.objects.filter(proposal=proposal, identity_id=verification.identity_id).exists():
        raise ValidationError("您已附議過此提議（每人限附議一次）。", code="duplicate")


def _fraud_signals(
    proposal: Proposal, endorsement: Endorsement, verification: CitizenVerification, now: dt.datetime
) -> list[str]:
    """異常附議: a burst from one IP or device, or an identity verified minutes ago."""
    rules = ProposalRules.in_force(local_date(now))
    since = now - dt.timedelta(minutes=rules.burst_window_minutes)
    recent = Endorsement.objects.filter(proposal=proposal, endorsed_at__gte=since)
    signals = []
    if endorsement.ip_hash and recent.filter(ip_hash=endorsement.ip_hash).count() + 1 >= rules.burst_threshold:
        signals.append(f"同一 IP 於 {rules.burst_window_minutes} 分鐘內附議達 {rules.burst_threshold} 次")
    if (
        endorsement.device_hash
        and recent.filter(device_hash=endorsement.device_hash).count() + 1 >= rules.burst_threshold
    ):
        signals.append(f"同一裝置於 {rules.burst_window_minutes} 分鐘內附議達 {rules.burst_threshold} 次")
    assert verification.identity is not None
    if verification.identity.verified_at >= now - dt.timedelta(minutes=rules.new_identity_minutes):
        signals.append(f"身分於附議前 {rules.new_identity_minutes} 分鐘內才完成驗證")
    return signals


def proposal_establish(*, proposal: Proposal, now: dt.datetime) -> Proposal:
    """成案: hand the proposal to its agency with the response deadline in force today."""
    today = local_date(now)
    rules = ProposalRules.in_force(today)
    proposal.state = Proposal.State.ESTABLISHED
    proposal.established_at = now
    proposal.response_months = rules.response_months
    proposal.response_due = due_date_in_months(today, rules.response_months)
    proposal.max_extensions, proposal.extension_months = rules.max_extensions, rules.extension_months
    proposal.version += 1
    proposal.save()
    due = proposal.response_due
    message = f"提議「{proposal.title}」已達 {proposal.endorsement_threshold:,} 份附議正式成案，主管機關將於 {due:%Y-%m-%d} 前回應。"
    notify_proposer(proposal, "提議成案", message)
    notify_endorsers(proposal, "您附議的提議已成案", message)
    notify_staff(agency_id=proposal.responsible_agency_id, commission=False, subject="提議成案待回應", message=message)
    return proposal


@dataclass
class AdvanceResult:
    established: list[int] = field(default_factory=list)
    lapsed: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    screening_late: list[int] = field(default_factory=list)


def proposal_advance_all(*, now: dt.datetime | None = None) -> AdvanceResult:
    """Make every transition due by `now`: establish, lapse, overdue responses, late screening."""
    now = now_or(now)
    today = local_date(now)
    result = AdvanceResult()
    endorsing = Proposal.objects.filter(state=Proposal.State.ENDORSING)
    for pk in endorsing.filter(
        Q(endorsement_count__gte=F("endorsement_threshold")) | Q(endorsement_closes_on__lt=today)
    ).values_list("pk", flat=True):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=pk)
            if proposal.state != Proposal.State.ENDORSING:
                continue
            if proposal.endorsement_count >= (proposal.endorsement_threshold or 0):
                proposal_establish(proposal=proposal, now=now)
                result.established.append(pk)
            elif proposal.endorsement_closes_on and proposal.endorsement_closes_on < today:
                _lapse(proposal, now)
                result.lapsed.append(pk)
    for pk in Proposal.objects.filter(state=Proposal.State.ESTABLISHED, response_due__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            proposal = Proposal.objects.select_for_update().get(pk=pk)
            if proposal.state == Proposal.State.ESTABLISHED:
                _mark_overdue(proposal, now)
                result.overdue.append(pk)
    late = Proposal.objects.filter(
        state=Proposal.State.SUBMITTED, screening_due__lt=now, screening_overdue_notified_at__isnull=True
    )
    for pk in late.values_list("pk", flat=True):
        with transaction.atomic():
            Proposal.objects.filter(pk=pk).update(screening_overdue_notified_at=now)
            proposal = Proposal.objects.get(pk=pk)
            record_event(proposal, note="檢核逾期，通知研考會")
            notify_staff(
                agency_id=None,
                commission=True,
                subject="提議檢核逾期",
                message=f"提議「{proposal.title}」已逾檢核期限。",
            )
            result.screening_late.append(pk)
    return result


def _lapse(proposal: Proposal, now: dt.datetime) -> None:
    proposal.state = Proposal.State.LAPSED
    proposal.lapsed_at = now
    proposal.version += 1
    proposal.save()
    message = (
        f"提議「{proposal.title}」附議期間已結束，共 {proposal.endorsement_count:,} 份附議，"
        f"未達 {proposal.endorsement_threshold:,} 份，未成案。"
    )
    notify_proposer(proposal, "提議未成案", message)
    notify_endorsers(proposal, "您附議的提議未成案", message)


def _mark_overdue(proposal: Proposal, now: dt.datetime) -> None:
    """回應逾期: flag the proposal and escalate to the commission."""
    proposal.state = Proposal.State.OVERDUE
    proposal.overdue_at = now
    proposal.version += 1
    proposal.save()
    agency = proposal.responsible_agency
    notify_staff(
        agency_id=None,
        commission=True,
        subject="成案提議回應逾期",
        message=f"成案提議「{proposal.title}」已逾回應期限（{proposal.response_due:%Y-%m-%d}），主管機關：{agency}。",
    )


__all__ = [
    "AdvanceResult",
    "proposal_advance_all",
    "proposal_endorse",
    "proposal_establish",
    "proposal_screen",
    "proposal_submit",
    "proposal_withdraw",
]
