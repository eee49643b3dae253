"""The "done when" journey: the commission issues a key in the back office (Chromium, axe-core);
a client written against the GeoReport v2 spec alone then discovers the endpoint, lists the
services, posts a request and reads it back, in JSON and XML, over real HTTP; the open-data page
works on a phone."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import Page, expect

from conftest import make_staff
from yankao.org.models import Role
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.portal.tests.test_browser_journeys import sign_in_with_keyboard, submit_code, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pw-browser-test-1357"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def fetch(url: str, data: dict[str, Any] | None = None) -> tuple[int, str, bytes]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


def issue_key_in_the_back_office(page: Page, commission_agency: Any) -> str:
    officer = make_staff("rdec-open311", commission_agency, Role.COMMISSION_OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    TOTP.activate(officer, SECRET)
    sign_in_with_keyboard(page, officer.username, PASSWORD)
    submit_code(page, totp_code(SECRET))
    page.goto("/office/open311/clients/")
    expect(page.locator("h1")).to_have_text("Open311 API 金鑰")
    assert_accessible(page)
    page.get_by_label("應用程式名稱").fill("FixMyStreet 高雄")
    page.get_by_label("聯絡單位或人").fill("高雄市民間社群")
    page.get_by_role("button", name="發給金鑰").click()
    expect(page.locator("#new-key-heading")).to_have_text("新金鑰（只顯示這一次）")
    assert_accessible(page)
    key = page.get_by_label("API 金鑰", exact=True).input_value()
    expect(page.locator("table")).to_contain_text("FixMyStreet 高雄")
    return key


def test_a_spec_only_client_discovers_posts_and_reads_back(
    page: Page, live_server: Any, city: Any, commission_agency: Any
) -> None:
    key = issue_key_in_the_back_office(page, commission_agency)

    # discovery (XML) names the endpoint; everything after uses only that URL and the spec
    status, content_type, body = fetch(f"{live_server.url}/open311/v2/discovery.xml")
    assert status == 200 and content_type == "text/xml; charset=utf-8"
    endpoint = ET.fromstring(body).find("endpoints/endpoint/url").text
    assert endpoint == f"{live_server.url}/open311/v2"

    _, _, body = fetch(f"{endpoint}/services.json")
    services = json.loads(body)
    light = next(s for s in services if s["service_name"] == "路燈故障")
    _, _, body = fetch(f"{endpoint}/services/{light['service_code']}.xml")
    codes = [a.text for a in ET.fromstring(body).findall("attributes/attribute/code")]
    assert codes == ["pole_number", "lights_out"]

    form = {
        "api_key": key,
        "service_code": light["service_code"],
        "lat": "22.6206",
        "long": "120.3126",
        "description": "四維三路路燈整排不亮",
        "attribute[pole_number]": "KH-0231",
        "email": "ming@example.tw",
    }
    status, _, body = fetch(f"{endpoint}/requests.xml", form)
    assert status == 201
    posted = ET.fromstring(body).find("request")
    request_id, token = posted.find("service_request_id").text, posted.find("token").text

    _, _, body = fetch(f"{endpoint}/requests/{request_id}.json")
    item = json.loads(body)[0]
    assert item["service_request_id"] == request_id and item["status"] == "open"
    assert item["description"] == "四維三路路燈整排不亮" and "ming@example.tw" not in body.decode()
    _, _, body = fetch(f"{endpoint}/requests/{request_id}.xml")
    assert ET.fromstring(body).find("request/service_code").text == light["service_code"]
    _, _, body = fetch(f"{endpoint}/tokens/{token}.json")
    assert json.loads(body) == [{"service_request_id": request_id, "token": token}]
    _, _, body = fetch(f"{endpoint}/requests.json?service_code={light['service_code']}&status=open")
    assert [r["service_request_id"] for r in json.loads(body)] == [request_id]


def test_open_data_page_on_a_phone(new_context: Any, live_server: Any, city: Any) -> None:
    phone = new_context(viewport=PHONE).new_page()
    phone.goto("/opendata/cases/")
    expect(phone.locator("h1")).to_have_text("為民服務案件開放資料")
    assert_accessible(phone)
    phone.get_by_label("起日").fill("113/01/01")
    phone.get_by_label("迄日").fill("113/12/31")
    phone.get_by_role("button", name="查詢筆數").click()
    expect(phone.locator("caption").first).to_contain_text("113/01/01 至 113/12/31")
    expect(phone.get_by_role("link", name="下載 CSV（UTF-8）")).to_be_visible()
    assert_accessible(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
