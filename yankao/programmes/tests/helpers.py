"""Helpers for programme tests: records made through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from yankao.programmes.services import programme_create, programme_set_plan
from yankao.programmes.services.programmes import MilestoneInput
from yankao.programmes.services.reports import ReportFigures

D = Decimal


def make_programme(actor: Any, agency: Any, pm: Any, *, year: int = 113, code: str = "P113-001", **extra: Any) -> Any:
    start = dt.date(year + 1911, 1, 1)
    return programme_create(
        actor=actor,
        code=code,
        name=extra.pop("name", "鳳山溪污水截流工程"),
        year=year,
        lead_agency=agency,
        start_date=extra.pop("start_date", start),
        end_date=extra.pop("end_date", dt.date(year + 1911, 12, 31)),
        project_manager=pm,
        budgets=extra.pop(
            "budgets",
            {"total_public": D(300_000_000), "year_public": D(120_000_000), "total_central": D(50_000_000)},
        ),
        **extra,
    )


def plan_linear(actor: Any, programme: Any) -> Any:
    """10 % planned per month from January, two milestones."""
    year = programme.start_date.year
    months = {dt.date(year, m, 1): D(min(100, m * 10)) for m in range(1, 13)}
    milestones = [
        MilestoneInput(1, "完成細部設計", dt.date(year, 3, 31), D(30)),
        MilestoneInput(2, "主體工程完成", dt.date(year, 10, 31), D(100)),
    ]
    return programme_set_plan(actor=actor, programme=programme, milestones=milestones, plan_months=months)


def figures(actual: str, allocated: int = 10_000_000, spent: int = 8_000_000, **extra: Any) -> ReportFigures:
    return ReportFigures(actual_pct=D(actual), budget_allocated=D(allocated), budget_spent=D(spent), **extra)
