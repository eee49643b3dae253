"""Writes of the Open311 app: issuing and revoking API keys, receiving service requests and
updates through the API (idempotently), and the rate limits.

A POSTed request becomes a case through the service app's own `case_create`, so it is routed,
given its deadline and number exactly as a case filed on the web; the submission record that
makes a retried POST find its first answer is written in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from yankao.core.audit import audit_context
from yankao.core.cache import count_and_get
from yankao.open311 import permissions
from yankao.open311.georeport import ApiError, parse_datetime
from yankao.open311.models import ApiClient, ApiPolicy, RequestUpdate, ServiceAttribute, Submission
from yankao.open311.selectors import (
    CLIENTS,
    CLIENTS_STAMP,
    api_policy,
    attributes_for,
    case_by_request_id,
    client_for_key,
    key_hash,
    published_category,
)
from yankao.service.models.cases import Case, Channel, ReplyChannel
from yankao.service.services import case_create

KEY_BYTES = 24


# --- API keys ---------------------------------------------------------------------------------


def new_api_key() -> str:
    return "o311_" + secrets.token_urlsafe(KEY_BYTES)


def api_client_create(
    *, actor: Any, name: str, contact: str = "", per_minute: int | None = None
) -> tuple[ApiClient, str]:
    """發給金鑰: a named client application gets a new key (returned once; only its hash is kept)."""
    if actor is not None and not permissions.can_manage_clients(actor):
        raise PermissionDenied("只有研考會可以發給 API 金鑰")
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 100:
        errors["name"] = ["請填寫應用程式名稱（100 字以內）"]
    elif ApiClient.objects.filter(name=name).exists():
        errors["name"] = [f"已有名為「{name}」的應用程式"]
    limit = per_minute if per_minute is not None else api_policy().key_per_minute_default
    if limit < 1 or limit > 1_000_000:
        errors["per_minute"] = ["每分鐘請求上限須介於 1 與 1,000,000 之間"]
    if errors:
        raise ValidationError(errors)
    raw = new_api_key()
    client = ApiClient(
        name=name,
        contact=(contact or "").strip()[:200],
        key_prefix=raw[:12],
        key_hash=key_hash(raw),
        per_minute=limit,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    client.save()
    return client, raw


def api_client_revoke(*, actor: Any, client: ApiClient) -> ApiClient:
    """撤銷: the key stops working at once; its past requests stay linked to it."""
    if actor is not None and not permissions.can_manage_clients(actor):
        raise PermissionDenied("只有研考會可以撤銷 API 金鑰")
    if not client.is_active:
        raise ValidationError("此金鑰已撤銷")
    client.is_active, client.revoked_at = False, timezone.now()
    client.save()
    return client


# --- rate limits ------------------------------------------------------------------------------


def rate_limit_count(
    *, bucket: str, now: dt.datetime | None = None, read: Sequence[str] = ()
) -> tuple[int, int, list[Any]]:
    """Count one request in this minute's window of `bucket`: the count so far, the seconds left in
    the window, and the values of the cache keys `read` (read in the same round trip)."""
    now = now or timezone.now()
    key = f"open311:rl:{bucket}:{int(now.timestamp()) // 60}"
    count, values = count_and_get(key, timeout=70, keys=read)
    return count, 60 - int(now.timestamp()) % 60, values


def rate_limit_hit(*, bucket: str, limit: int, now: dt.datetime | None = None) -> int | None:
    """Count one request in this minute's window; the seconds to wait when over `limit`, else None."""
    count, wait, _ = rate_limit_count(bucket=bucket, now=now)
    return wait if count > limit else None


def rate_limited(wait: int | None) -> None:
    if wait is not None:
        raise ApiError(429, f"請求過於頻繁，請於 {wait} 秒後再試", headers={"Retry-After": str(wait)})


def rate_limit_check(*, client: ApiClient | None, ip: str, policy: ApiPolicy) -> None:
    """Per key for clients, per IP for anonymous requests; ApiError(429) when over."""
    if client is not None:
        rate_limited(rate_limit_hit(bucket=f"key:{client.pk}", limit=client.per_minute))
    else:
        rate_limited(rate_limit_hit(bucket=f"ip:{ip}", limit=policy.anonymous_per_minute))


def caller_check(*, raw_key: str, ip: str, policy: ApiPolicy) -> ApiClient | None:
    """The client holding `raw_key` (None without a key), counted against its rate limit (per key;
    per IP without one): ApiError 403 for an unknown or revoked key, 429 over the limit.

    The key comes from this process's snapshot; the shared stamp of the clients is read with the
    count, and a snapshot older than the last change is reloaded before the answer, so a key
    revoked in another process is refused from the next request on.
    """
    if not raw_key:
        rate_limit_check(client=None, ip=ip, policy=policy)
        return None
    client = client_for_key(raw_key)
    if client is None:
        raise ApiError(403, "api_key 無效或已撤銷")
    count, wait, (stamp,) = rate_limit_count(bucket=f"key:{client.pk}", read=[CLIENTS_STAMP])
    if stamp != CLIENTS.get().stamp:
        client = client_for_key(raw_key, stamp=stamp or "")
        if client is None:
            raise ApiError(403, "api_key 無效或已撤銷")
    rate_limited(wait if count > client.per_minute else None)
    return client


# --- POST requests ----------------------------------------------------------------------------


@dataclass
class SubmitResult:
    payload: list[dict[str, Any]]
    created: bool


def _request_hash(data: dict[str, list[str]]) -> str:
    canonical = "&".join(f"{k}={v}" for k in sorted(data) if k != "api_key" for v in data[k])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _check_attribute(attribute: ServiceAttribute, values: list[str]) -> str | list[str]:
    label = f"attribute[{attribute.code}]"
    if attribute.datatype == ServiceAttribute.Datatype.MULTI:
        bad = [v for v in values if v not in attribute.value_keys]
        if bad:
            raise ApiError(400, f"{label} 的值「{bad[0][:30]}」不在選項中")
        return values
    if len(values) > 1:
        raise ApiError(400, f"{label} 只能有一個值")
    value = values[0]
    if len(value) > attribute.max_length:
        raise ApiError(400, f"{label} 超過 {attribute.max_length} 字")
    if attribute.datatype == ServiceAttribute.Datatype.SINGLE and value not in attribute.value_keys:
        raise ApiError(400, f"{label} 的值「{value[:30]}」不在選項中")
    if attribute.datatype == ServiceAttribute.Datatype.NUMBER:
        try:
            float(value)
        except ValueError:
            raise ApiError(400, f"{label} 須為數字") from None
    if attribute.datatype == ServiceAttribute.Datatype.DATETIME:
        parse_datetime(value, label)
    return value


def attributes_clean(category_id: int, data: dict[str, list[str]]) -> dict[str, Any]:
    """`attribute[code]` and `attribute[code][]` checked against the service definition."""
    given: dict[str, list[str]] = {}
    for key, values in data.items():
        if key.startswith("attribute[") and key.endswith("]"):
            code = key[len("attribute[") :].removesuffix("[]").removesuffix("]")
            given.setdefault(code, []).extend(v.strip() for v in values if v.strip())
    known = {a.code: a for a in attributes_for(category_id)}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise ApiError(400, f"此服務沒有屬性「{unknown[0][:40]}」")
    cleaned: dict[str, Any] = {}
    for code, attribute in known.items():
        values = given.get(code, [])
        if not values:
            if attribute.required and attribute.variable:
                raise ApiError(400, f"缺少必填屬性 attribute[{code}]")
            continue
        cleaned[code] = _check_attribute(attribute, values)
    return cleaned


def _one(data: dict[str, list[str]], name: str, limit: int = 200) -> str:
    values = data.get(name) or [""]
    value = values[-1].strip()
    if len(value) > limit:
        raise ApiError(400, f"{name} 超過 {limit} 字")
    return value


def _contact(data: dict[str, list[str]]) -> dict[str, Any]:
    email = _one(data, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ApiError(400, f"email「{email[:40]}」格式不正確") from None
    name = f"{_one(data, 'last_name', 30)}{_one(data, 'first_name', 30)}".strip()
    phone = _one(data, "phone", 30)
    return {
        "contact_name": name,
        "contact_email": email,
        "contact_phone": phone,
        "reply_channel": ReplyChannel.EMAIL if email else ReplyChannel.NONE,
        "may_contact": bool(email or phone),
    }


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(f"{field}：{'、'.join(msgs)}" for field, msgs in exc.message_dict.items())
    return "；".join(exc.messages)


def _prepare_fields(data: dict[str, list[str]], policy: ApiPolicy) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    jurisdiction = _one(data, "jurisdiction_id", 100)
    if jurisdiction and jurisdiction != policy.jurisdiction_id:
        raise ApiError(404, f"jurisdiction_id「{jurisdiction[:40]}」不存在，本端點為 {policy.jurisdiction_id}")
    code = _one(data, "service_code", 40)
    if not code:
        raise ApiError(400, "缺少 service_code")
    info = published_category(code)
    if info is None or not info.is_public:
        raise ApiError(400, f"service_code「{code}」不存在或未開放")
    lat, lng = _one(data, "lat", 40), _one(data, "long", 40)
    address = _one(data, "address_string", 200)
    address_id = _one(data, "address_id", 100)
    if not ((lat and lng) or address or address_id):
        raise ApiError(400, "須提供位置：lat 與 long，或 address_string，或 address_id")
    media_url = _one(data, "media_url", 500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise ApiError(400, "media_url 不是有效的網址") from None
    fields: dict[str, Any] = {
        "description": _one(data, "description", 100_000) or info.name,
        "address": address or address_id,
        "lat": lat or None,
        "lng": lng or None,
        **_contact(data),
    }
    extra = {
        "media_url": media_url,
        "device_id": _one(data, "device_id", 100),
        "account_id": _one(data, "account_id", 100),
        "attributes": attributes_clean(info.pk, data),
    }
    return info, fields, extra


def _answer(submission: Submission, info_type: str) -> list[dict[str, Any]]:
    case = submission.case
    notice = f"處理期限：{timezone.localtime(case.deadline_at):%Y-%m-%d %H:%M}" if case.deadline_at else None
    item: dict[str, Any] = {"token": submission.token, "service_notice": notice}
    if info_type != "batch":
        item = {"service_request_id": case.number, **item}
    item["account_id"] = submission.account_id or None
    return [item]


def _replay(client: ApiClient, key: str, request_hash: str) -> SubmitResult | None:
    found = Submission.objects.filter(client=client, idempotency_key=key).select_related("case").first()
    if found is None:
        return None
    if found.request_hash != request_hash:
        raise ApiError(422, "此 Idempotency-Key 已用於內容不同的請求")
    info = published_category(found.case.category.service_code)
    return SubmitResult(_answer(found, info.service_type if info else "realtime"), created=False)


def request_submit(
    *,
    client: ApiClient,
    data: dict[str, list[str]],
    idempotency_key: str = "",
    now: dt.datetime | None = None,
    policy: ApiPolicy | None = None,
) -> SubmitResult:
    """POST requests: one case per idempotency key, however often the client retries.

    The case and its submission record commit together, and the submission's unique (client, key)
    is the check: a first POST costs no lookup. A retry after a lost answer (or after the server
    died), or a concurrent request with the same key, meets the constraint; its transaction rolls
    back (its case with it, leaving a gap in the day's numbers) and it replays the first answer.
    A retry that no longer validates (a category withdrawn since) replays it too.
    """
    key = idempotency_key.strip()
    if len(key) > 255:
        raise ApiError(400, "Idempotency-Key 超過 255 字")
    request_hash = _request_hash(data)
    try:
        info, fields, extra = _prepare_fields(data, policy or api_policy())
    except ApiError:
        replay = _replay(client, key, request_hash) if key else None
        if replay is not None:
            return replay
        raise
    for attempt in (1, 2):
        try:
            submission = _create(client, key, request_hash, info.code, fields, extra, now)
            return SubmitResult(_answer(submission, info.service_type), created=True)
        except ValidationError as exc:
            replay = _replay(client, key, request_hash) if key else None
            if replay is not None:
                return replay
            raise ApiError(400, _validation_message(exc)) from None
        except IntegrityError:
            # the same key committed meanwhile (replay its answer), or a unique number was taken by a
            # concurrent request (the day's first case number): the transaction rolled back, try again
            replay = _replay(client, key, request_hash) if key else None
            if replay is not None:
                return replay
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _create(
    client: ApiClient,
    key: str,
    request_hash: str,
    code: str,
    fields: dict[str, Any],
    extra: dict[str, Any],
    now: dt.datetime | None,
) -> Submission:
    """The case and its submission record, in one transaction (the case's own)."""
    submission = Submission(
        client=client, idempotency_key=key or None, request_hash=request_hash, token=str(uuid.uuid4()), **extra
    )

    def save_submission(case: Case) -> None:
        submission.case = case
        submission.save()

    with audit_context(channel="api", label=f"open311:{client.name}"):
        case_create(
            actor=None,
            channel=Channel.DIGITAL_CITIZEN,
            category=code,
            received_at=now,
            also_save=save_submission,
            **fields,
        )
    return submission


# --- POST servicerequestupdates (mySociety) ---------------------------------------------------

CLIENT_STATUSES = {
    "OPEN",
    "CLOSED",
    "FIXED",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "INVESTIGATING",
    "DUPLICATE",
    "NOT_COUNCILS_RESPONSIBILITY",
    "NO_FURTHER_ACTION",
    "INTERNAL_REFERRAL",
}


def request_update_post(*, client: ApiClient, data: dict[str, list[str]]) -> RequestUpdate:
    """A client's update on a request (a citizen's comment): kept with the case, idempotent per
    (client, update_id). It never changes the case's status, which only the agency changes; no
    name or email of the citizen is stored."""
    request_id = _one(data, "service_request_id", 40)
    update_id = _one(data, "update_id", 100)
    if not request_id or not update_id:
        raise ApiError(400, "缺少 service_request_id 或 update_id")
    status = _one(data, "status", 40)
    if status and status not in CLIENT_STATUSES:
        raise ApiError(400, f"status「{status[:30]}」不正確")
    description = _one(data, "description", 4000)
    if not description:
        raise ApiError(400, "缺少 description")
    raw_when = _one(data, "updated_datetime", 40)
    when = parse_datetime(raw_when, "updated_datetime") if raw_when else timezone.now()
    media_url = _one(data, "media_url", 500)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise ApiError(400, "media_url 不是有效的網址") from None
    case = case_by_request_id(request_id)
    if case is None:
        raise ApiError(404, f"service_request_id「{request_id}」不存在")
    existing = RequestUpdate.objects.filter(client=client, client_update_id=update_id).first()
    if existing is not None:
        return existing
    update = RequestUpdate(
        client=client,
        case=case,
        client_update_id=update_id,
        status=status,
        description=description,
        media_url=media_url,
        updated_datetime=when,
    )
    try:
        with audit_context(channel="api", label=f"open311:{client.name}"), transaction.atomic():
            update.save()
    except IntegrityError:
        return RequestUpdate.objects.get(client=client, client_update_id=update_id)
    return update
