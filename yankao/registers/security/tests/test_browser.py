"""The commission's audit journey in a browser: schedule an on-site audit, record its result with a
finding; the forms pass axe-core and a bad date is answered in Chinese next to the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from yankao.portal.tests.browser import assert_accessible
from yankao.registers.security import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("register_defaults"),
]


@pytest.fixture
def plan(people):
    officer = people["commission"]
    plan = services.plan_create(actor=officer, year=2024, title="113年度稽核", planned_audits=400)
    services.auditor_add(actor=officer, plan=plan, name="陳教授", kind="academic", affiliation="中山大學")
    return plan


def test_commission_schedules_and_completes_an_audit(page, sign_in_page, people, plan, own_agency):
    sign_in_page(page, people["commission"])
    page.goto("/office/registers/security/?year=113")
    page.get_by_role("link", name="排定實地稽核").click()
    expect(page.locator("h1")).to_have_text("排定實地稽核")
    assert_accessible(page)
    page.get_by_label("受稽核機關").select_option(label=str(own_agency))
    page.get_by_label("排定日").fill("113/02/30")
    page.get_by_role("button", name="排定").click()
    expect(page.locator(".field-invalid .errorlist")).to_contain_text("2 月沒有 30 日")
    page.get_by_label("排定日").fill("113/05/01")
    page.get_by_role("button", name="排定").click()
    expect(page.locator("h1")).to_contain_text(str(own_agency))
    page.get_by_role("link", name="登錄稽核結果").click()
    assert_accessible(page)
    page.get_by_label("稽核日").fill("113/05/02")
    page.get_by_label("陳教授").check()
    page.get_by_label("發現事項（每行一項）").fill("弱密碼原則")
    page.get_by_label("改善期限").fill("113/07/01")
    page.get_by_role("button", name="登錄").click()
    expect(page.locator("main section.card h3")).to_have_text("弱密碼原則")
    expect(page.locator("main dl.facts")).to_contain_text("已完成")
    page.goto("/office/registers/security/?year=113")
    expect(page.locator("#audit-progress")).to_contain_text("1 場（0%）")
    assert_accessible(page)
