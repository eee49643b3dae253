"""Rules of administration as data (Kaohsiung defaults in migration 0002), editable by the commission.

A case copies the rule values it was given (agency, deadline amount/unit/time) so that a later
edit of these rows never rewrites an existing case.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.core.workdays import DeadlineUnit

# A route target that means "the district office (區公所) of the case's district".
DISTRICT_OFFICE = "@district"


class DeadlineRule(AuditedModel):
    """處理期限: how long an agency has for a kind of case; versioned by `effective_from`."""

    code = models.CharField("規則代碼", max_length=40)
    name = models.CharField("名稱", max_length=100)
    amount = models.DecimalField("期限數量", max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField("單位", max_length=20, choices=DeadlineUnit.choices)
    effective_from = models.DateField("生效日", default=dt.date(2000, 1, 1))

    class Meta:
        verbose_name = verbose_name_plural = "處理期限規則"
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="service_deadline_rule_version"),
            # 人民陳情: at most 30 days, whatever unit the commission chooses
            models.CheckConstraint(
                condition=~Q(unit__in=["working_days", "calendar_days"]) | Q(amount__lte=30),
                name="service_deadline_at_most_30_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.amount:g} {self.get_unit_display()}）"


class Category(AuditedModel):
    """案件類別: the catalogue a case is filed under; `service_code` is stable (Open311)."""

    class Kind(models.TextChoices):
        PETITION = "petition", "人民陳情"
        DISPATCH = "dispatch", "派工"
        CONSULTATION = "consultation", "諮詢"
        OTHER = "other", "其他"

    service_code = models.CharField("服務代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=60, unique=True)
    group = models.CharField("分類群組", max_length=30, blank=True)
    kind = models.CharField("案件類型", max_length=15, choices=Kind.choices)
    description = models.CharField("說明", max_length=300, blank=True)
    is_urgent_hazard = models.BooleanField(
        "緊急派工（立即危險）", default=False, help_text="4 小時內處理，全天候計時，並立即通知權責機關"
    )
    deadline_rule_code = models.CharField("期限規則代碼", max_length=40)
    is_public = models.BooleanField("民眾可選", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "案件類別"
        ordering = ["sort_order", "service_code"]

    def __str__(self) -> str:
        return self.name


class CategoryRoute(AuditedModel):
    """分案規則: category (optionally in one district) → the responsible agency's code.

    `agency_code` is an `org.Agency.code`, or "@district" for the district office of the case's
    district. A route for the case's district wins over the category's default (blank district).
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routes", verbose_name="類別")
    district_name = models.CharField("行政區", max_length=20, blank=True, help_text="空白表示全市")
    agency_code = models.CharField("權責機關代碼", max_length=20)

    class Meta:
        verbose_name = verbose_name_plural = "分案規則"
        ordering = ["category", "district_name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "district_name"], name="service_route_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category}・{self.district_name or '全市'} → {self.agency_code}"


class EscalationStep(AuditedModel):
    """逾期通報階梯: who is told when a case is `days_overdue` days past its deadline."""

    class Notify(models.TextChoices):
        AGENCY_MANAGER = "agency_manager", "機關主管"
        COMMISSION = "commission", "研考會（聯合服務中心）"

    level = models.PositiveSmallIntegerField("層級", unique=True, validators=[MinValueValidator(1)])
    days_overdue = models.PositiveSmallIntegerField("逾期日數")
    notify = models.CharField("通知對象", max_length=20, choices=Notify.choices)

    class Meta:
        verbose_name = verbose_name_plural = "逾期通報階梯"
        ordering = ["level"]

    def __str__(self) -> str:
        return f"第 {self.level} 層：逾期 {self.days_overdue} 日通知{self.get_notify_display()}"


class ServicePolicy(AuditedModel):
    """Limits and windows of the service centre, versioned by `effective_from`."""

    effective_from = models.DateField("生效日", unique=True, default=dt.date(2000, 1, 1))
    reply_max_chars = models.PositiveIntegerField("回覆字數上限", default=2000)
    description_max_chars = models.PositiveIntegerField("陳情內容字數上限", default=4000)
    attachment_max_bytes = models.PositiveIntegerField("附件大小上限（位元組）", default=10 * 1024 * 1024)
    attachment_max_count = models.PositiveSmallIntegerField("附件數量上限", default=5)
    duplicate_distance_m = models.PositiveIntegerField("重複案件距離（公尺）", default=100)
    duplicate_window_hours = models.PositiveIntegerField("重複案件時間窗（小時）", default=72)
    duplicate_text_similarity = models.DecimalField(
        "重複案件文字相似度門檻",
        max_digits=3,
        decimal_places=2,
        default=0.30,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )

    class Meta:
        verbose_name = verbose_name_plural = "服務設定"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"服務設定（{self.effective_from} 起）"


class LegalServicePoint(AuditedModel):
    """法律諮詢服務據點 (四維行政中心, 鳳山, 岡山, 旗山, 林園, 前鎮, 旗津區公所, 新住民會館)."""

    code = models.CharField("代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律諮詢據點"
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.name
