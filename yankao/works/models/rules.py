"""Rules of administration as data (規則資料): tiers, grade bands, the defect catalogue and the
works rule set. The commission edits them; a record copies the value it was given, and a new
version takes effect from `effective_from` without rewriting history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel


class Party(models.TextChoices):
    """Who a defect is charged to (缺失責任歸屬)."""

    AGENCY = "agency", "主辦機關"
    PM = "pm", "專案管理廠商"
    SUPERVISOR = "supervisor", "監造單位"
    CONTRACTOR = "contractor", "承攬廠商"
    DESIGNER = "designer", "規劃設計單位"


class AmountTier(AuditedModel):
    """工程規模級距: a contract-amount tier and its statutory minimum inspection rate.

    `min_amount` is the lower cut-off in 元 (巨額 ≥ 2 億, 查核金額 ≥ 5,000 萬, 公告金額 ≥ 150 萬);
    `statutory_rate` is the share of the tier's projects in construction during a year that the
    inspection group must inspect (法定查核件數 = ceil(rate × base), at least `statutory_min_count`).
    """

    code = models.CharField("級距代碼", max_length=12)
    name = models.CharField("級距名稱", max_length=30)
    min_amount = models.DecimalField("下限金額（元）", max_digits=14, decimal_places=0)
    statutory_rate = models.DecimalField("法定查核比率", max_digits=5, decimal_places=4, default=Decimal(0))
    statutory_min_count = models.PositiveIntegerField("法定最少查核件數", default=0)
    effective_from = models.DateField("生效日", default=dt.date(2000, 1, 1))
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "工程規模級距"
        ordering = ["sort_order", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="works_tier_code_from_unique"),
            models.CheckConstraint(
                condition=Q(statutory_rate__gte=0) & Q(statutory_rate__lte=1), name="works_tier_rate_0_1"
            ),
            models.CheckConstraint(condition=Q(min_amount__gte=0), name="works_tier_min_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.effective_from:%Y-%m-%d} 起）"


class GradeBand(AuditedModel):
    """查核成績等第: 優等 ≥ 90, 甲等 ≥ 80, 乙等 ≥ 70, 丙等 below (Kaohsiung defaults)."""

    name = models.CharField("等第", max_length=10)
    min_score = models.DecimalField("最低分數", max_digits=5, decimal_places=2)
    needs_follow_up = models.BooleanField("須追蹤處置（丙等）", default=False)
    effective_from = models.DateField("生效日", default=dt.date(2000, 1, 1))

    class Meta:
        verbose_name = verbose_name_plural = "查核成績等第"
        ordering = ["-effective_from", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["name", "effective_from"], name="works_grade_name_from_unique"),
            models.CheckConstraint(condition=Q(min_score__gte=0) & Q(min_score__lte=100), name="works_grade_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.min_score}"


class DefectCode(AuditedModel):
    """查核品質缺失扣點表 item: a coded defect, the party it is charged to and its points."""

    code = models.CharField("缺失代碼", max_length=12, unique=True)
    chapter = models.CharField("章節", max_length=8)
    title = models.CharField("缺失項目", max_length=200)
    party = models.CharField("預設責任歸屬", max_length=12, choices=Party.choices)
    points = models.PositiveSmallIntegerField("扣點", default=1)
    is_active = models.BooleanField("使用中", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "缺失代碼"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class WorksRule(AuditedModel):
    """The works rule set in force from `effective_from` (one row per version)."""

    effective_from = models.DateField("生效日", unique=True)
    filing_due_day = models.PositiveSmallIntegerField("進度填報期限（次月幾日前）", default=6)
    filing_reminder_days = models.PositiveSmallIntegerField("期限前幾日提醒", default=2)
    behind_threshold_pct = models.DecimalField("進度落後門檻（百分點）", max_digits=5, decimal_places=2, default=10)
    documentary_checks_per_month = models.PositiveSmallIntegerField("每月書面查證件數", default=20)
    improvement_days = models.PositiveSmallIntegerField("缺失改善期限（日曆天）", default=30)
    report_handling_working_days = models.PositiveSmallIntegerField("全民督工處理期限（工作天）", default=7)
    low_bid_ratio = models.DecimalField("低價決標比門檻", max_digits=5, decimal_places=4, default=Decimal("0.8"))
    # 查核選案風險權重: signal → weight, see selectors.inspection_candidates
    risk_weights = models.JSONField("選案風險權重", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "工程查核規則"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(filing_due_day__gte=1) & Q(filing_due_day__lte=28), name="works_rule_due_day_1_28"
            ),
            models.CheckConstraint(
                condition=Q(behind_threshold_pct__gte=0) & Q(behind_threshold_pct__lte=100),
                name="works_rule_behind_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"工程查核規則（{self.effective_from:%Y-%m-%d} 起）"
