"""The commission's less frequent forms in headless Chromium, on a phone: edit the year-end plan's
weights and grade bands (a wrong sum is refused with a clear message first), track a subsidy case
and send it to the coordination meeting. Every page on the way passes axe-core and fits the
phone's width."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from yankao.org.models import Role
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.programmes.models import AgendaItem, EvaluationPlan, Scheme, SubsidyCase
from yankao.programmes.services import evaluation_plan_issue, meeting_create, subsidy_case_create

from .test_browser_journey import sign_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fits_the_phone(page: Page) -> None:
    scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width


def test_commission_edits_a_plan_and_sends_a_case_to_the_meeting(
    new_context: Callable[..., BrowserContext], city, own_agency, commission_agency
):
    officer = staff("rdec-officer", commission_agency, Role.COMMISSION_OFFICER)
    plan = evaluation_plan_issue(
        actor=officer,
        scheme=Scheme.PROGRAMME,
        year=113,
        title="113年度列管計畫年終考核",
        issued_on=dt.date(2025, 1, 10),
    )
    case = subsidy_case_create(
        actor=officer, year=113, code="B113-001", name="林園區道路改善", agency=own_agency, amount=Decimal(20_000_000)
    )
    meeting_create(
        actor=officer, title="113年第2次公共工程督導暨協調會報", held_on=dt.date(2024, 6, 20), chair="副市長"
    )

    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "rdec-officer")

    # 1. from the results page to the plan; weights that do not add up to 100 are refused
    page.goto("/office/programmes/evaluations/")
    page.get_by_role("link", name="考核項目、權重、等第級距與受考核計畫（設定與函送）").click()
    expect(page.locator("h1")).to_have_text("113年度列管計畫年終考核")
    page.get_by_text("修改考核項目、權重與等第級距").click()
    rules = page.locator("form[action$='/rules/']")
    rules.get_by_role("group", name="考核項目 1").get_by_label("權重（%）").fill("20")
    rules.get_by_role("button", name="儲存考核項目與級距").click()
    expect(page.get_by_role("alert")).to_contain_text("考核項目權重合計須為 100%（目前為 105%）")
    assert_accessible(page)
    fits_the_phone(page)
    assert list(EvaluationPlan.objects.get(pk=plan.pk).criteria.values_list("weight", flat=True)) == [15, 35, 20, 30]

    rules = page.locator("form[action$='/rules/']")
    rules.get_by_role("group", name="考核項目 2").get_by_label("權重（%）").fill("30")
    rules.get_by_role("group", name="等第 1").get_by_label("最低分數").fill("85")
    rules.get_by_role("button", name="儲存考核項目與級距").click()
    expect(page.locator("#grade-bands")).to_contain_text("甲等：85 分以上")
    assert_accessible(page)
    assert list(EvaluationPlan.objects.get(pk=plan.pk).criteria.values_list("weight", flat=True)) == [20, 30, 20, 30]

    # 2. a subsidy case: monthly tracking with a problem, then to the coordination meeting
    page.goto("/office/programmes/subsidies/")
    page.get_by_role("link", name="B113-001").click()
    page.get_by_text("登錄每月追蹤").click()
    page.get_by_label("月份").fill("113/05")
    page.get_by_label("執行進度（%）").fill("40")
    page.get_by_label("累計執行數（元）").fill("1000000")
    page.get_by_label("遭遇問題（填寫即列為待檢討）").fill("用地取得延宕")
    page.get_by_role("button", name="登錄追蹤").click()
    expect(page.locator("main")).to_contain_text("執行中（待檢討）")
    assert_accessible(page)
    fits_the_phone(page)
    page.get_by_text("提報協調會報", exact=True).click()
    page.get_by_role("combobox", name=re.compile("^協調會報")).select_option(label="113年第2次公共工程督導暨協調會報")
    page.get_by_role("button", name="提報會報").click()
    expect(page.locator("h1")).to_have_text("113年第2次公共工程督導暨協調會報")
    expect(page.locator("main")).to_contain_text("基本設施補助案件「林園區道路改善」：用地取得延宕")
    assert AgendaItem.objects.get().subsidy_case_id == case.pk
    assert SubsidyCase.objects.get(pk=case.pk).has_problem
