"""The "done when" journey in Chromium: a case filed on the citizen site reaches 工務局's inbox,
is accepted, answered and closed by its officer, surveyed by the citizen, and every step shows
in its history. Every page passes axe-core; the citizen form fits a phone."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import Page, expect

from conftest import make_staff
from yankao.org.models import Role
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.portal.tests.test_browser_journeys import sign_in_with_keyboard, submit_code, totp_code
from yankao.service.models import Case, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "pw-browser-test-2468"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def file_on_the_citizen_site(page: Page) -> tuple[str, str]:
    page.goto("/service/new/")
    expect(page.locator("h1")).to_have_text("線上陳情與報案")
    assert_accessible(page)
    page.get_by_label("反映類別").select_option(label="道路與公園工程")
    page.get_by_label("反映內容").fill("四維三路人行道地磚破損，長者容易絆倒，請儘速修復。")
    page.get_by_label("地址或地點").fill("高雄市苓雅區四維三路2號")
    page.get_by_label("姓名").fill("王小明")
    page.get_by_label("電子郵件").fill("ming@example.tw")
    page.get_by_label("回覆方式").select_option("email")
    page.get_by_role("button", name="送出").click()
    expect(page.locator("h1")).to_have_text("已受理您的案件")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("高雄市政府工務局")
    return page.locator("#case-number").inner_text(), page.locator("#case-code").inner_text()


def test_a_case_from_the_citizen_site_is_answered_closed_and_surveyed(
    page: Page, new_context, city, own_agency, service_defaults
):
    officer = make_staff("pwb-browser", own_agency, Role.CASE_OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    TOTP.activate(officer, SECRET)

    citizen = new_context().new_page()
    number, code = file_on_the_citizen_site(citizen)
    assert re.fullmatch(r"KHH\d{8}\d{6}", number)
    assert Case.objects.get(number=number).agency == own_agency

    # 工務局's officer finds it in the inbox, accepts, answers and closes it
    sign_in_with_keyboard(page, officer.username, PASSWORD)
    submit_code(page, totp_code(SECRET))
    page.goto("/office/service/")
    expect(page.locator("h1")).to_have_text("機關收件匣")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("王○○")
    expect(page.locator("main")).not_to_contain_text("王小明")
    page.get_by_role("link", name=number).click()
    expect(page.locator("h1")).to_have_text(f"案件 {number}")
    assert_accessible(page)
    page.get_by_role("button", name="接收案件").click()
    expect(page.locator(".messages")).to_contain_text("已儲存")
    page.get_by_label("回覆內容").fill("已派員於今日完成人行道地磚修復，謝謝您的反映。")
    page.get_by_role("button", name="回覆民眾").click()
    expect(page.locator(".messages")).to_contain_text("已儲存")
    page.get_by_role("button", name="結案").click()
    expect(page.locator(".badge").first).to_have_text("已結案")

    # the citizen follows it by number and code, then answers the survey sent after closure
    citizen.goto("/service/track/")
    citizen.get_by_label("案號").fill(number)
    citizen.get_by_label("查詢碼").fill(code)
    citizen.get_by_role("button", name="查詢").click()
    expect(citizen.locator("#case-status")).to_have_text("已結案")
    expect(citizen.locator("main")).to_contain_text("已派員於今日完成人行道地磚修復")
    expect(citizen.locator("main")).not_to_contain_text("王小明")
    assert_accessible(citizen)
    survey = Survey.objects.get(case__number=number)
    citizen.goto(f"/service/survey/{survey.token}/")
    assert_accessible(citizen)
    citizen.get_by_label("滿意", exact=True).check()
    citizen.get_by_label("5").check()
    citizen.get_by_role("button", name="送出").click()
    expect(citizen.locator("main")).to_contain_text("已於")

    # every step is in the case's history, with who did it
    page.reload()
    timeline = page.locator("ol.timeline")
    for label in ["受理", "分案（依類別自動分案）", "接收", "回覆民眾", "結案", "滿意度回覆"]:
        expect(timeline).to_contain_text(label)
    expect(timeline).to_contain_text("pwb-browser")
    expect(page.locator(".history-list")).to_contain_text("pwb-browser")
    case = Case.objects.get(number=number)
    assert (case.status, case.satisfied, case.steps.count()) == ("closed", True, 4)


def test_the_citizen_form_fits_a_phone_and_explains_bad_input(new_context, city, service_defaults):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/service/new/")
    scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width
    page.get_by_label("反映類別").select_option(label="路面坑洞")
    page.get_by_label("反映內容").fill("坑洞")
    page.get_by_label("緯度").fill("25.0478")
    page.get_by_label("經度").fill("121.5170")
    page.get_by_role("button", name="送出").click()
    expect(page.locator("main")).to_contain_text("不在高雄市範圍內")
    assert_accessible(page)
    assert Case.objects.count() == 0
