"""中程施政計畫 KPI: indicators, yearly targets and actuals, and the improvement-suggestion loop."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.org.models import Agency, User
from yankao.programmes.models import KpiIndicator, KpiSuggestion, KpiValue
from yankao.programmes.permissions import can_act_for_agency, can_manage_programmes

from ._common import fail_if, require


def kpi_indicator_create(
    *, actor: User, agency: Agency, code: str, name: str, unit: str, direction: str, plan_period: str = ""
) -> KpiIndicator:
    require(can_manage_programmes(actor) or can_act_for_agency(actor, agency), "您沒有權限新增此機關的指標")
    errors = [msg for ok, msg in ((code.strip(), "請輸入指標代碼"), (name.strip(), "請輸入指標名稱")) if not ok]
    if not unit.strip():
        errors.append("請輸入衡量單位")
    if direction not in KpiIndicator.Direction.values:
        errors.append("方向須為「越高越好」或「越低越好」")
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
    *, actor: User, indicator: KpiIndicator, year: int, target: Decimal, actual: Decimal | None = None, note: str = ""
) -> KpiValue:
    """Set a year's target (the commission or the agency) and actual (the agency reports it)."""
    require(can_manage_programmes(actor) or can_act_for_agency(actor, indicator.agency), "您沒有權限填報此指標")
    errors = []
    if target <= 0:
        errors.append("目標值須大於 0")
    if actual is not None and actual < 0:
        errors.append("實際值不得為負數")
    fail_if(errors)
    with transaction.atomic():
        value = KpiValue.objects.filter(indicator=indicator, year=year).first() or KpiValue(
            indicator=indicator, year=year
        )
        value.target, value.actual, value.note = target, actual, note.strip()
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
    if suggestion.status != KpiSuggestion.Status.REPLIED:
        raise ValidationError("機關尚未回復，不能結案")
    with transaction.atomic():
        suggestion.status = KpiSuggestion.Status.CLOSED
        suggestion.save()
    return suggestion
