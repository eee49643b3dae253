"""Shared fixtures: the Kaohsiung organisation and one person of each kind for permission matrices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from yankao.org.models import Agency, Role, User

# Playwright + Chromium fixtures (`page`, `browser_context`, `assert_accessible`) for any app's browser tests
pytest_plugins = ["yankao.portal.tests.browser"]

PERSONAS = ["anonymous", "citizen", "other_staff", "own_staff", "commission", "admin"]


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar() -> Iterator[None]:
    """Each test reads the calendar its own transaction holds, not one cached by an earlier test."""
    from yankao.core.workdays import calendar_cache_clear

    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture
def city(db: Any) -> Any:
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    return org_load_city_file(path=KAOHSIUNG_FILE).city


@pytest.fixture
def commission_agency(city: Any) -> Agency:
    return Agency.objects.get(city=city, kind=Agency.Kind.COMMISSION)


@pytest.fixture
def own_agency(city: Any) -> Agency:
    """The agency whose records the matrix tests look at (工務局)."""
    return Agency.objects.get(city=city, code="PWB")


@pytest.fixture
def other_agency(city: Any) -> Agency:
    return Agency.objects.get(city=city, code="CAB")


def make_staff(username: str, agency: Agency, *roles: str) -> User:
    from yankao.org.services import user_create_staff

    return user_create_staff(username=username, password="pw-test-123456", agency=agency, roles=list(roles))


@pytest.fixture
def people(city: Any, own_agency: Agency, other_agency: Agency, commission_agency: Agency) -> dict[str, User | None]:
    from yankao.org.services import user_create_citizen

    return {
        "anonymous": None,
        "citizen": user_create_citizen(username="citizen-a", email="a@example.tw", password="pw-test-123456"),
        "other_staff": make_staff("other-officer", other_agency, Role.CASE_OFFICER),
        "own_staff": make_staff("own-officer", own_agency, Role.CASE_OFFICER),
        "commission": make_staff("rdec-officer", commission_agency, Role.COMMISSION_OFFICER),
        "admin": make_staff("rdec-admin", commission_agency, Role.COMMISSION_ADMIN),
    }


def login_as(client: Any, user: User | None) -> Any:
    """Sign `user` in on the test client as if they had passed password + TOTP."""
    if user is None:
        return client
    client.force_login(user)
    if user.kind == User.Kind.STAFF:
        from allauth.mfa.totp.internal.auth import TOTP

        from yankao.org.middleware import MFA_FRESH_SESSION_KEY

        if not user.authenticator_set.exists():  # type: ignore[attr-defined]
            TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        session = client.session
        session[MFA_FRESH_SESSION_KEY] = True
        session.save()
    return client


@pytest.fixture
def client_for(client: Any, people: dict[str, User | None]) -> Any:
    def _client(persona: str) -> Any:
        return login_as(client, people[persona])

    return _client
