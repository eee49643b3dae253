"""Fixtures of the service app: a case in the own agency (工務局), people with manager roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import make_staff
from yankao.org.models import Agency, Role
from yankao.service.services import case_create

LINGYA = (22.6206, 120.3126)  # 四維行政中心, 苓雅區
FENGSHAN = (22.6273, 120.3571)  # 鳳山區公所


def file_case(**overrides: Any) -> Any:
    """A petition on roads and parks (routes to 工務局), filed on the web with an email reply."""
    fields: dict[str, Any] = {
        "actor": None,
        "channel": "mayor_mailbox",
        "category": "P11",
        "description": "四維三路人行道破損，行人容易絆倒，請儘速修復。",
        "address": "高雄市苓雅區四維三路2號",
        "contact_name": "王小明",
        "contact_email": "ming@example.tw",
        "reply_channel": "email",
    }
    fields.update(overrides)
    return case_create(**fields)


@pytest.fixture
def own_manager(own_agency: Agency) -> Any:
    return make_staff("own-manager", own_agency, Role.AGENCY_MANAGER)


@pytest.fixture
def other_manager(other_agency: Agency) -> Any:
    return make_staff("other-manager", other_agency, Role.AGENCY_MANAGER)


@pytest.fixture
def own_case(people: dict[str, Any]) -> Any:
    """A case of 工務局 (own agency) filed by the signed-in citizen."""
    return file_case(citizen=people["citizen"], contact_name="", contact_email="")


@pytest.fixture
def aware() -> Any:
    from yankao.core.workdays import TAIPEI

    def _aware(*args: int) -> dt.datetime:
        return dt.datetime(*args, tzinfo=TAIPEI)

    return _aware


@pytest.fixture
def service_defaults(db: Any) -> None:
    """The Kaohsiung rule defaults of migration 0002, for tests after a flush (live server, browser)."""
    import importlib

    from django.apps import apps

    importlib.import_module("yankao.service.migrations.0002_kaohsiung_defaults").seed(apps, None)
