"""The "done when" journey in headless Chromium: a project manager files a monthly report, the
agency manager approves it, the commission reviews it; the programme's delay status, the
dashboard and the monthly analysis follow. Every page on the way passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from playwright.sync_api import BrowserContext, Page, expect

from yankao.org.models import Role
from yankao.org.services import user_create_staff
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.programmes.months import current_month, month_slug

from .helpers import make_programme, plan_linear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "pw-browser-test-2468"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff(username, agency, role):
    user = user_create_staff(username=username, password=PASSWORD, agency=agency, roles=[role], display_name=username)
    TOTP.activate(user, SECRET)
    return user


def sign_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("帳號|使用者名稱|電子郵件|Username|Login", re.I)).first.fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    counters = list(yield_hotp_counters_from_time())
    page.locator("input[name=code]").fill(format_hotp_value(hotp_value(SECRET, counters[len(counters) // 2])))
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")


def test_file_approve_review_and_the_analysis_follows(
    new_context: Callable[..., BrowserContext], city, own_agency, commission_agency
):
    pm = staff("pwb-pm", own_agency, Role.PROJECT_MANAGER)
    staff("pwb-manager", own_agency, Role.AGENCY_MANAGER)
    officer = staff("rdec-officer", commission_agency, Role.COMMISSION_OFFICER)
    month = current_month()
    programme = make_programme(
        officer,
        own_agency,
        pm,
        year=month.year - 1911,
        code="JOURNEY-1",
        start_date=month.replace(month=1),
        end_date=month.replace(month=12, day=31),
    )
    plan_linear(officer, programme)
    planned = min(100, month.month * 10)
    actual = planned - 15  # 15 points behind: seriously behind (threshold 10)

    # 1. the project manager files the month's report from "my programmes"
    page = new_context().new_page()
    sign_in(page, "pwb-pm")
    page.goto("/office/programmes/mine/")
    expect(page.locator("h1")).to_have_text("我的列管計畫")
    assert_accessible(page)
    page.get_by_role("link", name="填報JOURNEY-1月報").click()
    expect(page.locator("h1")).to_contain_text("填報JOURNEY-1")
    page.get_by_label("實際累計進度（%）").fill(str(actual))
    page.get_by_label("累計分配數（元）").fill("10000000")
    page.get_by_label("累計執行數（元）").fill("7000000")
    page.get_by_role("button", name="儲存並送機關主管核定").click()
    # seriously behind without a reason: refused, with a clear message, nothing saved
    expect(page.get_by_role("alert")).to_contain_text("進度落後 15.00 個百分點，請選擇落後原因並填寫因應對策")
    assert_accessible(page)
    assert not programme.reports.exists()
    page.get_by_label("落後或倒退原因").select_option(label="01 用地取得問題")
    page.get_by_label("因應對策").fill("協調地主完成協議價購")
    page.get_by_role("button", name="儲存並送機關主管核定").click()
    expect(page.locator("#report-status")).to_have_text("待機關核定")
    expect(page.locator("#delay-status")).to_have_text("嚴重落後")
    assert_accessible(page)

    # 2. the agency manager approves it from the approval queue
    page = new_context().new_page()
    sign_in(page, "pwb-manager")
    page.goto("/office/programmes/queue/")
    page.get_by_role("link", name=re.compile("月報")).filter(has_text=f"{month.year - 1911}年{month.month}月").click()
    assert_accessible(page)
    page.get_by_role("button", name="核定並提報研考會").click()
    expect(page.locator("#report-status")).to_have_text("已提報研考會")

    # 3. the commission reviews it
    page = new_context().new_page()
    sign_in(page, "rdec-officer")
    page.goto("/office/programmes/queue/")
    page.get_by_role("link", name=re.compile("月報")).filter(has_text=f"{month.year - 1911}年{month.month}月").click()
    page.get_by_role("button", name="審查通過").click()
    expect(page.locator("#report-status")).to_have_text("研考會已審查")

    # 4. delay status, dashboard and monthly analysis follow from the report
    page.goto(f"/office/programmes/{programme.pk}/")
    expect(page.locator("main")).to_contain_text("嚴重落後")
    assert_accessible(page)
    page.goto(f"/office/programmes/dashboard/?month={month_slug(month)}")
    expect(page.locator("#behind-total")).to_have_text("1")
    assert_accessible(page)
    page.goto(f"/office/programmes/analysis/{month_slug(month)}/")
    expect(page.locator("#analysis-summary")).to_contain_text("進度落後 1 案（嚴重落後 1 案）")
    expect(page.get_by_role("region", name="落後計畫表")).to_contain_text("JOURNEY-1")
    expect(page.get_by_role("region", name="落後計畫表")).to_contain_text("協調地主完成協議價購")
    assert_accessible(page)

    # 5. the analysis fits a phone without sideways scrolling of the page itself
    phone = new_context(viewport=PHONE, storage_state=page.context.storage_state()).new_page()  # same session
    phone.goto(f"/office/programmes/analysis/{month_slug(month)}/")
    scroll_width, inner_width = phone.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width
