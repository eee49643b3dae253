from __future__ import annotations

from typing import Any

from yankao.org.permissions import can_view_agency_records, is_commission, is_staff_member


def can_manage_doctime(user: Any) -> bool:
    """Statistics imports, visits and letters are the commission's."""
    return is_commission(user)


def can_report_improvement(user: Any, visit: Any) -> bool:
    return is_commission(user) or (is_staff_member(user) and user.agency_id == visit.agency_id)


def can_view_visit(user: Any, visit: Any) -> bool:
    return can_view_agency_records(user, visit.agency_id)
