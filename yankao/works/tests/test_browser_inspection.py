"""The 'done when' journey of issue 6 in headless Chromium: an inspector records an inspection
with scores and a defect (with a photo) on a phone-sized screen, the agency answers the defect,
a re-inspection closes it, and the commission's statistics show it. Every page passes axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import Page, expect

from yankao.org.models import Agency, Role, User
from yankao.org.services import user_create_staff
from yankao.portal.tests.browser import PHONE, assert_accessible
from yankao.portal.tests.test_browser_journeys import submit_code, totp_code
from yankao.works import services
from yankao.works.models import Defect, Inspection

from .conftest import png_bytes

pytestmark = pytest.mark.browser

PASSWORD = "pw-browser-works-1357"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff(username: str, agency: Agency, role: str) -> User:
    user = user_create_staff(username=username, password=PASSWORD, agency=agency, roles=[role], display_name=username)
    TOTP.activate(user, SECRET)
    return user


def sign_in(page: Page, user: User) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    submit_code(page, totp_code(SECRET))


def test_inspection_on_a_phone_answered_reinspected_and_counted(
    new_context, live_server, commission_agency, own_agency, tmp_path: Path
) -> None:
    inspector = staff("rdec-inspector", commission_agency, Role.COMMISSION_OFFICER)
    officer = staff("pwb-works", own_agency, Role.CASE_OFFICER)
    today = timezone.localdate()
    project = services.project_create(
        actor=inspector,
        tender_number="PWB-LIVE-001",
        name="民族路人行道改善工程",
        agency=own_agency,
        contract_amount=68_000_000,
        award_date=today - dt.timedelta(days=120),
        start_date=today - dt.timedelta(days=90),
        contractor="大發營造",
        supervisor="永續工程顧問",
    )
    photo = tmp_path / "defect.png"
    photo.write_bytes(png_bytes())

    # --- the inspector, on site, with a phone -------------------------------------------------
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, inspector)
    phone.goto(f"/office/works/inspections/new/?project={project.pk}")
    assert_accessible(phone)
    phone.get_by_role("button", name="送出").click()
    expect(phone.locator("h1")).to_have_text(re.compile(r"查核 \d{3}-Q0001"))
    for n, (name, score) in enumerate([("林建國", "86"), ("陳淑華", "88"), ("黃志明", "84")]):
        phone.locator(f"#id_m-{n}-name").fill(name)
        phone.locator(f"#id_m-{n}-score").fill(score)
    phone.locator("#id_m-0-role").select_option("leader")
    phone.get_by_label("查核意見").fill("工地整潔，安全設施大致完善。")
    phone.get_by_role("button", name="儲存草稿").click()
    expect(phone.locator(".messages")).to_contain_text("草稿已儲存")

    # a bad score is refused with a message, and nothing is lost
    phone.locator("#id_m-1-score").fill("120")
    phone.get_by_role("button", name="儲存草稿").click()
    expect(phone.locator("main")).to_contain_text("評分須介於 0 至 100 分")

    phone.reload()
    phone.locator("#id_d-code").select_option(label="5.01.01 混凝土構造物有蜂窩、冷縫或裂縫")
    phone.locator("#id_d-description").fill("二樓柱底蜂窩，需打除修補")
    phone.locator("#id_d-photos").set_input_files(str(photo))
    phone.get_by_role("button", name="記錄缺失").click()
    expect(phone.locator(".defect-list")).to_contain_text("二樓柱底蜂窩")
    expect(phone.locator(".defect-list img")).to_have_count(1)
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_role("button", name="定稿並通知機關").click()
    expect(phone.locator("#score")).to_have_text("86.00")
    expect(phone.locator("#grade")).to_have_text("甲等")
    phone.screenshot(path="/tmp/yankao-screenshots/works-inspection-phone.png", full_page=True)
    inspection = Inspection.objects.get(project=project, kind="regular")
    defect = inspection.defects.get()

    # --- the agency answers the defect ---------------------------------------------------------
    agency_page = new_context().new_page()
    sign_in(agency_page, officer)
    agency_page.goto("/office/works/defects/")
    assert_accessible(agency_page)
    agency_page.get_by_role("link", name="回復缺失 5.01.01 改善情形").click()
    agency_page.get_by_label("改善情形").fill("已打除蜂窩並以無收縮水泥砂漿修補，檢附照片。")
    agency_page.get_by_role("button", name="送出改善情形").click()
    expect(agency_page.locator(".messages")).to_contain_text("改善情形已回復")
    defect.refresh_from_db()
    assert defect.status == Defect.Status.ANSWERED

    # --- the re-inspection closes it -----------------------------------------------------------
    phone.goto(f"/office/works/inspections/{inspection.pk}/")
    phone.get_by_role("checkbox", name=re.compile("二樓柱底蜂窩")).check()
    phone.get_by_role("button", name="完成複查").click()
    expect(phone.locator("h1")).to_have_text(re.compile(r"複查 \d{3}-Q0002"))
    defect.refresh_from_db()
    assert defect.status == Defect.Status.CLOSED

    # --- the statistics show it ----------------------------------------------------------------
    phone.goto(f"/office/works/?year={today.year - 1911}")
    expect(phone.locator("#fig-inspections")).to_have_text("2")
    expect(phone.locator("#fig-reinspections")).to_have_text("1")
    expect(phone.get_by_role("region", name="缺失態樣（依代碼）")).to_contain_text("5.01.01")
    assert_accessible(phone)
