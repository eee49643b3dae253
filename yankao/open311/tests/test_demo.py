"""The demo posts through the API's services, idempotently."""

from __future__ import annotations

from typing import Any

import pytest

from yankao.core.demo import DemoContext
from yankao.open311 import demo
from yankao.open311.models import ApiClient, RequestUpdate, Submission

pytestmark = pytest.mark.django_db


def test_demo_populates_and_reruns_without_doubling(city: Any) -> None:
    ctx = DemoContext(scale=0.05, progress=lambda _: None)
    demo.populate(ctx)
    assert ApiClient.objects.count() == 3
    assert Submission.objects.count() == 6 + 1 and RequestUpdate.objects.count() == 1
    demo.populate(DemoContext(scale=0.05, progress=lambda _: None))
    assert Submission.objects.count() == 7 and RequestUpdate.objects.count() == 1
