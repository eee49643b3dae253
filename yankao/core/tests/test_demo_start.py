"""The README's start command loads the demo city at its default scale (`./dev start`: 0.02), and
again on the next start (the same database): both must finish."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from yankao.core.audit import verify_chain

pytestmark = pytest.mark.django_db


def test_the_demo_city_loads_at_the_start_command_s_scale_and_again():
    for _ in range(2):
        out = io.StringIO()
        call_command("demo", "--scale", "0.02", stdout=out)
        assert "示範資料已就緒" in out.getvalue()
    assert verify_chain().ok
