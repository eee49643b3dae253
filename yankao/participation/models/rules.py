"""Rules of administration kept as data, with Kaohsiung's defaults loaded by a data migration.

A proposal copies the values in force when it needs them (screening days when submitted,
endorsement window and threshold when it passes, response months when it is established), so
that the commission editing a rule never rewrites the history of an existing proposal.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel


class ProposalRules(AuditedModel):
    """想提議 rules in force from `effective_from` (the latest version on or before a date applies)."""

    effective_from = models.DateField("生效日", unique=True)
    screening_working_days = models.PositiveSmallIntegerField(
        "檢核期限（工作天）", default=5, validators=[MinValueValidator(1)]
    )
    endorsement_days = models.PositiveSmallIntegerField("附議期間（日）", default=45, validators=[MinValueValidator(1)])
    endorsement_threshold = models.PositiveIntegerField(
        "成案門檻（附議數）", default=1500, validators=[MinValueValidator(1)]
    )
    response_months = models.PositiveSmallIntegerField("回應期限（月）", default=2, validators=[MinValueValidator(1)])
    extension_months = models.PositiveSmallIntegerField("延長回應（月）", default=2, validators=[MinValueValidator(1)])
    max_extensions = models.PositiveSmallIntegerField("可延長次數", default=1)
    max_suggested_agencies = models.PositiveSmallIntegerField(
        "建議機關上限", default=3, validators=[MinValueValidator(1)]
    )
    comment_report_threshold = models.PositiveSmallIntegerField(
        "留言檢舉隱藏門檻", default=3, validators=[MinValueValidator(1)]
    )
    # fraud signals (異常附議): a burst from one IP or device, or identities verified minutes earlier
    burst_window_minutes = models.PositiveSmallIntegerField("異常附議觀察時窗（分）", default=10)
    burst_threshold = models.PositiveSmallIntegerField("同一 IP／裝置附議上限（時窗內）", default=20)
    new_identity_minutes = models.PositiveSmallIntegerField("新驗證身分觀察時間（分）", default=10)
    # verification codes (驗證碼)
    code_ttl_minutes = models.PositiveSmallIntegerField("驗證碼有效時間（分）", default=10)
    code_max_per_hour = models.PositiveSmallIntegerField("每小時驗證碼發送上限", default=5)
    code_max_attempts = models.PositiveSmallIntegerField("驗證碼輸入錯誤上限", default=5)
    note = models.CharField("說明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "想提議規則"
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(endorsement_threshold__gte=1), name="proposal_rules_threshold_positive"),
            models.CheckConstraint(
                condition=Q(screening_working_days__gte=1), name="proposal_rules_screening_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"想提議規則（{self.effective_from.isoformat()} 起）"

    @classmethod
    def in_force(cls, on: dt.date) -> ProposalRules:
        found: ProposalRules | None = (
            ProposalRules.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
        )
        if found is None:
            found = ProposalRules.objects.order_by("effective_from").first()
        if found is None:  # the data migration always loads one; this keeps a bare database usable
            found = ProposalRules(effective_from=dt.date(2024, 1, 1))
        return found


class RejectionReason(AuditedModel):
    """檢核未通過理由: the list the commission chooses from when a proposal fails screening."""

    code = models.SlugField("代碼", max_length=30, unique=True)
    label = models.CharField("理由", max_length=100)
    needs_duplicate = models.BooleanField("須指明重複的提議", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "檢核未通過理由"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label


class ProjectType(AuditedModel):
    """公民參與推動案類型 (e.g. 通學交通改善公民參與, 特色公園及共融式公園)."""

    code = models.SlugField("代碼", max_length=30, unique=True)
    label = models.CharField("名稱", max_length=100)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "公民參與推動案類型"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label
