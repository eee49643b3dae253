"""The reader's journey: open a published report, click a figure, land on the records behind it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from conftest import login_as
from yankao.core.workdays import TAIPEI
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.reports import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _publish(report, people):
    for it in report.items.exclude(text=""):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)
    services.report_finalise(actor=people["commission"], report=report)


def test_reader_clicks_a_figure_and_lands_on_its_records(page: Page, new_context, small_report, people) -> None:
    """One journey (one live-server test: each flushes the database, see browser.py)."""
    _publish(small_report, people)
    page.goto("/reports/")
    page.get_by_role("link", name=small_report.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(small_report.title)
    expect(page.get_by_role("columnheader", name="執行成果與效益")).to_be_visible()
    expect(page.get_by_role("rowheader", name="壹、研究發展")).to_be_visible()
    assert_accessible(page)

    districts = page.locator('a.fig[data-figure="org.districts.count"]')
    expect(districts).to_have_text("38")
    assert "agency_list" in (districts.get_attribute("title") or "")
    districts.click()
    expect(page).to_have_url(re.compile(r"/agencies/$"))
    expect(page.get_by_role("heading", name="機關名錄")).to_be_visible()

    page.go_back()
    visitors = page.locator('a.fig[data-figure="it.smart_city_expo.visitors"]')
    expect(visitors).to_have_text("四萬")
    visitors.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/reports/figures/manual/\?year=113#fig-it\.smart_city_expo\.visitors$"))
    expect(page.locator("[id='fig-it.smart_city_expo.visitors']")).to_contain_text("主辦單位統計")
    assert_accessible(page)

    # the same report on a phone: no sideways scrolling of the page, still accessible
    phone = new_context(viewport=PHONE).new_page()
    phone.goto(f"/reports/{small_report.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert_accessible(phone)


def _sign_in(context, live_server, user) -> None:
    """The officer's session, made by the test client as after password + TOTP, given to the browser."""
    client = login_as(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_officer_clicks_a_works_figure_and_lands_on_the_reports_it_counts(
    new_context, live_server, small_report, people, own_agency
) -> None:
    """Traceability for a domain figure: 全民督工總通報案件 → the list of those 113 citizen reports."""
    from yankao.works.models import CitizenReport
    from yankao.works.services.reports import citizen_report_assign, citizen_report_file

    received = dt.datetime(2024, 5, 6, 9, 30, tzinfo=TAIPEI)
    for subject in ("人行道施工圍籬倒塌", "工地未設警示燈"):
        filed = citizen_report_file(
            actor=people["commission"],
            subject=subject,
            content="請派員查看。",
            channel=CitizenReport.Channel.PCC,
            received_at=received,
        )
        citizen_report_assign(actor=people["commission"], report=filed, agency=own_agency, at=received)
    _publish(small_report, people)
    context = new_context()
    _sign_in(context, live_server, people["commission"])
    page = context.new_page()
    page.set_default_timeout(30_000)  # the officer's page is rendered live, on a shared CI machine
    page.goto(f"/reports/{small_report.pk}/")
    figure = page.locator('a.fig[data-figure="works.citizen_reports.total"]')
    expect(figure).to_have_text("2")
    assert "citizen_report_figures" in (figure.get_attribute("title") or "")
    figure.click()
    expect(page).to_have_url(re.compile(r"/office/works/reports/\?year=113$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("113 年全民督工通報")
    expect(page.get_by_role("table").locator("caption")).to_have_text("共 2 件")
    expect(page.get_by_role("cell", name="工地未設警示燈")).to_be_visible()
    assert_accessible(page)
