"""Every answer of the API, checked as issue #4 asks: each endpoint's JSON validates against the
Open311 JSON Schemas of ../shared/data/open311-schemas (copied to yankao/open311/schemas, formats
included), and its XML holds the same fields with the same values."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from yankao.open311.tests.conftest import BASE, SCHEMAS, same_in_xml, validate
from yankao.service.services import case_accept, case_close, case_create, case_reply

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "open311-schemas"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/open311-schemas is not on this machine")
def test_the_schemas_are_the_shared_ones() -> None:
    shared = {p.name: p.read_bytes() for p in SHARED.glob("*.json")}
    assert shared == {p.name: p.read_bytes() for p in SCHEMAS.glob("*.json")}


def test_the_format_checks_are_real() -> None:
    """A wrong date or URL fails (jsonschema alone would accept any string)."""
    good = {"service_request_id": "1", "status": "open", "service_code": "D03"}
    validate("request.json", {**good, "requested_datetime": "2024-12-01T08:00:00+08:00"})
    for bad in ("2024-12-01 08:00", "2024-12-01T08:00:00", "2024-13-01T08:00:00+08:00"):
        with pytest.raises(Exception, match="date-time"):
            validate("request.json", {**good, "requested_datetime": bad})
    with pytest.raises(Exception, match="uri"):
        validate("request.json", {**good, "requested_datetime": "2024-12-01T08:00:00+08:00", "media_url": "p.jpg"})


@pytest.fixture
def cases(people: dict[str, Any], post: Any) -> dict[str, str]:
    """An API request with a photo and attributes, a closed one with a history, a noise case (sensitive)."""
    posted = post(
        service_code="D03",
        media_url="https://example.tw/photos/light.jpg",
        **{"attribute[pole_number]": "KH-0231", "attribute[lights_out]": "3"},
    ).json()[0]
    officer = people["commission"]
    received = timezone.now() - dt.timedelta(days=2)
    done = case_create(actor=None, channel="phone", category="D15", description="水溝堵塞",
                       lat="22.6206", lng="120.3126", received_at=received)  # fmt: skip
    done = case_close(actor=officer, case=case_reply(actor=officer, case=case_accept(actor=officer, case=done),
                                                     text="已清除"))  # fmt: skip
    noise = case_create(actor=None, channel="phone", category="D16", description="夜間噪音",
                        address="高雄市苓雅區四維三路2號", lat="22.620612", lng="120.312634",
                        received_at=received)  # fmt: skip
    return {"posted": posted["service_request_id"], "token": posted["token"], "closed": done.number,
            "noise": noise.number}  # fmt: skip


def both(client: Any, path: str, query: str = "") -> tuple[Any, ET.Element]:
    """The JSON and the XML answer of one endpoint (both 200)."""
    suffix = f"?{query}" if query else ""
    as_json = client.get(f"{BASE}/{path}.json{suffix}")
    as_xml = client.get(f"{BASE}/{path}.xml{suffix}")
    assert as_json.status_code == as_xml.status_code == 200, (path, query)
    assert as_xml["Content-Type"] == "text/xml; charset=utf-8"
    return as_json.json(), ET.fromstring(as_xml.content)


@pytest.mark.parametrize("query", ["", "locale=en"])
def test_services(client: Any, city: Any, query: str) -> None:
    body, root = both(client, "services", query)
    validate("services.json", body)
    assert root.tag == "services"
    same_in_xml(body, root)


def test_every_service_definition(client: Any, city: Any) -> None:
    for service in client.get(f"{BASE}/services.json").json():
        for query in ("", "locale=en"):
            body, root = both(client, f"services/{service['service_code']}", query)
            validate("service-definition.json", body)
            assert root.tag == "service_definition"
            same_in_xml(body, root)


@pytest.mark.parametrize(
    "query",
    ["", "extensions=true", "locale=en", "status=closed", "service_code=D03,D16", "page=1&page_size=2",
     "lat=22.6206&long=120.3126&radius=500", "start_date=2000-01-01&end_date=2100-01-01"],
)  # fmt: skip
def test_requests(client: Any, cases: dict[str, str], query: str) -> None:
    body, root = both(client, "requests", query)
    assert body, query
    validate("requests.json", body)
    assert root.tag == "service_requests"
    same_in_xml(body, root)


@pytest.mark.parametrize("which", ["posted", "closed", "noise"])
@pytest.mark.parametrize("query", ["", "extensions=true", "locale=en"])
def test_one_request(client: Any, cases: dict[str, str], which: str, query: str) -> None:
    body, root = both(client, f"requests/{cases[which]}", query)
    validate("requests.json", body)
    assert len(body) == 1 and body[0]["service_request_id"] == cases[which]
    same_in_xml(body, root)


def test_posted_request_carries_its_photo(client: Any, cases: dict[str, str]) -> None:
    body = client.get(f"{BASE}/requests/{cases['posted']}.json?extensions=true").json()[0]
    assert body["media_url"] == "https://example.tw/photos/light.jpg"
    assert body["attributes"] == [{"code": "lights_out", "value": "3"}, {"code": "pole_number", "value": "KH-0231"}]


def test_service_notice_names_the_deadline_rule(client: Any, cases: dict[str, str]) -> None:
    item = client.get(f"{BASE}/requests/{cases['posted']}.json").json()[0]
    assert item["service_notice"] == "處理期限：4 小時（全天候）"  # 路燈: 4 hours, round the clock
    english = client.get(f"{BASE}/requests/{cases['posted']}.json?locale=en").json()[0]
    assert english["service_notice"] == "To be handled within 4 calendar hours"


def test_endpoints_without_a_schema_have_the_same_xml(client: Any, cases: dict[str, str]) -> None:
    """discovery, tokens and servicerequestupdates have no schema in the set: XML = JSON, and the
    date-times they carry are RFC 3339 with +08:00."""
    body, root = both(client, "discovery")
    same_in_xml(body, root)
    body, root = both(client, f"tokens/{cases['token']}")
    assert body == [{"service_request_id": cases["posted"], "token": cases["token"]}]
    same_in_xml(body, root)
    body, root = both(client, "servicerequestupdates")
    assert {u["status"] for u in body} >= {"CLOSED"}
    for update in body:
        assert dt.datetime.fromisoformat(update["updated_datetime"]).utcoffset() == dt.timedelta(hours=8)
    same_in_xml(body, root)


@pytest.mark.parametrize(
    ("path", "status"),
    [("requests/NONE", 404), ("services/NONE", 404), ("tokens/NONE", 404), ("requests", 400)],
)
def test_errors_are_the_same_in_both_formats(client: Any, city: Any, path: str, status: int) -> None:
    query = "?start_date=yesterday" if status == 400 else ""
    as_json = client.get(f"{BASE}/{path}.json{query}")
    as_xml = client.get(f"{BASE}/{path}.xml{query}")
    assert as_json.status_code == as_xml.status_code == status
    body = as_json.json()
    assert [e["code"] for e in body] == [status]
    root = ET.fromstring(as_xml.content)
    assert root.tag == "errors"
    same_in_xml(body, root)
