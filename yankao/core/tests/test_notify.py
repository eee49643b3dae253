"""Notifications leave only after the transaction commits, through the configured senders."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from yankao.core.notify import MemorySender, notify


@pytest.fixture(autouse=True)
def _clean_outbox():
    MemorySender.outbox.clear()


def test_email_sms_and_line_go_out_on_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="email", to="a@example.tw", subject="案件回覆", message="已處理")
        notify(channel="sms", to="0912345678", subject="", message="已處理")
        notify(channel="line", to="U123", subject="", message="已處理")
    assert [m.subject for m in mail.outbox] == ["案件回覆"]
    assert MemorySender.outbox == [("0912345678", "已處理"), ("U123", "已處理")]


def test_nothing_goes_out_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(channel="sms", to="0912345678", subject="", message="x")
        raise RuntimeError
    assert callbacks == [] and MemorySender.outbox == []


def test_unknown_channel_is_an_error(db, django_capture_on_commit_callbacks):
    with (
        pytest.raises(ValueError, match="unknown notification channel"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(channel="pigeon", to="x", subject="", message="x")
