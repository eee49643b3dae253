"""公共工程督導暨協調會報: coordination meetings chaired by a deputy mayor, and their decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from yankao.core.models import AuditedModel
from yankao.org.models import Agency

from .programmes import Programme
from .subsidies import SubsidyCase


class CoordinationMeeting(AuditedModel):
    title = models.CharField("會議名稱", max_length=200)
    held_on = models.DateField("開會日期")
    chair = models.CharField("主持人", max_length=100)
    place = models.CharField("地點", max_length=100, blank=True)
    minutes = models.TextField("會議紀錄", blank=True)
    minutes_issued_on = models.DateField("紀錄發文日", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督導暨協調會報"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(AuditedModel):
    """A problem brought to the meeting: a programme behind schedule or a subsidy case in trouble."""

    meeting = models.ForeignKey(CoordinationMeeting, on_delete=models.CASCADE, related_name="agenda")
    seq = models.PositiveSmallIntegerField("序號")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subsidy_case = models.ForeignKey(SubsidyCase, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="機關")
    issue = models.TextField("問題")

    class Meta:
        verbose_name = verbose_name_plural = "會報議題"
        ordering = ["meeting", "seq"]
        constraints = [models.UniqueConstraint(fields=["meeting", "seq"], name="agenda_seq_unique")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.issue[:30]}"


class MeetingDecision(AuditedModel):
    """決議事項: assigned to an agency with a deadline, followed up until the commission closes it."""

    class Status(models.TextChoices):
        OPEN = "open", "列管中"
        REPLIED = "replied", "機關已回復"
        CLOSED = "closed", "解除列管"

    meeting = models.ForeignKey(CoordinationMeeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField("決議")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="辦理機關")
    due_date = models.DateField("辦理期限")
    status = models.CharField("狀態", max_length=10, choices=Status.choices, default=Status.OPEN)
    follow_up = models.TextField("辦理情形", blank=True)
    replied_at = models.DateTimeField("回復時間", null=True, blank=True)
    closed_at = models.DateTimeField("解除列管時間", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "會報決議"
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
