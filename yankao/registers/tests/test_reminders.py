"""The weekly deadline reminders: each agency is mailed what it owes across the registers."""

from __future__ import annotations

import datetime as dt

import pytest

from yankao.registers.services import deadline_reminders_send
from yankao.registers.tasks import deadline_reminders
from yankao.registers.workreports import services as workreports

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilation(officer, own_agency, other_agency):
    return workreports.compilation_create(
        actor=officer,
        year=2024,
        kind="council",
        title="第4屆第3次大會施政報告",
        due_on=dt.date(2024, 2, 2),
        agencies=[own_agency, other_agency],
    )


def test_reminders_go_to_the_agencies_that_owe(people, compilation, mailoutbox, django_capture_on_commit_callbacks):
    people["own_staff"].email = "pwb@example.tw"
    people["own_staff"].save()
    people["other_staff"].email = "cab@example.tw"
    people["other_staff"].save()
    # more than a week ahead: nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(on=dt.date(2024, 1, 22)) == 0
    assert mailoutbox == []
    # within the week: both agencies owe their section
    workreports.section_submit(
        actor=people["other_staff"],
        section=compilation.sections.get(agency=people["other_staff"].agency),
        text="民政局報告",
        submitted_on=dt.date(2024, 1, 29),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(on=dt.date(2024, 1, 29)) == 1
    assert [(m.to, m.subject) for m in mailoutbox] == [(["pwb@example.tw"], "管考登錄簿期限提醒")]
    assert "施政報告待繳交：第4屆第3次大會施政報告，期限 113/02/02" in mailoutbox[0].body
    # after the deadline it says so
    with django_capture_on_commit_callbacks(execute=True):
        deadline_reminders_send(on=dt.date(2024, 2, 5))
    assert "（已逾期）" in mailoutbox[-1].body


def test_the_periodic_task_runs(compilation):
    # today is long after the 2024 deadline: both agencies' sections are overdue
    result = deadline_reminders.enqueue()
    assert result.return_value == 2


def test_the_reminder_window_is_a_setting(compilation, settings):
    """Due 2024-02-02: 11 days ahead is outside the default week, inside a 14-day window."""
    assert deadline_reminders_send(on=dt.date(2024, 1, 22)) == 0
    settings.REGISTERS_REMINDER_WITHIN_DAYS = 14
    assert deadline_reminders_send(on=dt.date(2024, 1, 22)) == 2
