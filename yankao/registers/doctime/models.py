"""公文處理時效: monthly statistics per agency and category, and document inspection visits (公文查訪)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class DocCategory(AuditedModel):
    """The seven categories of the 第二代公文整合系統 statistics (一般公文…監察案件), as data."""

    code = models.CharField("代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=20, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "公文類別"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class TimelinessRule(AuditedModel):
    """The on-time rate below which an agency is asked to improve (函請檢討改進); versioned."""

    effective_from = models.DateField("生效日", unique=True)
    on_time_target = models.DecimalField("如期結案率目標（%）", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = verbose_name_plural = "公文時效目標"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_time_target__gte=0) & Q(on_time_target__lte=100), name="doctime_target_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.effective_from}起 {self.on_time_target}%"


class MonthlyStat(AuditedModel):
    """One agency's figures for one category in one month, as the document system reports them."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="doc_stats")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    category = models.ForeignKey(DocCategory, on_delete=models.PROTECT, related_name="stats")
    received = models.PositiveIntegerField("收文數")
    closed = models.PositiveIntegerField("結案數")
    closed_on_time = models.PositiveIntegerField("如期結案數")
    average_days = models.DecimalField("平均處理天數", max_digits=6, decimal_places=2, default=Decimal("0"))
    overdue = models.PositiveIntegerField("逾期件數")

    class Meta:
        verbose_name = verbose_name_plural = "公文時效月統計"
        ordering = ["year", "month", "agency__sort_order", "category__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "month", "category"], name="doc_stat_unique"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="doc_stat_month"),
            models.CheckConstraint(condition=Q(closed_on_time__lte=F("closed")), name="doc_stat_on_time_le_closed"),
        ]
        indexes = [models.Index(fields=["year", "month"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}-{self.month:02d} {self.category}"


class InspectionVisit(AuditedModel):
    """公文查訪: a visit to one agency, what was found, the report, and the agency's improvement."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "已排定"
        VISITED = "visited", "已查訪"
        REPORTED = "reported", "已函送報告"
        IMPROVED = "improved", "已完成改善"

    year = models.PositiveSmallIntegerField("年度")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="doc_visits")
    scheduled_on = models.DateField("排定日")
    visited_on = models.DateField("查訪日", null=True, blank=True)
    findings = models.TextField("查訪發現", blank=True)
    recommendations = models.TextField("建議事項", blank=True)
    report_sent_on = models.DateField("報告函送日", null=True, blank=True)
    improvement = models.TextField("改善情形", blank=True)
    improved_on = models.DateField("改善完成日", null=True, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.SCHEDULED)

    class Meta:
        verbose_name = verbose_name_plural = "公文查訪"
        ordering = ["year", "scheduled_on", "agency__sort_order"]
        constraints = [models.UniqueConstraint(fields=["year", "agency"], name="doc_visit_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year} 公文查訪 {self.agency}"
