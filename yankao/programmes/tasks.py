"""Periodic work of programme control: chase missing reports, produce the monthly analysis."""

from __future__ import annotations

from crontask import cron
from django.tasks import task
from django.utils import timezone

from yankao.core.audit import audit_context
from yankao.programmes.services import analysis_generate, reports_chase_missing
from yankao.programmes.services.reports import previous_month


@cron("30 8 * * Mon-Fri")  # working-day mornings, Asia/Taipei
@task
def programmes_daily() -> dict[str, object]:
    """After last month's deadline: remind project managers of missing reports (催報) and
    produce (or refresh) last month's analysis report (月分析報告)."""
    today = timezone.localdate()
    month = previous_month(today)
    with audit_context(channel="system", label="programmes_daily"):
        chased = reports_chase_missing(month=month, today=today)
        analysis = analysis_generate(month=month, today=today)
    return {"month": month.isoformat(), "chased": chased, "analysis": analysis is not None}
