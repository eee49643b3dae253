"""Named permission predicates (tested as a matrix) and the queryset scoping they imply.

Rule of thumb: staff of one agency never see another agency's non-public records; the
commission sees every agency; citizens see only their own records.
"""

from __future__ import annotations

from typing import Any

from yankao.org.models import COMMISSION_ROLES, Role


def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated)


def is_staff_member(user: Any) -> bool:
    return is_signed_in(user) and getattr(user, "kind", None) == "staff" and user.is_active


def is_citizen(user: Any) -> bool:
    return is_signed_in(user) and getattr(user, "kind", None) == "citizen"


def has_role(user: Any, *roles: str) -> bool:
    return is_staff_member(user) and bool(user.role_set & set(roles))


def is_commission(user: Any) -> bool:
    """研考會: a commission officer or administrator (sees and oversees every agency)."""
    return has_role(user, *COMMISSION_ROLES) and user.agency.is_commission


def is_commission_admin(user: Any) -> bool:
    return has_role(user, Role.COMMISSION_ADMIN) and user.agency.is_commission


def is_auditor(user: Any) -> bool:
    return has_role(user, Role.AUDITOR)


def sees_all_agencies(user: Any) -> bool:
    """The commission and read-only auditors read every agency's records."""
    return is_commission(user) or (is_auditor(user) and user.agency.is_commission)


def can_view_agency_records(user: Any, agency: Any) -> bool:
    if not is_staff_member(user):
        return False
    return sees_all_agencies(user) or user.agency_id == getattr(agency, "pk", agency)


def can_manage_agency(user: Any, agency: Any) -> bool:
    """Approve and submit on behalf of an agency (機關主管), or the commission."""
    if is_commission(user):
        return True
    return has_role(user, Role.AGENCY_MANAGER) and user.agency_id == getattr(agency, "pk", agency)


def can_use_back_office(user: Any) -> bool:
    return is_staff_member(user)


def can_manage_people(user: Any, agency: Any = None) -> bool:
    if is_commission_admin(user):
        return True
    return (
        agency is not None and has_role(user, Role.AGENCY_MANAGER) and user.agency_id == getattr(agency, "pk", agency)
    )
