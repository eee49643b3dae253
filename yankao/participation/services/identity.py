"""Verifying who a citizen is: mobile and email codes, or LINE with a verified phone.

An account is bound to one identity; a second account verifying the same mobile number
resolves to the same identity (so it cannot endorse or vote again), and an account already
bound cannot switch to another number on its own (a changed number goes through the
commission), so one account cannot collect two identities either.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from yankao.core.notify import notify
from yankao.participation.models import CitizenVerification, ProposalRules, VerificationCode, VerifiedIdentity
from yankao.participation.permissions import can_propose

from .common import deny, keyed_hash, local_date, now_or

_MOBILE = re.compile(r"^09\d{8}$")


def normalise_mobile(raw: str) -> str:
    """0912-345-678, +886 912 345 678, ０９１２３４５６７８ → 0912345678; anything else is refused."""
    digits = re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", raw or ""))
    if digits.startswith("+886"):
        digits = "0" + digits[4:]
    elif digits.startswith("886") and len(digits) == 12:
        digits = "0" + digits[3:]
    if not _MOBILE.match(digits):
        raise ValidationError("請輸入正確的手機號碼（09 開頭，共 10 碼）。", code="mobile")
    return digits


def identity_hash(mobile: str) -> str:
    return keyed_hash("identity", normalise_mobile(mobile))


def _verification(user: Any) -> CitizenVerification:
    verification, _ = CitizenVerification.objects.get_or_create(user=user)
    return verification


def verification_for(user: Any) -> CitizenVerification | None:
    if getattr(user, "pk", None) is None:
        return None
    return CitizenVerification.objects.filter(user=user).select_related("identity", "residence_district").first()


def require_verified(user: Any) -> CitizenVerification:
    """The verification of a citizen whose mobile and email are both verified, or a clear refusal."""
    deny(can_propose(user), "此功能限市民帳號使用，請以市民帳號登入。")
    verification = verification_for(user)
    if verification is None or not verification.is_verified or verification.identity is None:
        raise PermissionDenied("請先完成手機與電子郵件實名驗證，才能提議、附議或投票。")
    return verification


def verified_identity(user: Any) -> VerifiedIdentity:
    """The identity of a verified citizen (see `require_verified`)."""
    identity = require_verified(user).identity
    assert identity is not None
    return identity


def verification_code_send(*, user: Any, channel: str, target: str, now: dt.datetime | None = None) -> VerificationCode:
    """Send a 6-digit code by SMS (mobile) or email; rate-limited per account and per number/address."""
    deny(can_propose(user), "此功能限市民帳號使用。")
    now = now_or(now)
    rules = ProposalRules.in_force(local_date(now))
    if channel == VerificationCode.Channel.SMS:
        target = normalise_mobile(target)
        _check_identity_binding(user, target)
    elif channel == VerificationCode.Channel.EMAIL:
        target = (target or "").strip().lower()
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", target):
            raise ValidationError("請輸入正確的電子郵件地址。", code="email")
    else:
        raise ValidationError("不支援的驗證管道。", code="channel")
    hour_ago = now - dt.timedelta(hours=1)
    recent = VerificationCode.objects.filter(sent_at__gt=hour_ago, channel=channel)
    if (
        recent.filter(user=user).count() >= rules.code_max_per_hour
        or recent.filter(target=target).count() >= rules.code_max_per_hour
    ):
        raise ValidationError("驗證碼發送過於頻繁，請一小時後再試。", code="rate")
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        sent = VerificationCode.objects.create(
            user=user,
            channel=channel,
            target=target,
            code_hash=keyed_hash("code", f"{channel}:{target}:{code}"),
            sent_at=now,
            expires_at=now + dt.timedelta(minutes=rules.code_ttl_minutes),
        )
        notify(
            channel=channel,
            to=target,
            subject="【高雄市政府公民參與】驗證碼",
            message=f"您的公民參與驗證碼為 {code}，{rules.code_ttl_minutes} 分鐘內有效。請勿提供給他人。",
        )
    return sent


def _check_identity_binding(user: Any, mobile: str) -> None:
    current = verification_for(user)
    if current and current.identity is not None and current.identity.phone_hash != keyed_hash("identity", mobile):
        raise ValidationError("此帳號已綁定其他手機號碼；如需變更，請洽研考會。", code="bound")


def verification_code_confirm(
    *, user: Any, channel: str, code: str, now: dt.datetime | None = None
) -> CitizenVerification:
    """Check the latest code sent to the account on `channel`; a wrong code counts as an attempt."""
    deny(can_propose(user), "此功能限市民帳號使用。")
    now = now_or(now)
    rules = ProposalRules.in_force(local_date(now))
    sent = (
        VerificationCode.objects.filter(user=user, channel=channel, used_at__isnull=True)
        .order_by("-sent_at", "-pk")
        .first()
    )
    if sent is None or sent.expires_at < now:
        raise ValidationError("驗證碼已失效，請重新取得驗證碼。", code="expired")
    if sent.attempts >= rules.code_max_attempts:
        raise ValidationError("驗證碼錯誤次數過多，請重新取得驗證碼。", code="attempts")
    code = re.sub(r"\s", "", unicodedata.normalize("NFKC", code or ""))
    if keyed_hash("code", f"{channel}:{sent.target}:{code}") != sent.code_hash:
        sent.attempts += 1
        sent.save(update_fields=["attempts", "updated_at"])  # kept: the refusal must not roll it back
        raise ValidationError("驗證碼不正確。", code="wrong")
    with transaction.atomic():
        sent.used_at = now
        sent.save(update_fields=["used_at", "updated_at"])
        verification = _verification(user)
        if channel == VerificationCode.Channel.SMS:
            _bind_phone(verification, sent.target, now)
        else:
            verification.email = sent.target
            verification.email_verified_at = now
            verification.save()
    return verification


def _identity_for(mobile: str, now: dt.datetime) -> VerifiedIdentity:
    digest = keyed_hash("identity", mobile)
    try:
        with transaction.atomic():
            identity, _ = VerifiedIdentity.objects.get_or_create(phone_hash=digest, defaults={"verified_at": now})
    except IntegrityError:  # another account verified the same number at the same moment
        identity = VerifiedIdentity.objects.get(phone_hash=digest)
    return identity


def _bind_phone(verification: CitizenVerification, mobile: str, now: dt.datetime) -> None:
    identity = _identity_for(mobile, now)
    if verification.identity_id and verification.identity_id != identity.pk:
        raise ValidationError("此帳號已綁定其他手機號碼；如需變更，請洽研考會。", code="bound")
    verification.identity = identity
    verification.phone = mobile
    verification.phone_verified_at = now
    verification.save()


def verification_from_line(
    *, user: Any, mobile: str, email: str = "", now: dt.datetime | None = None
) -> CitizenVerification:
    """A LINE sign-in whose provider reports a verified mobile number counts as verified (方式：LINE)."""
    deny(can_propose(user), "此功能限市民帳號使用。")
    now = now_or(now)
    mobile = normalise_mobile(mobile)
    with transaction.atomic():
        verification = _verification(user)
        _bind_phone(verification, mobile, now)
        verification.method = CitizenVerification.Method.LINE
        if email:
            verification.email = email.strip().lower()
        verification.save()
    return verification


def verification_set_residence(*, user: Any, district: Any) -> CitizenVerification:
    """The district the citizen declares as home (for district-scoped participatory budgets)."""
    deny(can_propose(user), "此功能限市民帳號使用。")
    with transaction.atomic():
        verification = _verification(user)
        verification.residence_district = district
        verification.save()
    return verification
