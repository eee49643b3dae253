"""Writes that span the registers: the weekly deadline reminders to the agencies."""

from __future__ import annotations

import datetime as dt

MAX_LINES = 30


def deadline_reminders_send(*, on: dt.date, within_days: int | None = None) -> int:
    """期限提醒: mail each agency's staff the register items they owe that fall due within
    `within_days` or are overdue; returns the number of agencies reminded. By default the window
    is the setting REGISTERS_REMINDER_WITHIN_DAYS (7: with the weekly run, each item is announced
    once before its deadline and then every week while it is overdue)."""
    from django.conf import settings

    from yankao.core.notify import notify
    from yankao.org.models import User
    from yankao.registers.selectors import deadlines_due

    if within_days is None:
        within_days = settings.REGISTERS_REMINDER_WITHIN_DAYS
    due = deadlines_due(on=on, within_days=within_days)
    for agency_id, lines in due.items():
        shown = lines[:MAX_LINES]
        more = [f"……另有 {len(lines) - MAX_LINES} 項，請至管考登錄簿查看"] if len(lines) > MAX_LINES else []
        message = "下列事項即將到期或已逾期，請於期限內辦理：\n" + "\n".join(shown + more)
        staff = User.objects.filter(agency_id=agency_id, is_active=True, kind=User.Kind.STAFF).exclude(email="")
        for email in staff.order_by("pk").values_list("email", flat=True)[:20]:
            notify(channel="email", to=email, subject="管考登錄簿期限提醒", message=message)
    return len(due)
