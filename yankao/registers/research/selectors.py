"""Reads of the research register and the figures of 壹、一."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from yankao.org.permissions import sees_all_agencies
from yankao.registers.research.models import Milestone, Recommendation, ResearchProject


def project_list_for(*, user: Any) -> QuerySet[ResearchProject]:
    """The commission sees every study; an agency sees the studies with recommendations to it."""
    qs = ResearchProject.objects.select_related("agency").prefetch_related("milestones")
    if sees_all_agencies(user):
        return qs
    if not getattr(user, "agency_id", None) or getattr(user, "kind", None) != "staff":
        return qs.none()
    return qs.filter(Q(agency_id=user.agency_id) | Q(recommendations__agency_id=user.agency_id)).distinct()


def completed_in(*, year: int) -> list[tuple[int, str, Any]]:
    """Figure: 112 年度「高雄市公民參與推動現況與效益之研究」於 113 年 6 月完成研究報告 — (project year, title, completed_on)."""
    rows = ResearchProject.objects.filter(completed_on__year=year).order_by("completed_on")
    return [(p.year, p.title, p.completed_on) for p in rows]


def reviews_held_in(*, year: int, kind: str) -> list[tuple[int, str, Any]]:
    """Figure: 113 年度「高雄市淨零-公正轉型之研究…」於 113 年 11 月完成期中報告審查."""
    rows = Milestone.objects.filter(held_on__year=year, kind=kind).select_related("project").order_by("held_on")
    return [(m.project.year, m.project.title, m.held_on) for m in rows]


def adoption_counts(*, year: int | None = None) -> dict[str, int]:
    qs = Recommendation.objects.all()
    if year:
        qs = qs.filter(project__year=year)
    agg = qs.aggregate(**{s: Count("id", filter=Q(status=s)) for s in Recommendation.Status.values})
    return {s: agg[s] for s in Recommendation.Status.values}
