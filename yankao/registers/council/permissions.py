"""Who may do what with council proposals."""

from __future__ import annotations

from typing import Any

from yankao.org.permissions import can_view_agency_records, is_commission, is_staff_member


def can_view_proposal(user: Any, proposal: Any) -> bool:
    return can_view_agency_records(user, proposal.agency_id)


def can_reply(user: Any, proposal: Any) -> bool:
    """The responsible agency's staff (or the commission on its behalf) reply to the council."""
    return is_commission(user) or (is_staff_member(user) and user.agency_id == proposal.agency_id)


def can_manage_council(user: Any) -> bool:
    """Sessions, imports, closing and the compilation are the commission's."""
    return is_commission(user)
