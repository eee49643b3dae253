"""After establishment: the agency's formal response, one extension, the link to a programme."""

from __future__ import annotations

import datetime as dt
import re
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


def proposal_link_programme(*, actor: Any, proposal: Proposal, programme_code: str) -> Proposal:
    """Record the controlled programme (列管計畫) an adopted proposal became.

    TODO(programmes): when the programmes app exists, create the programme through its services
    and show its progress on the proposal page; until then only its code is kept.
    """
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
