"""列管計畫: controlled programmes, their work plan (查核點, monthly planned %) and monthly reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .rules import DelayReason, pct_field


def money_field(verbose_name: str, **kwargs: Any) -> models.DecimalField:
    """An amount in whole 元 (新臺幣), zero by default."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=0, default=Decimal(0), **kwargs)


def roc_month_label(month: object) -> str:
    year, mon = getattr(month, "year", 0), getattr(month, "month", 0)
    return f"{year - 1911}年{mon}月"


class Programme(AuditedModel):
    class Level(models.TextChoices):
        CITY = "city", "市府列管"
        AGENCY = "agency", "機關列管"
        SELF = "self", "自行列管"

    class Status(models.TextChoices):
        ACTIVE = "active", "執行中"
        COMPLETED = "completed", "已完成"
        CANCELLED = "cancelled", "解除列管"

    code = models.CharField("計畫編號", max_length=30)
    name = models.CharField("計畫名稱", max_length=200)
    year = models.PositiveSmallIntegerField("列管年度（民國）")
    control_level = models.CharField("列管層級", max_length=10, choices=Level.choices, default=Level.CITY)
    selection_basis = models.CharField("選項列管依據", max_length=200, blank=True)
    lead_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="lead_programmes", verbose_name="主辦機關"
    )
    co_agencies = models.ManyToManyField(Agency, blank=True, related_name="co_programmes", verbose_name="協辦機關")
    project_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_programmes",
        verbose_name="專案管理人員",
    )
    start_date = models.DateField("計畫起日")
    end_date = models.DateField("計畫迄日")
    total_public = money_field("總經費：公務預算（元）")
    total_fund = money_field("總經費：基金預算（元）")
    total_central = money_field("總經費：中央補助（元）")
    year_public = money_field("年度經費：公務預算（元）")
    year_fund = money_field("年度經費：基金預算（元）")
    year_central = money_field("年度經費：中央補助（元）")
    description = models.TextField("計畫內容", blank=True)
    kpis = models.ManyToManyField(
        "programmes.KpiIndicator", blank=True, related_name="programmes", verbose_name="中程計畫 KPI"
    )
    # e.g. "participation.proposal:42": where the programme came from, without a FK into that app
    source_reference = models.CharField("來源", max_length=100, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    report_due_day = models.PositiveSmallIntegerField("月報期限（次月幾日）")

    class Meta:
        verbose_name = verbose_name_plural = "列管計畫"
        ordering = ["-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="programme_code_unique_per_year"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="programme_period_ordered"),
            models.CheckConstraint(
                condition=Q(total_public__gte=0, total_fund__gte=0, total_central__gte=0)
                & Q(year_public__gte=0, year_fund__gte=0, year_central__gte=0),
                name="programme_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(year_public__lte=F("total_public"))
                & Q(year_fund__lte=F("total_fund"))
                & Q(year_central__lte=F("total_central")),
                name="programme_year_budget_within_total",
            ),
        ]
        indexes = [models.Index(fields=["year", "lead_agency"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def total_budget(self) -> Decimal:
        return self.total_public + self.total_fund + self.total_central

    @property
    def year_budget(self) -> Decimal:
        return self.year_public + self.year_fund + self.year_central


class Milestone(AuditedModel):
    """查核點: a checkpoint of the work plan with the cumulative % planned when it is reached."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    seq = models.PositiveSmallIntegerField("順序")
    name = models.CharField("查核點", max_length=200)
    due_date = models.DateField("預定完成日")
    planned_pct = pct_field("預定累計進度（%）")
    done_on = models.DateField("實際完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "查核點"
        ordering = ["programme", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "seq"], name="milestone_seq_unique"),
            models.CheckConstraint(condition=Q(planned_pct__gte=0, planned_pct__lte=100), name="milestone_pct_range"),
        ]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name}"


class PlanMonth(AuditedModel):
    """The planned cumulative % of a programme at the end of a month (the S-curve of the work plan)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="plan_months")
    month = models.DateField("月份")  # first day of the month
    planned_pct = pct_field("預定累計進度（%）")

    class Meta:
        verbose_name = verbose_name_plural = "預定進度"
        ordering = ["programme", "month"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "month"], name="plan_month_unique"),
            models.CheckConstraint(condition=Q(planned_pct__gte=0, planned_pct__lte=100), name="plan_month_pct_range"),
            models.CheckConstraint(condition=Q(month__day=1), name="plan_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{roc_month_label(self.month)} {self.planned_pct}%"


class MonthlyReport(AuditedModel):
    """每月執行進度: filed by the project manager, approved by the agency manager, reviewed by the commission."""

    class Status(models.TextChoices):
        DRAFT = "draft", "填報中"
        PENDING = "pending", "待機關核定"
        SUBMITTED = "submitted", "已提報研考會"
        RETURNED = "returned", "退回修正"
        ACCEPTED = "accepted", "研考會已審查"

    class DelayLevel(models.TextChoices):
        NONE = "none", "正常"
        WARNING = "warning", "落後"
        SERIOUS = "serious", "嚴重落後"

    # statuses whose figures count in delay status, analysis and the dashboard
    COUNTED = (Status.SUBMITTED, Status.ACCEPTED)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reports")
    month = models.DateField("月份")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.DRAFT)
    planned_pct = pct_field("預定累計進度（%）")
    actual_pct = pct_field("實際累計進度（%）")
    budget_allocated = money_field("累計分配數（元）")
    budget_spent = money_field("累計執行數（元）")
    delay_reason = models.ForeignKey(
        DelayReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name="落後原因"
    )
    delay_note = models.TextField("落後原因說明", blank=True)
    countermeasure = models.TextField("因應對策", blank=True)
    work_summary = models.TextField("本月執行情形", blank=True)
    # the rule values this report was judged by (copied when filed)
    due_date = models.DateField("提報期限")
    warning_pp = pct_field("落後警示門檻")
    serious_pp = pct_field("嚴重落後門檻")
    execution_low_pct = pct_field("執行率偏低門檻")
    # derived from the figures above when saved by the services
    behind_pp = models.DecimalField("落後（百分點）", max_digits=6, decimal_places=2, default=Decimal(0))
    delay_level = models.CharField("進度狀態", max_length=10, choices=DelayLevel.choices, default=DelayLevel.NONE)
    execution_rate = models.DecimalField("經費執行率（%）", max_digits=7, decimal_places=2, null=True, blank=True)
    low_execution = models.BooleanField("執行率偏低", default=False)
    is_late = models.BooleanField("逾期提報", default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField("填報時間", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("提報時間", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField("審查時間", null=True, blank=True)
    review_comment = models.TextField("審查意見", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "月報"
        ordering = ["programme", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "month"], name="report_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="report_month_first_day"),
            models.CheckConstraint(
                condition=Q(actual_pct__gte=0, actual_pct__lte=100, planned_pct__gte=0, planned_pct__lte=100),
                name="report_pct_range",
            ),
            models.CheckConstraint(
                condition=Q(budget_spent__gte=0, budget_spent__lte=F("budget_allocated")),
                name="report_spent_within_allocated",
            ),
        ]
        indexes = [
            # covers the month-level figures (status counts, delays, execution) without table reads
            models.Index(
                fields=[
                    "month",
                    "status",
                    "delay_level",
                    "programme",
                    "is_late",
                    "low_execution",
                    "budget_allocated",
                    "budget_spent",
                ],
                name="report_month_figures",
            ),
            models.Index(fields=["status", "programme"], name="report_status_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {roc_month_label(self.month)}月報"

    @property
    def month_label(self) -> str:
        return roc_month_label(self.month)


class ReportMilestone(AuditedModel):
    class State(models.TextChoices):
        PENDING = "pending", "未到期"
        DONE = "done", "已完成"
        OVERDUE = "overdue", "逾期未完成"

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="milestone_states")
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="+")
    state = models.CharField("辦理情形", max_length=10, choices=State.choices, default=State.PENDING)
    done_on = models.DateField("完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "查核點辦理情形"
        constraints = [models.UniqueConstraint(fields=["report", "milestone"], name="report_milestone_unique")]

    def __str__(self) -> str:
        return f"{self.milestone}：{self.get_state_display()}"


class ReportAttachment(AuditedModel):
    class Kind(models.TextChoices):
        PHOTO = "photo", "照片"
        FILE = "file", "附件"

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("類別", max_length=5, choices=Kind.choices)
    file = models.FileField("檔案", upload_to="programmes/reports/%Y/%m/")
    caption = models.CharField("說明", max_length=200, blank=True)
    size = models.PositiveIntegerField("大小（位元組）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "月報附件"

    def __str__(self) -> str:
        return self.caption or self.file.name or ""


class ReportingMonth(AuditedModel):
    """A month the commission has closed: its reports can no longer be filed or changed."""

    month = models.DateField("月份", unique=True)
    closed_at = models.DateTimeField("關帳時間")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "已關帳月份"

    def __str__(self) -> str:
        return f"{roc_month_label(self.month)}（已關帳）"


class ReportReminder(AuditedModel):
    """A chase for a missing report (催報), sent by the periodic job."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reminders")
    month = models.DateField("月份")
    sent_at = models.DateTimeField("催報時間")
    sent_to = models.CharField("對象", max_length=200, blank=True)
    times = models.PositiveSmallIntegerField("次數", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "催報紀錄"
        constraints = [models.UniqueConstraint(fields=["programme", "month"], name="reminder_one_per_month")]

    def __str__(self) -> str:
        return f"{self.programme.code} {roc_month_label(self.month)} 催報 {self.times} 次"


class MonthlyAnalysis(AuditedModel):
    """月分析報告: the figures of a month, frozen when produced after the deadline."""

    month = models.DateField("月份", unique=True)
    generated_at = models.DateTimeField("產製時間")
    figures = models.JSONField("統計數據")

    class Meta:
        verbose_name = verbose_name_plural = "月分析報告"
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{roc_month_label(self.month)}月分析報告"


class ImportBatch(AuditedModel):
    """One import of a spreadsheet (one audit event for the whole batch of rows)."""

    kind = models.CharField("類別", max_length=30)
    filename = models.CharField("檔名", max_length=200)
    rows = models.PositiveIntegerField("筆數", default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    digest = models.CharField("檔案雜湊", max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "匯入紀錄"

    def __str__(self) -> str:
        return f"{self.kind}：{self.filename}（{self.rows} 筆）"
