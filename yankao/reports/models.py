"""Periodic documents (年度施政績效成果報告 and its kin): kinds, reports, outline items, versions,
and manual figures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.reports.numbering import MAX_LEVEL, Rounding


class DocumentKind(AuditedModel):
    """定期文件種類: what a periodic document is called and how long agencies have to write (data)."""

    class Period(models.TextChoices):
        YEAR = "year", "年度"
        MONTH = "month", "月"
        SESSION = "session", "議會會期"

    code = models.SlugField("代碼", max_length=40, unique=True)
    name = models.CharField("名稱", max_length=60)
    title_template = models.CharField(
        "標題格式",
        max_length=200,
        help_text="可用 {agency}、{year}、{period}，例：{agency} {year} 年度施政績效成果報告",
    )
    period_kind = models.CharField("期別", max_length=10, choices=Period.choices, default=Period.YEAR)
    item_heading = models.CharField("左欄標題", max_length=30, default="重要施政項目")
    result_heading = models.CharField("右欄標題", max_length=30, default="執行成果與效益")
    writing_working_days = models.PositiveSmallIntegerField("撰寫期限（工作天）", default=20)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "定期文件種類"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Report(AuditedModel):
    """One periodic document of one agency for one period (e.g. 研考會 113 年度施政績效成果報告)."""

    class Status(models.TextChoices):
        OPEN = "open", "撰寫中"
        FINAL = "final", "已定稿"

    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="reports", verbose_name="種類")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="periodic_reports", verbose_name="編製機關"
    )
    year = models.PositiveSmallIntegerField("年度（民國）")
    period = models.CharField("期別", max_length=20, blank=True, help_text="年度報告留空；月報如 05；會期如 4-3")
    title = models.CharField("標題", max_length=200)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.OPEN)
    # the writing deadline this report was given (copied from its kind's rule when opened)
    deadline = models.DateField("撰寫期限")
    writing_working_days = models.PositiveSmallIntegerField("撰寫期限（工作天）")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="開啟者"
    )
    finalised_at = models.DateTimeField("定稿時間", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="定稿者",
    )

    class Meta:
        verbose_name = verbose_name_plural = "定期報告"
        ordering = ["-year", "kind__sort_order", "agency__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "agency", "year", "period"], name="report_unique_period"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(finalised_at__isnull=False), name="report_final_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class OutlineItem(AuditedModel):
    """重要施政項目: one numbered line of the outline (壹、一、(一)、1.、(1)) and its text, whose
    figures are `{figure.id}` placeholders. Items are kept in document order (`seq`) with a level."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", "撰寫中"
        SUBMITTED = "submitted", "已送審"
        RETURNED = "returned", "退回修正"
        ACCEPTED = "accepted", "已確認"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="items", verbose_name="報告")
    seq = models.PositiveIntegerField("順序")
    level = models.PositiveSmallIntegerField("層次")
    title = models.CharField("重要施政項目", max_length=200)
    owner = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="撰寫機關")
    text = models.TextField("執行成果與效益", blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.DRAFTING)
    review_comment = models.TextField("審查意見", blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = verbose_name_plural = "報告項目"
        ordering = ["report", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["report", "seq"], name="outline_item_seq_unique"),
            models.CheckConstraint(condition=Q(level__lte=MAX_LEVEL), name="outline_item_level_range"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportVersion(AuditedModel):
    """A kept version of a report: every item's text and every figure's value at that moment."""

    class Event(models.TextChoices):
        OPENED = "opened", "開放撰寫"
        IMPORTED = "imported", "匯入大綱"
        SUBMITTED = "submitted", "機關送審"
        RETURNED = "returned", "退回修正"
        ACCEPTED = "accepted", "確認"
        FINALISED = "finalised", "定稿"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions", verbose_name="報告")
    number = models.PositiveIntegerField("版次")
    event = models.CharField("事件", max_length=12, choices=Event.choices)
    note = models.CharField("說明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="建立者"
    )
    # {"items": [{"seq", "level", "number", "title", "owner", "text", "status"}],
    #  "figures": {id: {"value": "283580" | None, "display": "283,580", "status": "ok"}}}
    content = models.JSONField("內容")

    audit_exclude = ("created_at", "updated_at", "content")

    class Meta:
        verbose_name = verbose_name_plural = "報告版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} 第 {self.number} 版（{self.get_event_display()}）"


class ManualFigure(AuditedModel):
    """人工填報數據: a figure with no yankao source (e.g. 智慧城市展參觀人次), its source named."""

    year = models.PositiveSmallIntegerField("年度（民國）")
    figure_id = models.CharField("數據代碼", max_length=80)
    label = models.CharField("名稱", max_length=120)
    value = models.DecimalField("數值", max_digits=20, decimal_places=4)
    unit = models.CharField("單位", max_length=20, blank=True)
    rounding = models.CharField("進位規則", max_length=10, choices=Rounding.choices, default=Rounding.COUNT)
    section = models.CharField("所屬項目", max_length=200, blank=True)
    source = models.CharField("資料來源", max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="填報者"
    )

    class Meta:
        verbose_name = verbose_name_plural = "人工填報數據"
        ordering = ["year", "figure_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "figure_id"], name="manual_figure_unique"),
            models.CheckConstraint(condition=~Q(source=""), name="manual_figure_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.label}"

    def as_figure(self) -> Any:
        from yankao.reports.figures import Figure

        return Figure(id=self.figure_id, label=self.label, unit=self.unit, rounding=self.rounding, section=self.section)
