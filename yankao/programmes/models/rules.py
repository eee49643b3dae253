"""Rules of administration as data (管考規則): the commission edits them; records copy what they were given.

Each rule set is versioned by `effective_from`; the one in force on a date is the latest that
started on or before it. Kaohsiung defaults are loaded by migration 0002.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel


def pct_field(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    """A percentage or a 0–100 score, two decimals."""
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=2, **kwargs)


class ControlRules(AuditedModel):
    """列管作業規定: report deadline, delay and execution thresholds, selection and KPI thresholds."""

    effective_from = models.DateField("生效日", unique=True)
    report_due_day = models.PositiveSmallIntegerField(
        "月報期限（次月幾日）", default=10, help_text="每月執行進度於次月此日前提報；遇假日順延至次一工作日"
    )
    behind_warning_pp = pct_field("進度落後警示（百分點）", default=Decimal(5))
    behind_serious_pp = pct_field("進度嚴重落後（百分點）", default=Decimal(10))
    execution_low_pct = pct_field("經費執行率偏低門檻（%）", default=Decimal(60))
    city_control_min_budget = models.DecimalField(
        "市府列管總經費門檻（元）", max_digits=16, decimal_places=0, default=Decimal(100_000_000)
    )
    agency_control_min_budget = models.DecimalField(
        "機關列管總經費門檻（元）", max_digits=16, decimal_places=0, default=Decimal(10_000_000)
    )
    kpi_rate_cap_pct = pct_field("KPI 達成率上限（%）", default=Decimal(100))
    kpi_far_below_pct = pct_field("KPI 績效不佳門檻（達成率低於 %）", default=Decimal(80))
    kpi_far_above_pct = pct_field("KPI 大幅超越門檻（達成率高於 %）", default=Decimal(150))
    note = models.CharField("依據", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "列管作業規定"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report_due_day__gte=1, report_due_day__lte=28), name="rules_due_day_1_28"
            ),
            models.CheckConstraint(
                condition=Q(behind_warning_pp__gt=0, behind_serious_pp__gt=F("behind_warning_pp")),
                name="rules_warning_below_serious",
            ),
            models.CheckConstraint(
                condition=Q(kpi_far_below_pct__lt=F("kpi_far_above_pct")), name="rules_kpi_band_ordered"
            ),
            models.CheckConstraint(
                condition=Q(agency_control_min_budget__lte=F("city_control_min_budget")),
                name="rules_selection_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"列管作業規定（{self.effective_from:%Y-%m-%d} 起）"


class DelayReason(AuditedModel):
    """延遲原因代碼: the coded list a project manager picks from (after GPMnet's categories)."""

    code = models.CharField("代碼", max_length=10, unique=True)
    name = models.CharField("原因", max_length=100)
    is_active = models.BooleanField("啟用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "延遲原因代碼"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Scheme(models.TextChoices):
    PROGRAMME = "programme", "列管計畫年終考核"
    ENTERPRISE = "enterprise", "市營事業機構年度考核"


class EvaluationCriterion(AuditedModel):
    """考核項目與配分: the default criteria and weights a new evaluation plan copies."""

    scheme = models.CharField("考核類別", max_length=12, choices=Scheme.choices)
    code = models.CharField("代碼", max_length=10)
    name = models.CharField("項目", max_length=100)
    weight = pct_field("權重（%）")
    effective_from = models.DateField("生效日")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "考核項目"
        ordering = ["scheme", "-effective_from", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "effective_from", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="criterion_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"


class GradeBand(AuditedModel):
    """等第級距: a score at or above `min_score` earns `grade` (the highest band that fits)."""

    scheme = models.CharField("考核類別", max_length=12, choices=Scheme.choices)
    grade = models.CharField("等第", max_length=4)
    min_score = pct_field("最低分數")
    effective_from = models.DateField("生效日")

    class Meta:
        verbose_name = verbose_name_plural = "等第級距"
        ordering = ["scheme", "-effective_from", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "effective_from", "grade"], name="grade_band_unique"),
            models.CheckConstraint(condition=Q(min_score__gte=0, min_score__lte=100), name="grade_band_range"),
        ]

    def __str__(self) -> str:
        return f"{self.grade}等：{self.min_score} 分以上"
