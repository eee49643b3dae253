"""The demo city reproduces the reference report's figures for 管制考核 / 綜合計畫 exactly, from
records made through the services (read back through the selectors the annual report uses)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yankao.core.audit import verify_chain
from yankao.core.demo import DemoContext
from yankao.programmes.models import MonthlyReport
from yankao.programmes.selectors import figures as f
from yankao.programmes.selectors.kpis import kpi_overall_rate, kpi_rate_change

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_reference_figures(city):
    from yankao.org import demo as org_demo
    from yankao.programmes import demo

    ctx = DemoContext(scale=1, progress=lambda _m: None)
    org_demo.populate(ctx)
    demo.populate(ctx)

    assert f.controlled_programme_count(year=113) == 132
    assert MonthlyReport.objects.filter(programme__year=113, status="accepted").count() == 132 * 12
    assert f.evaluation_grade_counts(year=112) == {"evaluated": 117, "甲": 26, "乙": 91}
    assert kpi_overall_rate(year=112) == Decimal("94.5")
    assert kpi_rate_change(year=112) == Decimal("1.2")
    assert f.prereview_totals(budget_year=114) == {
        "proposals": Decimal(72),
        "requested": Decimal(552 * 100_000_000),
        "approved_public": Decimal("105.42") * 100_000_000,
        "approved_fund": Decimal("188.49") * 100_000_000,
    }
    assert f.prereview_call_issued_on(budget_year=114) == dt.date(2024, 2, 26)
    assert f.prereview_training(budget_year=114) == {"dates": [dt.date(2024, 2, 27)], "batches": 2, "attendees": 75}
    subsidies = f.subsidy_totals(year=113)
    assert (subsidies["cases"], subsidies["amount"], subsidies["ndc_score"]) == (
        208,
        Decimal("4285000000"),
        Decimal("99.87"),
    )
    assert f.enterprise_results(year=112) == {
        "grades": {"輪船公司": "甲", "動產質借所": "甲"},
        "sessions": [dt.date(2024, 5, 22), dt.date(2024, 5, 23), dt.date(2024, 7, 3)],
    }
    assert f.coordination_meeting_count(year=113) == 4

    # idempotent: running again adds nothing
    demo.populate(ctx)
    assert f.controlled_programme_count(year=113) == 132
    assert f.evaluation_grade_counts(year=112)["evaluated"] == 117
    assert verify_chain().ok
