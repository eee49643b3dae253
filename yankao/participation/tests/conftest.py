"""Fixtures of the participation tests: verified citizens made through the real code flow."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from yankao.core.notify import MemorySender
from yankao.org.models import Agency, User
from yankao.participation import services

TAIPEI = ZoneInfo("Asia/Taipei")


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    """An aware moment in Taipei (tests drive time explicitly)."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=TAIPEI)


@pytest.fixture(autouse=True)
def _empty_outboxes() -> Iterator[None]:
    MemorySender.outbox.clear()
    yield
    MemorySender.outbox.clear()


def last_code(to: str) -> str:
    """The code in the latest SMS or email sent to `to`."""
    for target, message in reversed(MemorySender.outbox):
        if target == to:
            return re.search(r"\d{6}", message).group(0)  # type: ignore[union-attr]
    for message in reversed(mail.outbox):
        if to in message.to:
            return re.search(r"\d{6}", message.body).group(0)  # type: ignore[union-attr]
    raise AssertionError(f"no code sent to {to}")


@pytest.fixture
def verify(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """verify(user, mobile, email, now=...) — send and confirm both codes through the services."""

    def _verify(user: User, mobile: str, email: str, now: dt.datetime | None = None) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            services.verification_code_send(user=user, channel="sms", target=mobile, now=now)
        code = last_code(services.normalise_mobile(mobile))
        services.verification_code_confirm(user=user, channel="sms", code=code, now=now)
        with django_capture_on_commit_callbacks(execute=True):
            services.verification_code_send(user=user, channel="email", target=email, now=now)
        return services.verification_code_confirm(user=user, channel="email", code=last_code(email), now=now)

    return _verify


@pytest.fixture
def make_citizen(city: Any, verify: Callable[..., Any]) -> Callable[..., User]:
    counter = {"n": 0}

    def _make(mobile: str | None = None, *, verified: bool = True, now: dt.datetime | None = None, **kw: Any) -> User:
        from yankao.org.services import user_create_citizen

        counter["n"] += 1
        n = counter["n"]
        user = user_create_citizen(
            username=kw.get("username", f"p-citizen-{n}"), email=f"p{n}@example.tw", password="pw-test-123456"
        )
        if verified:
            verify(user, mobile or f"0912{n:06d}", f"p{n}@example.tw", now=now or at(2024, 1, 2, 9))
        return user

    return _make


@pytest.fixture
def proposer(people: dict[str, Any], verify: Callable[..., Any]) -> User:
    """The matrix's citizen, verified."""
    user = people["citizen"]
    verify(user, "0911000111", "a@example.tw", now=at(2024, 1, 2, 9))
    return user


@pytest.fixture
def pwb(own_agency: Agency) -> Agency:
    return own_agency


def submit(actor: User, agency: Agency, *, now: dt.datetime, title: str = "增設公園遮蔭設施") -> Any:
    return services.proposal_submit(
        actor=actor,
        title=title,
        content="公園缺乏遮蔭，夏天無法使用。",
        expected_benefit="提升公園使用率。",
        agencies=[agency],
        now=now,
    )
