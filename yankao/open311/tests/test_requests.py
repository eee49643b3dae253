"""GET requests: every filter of the spec and of the field extensions, and what a GET never shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from yankao.core.workdays import TAIPEI
from yankao.open311.tests.conftest import BASE, validate, xml_items
from yankao.service.services import case_accept, case_close, case_create, case_reply

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def make(code: str = "D03", days_ago: float = 1, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "actor": None,
        "channel": "phone",
        "category": code,
        "description": "路燈不亮",
        "lat": "22.6206",
        "lng": "120.3126",
        "received_at": NOW - dt.timedelta(days=days_ago),
    }
    values.update(fields)
    return case_create(**values)


def closed(people: dict[str, Any], case: Any) -> Any:
    officer = people["commission"]
    case = case_accept(actor=officer, case=case)
    case = case_reply(actor=officer, case=case, text="已修復")
    return case_close(actor=officer, case=case)


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    body = response.json()
    validate("requests.json", body)
    return [item["service_request_id"] for item in body]


def test_default_window_is_90_days_newest_first(client: Any, city: Any) -> None:
    recent, older, old = make(days_ago=1), make(days_ago=30), make(days_ago=120)
    assert ids(client.get(f"{BASE}/requests.json")) == [recent.number, older.number]
    window = client.get(f"{BASE}/requests.json?start_date=2000-01-01&end_date=2100-01-01")
    assert ids(window) == [recent.number, older.number, old.number]


def test_service_request_id_list_ignores_other_filters(client: Any, city: Any) -> None:
    a, b = make(days_ago=1), make(days_ago=200)
    got = client.get(f"{BASE}/requests.json?service_request_id={a.number},{b.number}&status=closed&service_code=D01")
    assert sorted(ids(got)) == sorted([a.number, b.number])


def test_service_code_status_and_dates(client: Any, people: dict[str, Any]) -> None:
    light = make("D03", days_ago=2)
    done = closed(people, make("D15", days_ago=3))
    make("D13", days_ago=4)
    assert ids(client.get(f"{BASE}/requests.json?service_code=D03,D15")) == [light.number, done.number]
    assert ids(client.get(f"{BASE}/requests.json?status=closed")) == [done.number]
    assert ids(client.get(f"{BASE}/requests.json?status=open&service_code=D15")) == []
    since = (NOW - dt.timedelta(days=2, hours=1)).astimezone(TAIPEI).isoformat()
    assert ids(client.get(f"{BASE}/requests.json", {"start_date": since})) == [light.number]
    item = client.get(f"{BASE}/requests/{done.number}.json").json()[0]
    assert item["status"] == "closed"
    assert item["updated_datetime"] == done.closed_at.astimezone(TAIPEI).replace(microsecond=0).isoformat()


def test_unencoded_plus_in_an_offset_is_read_as_plus(client: Any, city: Any) -> None:
    case = make(days_ago=2)
    start = (NOW - dt.timedelta(days=3)).astimezone(TAIPEI).replace(microsecond=0).isoformat()
    assert ids(client.get(f"{BASE}/requests.json?start_date={start}")) == [case.number]  # '+' arrives as ' '


def test_paging(client: Any, city: Any) -> None:
    cases = [make(days_ago=n) for n in (1, 2, 3, 4, 5)]
    numbers = [c.number for c in cases]
    assert ids(client.get(f"{BASE}/requests.json?page_size=2")) == numbers[:2]
    assert ids(client.get(f"{BASE}/requests.json?page_size=2&page=3")) == numbers[4:]
    assert ids(client.get(f"{BASE}/requests.json?page_size=2&page=4")) == []


def test_updated_after_and_before(client: Any, people: dict[str, Any]) -> None:
    quiet = make(days_ago=10)
    busy = closed(people, make(days_ago=10))
    after = (timezone.now() - dt.timedelta(seconds=1)).astimezone(TAIPEI).isoformat()
    assert busy.updated_at > quiet.updated_at
    got = ids(client.get(f"{BASE}/requests.json", {"updated_after": busy.updated_at.isoformat()}))
    assert got == [busy.number]
    before = ids(client.get(f"{BASE}/requests.json", {"updated_before": quiet.updated_at.isoformat()}))
    assert before == [quiet.number]
    assert after


def test_geographic_search(client: Any, city: Any) -> None:
    near = make(lat="22.6206", lng="120.3126")
    far = make(lat="22.7270", lng="120.3080")  # 楠梓, about 12 km north
    assert ids(client.get(f"{BASE}/requests.json?lat=22.6210&long=120.3130&radius=200")) == [near.number]
    box = "120.30,22.70,120.32,22.75"
    assert ids(client.get(f"{BASE}/requests.json?bbox={box}")) == [far.number]


def test_extensions_add_the_history(client: Any, people: dict[str, Any]) -> None:
    case = closed(people, make())
    item = client.get(f"{BASE}/requests/{case.number}.json?extensions=true").json()[0]
    assert [n["type"] for n in item["notes"]] == ["submitted", "accepted", "replied", "closed"]
    assert item["extended_attributes"]["channel"] == "phone"
    assert item["extended_attributes"]["detailed_status"] == "closed"
    assert item["extended_attributes"]["district"] == "苓雅區"
    plain = client.get(f"{BASE}/requests/{case.number}.json").json()[0]
    assert "notes" not in plain
    xml = client.get(f"{BASE}/requests.xml?extensions=true").content
    assert b"<notes><note><datetime>" in xml


def test_locale_en(client: Any, city: Any) -> None:
    case = make()
    item = client.get(f"{BASE}/requests/{case.number}.json?locale=en").json()[0]
    assert item["service_name"] == "Street light out"
    assert item["status_notes"] == "Assigned to an agency"
    assert item["agency_responsible"] == (case.agency.name_en or case.agency.name)


def test_personal_data_never_in_a_get(client: Any, city: Any) -> None:
    case = make(
        "D16",
        address="高雄市苓雅區四維三路2號5樓",
        lat="22.620612",
        lng="120.312634",
        description="樓上每晚噪音，請聯絡我 0912-345-678 或 ming@example.tw",
        contact_name="王小明",
        contact_phone="0912345678",
        contact_email="ming@example.tw",
        reply_channel="email",
    )
    bodies = [
        client.get(f"{BASE}/requests.json?extensions=true").content,
        client.get(f"{BASE}/requests.xml?extensions=true").content,
        client.get(f"{BASE}/requests/{case.number}.json?extensions=true").content,
    ]
    for body in bodies:
        text = body.decode()
        for secret in ("王小明", "0912", "ming@example.tw", "2號", "5樓", "22.620612"):
            assert secret not in text
    item = client.get(f"{BASE}/requests/{case.number}.json").json()[0]
    assert item["address"] == "高雄市苓雅區四維三路"
    assert item["lat"] == 22.621 and item["long"] == 120.313
    assert item["description"] == "樓上每晚噪音，請聯絡我 〔已遮蔽〕 或 〔已遮蔽〕"


def test_petitions_are_not_published(client: Any, city: Any) -> None:
    petition = make("P03", description="申請社會救助")
    assert ids(client.get(f"{BASE}/requests.json")) == []
    assert client.get(f"{BASE}/requests/{petition.number}.json").status_code == 404


BAD_QUERIES = [
    ("start_date=yesterday", "start_date「yesterday」不是 ISO 8601 日期時間（例如 2024-12-01T08:00:00+08:00）"),
    ("start_date=2024-02-30", "start_date「2024-02-30」不是 ISO 8601 日期時間（例如 2024-12-01T08:00:00+08:00）"),
    ("start_date=2024-03-01&end_date=2024-02-01", "start_date 晚於 end_date"),
    ("status=pending", "status「pending」不正確，可用 open 或 closed"),
    ("page=0", "page 須為 1 到 100000 的整數"),
    ("page_size=5000", "page_size 須為 1 到 1000 的整數"),
    ("lat=22.6", "lat 與 long 須同時提供"),
    ("lat=95&long=120", "lat 須介於 -90 與 90 之間"),
    ("lat=22.6&long=120.3&radius=999999", "radius 須介於 1 與 10000 之間"),
    ("bbox=1,2,3", "bbox 須為 min_long,min_lat,max_long,max_lat 四個數字"),
    ("bbox=121,22,120,23", "bbox 的範圍不正確（須 min_long < max_long、min_lat < max_lat）"),
    ("extensions=maybe", "extensions 須為 true 或 false"),
    ("locale=fr", "locale「fr」不支援，可用 zh-Hant 或 en"),
    ("jurisdiction_id=sfgov.org", "jurisdiction_id「sfgov.org」不存在，本端點為 kcg.gov.tw"),
]


@pytest.mark.parametrize(("query", "message"), BAD_QUERIES)
def test_bad_queries_are_400_in_the_spec_format(client: Any, city: Any, query: str, message: str) -> None:
    response = client.get(f"{BASE}/requests.json?{query}")
    status = 404 if query.startswith("jurisdiction") else 400
    assert response.status_code == status
    assert response.json() == [{"code": status, "description": message}]
    xml = xml_items(client.get(f"{BASE}/requests.xml?{query}").content, "error")
    assert xml == [{"code": str(status), "description": message}]


def test_rate_limit_per_key_and_per_ip(client: Any, city: Any) -> None:
    from yankao.open311.models import ApiPolicy
    from yankao.open311.services import api_client_create

    _, key = api_client_create(actor=None, name="小額度", per_minute=2)
    assert [client.get(f"{BASE}/services.json?api_key={key}").status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get(f"{BASE}/services.json?api_key={key}")
    assert limited.json()[0]["code"] == 429 and 1 <= int(limited["Retry-After"]) <= 60
    policy = ApiPolicy.objects.get()  # changed as the admin does (a save: every process drops its policy)
    policy.anonymous_per_minute = 1
    policy.save()
    assert [client.get(f"{BASE}/services.json").status_code for _ in range(2)] == [200, 429]


def test_answers_are_cached_until_a_case_changes(client: Any, people: dict[str, Any], settings: Any) -> None:
    settings.OPEN311_RESPONSE_CACHE_SECONDS = 60
    case = make()
    first = client.get(f"{BASE}/requests.json")
    assert client.get(f"{BASE}/requests.json", headers={"If-None-Match": first["ETag"]}).status_code == 304
    closed(people, case)
    again = client.get(f"{BASE}/requests.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again.json()[0]["status"] == "closed"


def test_cached_answers_go_out_gzip_compressed_to_clients_that_accept_it(
    client: Any, people: dict[str, Any], settings: Any
) -> None:
    import gzip

    settings.OPEN311_RESPONSE_CACHE_SECONDS = 60
    make()
    make()
    plain = client.get(f"{BASE}/requests.json")  # built, stored compressed, sent plain
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    for _ in range(2):  # the first from the cache, then again
        packed = client.get(f"{BASE}/requests.json", headers={"Accept-Encoding": "gzip, deflate"})
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert packed["ETag"] == plain["ETag"]
    assert len(plain.json()) == 2
    again = client.get(f"{BASE}/requests.json")  # from the cache, decompressed for this client
    assert again.content == plain.content and "Content-Encoding" not in again
