"""Background jobs of the registers."""

from __future__ import annotations

from crontask import cron
from django.tasks import task
from django.utils import timezone


@cron("0 8 * * Mon")  # Monday mornings, Asia/Taipei: one weekly digest per agency
@task
def deadline_reminders() -> int:
    """期限提醒: proposals to reply to, work-report sections, audit findings, risk countermeasures."""
    from yankao.core.audit import audit_context
    from yankao.registers.services import deadline_reminders_send

    with audit_context(channel="task", label="registers.deadline_reminders"):
        return deadline_reminders_send(on=timezone.localdate())
