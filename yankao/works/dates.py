"""Month arithmetic for monthly filing (每月進度填報)."""

from __future__ import annotations

import datetime as dt


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def filing_due_date(month: dt.date, due_day: int) -> dt.date:
    """The progress of `month` is due on the `due_day` of the next month (default: the 6th)."""
    return next_month(month).replace(day=due_day)
