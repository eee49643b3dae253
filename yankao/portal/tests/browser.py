"""Browser-test fixtures: Debian's Chromium, driven by Playwright's sync API, against `live_server`.

Loaded for every app by `pytest_plugins` in the root conftest.py. A browser test asks for `page`
(or `browser_context`), carries `@pytest.mark.browser`, and gets:

- one headless Chromium per test session, i.e. per xdist worker, started on first use (so
  `-n 2` starts two, and the browser tests run in parallel like the others);
- one fresh browser context per test (own cookies and storage), speaking Traditional Chinese
  (Taiwan), with `base_url` set to the live server, so `page.goto("/")` works;
- a live Django server on the test database, emptied after each test (`transactional_db`).

Chromium is never downloaded: the binary is $CHROMIUM_PATH, else /usr/bin/chromium
(`apt-get install chromium fonts-noto-cjk`). Without it the browser tests are skipped, unless
YANKAO_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page
    from pytest_django.live_server_helper import LiveServer

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# a Taiwanese visitor's browser: Accept-Language zh-TW, Taipei time
BROWSER_LOCALE = "zh-TW"
BROWSER_TIMEZONE = "Asia/Taipei"
TIMEOUT_MS = 10_000


def chromium_executable() -> Path:
    """Where the Chromium binary should be: $CHROMIUM_PATH, else Debian's /usr/bin/chromium."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    return Path(configured) if configured else DEFAULT_CHROMIUM


def browser_required() -> bool:
    return os.environ.get("YANKAO_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session, with a fresh temporary profile."""
    executable = chromium_executable()
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        reason = (
            f"no Chromium at {executable} (set CHROMIUM_PATH, or `apt-get install chromium fonts-noto-cjk`);"
            " browser tests need it"
        )
        if browser_required():
            pytest.fail(f"YANKAO_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop marked as running in this thread while the
    # browser lives, and Django then refuses ORM calls from the test ("async-unsafe"). The
    # tests are synchronous code, so the check is switched off while the browser lives.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # launch() (not launch_persistent_context) starts from a new, empty temporary
            # user-data dir, which Playwright deletes when the browser closes.
            chromium = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=CHROMIUM_ARGS, timeout=30_000
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_context_args() -> dict[str, Any]:
    """Override in a test module or conftest to change every context of a test (viewport, locale...)."""
    return {"viewport": DESKTOP, "locale": BROWSER_LOCALE, "timezone_id": BROWSER_TIMEZONE}


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer, browser_context_args: dict[str, Any]
) -> Iterator[Callable[..., BrowserContext]]:
    """Factory of fresh contexts (no cookies, no storage; relative URLs go to the live server).

    `new_context(viewport=PHONE)` overrides `browser_context_args`; all are closed after the test.
    """
    from django.core.cache import cache

    # rate limits and used TOTP codes live in the (local-memory) cache: start each test clean
    cache.clear()
    contexts: list[BrowserContext] = []

    def _new_context(**overrides: Any) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **{**browser_context_args, **overrides})
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()


@pytest.fixture
def browser_context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    """The test's own browser context (one per test)."""
    return new_context()


@pytest.fixture
def page(browser_context: BrowserContext) -> Page:
    return browser_context.new_page()


@pytest.fixture
def screenshot_dir() -> Path:
    """Where tests leave screenshots for people to look at (not committed): $YANKAO_SCREENSHOTS or /tmp."""
    path = Path(os.environ.get("YANKAO_SCREENSHOTS", "/tmp/yankao-screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def axe_violations(page: Page, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """Run axe-core (the copy shipped by axe-playwright-python) on the page as it is now.

    Returns the violations whose impact is in `impacts`; WCAG 2.0/2.1 A and AA rules plus axe's
    best practices.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "resultTypes": ["violations"],
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
        },
    )
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One block per violation: rule, impact, help, and the offending nodes with axe's reasons."""
    lines: list[str] = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"      * {check['message']}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with axe's report if the page has serious or critical accessibility violations."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems on {page.url}:\n{format_violations(violations)}"
