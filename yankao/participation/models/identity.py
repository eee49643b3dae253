"""Verified identities: one per real person, however many accounts that person holds.

A person is identified by a keyed hash (HMAC-SHA256 with the site key) of their normalised,
verified mobile number; two accounts that verify the same number resolve to the same
`VerifiedIdentity`, so an endorsement or a ballot counted on the identity cannot be repeated
from a second account. The number itself is kept only on the account's verification record
(to send notifications), never on the identity.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel


class VerifiedIdentity(AuditedModel):
    phone_hash = models.CharField("手機號碼雜湊", max_length=64, unique=True)
    verified_at = models.DateTimeField("首次驗證時間")

    class Meta:
        verbose_name = verbose_name_plural = "實名驗證身分"

    def __str__(self) -> str:
        return f"身分 #{self.pk}"


class CitizenVerification(AuditedModel):
    """An account's verified contacts (mobile and email) and the identity they resolve to."""

    class Method(models.TextChoices):
        CODES = "codes", "手機與電子郵件驗證碼"
        LINE = "line", "LINE 登入（已驗證手機）"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_verification"
    )
    identity = models.ForeignKey(
        VerifiedIdentity, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    method = models.CharField("驗證方式", max_length=10, choices=Method.choices, default=Method.CODES)
    phone = models.CharField("手機號碼", max_length=20, blank=True)
    phone_verified_at = models.DateTimeField("手機驗證時間", null=True, blank=True)
    email = models.EmailField("電子郵件", blank=True)
    email_verified_at = models.DateTimeField("電子郵件驗證時間", null=True, blank=True)
    residence_district = models.ForeignKey(
        "org.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="居住行政區"
    )

    class Meta:
        verbose_name = verbose_name_plural = "帳號實名驗證"
        constraints = [
            models.CheckConstraint(
                condition=Q(identity__isnull=True) | Q(phone_verified_at__isnull=False),
                name="verification_identity_needs_phone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} 的實名驗證"

    @property
    def is_verified(self) -> bool:
        """Both mobile and email verified (or LINE with a verified phone) and resolved to an identity."""
        if self.identity_id is None or self.phone_verified_at is None:
            return False
        return self.method == self.Method.LINE or self.email_verified_at is not None


class VerificationCode(AuditedModel):
    """A one-time code sent by SMS or email; only its keyed hash is stored."""

    class Channel(models.TextChoices):
        SMS = "sms", "簡訊"
        EMAIL = "email", "電子郵件"

    audit_exclude = ("code_hash", "created_at", "updated_at")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField("管道", max_length=10, choices=Channel.choices)
    target = models.CharField("送達對象", max_length=254)
    code_hash = models.CharField(max_length=64)
    sent_at = models.DateTimeField("發送時間")
    expires_at = models.DateTimeField("失效時間")
    attempts = models.PositiveSmallIntegerField("錯誤次數", default=0)
    used_at = models.DateTimeField("使用時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "驗證碼"
        indexes = [models.Index(fields=["user", "channel", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}驗證碼 #{self.pk}"
