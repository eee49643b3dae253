"""Fixtures shared by every register's tests."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PERSONAS

PUBLIC, SIGNIN, FORBIDDEN, OK, NOT_FOUND = "public", "signin", 403, 200, 404
# the usual shape of an office page: anonymous → sign in, citizen → 403, staff → 200
STAFF_PAGE = [SIGNIN, FORBIDDEN, OK, OK, OK, OK]
COMMISSION_PAGE = [SIGNIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK]
PUBLIC_PAGE = [OK, OK, OK, OK, OK, OK]


def expect_status(response: Any, expected: Any) -> None:
    if expected == SIGNIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, (response.status_code, expected)


@pytest.fixture
def officer(people: dict[str, Any]) -> Any:
    return people["commission"]


__all__ = ["COMMISSION_PAGE", "PERSONAS", "PUBLIC_PAGE", "STAFF_PAGE", "expect_status"]


@pytest.fixture
def sign_in_page(live_server: Any) -> Any:
    """Give a Playwright page the session of `user` (password + TOTP already passed), as
    `client_for` does for the test client; the sign-in journey itself is tested by the portal."""
    from django.test import Client

    from conftest import login_as

    def _sign_in(page: Any, user: Any) -> Any:
        client = Client()
        login_as(client, user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return page

    return _sign_in


DATA_MIGRATIONS = [
    "yankao.registers.council.migrations.0002_kaohsiung_defaults",
    "yankao.registers.doctime.migrations.0002_kaohsiung_defaults",
    "yankao.registers.risks.migrations.0002_national_scales",
    "yankao.registers.quality.migrations.0002_kaohsiung_rubric",
    "yankao.registers.overseas.migrations.0002_kaohsiung_defaults",
    "yankao.registers.security.migrations.0002_maturity_targets",
    "yankao.registers.events.migrations.0002_series",
]


def reload_register_defaults() -> None:
    """Re-run the registers' data migrations (idempotent). A transactional test flushes the tables
    at its end, and after a Playwright test `serialized_rollback` finds no serialized copy to
    restore (the connection it sees is a fresh one), so browser tests put the rule data back."""
    import importlib

    from django.apps import apps

    for name in DATA_MIGRATIONS:
        importlib.import_module(name).load(apps, None)


@pytest.fixture
def register_defaults(transactional_db: Any) -> None:
    reload_register_defaults()
