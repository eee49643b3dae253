"""The rules in force on a date (the latest version that started on or before it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from yankao.programmes.models import ControlRules, DelayReason, EvaluationCriterion, GradeBand


def rules_in_force(on: dt.date) -> ControlRules:
    rules = ControlRules.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if rules is None:  # no rule data at all: the documented defaults, unsaved
        return ControlRules(effective_from=on, report_due_day=10)
    return rules


def criteria_in_force(scheme: str, on: dt.date) -> list[EvaluationCriterion]:
    latest = (
        EvaluationCriterion.objects.filter(scheme=scheme, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(EvaluationCriterion.objects.filter(scheme=scheme, effective_from=latest).order_by("sort_order"))


def bands_in_force(scheme: str, on: dt.date) -> list[dict[str, str]]:
    """[{"grade": "甲", "min_score": "90"}, …], highest first."""
    latest = (
        GradeBand.objects.filter(scheme=scheme, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    if latest is None:
        return []
    bands = GradeBand.objects.filter(scheme=scheme, effective_from=latest).order_by("-min_score")
    return [{"grade": b.grade, "min_score": str(b.min_score)} for b in bands]


def grade_for(score: Decimal, bands: list[dict[str, str]]) -> str:
    """The grade of the highest band whose minimum the score reaches ('' below every band)."""
    for band in sorted(bands, key=lambda b: Decimal(b["min_score"]), reverse=True):
        if score >= Decimal(band["min_score"]):
            return band["grade"]
    return ""


def delay_reasons() -> list[DelayReason]:
    return list(DelayReason.objects.filter(is_active=True))
