"""Reading cases: each person's scope, the inbox filters, public tracking, likely duplicates."""

from __future__ import annotations

import datetime as dt
import difflib
import hmac
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from yankao.org.permissions import is_citizen
from yankao.org.selectors import scope_to_agency
from yankao.service.models import Case, CaseStep
from yankao.service.models.cases import OPEN_STATUSES, Status
from yankao.service.services.rules import policy_on

SORTS = {
    "received": "-received_at",
    "received_asc": "received_at",
    "deadline": "deadline_at",
    "number": "number",
    "status": "status",
}


def case_list_for(*, user: Any) -> QuerySet[Case]:
    """Cases `user` may see: own agency's for staff, all for the commission, own for a citizen."""
    qs = Case.objects.select_related("category", "agency", "district")
    if is_citizen(user):
        return qs.filter(citizen_id=user.pk)
    return scope_to_agency(qs, user)


@dataclass
class InboxFilter:
    status: str = ""
    category: int | None = None
    district: int | None = None
    channel: str = ""
    overdue: bool = False
    open_only: bool = False
    agency: int | None = None
    q: str = ""
    sort: str = "received"


def case_inbox(*, user: Any, filters: InboxFilter) -> QuerySet[Case]:
    """收件匣: the scoped list with the inbox filters and sort applied."""
    qs = case_list_for(user=user)
    if filters.status in Status.values:
        qs = qs.filter(status=filters.status)
    elif filters.open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.district:
        qs = qs.filter(district_id=filters.district)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.agency:
        qs = qs.filter(agency_id=filters.agency)
    if filters.overdue:
        qs = qs.filter(overdue_q())
    if filters.q.strip():
        qs = qs.filter(number__startswith=filters.q.strip().upper())
    return qs.order_by(SORTS.get(filters.sort, "-received_at"), "-id")


def overdue_q(now: dt.datetime | None = None) -> Q:
    """Open and past the deadline it was given (whether or not the periodic job has flagged it yet)."""
    return Q(status__in=OPEN_STATUSES, deadline_at__lt=now or timezone.now())


def overdue_cases_for(*, user: Any) -> QuerySet[Case]:
    """The agency manager's overdue list (the centre sees every agency's)."""
    return case_list_for(user=user).filter(overdue_q()).order_by("deadline_at")


def case_timeline(case: Case) -> list[dict[str, Any]]:
    """受理 and 分案 from the case itself, then every recorded step, in time order."""
    items: list[dict[str, Any]] = [
        {"at": case.received_at, "label": "受理", "actor": case.get_channel_display(), "note": ""}
    ]
    first_step = case.steps.order_by("at", "id").first()
    if case.assigned_at and (first_step is None or first_step.kind != CaseStep.Kind.ASSIGNED):
        auto = case.agency if first_step is None or first_step.kind != CaseStep.Kind.TRANSFERRED else None
        if auto is not None:
            items.append(
                {"at": case.assigned_at, "label": "分案（依類別自動分案）", "actor": "系統", "note": auto.name}
            )
    for step in case.steps.order_by("at", "id"):
        items.append({"at": step.at, "label": step.get_kind_display(), "actor": step.actor_label, "note": step.note})
    return items


def case_public_status(*, number: str, code: str) -> Case | None:
    """Public tracking: the case only when the number and its verification code match."""
    case = Case.objects.select_related("category", "agency").filter(number=(number or "").strip().upper()).first()
    if case is None or not case.verification_code:
        return None
    if not hmac.compare_digest(case.verification_code.encode(), (code or "").strip().upper().encode()):
        return None
    return case


def _distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((rlat2 - rlat1) / 2) ** 2
        + math.cos(rlat1) * math.cos(rlat2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 6_371_000 * 2 * math.asin(math.sqrt(a))


def text_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a[:500], b[:500]).ratio()


@dataclass
class DuplicateCandidate:
    case: Case
    distance_m: float | None
    similarity: float


def duplicate_candidates(*, case: Case, user: Any, limit: int = 5) -> list[DuplicateCandidate]:
    """Likely duplicates: same category, within the policy's distance and time window, similar text."""
    policy = policy_on(timezone.localdate(case.received_at))
    window = dt.timedelta(hours=policy.duplicate_window_hours)
    qs = (
        case_list_for(user=user)
        .filter(category_id=case.category_id, received_at__gte=case.received_at - window)
        .filter(received_at__lte=case.received_at + window, duplicate_of__isnull=True)
        .exclude(pk=case.pk)
    )
    if case.has_location:
        # a box first (1° latitude ≈ 111 km), the exact distance after
        span = policy.duplicate_distance_m / 111_000 * 1.5
        lat, lng = float(case.lat), float(case.lng)  # type: ignore[arg-type]
        qs = qs.filter(lat__range=(lat - span, lat + span), lng__range=(lng - span * 1.2, lng + span * 1.2))
    found: list[DuplicateCandidate] = []
    for other in qs[:200]:
        distance = None
        if case.has_location and other.has_location:
            distance = _distance_m(lat, lng, float(other.lat), float(other.lng))  # type: ignore[arg-type]
            if distance > policy.duplicate_distance_m:
                continue
        elif not case.has_location and (not case.district_id or other.district_id != case.district_id):
            continue
        similarity = text_similarity(case.description, other.description)
        if similarity >= float(policy.duplicate_text_similarity):
            found.append(DuplicateCandidate(other, distance, round(similarity, 2)))
    found.sort(key=lambda c: (-c.similarity, c.distance_m or 0))
    return found[:limit]
