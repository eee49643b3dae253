"""中程施政計畫 KPI: indicators, yearly targets and actuals, and the improvement-suggestion loop."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.org.models import Agency, User
from yankao.programmes.models import KpiIndicator, KpiSuggestion, KpiValue
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes

from ._common import fail_if, require, to_decimal

PERIOD = re.compile(r"^\s*(\d{2,3})\s*[-–~～至]\s*(\d{2,3})\s*$")


def plan_period_years(plan_period: str) -> tuple[int, int] | None:
    """中程計畫期間 such as 111-114 as (first, last) ROC year; None when blank or not of that shape."""
    match = PERIOD.match(plan_period or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _period_errors(plan_period: str) -> list[str]:
    if not plan_period.strip():
        return []
    years = plan_period_years(plan_period)
    if years is None:
        return [f"中程計畫期間「{plan_period}」格式不正確，請寫成起訖民國年度，例如 111-114"]
    if years[0] > years[1]:
        return [f"中程計畫期間的起始年度（{years[0]}）不得晚於結束年度（{years[1]}）"]
    return []


def _number(value: Any, label: str, errors: list[str]) -> Decimal | None:
    """A target or actual as a finite Decimal (the API and importers may pass text); None if not one."""
    if value is None:
        return None
    before = len(errors)
    number = to_decimal(value, label, errors)
    if len(errors) > before:
        return None
    if not number.is_finite():
        errors.append(f"{label}「{value}」不是有效的數字")
        return None
    return number


def kpi_indicator_create(
    *, actor: User, agency: Agency, code: str, name: str, unit: str, direction: str, plan_period: str = ""
) -> KpiIndicator:
    require(can_manage_programmes(actor) or can_act_for_agency(actor, agency), "您沒有權限新增此機關的指標")
    errors = [msg for ok, msg in ((code.strip(), "請輸入指標代碼"), (name.strip(), "請輸入指標名稱")) if not ok]
    if not unit.strip():
        errors.append("請輸入衡量單位")
    if direction not in KpiIndicator.Direction.values:
        errors.append("方向須為「越高越好」或「越低越好」")
    errors += _period_errors(plan_period)
    if KpiIndicator.objects.filter(agency=agency, code=code.strip()).exists():
        errors.append(f"{agency} 已有指標代碼 {code}")
    fail_if(errors)
    with transaction.atomic():
        indicator = KpiIndicator(
            agency=agency,
            code=code.strip(),
            name=name.strip(),
            unit=unit.strip(),
            direction=direction,
            plan_period=plan_period.strip(),
        )
        indicator.save()
    return indicator


def kpi_value_set(
    *,
    actor: User,
    indicator: KpiIndicator,
    year: int,
    target: Decimal | None,
    actual: Decimal | None = None,
    note: str = "",
) -> KpiValue:
    """Set a year's target (the commission or the agency) and actual (the agency reports it).

    A target of None keeps the year's target already set. The year must lie in the indicator's
    中程計畫期間 when it has one."""
    require(can_manage_programmes(actor) or can_act_for_agency(actor, indicator.agency), "您沒有權限填報此指標")
    held = KpiValue.objects.filter(indicator=indicator, year=year).first()
    errors: list[str] = []
    target_value = _number(target, "目標值", errors) if target is not None else getattr(held, "target", None)
    actual_value = _number(actual, "實際值", errors)
    if target is None and held is None:
        errors.append(f"{year} 年度尚無目標值，請輸入目標值")
    if target_value is not None and target_value <= 0:
        errors.append("目標值須大於 0")
    if actual_value is not None and actual_value < 0:
        errors.append("實際值不得為負數")
    period = plan_period_years(indicator.plan_period)
    if period is not None and not period[0] <= year <= period[1]:
        errors.append(f"{year} 年度不在此指標的中程計畫期間（{period[0]}–{period[1]} 年度）內")
    fail_if(errors)
    with transaction.atomic():
        value = held or KpiValue(indicator=indicator, year=year)
        if target_value is not None:
            value.target = target_value
        value.actual, value.note = actual_value, note.strip()
        value.save()
    return value


def kpi_suggestion_send(*, actor: User, indicator: KpiIndicator, year: int, suggestion: str) -> KpiSuggestion:
    """研提改善建議 on an indicator the rules flag as far below or far above its target."""
    from yankao.programmes.selectors.kpis import kpi_rows

    require(can_manage_programmes(actor), "只有研考會可以函送改善建議")
    row = next(
        (r for r in kpi_rows(year=year, agency_ids={indicator.agency_id}) if r.indicator.pk == indicator.pk), None
    )
    errors = [] if suggestion.strip() else ["請輸入改善建議"]
    if row is None or row.flag is None:
        errors.append("此指標的達成率未達績效不佳或大幅超越的門檻，不需研提改善建議")
    if KpiSuggestion.objects.filter(indicator=indicator, year=year).exists():
        errors.append("此指標本年度已函送改善建議")
    fail_if(errors)
    assert row is not None and row.flag is not None
    with transaction.atomic():
        sent = KpiSuggestion(
            indicator=indicator,
            year=year,
            kind=row.flag,
            suggestion=suggestion.strip(),
            sent_by=actor,
            sent_at=timezone.now(),
        )
        sent.save()
    return sent


def kpi_suggestion_reply(*, actor: User, suggestion: KpiSuggestion, reply: str) -> KpiSuggestion:
    require(can_act_for_agency(actor, suggestion.indicator.agency_id), "只有指標所屬機關可以回復")
    fail_if([] if reply.strip() else ["請輸入回復內容"])
    if suggestion.status == KpiSuggestion.Status.CLOSED:
        raise ValidationError("此建議已結案")
    with transaction.atomic():
        suggestion.reply, suggestion.status, suggestion.replied_at = (
            reply.strip(),
            KpiSuggestion.Status.REPLIED,
            timezone.now(),
        )
        suggestion.save()
    return suggestion


def kpi_suggestion_close(*, actor: User, suggestion: KpiSuggestion) -> KpiSuggestion:
    require(can_manage_programmes(actor), "只有研考會可以結案")
    if suggestion.status == KpiSuggestion.Status.CLOSED:
        raise ValidationError("此建議已結案")
    if suggestion.status != KpiSuggestion.Status.REPLIED:
        raise ValidationError("機關尚未回復，不能結案")
    with transaction.atomic():
        suggestion.status = KpiSuggestion.Status.CLOSED
        suggestion.save()
    return suggestion
