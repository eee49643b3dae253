from __future__ import annotations

from typing import Any

from yankao.org.permissions import can_view_agency_records, is_commission


def can_manage_quality(user: Any) -> bool:
    """Plans, calls, letters and award entries are kept by the commission."""
    return is_commission(user)


def can_view_agency_results(user: Any, agency_id: int) -> bool:
    return can_view_agency_records(user, agency_id)
