"""Reads of the overseas-report register (public and office) and the figures of 壹、三."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from yankao.org.permissions import sees_all_agencies
from yankao.registers.overseas.models import TripRecommendation, TripReport


def published_reports() -> QuerySet[TripReport]:
    """The public list (no travellers' names: personal data stays out of public pages)."""
    return (
        TripReport.objects.filter(status=TripReport.Status.PUBLISHED).select_related("agency").order_by("-published_on")
    )


def report_list_for(*, user: Any) -> QuerySet[TripReport]:
    """Own agency's reports and those with recommendations to it; every report for the commission."""
    qs = TripReport.objects.select_related("agency")
    if sees_all_agencies(user):
        return qs
    if getattr(user, "kind", None) != "staff" or not getattr(user, "agency_id", None):
        return qs.none()
    return qs.filter(Q(agency_id=user.agency_id) | Q(recommendations__agency_id=user.agency_id)).distinct()


def reports_published(*, year: int) -> int:
    """Reports reviewed and published in full during `year` (全文上傳出國報告資訊網)."""
    return TripReport.objects.filter(published_on__year=year).count()


def recommendation_counts(*, year: int) -> dict[str, int]:
    """Recommendations sent in `year` (函請相關機關研究參採) by their answer."""
    qs = TripRecommendation.objects.filter(sent_on__year=year)
    agg = qs.aggregate(
        total=Count("id"), **{s: Count("id", filter=Q(status=s)) for s in TripRecommendation.Status.values}
    )
    return dict(agg)


def on_time_share(*, year: int) -> tuple[int, int]:
    """(submitted by the due date, submitted) for reports submitted in `year`."""
    reports = list(TripReport.objects.filter(submitted_on__year=year))
    return sum(1 for r in reports if r.submitted_on_time), len(reports)
