"""Who may do what with the service centre's records (tested as a matrix in tests/test_permissions.py).

The citizen service centre (聯合服務中心) is run by the commission (研考會): its officers assign
cases, keep the hotline records and read every agency's cases. An agency's case officers and
managers handle the cases assigned to their agency. Citizens see only their own cases.
"""

from __future__ import annotations

from typing import Any

from yankao.org.models import Role
from yankao.org.permissions import (
    can_manage_agency,
    has_role,
    is_citizen,
    is_commission,
    is_staff_member,
    sees_all_agencies,
)

HANDLER_ROLES = (Role.CASE_OFFICER, Role.AGENCY_MANAGER)


def is_service_centre(user: Any) -> bool:
    """聯合服務中心: the commission's officers and administrators."""
    return is_commission(user)


def can_read_centre_records(user: Any) -> bool:
    """The centre's cross-agency view, hotline records and statistics (auditors read too)."""
    return sees_all_agencies(user)


def can_view_case(user: Any, case: Any) -> bool:
    if is_citizen(user):
        return case.citizen_id is not None and case.citizen_id == user.pk
    if not is_staff_member(user):
        return False
    return sees_all_agencies(user) or (case.agency_id is not None and case.agency_id == user.agency_id)


def can_handle_case(user: Any, case: Any) -> bool:
    """Accept, transfer, work on, reply to, close or mark a duplicate: the case's agency, or the centre."""
    if is_service_centre(user):
        return True
    return has_role(user, *HANDLER_ROLES) and case.agency_id is not None and case.agency_id == user.agency_id


def can_assign_case(user: Any) -> bool:
    """Send a case to an agency (分案): the centre."""
    return is_service_centre(user)


def can_assign_officer(user: Any, case: Any) -> bool:
    """Give a case to one of the agency's officers: the agency's manager, or the centre."""
    return case.agency_id is not None and can_manage_agency(user, case.agency_id)


def can_decide_extension(user: Any, case: Any) -> bool:
    """Approve or refuse a deadline extension: the agency's manager, or the centre."""
    return case.agency_id is not None and can_manage_agency(user, case.agency_id)


def can_manage_hotline(user: Any) -> bool:
    """Log calls, sign-language sessions, legal consultations and first aid: the centre."""
    return is_service_centre(user)
