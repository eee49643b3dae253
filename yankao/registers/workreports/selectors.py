"""Reads of the work-report compilations and the figures of 壹、二."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from yankao.core.documents import Document, Heading, Paragraph
from yankao.org.permissions import sees_all_agencies
from yankao.registers.workreports.models import Compilation, Section


def compilation_list() -> QuerySet[Compilation]:
    return Compilation.objects.annotate(
        n_sections=Count("sections"), n_submitted=Count("sections", filter=Q(sections__submitted_on__isnull=False))
    )


def sections_for(*, user: Any, compilation: Compilation) -> QuerySet[Section]:
    qs = compilation.sections.select_related("agency")
    if sees_all_agencies(user):
        return qs
    agency_id: int = getattr(user, "agency_id", None) or 0
    return qs.filter(agency_id=agency_id) if agency_id and getattr(user, "kind", None) == "staff" else qs.none()


def compilations_sent(*, year: int, kind: str | None = None) -> list[str]:
    """Figure: 完成 112 年度施政績效成果報告彙編；第 4 屆第 3 次、4 次大會施政報告彙編並函送市議會 —
    titles of the compilations sent in `year`."""
    qs = Compilation.objects.filter(sent_on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("sent_on").values_list("title", flat=True))


def late_sections(*, compilation: Compilation) -> int:
    return sum(1 for s in compilation.sections.all() if s.late)


def compiled_document(*, compilation: Compilation) -> Document:
    blocks: list[Any] = []
    for section in compilation.sections.select_related("agency").order_by("agency__sort_order", "agency__code"):
        blocks += [Heading(section.agency.name), Paragraph(section.text or "（未提報）")]
    return Document(title=compilation.title, blocks=blocks)
