"""After establishment: the agency's formal response, one extension, the link to a programme."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yankao.org.permissions import is_commission
from yankao.participation.models import Proposal, ProposalResponse
from yankao.participation.permissions import can_respond

from .common import deny, due_date_in_months, local_date, now_or
from .proposals import notify_endorsers, notify_proposer


def proposal_respond(
    *,
    actor: Any,
    proposal: Proposal,
    decision: str,
    reasons: str,
    planned_actions: str = "",
    now: dt.datetime | None = None,
) -> ProposalResponse:
    """正式回應: published at once and sent to the proposer and every endorser."""
    deny(can_respond(actor, proposal), "只有主管機關的承辦人或主管可以回應此提議。")
    now = now_or(now)
    reasons, planned_actions = (reasons or "").strip(), (planned_actions or "").strip()
    errors: dict[str, list[str]] = {}
    if decision not in ProposalResponse.Decision.values:
        errors["decision"] = ["請選擇參採、部分參採或不參採。"]
    if not reasons:
        errors["reasons"] = ["請說明理由。"]
    if decision in (ProposalResponse.Decision.ADOPT, ProposalResponse.Decision.PARTIAL) and not planned_actions:
        errors["planned_actions"] = ["參採或部分參採時，請說明後續辦理方式。"]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state not in Proposal.AWAITING_RESPONSE or proposal.responsible_agency_id is None:
            raise ValidationError(f"此提議目前為「{proposal.get_state_display()}」，不能回應。", code="state")
        response = ProposalResponse.objects.create(
            proposal=proposal,
            agency_id=proposal.responsible_agency_id,
            decision=decision,
            reasons=reasons,
            planned_actions=planned_actions,
            responded_by=actor,
            published_at=now,
        )
        proposal.state = Proposal.State.RESPONDED
        proposal.responded_at = now
        proposal.version += 1
        proposal.save()
        message = f"提議「{proposal.title}」已獲主管機關回應：{response.get_decision_display()}。\n理由：{reasons}" + (
            f"\n後續辦理：{planned_actions}" if planned_actions else ""
        )
        notify_proposer(proposal, "主管機關已回應您的提議", message)
        notify_endorsers(proposal, "您附議的提議已獲回應", message)
    return response


def proposal_extend(*, actor: Any, proposal: Proposal, reason: str, now: dt.datetime | None = None) -> Proposal:
    """延長回應: once (rule data), with a public notice of the reason, before the deadline passes."""
    deny(can_respond(actor, proposal), "只有主管機關的承辦人或主管可以延長回應期限。")
    now = now_or(now)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["請說明延長理由（將公告於提議頁面）。"]})
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.state != Proposal.State.ESTABLISHED:
            raise ValidationError(f"此提議目前為「{proposal.get_state_display()}」，不能延長回應期限。", code="state")
        if proposal.extension_count >= proposal.max_extensions:
            raise ValidationError(f"回應期限只能延長 {proposal.max_extensions} 次。", code="limit")
        assert proposal.response_due is not None
        if local_date(now) > proposal.response_due:
            raise ValidationError("已逾回應期限，不能再延長。", code="late")
        proposal.response_due = due_date_in_months(proposal.response_due, proposal.extension_months)
        proposal.extension_count += 1
        proposal.extension_reason = reason
        proposal.extended_at = now
        proposal.version += 1
        proposal.save()
        notify_proposer(
            proposal,
            "回應期限延長",
            f"提議「{proposal.title}」回應期限延長至 {proposal.response_due:%Y-%m-%d}。理由：{reason}",
        )
    return proposal


_PROGRAMME_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/]{0,39}$")


def programme_source(proposal: Proposal) -> str:
    """How a programme made from this proposal names its source (programmes keep no foreign key here)."""
    return f"participation.proposal:{proposal.pk}"


def proposal_create_programme(
    *,
    actor: Any,
    proposal: Proposal,
    code: str,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    total_budget: int = 0,
    year_budget: int = 0,
) -> Proposal:
    """Turn an adopted (or partly adopted) proposal into a controlled programme (列管計畫).

    The programme is created through the programmes app's own service (which checks that the
    actor may select programmes for control, i.e. the commission), led by the proposal's
    responsible agency, with the proposal named as its source; its progress then shows on the
    proposal's public page. Both writes happen in one transaction. The budgets (元, 公務預算) are
    the programme's total and this year's; the programmes app checks them."""
    from yankao.programmes.services import programme_create

    deny(is_commission(actor), "只有研考會可以將提議轉為列管計畫。")
    with transaction.atomic():
        # lock the proposal row only (PostgreSQL refuses FOR UPDATE on an outer join's nullable side)
        proposal = (
            Proposal.objects.select_for_update(of=("self",)).select_related("responsible_agency").get(pk=proposal.pk)
        )
        response = getattr(proposal, "response", None)
        if response is None or response.decision == response.Decision.NOT_ADOPT:
            raise ValidationError("只有參採或部分參採的提議可以轉為列管計畫。", code="state")
        if proposal.responsible_agency is None:
            raise ValidationError("提議尚無主管機關，無法轉為列管計畫。", code="state")
        programme = programme_create(
            actor=actor,
            code=code.strip(),
            name=name.strip(),
            year=start_date.year - 1911,
            lead_agency=proposal.responsible_agency,
            start_date=start_date,
            end_date=end_date,
            description=f"由「想提議」提議「{proposal.title}」轉列管。\n{response.planned_actions}".strip(),
            source_reference=programme_source(proposal),
            budgets={"total_public": Decimal(total_budget), "year_public": Decimal(year_budget)},
        )
        proposal.programme_code = programme.code
        proposal.save()
    message = (
        f"提議「{proposal.title}」已轉為市府列管計畫 {programme.code}「{programme.name}」，執行進度將公布於提議頁面。"
    )
    notify_proposer(proposal, "提議已轉為列管計畫", message)
    notify_endorsers(proposal, "提議已轉為列管計畫", message)
    return proposal


def proposal_link_programme(*, actor: Any, proposal: Proposal, programme_code: str) -> Proposal:
    """Record the code of a controlled programme (列管計畫) an adopted proposal became when that
    programme is kept outside yankao (e.g. controlled by a central ministry). A programme made in
    yankao is created by `proposal_create_programme` instead, which also shows its progress."""
    deny(is_commission(actor) or can_respond(actor, proposal), "只有研考會或主管機關可以登錄列管計畫。")
    code = (programme_code or "").strip()
    if not _PROGRAMME_CODE.match(code):
        raise ValidationError({"programme_code": ["列管計畫編號格式不正確（英數字、-、_、/，40 字以內）。"]})
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        response = getattr(proposal, "response", None)
        if response is None or response.decision == response.Decision.NOT_ADOPT:
            raise ValidationError("只有參採或部分參採的提議可以轉為列管計畫。", code="state")
        proposal.programme_code = code
        proposal.save()
    return proposal
