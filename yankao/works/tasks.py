"""Background jobs of the works app."""

from __future__ import annotations

from crontask import cron
from django.tasks import task
from django.utils import timezone


@cron("0 8 * * *")  # every day at 08:00 Asia/Taipei; the service decides whether today is reminder day
@task
def filing_reminders() -> int:
    """每月進度填報提醒 to agencies with filings still missing before the due date."""
    from yankao.works.services.projects import filing_reminders_send

    return filing_reminders_send(on=timezone.localdate())
