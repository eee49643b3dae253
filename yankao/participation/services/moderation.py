"""Comments and their moderation; fraud review of endorsements (異常附議)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from yankao.participation.models import CommentReport, Endorsement, Proposal, ProposalComment, ProposalRules
from yankao.participation.permissions import can_moderate, can_propose, can_review_fraud

from .common import deny, local_date, now_or
from .identity import require_verified


def comment_post(*, actor: Any, proposal: Proposal, body: str) -> ProposalComment:
    """A verified citizen comments on a public proposal."""
    require_verified(actor)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["請輸入留言內容。"]})
    if len(body) > 2000:
        raise ValidationError({"body": ["留言請在 2,000 字以內。"]})
    proposal = Proposal.objects.get(pk=proposal.pk)  # the state now, not as the caller last read it
    if not proposal.is_public:
        raise ValidationError("此提議目前不開放留言。", code="state")
    return ProposalComment.objects.create(proposal=proposal, author=actor, body=body)


def comment_report(
    *, actor: Any, comment: ProposalComment, reason: str = "", now: dt.datetime | None = None
) -> ProposalComment:
    """檢舉: a signed-in citizen reports once; enough reports hide the comment until a moderator decides."""
    deny(can_propose(actor), "請以市民帳號登入後檢舉。")
    now = now_or(now)
    threshold = ProposalRules.in_force(local_date(now)).comment_report_threshold
    with transaction.atomic():
        try:
            with transaction.atomic():
                CommentReport.objects.create(comment=comment, reporter=actor, reason=(reason or "").strip()[:200])
        except IntegrityError:
            raise ValidationError("您已檢舉過此留言。", code="duplicate") from None
        ProposalComment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment = ProposalComment.objects.select_for_update().get(pk=comment.pk)
        if comment.status == ProposalComment.Status.VISIBLE and comment.report_count >= threshold:
            comment.status = ProposalComment.Status.HIDDEN
            comment.moderated_at = now
            comment.moderation_note = f"檢舉達 {threshold} 次，自動隱藏待審"
            comment.save()
    return comment


def comment_moderate(
    *, actor: Any, comment: ProposalComment, action: str, note: str = "", now: dt.datetime | None = None
) -> ProposalComment:
    """Hide (移除) or restore (恢復) a comment; a restored comment is not hidden again by reports."""
    deny(can_moderate(actor), "只有研考會可以管理留言。")
    if action not in ("hide", "restore"):
        raise ValidationError("不支援的處理方式。", code="action")
    with transaction.atomic():
        comment = ProposalComment.objects.select_for_update().get(pk=comment.pk)
        comment.status = ProposalComment.Status.REMOVED if action == "hide" else ProposalComment.Status.RESTORED
        comment.moderated_at, comment.moderated_by = now_or(now), actor
        comment.moderation_note = (note or "").strip()[:300]
        comment.save()
    return comment


def endorsement_void(
    *, actor: Any, endorsement: Endorsement, reason: str, now: dt.datetime | None = None
) -> Endorsement:
    """註銷: the commission voids a fraudulent endorsement with a reason; the row and its trail stay.

    An endorsement voided after its proposal was established does not un-establish it (the
    establishment was a published decision); the count shown is the valid count.
    """
    deny(can_review_fraud(actor), "只有研考會可以註銷附議。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["請說明註銷理由。"]})
    now = now_or(now)
    with transaction.atomic():
        endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
        if endorsement.voided_at is not None:
            raise ValidationError("此附議已註銷。", code="voided")
        endorsement.voided_at, endorsement.voided_by, endorsement.void_reason = now, actor, reason[:300]
        endorsement.flag_reviewed_at = now
        endorsement.save()
        Proposal.objects.filter(pk=endorsement.proposal_id).update(endorsement_count=F("endorsement_count") - 1)
    return endorsement


def endorsement_flag_dismiss(*, actor: Any, endorsement: Endorsement, now: dt.datetime | None = None) -> Endorsement:
    """The commission looked at a flagged endorsement and keeps it."""
    deny(can_review_fraud(actor), "只有研考會可以審視異常附議。")
    with transaction.atomic():
        endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
        endorsement.flag_reviewed_at = now_or(now)
        endorsement.save()
    return endorsement
