"""綜合計畫: the yearly priority-programme pre-review (先期作業) with its training sessions, and the
administration plan compilation (施政綱要 / 施政計畫)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .programmes import money_field


class PreReviewCall(AuditedModel):
    """年度重要施政計畫先期作業實施計畫 for one budget year."""

    budget_year = models.PositiveSmallIntegerField("預算年度（民國）", unique=True)
    title = models.CharField("名稱", max_length=200)
    issued_on = models.DateField("函頒日期")
    proposal_due = models.DateField("提案期限")
    balanced_on = models.DateField("預算平衡完成日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "先期作業"
        ordering = ["-budget_year"]

    def __str__(self) -> str:
        return self.title


class CallStep(AuditedModel):
    """A step of the call's timetable (提案, 初審, 府層級研商, 預算平衡…)."""

    call = models.ForeignKey(PreReviewCall, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveSmallIntegerField("順序")
    name = models.CharField("作業項目", max_length=100)
    due_on = models.DateField("日期")

    class Meta:
        verbose_name = verbose_name_plural = "先期作業時程"
        ordering = ["call", "seq"]

    def __str__(self) -> str:
        return self.name


class PreReviewProposal(AuditedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提案"
        REVIEWING = "reviewing", "審議中"
        APPROVED = "approved", "已核列"
        REJECTED = "rejected", "不予核列"

    call = models.ForeignKey(PreReviewCall, on_delete=models.PROTECT, related_name="proposals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="提案機關")
    name = models.CharField("計畫名稱", max_length=200)
    requested_public = money_field("需求：公務預算（元）")
    requested_fund = money_field("需求：基金預算（元）")
    requested_central = money_field("需求：中央補助（元）")
    approved_public = money_field("核列：公務預算（元）")
    approved_fund = money_field("核列：基金預算（元）")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField("提案時間", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "先期作業提案"
        ordering = ["call", "agency__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_public__gte=0, requested_fund__gte=0, requested_central__gte=0)
                & Q(approved_public__gte=0, approved_fund__gte=0),
                name="proposal_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def requested_total(self) -> object:
        return self.requested_public + self.requested_fund + self.requested_central


class ProposalReview(AuditedModel):
    """One review round of a proposal; the last round's amounts are the approved ones."""

    class Stage(models.TextChoices):
        INITIAL = "initial", "初審"
        MEETING = "meeting", "府層級研商會議"
        BALANCE = "balance", "預算平衡"

    proposal = models.ForeignKey(PreReviewProposal, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField("審議階段", max_length=10, choices=Stage.choices)
    reviewed_on = models.DateField("審議日期")
    public = money_field("核列公務預算（元）")
    fund = money_field("核列基金預算（元）")
    note = models.CharField("意見", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案審議"
        ordering = ["proposal", "reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}：{self.get_stage_display()}"


class Training(AuditedModel):
    """研習班 for the call: held in one or more batches (梯次)."""

    call = models.ForeignKey(PreReviewCall, on_delete=models.CASCADE, null=True, blank=True, related_name="trainings")
    title = models.CharField("名稱", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "研習班"

    def __str__(self) -> str:
        return self.title


class TrainingBatch(AuditedModel):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="batches")
    seq = models.PositiveSmallIntegerField("梯次")
    held_on = models.DateField("日期")
    attendees = models.PositiveIntegerField("參加人數")

    class Meta:
        verbose_name = verbose_name_plural = "研習梯次"
        ordering = ["training", "seq"]
        constraints = [models.UniqueConstraint(fields=["training", "seq"], name="training_batch_unique")]

    def __str__(self) -> str:
        return f"{self.training} 第{self.seq}梯次"


class AdminPlanCycle(AuditedModel):
    """施政綱要 → 施政計畫: the outline the commission issues and the compilation sent to the council."""

    budget_year = models.PositiveSmallIntegerField("施政年度（民國）", unique=True)
    outline = models.TextField("施政綱要")
    outline_issued_on = models.DateField("綱要函頒日")
    section_due = models.DateField("機關提送期限")
    compiled_on = models.DateField("彙編完成日", null=True, blank=True)
    sent_to_council_on = models.DateField("函送議會日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "施政計畫彙編"
        ordering = ["-budget_year"]

    def __str__(self) -> str:
        return f"{self.budget_year}年度施政計畫"


class AdminPlanSection(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "撰寫中"
        SUBMITTED = "submitted", "已提送"
        RETURNED = "returned", "退回修正"

    cycle = models.ForeignKey(AdminPlanCycle, on_delete=models.CASCADE, related_name="sections")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="機關")
    content = models.TextField("施政計畫內容")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("提送時間", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_late = models.BooleanField("逾期", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "施政計畫機關章節"
        ordering = ["cycle", "agency__sort_order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "agency"], name="admin_plan_section_unique")]

    def __str__(self) -> str:
        return f"{self.cycle} {self.agency}"
