"""Hotline records (1999 話務), sign-language video sessions, legal consultations and first aid."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.service import permissions
from yankao.service.models import Call, Case, FirstAidService, LegalConsultation, LegalServicePoint, SignLanguageSession


def _require_centre(actor: Any) -> None:
    if actor is not None and not permissions.can_manage_hotline(actor):
        raise PermissionDenied("只有聯合服務中心人員可以登錄話務與服務紀錄")


def _span_errors(started_at: dt.datetime | None, ended_at: dt.datetime | None) -> dict[str, list[str]]:
    if started_at is None:
        return {"started_at": ["請填寫開始時間"]}
    if ended_at is None:
        return {"ended_at": ["請填寫結束時間"]}
    if ended_at < started_at:
        return {"ended_at": ["結束時間早於開始時間"]}
    return {}


def call_prepare(
    *,
    started_at: dt.datetime | None,
    ended_at: dt.datetime | None,
    type: str,
    resolved_on_line: bool | None = None,
    case: Case | None = None,
    satisfied: bool | None = None,
    operator: Any = None,
    operator_code: str = "",
    call_id: str = "",
) -> Call:
    errors = _span_errors(started_at, ended_at)
    if type not in Call.Type.values:
        errors["type"] = [f"未知的話務類型「{type}」，可用：{'、'.join(Call.Type.values)}"]
    if type != Call.Type.CONSULTATION and resolved_on_line is not None:
        errors["resolved_on_line"] = ["只有諮詢類話務記錄是否線上立即回覆"]
    if type == Call.Type.CONSULTATION and resolved_on_line is None:
        errors["resolved_on_line"] = ["諮詢類話務須註明是否線上立即回覆"]
    if case is not None and type != Call.Type.CASE:
        errors["case"] = ["只有錄案後送的話務可連結案件"]
    if errors:
        raise ValidationError(errors)
    assert started_at is not None and ended_at is not None  # checked above
    started = started_at
    return Call(
        call_id=call_id.strip() or f"C{started:%Y%m%d%H%M%S}{secrets.token_hex(3).upper()}",
        started_at=started_at,
        ended_at=ended_at,
        type=type,
        resolved_on_line=resolved_on_line,
        case=case,
        satisfied=satisfied,
        operator=operator if getattr(operator, "pk", None) else None,
        operator_code=(operator_code or getattr(operator, "username", "") or "")[:40],
    )


def call_record(*, actor: Any, **fields: Any) -> Call:
    """Log one call handled by the 1999 centre."""
    _require_centre(actor)
    call = call_prepare(operator=fields.pop("operator", actor), **fields)
    with transaction.atomic():
        if Call.objects.filter(call_id=call.call_id).exists():
            raise ValidationError({"call_id": [f"話務編號「{call.call_id}」已存在"]})
        call.save()
    return call


def calls_bulk_create(calls: Sequence[Call], *, label: str) -> int:
    """Save prepared calls in one transaction with one audit event for the batch."""
    from yankao.service.bulk import fast_insert

    if not calls:
        return 0
    with transaction.atomic():
        fast_insert(calls)
        record_event(calls[0], note=f"批次新增 {len(calls)} 筆話務：{label}"[:300], changes={"count": len(calls)})
    return len(calls)


def sign_language_record(
    *,
    actor: Any,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    purpose: str,
    case: Case | None = None,
    note: str = "",
) -> SignLanguageSession:
    _require_centre(actor)
    errors = _span_errors(started_at, ended_at)
    if purpose not in {"consultation", "petition", "dispatch", "other"}:
        errors["purpose"] = [f"未知的服務內容「{purpose}」"]
    if errors:
        raise ValidationError(errors)
    session = SignLanguageSession(
        started_at=started_at,
        ended_at=ended_at,
        purpose=purpose,
        case=case,
        note=note[:300],
        operator=actor if getattr(actor, "pk", None) else None,
    )
    session.save()
    return session


def legal_consultation_book(
    *,
    actor: Any,
    point: LegalServicePoint | str,
    scheduled_at: dt.datetime,
    name: str,
    phone: str = "",
    topic: str = "",
) -> LegalConsultation:
    """預約法律諮詢 at one of the service points."""
    _require_centre(actor)
    if isinstance(point, str):
        found = LegalServicePoint.objects.filter(code=point, is_active=True).first()
        if found is None:
            raise ValidationError({"point": [f"未知的法律諮詢據點「{point}」"]})
        point = found
    if not name.strip():
        raise ValidationError({"name": ["請填寫預約人姓名"]})
    booking = LegalConsultation(
        point=point, scheduled_at=scheduled_at, name=name.strip()[:60], phone=phone[:30], topic=topic[:100]
    )
    booking.save()
    return booking


LEGAL_MOVES = {
    LegalConsultation.Status.ATTENDED: {LegalConsultation.Status.BOOKED},
    LegalConsultation.Status.NO_SHOW: {LegalConsultation.Status.BOOKED},
    LegalConsultation.Status.CANCELLED: {LegalConsultation.Status.BOOKED},
}


def legal_consultation_mark(
    *, actor: Any, booking: LegalConsultation, status: str, at: dt.datetime | None = None
) -> LegalConsultation:
    """到場 / 未到 / 取消 for a booking."""
    _require_centre(actor)
    allowed = LEGAL_MOVES.get(status)  # type: ignore[call-overload]
    if allowed is None or booking.status not in allowed:
        raise ValidationError(f"預約目前為「{booking.get_status_display()}」，不能改為「{status}」")
    booking.status = status
    if status == LegalConsultation.Status.ATTENDED:
        booking.attended_at = at or timezone.now()
    booking.save()
    return booking


def first_aid_record(*, actor: Any, served_at: dt.datetime, kind: str, note: str = "") -> FirstAidService:
    """保健服務: wound care and health education, or an emergency handled at the centre."""
    _require_centre(actor)
    if kind not in FirstAidService.Kind.values:
        raise ValidationError({"kind": [f"未知的保健服務類別「{kind}」"]})
    service = FirstAidService(served_at=served_at, kind=kind, note=note[:300])
    service.save()
    return service
