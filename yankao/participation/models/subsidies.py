"""公民參與推動案補助: agencies and district offices apply; the commission reviews and funds.

The reference (113 年度): 30 推動案, 15 approved for subsidy, 261.64 萬元 approved in total;
and the city's own 校園通學交通改善公民參與計畫 at two primary schools (仁武區, 鳳山區).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel

from .rules import ProjectType


class ParticipationProject(AuditedModel):
    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", "機關申請補助"
        CITY_PLAN = "city_plan", "市府推動計畫"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "審查中"
        APPROVED = "approved", "核定補助"
        REJECTED = "rejected", "未獲補助"
        FUNDED = "funded", "已撥款"
        REPORTED = "reported", "已提成果報告"

    FUNDED_STATES = (Status.APPROVED, Status.FUNDED, Status.REPORTED)

    year = models.PositiveSmallIntegerField("年度（西元）", db_index=True)
    kind = models.CharField("類別", max_length=10, choices=Kind.choices, default=Kind.SUBSIDY)
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="申請機關")
    title = models.CharField("計畫名稱", max_length=150)
    project_type = models.ForeignKey(ProjectType, on_delete=models.PROTECT, verbose_name="類型")
    theme = models.CharField("議題", max_length=200)
    method = models.CharField("參與方式", max_length=200)
    total_budget = models.PositiveBigIntegerField("計畫總經費（元）")
    requested_amount = models.PositiveBigIntegerField("申請補助（元）")
    approved_amount = models.PositiveBigIntegerField("核定補助（元）", default=0)
    paid_amount = models.PositiveBigIntegerField("撥付金額（元）", default=0)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField("審查意見", max_length=500, blank=True)
    funded_at = models.DateTimeField(null=True, blank=True)
    participants = models.PositiveIntegerField("參與人次", null=True, blank=True)
    result_summary = models.TextField("成果摘要", blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公民參與推動案"
        ordering = ["-year", "agency__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__lte=F("total_budget")), name="requested_within_total_budget"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__lte=F("requested_amount")), name="approved_within_requested"
            ),
            models.CheckConstraint(condition=Q(paid_amount__lte=F("approved_amount")), name="paid_within_approved"),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "rejected"]) | Q(kind="city_plan") | Q(approved_amount__gt=0),
                name="approved_project_has_amount",
            ),
            models.UniqueConstraint(fields=["year", "agency", "title"], name="participation_project_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectSite(AuditedModel):
    """Where a project's participation happens (e.g. a school for a commute-safety workshop)."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "學校"
        PARK = "park", "公園"
        COMMUNITY = "community", "社區"
        OTHER = "other", "其他"

    project = models.ForeignKey(ParticipationProject, on_delete=models.CASCADE, related_name="sites")
    district = models.ForeignKey("org.District", on_delete=models.PROTECT, related_name="+", verbose_name="行政區")
    kind = models.CharField("類別", max_length=10, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField("地點名稱", max_length=100)
    workshop_on = models.DateField("工作坊日期", null=True, blank=True)
    follow_up = models.CharField("會勘改善情形", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "推動地點"
        ordering = ["district__code", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="project_site_unique")]

    def __str__(self) -> str:
        return f"{self.district}{self.name}"
