"""The demo city reproduces the figures of section 肆、工程查核 of the reference report exactly,
computed from the records through the selectors the annual report will use.

One test (the demo takes a while): it runs the org and works demo, then a second time to show
that a re-run adds nothing, and checks every reference figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yankao.core.audit import audit_context, verify_chain
from yankao.core.demo import DemoContext
from yankao.works.models import CitizenReport, Inspection, Project
from yankao.works.selectors.figures import works_figures
from yankao.works.selectors.projects import filing_rate_lowest_month

pytestmark = pytest.mark.django_db


def test_demo_reproduces_the_reference_figures_of_113():
    from yankao.org import demo as org_demo
    from yankao.works import demo as works_demo

    ctx = DemoContext(scale=0.1, progress=lambda message: None)  # the 113 figures do not scale
    with audit_context(channel="demo", label="test demo"):
        org_demo.populate(ctx)
        works_demo.populate(ctx)
        counts = (Project.objects.count(), Inspection.objects.count(), CitizenReport.objects.count())
        works_demo.populate(ctx)
    assert (Project.objects.count(), Inspection.objects.count(), CitizenReport.objects.count()) == counts

    f = works_figures(year=113)
    # 113年度共計查核200件工程案（含複查3件），各工程規模級距之查核件數均達法定查核件數之2倍以上
    assert (f.totals.total, f.totals.regular, f.totals.reinspections) == (200, 197, 3)
    assert sum(t.inspected for t in f.tiers) == 200 == counts[1]
    assert [(t.code, t.projects, t.statutory_minimum) for t in f.tiers] == [
        ("huge", 40, 8),
        ("audit", 120, 12),
        ("announce", 300, 15),
        ("below", 60, 0),
    ]
    assert all(t.ratio is None or t.ratio >= 2 for t in f.tiers) and f.every_tier_at_least_double
    # 113年1月至12月標案管理系統每月填報率皆為100%
    assert [r.rate for r in f.filing] == [Decimal(100)] * 12
    assert all(r.required > 0 and r.late == 0 and r.missing == 0 for r in f.filing)
    assert filing_rate_lowest_month(year=113) == Decimal(100) and filing_rate_lowest_month(year=100) is None
    # 每月皆辦理工程標案進度書面查證(20件以上)
    assert len(f.checks) == 12 and all(c.checks >= 20 for c in f.checks)
    # 全民督工 110 件均已結案；15 件填報滿意度，13 件滿意、2 件不滿意，87%；在建 56 件，13 件查核，23%
    r = f.reports
    assert (r.total, r.closed) == (110, 110) == (counts[2], counts[2])
    assert (r.satisfaction_answers, r.satisfied, r.dissatisfied, r.satisfaction_rate) == (15, 13, 2, Decimal(87))
    assert (r.in_construction, r.inspected, r.inspection_rate) == (56, 13, Decimal(23))
    # 辦理提升工程人員品質教育訓練課程 7 場
    assert [t.held_on for t in f.training] == [
        dt.date(2024, 3, 27),
        dt.date(2024, 4, 11),
        dt.date(2024, 5, 31),
        dt.date(2024, 6, 14),
        dt.date(2024, 7, 5),
        dt.date(2024, 10, 22),
        dt.date(2024, 11, 8),
    ]
    assert [t.co_organiser for t in f.training] == ["", "", "", "人發中心", "教育局", "人發中心", "民政局"]
    assert f.training[1].title == "品質預警機制 2.0"
    assert verify_chain().ok
