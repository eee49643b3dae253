"""The public search page in headless Chromium, on a phone: search, results, accessibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

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
