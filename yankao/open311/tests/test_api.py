"""GeoReport v2 as a client written against the spec sees it: discover, list services, post,
read back, in JSON and XML; every JSON answer validated against the Open311 schemas."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from yankao.open311.models import ApiClient, Submission
from yankao.open311.tests.conftest import BASE, validate, xml_items
from yankao.service.models import Case

pytestmark = pytest.mark.django_db


def test_discovery_lists_this_endpoint_in_both_formats(client: Any, city: Any) -> None:
    body = client.get(f"{BASE}/discovery.json").json()
    assert body["endpoints"][0]["url"] == "http://testserver/open311/v2"
    assert body["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    xml = client.get(f"{BASE}/discovery.xml")
    assert xml["Content-Type"] == "text/xml; charset=utf-8"
    assert ET.fromstring(xml.content).find("endpoints/endpoint/url").text == "http://testserver/open311/v2"


def test_services_are_the_published_catalogue(client: Any, city: Any) -> None:
    response = client.get(f"{BASE}/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    services = response.json()
    validate("services.json", services)
    codes = [s["service_code"] for s in services]
    assert codes == ["D01", "D02", "D03", "D04", "D05", "D06", "D07", "D11", "D12", "D13", "D14", "D15", "D16"]
    pothole = services[0]
    assert pothole == {
        "service_code": "D01",
        "service_name": "路面坑洞",
        "description": "",
        "metadata": True,
        "type": "realtime",
        "keywords": "坑洞,路面,pothole",
        "group": "道路",
    }
    assert next(s for s in services if s["service_code"] == "D12")["metadata"] is False
    english = client.get(f"{BASE}/services.json?locale=en").json()
    assert english[0]["service_name"] == "Pothole"
    xml = xml_items(client.get(f"{BASE}/services.xml").content, "service")
    assert [s["service_code"] for s in xml] == codes
    assert xml[0]["service_name"] == "路面坑洞" and xml[0]["metadata"] == "true"


def test_service_definition_has_the_attributes(client: Any, city: Any) -> None:
    definition = client.get(f"{BASE}/services/D04.json").json()
    validate("service-definition.json", definition)
    fault = definition["attributes"][0]
    assert fault["code"] == "fault" and fault["datatype"] == "multivaluelist" and fault["required"] is True
    assert [v["key"] for v in fault["values"]] == ["dark", "stuck", "damaged", "pedestrian"]
    assert client.get(f"{BASE}/services/D04.json?locale=en").json()["attributes"][0]["values"][0]["name"] == (
        "Signal dark"
    )
    root = ET.fromstring(client.get(f"{BASE}/services/D04.xml").content)
    assert root.tag == "service_definition"
    assert [v.text for v in root.findall("attributes/attribute/values/value/key")] == [
        "dark",
        "stuck",
        "damaged",
        "pedestrian",
    ]


@pytest.mark.parametrize("code", ["ZZZ", "P03"])
def test_unknown_or_unpublished_service_is_404_in_the_spec_format(client: Any, city: Any, code: str) -> None:
    response = client.get(f"{BASE}/services/{code}.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": f"service_code「{code}」不存在"}]
    xml = client.get(f"{BASE}/services/{code}.xml")
    assert xml.status_code == 404
    assert ET.fromstring(xml.content).find("error/code").text == "404"


def test_post_then_read_back_in_json_and_xml(client: Any, post: Any) -> None:
    response = post(headers={"Idempotency-Key": "abc-1"})
    assert response.status_code == 201
    answer = response.json()[0]
    case = Case.objects.get(number=answer["service_request_id"])
    assert answer["token"] == Submission.objects.get(case=case).token
    assert case.channel == "digital_citizen" and case.district.name == "苓雅區"
    assert case.agency.code == "PWB-MAINT"  # 路燈 in the former city: 工務局養護工程處
    got = client.get(f"{BASE}/requests/{case.number}.json").json()
    validate("requests.json", got)
    item = got[0]
    assert item["service_request_id"] == case.number
    assert item["status"] == "open"
    assert item["service_code"] == "D03" and item["service_name"] == "路燈故障"
    assert item["agency_responsible"] == case.agency.name
    assert item["lat"] == 22.6206 and item["long"] == 120.3126
    assert item["requested_datetime"].endswith("+08:00")
    expected = dt.datetime.fromisoformat(item["expected_datetime"])
    assert expected == case.deadline_at.replace(microsecond=0)
    assert expected - case.received_at.replace(microsecond=0) == dt.timedelta(hours=4)
    xml = xml_items(client.get(f"{BASE}/requests/{case.number}.xml").content, "request")[0]
    for field in ("service_request_id", "status", "service_code", "agency_responsible", "requested_datetime"):
        assert xml[field] == str(item[field])
    assert float(xml["lat"]) == item["lat"]
    tokens = client.get(f"{BASE}/tokens/{answer['token']}.json").json()
    assert tokens == [{"service_request_id": case.number, "token": answer["token"]}]


def test_post_in_xml_answers_in_xml(post: Any) -> None:
    response = post("xml")
    assert response.status_code == 201
    item = xml_items(response.content, "request")[0]
    assert Case.objects.filter(number=item["service_request_id"]).exists()


def test_post_with_attributes(post: Any) -> None:
    response = post(
        service_code="D04",
        **{"attribute[fault][]": ["dark", "pedestrian"]},
    )
    assert response.status_code == 201, response.content
    submission = Submission.objects.get(case__number=response.json()[0]["service_request_id"])
    assert submission.attributes == {"fault": ["dark", "pedestrian"]}


BAD_POSTS = [
    ({"service_code": None}, 400, "缺少 service_code"),
    ({"service_code": "NOPE"}, 400, "service_code「NOPE」不存在或未開放"),
    ({"service_code": "P03"}, 400, "service_code「P03」不存在或未開放"),
    ({"lat": None, "long": None}, 400, "須提供位置：lat 與 long，或 address_string，或 address_id"),
    ({"lat": "abc"}, 400, "lat：緯度「abc」不是數字"),
    ({"lat": "25.03", "long": "121.56"}, 400, "lat：座標（25.030000, 121.560000）不在高雄市範圍內"),
    ({"description": "字" * 4001}, 400, "description：陳情內容不可超過 4000 字（目前 4001 字）"),
    ({"email": "not-an-email"}, 400, "email「not-an-email」格式不正確"),
    ({"media_url": "javascript:alert(1)"}, 400, "media_url 不是有效的網址"),
    ({"service_code": "D01"}, 400, "缺少必填屬性 attribute[size]"),
    ({"service_code": "D01", "attribute[size]": "huge"}, 400, "attribute[size] 的值「huge」不在選項中"),
    ({"attribute[colour]": "red"}, 400, "此服務沒有屬性「colour」"),
    ({"service_code": "D03", "attribute[lights_out]": "many"}, 400, "attribute[lights_out] 須為數字"),
    (
        {"service_code": "D16", "attribute[source]": "other", "attribute[observed_at]": "yesterday"},
        400,
        "attribute[observed_at]「yesterday」不是 ISO 8601 日期時間（例如 2024-12-01T08:00:00+08:00）",
    ),
    ({"jurisdiction_id": "taipei.gov.tw"}, 404, "jurisdiction_id「taipei.gov.tw」不存在，本端點為 kcg.gov.tw"),
    ({"api_key": None}, 403, "缺少 api_key（請向高雄市政府研考會申請）"),
    ({"api_key": "o311_wrong"}, 403, "api_key 無效或已撤銷"),
]


@pytest.mark.parametrize(("fields", "status", "message"), BAD_POSTS)
def test_bad_posts_answer_in_the_spec_format_and_create_nothing(
    post: Any, fields: dict[str, Any], status: int, message: str
) -> None:
    before = Case.objects.count()
    response = post(**fields)
    assert response.status_code == status
    assert response.json() == [{"code": status, "description": message}]
    assert Case.objects.count() == before and Submission.objects.count() == 0


def test_xml_body_instead_of_form_data_is_400(client: Any, api_key: str) -> None:
    body = "<service_request><service_code>D03</service_code></service_request>"
    response = client.post(f"{BASE}/requests.xml?api_key={api_key}", body, content_type="text/xml")
    assert response.status_code == 400
    error = ET.fromstring(response.content).find("error")
    assert error.find("code").text == "400"
    assert error.find("description").text == "POST 須為 application/x-www-form-urlencoded（收到 text/xml）"
    assert Case.objects.count() == 0


def test_revoked_key_is_refused(client: Any, post: Any) -> None:
    ApiClient.objects.update(is_active=False, revoked_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    response = post()
    assert response.status_code == 403 and Case.objects.count() == 0


def test_same_idempotency_key_creates_one_case(post: Any) -> None:
    first = post(headers={"Idempotency-Key": "retry-me"})
    again = post(headers={"Idempotency-Key": "retry-me"})
    assert first.status_code == 201 and again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
    other_body = post(headers={"Idempotency-Key": "retry-me"}, description="另一件事")
    assert other_body.status_code == 422
    assert other_body.json()[0]["description"] == "此 Idempotency-Key 已用於內容不同的請求"
    assert Case.objects.count() == 1


def test_without_a_key_each_post_is_a_new_case(post: Any) -> None:
    assert post().status_code == 201 and post().status_code == 201
    assert Case.objects.count() == 2


def test_unknown_request_and_token_are_404(client: Any, city: Any) -> None:
    assert client.get(f"{BASE}/requests/KHH0.json").json() == [
        {"code": 404, "description": "service_request_id「KHH0」不存在"}
    ]
    assert client.get(f"{BASE}/tokens/nope.xml").status_code == 404


def test_other_methods_are_405(client: Any, city: Any) -> None:
    response = client.delete(f"{BASE}/services.json")
    assert response.status_code == 405
    assert response.json() == [{"code": 405, "description": "不支援 DELETE 方法"}]


def test_openapi_document_is_served(client: Any, city: Any) -> None:
    doc = client.get(f"{BASE}/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    assert "/open311/v2/requests.{format}" in doc["paths"]
    assert set(doc["paths"]["/open311/v2/requests.{format}"]) == {"get", "post"}
    json.dumps(doc)


def test_unknown_paths_under_the_api_answer_in_the_spec_format(client: Any, city: Any) -> None:
    assert client.get(f"{BASE}/services.csv").json() == [
        {"code": 404, "description": "沒有這個端點；請見 discovery.json 或 openapi.json"}
    ]
    xml = client.get(f"{BASE}/nothing/here.xml")
    assert xml.status_code == 404 and ET.fromstring(xml.content).find("error/code").text == "404"


def test_every_endpoint_checks_the_locale(client: Any, city: Any) -> None:
    response = client.get(f"{BASE}/discovery.json?locale=fr")
    assert response.status_code == 400
    assert client.get(f"{BASE}/discovery.json?locale=").status_code == 200  # empty means absent


def test_the_openapi_document_lists_what_a_post_may_name(client: Any, city: Any) -> None:
    doc = client.get(f"{BASE}/openapi.json").json()
    form = doc["paths"]["/open311/v2/requests.{format}"]["post"]["requestBody"]["content"]
    codes = form["application/x-www-form-urlencoded"]["schema"]["properties"]["service_code"]["enum"]
    assert codes == [s["service_code"] for s in client.get(f"{BASE}/services.json").json()]
