"""What the POST's fast path must keep: keys from the per-process snapshot still stop working at
once when revoked (in another process too), idempotency without the lookup before the insert,
the API skipping the session layers but not the security headers."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from yankao.core.models import AuditEvent
from yankao.open311 import selectors, services
from yankao.open311.models import ApiClient, Submission
from yankao.open311.tests.conftest import BASE, LINGYA
from yankao.service.models import Case, Category

pytestmark = pytest.mark.django_db


def test_a_key_revoked_in_another_process_is_refused_at_the_next_request(post: Any, api_key: str) -> None:
    """Given this process's snapshot holds the key, when another process revokes it (its save
    drops only that process's snapshot, then renews the shared stamp after the commit), then the
    next request here is refused and files nothing."""
    assert post().status_code == 201
    assert selectors.client_for_key(api_key) is not None  # held by the snapshot
    ApiClient.objects.update(is_active=False, revoked_at=timezone.now())  # the other process: no signal here
    selectors.clients_changed()  # …and its on_commit
    response = post()
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "api_key 無效或已撤銷"}]
    assert Case.objects.count() == 1


def test_revoking_through_the_service_renews_the_shared_stamp_after_the_commit(
    post: Any, api_key: str, django_capture_on_commit_callbacks: Any
) -> None:
    assert post().status_code == 201
    before = selectors.clients_stamp()
    client = ApiClient.objects.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.api_client_revoke(actor=None, client=client)
    assert callbacks and selectors.clients_stamp() != before
    assert selectors.client_for_key(api_key) is None
    assert post().status_code == 403 and Case.objects.count() == 1


def test_a_lost_stamp_reloads_the_keys(post: Any, api_key: str) -> None:
    """The cache lost the stamp (restart, eviction) after a revocation: the request reloads."""
    from django.core.cache import cache

    assert post().status_code == 201
    ApiClient.objects.update(is_active=False, revoked_at=timezone.now())
    cache.delete(selectors.CLIENTS_STAMP)
    assert post().status_code == 403 and Case.objects.count() == 1


def test_a_key_issued_in_another_process_works_at_once(city: Any, api_key: str) -> None:
    """A key missing from the snapshot is looked up in the database (issued elsewhere a moment ago)."""
    assert selectors.client_for_key(api_key) is not None  # the snapshot is loaded
    raw = services.new_api_key()
    # the other process's insert: no signal reaches this one
    ApiClient.objects.bulk_create(
        [ApiClient(name="另一個應用程式", key_prefix=raw[:12], key_hash=selectors.key_hash(raw), per_minute=5)]
    )
    assert selectors.key_hash(raw) not in selectors.CLIENTS.get().by_hash
    found = selectors.client_for_key(raw)
    assert found is not None and found.name == "另一個應用程式"


def test_the_per_key_limit_still_counts_every_request(client: Any, city: Any) -> None:
    _, raw = services.api_client_create(actor=None, name="小額度", per_minute=2)
    data = {"api_key": raw, "service_code": "D03", "lat": LINGYA[0], "long": LINGYA[1], "description": "路燈不亮"}
    statuses = [client.post(f"{BASE}/requests.json", data).status_code for _ in range(3)]
    assert statuses == [201, 201, 429] and Case.objects.count() == 2


def test_a_retry_rolls_back_its_own_case_and_audit_event(post: Any) -> None:
    """The duplicate key is found by the insert: the retry's case and event never commit."""
    first = post(headers={"Idempotency-Key": "k-1"})
    again = post(headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201 and again.status_code == 200 and again.json() == first.json()
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
    assert AuditEvent.objects.filter(record_type="service.case").count() == 1


def test_a_retry_gets_its_first_answer_even_when_the_category_was_withdrawn(post: Any) -> None:
    first = post(headers={"Idempotency-Key": "k-2"})
    category = Category.objects.get(service_code="D03")
    category.is_active = False
    category.save()
    again = post(headers={"Idempotency-Key": "k-2"})
    assert again.status_code == 200 and again.json() == first.json()
    other = post(headers={"Idempotency-Key": "k-3"})
    assert other.status_code == 400 and Case.objects.count() == 1


def test_a_changed_body_under_a_used_key_is_still_422_when_it_is_also_invalid(post: Any) -> None:
    assert post(headers={"Idempotency-Key": "k-4"}).status_code == 201
    response = post(headers={"Idempotency-Key": "k-4"}, service_code="NOPE")
    assert response.status_code == 422
    assert response.json()[0]["description"] == "此 Idempotency-Key 已用於內容不同的請求"


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_with_one_key_make_one_case(city: Any) -> None:
    """Two connections (as two workers) post the same key at the same moment: one case."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite holds one writer at a time; the race needs PostgreSQL")
    client, _ = services.api_client_create(actor=None, name="並行", per_minute=1000)
    data = {"service_code": ["D03"], "lat": [LINGYA[0]], "long": [LINGYA[1]], "description": ["路燈不亮"]}
    barrier, results, errors = threading.Barrier(4), [], []

    def submit() -> None:
        try:
            barrier.wait()
            results.append(services.request_submit(client=client, data=data, idempotency_key="same"))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.created for r in results) == [False, False, False, True]
    assert len({r.payload[0]["service_request_id"] for r in results}) == 1
    assert Case.objects.count() == 1 and Submission.objects.count() == 1


def test_api_answers_keep_the_security_headers_and_set_no_session(post: Any, settings: Any) -> None:
    response = post()
    assert response.status_code == 201
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == settings.SECURE_REFERRER_POLICY
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not hasattr(response.wsgi_request, "session") and not hasattr(response.wsgi_request, "user")


def test_web_pages_still_have_sessions_and_sign_in(client: Any, people: dict[str, Any]) -> None:
    client.force_login(people["citizen"])
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user == people["citizen"] and hasattr(response.wsgi_request, "session")
    assert response["X-Frame-Options"] == "DENY"
