"""Fixtures of programme control: a project manager and an agency manager of 工務局 (the matrix's
own agency), and a programme of theirs with a work plan, all made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import make_staff
from yankao.org.models import Role
from yankao.programmes.months import current_month

from .helpers import make_programme, plan_linear


@pytest.fixture(autouse=True)
def _rule_defaults(db: Any) -> None:
    """The Kaohsiung rule rows of migration 0002, back in place if a transactional test flushed them."""
    import importlib

    from django.apps import apps

    importlib.import_module("yankao.programmes.migrations.0002_kaohsiung_rules").load(apps, None)


@pytest.fixture
def pm(own_agency: Any) -> Any:
    user = make_staff("pwb-pm", own_agency, Role.PROJECT_MANAGER)
    user.email = "pm@pwb.example.tw"
    user.save()
    return user


@pytest.fixture
def manager(own_agency: Any) -> Any:
    return make_staff("pwb-manager", own_agency, Role.AGENCY_MANAGER)


@pytest.fixture
def other_manager(other_agency: Any) -> Any:
    return make_staff("cab-manager", other_agency, Role.AGENCY_MANAGER)


@pytest.fixture
def programme(people: Any, own_agency: Any, pm: Any) -> Any:
    programme = make_programme(people["commission"], own_agency, pm)
    plan_linear(people["commission"], programme)
    return programme


@pytest.fixture
def current_programme(people: Any, own_agency: Any, pm: Any) -> Any:
    """A programme of this year, so that this month may be reported on (and is not late)."""
    month = current_month()
    programme = make_programme(
        people["commission"],
        own_agency,
        pm,
        year=month.year - 1911,
        code="PNOW-001",
        start_date=dt.date(month.year, 1, 1),
        end_date=dt.date(month.year, 12, 31),
    )
    plan_linear(people["commission"], programme)
    return programme
