"""Who may do what in programme control (tested as a matrix in tests/test_permissions_matrix.py).

- The commission (研考會) sees and oversees every programme; it selects programmes for control,
  reviews monthly reports, scores evaluations, runs meetings and the planning calls.
- Staff of a lead or co-operating agency see that agency's programmes; other agencies' staff don't.
- The programme's project manager (專案管理人員) — or a project manager of the lead agency standing
  in — files the monthly report; the lead agency's manager (機關主管) approves it.
- Citizens and the public see only the public list (names, agencies, progress; no people).
"""

from __future__ import annotations

from typing import Any

from yankao.org.models import Role
from yankao.org.permissions import has_role, is_commission, is_staff_member, sees_all_agencies


def _agency_ids(programme: Any) -> set[int]:
    ids = {programme.lead_agency_id}
    ids.update(a.pk for a in programme.co_agencies.all())
    return ids


def can_view_programme(user: Any, programme: Any) -> bool:
    if not is_staff_member(user):
        return False
    return sees_all_agencies(user) or user.agency_id in _agency_ids(programme)


def can_manage_programmes(user: Any) -> bool:
    """Select programmes for control and edit their plans: the commission."""
    return is_commission(user)


def can_file_report(user: Any, programme: Any) -> bool:
    if not is_staff_member(user) or user.agency_id != programme.lead_agency_id:
        return False
    return programme.project_manager_id == user.pk or has_role(user, Role.PROJECT_MANAGER)


def can_approve_report(user: Any, programme: Any) -> bool:
    """機關主管 of the lead agency (the commission reviews, it does not approve for the agency)."""
    return has_role(user, Role.AGENCY_MANAGER) and user.agency_id == programme.lead_agency_id


def can_edit_plan(user: Any, programme: Any) -> bool:
    """A programme's work plan (作業計畫): the commission, or who files or approves its reports."""
    return can_manage_programmes(user) or can_file_report(user, programme) or can_approve_report(user, programme)


def can_review_report(user: Any) -> bool:
    return is_commission(user)


def can_act_for_agency(user: Any, agency: Any) -> bool:
    """Answer for an agency (self-assessment, decision follow-up, KPI reply, plan section)."""
    agency_id = getattr(agency, "pk", agency)
    return is_staff_member(user) and user.agency_id == agency_id and not user.agency.is_commission


def can_view_agency(user: Any, agency: Any) -> bool:
    return is_staff_member(user) and (sees_all_agencies(user) or user.agency_id == getattr(agency, "pk", agency))


def can_see_dashboard(user: Any) -> bool:
    return sees_all_agencies(user)
