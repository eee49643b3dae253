"""1999 hotline records (話務紀錄), sign-language video sessions, legal consultations, first aid."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel
from yankao.service.models.cases import Case
from yankao.service.models.rules import LegalServicePoint


class Call(AuditedModel):
    """One call handled by the 1999 centre (24 hours, all year)."""

    class Type(models.TextChoices):
        CONSULTATION = "consultation", "諮詢類"
        CASE = "case", "錄案後送"
        OTHER = "other", "其他類"

    call_id = models.CharField("話務編號", max_length=40, unique=True)
    started_at = models.DateTimeField("開始時間")
    ended_at = models.DateTimeField("結束時間")
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    operator_code = models.CharField("話務人員代號", max_length=40, blank=True)
    type = models.CharField("類型", max_length=15, choices=Type.choices)
    resolved_on_line = models.BooleanField("線上立即回覆", null=True, blank=True)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls")
    satisfied = models.BooleanField("滿意（受訪者）", null=True, blank=True, help_text="空白：未受訪")

    class Meta:
        verbose_name = verbose_name_plural = "話務紀錄"
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["started_at"], name="service_call_started"),
            models.Index(fields=["updated_at"], name="service_call_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gte=F("started_at")), name="service_call_ends_after_start"),
            models.CheckConstraint(
                condition=Q(type="consultation") | Q(resolved_on_line__isnull=True),
                name="service_call_resolved_only_consultation",
            ),
        ]

    def __str__(self) -> str:
        return self.call_id


class SignLanguageSession(AuditedModel):
    """1999 手語視訊服務 (LINE video) with a deaf or hard-of-hearing citizen."""

    started_at = models.DateTimeField("開始時間")
    ended_at = models.DateTimeField("結束時間")
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(
        "服務內容",
        max_length=15,
        choices=[("consultation", "市政諮詢"), ("petition", "陳情"), ("dispatch", "派工"), ("other", "其他")],
    )
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField("備註", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "手語視訊服務"
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["started_at"], name="service_sign_started")]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gte=F("started_at")), name="service_sign_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"手語視訊 {self.started_at:%Y-%m-%d %H:%M}"


class LegalConsultation(AuditedModel):
    """免費法律諮詢: a booking at a service point, then attended / no-show / cancelled."""

    class Status(models.TextChoices):
        BOOKED = "booked", "已預約"
        ATTENDED = "attended", "已到場諮詢"
        NO_SHOW = "no_show", "未到"
        CANCELLED = "cancelled", "已取消"

    point = models.ForeignKey(LegalServicePoint, on_delete=models.PROTECT, related_name="+", verbose_name="據點")
    scheduled_at = models.DateTimeField("預約時段")
    name = models.CharField("姓名", max_length=60)
    phone = models.CharField("電話", max_length=30, blank=True)
    topic = models.CharField("諮詢主題", max_length=100, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.BOOKED)
    attended_at = models.DateTimeField("到場時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律諮詢"
        ordering = ["-scheduled_at"]
        indexes = [models.Index(fields=["scheduled_at"], name="service_legal_scheduled")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="attended") | Q(attended_at__isnull=False), name="service_legal_attended_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.point} {self.scheduled_at:%Y-%m-%d %H:%M}"


class FirstAidService(AuditedModel):
    """保健服務 at the centre: simple wound care and health education, or an emergency handled."""

    class Kind(models.TextChoices):
        WOUND_CARE = "wound_care", "簡易傷口包紮消毒"
        EDUCATION = "education", "衛教服務"
        EMERGENCY = "emergency", "突發狀況簡易醫療處理"

    served_at = models.DateTimeField("服務時間")
    kind = models.CharField("類別", max_length=12, choices=Kind.choices)
    note = models.CharField("備註", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "保健服務"
        ordering = ["-served_at"]
        indexes = [models.Index(fields=["served_at"], name="service_firstaid_served")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.served_at:%Y-%m-%d}"
