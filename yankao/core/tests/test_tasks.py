"""Background jobs go through django.tasks; the database backend needs no server."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.test import override_settings

from yankao.core.audit import audit_context, audit_seal
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
    audit_seal()  # as the minute task does
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET note = 'x'")
    result = audit_verify_nightly.enqueue()
    assert result.return_value["ok"] is False
    assert mail.outbox[0].to == ["security@example.tw"]
    assert "稽核軌跡驗證失敗" in mail.outbox[0].subject


def _redis_url() -> str | None:
    import os

    import redis

    url = os.environ.get("YANKAO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("YANKAO_REQUIRE_REDIS"):
            pytest.fail(f"YANKAO_REQUIRE_REDIS is set but Redis at {url} does not answer")
        return None
    return url


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_redis_backend_runs_a_task_through_its_worker(settings):
    """Production's backend: jobs go through Redis streams to `run_redis_tasks` workers."""
    import uuid

    from django.tasks import task_backends

    url = _redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"yankao-test-{uuid.uuid4().hex[:8]}"
    settings.TASKS = {
        **settings.TASKS,
        "redis": {
            "BACKEND": "django_tasks_redis.RedisTaskBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"REDIS_URL": url, "REDIS_KEY_PREFIX": prefix, "REDIS_BLOCK_TIMEOUT": 100},
        },
    }
    task_backends._settings = None  # type: ignore[attr-defined]
    task_backends.__dict__.pop("backends", None)
    with audit_context(channel="cli", label="t"):
        City.objects.create(code="TPE", name="臺北市")
    try:
        result = audit_verify_nightly.using(backend="redis").enqueue()
        call_command("run_redis_tasks", "--backend", "redis", "--max-tasks", "1")
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == {"ok": True, "checked": 1, "first_bad_seq": None}
    finally:
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
