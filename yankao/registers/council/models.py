"""議員提案 / 議決案: council sessions, the proposals councillors table, and the agencies' replies."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class ProposalCategory(AuditedModel):
    """提案類別 (民政、社政…): a catalogue the commission edits; `default_agency_code` routes new proposals."""

    code = models.CharField("代碼", max_length=20, unique=True)
    name = models.CharField("名稱", max_length=30, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    # routing: the agency (by its code in the organisation file) that answers this category by default
    default_agency_code = models.CharField("預設主辦機關代碼", max_length=20, blank=True)
    is_active = models.BooleanField("啟用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案類別"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ReplyRule(AuditedModel):
    """How long an agency has to reply to a proposal; versioned by `effective_from`."""

    effective_from = models.DateField("生效日", unique=True)
    reply_working_days = models.PositiveIntegerField("函復期限（工作日）")
    note = models.CharField("依據", max_length=200, blank=True)
    # 副知研考會: the commission's mailbox that receives a copy of each reply (blank: none sent)
    commission_mailbox = models.EmailField("研考會副本信箱", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案函復期限"
        ordering = ["-effective_from"]
        constraints = [models.CheckConstraint(condition=Q(reply_working_days__gte=1), name="reply_days_positive")]

    def __str__(self) -> str:
        return f"{self.effective_from}起 {self.reply_working_days} 個工作日"


class Councillor(AuditedModel):
    """市議員 and the address that receives the copy of each reply to their proposals (副本).
    Kept by the commission; a proposal names its councillors as text, matched here by name."""

    name = models.CharField("姓名", max_length=50, unique=True)
    email = models.EmailField("副本信箱", blank=True)
    is_active = models.BooleanField("現任", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "市議員"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilSession(AuditedModel):
    """A sitting of the city council (第4屆第3次定期大會)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "定期大會"
        EXTRA = "extra", "臨時大會"

    term = models.PositiveSmallIntegerField("屆")
    number = models.PositiveSmallIntegerField("次")
    kind = models.CharField("會別", max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    starts_on = models.DateField("開議日")
    ends_on = models.DateField("閉會日")
    report_due = models.DateField("彙編提報期限")
    compiled_on = models.DateField("彙編提報日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "議會大會"
        ordering = ["-term", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number", "kind"], name="council_session_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"第{self.term}屆第{self.number}次{self.get_kind_display()}"

    @property
    def compiled_on_time(self) -> bool | None:
        return None if self.compiled_on is None else self.compiled_on <= self.report_due


class Proposal(AuditedModel):
    """議員提案: one proposal, the agency responsible, its reply deadline (kept as given) and reply."""

    class Status(models.TextChoices):
        OPEN = "open", "辦理中"
        REPLIED = "replied", "已函復"
        CLOSED = "closed", "已結案"

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="proposals")
    number = models.CharField("案號", max_length=20)
    title = models.CharField("案由", max_length=500)
    councillors = models.CharField("提案議員", max_length=200)
    category = models.ForeignKey(ProposalCategory, on_delete=models.PROTECT, related_name="proposals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="council_proposals")
    received_on = models.DateField("收文日")
    reply_working_days = models.PositiveIntegerField("函復期限（工作日）")
    reply_deadline = models.DateField("函復期限")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.OPEN)
    replied_on = models.DateField("函復日", null=True, blank=True)
    reply_text = models.TextField("函復內容", blank=True)
    closed_on = models.DateField("結案日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "議員提案"
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="proposal_number_unique"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(replied_on__isnull=False), name="proposal_replied_has_date"
            ),
        ]
        indexes = [models.Index(fields=["session", "category"]), models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.session} {self.number}"

    @property
    def replied_on_time(self) -> bool | None:
        return None if self.replied_on is None else self.replied_on <= self.reply_deadline

    def is_overdue(self, today: dt.date) -> bool:
        return self.replied_on is None and today > self.reply_deadline
