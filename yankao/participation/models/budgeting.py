"""參與式預算: a process with phases, projects reviewed for feasibility, ballots, results."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel

from .identity import VerifiedIdentity


class BudgetProcess(AuditedModel):
    class Phase(models.TextChoices):
        IDEAS = "ideas", "提案蒐集"
        REVIEW = "review", "可行性評估"
        VOTING = "voting", "投票"
        RESULTS = "results", "結果公布"
        IMPLEMENTATION = "implementation", "執行追蹤"

    ORDER: ClassVar[list[str]] = [Phase.IDEAS, Phase.REVIEW, Phase.VOTING, Phase.RESULTS, Phase.IMPLEMENTATION]

    class Scope(models.TextChoices):
        CITY = "city", "全市"
        DISTRICT = "district", "行政區"

    class Style(models.TextChoices):
        APPROVAL = "approval", "圈選（至多 N 案）"
        KNAPSACK = "knapsack", "預算內自由配置"

    title = models.CharField("名稱", max_length=100)
    description = models.TextField("說明", blank=True)
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="主辦機關")
    year = models.PositiveSmallIntegerField("年度（西元）")
    scope = models.CharField("投票資格", max_length=10, choices=Scope.choices, default=Scope.CITY)
    district = models.ForeignKey(
        "org.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="行政區"
    )
    total_budget = models.PositiveBigIntegerField("預算總額（元）")
    voting_style = models.CharField("投票方式", max_length=10, choices=Style.choices, default=Style.APPROVAL)
    max_choices = models.PositiveSmallIntegerField("可圈選案數", default=3)
    phase = models.CharField("階段", max_length=16, choices=Phase.choices, default=Phase.IDEAS)
    results_published_at = models.DateTimeField("結果公布時間", null=True, blank=True)
    ballot_count = models.PositiveIntegerField("有效選票", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "參與式預算"
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="city") | Q(district__isnull=False), name="district_process_has_district"
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="process_max_choices_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetProject(AuditedModel):
    class Status(models.TextChoices):
        IDEA = "idea", "提案"
        FEASIBLE = "feasible", "可行"
        INFEASIBLE = "infeasible", "不可行"
        SELECTED = "selected", "入選"
        NOT_SELECTED = "not_selected", "未入選"

    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField("名稱", max_length=100)
    description = models.TextField("說明")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("狀態", max_length=14, choices=Status.choices, default=Status.IDEA)
    cost_estimate = models.PositiveBigIntegerField("經費估算（元）", null=True, blank=True)
    review_note = models.TextField("評估意見", blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    votes = models.PositiveIntegerField("得票數", default=0)
    progress_percent = models.PositiveSmallIntegerField("執行進度（%）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "參與式預算提案"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["feasible", "selected", "not_selected"]) | Q(cost_estimate__isnull=False),
                name="feasible_project_has_cost",
            ),
            models.CheckConstraint(condition=Q(progress_percent__lte=100), name="progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title


class Ballot(AuditedModel):
    """一人一票: one ballot per verified person per process (the database holds it)."""

    process = models.ForeignKey(BudgetProcess, on_delete=models.PROTECT, related_name="ballots")
    identity = models.ForeignKey(VerifiedIdentity, on_delete=models.PROTECT, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField("投票時間")
    total_cost = models.PositiveBigIntegerField("選票經費合計（元）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "選票"
        constraints = [models.UniqueConstraint(fields=["process", "identity"], name="one_ballot_per_identity")]

    def __str__(self) -> str:
        return f"選票 #{self.pk}"


class BallotChoice(AuditedModel):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    project = models.ForeignKey(BudgetProject, on_delete=models.PROTECT, related_name="choices")

    class Meta:
        verbose_name = verbose_name_plural = "選票圈選"
        constraints = [models.UniqueConstraint(fields=["ballot", "project"], name="ballot_choice_unique")]

    def __str__(self) -> str:
        return f"{self.ballot_id}→{self.project_id}"


class ProjectProgress(AuditedModel):
    """執行進度: an update on a winning project's implementation."""

    project = models.ForeignKey(BudgetProject, on_delete=models.CASCADE, related_name="progress_updates")
    percent = models.PositiveSmallIntegerField("進度（%）")
    note = models.CharField("說明", max_length=500)
    reported_on = models.DateField("日期")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "執行進度"
        ordering = ["reported_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="progress_update_at_most_100")]

    def __str__(self) -> str:
        return f"{self.project} {self.percent}%"
