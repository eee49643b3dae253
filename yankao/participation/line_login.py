"""LINE Login → verified identity for participation (想提議、附議).

Auth plumbing, not a business rule: when a citizen signs in (or links an account) with LINE and
LINE's ID token reports a phone number, `services.verification_from_line` records it as the
citizen's verified identity (method LINE). LINE only gives a `phone_number` claim to channels
granted the `phone` scope, and numbers on LINE accounts are confirmed by SMS when the account is
registered; a claim `phone_number_verified: false` is never taken. The one-person-one-endorsement
rule then holds across a LINE account and a password account of the same phone.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

logger = logging.getLogger(__name__)


def _claims(extra_data: dict[str, Any]) -> dict[str, Any]:
    """allauth keeps LINE's decoded ID token under `id_token` (older versions: at the top level)."""
    token = extra_data.get("id_token")
    return token if isinstance(token, dict) else extra_data


def line_phone(extra_data: dict[str, Any]) -> str | None:
    """The verified phone number in LINE's ID-token claims, if any."""
    claims = _claims(extra_data)
    phone = str(claims.get("phone_number") or "").strip()
    if not phone or claims.get("phone_number_verified") is False:
        return None
    return phone


def record_line_verification(sociallogin: Any) -> bool:
    """Record the LINE-verified phone of a social login's citizen; True when recorded."""
    from yankao.participation.permissions import can_propose
    from yankao.participation.services import verification_from_line

    account = sociallogin.account
    user = getattr(sociallogin, "user", None) or account.user
    if account.provider != "line" or user is None or user.pk is None or not can_propose(user):
        return False
    phone = line_phone(account.extra_data or {})
    if phone is None:
        return False
    email = str(_claims(account.extra_data).get("email") or "")
    try:
        verification_from_line(user=user, mobile=phone, email=email)
    except (ValidationError, PermissionDenied) as exc:
        # e.g. the phone is already bound to another citizen: the sign-in still succeeds, the
        # identity stays unverified, and the citizen can verify by code on the verify page
        logger.info("LINE phone not recorded for user %s: %s", user.pk, exc)
        return False
    return True


def on_social_login(sender: Any, request: Any = None, sociallogin: Any = None, **kwargs: Any) -> None:
    if sociallogin is not None:
        record_line_verification(sociallogin)


def on_user_logged_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is not None:
        record_line_verification(sociallogin)
