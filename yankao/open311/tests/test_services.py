"""Keys from the command line, concurrent retries, mySociety's updates, the figures' selectors."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from yankao.core.workdays import TAIPEI
from yankao.open311 import selectors, services
from yankao.open311.models import ApiClient, RequestUpdate, Submission
from yankao.open311.tests.conftest import BASE, xml_items
from yankao.service.models import Case
from yankao.service.services import case_accept

pytestmark = pytest.mark.django_db


def test_key_create_prints_a_working_key(client: Any, city: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("open311", "key", "create", "FixMyStreet 測試", "--per-minute", "30", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    stored = ApiClient.objects.get(name="FixMyStreet 測試")
    assert selectors.client_for_key(raw) == stored and stored.per_minute == 30
    assert raw not in err.getvalue() and stored.key_hash != raw
    with pytest.raises(CommandError, match="已有名為「FixMyStreet 測試」的應用程式"):
        call_command("open311", "key", "create", "FixMyStreet 測試", stdout=out, stderr=err)
    call_command("open311", "key", "revoke", "FixMyStreet 測試", stdout=out)
    assert selectors.client_for_key(raw) is None


def test_key_create_refuses_bad_limits(city: Any) -> None:
    with pytest.raises(ValidationError):
        services.api_client_create(actor=None, name="x", per_minute=0)
    assert not ApiClient.objects.exists()


def test_a_concurrent_retry_gets_the_first_answer(post: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two requests with one key: the loser's insert meets the unique constraint and replays."""
    original = services._create

    def other_request_commits_first(*args: Any, **kwargs: Any) -> Any:
        original(*args, **kwargs)  # the other request's transaction commits…
        raise IntegrityError("duplicate key value violates unique constraint")  # …ours then fails

    monkeypatch.setattr(services, "_create", other_request_commits_first)
    response = post(headers={"Idempotency-Key": "race"})
    assert response.status_code == 200 and response["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
    assert response.json()[0]["service_request_id"] == Case.objects.get().number


def test_a_taken_number_is_retried_once(post: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    original, calls = services._create, {"n": 0}

    def first_attempt_collides(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise IntegrityError("duplicate key value violates unique constraint service_casenumbercounter_pkey")
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_create", first_attempt_collides)
    assert post().status_code == 201 and Case.objects.count() == 1


def test_service_request_updates(client: Any, post: Any, api_key: str, people: dict[str, Any]) -> None:
    number = post().json()[0]["service_request_id"]
    case_accept(actor=people["commission"], case=Case.objects.get(number=number))
    updates = client.get(f"{BASE}/servicerequestupdates.json").json()
    assert [(u["service_request_id"], u["status"]) for u in updates] == [(number, "ACTION_SCHEDULED")]
    assert updates[0]["update_id"].startswith("step-")
    form = {
        "api_key": api_key,
        "service_request_id": number,
        "update_id": "fms-77",
        "status": "OPEN",
        "description": "還是沒修好",
        "email": "ming@example.tw",
        "first_name": "小明",
    }
    first = client.post(f"{BASE}/servicerequestupdates.xml", form)
    again = client.post(f"{BASE}/servicerequestupdates.xml", form)
    assert first.status_code == 200 and first.content == again.content
    assert xml_items(first.content, "request_update")[0]["update_id"].startswith("client-")
    update = RequestUpdate.objects.get()
    assert (update.description, update.status, update.case.number) == ("還是沒修好", "OPEN", number)
    assert Case.objects.get(number=number).status == "accepted"  # a client never changes the status
    bad = client.post(f"{BASE}/servicerequestupdates.json", {**form, "update_id": "x", "service_request_id": "NOPE"})
    assert bad.status_code == 404 and RequestUpdate.objects.count() == 1
    unkeyed = client.post(f"{BASE}/servicerequestupdates.json", {**form, "api_key": ""})
    assert unkeyed.status_code == 403


def test_figures_of_api_requests(post: Any, city: Any) -> None:
    start = dt.datetime(2000, 1, 1, tzinfo=TAIPEI)
    end = dt.datetime(2100, 1, 1, tzinfo=TAIPEI)
    post()
    post()
    assert selectors.api_requests_count(start=start, end=end) == 2
    assert selectors.api_requests_by_client(start=start, end=end) == [("FixMyStreet 高雄", 2)]
    assert selectors.api_requests_count(start=start, end=start + dt.timedelta(days=1)) == 0


def test_every_client_status_is_stored(client: Any, post: Any, api_key: str) -> None:
    """mySociety's longest status (NOT_COUNCILS_RESPONSIBILITY) fits the column (schemathesis found a 500)."""
    longest = max(services.CLIENT_STATUSES, key=len)
    assert len(longest) <= RequestUpdate._meta.get_field("status").max_length
    number = post().json()[0]["service_request_id"]
    form = {"api_key": api_key, "service_request_id": number, "update_id": "u1", "status": longest,
            "description": "不是市府權責"}  # fmt: skip
    assert client.post(f"{BASE}/servicerequestupdates.json", form).status_code == 200
    assert RequestUpdate.objects.get().status == longest
