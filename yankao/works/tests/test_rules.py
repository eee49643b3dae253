"""Rules of administration are data: tiers, grade bands, catalogue, and the record keeps its value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from yankao.works import services
from yankao.works.models import AmountTier, DefectCode, GradeBand, WorksRule
from yankao.works.selectors.rules import grade_for, rule_in_force, tier_for

pytestmark = pytest.mark.django_db

D = dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    "amount,tier",
    [
        (200_000_000, "huge"),
        (199_999_999, "audit"),
        (50_000_000, "audit"),
        (49_999_999, "announce"),
        (1_500_000, "announce"),
        (1_499_999, "below"),
        (0, "below"),
    ],
)
def test_kaohsiung_tier_cut_offs(amount, tier):
    assert tier_for(amount, D).code == tier


@pytest.mark.parametrize(
    "score,grade,follow",
    [
        ("100", "優等", False),
        ("90", "優等", False),
        ("89.99", "甲等", False),
        ("80", "甲等", False),
        ("79.5", "乙等", False),
        ("70", "乙等", False),
        ("69.99", "丙等", True),
        ("0", "丙等", True),
    ],
)
def test_default_grade_bands(score, grade, follow):
    result = grade_for(Decimal(score), D)
    assert (result.name, result.needs_follow_up) == (grade, follow)


def test_default_rule_values():
    rule = rule_in_force(D)
    assert (rule.filing_due_day, rule.documentary_checks_per_month, rule.behind_threshold_pct) == (6, 20, Decimal(10))
    assert (
        DefectCode.objects.filter(code__in=["4.01.01", "4.02.01", "4.03.01", "5.01.01", "6.01.01", "7.01.01"]).count()
        == 6
    )


def test_a_new_tier_version_applies_from_its_date_and_does_not_rewrite_projects(people, own_agency):
    old = services.project_create(
        actor=people["commission"],
        tender_number="T-1",
        name="舊案",
        agency=own_agency,
        contract_amount=60_000_000,
        award_date=dt.date(2024, 1, 10),
    )
    AmountTier.objects.create(
        code="audit",
        name="查核金額以上",
        min_amount=80_000_000,
        statutory_rate=Decimal("0.1"),
        effective_from=dt.date(2025, 1, 1),
        sort_order=2,
    )
    new = services.project_create(
        actor=people["commission"],
        tender_number="T-2",
        name="新案",
        agency=own_agency,
        contract_amount=60_000_000,
        award_date=dt.date(2025, 2, 1),
    )
    old.refresh_from_db()
    assert (old.tier, new.tier) == ("audit", "announce")


def test_a_new_grade_band_version_applies_from_its_date():
    for name, score in [("優等", 92), ("甲等", 82), ("乙等", 72), ("丙等", 0)]:
        GradeBand.objects.create(
            name=name, min_score=score, effective_from=dt.date(2025, 1, 1), needs_follow_up=name == "丙等"
        )
    assert grade_for(Decimal(91), dt.date(2024, 12, 31)).name == "優等"
    assert grade_for(Decimal(91), dt.date(2025, 1, 1)).name == "甲等"


def test_rule_versions():
    WorksRule.objects.create(effective_from=dt.date(2025, 1, 1), filing_due_day=10)
    assert rule_in_force(dt.date(2024, 12, 1)).filing_due_day == 6
    assert rule_in_force(dt.date(2025, 3, 1)).filing_due_day == 10
