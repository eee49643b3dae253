"""Register pages in a browser: they pass axe-core and fit a phone (a sample of the busiest pages)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.registers.council import services as council
from yankao.registers.quality import services as quality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("register_defaults"),
]


@pytest.fixture
def session(people):
    officer = people["commission"]
    session = council.session_create(
        actor=officer,
        term=4,
        number=3,
        starts_on=dt.date(2024, 2, 27),
        ends_on=dt.date(2024, 5, 31),
        report_due=dt.date(2024, 8, 31),
    )
    data = (
        "案號,案由,提案議員,類別,收文日\n0001,請改善道路,王議員,工務,113/03/01\n0002,增設路燈,李議員,民政,113/03/04\n"
    )
    council.proposal_import(actor=officer, session=session, data=data.encode(), filename="p.csv")
    return session


def test_council_session_page_is_accessible(page, sign_in_page, people, session):
    sign_in_page(page, people["commission"])
    page.goto(f"/office/registers/council/sessions/{session.pk}/")
    expect(page.locator("#proposal-total")).to_have_text("2 件")
    expect(page.locator("#category-counts tbody tr").first).to_have_text("民政類1")
    assert_accessible(page)


def test_own_agency_replies_on_a_phone(new_context, sign_in_page, people, session):
    page = new_context(viewport=PHONE).new_page()
    sign_in_page(page, people["own_staff"])
    page.goto("/office/registers/council/proposals/")
    expect(page.locator("main table tbody tr")).to_have_count(1)  # only 工務局's proposal
    page.get_by_role("link", name="0001").click()
    page.get_by_label("函復日").fill("113/04/01")
    page.get_by_label("函復內容").fill("已完成路面改善")
    page.get_by_role("button", name="送出函復").click()
    expect(page.locator("#proposal-status")).to_have_text("已函復")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def test_phone_test_round_page_is_accessible(page, sign_in_page, people, own_agency):
    officer = people["commission"]
    plan = quality.plan_create(
        actor=officer, year=2024, title="113年度電話禮貌測試", calls_per_round=2, agencies=[own_agency]
    )
    test_round = quality.round_create(
        actor=officer, plan=plan, half=1, starts_on=dt.date(2024, 4, 1), ends_on=dt.date(2024, 5, 31)
    )
    quality.call_record(
        actor=officer,
        test_round=test_round,
        agency=own_agency,
        called_on=dt.date(2024, 4, 2),
        scores={"answer": 10, "greeting": 18, "manner": 25, "answer_quality": 30, "transfer": 10, "closing": 5},
    )
    sign_in_page(page, officer)
    page.goto(f"/office/registers/quality/phone-tests/rounds/{test_round.pk}/")
    expect(page.locator("#city-score")).to_have_text("98.00 分")
    assert_accessible(page)
