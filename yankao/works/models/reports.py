"""全民督工 citizens' reports about construction sites, and engineering training sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency, District

from .inspections import Inspection
from .projects import Project


class CitizenReport(AuditedModel):
    """全民督工通報."""

    class Channel(models.TextChoices):
        WEB = "web", "市民網站"
        HOTLINE = "1999", "1999 話務中心"
        PCC = "pcc", "工程會全民督工"

    class Status(models.TextChoices):
        RECEIVED = "received", "已收件"
        ASSIGNED = "assigned", "已分派機關"
        CLOSED = "closed", "已結案"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "滿意"
        DISSATISFIED = "dissatisfied", "不滿意"

    audit_exclude = ("created_at", "updated_at", "reporter_name", "reporter_phone", "reporter_email")

    number = models.CharField("通報編號", max_length=30, unique=True)
    channel = models.CharField("通報管道", max_length=8, choices=Channel.choices)
    received_at = models.DateTimeField("通報時間")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="works_reports"
    )
    reporter_name = models.CharField("通報人", max_length=60, blank=True)
    reporter_phone = models.CharField("聯絡電話", max_length=30, blank=True)
    reporter_email = models.EmailField("電子郵件", blank=True)
    # the 1999 service case it came from, by number until the service app's selectors exist
    service_case_number = models.CharField("1999 案件編號", max_length=40, blank=True)
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_reports"
    )
    project_text = models.CharField("工程名稱（通報人所述）", max_length=200, blank=True)
    subject = models.CharField("主旨", max_length=200)
    content = models.TextField("內容")
    location = models.CharField("地點", max_length=200, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="處理機關"
    )
    assigned_at = models.DateTimeField("分派時間", null=True, blank=True)
    due_at = models.DateTimeField("處理期限", null=True, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.RECEIVED)
    in_construction = models.BooleanField("屬在建工程", null=True, blank=True)
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_reports"
    )
    closed_at = models.DateTimeField("結案時間", null=True, blank=True)
    reply = models.TextField("回復通報人內容", blank=True)
    satisfaction = models.CharField("滿意度", max_length=14, choices=Satisfaction.choices, blank=True)
    satisfaction_at = models.DateTimeField("滿意度填答時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "全民督工通報"
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["received_at"]), models.Index(fields=["agency", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | (Q(closed_at__isnull=False) & ~Q(reply="")),
                name="works_report_closed_has_reply",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction="") | Q(status="closed"), name="works_report_satisfaction_after_close"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("received_at")),
                name="works_report_closed_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class ReportNote(AuditedModel):
    """A handling note on a 全民督工 report (site visit, contact with the contractor...)."""

    report = models.ForeignKey(CitizenReport, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField("處理情形")

    class Meta:
        verbose_name = verbose_name_plural = "全民督工處理紀錄"
        ordering = ["report", "created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class TrainingSession(AuditedModel):
    """工程教育訓練: a training session for engineering staff and contractors."""

    held_on = models.DateField("日期")
    title = models.CharField("課程名稱", max_length=200)
    co_organiser = models.CharField("合辦單位", max_length=100, blank=True)
    attendees = models.PositiveIntegerField("參訓人數", null=True, blank=True)
    hours = models.DecimalField("時數", max_digits=4, decimal_places=1, null=True, blank=True)
    note = models.TextField("備註", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工程教育訓練"
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(fields=["held_on", "title"], name="works_training_unique")]

    def __str__(self) -> str:
        return self.title
