"""Every write to the risk register: cycles, objectives, risks, countermeasures, approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.org.models import Agency
from yankao.registers.risks.models import (
    AssessmentCycle,
    Countermeasure,
    LevelBand,
    MatrixCell,
    Objective,
    RiskItem,
    RiskScale,
    ScaleLevel,
)
from yankao.registers.risks.permissions import can_approve_cycle, can_edit_cycle, can_start_cycle


def default_scale() -> RiskScale:
    scale = RiskScale.objects.filter(is_default=True).first()
    if scale is None:
        raise ValidationError("尚未設定預設風險尺度")
    return scale


def band_for(scale: RiskScale, likelihood: int, impact: int) -> LevelBand:
    """The level band of a (likelihood, impact) pair on `scale`; off-scale values are refused."""
    problems = []
    for axis, value in ((ScaleLevel.Axis.LIKELIHOOD, likelihood), (ScaleLevel.Axis.IMPACT, impact)):
        if not isinstance(value, int) or not 1 <= value <= scale.size:
            problems.append(f"{axis.label}須為 1 到 {scale.size} 之間的整數（收到 {value}）")
    if problems:
        raise ValidationError(problems)
    cell = MatrixCell.objects.select_related("band").filter(scale=scale, likelihood=likelihood, impact=impact).first()
    if cell is None:
        raise ValidationError(f"風險矩陣缺少 發生機率 {likelihood} × 影響程度 {impact} 的等級設定")
    return cell.band


def _editable(actor: Any, cycle: AssessmentCycle) -> None:
    if not can_edit_cycle(actor, cycle):
        raise PermissionDenied("您沒有權限編輯此機關的風險評估")
    if cycle.status == AssessmentCycle.Status.APPROVED:
        raise ValidationError("此年度風險評估已核定，不能再修改")


def cycle_create(*, actor: Any, agency: Agency, year: int, scale: RiskScale | None = None) -> AssessmentCycle:
    """Open the year's assessment; it keeps the scale chosen now (the default 3×3 unless told)."""
    if not can_start_cycle(actor, agency):
        raise PermissionDenied("您沒有權限為此機關建立風險評估")
    if AssessmentCycle.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(f"{agency} {year - 1911} 年的風險評估已建立")
    with transaction.atomic():
        cycle = AssessmentCycle(agency=agency, year=year, scale=scale or default_scale())
        cycle.save()
    return cycle


def objective_add(*, actor: Any, cycle: AssessmentCycle, text: str) -> Objective:
    _editable(actor, cycle)
    if not text.strip():
        raise ValidationError("請填寫目標")
    with transaction.atomic():
        objective = Objective(cycle=cycle, text=text.strip(), sort_order=cycle.objectives.count() + 1)
        objective.save()
    return objective


def risk_add(
    *,
    actor: Any,
    cycle: AssessmentCycle,
    code: str,
    title: str,
    scenario: str,
    existing_controls: str,
    likelihood: int,
    impact: int,
    objective: Objective | None = None,
) -> RiskItem:
    """Identify and rate a risk (風險辨識及分析); its level comes from the cycle's matrix."""
    _editable(actor, cycle)
    code, title = code.strip(), title.strip()
    if not (code and title and scenario.strip()):
        raise ValidationError("風險編號、風險項目與風險情境皆為必填")
    if RiskItem.objects.filter(cycle=cycle, code=code).exists():
        raise ValidationError(f"風險編號 {code} 已使用")
    if objective is not None and objective.cycle_id != cycle.pk:
        raise ValidationError("目標不屬於此年度評估")
    band = band_for(cycle.scale, likelihood, impact)
    with transaction.atomic():
        risk = RiskItem(
            cycle=cycle,
            objective=objective,
            code=code,
            title=title,
            scenario=scenario.strip(),
            existing_controls=existing_controls.strip(),
            likelihood=likelihood,
            impact=impact,
            level=band.code,
        )
        risk.save()
    return risk


def countermeasure_add(*, actor: Any, risk: RiskItem, description: str, owner: str, due_on: dt.date) -> Countermeasure:
    """新增風險對策 with its owner and deadline."""
    _editable(actor, risk.cycle)
    if not description.strip() or not owner.strip():
        raise ValidationError("對策內容與負責單位皆為必填")
    with transaction.atomic():
        measure = Countermeasure(risk=risk, description=description.strip(), owner=owner.strip(), due_on=due_on)
        measure.save()
    return measure


def risk_rate_residual(*, actor: Any, risk: RiskItem, likelihood: int, impact: int) -> RiskItem:
    """The residual risk once the new countermeasures are in place (殘餘風險)."""
    _editable(actor, risk.cycle)
    if not risk.countermeasures.exists():
        raise ValidationError("請先登錄新增風險對策，再評估殘餘風險")
    band = band_for(risk.cycle.scale, likelihood, impact)
    if likelihood * impact > risk.score:
        raise ValidationError("殘餘風險不應高於現有風險")
    with transaction.atomic():
        risk.residual_likelihood, risk.residual_impact, risk.residual_level = likelihood, impact, band.code
        risk.save()
    return risk


def cycle_approve(*, actor: Any, cycle: AssessmentCycle, approved_on: dt.date) -> AssessmentCycle:
    """Approve the year's 彙總表與風險圖像: every risk above the lowest band needs countermeasures
    and a residual rating first."""
    if not can_approve_cycle(actor, cycle):
        raise PermissionDenied("需由機關主管或研考會核定")
    if cycle.status == AssessmentCycle.Status.APPROVED:
        raise ValidationError("此年度風險評估已核定")
    if not cycle.risks.exists():
        raise ValidationError("尚未登錄任何風險項目")
    lowest = cycle.scale.bands.order_by("rank").first()
    missing = [
        r.code
        for r in cycle.risks.prefetch_related("countermeasures")
        if lowest is not None and r.level != lowest.code and (not r.countermeasures.all() or not r.residual_level)
    ]
    if missing:
        raise ValidationError(f"下列風險須先登錄新增對策及殘餘風險：{'、'.join(missing)}")
    with transaction.atomic():
        cycle.status, cycle.approved_on = AssessmentCycle.Status.APPROVED, approved_on
        cycle.save()
    return cycle
