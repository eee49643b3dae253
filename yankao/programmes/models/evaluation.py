"""考核: the year-end evaluation of controlled programmes (年終考核) and of city enterprises
(市營事業機構年度考核) share one shape: a plan with criteria and grade bands copied from the rules,
one evaluation per programme or enterprise, a score per criterion, a total and a grade."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .programmes import Programme
from .rules import Scheme, pct_field


class EvaluationPlan(AuditedModel):
    """考核實施計畫 for one year; keeps the criteria (PlanCriterion) and grade bands it was issued with."""

    scheme = models.CharField("考核類別", max_length=12, choices=Scheme.choices)
    year = models.PositiveSmallIntegerField("受考核年度（民國）")
    title = models.CharField("名稱", max_length=200)
    issued_on = models.DateField("函頒日期")
    self_assessment_due = models.DateField("自評期限", null=True, blank=True)
    # [{"grade": "甲", "min_score": "90"}, ...], highest first: copied from GradeBand when issued
    grade_bands = models.JSONField("等第級距")
    report_issued_on = models.DateField("考核報告函送日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "考核實施計畫"
        ordering = ["-year", "scheme"]
        constraints = [models.UniqueConstraint(fields=["scheme", "year"], name="evaluation_plan_unique")]

    def __str__(self) -> str:
        return self.title


class PlanCriterion(AuditedModel):
    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("代碼", max_length=10)
    name = models.CharField("項目", max_length=100)
    weight = pct_field("權重（%）")
    seq = models.PositiveSmallIntegerField("順序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "考核項目（計畫）"
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_criterion_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}%）"


class EvaluationSession(AuditedModel):
    """A day of evaluation work (e.g. the enterprise site reviews of 113-05-22, 05-23, 07-03)."""

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("日期")
    note = models.CharField("說明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "考評作業場次"
        ordering = ["plan", "held_on"]

    def __str__(self) -> str:
        return f"{self.plan} {self.held_on}"


class Evaluation(AuditedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "待自評"
        SELF_ASSESSED = "self", "已自評"
        SCORED = "scored", "已評分"

    plan = models.ForeignKey(EvaluationPlan, on_delete=models.CASCADE, related_name="evaluations")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluations"
    )
    enterprise = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="受考核機關")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.PENDING)
    self_assessment = models.TextField("機關自評", blank=True)
    self_score = pct_field("自評分數", null=True, blank=True)
    self_submitted_at = models.DateTimeField("自評提送時間", null=True, blank=True)
    total_score = pct_field("總分", null=True, blank=True)
    grade = models.CharField("等第", max_length=4, blank=True)
    comment = models.TextField("考評意見", blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    scored_at = models.DateTimeField("評分時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "考核結果"
        ordering = ["plan", "agency", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, enterprise__isnull=True)
                | Q(programme__isnull=True, enterprise__isnull=False),
                name="evaluation_of_programme_or_enterprise",
            ),
            models.UniqueConstraint(fields=["plan", "programme"], name="evaluation_programme_once"),
            models.UniqueConstraint(fields=["plan", "enterprise"], name="evaluation_enterprise_once"),
        ]
        indexes = [models.Index(fields=["plan", "grade"])]

    def __str__(self) -> str:
        return f"{self.plan.year}年度 {self.programme or self.enterprise}"

    @property
    def subject(self) -> object:
        return self.programme or self.enterprise


class CriterionScore(AuditedModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(PlanCriterion, on_delete=models.PROTECT, related_name="+")
    score = pct_field("分數（0–100）")

    class Meta:
        verbose_name = verbose_name_plural = "項目分數"
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="criterion_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="criterion_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}：{self.score}"
