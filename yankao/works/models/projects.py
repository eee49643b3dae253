"""Projects (標案), their monthly progress filings and the documentary checks of late ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency, District


class Project(AuditedModel):
    """A public works tender (工程標案) as the PCC tender management system knows it."""

    class Status(models.TextChoices):
        IN_CONSTRUCTION = "construction", "施工中"
        STOPPED = "stopped", "停工"
        COMPLETED = "completed", "已完工"
        ACCEPTED = "accepted", "已驗收"

    tender_number = models.CharField("標案案號", max_length=60, unique=True)
    name = models.CharField("工程名稱", max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="works_projects", verbose_name="主辦機關")
    supervisor = models.CharField("監造單位", max_length=120, blank=True)
    contractor = models.CharField("承攬廠商", max_length=120, blank=True)
    pm_consultant = models.CharField("專案管理廠商", max_length=120, blank=True)
    designer = models.CharField("規劃設計單位", max_length=120, blank=True)
    contract_amount = models.DecimalField("契約金額（元）", max_digits=14, decimal_places=0)
    # the tier the amount fell in under the rules in force at award (copied, see AmountTier)
    tier = models.CharField("工程規模級距", max_length=12)
    tier_name = models.CharField("級距名稱", max_length=30)
    budget_amount = models.DecimalField("預算金額（元）", max_digits=14, decimal_places=0, null=True, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="行政區"
    )
    location = models.CharField("工址", max_length=200, blank=True)
    award_date = models.DateField("決標日")
    start_date = models.DateField("開工日", null=True, blank=True)
    planned_completion = models.DateField("預定完工日", null=True, blank=True)
    actual_completion = models.DateField("實際完工日", null=True, blank=True)
    status = models.CharField("狀態", max_length=12, choices=Status.choices, default=Status.IN_CONSTRUCTION)
    safety_incidents = models.PositiveSmallIntegerField("職安事故件數", default=0)
    # 列管計畫 in the programmes app, linked by code until that app's selectors exist
    programme_code = models.CharField("列管計畫編號", max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "工程標案"
        ordering = ["-award_date", "tender_number"]
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["tier"])]
        constraints = [
            models.CheckConstraint(condition=Q(contract_amount__gte=0), name="works_project_amount_positive"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(start_date__gte=F("award_date")),
                name="works_project_start_after_award",
            ),
            models.CheckConstraint(
                condition=Q(planned_completion__isnull=True)
                | Q(start_date__isnull=True)
                | Q(planned_completion__gte=F("start_date")),
                name="works_project_planned_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_completion__isnull=True)
                | Q(start_date__isnull=True)
                | Q(actual_completion__gte=F("start_date")),
                name="works_project_completed_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tender_number} {self.name}"

    @property
    def bid_ratio(self) -> float | None:
        """決標比: contract amount over budget."""
        if not self.budget_amount:
            return None
        return float(self.contract_amount) / float(self.budget_amount)


class ProgressReport(AuditedModel):
    """每月進度填報: a project's planned and actual progress at the end of a month."""

    class Source(models.TextChoices):
        WEB = "web", "本系統"
        PCC = "pcc", "工程會標案管理系統匯入"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_reports")
    month = models.DateField("月份")  # first day of the month
    planned_pct = models.DecimalField("預定進度（%）", max_digits=5, decimal_places=2)
    actual_pct = models.DecimalField("實際進度（%）", max_digits=5, decimal_places=2)
    filed_at = models.DateTimeField("填報時間")
    due_date = models.DateField("填報期限")  # copied from the rule in force for that month
    source = models.CharField("來源", max_length=8, choices=Source.choices, default=Source.WEB)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "每月進度填報"
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="works_progress_one_per_month"),
            models.CheckConstraint(
                condition=Q(planned_pct__gte=0) & Q(planned_pct__lte=100), name="works_progress_planned_0_100"
            ),
            models.CheckConstraint(
                condition=Q(actual_pct__gte=0) & Q(actual_pct__lte=100), name="works_progress_actual_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.tender_number} {self.month:%Y-%m}"

    @property
    def gap(self) -> float:
        """Actual minus planned, in percentage points (negative = behind)."""
        return float(self.actual_pct - self.planned_pct)

    @property
    def on_time(self) -> bool:
        from django.utils import timezone

        return timezone.localtime(self.filed_at).date() <= self.due_date


class DocumentaryCheck(AuditedModel):
    """書面查證: the commission's monthly paper check of a project's progress, and the follow-up
    of a late project (a letter asking for countermeasures, the agency's answer, back on plan)."""

    class Status(models.TextChoices):
        CHECKED = "checked", "已查證"
        LETTER_SENT = "letter", "已函請機關改善"
        ANSWERED = "answered", "機關已提出因應措施"
        RESOLVED = "resolved", "已回復正常進度"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documentary_checks")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="主辦機關")
    month = models.DateField("查證月份")
    checked_on = models.DateField("查證日")
    planned_pct = models.DecimalField("預定進度（%）", max_digits=5, decimal_places=2)
    actual_pct = models.DecimalField("實際進度（%）", max_digits=5, decimal_places=2)
    behind = models.BooleanField("進度落後", default=False)
    threshold_pct = models.DecimalField("落後門檻（百分點）", max_digits=5, decimal_places=2)
    finding = models.TextField("查證意見", blank=True)
    letter_number = models.CharField("函文文號", max_length=60, blank=True)
    letter_sent_on = models.DateField("發函日", null=True, blank=True)
    countermeasure = models.TextField("機關因應措施", blank=True)
    answered_on = models.DateField("機關回復日", null=True, blank=True)
    resolved_on = models.DateField("回復正常日", null=True, blank=True)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.CHECKED)

    class Meta:
        verbose_name = verbose_name_plural = "書面查證"
        ordering = ["-month", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="works_check_one_per_month"),
        ]

    def __str__(self) -> str:
        return f"書面查證 {self.project.tender_number} {self.month:%Y-%m}"
