"""Who may do what with a periodic report (tested as a matrix in tests/test_permissions.py).

A final report is public. Before that, staff see the reports their agency compiles or writes
items for; the text of an item is readable by its owner agency, the compiling agency and the
commission only (another agency's draft is not public).
"""

from __future__ import annotations

from typing import Any

from yankao.org.permissions import is_commission, is_staff_member, sees_all_agencies
from yankao.reports.models import OutlineItem, Report


def can_open_report(user: Any) -> bool:
    return is_commission(user)


def can_review(user: Any, report: Report) -> bool:
    """審查: return, accept and finalise — the commission."""
    return is_commission(user)


def can_edit_outline(user: Any, report: Report) -> bool:
    return is_commission(user) and not report.is_final


def can_view_report(user: Any, report: Report) -> bool:
    if report.is_final:
        return True
    if not is_staff_member(user):
        return False
    if sees_all_agencies(user) or user.agency_id == report.agency_id:
        return True
    return report.items.filter(owner_id=user.agency_id).exists()


def can_read_item(user: Any, item: OutlineItem) -> bool:
    report = item.report
    if report.is_final:
        return True
    if not is_staff_member(user):
        return False
    return sees_all_agencies(user) or user.agency_id in (item.owner_id, report.agency_id)


def can_write_item(user: Any, item: OutlineItem) -> bool:
    """Staff of the owner agency write their items; the commission may edit any while open."""
    if item.report.is_final or not is_staff_member(user):
        return False
    return is_commission(user) or user.agency_id == item.owner_id


def can_edit_manual_figures(user: Any) -> bool:
    return is_commission(user)


def can_see_registry(user: Any) -> bool:
    return is_staff_member(user)
