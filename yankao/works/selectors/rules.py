"""The rules in force on a date (規則資料 with `effective_from`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from yankao.works.models import AmountTier, GradeBand, WorksRule


def rule_in_force(on: dt.date) -> WorksRule:
    """The works rule set whose `effective_from` is the latest on or before `on`."""
    rule = WorksRule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if rule is None:  # nothing in force yet: the model defaults are the Kaohsiung defaults
        return WorksRule(effective_from=on)
    return rule


def tiers_in_force(on: dt.date) -> list[AmountTier]:
    """One row per tier code (the version in force on `on`), highest cut-off first."""
    latest: dict[str, AmountTier] = {}
    for tier in AmountTier.objects.filter(effective_from__lte=on).order_by("code", "-effective_from"):
        latest.setdefault(tier.code, tier)
    return sorted(latest.values(), key=lambda t: -t.min_amount)


def tier_for(amount: Decimal | int, on: dt.date) -> AmountTier | None:
    for tier in tiers_in_force(on):
        if Decimal(amount) >= tier.min_amount:
            return tier
    return None


@dataclass(frozen=True)
class Grade:
    name: str
    needs_follow_up: bool


def grade_bands_in_force(on: dt.date) -> list[GradeBand]:
    versions = GradeBand.objects.filter(effective_from__lte=on).order_by("-effective_from")
    first = versions.first()
    if first is None:
        return []
    return list(versions.filter(effective_from=first.effective_from).order_by("-min_score"))


def grade_for(score: Decimal, on: dt.date) -> Grade:
    """優等 ≥ 90, 甲等 ≥ 80, 乙等 ≥ 70, 丙等 below, as the bands in force on `on` say."""
    for band in grade_bands_in_force(on):
        if score >= band.min_score:
            return Grade(band.name, band.needs_follow_up)
    return Grade("丙等", True)
