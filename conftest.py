"""Shared fixtures: the Kaohsiung organisation and one person of each kind for permission matrices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from yankao.org.models import Agency, Role, User

# Playwright + Chromium fixtures (`page`, `browser_context`, `assert_accessible`) for any app's browser tests
pytest_plugins = ["yankao.portal.tests.browser"]

PERSONAS = ["anonymous", "citizen", "other_staff", "own_staff", "commission", "admin"]

# The test database as the migrations left it (data migrations seed calendar days, rule defaults,
# report kinds ...), serialized once per test process right after it is created.
_MIGRATED_STATE: dict[str, tuple[str, str]] = {}  # alias -> (test database name, serialized rows)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """pytest-django's test database, plus a snapshot of what the migrations put in it.

    A transactional test (`transactional_db`, `live_server`, every browser test) empties every
    table when it ends. Under xdist the order of tests in a worker is not pytest-django's
    (plain tests first), so later tests would find the data-migration rows gone; and
    `serialized_rollback` cannot help after Playwright (it looks for the copy on a connection
    object that is not the one it finds). So the snapshot is kept here, and
    `pytest_runtest_teardown` below puts it back after every transactional test.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            _MIGRATED_STATE[alias] = (connection.settings_dict["NAME"], connection.creation.serialize_db_to_string())


def _is_transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    from pytest_django.fixtures import validate_django_db

    return bool(validate_django_db(marker)[0])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After a transactional test has flushed the database, restore the migrated state."""
    result = yield
    # after the last test the session's teardown has already destroyed the test databases
    if nextitem is not None and _MIGRATED_STATE and _is_transactional(item):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.core.management.color import no_style
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for alias, (name, data) in _MIGRATED_STATE.items():
                if connections[alias].settings_dict["NAME"] != name:
                    continue  # never touch a database other than the test database
                # the test's flush re-created content types and permissions under new ids:
                # empty the tables again (without post_migrate) and load the snapshot as it was
                call_command(
                    "flush",
                    interactive=False,
                    inhibit_post_migrate=True,
                    reset_sequences=False,
                    database=alias,
                    verbosity=0,
                )
                connection = connections[alias]
                connection.creation.deserialize_db_from_string(data)
                # the snapshot's rows keep their ids: move PostgreSQL's sequences past them
                statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
                if connection.vendor == "postgresql":
                    # the case numbers' day sequences (service.services.cases) the test created
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT quote_ident(sequence_name) FROM information_schema.sequences"
                            " WHERE sequence_name LIKE 'service_case_no_%%'"
                        )
                        statements += [f"DROP SEQUENCE IF EXISTS {row[0]}" for row in cursor.fetchall()]
                if statements:
                    with connection.cursor() as cursor:
                        for statement in statements:
                            cursor.execute(statement)
        ContentType.objects.clear_cache()
    return result


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar() -> Iterator[None]:
    """Each test reads the calendar its own transaction holds, not one cached by an earlier test."""
    from yankao.core.snapshots import snapshots_clear_all
    from yankao.core.workdays import calendar_cache_clear
    from yankao.service.services.cases import pg_sequence_days_forget

    calendar_cache_clear()
    snapshots_clear_all()
    pg_sequence_days_forget()
    yield
    calendar_cache_clear()
    snapshots_clear_all()
    pg_sequence_days_forget()


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
