"""The audit trail: every change to a domain record is recorded and hash-chained."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from yankao.core.audit import audit_context, audit_seal, history_for, verify_chain
from yankao.core.models import AuditChainHead, AuditEvent
from yankao.org.models import City


@pytest.fixture
def taipei(db):
    with audit_context(channel="cli", label="tester"):
        city = City.objects.create(code="TPE", name="臺北市")
        city.name = "台北市"
        city.save()
    audit_seal()
    return city


def test_create_and_update_are_recorded_with_before_and_after(taipei):
    events = list(history_for(taipei).order_by("seq"))
    assert [e.action for e in events] == ["create", "update"]
    assert events[0].changes["name"] == {"before": None, "after": "臺北市"}
    assert events[1].changes == {"name": {"before": "臺北市", "after": "台北市"}}
    assert events[1].actor_label == "tester"
    assert events[1].channel == "cli"


def test_save_without_change_writes_no_event(taipei):
    before = AuditEvent.objects.count()
    City.objects.get(pk=taipei.pk).save()
    assert AuditEvent.objects.count() == before


def test_delete_is_recorded(taipei):
    pk = taipei.pk
    taipei.delete()
    last = AuditEvent.objects.order_by("-id").first()
    assert (last.action, last.record_id, last.changes["code"]["before"]) == ("delete", str(pk), "TPE")


def test_events_are_append_only(taipei):
    event = AuditEvent.objects.first()
    event.note = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_chain_verifies_when_untouched(taipei):
    result = verify_chain()
    assert result.ok
    assert result.checked == AuditEvent.objects.count() == AuditChainHead.objects.get().seq


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_detects_an_event_edited_in_the_database(taipei):
    target = AuditEvent.objects.order_by("seq")[1]
    _raw("UPDATE core_auditevent SET actor_label = %s WHERE id = %s", ["someone else", target.id])
    result = verify_chain()
    assert not result.ok
    assert result.first_bad_seq == target.seq
    with pytest.raises(CommandError, match=f"事件 #{target.seq}"):
        call_command("audit", "verify")


def test_verify_detects_a_removed_event(taipei):
    target = AuditEvent.objects.order_by("seq")[0]
    _raw("DELETE FROM core_auditevent WHERE id = %s", [target.id])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, target.seq)


def test_verify_detects_a_removed_last_event(taipei):
    last = AuditEvent.objects.order_by("-seq").first()
    _raw("DELETE FROM core_auditevent WHERE id = %s", [last.id])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, last.seq)


def test_verify_detects_a_rehashed_event(taipei):
    """Editing an event and recomputing its own hash still breaks the next event's link."""
    from yankao.core.audit import compute_hash

    first, second = AuditEvent.objects.order_by("seq")[:2]
    first.record_repr = "forged"
    new_hash = compute_hash(first.prev_hash, first)
    _raw("UPDATE core_auditevent SET record_repr = %s, hash = %s WHERE id = %s", ["forged", new_hash, first.id])
    result = verify_chain()
    assert (result.ok, result.first_bad_seq) == (False, second.seq)


def test_command_reports_success(taipei, capsys):
    call_command("audit", "verify")
    assert "稽核軌跡完整" in capsys.readouterr().out


def test_a_rolled_back_change_leaves_no_event(db):
    from django.db import transaction

    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        City.objects.create(code="X", name="X")
        raise RuntimeError
    assert AuditEvent.objects.count() == before
    assert verify_chain().ok


def test_passwords_are_never_recorded(db):
    from yankao.org.services import user_create_citizen

    user = user_create_citizen(username="u1", email="u1@example.tw", password="secret-password-1")
    user.set_password("another-password-2")
    user.save()
    for event in history_for(user):
        assert "password" not in event.changes


def test_events_are_written_unsealed_and_sealed_in_order(taipei):
    """A write adds its event without touching the chain tip; the seal links them oldest first."""
    head_before = AuditChainHead.objects.get()
    with audit_context(channel="cli", label="tester"):
        first = City.objects.create(code="KHH2", name="高雄")
        second = City.objects.create(code="TNN", name="臺南")
    pending = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id"))
    assert [(e.record_id, e.hash, e.prev_hash) for e in pending] == [
        (str(first.pk), None, ""),
        (str(second.pk), None, ""),
    ]
    assert AuditChainHead.objects.get().seq == head_before.seq  # nothing locked or moved by the writes
    assert audit_seal() == 2 and audit_seal() == 0
    sealed = list(AuditEvent.objects.filter(pk__in=[e.pk for e in pending]).order_by("seq"))
    assert [e.seq for e in sealed] == [head_before.seq + 1, head_before.seq + 2]
    assert sealed[0].prev_hash == head_before.hash and sealed[1].prev_hash == sealed[0].hash
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (sealed[1].seq, sealed[1].hash)
    assert verify_chain().ok


def test_verify_seals_what_is_pending_first(taipei):
    with audit_context(channel="cli", label="tester"):
        City.objects.create(code="TNN", name="臺南")
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 1
    result = verify_chain()
    assert result.ok and result.checked == AuditEvent.objects.count()
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()


def test_the_minute_task_seals_pending_events(taipei):
    from yankao.core.tasks import audit_seal_pending

    with audit_context(channel="cli", label="tester"):
        City.objects.create(code="TNN", name="臺南")
    assert audit_seal_pending.call() == {"sealed": 1}
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_do_not_wait_for_each_other():
    """Two open write transactions both add events (no chain-tip lock held until commit)."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    started, release = threading.Barrier(2, timeout=20), threading.Event()
    errors: list[BaseException] = []

    def writer(code: str) -> None:
        from django.db import transaction

        try:
            with transaction.atomic(), audit_context(channel="cli", label=code):
                City.objects.create(code=code, name=code)
                started.wait()  # both transactions are open, each with its event written
                release.wait(20)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(code,)) for code in ("PA", "PB")]
    for t in threads:
        t.start()
    release.set()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert set(City.objects.filter(code__in=["PA", "PB"]).values_list("code", flat=True)) == {"PA", "PB"}
    assert audit_seal() >= 2 and verify_chain().ok
