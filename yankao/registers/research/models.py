"""委託研究: commissioned research — contract, milestone reviews, reports, recommendations adopted."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class ResearchProject(AuditedModel):
    class Status(models.TextChoices):
        CONTRACTED = "contracted", "已簽約"
        IN_PROGRESS = "in_progress", "研究中"
        COMPLETED = "completed", "已完成"

    year = models.PositiveSmallIntegerField("年度")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="research_projects")
    title = models.CharField("研究主題", max_length=300)
    contractor = models.CharField("受託單位", max_length=200)
    amount = models.DecimalField("契約金額（元）", max_digits=12, decimal_places=0)
    signed_on = models.DateField("簽約日")
    status = models.CharField("狀態", max_length=12, choices=Status.choices, default=Status.CONTRACTED)
    completed_on = models.DateField("完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "委託研究"
        ordering = ["-year", "title"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="research_amount_nonnegative")]

    def __str__(self) -> str:
        return self.title


class Milestone(AuditedModel):
    """期程審查: kick-off, mid-term and final reviews, with reviewers and the report reviewed."""

    class Kind(models.TextChoices):
        KICKOFF = "kickoff", "期初審查"
        MIDTERM = "midterm", "期中報告審查"
        FINAL = "final", "期末報告審查"

    ORDER = {Kind.KICKOFF: 1, Kind.MIDTERM: 2, Kind.FINAL: 3}

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField("階段", max_length=10, choices=Kind.choices)
    due_on = models.DateField("預定日")
    held_on = models.DateField("審查日", null=True, blank=True)
    reviewers = models.CharField("審查委員", max_length=300, blank=True)
    conclusion = models.TextField("審查結論", blank=True)
    report = models.FileField("報告檔案", upload_to="research/%Y/", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "審查期程"
        ordering = ["project", "due_on"]
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="milestone_kind_unique")]

    def __str__(self) -> str:
        return f"{self.project} {self.get_kind_display()}"


class Recommendation(AuditedModel):
    """A research recommendation sent to an agency and whether it was adopted (參採)."""

    class Status(models.TextChoices):
        PENDING = "pending", "研議中"
        ADOPTED = "adopted", "參採"
        DECLINED = "declined", "不參採"

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="recommendations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="research_recommendations")
    text = models.TextField("建議事項")
    status = models.CharField("參採情形", max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField("說明", blank=True)
    responded_on = models.DateField("回復日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "研究建議"
        ordering = ["project", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="declined") | ~Q(reason=""), name="research_decline_reason")
        ]

    def __str__(self) -> str:
        return self.text[:40]
