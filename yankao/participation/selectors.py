"""Every read with a rule in it: what each person may see, and the figures of the annual report.

Reference figures (高雄市政府研考會 113 年度施政績效報告 壹、五 公民參與), each a selector with
explicit year parameters (see docs/participation.md):
    subsidy_application_count(year=2024)   → 30   推動案
    subsidy_approved_count(year=2024)      → 15   核定補助
    subsidy_approved_amount(year=2024)     → 2,616,400 元 = 261.64 萬元
    school_commute_sites(year=2024)        → 2 schools: 仁武區, 鳳山區
    proposal_rules_in_force(on=...)        → 45 days, 1,500 endorsements
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from yankao.core.money import in_unit
from yankao.org.permissions import is_commission, is_staff_member
from yankao.org.selectors import scope_to_agency
from yankao.participation.models import (
    BudgetProcess,
    Consultation,
    Endorsement,
    ParticipationProject,
    ProjectSite,
    Proposal,
    ProposalComment,
    ProposalResponse,
    ProposalRules,
)
from yankao.participation.permissions import can_view_proposal

# --- proposals ---------------------------------------------------------------------------------


def proposal_public_list(*, state: str = "", agency_id: int | None = None, q: str = "") -> QuerySet[Proposal]:
    """Proposals the public sees: from passing screening on (never pending, withdrawn or rejected ones)."""
    qs = Proposal.objects.filter(state__in=Proposal.PUBLIC_STATES).select_related("responsible_agency", "response")
    if state in Proposal.PUBLIC_STATES:
        qs = qs.filter(state=state)
    if agency_id:
        qs = qs.filter(responsible_agency_id=agency_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(content__icontains=q))
    return qs.order_by("-screened_at", "-pk")


def proposal_get_for(*, user: Any, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("responsible_agency", "rejection_reason", "duplicate_of").filter(pk=pk).first()
    )
    if proposal is None or not can_view_proposal(user, proposal):
        raise Http404("找不到提議")
    return proposal


def proposal_office_list_for(*, user: Any, state: str = "") -> QuerySet[Proposal]:
    """Back office: everything for the commission; the proposals assigned to one's own agency otherwise."""
    qs = Proposal.objects.select_related("responsible_agency", "proposer")
    if not is_commission(user):
        qs = scope_to_agency(qs, user, field="responsible_agency").filter(state__in=Proposal.PUBLIC_STATES)
    if state in Proposal.State.values:
        qs = qs.filter(state=state)
    return qs.order_by("-submitted_at", "-pk")


def proposals_of(*, user: Any) -> QuerySet[Proposal]:
    """A citizen's own proposals, in every state."""
    if getattr(user, "pk", None) is None:
        return Proposal.objects.none()
    return Proposal.objects.filter(proposer=user).order_by("-submitted_at")


def endorsed_by(*, user: Any, proposal: Proposal) -> bool:
    """Whether the person behind this account (its identity) has endorsed, from whichever account."""
    from yankao.participation.services.identity import verification_for

    verification = verification_for(user)
    if verification is None or verification.identity_id is None:
        return False
    return Endorsement.objects.filter(proposal=proposal, identity_id=verification.identity_id).exists()


@dataclass(frozen=True)
class Progress:
    count: int
    threshold: int
    percent: int
    days_left: int | None
    opens_on: dt.date | None
    closes_on: dt.date | None


def endorsement_progress(proposal: Proposal, *, today: dt.date | None = None) -> Progress:
    """「N / 1,500，剩 X 天」: days left counts today while the window is open."""
    today = today or timezone.localdate()
    threshold = proposal.endorsement_threshold or ProposalRules.in_force(today).endorsement_threshold
    days_left = None
    if proposal.state == Proposal.State.ENDORSING and proposal.endorsement_closes_on:
        days_left = max(0, (proposal.endorsement_closes_on - today).days + 1)
    percent = min(100, proposal.endorsement_count * 100 // threshold) if threshold else 0
    return Progress(
        proposal.endorsement_count,
        threshold,
        percent,
        days_left,
        proposal.endorsement_opens_on,
        proposal.endorsement_closes_on,
    )


def comments_shown(*, proposal: Proposal) -> QuerySet[ProposalComment]:
    return proposal.comments.filter(status__in=[ProposalComment.Status.VISIBLE, ProposalComment.Status.RESTORED])


def comments_for_moderation() -> QuerySet[ProposalComment]:
    return ProposalComment.objects.filter(
        Q(status__in=[ProposalComment.Status.HIDDEN, ProposalComment.Status.REMOVED]) | Q(report_count__gt=0)
    ).select_related("proposal", "author")


def endorsements_flagged(*, include_reviewed: bool = False) -> QuerySet[Endorsement]:
    qs = Endorsement.objects.exclude(flags="").select_related("proposal")
    if not include_reviewed:
        qs = qs.filter(flag_reviewed_at__isnull=True)
    return qs.order_by("proposal_id", "endorsed_at")


def proposal_rules_in_force(*, on: dt.date) -> ProposalRules:
    """The 想提議 rules in force on a date (reference: 45 日內 1,500 份附議)."""
    return ProposalRules.in_force(on)


# --- statistics and open data ------------------------------------------------------------------


def _year_filter(year: int) -> Q:
    return Q(submitted_at__year=year)


def proposal_counts_by_state(*, year: int) -> dict[str, int]:
    """Proposals submitted in `year`, by current state (every state listed, zeros included)."""
    counts = dict(Proposal.objects.filter(_year_filter(year)).values_list("state").annotate(n=Count("pk")).order_by())
    return {state: counts.get(state, 0) for state in Proposal.State.values}


def proposal_counts_by_agency(*, year: int) -> list[tuple[str, int, int]]:
    """(agency, established or later, responded) for proposals submitted in `year`."""
    rows = (
        Proposal.objects.filter(_year_filter(year), state__in=[*Proposal.AWAITING_RESPONSE, Proposal.State.RESPONDED])
        .values("responsible_agency__name")
        .annotate(established=Count("pk"), responded=Count("pk", filter=Q(state=Proposal.State.RESPONDED)))
        .order_by("-established", "responsible_agency__name")
    )
    return [(r["responsible_agency__name"], r["established"], r["responded"]) for r in rows]


def average_days_to_response(*, year: int) -> Decimal | None:
    """Mean calendar days from establishment to response, for proposals responded to in `year`."""
    qs = Proposal.objects.filter(responded_at__year=year, established_at__isnull=False).annotate(
        took=ExpressionWrapper(F("responded_at") - F("established_at"), output_field=DurationField())
    )
    mean = qs.aggregate(mean=Avg("took"))["mean"]
    if mean is None:
        return None
    return (Decimal(mean.total_seconds()) / Decimal(86400)).quantize(Decimal("0.1"))


def endorsement_total(*, year: int) -> int:
    """Valid (not voided) endorsements made in `year`."""
    return Endorsement.objects.filter(endorsed_at__year=year, voided_at__isnull=True).count()


def open_data_rows() -> list[dict[str, Any]]:
    """Public proposals and responses for download: no names, no contacts, no identities.

    Read as plain values (no model instances), so a full download stays fast.
    """
    states = dict(Proposal.State.choices)
    decisions = dict(ProposalResponse.Decision.choices)
    rows = []
    for p in proposal_public_list().values(
        "pk",
        "title",
        "content",
        "expected_benefit",
        "state",
        "responsible_agency__name",
        "endorsement_opens_on",
        "endorsement_closes_on",
        "endorsement_count",
        "endorsement_threshold",
        "response_due",
        "response__decision",
        "response__reasons",
        "response__planned_actions",
        "response__published_at",
    ):
        published = p["response__published_at"]
        rows.append(
            {
                "id": p["pk"],
                "title": p["title"],
                "content": p["content"],
                "expected_benefit": p["expected_benefit"],
                "state": states[p["state"]],
                "agency": p["responsible_agency__name"] or "",
                "endorsement_opens_on": _iso(p["endorsement_opens_on"]),
                "endorsement_closes_on": _iso(p["endorsement_closes_on"]),
                "endorsements": p["endorsement_count"],
                "threshold": p["endorsement_threshold"],
                "response_due": _iso(p["response_due"]),
                "decision": decisions.get(p["response__decision"] or "", ""),
                "reasons": p["response__reasons"] or "",
                "planned_actions": p["response__planned_actions"] or "",
                "responded_on": timezone.localtime(published).date().isoformat() if published else "",
            }
        )
    return rows


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


OPEN_DATA_HEADERS = {
    "id": "編號",
    "title": "提議標題",
    "content": "提議內容",
    "expected_benefit": "預期效益",
    "state": "狀態",
    "agency": "主管機關",
    "endorsement_opens_on": "附議開始日",
    "endorsement_closes_on": "附議截止日",
    "endorsements": "有效附議數",
    "threshold": "成案門檻",
    "response_due": "回應期限",
    "decision": "回應結果",
    "reasons": "回應理由",
    "planned_actions": "後續辦理方式",
    "responded_on": "回應日期",
}

# --- participatory budgeting and consultations -------------------------------------------------


def budget_process_list() -> QuerySet[BudgetProcess]:
    return BudgetProcess.objects.select_related("agency", "district")


def budget_processes_for(*, user: Any) -> QuerySet[BudgetProcess]:
    return scope_to_agency(budget_process_list(), user)


def budget_total_for(*, year: int) -> int:
    """Total participatory budget (元) of processes in `year`."""
    return BudgetProcess.objects.filter(year=year).aggregate(t=Sum("total_budget"))["t"] or 0


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("agency").annotate(
        comment_count=Count("comments", filter=Q(comments__hidden=False))
    )


def consultations_for(*, user: Any) -> QuerySet[Consultation]:
    return scope_to_agency(consultation_list(), user)


# --- participation subsidy programme (reference figures) ---------------------------------------


def projects_for(*, user: Any, year: int | None = None) -> QuerySet[ParticipationProject]:
    qs = scope_to_agency(ParticipationProject.objects.select_related("agency", "project_type"), user)
    return qs.filter(year=year) if year else qs


def _subsidies(year: int) -> QuerySet[ParticipationProject]:
    return ParticipationProject.objects.filter(year=year, kind=ParticipationProject.Kind.SUBSIDY)


def subsidy_application_count(*, year: int) -> int:
    """公民參與推動案 applying for subsidy in `year` (reference 113: 30 案)."""
    return _subsidies(year).count()


def subsidy_approved_count(*, year: int) -> int:
    """Applications the commission approved for subsidy (reference 113: 15 案)."""
    return _subsidies(year).filter(status__in=ParticipationProject.FUNDED_STATES).count()


def subsidy_approved_amount(*, year: int) -> int:
    """Approved subsidy in 元 (reference 113: 2,616,400 元 = 261.64 萬元)."""
    return _subsidies(year).aggregate(total=Sum("approved_amount"))["total"] or 0


def subsidy_approved_amount_wan(*, year: int) -> Decimal:
    """The same in 萬元 to two decimals, half-up (261.64)."""
    return in_unit(subsidy_approved_amount(year=year), "萬元")


def subsidy_by_type(*, year: int) -> list[tuple[str, int, int]]:
    """(project type, approved projects, approved 元) in `year`."""
    rows = (
        _subsidies(year)
        .filter(status__in=ParticipationProject.FUNDED_STATES)
        .values("project_type__label", "project_type__sort_order")
        .annotate(n=Count("pk"), amount=Sum("approved_amount"))
        .order_by("project_type__sort_order")
    )
    return [(r["project_type__label"], r["n"], r["amount"]) for r in rows]


def school_commute_sites(*, year: int) -> list[tuple[str, str]]:
    """(district, school) of the 校園通學交通改善公民參與計畫 in `year` (reference 113: 仁武區, 鳳山區)."""
    sites = ProjectSite.objects.filter(
        project__year=year, project__project_type__code="school_commute", kind=ProjectSite.Kind.SCHOOL
    ).select_related("district")
    return [(s.district.name, s.name) for s in sites.order_by("district__code", "pk")]


def can_see_office(user: Any) -> bool:
    return is_staff_member(user)


def programme_progress(proposal: Proposal) -> dict[str, Any] | None:
    """The controlled programme (列管) an adopted proposal became, with its latest reported
    progress, read through the programmes app's public selector (no people's names)."""
    from yankao.participation.services import programme_source
    from yankao.programmes.selectors.programmes import programme_public_progress

    return programme_public_progress(source_reference=programme_source(proposal))
