"""The journeys a person takes through the web shell, in headless Chromium (see browser.py).

Staff sign in with password + TOTP (兩步驟驗證) and reach the back office (機關後台); a citizen
opens the home page (市民服務) on a desktop or a phone; every page passes axe-core with no
serious or critical violation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from playwright.sync_api import BrowserContext, Page, expect

from yankao.org.models import Agency, Role, User
from yankao.org.services import user_create_staff
from yankao.portal.tests.browser import DESKTOP, PHONE, assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "pw-browser-test-2468"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
LOGIN_URL = "/accounts/login/"
MFA_URL = "/accounts/2fa/authenticate/"
ACTIVATE_TOTP_URL = "/accounts/2fa/totp/activate/"


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (the middle of allauth's tolerance window)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def wrong_totp_code(secret: str) -> str:
    """A six-digit code that no counter in the tolerance window accepts."""
    valid = {format_hotp_value(hotp_value(secret, counter)) for counter in yield_hotp_counters_from_time()}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def tab_to(page: Page, selector: str, *, limit: int = 20) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def sign_in_with_keyboard(page: Page, username: str, password: str) -> None:
    """Open the sign-in page, Tab to the account field, type, Tab to the password, press Enter."""
    page.goto(LOGIN_URL)
    tab_to(page, "input[name=login]")
    page.keyboard.type(username)
    tab_to(page, "input[name=password]", limit=3)
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def submit_code(page: Page, code: str) -> None:
    """Type a six-digit code into the focused code field and send it with Enter."""
    code_field = page.locator("input[name=code]")
    code_field.clear()  # after a refused code the field still holds it
    code_field.focus()
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def confirm_password(page: Page, password: str) -> None:
    """allauth asks for the password once more before a second factor may be added (reauthentication)."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/\?next=" + re.escape("%2Faccounts%2F2fa%2Ftotp")))
    page.locator("input[name=password]").focus()
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def staff_without_totp(commission_agency: Agency) -> User:
    return user_create_staff(
        username="rdec-browser",
        password=PASSWORD,
        agency=commission_agency,
        roles=[Role.COMMISSION_OFFICER],
        display_name="林研考",
    )


@pytest.fixture
def staff(staff_without_totp: User) -> User:
    TOTP.activate(staff_without_totp, SECRET)
    return staff_without_totp


# --- staff: password, then the second factor ----------------------------------------------------


def test_staff_signs_in_with_totp_and_opens_the_back_office(page: Page, staff: User) -> None:
    sign_in_with_keyboard(page, staff.username, PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(MFA_URL)))
    expect(page.locator("h1")).to_have_text("二階段認證")

    submit_code(page, totp_code(SECRET))

    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/office/")
    expect(page).to_have_url(re.compile(r"/office/$"))
    expect(page.locator("h1")).to_have_text("機關後台")
    expect(page.locator("main")).to_contain_text(staff.agency.name)  # type: ignore[union-attr]
    expect(page.get_by_role("navigation", name="主選單")).to_contain_text("機關後台")


def test_wrong_totp_code_is_refused(page: Page, staff: User) -> None:
    sign_in_with_keyboard(page, staff.username, PASSWORD)

    submit_code(page, wrong_totp_code(SECRET))

    expect(page).to_have_url(re.compile(re.escape(MFA_URL)))
    expect(page.locator("main")).to_contain_text("不正確的代碼")
    page.goto("/office/")
    expect(page).not_to_have_url(re.compile(r"/office/$"))  # not signed in: back to the sign-in steps
    expect(page.locator("h1")).not_to_have_text("機關後台")


def test_staff_without_totp_is_sent_to_set_it_up(page: Page, staff_without_totp: User) -> None:
    sign_in_with_keyboard(page, staff_without_totp.username, PASSWORD)

    page.goto("/office/")

    confirm_password(page, PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(ACTIVATE_TOTP_URL)))
    expect(page.locator("h1")).to_have_text("啟用驗證器")
    secret = page.locator("#authenticator_secret").input_value()
    submit_code(page, totp_code(secret))
    page.goto("/office/")
    expect(page.locator("h1")).to_have_text("機關後台")


# --- the citizen's home page -------------------------------------------------------------------


def test_home_page_in_traditional_chinese_with_a_working_skip_link(page: Page) -> None:
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    expect(page.locator("h1")).to_have_text("市民服務")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="跳至主要內容")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_home_and_login_fit_the_screen(
    new_context: Callable[..., BrowserContext], screenshot_dir: Path, size: str, viewport: dict[str, int]
) -> None:
    page = new_context(viewport=viewport).new_page()
    for name, url in [("home", "/"), ("login", LOGIN_URL)]:
        page.goto(url)
        page.screenshot(path=str(screenshot_dir / f"{name}-{size}.png"), full_page=True)
        scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, f"{url} scrolls sideways at {viewport}: {scroll_width} > {inner_width}"
    assert viewport["width"] == page.evaluate("window.innerWidth")


# --- accessibility: axe-core on every page of these journeys ------------------------------------


def test_public_pages_pass_axe(page: Page, city: object) -> None:
    for url in ["/", "/agencies/", LOGIN_URL]:
        page.goto(url)
        assert_accessible(page)


def test_sign_in_pages_and_back_office_pass_axe(page: Page, staff: User) -> None:
    sign_in_with_keyboard(page, staff.username, PASSWORD)
    assert_accessible(page)  # the TOTP step

    submit_code(page, wrong_totp_code(SECRET))
    assert_accessible(page)  # the TOTP step with its error

    submit_code(page, totp_code(SECRET))
    page.goto("/office/")
    expect(page.locator("h1")).to_have_text("機關後台")
    assert_accessible(page)
    page.goto("/agencies/")
    assert_accessible(page)


def test_totp_activation_page_passes_axe(page: Page, staff_without_totp: User) -> None:
    sign_in_with_keyboard(page, staff_without_totp.username, PASSWORD)
    page.goto("/office/")
    assert_accessible(page)  # the password confirmation
    confirm_password(page, PASSWORD)
    expect(page).to_have_url(re.compile(re.escape(ACTIVATE_TOTP_URL)))
    assert_accessible(page)
