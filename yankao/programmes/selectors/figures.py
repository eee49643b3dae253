"""The reference report's figures for 管制考核 and 綜合計畫, each a selector with explicit year
parameters, so the annual-report app reads them without knowing these models.

See docs/programmes.md for the figure each one reproduces.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from yankao.programmes.models import (
    CoordinationMeeting,
    Evaluation,
    EvaluationPlan,
    EvaluationSession,
    PreReviewCall,
    PreReviewProposal,
    Programme,
    Scheme,
    SubsidyCase,
    SubsidyYearResult,
    TrainingBatch,
)


def controlled_programme_count(*, year: int) -> int:
    """列管重大施政計畫 of `year` (ROC), cancelled ones excluded (113 → 132)."""
    return Programme.objects.filter(year=year).exclude(status=Programme.Status.CANCELLED).count()


def evaluation_grade_counts(*, year: int, scheme: str = Scheme.PROGRAMME) -> dict[str, int]:
    """年終考核 of `year`: evaluated programmes and how many earned each grade (112 → 117; 甲 26, 乙 91)."""
    plan = EvaluationPlan.objects.filter(scheme=scheme, year=year).first()
    if plan is None:
        return {"evaluated": 0}
    rows = plan.evaluations.exclude(grade="").values("grade").annotate(n=Count("pk"))
    counts = {r["grade"]: r["n"] for r in rows}
    return {
        "evaluated": plan.evaluations.count(),
        **dict(sorted(counts.items(), key=lambda kv: "甲乙丙丁".find(kv[0]))),
    }


def evaluation_grades_by_agency(*, year: int) -> list[dict[str, Any]]:
    plan = EvaluationPlan.objects.filter(scheme=Scheme.PROGRAMME, year=year).first()
    if plan is None:
        return []
    rows = (
        plan.evaluations.values("agency__name", "agency__sort_order", "grade")
        .annotate(n=Count("pk"))
        .order_by("agency__sort_order", "grade")
    )
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = out.setdefault(r["agency__name"], {"agency": r["agency__name"], "total": 0})
        entry[r["grade"] or "未評"] = r["n"]
        entry["total"] += r["n"]
    return list(out.values())


def coordination_meeting_count(*, year: int) -> int:
    """公共工程督導暨協調會報 held in `year` (113 → 4)."""
    return CoordinationMeeting.objects.filter(held_on__year=year + 1911).count()


def prereview_totals(*, budget_year: int) -> dict[str, Decimal]:
    """先期作業 of `budget_year` (114): requested total incl. fund and central subsidy (552 億),
    approved public budget (105.42 億) and fund budget (188.49 億), in 元."""
    agg = PreReviewProposal.objects.filter(call__budget_year=budget_year).aggregate(
        public=Sum("requested_public"),
        fund=Sum("requested_fund"),
        central=Sum("requested_central"),
        approved_public=Sum("approved_public"),
        approved_fund=Sum("approved_fund"),
        proposals=Count("pk"),
    )
    zero = Decimal(0)
    requested = (agg["public"] or zero) + (agg["fund"] or zero) + (agg["central"] or zero)
    return {
        "proposals": Decimal(agg["proposals"]),
        "requested": requested,
        "approved_public": agg["approved_public"] or zero,
        "approved_fund": agg["approved_fund"] or zero,
    }


def prereview_training(*, budget_year: int) -> dict[str, Any]:
    """研習班 of the call: dates, batches (梯次) and attendees (114 → 113-02-27, 2 batches, 75)."""
    batches = TrainingBatch.objects.filter(training__call__budget_year=budget_year).order_by("held_on", "seq")
    return {
        "dates": sorted({b.held_on for b in batches}),
        "batches": batches.count(),
        "attendees": sum(b.attendees for b in batches),
    }


def prereview_call_issued_on(*, budget_year: int) -> dt.date | None:
    """函頒日期 of the call (114 → 113-02-26)."""
    return PreReviewCall.objects.filter(budget_year=budget_year).values_list("issued_on", flat=True).first()


def subsidy_totals(*, year: int) -> dict[str, Any]:
    """基本設施補助 of `year`: cases, amount in 元, NDC score (113 → 208 cases, 42.85 億, 99.87)."""
    agg = SubsidyCase.objects.filter(year=year).aggregate(n=Count("pk"), amount=Sum("amount"))
    result = SubsidyYearResult.objects.filter(year=year).first()
    return {
        "cases": agg["n"],
        "amount": agg["amount"] or Decimal(0),
        "ndc_score": result.ndc_score if result else None,
        "problem_cases": SubsidyCase.objects.filter(year=year, has_problem=True).count(),
    }


def enterprise_results(*, year: int) -> dict[str, Any]:
    """市營事業機構年度考核 of `year`: enterprise → grade, and the session dates
    (112 → 輪船公司 甲, 動產質借所 甲; 113-05-22, 05-23, 07-03)."""
    plan = EvaluationPlan.objects.filter(scheme=Scheme.ENTERPRISE, year=year).first()
    if plan is None:
        return {"grades": {}, "sessions": []}
    evaluations = Evaluation.objects.filter(plan=plan).select_related("enterprise")
    return {
        "grades": {e.enterprise.short_name or e.enterprise.name: e.grade for e in evaluations if e.enterprise},
        "sessions": list(EvaluationSession.objects.filter(plan=plan).values_list("held_on", flat=True)),
    }
