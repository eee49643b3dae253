"""Background jobs go through django.tasks; the database backend needs no server."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import override_settings

from yankao.core.audit import audit_context
from yankao.core.tasks import audit_verify_nightly
from yankao.org.models import City


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_backend_runs_a_task_through_the_worker():
    """The worker closes its connections between jobs, so this test commits for real."""
    with audit_context(channel="cli", label="t"):
        City.objects.create(code="TPE", name="臺北市")
    result = audit_verify_nightly.using(backend="database").enqueue()
    assert result.status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay", "--queue-name", "*")
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"ok": True, "checked": 1, "first_bad_seq": None}


@override_settings(YANKAO_SECURITY_EMAILS=["security@example.tw"])
def test_nightly_verification_mails_security_when_the_chain_is_broken(db):
    with audit_context(channel="cli", label="t"):
        City.objects.create(code="TPE", name="臺北市")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET note = 'x'")
    result = audit_verify_nightly.enqueue()
    assert result.return_value["ok"] is False
    assert mail.outbox[0].to == ["security@example.tw"]
    assert "稽核軌跡驗證失敗" in mail.outbox[0].subject
