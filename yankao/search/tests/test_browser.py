"""The public search page in headless Chromium, on a phone: search, results, accessibility."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import BrowserContext, expect

from conftest import login_as
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.search import services
from yankao.search.text import Extracted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_search_on_a_phone(new_context: Callable[..., BrowserContext], settings, own_agency) -> None:
    settings.SEARCH_EMBEDDINGS = False
    source = services.source_create(actor=None, base_url="http://site.test/", agency=own_agency)
    services.page_index(
        source=source,
        url="http://site.test/light.html",
        doc=Extracted(title="路燈故障報修", text="路燈不亮請撥 1999 或 LINE 報修。", published_on=dt.date(2024, 3, 5)),
    )
    page = new_context(viewport=PHONE).new_page()
    page.goto("/search/")
    assert_accessible(page)
    page.get_by_label("搜尋市府各機關網站與公開資料").fill("路灯")  # Simplified input
    page.get_by_role("button", name="搜尋", exact=True).click()
    expect(page.get_by_role("heading", name="搜尋結果")).to_be_visible()
    result = page.get_by_role("link", name="路燈故障報修").first
    expect(result).to_be_visible()
    expect(page.locator(".search-results mark").first).to_have_text("路燈")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    assert_accessible(page)


def test_the_commission_edits_and_deactivates_a_source(
    new_context: Callable[..., BrowserContext], live_server, people, own_agency
) -> None:
    """研考會: from the sources list to a source's form; a wrong agency rule is shown, fixed, saved."""
    source = services.source_create(actor=None, base_url="https://portal.example.tw/", name="入口網", agency=own_agency)
    client = login_as(Client(), people["commission"])
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = new_context()
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto("/office/search/sources/")
    page.get_by_role("link", name=re.compile(r"^編輯\s*：入口網$")).click()
    expect(page.get_by_role("heading", name="編輯搜尋來源：入口網")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("機關對應規則").fill("/cab/ => 民政處")
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_role("alert")).to_contain_text("機關對應規則第 1 行「/cab/ => 民政處」：找不到機關「民政處」")
    assert_accessible(page)

    page.get_by_label("機關對應規則").fill("/cab/ => 民政局")
    page.get_by_label("啟用").uncheck()
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_role("heading", name="搜尋來源", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name="入口網")).to_contain_text("停用")
    source.refresh_from_db()
    assert (source.agency_rules, source.is_active) == ("/cab/ => 民政局", False)
