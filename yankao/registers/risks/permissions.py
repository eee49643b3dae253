"""Who may read and edit an agency's risk register."""

from __future__ import annotations

from typing import Any

from yankao.org.permissions import can_manage_agency, can_view_agency_records, is_commission, is_staff_member


def can_view_cycle(user: Any, cycle: Any) -> bool:
    return can_view_agency_records(user, cycle.agency_id)


def can_edit_cycle(user: Any, cycle: Any) -> bool:
    """The agency's own staff (its 專案小組) or the commission, while the cycle is a draft."""
    return is_commission(user) or (is_staff_member(user) and user.agency_id == cycle.agency_id)


def can_start_cycle(user: Any, agency: Any) -> bool:
    return is_commission(user) or (is_staff_member(user) and user.agency_id == getattr(agency, "pk", agency))


def can_approve_cycle(user: Any, cycle: Any) -> bool:
    return can_manage_agency(user, cycle.agency_id)
