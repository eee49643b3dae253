"""Background jobs of the service app: the overdue sweep (逾期管考) every 15 minutes."""

from __future__ import annotations

from crontask import cron
from django.tasks import task

from yankao.core.audit import audit_context


@cron("*/15 * * * *")
@task
def service_mark_overdue() -> dict[str, int]:
    """Flag open cases past their deadline and notify each rung of the escalation ladder."""
    from yankao.service.services import cases_mark_overdue

    with audit_context(channel="task", label="逾期管考"):
        result = cases_mark_overdue()
    return {"newly_overdue": result.newly_overdue, "escalated": result.escalated, "notified": result.notified}
