"""KPI achievement (達成率) per indicator, per agency and overall.

Rules (as data in ControlRules, in force on 31 December of the year):
- an indicator's rate is actual ÷ target × 100 when higher is better, target ÷ actual × 100 when
  lower is better (an actual of 0 when lower is better counts as fully achieved);
- the rate that enters an average is capped at `kpi_rate_cap_pct` (100 %), so over-achievement
  on one indicator does not hide under-achievement on another;
- the agency rate and the overall rate are the plain mean of the capped rates of the indicators
  with both a target and an actual that year, rounded half-up to one decimal;
- an indicator is flagged far below when its uncapped rate is under `kpi_far_below_pct`, far above
  when over `kpi_far_above_pct`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yankao.org.models import Agency
from yankao.programmes.models import KpiIndicator, KpiSuggestion, KpiValue
from yankao.programmes.selectors.rules import rules_in_force

HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")


@dataclass
class KpiRow:
    indicator: KpiIndicator
    value: KpiValue
    rate: Decimal  # uncapped, two places
    capped: Decimal
    flag: str | None  # KpiSuggestion.Kind or None


def achievement_rate(*, target: Decimal, actual: Decimal, direction: str) -> Decimal:
    if direction == KpiIndicator.Direction.LOWER:
        raw = HUNDRED * 10 if actual == 0 else target * HUNDRED / actual
    else:
        raw = actual * HUNDRED / target
    return raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def kpi_rows(*, year: int, agency_ids: set[int] | None = None) -> list[KpiRow]:
    rules = rules_in_force(dt.date(year + 1911, 12, 31))
    qs = KpiValue.objects.filter(year=year, actual__isnull=False).select_related("indicator", "indicator__agency")
    if agency_ids is not None:
        qs = qs.filter(indicator__agency_id__in=agency_ids)
    rows = []
    for value in qs.order_by("indicator__agency__sort_order", "indicator__code"):
        assert value.actual is not None
        r = achievement_rate(target=value.target, actual=value.actual, direction=value.indicator.direction)
        rows.append(KpiRow(value.indicator, value, r, min(r, rules.kpi_rate_cap_pct), _flag(r, rules)))
    return rows


def _flag(rate: Decimal, rules: Any) -> str | None:
    if rate < rules.kpi_far_below_pct:
        return KpiSuggestion.Kind.FAR_BELOW
    if rate > rules.kpi_far_above_pct:
        return KpiSuggestion.Kind.FAR_ABOVE
    return None


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def kpi_overall_rate(*, year: int) -> Decimal | None:
    """整體達成率 of the mid-term plan KPIs for `year` (reference: 112 → 94.5)."""
    return _mean([r.capped for r in kpi_rows(year=year)])


def kpi_rate_change(*, year: int) -> Decimal | None:
    """Change of the overall rate on the previous year, in percentage points (reference: 112 → +1.2)."""
    now, before = kpi_overall_rate(year=year), kpi_overall_rate(year=year - 1)
    if now is None or before is None:
        return None
    return now - before


def kpi_agency_rates(*, year: int, agency_ids: set[int] | None = None) -> list[dict[str, Any]]:
    by_agency: dict[int, list[KpiRow]] = defaultdict(list)
    for row in kpi_rows(year=year, agency_ids=agency_ids):
        by_agency[row.indicator.agency_id].append(row)
    agencies = Agency.objects.in_bulk(list(by_agency))
    out = [
        {
            "agency": agencies[aid],
            "indicators": len(rows),
            "rate": _mean([r.capped for r in rows]),
            "far_below": sum(r.flag == KpiSuggestion.Kind.FAR_BELOW for r in rows),
            "far_above": sum(r.flag == KpiSuggestion.Kind.FAR_ABOVE for r in rows),
        }
        for aid, rows in by_agency.items()
    ]
    return sorted(out, key=lambda r: (r["agency"].sort_order, r["agency"].code))


@dataclass
class IndicatorYear:
    """One year of an indicator: its value, and the rate and flag once an actual is in."""

    value: KpiValue
    rate: Decimal | None
    flag: str | None
    suggestion: KpiSuggestion | None


def kpi_indicator_years(*, indicator: KpiIndicator) -> list[IndicatorYear]:
    """An indicator's yearly targets, actuals, rates, flags and suggestions, oldest year first."""
    suggestions = {s.year: s for s in indicator.suggestions.all()}
    out = []
    for value in indicator.values.order_by("year"):
        rate = flag = None
        if value.actual is not None:
            rules = rules_in_force(dt.date(value.year + 1911, 12, 31))
            rate = achievement_rate(target=value.target, actual=value.actual, direction=indicator.direction)
            flag = _flag(rate, rules)
        out.append(IndicatorYear(value, rate, flag, suggestions.get(value.year)))
    return out


def kpi_indicator_list(*, year: int, agency_ids: set[int] | None = None) -> list[tuple[KpiIndicator, KpiValue | None]]:
    """The indicators in scope with their value of `year` (None when the year has none yet)."""
    qs = KpiIndicator.objects.filter(is_active=True).select_related("agency")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    values = {v.indicator_id: v for v in KpiValue.objects.filter(year=year, indicator__in=qs)}
    return [(indicator, values.get(indicator.pk)) for indicator in qs]


def kpi_flagged(*, year: int, agency_ids: set[int] | None = None) -> list[KpiRow]:
    return [r for r in kpi_rows(year=year, agency_ids=agency_ids) if r.flag]


def kpi_years() -> list[int]:
    return list(KpiValue.objects.order_by("-year").values_list("year", flat=True).distinct())
