"""眾開講: an agency publishes a draft with a comment window and then what it took on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from yankao.participation.models import Consultation, ConsultationComment
from yankao.participation.permissions import can_run_consultation

from .common import deny, local_date, now_or
from .identity import require_verified


def consultation_publish(
    *, actor: Any, agency: Any, title: str, draft: str, opens_on: dt.date, closes_on: dt.date
) -> Consultation:
    deny(can_run_consultation(actor, agency), "只有機關承辦人或主管可以發布眾開講。")
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = ["請輸入政策草案名稱。"]
    if not (draft or "").strip():
        errors["draft"] = ["請輸入草案內容。"]
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = ["截止日不能早於開始日。"]
    if errors:
        raise ValidationError(errors)
    return Consultation.objects.create(
        agency=agency,
        title=title.strip(),
        draft=draft.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        published_by=actor,
    )


def consultation_comment(
    *, actor: Any, consultation: Consultation, body: str, now: dt.datetime | None = None
) -> ConsultationComment:
    require_verified(actor)
    today = local_date(now_or(now))
    if not consultation.opens_on <= today <= consultation.closes_on:
        raise ValidationError("目前不在意見徵集期間。", code="closed")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["請輸入意見。"]})
    if len(body) > 3000:
        raise ValidationError({"body": ["意見請在 3,000 字以內。"]})
    return ConsultationComment.objects.create(consultation=consultation, author=actor, body=body)


def consultation_summarise(
    *, actor: Any, consultation: Consultation, summary: str, now: dt.datetime | None = None
) -> Consultation:
    """意見採納說明: after the window closes, what the agency took on and why."""
    deny(can_run_consultation(actor, consultation.agency_id), "只有主辦機關可以公布意見採納說明。")
    now = now_or(now)
    if local_date(now) <= consultation.closes_on:
        raise ValidationError("意見徵集期間結束後才能公布採納說明。", code="open")
    if not (summary or "").strip():
        raise ValidationError({"summary": ["請輸入採納說明。"]})
    consultation.summary = summary.strip()
    consultation.summary_published_at = now
    consultation.save()
    return consultation
