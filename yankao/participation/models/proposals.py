"""想提議: e-proposals, their endorsements (附議), the agency's response and public comments."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel

from .identity import VerifiedIdentity
from .rules import RejectionReason


class Proposal(AuditedModel):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "待檢核"
        WITHDRAWN = "withdrawn", "已撤回"
        REJECTED = "rejected", "檢核未通過"
        ENDORSING = "endorsing", "附議中"
        LAPSED = "lapsed", "未成案"
        ESTABLISHED = "established", "已成案（待回應）"
        OVERDUE = "overdue", "回應逾期"
        RESPONDED = "responded", "已回應"

    PUBLIC_STATES: ClassVar[tuple[str, ...]] = (
        State.ENDORSING,
        State.LAPSED,
        State.ESTABLISHED,
        State.OVERDUE,
        State.RESPONDED,
    )
    AWAITING_RESPONSE: ClassVar[tuple[str, ...]] = (State.ESTABLISHED, State.OVERDUE)

    title = models.CharField("提議標題", max_length=100)
    content = models.TextField("提議內容")
    expected_benefit = models.TextField("預期效益")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="participation_proposals",
        verbose_name="提議人",
    )
    proposer_identity = models.ForeignKey(VerifiedIdentity, on_delete=models.PROTECT, related_name="+")
    state = models.CharField("狀態", max_length=12, choices=State.choices, default=State.SUBMITTED, db_index=True)
    version = models.PositiveIntegerField(default=1)

    submitted_at = models.DateTimeField("提出時間")
    screening_working_days = models.PositiveSmallIntegerField("檢核期限（工作天）")
    screening_due = models.DateTimeField("檢核期限")
    screening_overdue_notified_at = models.DateTimeField("檢核逾期通知時間", null=True, blank=True)
    screened_at = models.DateTimeField("檢核時間", null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screening_late_reason = models.CharField("逾期檢核理由", max_length=300, blank=True)
    rejection_reason = models.ForeignKey(
        RejectionReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name="未通過理由"
    )
    rejection_note = models.CharField("未通過說明", max_length=500, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="重複之提議"
    )
    withdrawn_at = models.DateTimeField("撤回時間", null=True, blank=True)

    responsible_agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="主管機關"
    )
    endorsement_opens_on = models.DateField("附議開始日", null=True, blank=True)
    endorsement_closes_on = models.DateField("附議截止日", null=True, blank=True)
    endorsement_threshold = models.PositiveIntegerField("成案門檻", null=True, blank=True)
    endorsement_count = models.PositiveIntegerField("有效附議數", default=0)
    established_at = models.DateTimeField("成案時間", null=True, blank=True)
    lapsed_at = models.DateTimeField("未成案時間", null=True, blank=True)

    response_months = models.PositiveSmallIntegerField("回應期限（月）", null=True, blank=True)
    response_due = models.DateField("回應期限", null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField("延長次數", default=0)
    max_extensions = models.PositiveSmallIntegerField("可延長次數", default=1)
    extension_months = models.PositiveSmallIntegerField("延長月數", default=2)
    extension_reason = models.CharField("延長理由（公告）", max_length=500, blank=True)
    extended_at = models.DateTimeField("延長公告時間", null=True, blank=True)
    overdue_at = models.DateTimeField("逾期移研考會時間", null=True, blank=True)
    responded_at = models.DateTimeField("回應時間", null=True, blank=True)
    # TODO(programmes): an adopted proposal becomes a controlled programme (列管); see docs/participation.md
    programme_code = models.CharField("列管計畫編號", max_length=40, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "想提議"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="rejected") | Q(rejection_reason__isnull=False), name="rejected_proposal_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["submitted", "withdrawn", "rejected"])
                | Q(endorsement_opens_on__isnull=False, endorsement_threshold__isnull=False),
                name="passed_proposal_has_window",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["established", "overdue", "responded"])
                | Q(responsible_agency__isnull=False, response_due__isnull=False),
                name="established_proposal_has_agency",
            ),
            models.CheckConstraint(
                condition=Q(extension_count__lte=models.F("max_extensions")), name="extension_limit"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES


class ProposalAgency(AuditedModel):
    """A suggested agency (建議機關), up to the rule's limit, in the proposer's order."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="suggested")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "建議機關"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "agency"], name="proposal_agency_unique"),
            models.UniqueConstraint(fields=["proposal", "position"], name="proposal_agency_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}·{self.agency_id}"


class Endorsement(AuditedModel):
    """附議: one per verified person per proposal (the database holds it), never withdrawn.

    The commission may void a suspicious endorsement with a reason; the row stays (and with it
    the unique constraint and the audit trail), it only stops counting.
    """

    audit_exclude = ("ip_hash", "device_hash", "created_at", "updated_at")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="endorsements")
    identity = models.ForeignKey(VerifiedIdentity, on_delete=models.PROTECT, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    endorsed_at = models.DateTimeField("附議時間")
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    flags = models.CharField("異常訊號", max_length=200, blank=True)
    flag_reviewed_at = models.DateTimeField("審視時間", null=True, blank=True)
    voided_at = models.DateTimeField("註銷時間", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    void_reason = models.CharField("註銷理由", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "附議"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "identity"], name="one_endorsement_per_identity"),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | ~Q(void_reason=""), name="voided_endorsement_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["proposal", "endorsed_at"])]

    def __str__(self) -> str:
        return f"附議 #{self.pk}"


class ProposalResponse(AuditedModel):
    """主管機關回應: adopt, partly adopt or not adopt, with reasons and planned actions."""

    class Decision(models.TextChoices):
        ADOPT = "adopt", "參採"
        PARTIAL = "partial", "部分參採"
        NOT_ADOPT = "not_adopt", "不參採"

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="response")
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField("回應結果", max_length=10, choices=Decision.choices)
    reasons = models.TextField("理由")
    planned_actions = models.TextField("後續辦理方式", blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("公布時間")

    class Meta:
        verbose_name = verbose_name_plural = "機關回應"

    def __str__(self) -> str:
        return f"{self.proposal}：{self.get_decision_display()}"


class ProposalComment(AuditedModel):
    class Status(models.TextChoices):
        VISIBLE = "visible", "公開"
        HIDDEN = "hidden", "已隱藏（檢舉）"
        REMOVED = "removed", "已由管理者隱藏"
        RESTORED = "restored", "已恢復"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("留言", max_length=2000)
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.VISIBLE)
    report_count = models.PositiveIntegerField("檢舉數", default=0)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderation_note = models.CharField("處理說明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提議留言"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"留言 #{self.pk}"

    @property
    def is_shown(self) -> bool:
        return self.status in (self.Status.VISIBLE, self.Status.RESTORED)


class CommentReport(AuditedModel):
    comment = models.ForeignKey(ProposalComment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("檢舉理由", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "留言檢舉"
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person")]

    def __str__(self) -> str:
        return f"檢舉 #{self.pk}"
