from __future__ import annotations

from typing import Any

from yankao.org.permissions import is_commission, is_staff_member


def can_manage_security(user: Any) -> bool:
    """The commission (and its 資訊處, a unit of it) keeps the programme."""
    return is_commission(user)


def can_remediate(user: Any, finding: Any) -> bool:
    return is_commission(user) or (is_staff_member(user) and user.agency_id == finding.audit.agency_id)
