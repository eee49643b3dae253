"""出國報告: reports of official trips abroad, reviewed by the commission, published in full, with
recommendations tracked until adopted or declined (高雄市政府公務出國報告作業要點)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class SubmissionRule(AuditedModel):
    """How many calendar days after return a report is due; versioned."""

    effective_from = models.DateField("生效日", unique=True)
    days_after_return = models.PositiveSmallIntegerField("返國後繳交期限（日曆天）")
    note = models.CharField("依據", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "出國報告繳交期限"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from}起 返國後 {self.days_after_return} 日內"


class TripReport(AuditedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "退回修正"
        PUBLISHED = "published", "已審查公開"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="trip_reports")
    title = models.CharField("報告名稱", max_length=300)
    destination = models.CharField("前往國家／城市", max_length=100)
    purpose = models.CharField("出國類別", max_length=30, default="考察")
    departed_on = models.DateField("出國日")
    returned_on = models.DateField("返國日")
    due_on = models.DateField("繳交期限")
    travellers = models.CharField("出國人員", max_length=300)
    summary = models.TextField("摘要")
    full_text = models.TextField("報告全文")
    submitted_on = models.DateField("提交日")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_note = models.TextField("審查意見", blank=True)
    published_on = models.DateField("公開日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "出國報告"
        ordering = ["-submitted_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned_on__gte=models.F("departed_on")), name="trip_return_after_departure"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def submitted_on_time(self) -> bool:
        return self.submitted_on <= self.due_on


class TripRecommendation(AuditedModel):
    """建議事項: sent to the agency concerned (函請研究參採) and followed until answered."""

    class Status(models.TextChoices):
        SENT = "sent", "研議中"
        ADOPTED = "adopted", "參採"
        DECLINED = "declined", "不參採"

    report = models.ForeignKey(TripReport, on_delete=models.CASCADE, related_name="recommendations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="trip_recommendations")
    text = models.TextField("建議事項")
    sent_on = models.DateField("函送日", null=True, blank=True)
    status = models.CharField("參採情形", max_length=10, choices=Status.choices, default=Status.SENT)
    reason = models.TextField("理由", blank=True)
    responded_on = models.DateField("回復日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "出國報告建議事項"
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="declined") | ~Q(reason=""), name="trip_decline_reason")
        ]

    def __str__(self) -> str:
        return self.text[:40]
