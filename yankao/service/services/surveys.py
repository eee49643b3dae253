"""滿意度調查: sent after closure by the channel the citizen used, answered once by its link."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yankao.service.models import Case, CaseStep, Survey


def survey_send(*, case: Case) -> Survey | None:
    """Create the survey and send its link; None when the citizen cannot be reached."""
    from yankao.service.services.cases import _citizen_address, _send_to_citizen

    channel, to = _citizen_address(case)
    if not channel or not to:
        return None
    survey = Survey.objects.filter(case=case).first()
    if survey is not None and survey.answered_at is not None:
        return survey  # a reopened and re-closed case is surveyed once
    with transaction.atomic():
        if survey is None:
            survey = Survey(case=case, token=secrets.token_urlsafe(24), sent_via=channel, sent_at=timezone.now())
        else:
            survey.sent_at = timezone.now()
        survey.save()
    base = getattr(settings, "YANKAO_SITE_URL", "http://localhost:8000").rstrip("/")
    link = base + reverse("service:survey", args=[survey.token])
    _send_to_citizen(case, subject=f"高雄市政府案件 {case.number} 滿意度調查", message=f"請花一分鐘回覆：{link}")
    return survey


def survey_answer(*, token: str, satisfied: bool, score: int | None, comment: str = "") -> Survey:
    """The citizen's answer: satisfied or not, a score 1–5, a comment; once only."""
    survey = Survey.objects.select_related("case").filter(token=token).first()
    if survey is None:
        raise ValidationError("找不到此滿意度調查，連結可能有誤。")
    if survey.answered_at is not None:
        raise ValidationError("此滿意度調查已經回覆過，謝謝您。")
    if score is not None and not 1 <= score <= 5:
        raise ValidationError({"score": ["評分須為 1 到 5"]})
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": ["意見不可超過 1000 字"]})
    with transaction.atomic():
        survey.satisfied, survey.score, survey.comment = satisfied, score, comment
        survey.answered_at = timezone.now()
        survey.save()
        case = survey.case
        case.satisfied = satisfied
        case.save(update_fields=["satisfied", "updated_at"])
        CaseStep(
            case=case,
            kind=CaseStep.Kind.SURVEYED,
            at=survey.answered_at,
            actor_label="陳情人",
            note=("滿意" if satisfied else "不滿意") + (f"，{score} 分" if score else ""),
        ).save()
    return survey
