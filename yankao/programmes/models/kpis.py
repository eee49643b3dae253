"""中程施政計畫關鍵績效指標 (KPI): indicators per agency, yearly targets and actuals, suggestions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


def value_field(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=4, **kwargs)


class KpiIndicator(AuditedModel):
    class Direction(models.TextChoices):
        HIGHER = "higher", "越高越好"
        LOWER = "lower", "越低越好"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="kpis", verbose_name="機關")
    code = models.CharField("指標代碼", max_length=30)
    name = models.CharField("指標名稱", max_length=200)
    unit = models.CharField("單位", max_length=20)
    direction = models.CharField("方向", max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    plan_period = models.CharField("中程計畫期間", max_length=20, blank=True)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "關鍵績效指標"
        ordering = ["agency__sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="kpi_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class KpiValue(AuditedModel):
    indicator = models.ForeignKey(KpiIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField("年度（民國）")
    target = value_field("目標值")
    actual = value_field("實際值", null=True, blank=True)
    note = models.CharField("說明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "KPI 年度值"
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="kpi_value_unique"),
            models.CheckConstraint(condition=Q(target__gt=0), name="kpi_target_positive"),
            models.CheckConstraint(condition=Q(actual__isnull=True) | Q(actual__gte=0), name="kpi_actual_not_negative"),
        ]
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}年"


class KpiSuggestion(AuditedModel):
    """改善建議: the commission's suggestion on an indicator far below or far above its target."""

    class Kind(models.TextChoices):
        FAR_BELOW = "below", "績效不佳"
        FAR_ABOVE = "above", "大幅超越目標"

    class Status(models.TextChoices):
        SENT = "sent", "已函請機關檢討"
        REPLIED = "replied", "機關已回復"
        CLOSED = "closed", "結案"

    indicator = models.ForeignKey(KpiIndicator, on_delete=models.CASCADE, related_name="suggestions")
    year = models.PositiveSmallIntegerField("年度（民國）")
    kind = models.CharField("類別", max_length=6, choices=Kind.choices)
    suggestion = models.TextField("改善建議")
    status = models.CharField("狀態", max_length=8, choices=Status.choices, default=Status.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    sent_at = models.DateTimeField("函送時間")
    reply = models.TextField("機關回復", blank=True)
    replied_at = models.DateTimeField("回復時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "KPI 改善建議"
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="kpi_suggestion_once")]

    def __str__(self) -> str:
        return f"{self.indicator}：{self.get_kind_display()}"
