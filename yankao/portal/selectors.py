from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from yankao.core.models import JobRun
from yankao.org.permissions import is_staff_member, sees_all_agencies


def jobs_for(user: Any) -> QuerySet[JobRun]:
    """The commission sees every job; staff see their own and their agency's."""
    if not is_staff_member(user):
        return JobRun.objects.none()
    if sees_all_agencies(user):
        return JobRun.objects.all()
    return JobRun.objects.filter(Q(started_by_id=user.pk) | Q(agency_id=user.agency_id))
