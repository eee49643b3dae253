"""Named predicates of the works app (tested as a matrix in tests/test_permissions_matrix.py).

- The commission (and its read-only auditors) see every agency's works records.
- Agency staff see and answer for their own agency's projects, defects and reports.
- Inspectors (查核委員, role INSPECTOR) and commission officers record inspections.
- Citizens see only the 全民督工 reports they made themselves.
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
    sees_all_agencies,
)


def can_view_works(user: Any) -> bool:
    return is_staff_member(user)


def can_view_statistics(user: Any) -> bool:
    """The commission's overview and the figures for the annual report."""
    return sees_all_agencies(user)


def can_edit_project(user: Any, agency: Any) -> bool:
    """Register a project or file its progress: the agency's own staff, or the commission."""
    if is_commission(user):
        return True
    return (
        is_staff_member(user) and not has_role(user, Role.AUDITOR) and user.agency_id == getattr(agency, "pk", agency)
    )


def can_inspect(user: Any) -> bool:
    """Record inspections and re-inspections: commission officers and inspectors (查核委員)."""
    return is_commission(user) or has_role(user, Role.INSPECTOR)


def can_view_inspection(user: Any, inspection: Any) -> bool:
    return can_inspect(user) or can_view_agency_records(user, inspection.agency_id)


def can_answer_defects(user: Any, agency: Any) -> bool:
    """The agency that runs the project answers its defects (改善回復)."""
    return (
        is_staff_member(user) and not has_role(user, Role.AUDITOR) and user.agency_id == getattr(agency, "pk", agency)
    )


def can_run_documentary_checks(user: Any) -> bool:
    return is_commission(user)


def can_assign_reports(user: Any) -> bool:
    """全民督工: the commission receives reports and assigns them to agencies."""
    return is_commission(user)


def can_handle_report(user: Any, report: Any) -> bool:
    if is_commission(user):
        return True
    return (
        is_staff_member(user)
        and not has_role(user, Role.AUDITOR)
        and report.agency_id is not None
        and user.agency_id == report.agency_id
    )


def can_file_report(user: Any) -> bool:
    """A citizen files a 全民督工 report from the citizen site; staff record phone and PCC reports."""
    return is_citizen(user) or is_commission(user)


def can_answer_satisfaction(user: Any, report: Any) -> bool:
    return is_citizen(user) and report.reporter_id == user.pk


def can_manage_training(user: Any) -> bool:
    return is_commission(user)
