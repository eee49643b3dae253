"""施政報告彙編: for a council session (or the yearly performance report) each agency submits its
section by a deadline; the commission compiles them into one document."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from yankao.core.models import AuditedModel
from yankao.org.models import Agency


class Compilation(AuditedModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", "市議會大會施政報告"
        PERFORMANCE = "performance", "年度施政績效成果報告"

    class Status(models.TextChoices):
        COLLECTING = "collecting", "收件中"
        COMPILED = "compiled", "已彙編"
        SENT = "sent", "已函送"

    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("類別", max_length=12, choices=Kind.choices)
    title = models.CharField("名稱", max_length=200, unique=True)
    due_on = models.DateField("各機關繳交期限")
    status = models.CharField("狀態", max_length=12, choices=Status.choices, default=Status.COLLECTING)
    compiled_on = models.DateField("彙編完成日", null=True, blank=True)
    sent_on = models.DateField("函送日", null=True, blank=True)
    sent_to = models.CharField("函送對象", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "施政報告彙編"
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class Section(AuditedModel):
    compilation = models.ForeignKey(Compilation, on_delete=models.CASCADE, related_name="sections")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_sections")
    text = models.TextField("內容", blank=True)
    submitted_on = models.DateField("繳交日", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "機關施政報告"
        ordering = ["compilation", "agency__sort_order", "agency__code"]
        constraints = [models.UniqueConstraint(fields=["compilation", "agency"], name="section_once_per_agency")]

    def __str__(self) -> str:
        return f"{self.compilation} {self.agency}"

    @property
    def late(self) -> bool | None:
        return None if self.submitted_on is None else self.submitted_on > self.compilation.due_on
