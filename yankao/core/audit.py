"""Writing and verifying the audit trail.

Who and through which channel come from a context variable that the web middleware, the
commands, the importers and the task wrappers set with `audit_context(...)`.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from yankao.core.models.audit import AuditChainHead, AuditEvent

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditActor:
    actor_id: int | None
    label: str
    channel: str


_current: contextvars.ContextVar[AuditActor] = contextvars.ContextVar(
    "yankao_audit_actor",
    default=AuditActor(None, "system", AuditEvent.Channel.SYSTEM),  # noqa: B039 - frozen dataclass
)


@contextlib.contextmanager
def audit_context(*, user: Any = None, channel: str, label: str = "") -> Iterator[AuditActor]:
    """Attribute every change inside the block to `user` (or `label`) via `channel`."""
    if user is not None and getattr(user, "is_authenticated", False):
        actor = AuditActor(user.pk, label or user.get_username(), channel)
    else:
        actor = AuditActor(None, label or "anonymous", channel)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> AuditActor:
    return _current.get()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    exclude = set(getattr(instance, "audit_exclude", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    return data


def record_type(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {
        key: {"before": before.get(key), "after": after.get(key)} for key in keys if before.get(key) != after.get(key)
    }


def canonical(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_payload(event: AuditEvent) -> dict[str, Any]:
    """What the hash covers: every field of the event but the hashes themselves."""
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "channel": event.channel,
        "action": event.action,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "record_repr": event.record_repr,
        "changes": event.changes,
        "note": event.note,
    }


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical(event_payload(event))).encode()).hexdigest()


def append_event(
    *,
    action: str,
    record_type_label: str,
    record_id: str,
    record_repr: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Add one event in the caller's transaction; `audit_seal` links it into the chain later.

    No lock is taken here: every write of the system adds an event, and a chain tip locked until
    each writer's commit would let only one write transaction commit at a time.
    """
    actor = current_actor()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.actor_id,
        actor_label=actor.label[:200],
        channel=actor.channel,
        action=action,
        record_type=record_type_label,
        record_id=str(record_id)[:64],
        record_repr=record_repr[:300],
        changes=json.loads(canonical(changes or {})),
        note=note[:300],
    )
    event.save()
    return event


def audit_seal(batch_size: int = 5000) -> int:
    """Link the committed events not yet in the chain, oldest first; how many were sealed.

    One sealer at a time (the chain tip's row lock). An event whose transaction commits while a
    seal runs is sealed by the next one, after the events already sealed: `seq` is the order in
    which events joined the chain.
    """
    sealed = 0
    while True:
        with transaction.atomic():
            head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
            pending = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:batch_size])
            if not pending:
                return sealed
            prev_hash, seq = head.hash, head.seq
            for event in pending:
                seq += 1
                event.seq, event.prev_hash = seq, prev_hash
                event.hash = prev_hash = compute_hash(prev_hash, event)
            AuditEvent.objects.bulk_update(pending, ["seq", "prev_hash", "hash"], batch_size=1000)
            head.seq, head.hash = seq, prev_hash
            head.save(update_fields=["seq", "hash"])
            sealed += len(pending)


@contextlib.contextmanager
def record_save(instance: models.Model, *, before: dict[str, Any] | None, creating: bool) -> Iterator[None]:
    with transaction.atomic(savepoint=False):
        yield
        after = snapshot(instance)
        changes = _diff(before, after)
        if not creating and not changes:
            return
        append_event(
            action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
            record_type_label=record_type(instance),
            record_id=str(instance.pk),
            record_repr=str(instance),
            changes=changes,
        )


@contextlib.contextmanager
def record_delete(instance: models.Model) -> Iterator[None]:
    before = snapshot(instance)
    pk, label = instance.pk, str(instance)
    with transaction.atomic(savepoint=False):
        yield
        append_event(
            action=AuditEvent.Action.DELETE,
            record_type_label=record_type(instance),
            record_id=str(pk),
            record_repr=label,
            changes=_diff(before, None),
        )


def record_event(instance: models.Model, *, note: str, changes: dict[str, Any] | None = None) -> AuditEvent:
    """A domain event that is not a field change (a login, an export, a bulk import batch)."""
    return append_event(
        action=AuditEvent.Action.EVENT,
        record_type_label=record_type(instance),
        record_id=str(instance.pk),
        record_repr=str(instance),
        changes=changes or {},
        note=note,
    )


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify_chain(batch_size: int = 5000) -> VerifyResult:
    """Seal what is pending, then walk the chain in order; report the first event that was
    altered, removed or reordered."""
    audit_seal()
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    qs = AuditEvent.objects.filter(seq__isnull=False).order_by("seq")
    while True:
        batch = list(qs.filter(seq__gt=last_seq)[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, f"事件 #{expected_seq} 遺失（被刪除）")
            if event.prev_hash != prev_hash:
                return VerifyResult(False, checked, event.seq, f"事件 #{event.seq} 的前一雜湊不符（鏈被改動）")
            if compute_hash(prev_hash, event) != event.hash:
                return VerifyResult(False, checked, event.seq, f"事件 #{event.seq} 內容被改動")
            prev_hash = event.hash
            expected_seq += 1
            checked += 1
            last_seq = event.seq
    head = AuditChainHead.objects.filter(id=1).first()
    if head and (head.seq != last_seq or head.hash != prev_hash):
        missing = last_seq + 1
        return VerifyResult(False, checked, missing, f"事件 #{missing} 之後的事件遺失（鏈尾被刪除）")
    return VerifyResult(True, checked)


def history_for(instance: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(record_type=record_type(instance), record_id=str(instance.pk)).order_by("-id")
