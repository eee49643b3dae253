"""常見問答: what citizens ask the 1999 hotline and the answer the agencies publish."""

from __future__ import annotations

from django.db import models

from yankao.core.models import AuditedModel
from yankao.service.models.rules import Category


class Faq(AuditedModel):
    """A published question and answer, kept by the agency responsible (or the commission).

    Public: shown on /service/faq/ and indexed by the cross-agency search; never personal data."""

    question = models.CharField("問題", max_length=200)
    answer = models.TextField("回答", max_length=4000)
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="faqs", verbose_name="案件類別"
    )
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="權責機關")
    is_published = models.BooleanField("公開", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "常見問答"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.question
