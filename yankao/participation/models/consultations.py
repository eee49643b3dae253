"""眾開講: an agency's draft policy open for public comment, and its summary of what it took on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from yankao.core.models import AuditedModel


class Consultation(AuditedModel):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="機關")
    title = models.CharField("政策草案名稱", max_length=150)
    draft = models.TextField("草案內容")
    opens_on = models.DateField("開始日")
    closes_on = models.DateField("截止日")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("意見採納說明", blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "眾開講"
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="consultation_window_ordered")
        ]

    def __str__(self) -> str:
        return self.title


class ConsultationComment(AuditedModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("意見", max_length=3000)
    hidden = models.BooleanField("隱藏", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "眾開講意見"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"意見 #{self.pk}"
