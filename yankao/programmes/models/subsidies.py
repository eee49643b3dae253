"""基本設施補助計畫案件列管: central basic-infrastructure subsidy cases tracked monthly."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .programmes import money_field
from .rules import pct_field


class SubsidyCase(AuditedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "執行中"
        COMPLETED = "completed", "已完成"

    year = models.PositiveSmallIntegerField("年度（民國）")
    code = models.CharField("案號", max_length=30)
    name = models.CharField("案件名稱", max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="subsidy_cases", verbose_name="執行機關")
    amount = money_field("補助經費（元）")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    has_problem = models.BooleanField("待檢討", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "基本設施補助案件"
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="subsidy_code_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SubsidyTracking(AuditedModel):
    case = models.ForeignKey(SubsidyCase, on_delete=models.CASCADE, related_name="tracking")
    month = models.DateField("月份")
    progress_pct = pct_field("執行進度（%）")
    spent = money_field("執行數（元）")
    problem = models.TextField("遭遇問題", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "補助案件月追蹤"
        ordering = ["case", "month"]
        constraints = [
            models.UniqueConstraint(fields=["case", "month"], name="subsidy_tracking_unique"),
            models.CheckConstraint(condition=Q(progress_pct__gte=0, progress_pct__lte=100), name="subsidy_pct_range"),
            models.CheckConstraint(condition=Q(month__day=1), name="subsidy_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.case.code} {self.month:%Y-%m}"


class SubsidyYearResult(AuditedModel):
    """國發會考核成績 of the city's subsidy management for a year."""

    year = models.PositiveSmallIntegerField("年度（民國）", unique=True)
    ndc_score = pct_field("國發會考核成績")
    note = models.CharField("說明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "補助考核成績"

    def __str__(self) -> str:
        return f"{self.year}年度 {self.ndc_score} 分"
