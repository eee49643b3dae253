"""Named permission predicates of the participation app (tested as a matrix).

Citizens act with a verified identity; the commission (研考會) screens proposals, moderates,
reviews fraud signals and subsidy applications; the responsible agency's officers respond.
"""

from __future__ import annotations

from typing import Any

from yankao.org.models import Role
from yankao.org.permissions import (
    can_view_agency_records,
    has_role,
    is_citizen,
    is_commission,
    is_staff_member,
)

AGENCY_ACTORS = (Role.CASE_OFFICER, Role.AGENCY_MANAGER)


def can_propose(user: Any) -> bool:
    """Citizens propose, endorse, vote and comment (a verified identity is checked by the service)."""
    return is_citizen(user) and user.is_active


def can_screen(user: Any) -> bool:
    """檢核: the commission decides whether a proposal passes."""
    return is_commission(user)


def can_moderate(user: Any) -> bool:
    return is_commission(user)


def can_review_fraud(user: Any) -> bool:
    return is_commission(user)


def acts_for_agency(user: Any, agency: Any) -> bool:
    """An officer or manager of `agency` (the commission does not act for other agencies)."""
    agency_id = getattr(agency, "pk", agency)
    return agency_id is not None and has_role(user, *AGENCY_ACTORS) and user.agency_id == agency_id


def can_respond(user: Any, proposal: Any) -> bool:
    """The responsible agency's officers publish the formal response and any extension."""
    return acts_for_agency(user, proposal.responsible_agency_id)


def can_view_proposal(user: Any, proposal: Any) -> bool:
    """Public states are public; otherwise the proposer, the commission and the responsible agency."""
    if proposal.is_public:
        return True
    if getattr(user, "pk", None) is not None and proposal.proposer_id == user.pk:
        return True
    if is_commission(user):
        return True
    return proposal.responsible_agency_id is not None and can_view_agency_records(user, proposal.responsible_agency_id)


def can_run_budget(user: Any, process: Any) -> bool:
    """The organising agency's officers (or the commission) run a participatory-budget process."""
    return is_commission(user) or acts_for_agency(user, process.agency_id)


def can_review_budget_project(user: Any, project: Any) -> bool:
    return can_run_budget(user, project.process)


def can_run_consultation(user: Any, agency: Any) -> bool:
    return acts_for_agency(user, agency)


def can_apply_subsidy(user: Any, agency: Any) -> bool:
    """Agencies and district offices apply for their own projects."""
    return acts_for_agency(user, agency)


def can_review_subsidy(user: Any) -> bool:
    return is_commission(user)


def can_use_office(user: Any) -> bool:
    return is_staff_member(user)
