"""Background jobs of the participation app."""

from __future__ import annotations

from crontask import cron
from django.tasks import task

from yankao.core.audit import audit_context
from yankao.participation.services import proposal_advance_all


@cron("*/10 * * * *")  # every 10 minutes: lapses and overdue responses happen on time, not on page views
@task
def proposals_advance() -> dict[str, list[int]]:
    """Establish, lapse, escalate overdue responses and late screenings (想提議 state transitions)."""
    with audit_context(channel="task", label="想提議排程"):
        result = proposal_advance_all()
    return {
        "established": result.established,
        "lapsed": result.lapsed,
        "overdue": result.overdue,
        "screening_late": result.screening_late,
    }
